"""Unrooted trees over witnesses: neighbour joining and weighted parsimony.

A tree is an adjacency map over integers: 0..n-1 are the witnesses of one tradition,
higher numbers hypothetical nodes. Parsimony is Fitch's, over binary characters (a
minority reading against the rest), computed for all characters at once on the bits of
Python integers: one integer per node and state, one bit per character. Weights are
kept as bit planes (weight = sum of 2**k over the planes a character is in), so a
weighted count is a few `int.bit_count` calls. That makes a full tree score a few dozen
integer operations, cheap enough to try every subtree-prune-and-regraft move.
"""

from __future__ import annotations

from collections.abc import Container, Iterator, Mapping, Sequence
from dataclasses import dataclass

Tree = dict[int, list[int]]
#: Weights are fixed-point with this many steps per unit.
WEIGHT_SCALE = 8


def add_edge(tree: Tree, a: int, b: int) -> None:
    tree.setdefault(a, []).append(b)
    tree.setdefault(b, []).append(a)


def remove_edge(tree: Tree, a: int, b: int) -> None:
    tree[a].remove(b)
    tree[b].remove(a)


def copy_tree(tree: Mapping[int, Sequence[int]]) -> Tree:
    return {node: list(neighbours) for node, neighbours in tree.items()}


def contract(tree: Tree, keep: int, drop: int) -> None:
    """Contract the edge keep-drop, `keep` taking `drop`'s other neighbours (after its
    own; each of them keeps its other neighbours in their order)."""
    remove_edge(tree, keep, drop)
    for neighbour in list(tree[drop]):
        remove_edge(tree, drop, neighbour)
        add_edge(tree, keep, neighbour)
    del tree[drop]


def edges(tree: Mapping[int, Sequence[int]]) -> list[tuple[int, int]]:
    return sorted((a, b) for a, neighbours in tree.items() for b in neighbours if a < b)


def side(tree: Mapping[int, Sequence[int]], node: int, away_from: int) -> list[int]:
    """The nodes reached from `node` without passing through `away_from`."""
    found, stack = [], [(node, away_from)]
    while stack:
        current, parent = stack.pop()
        found.append(current)
        stack.extend((n, current) for n in tree[current] if n != parent)
    return found


# --------------------------------------------------------------------------- neighbour joining


def neighbour_joining(
    distance: Sequence[Sequence[float]],
) -> tuple[Tree, dict[tuple[int, int], float]]:
    """Saitou and Nei's tree for a distance matrix, with its branch lengths.

    Ties are broken by node number, so the result depends only on the distances.
    """
    n = len(distance)
    tree: Tree = {i: [] for i in range(n)}
    lengths: dict[tuple[int, int], float] = {}
    # rows by node number: the witnesses, then a node for each of the n - 2 joins
    size = max(2 * n - 2, n)
    d = [[0.0] * size for _ in range(size)]
    for i in range(n):
        for j in range(n):
            d[i][j] = float(distance[i][j])
    total = [0.0] * size
    active = list(range(n))
    new = n

    def join(a: int, b: int, la: float, lb: float) -> None:
        add_edge(tree, a, new)
        add_edge(tree, b, new)
        lengths[(min(a, new), max(a, new))] = max(la, 0.0)
        lengths[(min(b, new), max(b, new))] = max(lb, 0.0)

    while len(active) > 2:
        r = len(active)
        for i in active:
            row = d[i]
            total[i] = sum(row[k] for k in active)
        best: tuple[float, int, int] | None = None
        for x, i in enumerate(active):
            row, spread = d[i], total[i]
            for j in active[x + 1 :]:
                q = (r - 2) * row[j] - spread - total[j]
                if best is None or q < best[0] - 1e-12:
                    best = (q, i, j)
        assert best is not None
        _, i, j = best
        li = 0.5 * d[i][j] + (total[i] - total[j]) / (2 * (r - 2))
        join(i, j, li, d[i][j] - li)
        for k in active:
            d[new][k] = d[k][new] = 0.5 * (d[i][k] + d[j][k] - d[i][j])
        d[new][new] = 0.0
        active = [k for k in active if k not in (i, j)] + [new]
        new += 1
    if len(active) == 2:
        a, b = active
        add_edge(tree, a, b)
        lengths[(min(a, b), max(a, b))] = max(d[a][b], 0.0)
    return _suppress_degree_two(tree, lengths, n)


def _suppress_degree_two(
    tree: Tree, lengths: dict[tuple[int, int], float], n: int
) -> tuple[Tree, dict[tuple[int, int], float]]:
    """The last join of three leaves leaves a hypothetical node with two neighbours."""
    for node in sorted(tree):
        if node >= n and len(tree[node]) == 2:
            a, b = tree[node]
            total = lengths.pop((min(a, node), max(a, node))) + lengths.pop(
                (min(b, node), max(b, node))
            )
            del tree[node]
            tree[a].remove(node)
            tree[b].remove(node)
            add_edge(tree, a, b)
            lengths[(min(a, b), max(a, b))] = total
    return tree, lengths


# --------------------------------------------------------------------------- parsimony


@dataclass(frozen=True)
class Characters:
    """Binary characters in bit-parallel form.

    `ones[w]` has bit c set when witness w has the minority reading of character c.
    """

    count: int
    ones: tuple[int, ...]
    #: bit plane k holds the characters whose fixed-point weight has bit k set
    planes: tuple[int, ...]
    #: per witness: the characters at locations it lacks (a fragment's lost beginning
    #: or end, a lacuna; `collate.stemma.fragments`); there it is read as its closest
    #: relative reads, so its state there is no evidence of its own
    unknown: tuple[int, ...] = ()

    @classmethod
    def build(
        cls,
        members: Sequence[int],
        weights: Sequence[float],
        witnesses: int,
        unknown: Sequence[int] = (),
    ) -> Characters:
        """`members[c]` is the bitmask of witnesses with the minority reading of c;
        `unknown[w]` the characters witness w lacks."""
        ones = [0] * witnesses
        planes: list[int] = []
        for c, (mask, weight) in enumerate(zip(members, weights, strict=True)):
            for w in range(witnesses):
                if mask >> w & 1:
                    ones[w] |= 1 << c
            fixed = max(1, round(weight * WEIGHT_SCALE))
            k = 0
            while fixed:
                if fixed & 1:
                    while len(planes) <= k:
                        planes.append(0)
                    planes[k] |= 1 << c
                fixed >>= 1
                k += 1
        lacking = tuple(unknown) if any(unknown) else ()
        return cls(len(members), tuple(ones), tuple(planes), lacking)

    @property
    def full(self) -> int:
        return (1 << self.count) - 1

    def weight(self, mask: int) -> float:
        """The total weight of the characters in `mask`."""
        return self.fixed(mask) / WEIGHT_SCALE

    def fixed(self, mask: int) -> int:
        """`weight` in fixed point (`WEIGHT_SCALE` steps a unit): sums of weights are
        exact in it, whatever their order."""
        total = 0
        k = 0
        for plane in self.planes:
            total += (mask & plane).bit_count() << k
            k += 1
        return total

    @property
    def any_unknown(self) -> int:
        """The characters some witness lacks."""
        found = 0
        for lacking in self.unknown:
            found |= lacking
        return found

    def lacks(self, witness: int) -> int:
        """The characters whose state `witness` lacks."""
        return self.unknown[witness] if self.unknown else 0

    def leaf(self, witness: int) -> tuple[int, int]:
        """The witness's state sets: where it lacks the text, either state (missing
        data), so that the reading it was given there (its closest relative's) draws
        it towards no one."""
        one = self.ones[witness]
        lacking = self.lacks(witness)
        return (self.full & ~one) | lacking, one | lacking


def bits(mask: int) -> list[int]:
    """The numbers of the bits set in `mask`, lowest first: characters of a bitset."""
    found = []
    if mask.bit_length() > _WORD_BITS:
        # read off the binary digits: taking the bits off one at a time rewrites the
        # whole number each time, and an edge's changes in a book are thousands of
        # bits of a number of tens of thousands (a twentieth of Darwin's stemma)
        digits = format(mask, "b")
        top = len(digits) - 1
        at = digits.rfind("1")
        while at >= 0:
            found.append(top - at)
            at = digits.rfind("1", 0, at)
        return found
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


#: up to this many bits, a mask's bits are taken off one at a time
_WORD_BITS = 64


StateSets = tuple[int, int]
#: the union of the middles' state sets of a region of edges, and its first edge
_Region = tuple[int, int, tuple[int, int]]


class Fitch:
    """Fitch parsimony on a tree whose nodes below `witnesses` are observed."""

    def __init__(self, characters: Characters, witnesses: int) -> None:
        self.characters = characters
        self.witnesses = witnesses
        #: every character
        self.scope = characters.full
        #: the subtrees' sets of the tree last asked about, on a copy of it: most
        #: questions (each witness's departures, each edge's changes) are about one tree
        self._last: _Sides | None = None

    def _sides(self, tree: Mapping[int, Sequence[int]]) -> _Sides:
        # the same tree is the same neighbours of each node, in order: a node's
        # subtrees are folded in that order
        if self._last is None or self._last.tree != tree:
            self._last = _Sides(self, copy_tree(tree))
        return self._last

    def contract(self, tree: Tree, keep: int, drop: int) -> None:
        """`contract` the edge keep-drop of `tree`, keeping the sets of every subtree
        that does not hold it for the questions about the contracted tree: each of its
        nodes keeps its neighbours in their order, so its sets are the same folded
        again. Half of the sides are kept (one of each edge's two): dissolving the weak
        groups of 200 witnesses one by one folded them all again after each."""
        sides = self._sides(tree)
        # towards the edge keep-drop, from every node
        towards: dict[int, int] = {}
        for end, other in ((keep, drop), (drop, keep)):
            for node, above in _postorder(tree, end, other):
                if node != end:
                    towards[node] = above
        kept = {
            (node, keep if above == drop else above): found
            for (node, above), found in sides._found.items()
            if towards.get(node) == above
        }
        contract(tree, keep, drop)
        self._last = _Sides(self, copy_tree(tree))
        self._last._found.update(kept)

    def down(
        self, tree: Mapping[int, Sequence[int]], node: int, parent: int
    ) -> tuple[StateSets, float]:
        """The Fitch state sets of the subtree at `node` (seen from `parent`) and its
        cost, without the cost of the edge to `parent`."""
        sets, cost = self._sides(tree).down(node, parent)
        return sets, cost / WEIGHT_SCALE

    def combine_fixed(self, node: int, kids: list[StateSets]) -> tuple[StateSets, int]:
        """Fitch's step at `node` over its subtrees' state sets: its sets, and the cost
        of its edges down to them (fixed point, `Characters.fixed`)."""
        chars = self.characters
        full = chars.full
        cost = 0
        if node < self.witnesses:
            zero, one = chars.leaf(node)
            lacking = chars.lacks(node)
            known = full & ~lacking
            for k0, k1 in kids:
                cost += chars.fixed(((one & ~k1) | (zero & ~k0)) & known)
            if lacking and kids:
                # where an extant exemplar lacks the text, it stands for its copies
                # there as a lost exemplar would
                (u0, u1), more = self._fold([(lacking, lacking), *kids], lacking)
                zero, one = (zero & known) | u0, (one & known) | u1
                cost += more
            return (zero, one), cost
        if not kids:
            return (full, full), 0
        return self._fold(kids, full)

    def _fold(self, kids: Sequence[StateSets], scope: int) -> tuple[StateSets, int]:
        """Fitch's step at a node of unknown state over the characters in `scope`."""
        chars = self.characters
        cost = 0
        sets = kids[0]
        for other in kids[1:]:
            sets, empty = fitch_step(sets, other, scope)
            cost += chars.fixed(empty)
        return sets, cost

    def score(self, tree: Mapping[int, Sequence[int]]) -> float:
        start = min(tree)
        total = 0
        sets: list[StateSets] = []
        sides = self._sides(tree)
        for neighbour in tree[start]:
            subtree, cost = sides.down(neighbour, start)
            sets.append(subtree)
            total += cost
        return (total + self.combine_fixed(start, sets)[1]) / WEIGHT_SCALE

    def missing(self, tree: Mapping[int, Sequence[int]], witness: int, at: int) -> int:
        """Characters where `witness` has a state the rest of the tree, seen from its
        neighbour `at`, does not allow: its singular departures."""
        (zero, one), _ = self._sides(tree).down(at, witness)
        own0, own1 = self.characters.leaf(witness)
        return ((own1 & ~one) | (own0 & ~zero)) & ~self.characters.lacks(witness)

    def compared_departure(
        self, tree: Mapping[int, Sequence[int]], witness: int, excluded: int = 0
    ) -> float:
        """A witness's singular departures as a share of the text it can be compared
        on, scaled up to the whole text. Where it, or everything on one side of its
        neighbour, lacks the text, its departures say nothing: a fragment read there as
        its relative reads has none, and an exemplar whose copy is a fragment has
        departures there that the copy would share. Counted on what is left, a fragment
        that keeps 40% of the text no longer looks like an exemplar for showing 40% of
        its copyist's changes, nor its relative for the changes the fill gave them both.
        The `excluded` characters (a bitmask) are not counted as its departures."""
        if not tree[witness]:
            return 0.0
        chars = self.characters
        at = tree[witness][0]
        own = self.missing(tree, witness, at) & ~excluded
        if not chars.unknown:
            return chars.weight(own)
        compared = chars.full & ~chars.lacks(witness)
        for neighbour in tree[at]:
            if neighbour == witness:
                continue
            known = 0
            for node in side(tree, neighbour, at):
                if node < self.witnesses:
                    known |= chars.full & ~chars.lacks(node)
            compared &= known
        kept = chars.weight(compared)
        if kept <= 0:
            return chars.weight(own)
        return chars.weight(own & compared) * chars.weight(chars.full) / kept

    def supported_changes(
        self, tree: Mapping[int, Sequence[int]], a: int, b: int
    ) -> tuple[int, float]:
        """The changes on the edge a-b that tell its two sides apart, and their weight
        scaled up to the whole text. Where every witness has the text these are
        `split_changes`. Where some witness lacks it, that witness is no evidence:
        it is left out of the tree there, so that a node left with one subtree below
        it joins the edges above and below into one, and a change there is on
        neither alone (a fragment beside its copy does not take the copy's own
        readings onto the edge above the two; a group of which one member lacks the
        text is told apart there by the others). The characters at which the edge
        cannot be seen are not counted, and the weight is scaled up by the share they
        leave out, as a fragment's departures are (`compared_departure`)."""
        chars = self.characters
        changes = self.split_changes(tree, a, b)
        unknown = chars.any_unknown
        if not unknown:
            return changes, chars.weight(changes)
        side_a = self._pruned(tree, a, b, unknown)
        side_b = self._pruned(tree, b, a, unknown)
        seen = side_a.informative & side_b.informative & ~side_a.through & ~side_b.through
        forced = ((side_a.up2 & side_b.down2) | (side_a.down2 & side_b.up2)) & seen
        found = (changes & ~unknown) | forced
        compared = chars.weight((chars.full & ~unknown) | seen)
        if compared <= 0:
            return found, 0.0
        return found, chars.weight(found) * chars.weight(chars.full) / compared

    def _pruned(
        self, tree: Mapping[int, Sequence[int]], node: int, parent: int, within: int
    ) -> _Side:
        """The subtree at `node` (seen from `parent`) with the witnesses that lack the
        text left out, per character in `within`: where a witness below has the
        text, whether `node` stands for one subtree alone, and by how many changes
        (one, two or more) its parsimony cost is lower with the minority reading
        there than with the reference reading, or the other way round. A change is
        forced onto the edge above only where both sides prefer opposite readings by
        two (by one, it may as well stand on an edge below). A witness is its own
        reading (by any margin) where it has text, and elsewhere a hypothetical node,
        whose margin is the sum of its subtrees' margins, each counted at most once,
        or, with one subtree, that subtree's."""
        chars = self.characters
        found: dict[int, _Side] = {}
        for current, above in _postorder(tree, node, parent):
            kids = [found.pop(k) for k in tree[current] if k != above]
            scope = within
            known = 0
            if current < self.witnesses:
                known = within & ~chars.lacks(current)
                scope = within & chars.lacks(current)
            informed = [scope]  # informed[j]: at least j subtrees have the text
            up, down = [scope], [scope]  # up[j]: at least j subtrees prefer the minority
            alone = _Side(0, 0, 0, 0, 0, 0)
            for kid in kids:
                informed = _count(informed, kid.informative & scope)
                up = _count(up, kid.up1 & scope)
                down = _count(down, kid.down1 & scope)
                alone = alone.joined(kid, scope)
            one = _at(informed, 1) & ~_at(informed, 2)
            up1 = up2 = down1 = down2 = 0
            for j in range(len(kids)):
                up1 |= _at(up, j + 1) & ~_at(down, j + 1)
                up2 |= _at(up, j + 2) & ~_at(down, j + 1)
                down1 |= _at(down, j + 1) & ~_at(up, j + 1)
                down2 |= _at(down, j + 2) & ~_at(up, j + 1)
            many = ~one
            side = _Side(
                _at(informed, 1) | known,
                one,
                (up1 & many) | (alone.up1 & one),
                (up2 & many) | (alone.up2 & one),
                (down1 & many) | (alone.down1 & one),
                (down2 & many) | (alone.down2 & one),
            )
            if known:
                minority = chars.ones[current] & known
                reference = known & ~minority
                side = _Side(
                    side.informative,
                    side.through,
                    side.up1 | minority,
                    side.up2 | minority,
                    side.down1 | reference,
                    side.down2 | reference,
                )
            found[current] = side
        return found[node]

    def split_changes(self, tree: Mapping[int, Sequence[int]], a: int, b: int) -> int:
        """Characters whose two sides of the edge a-b admit no common state: those
        that change on this edge in every most parsimonious reconstruction."""
        sides = self._sides(tree)
        (a0, a1), _ = sides.down(a, b)
        (b0, b1), _ = sides.down(b, a)
        return self.characters.full & ~((a0 & b0) | (a1 & b1))


@dataclass(frozen=True)
class _Side:
    """One side of an edge with the witnesses that lack the text left out
    (`Fitch._pruned`), as bitsets over characters."""

    informative: int  # some witness below has the text
    through: int  # the node stands for one subtree alone
    up1: int  # the minority reading is cheaper here by one change or more
    up2: int  # ... by two or more
    down1: int  # the reference reading is cheaper by one or more
    down2: int

    def joined(self, kid: _Side, scope: int) -> _Side:
        """The margins of the informative subtrees so far, with `kid`'s added (read
        where only one subtree is informative: there the OR is that subtree's)."""
        mask = kid.informative & scope
        return _Side(
            self.informative | mask,
            0,
            self.up1 | (kid.up1 & mask),
            self.up2 | (kid.up2 & mask),
            self.down1 | (kid.down1 & mask),
            self.down2 | (kid.down2 & mask),
        )


def _count(at_least: list[int], mask: int) -> list[int]:
    """Bit-sliced counters (`at_least[j]`: the bits counted at least j times) plus one
    count at the bits of `mask`."""
    grown = [at_least[0]]
    for j in range(1, len(at_least) + 1):
        grown.append((at_least[j] if j < len(at_least) else 0) | (at_least[j - 1] & mask))
    return grown


def _at(at_least: Sequence[int], j: int) -> int:
    return at_least[j] if j < len(at_least) else 0


def _postorder(
    tree: Mapping[int, Sequence[int]],
    node: int,
    parent: int,
    done: Container[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """The subtree at `node` (seen from `parent`) as (node, its parent) pairs, each
    after those below it, leaving out the subtrees `done` already."""
    order: list[tuple[int, int]] = []
    stack = [(node, parent)]
    while stack:
        current, above = stack.pop()
        order.append((current, above))
        stack.extend((k, current) for k in tree[current] if k != above and (k, current) not in done)
    order.reverse()
    return order


# --------------------------------------------------------------------------- search


def _prunings(tree: Tree) -> Iterator[tuple[int, int]]:
    """(attachment, subtree) pairs: a subtree hanging from a node with three neighbours."""
    for a, b in edges(tree):
        for p, c in ((a, b), (b, a)):
            if len(tree[p]) == 3:
                yield p, c


def spr_search(tree: Tree, fitch: Fitch, max_rounds: int = 20) -> Tree:
    """Improve a binary tree by subtree pruning and regrafting until no move lowers the
    parsimony score; moves are tried in a fixed order, so the search is deterministic:
    the prunings in `_prunings` order, each at its best regraft (the lowest score, the
    first edge in `edges` order among equals), the first that lowers the score taken."""
    best = copy_tree(tree)
    best_score = fitch.score(best)
    for _ in range(max_rounds):
        move = _Regrafts(fitch, best).first_better(best_score)
        if move is None:
            break
        best, best_score = move
    return best


class _Regrafts:
    """The subtree-prune-and-regraft moves of one tree, costed from its subtrees' state
    sets, computed once for all of them.

    Pruning the subtree at `c` (hanging from `p`, between `a` and `b`) and joining `a`
    to `b` changes a subtree's state sets only where that subtree held `p`: seen from
    the edge a-b, each edge of the pruned tree keeps the sets of its side away from
    a-b, and its side towards a-b is folded anew, once, outwards from a-b. Fitch's
    score of a binary tree is its exact parsimony length, whatever node it is read
    from, so the tree with the subtree put on the edge x-y scores the pruned tree's
    length, the subtree's, and the changes where the subtree's state sets meet none of
    the edge's (the sets at its middle, from the two sides' sets): each candidate edge
    costs one join."""

    def __init__(self, fitch: Fitch, tree: Tree) -> None:
        self.fitch = fitch
        self.tree = tree
        self.sides = _Sides(fitch, tree)
        witnesses = fitch.witnesses
        #: witnesses at the leaves, every lost node joining three: the tree's score is
        #: then the same read from any edge (`_hopeless` needs that)
        self.binary = all(
            len(neighbours) == (1 if node < witnesses else 3) for node, neighbours in tree.items()
        )
        chars = fitch.characters
        #: the characters every witness has the text of
        self.known = chars.full & ~chars.any_unknown
        self._readings: dict[tuple[int, int], tuple[int, int]] = {}
        #: per edge (x < y): the state sets at its middle (`_middle`)
        self._middles: dict[tuple[int, int], StateSets] = {}
        #: per side of an edge, seen from across it: its edges' middles (`_region`)
        self._regions: dict[tuple[int, int], _Region] = {}

    def first_better(self, score: float) -> tuple[Tree, float] | None:
        """The first move (in the search's order) to a tree scoring below `score`, the
        tree's own score, with its score."""
        for p, c in _prunings(self.tree):
            found = self.best_regraft(p, c, score)
            if found is not None:
                return found
        return None

    def best_regraft(self, p: int, c: int, score: float) -> tuple[Tree, float] | None:
        """The tree with the subtree at `c` (hanging from `p`) at its best place on
        another edge, and its score, where that is below `score`."""
        tree, fitch, sides = self.tree, self.fitch, self.sides
        chars, scope = fitch.characters, fitch.scope
        a, b = (n for n in tree[p] if n != c)
        (s0, s1), inside = sides.down(c, p)
        if self.binary:
            if self._hopeless(p, c, a, b):
                return None
            return self._binary_regraft(p, c, a, b, score)
        # outwards from the edge a-b: (node, its neighbour towards a-b, the sets and
        # cost of the pruned tree on that neighbour's side)
        stack = [(a, b, sides.down(b, p)), (b, a, sides.down(a, p))]
        best: tuple[int, int, int] | None = None  # (join, x, y), the edge x < y
        first: tuple[int, int, int] | None = None  # (x, y, the length read there)
        while stack:
            x, towards, outer = stack.pop()
            neighbours = tree[x]
            if x == a or x == b:
                neighbours = [k for k in neighbours if k != p] + [b if x == a else a]
            for k in neighbours:
                if k == towards:
                    continue
                kids: list[StateSets] = []
                below = 0
                for j in neighbours:
                    if j != k:
                        sets, cost = outer if j == towards else sides.down(j, x)
                        kids.append(sets)
                        below += cost
                here, own = fitch.combine_fixed(x, kids)
                there, beyond = sides.down(k, x)
                stack.append((k, x, (here, own + below)))
                (e0, e1), empty = fitch_step(here, there, scope)
                join = chars.fixed(scope & ~(s0 & e0 | s1 & e1))
                edge = (x, k) if x < k else (k, x)
                if best is None or (join, *edge) < best:
                    best = (join, *edge)
                if first is None or edge < first[:2]:
                    first = (*edge, own + below + beyond + chars.fixed(empty))
        if best is None or first is None:
            return None
        # the pruned tree's length, read (as any edge would read it) at its first edge
        moved = (inside + first[2] + best[0]) / WEIGHT_SCALE
        if not moved < score - 1e-9:
            return None
        _, x, y = best
        return _regrafted(tree, p, a, b, (x, y)), moved

    def _binary_regraft(
        self, p: int, c: int, a: int, b: int, score: float
    ) -> tuple[Tree, float] | None:
        """`best_regraft` on a binary tree, the same move found with less work. Its
        score is then the same read from any edge, so the pruned tree's length is read
        at the edge a-b. And the pruned tree's sets on the side towards a-b differ from
        the whole tree's only near a-b: where, going outwards, a side's sets are the
        whole tree's again, every edge beyond has the whole tree's sets at its middle
        too (computed once a tree, `_middle`), and the regrafts there cost one join
        each, without folding the sides again; and where one join against the union of
        a region's middles (`_region`) shows that none there can be the move, the region
        is passed over whole."""
        tree, sides = self.tree, self.sides
        chars, scope = self.fitch.characters, self.fitch.scope
        (s0, s1), inside = sides.down(c, p)
        (a0, a1), below_a = sides.down(a, p)
        (b0, b1), below_b = sides.down(b, p)
        i0, i1 = a0 & b0, a1 & b1
        length = inside + below_a + below_b + chars.fixed(scope & ~(i0 | i1))
        best: tuple[int, int, int] | None = None  # (join, x, y), the edge x < y
        # outwards from the edge a-b: (node, its neighbour towards a-b, the pruned
        # tree's sets on that neighbour's side)
        stack = [(a, b, (b0, b1)), (b, a, (a0, a1))]
        # edges whose sides are the whole tree's: (node, its neighbour towards a-b)
        settled: list[tuple[int, int]] = []
        while stack:
            x, towards, outer = stack.pop()
            neighbours = tree[x]
            if x == a or x == b:
                neighbours = [k for k in neighbours if k != p] + [b if x == a else a]
            if len(neighbours) == 1:
                continue  # a witness at a leaf
            for k in neighbours:
                if k == towards:
                    continue
                # x joins three: the side away from k is towards's and the third's
                third, _ = sides.down(next(j for j in neighbours if j != k and j != towards), x)
                here, _ = fitch_step(outer, third, scope)
                if here == sides.down(x, k)[0]:
                    settled.append((k, x))
                    continue
                stack.append((k, x, here))
                (e0, e1), _ = fitch_step(here, sides.down(k, x)[0], scope)
                join = chars.fixed(scope & ~(s0 & e0 | s1 & e1))
                edge = (x, k) if x < k else (k, x)
                if best is None or (join, *edge) < best:
                    best = (join, *edge)
        while settled:
            k, x = settled.pop()
            edge = (x, k) if x < k else (k, x)
            if len(tree[k]) > 1:
                # the edge x-k and all beyond k: passed over where no edge there can
                # be the move (each costs at least the bound, and comes after `first`
                # among equals), which leaves the move found the same
                u0, u1, first = self._region(k, x)
                bound = chars.fixed(scope & ~(s0 & u0 | s1 & u1))
                if not (length + bound) / WEIGHT_SCALE < score - 1e-9:
                    continue
                if best is not None and (bound, *first) > best:
                    continue
            e0, e1 = self._middle(edge)
            join = chars.fixed(scope & ~(s0 & e0 | s1 & e1))
            if best is None or (join, *edge) < best:
                best = (join, *edge)
            settled.extend((j, k) for j in tree[k] if j != x)
        if best is None:
            return None
        moved = (length + best[0]) / WEIGHT_SCALE
        if not moved < score - 1e-9:
            return None
        _, x, y = best
        return _regrafted(tree, p, a, b, (x, y)), moved

    def _middle(self, edge: tuple[int, int]) -> StateSets:
        """The state sets at the middle of an edge of the tree: of a node put there,
        from the two sides' sets (Fitch's step over them)."""
        found = self._middles.get(edge)
        if found is None:
            x, y = edge
            sides = self.sides
            found, _ = fitch_step(sides.down(x, y)[0], sides.down(y, x)[0], self.fitch.scope)
            self._middles[edge] = found
        return found

    def _region(self, node: int, parent: int) -> _Region:
        """The edge node-parent and every edge beyond `node`, seen from `parent`: the
        union of their middles' state sets, and the first of them (x < y). A subtree
        put on any of these edges meets none of the union's states only where it meets
        none of that edge's, so its join there costs at least what it costs against
        the union: a bound for the whole region at the price of one join."""
        found = self._regions
        if (node, parent) not in found:
            tree = self.tree
            for current, above in _postorder(tree, node, parent, found):
                first = (current, above) if current < above else (above, current)
                u0, u1 = self._middle(first)
                for k in tree[current]:
                    if k != above:
                        k0, k1, beyond = found[k, current]
                        u0 |= k0
                        u1 |= k1
                        if beyond < first:
                            first = beyond
                found[current, above] = (u0, u1, first)
        return found[node, parent]

    def _hopeless(self, p: int, c: int, a: int, b: int) -> bool:
        """Whether no other place can cost the subtree at `c` fewer changes than its
        own, between `a` and `b`, does: where it has none, or where each it has is at
        a character the rest of the tree reads one way throughout (every witness
        having the text there), which costs the same change on every edge."""
        sides, scope = self.sides, self.fitch.scope
        (s0, s1), _ = sides.down(c, p)
        (e0, e1), _ = fitch_step(sides.down(a, p)[0], sides.down(b, p)[0], scope)
        here = scope & ~(s0 & e0 | s1 & e1)
        if not here:
            return True
        zero_a, one_a = self.readings(a, p)
        zero_b, one_b = self.readings(b, p)
        only_zero = self.known & ~(one_a | one_b)
        only_one = self.known & ~(zero_a | zero_b)
        return not here & ~(only_zero & ~s0 | only_one & ~s1)

    def readings(self, node: int, parent: int) -> tuple[int, int]:
        """The characters at which some witness in the subtree at `node` (seen from
        `parent`) has the text and reads the reference reading, and those at which one
        reads the minority."""
        found = self._readings
        if (node, parent) not in found:
            chars = self.fitch.characters
            for current, above in _postorder(self.tree, node, parent, found):
                zero = one = 0
                if current < self.fitch.witnesses:
                    known = chars.full & ~chars.lacks(current)
                    one = chars.ones[current] & known
                    zero = known & ~one
                for k in self.tree[current]:
                    if k != above:
                        kid0, kid1 = found[k, current]
                        zero |= kid0
                        one |= kid1
                found[current, above] = (zero, one)
        return found[node, parent]


class _Sides:
    """Fitch's state sets and cost (fixed-point) of every subtree of one tree, each
    seen from the neighbour above it, computed once."""

    def __init__(self, fitch: Fitch, tree: Mapping[int, Sequence[int]]) -> None:
        self.fitch = fitch
        self.tree = tree
        self._found: dict[tuple[int, int], tuple[StateSets, int]] = {}

    def down(self, node: int, parent: int) -> tuple[StateSets, int]:
        found = self._found
        if (node, parent) not in found:
            for current, above in _postorder(self.tree, node, parent, found):
                kids = [found[k, current] for k in self.tree[current] if k != above]
                combined, own = self.fitch.combine_fixed(current, [sets for sets, _ in kids])
                found[current, above] = (combined, own + sum(cost for _, cost in kids))
        return found[node, parent]


def _regrafted(tree: Tree, p: int, a: int, b: int, edge: tuple[int, int]) -> Tree:
    """A copy of the tree with p (between a and b) pruned and grafted onto `edge`."""
    x, y = edge
    candidate = copy_tree(tree)
    remove_edge(candidate, p, a)
    remove_edge(candidate, p, b)
    add_edge(candidate, a, b)
    remove_edge(candidate, x, y)
    add_edge(candidate, x, p)
    add_edge(candidate, p, y)
    return candidate


def fitch_step(a: StateSets, b: StateSets, scope: int) -> tuple[StateSets, int]:
    """Fitch's step over two sides' state sets, for the characters in `scope`: a node
    between them takes the states they share, or, at a character where they share
    none (the second value, one change each), the states of either."""
    a0, a1 = a
    b0, b1 = b
    i0, i1 = a0 & b0, a1 & b1
    empty = scope & ~(i0 | i1)
    return (i0 | (empty & (a0 | b0)), i1 | (empty & (a1 | b1))), empty
