"""Where the stemma begins: rooting an unrooted tree by the direction of copying.

Whether A was copied from B or B from A shows only in evidence that is not symmetric.
Every possible root is scored (every node, and a lost archetype anywhere along every
edge), and the candidates are weighed against each other, by four kinds of evidence:

- the shape of a gap: one that looks like an eye-skip (the passage ends with the word
  just before it) was almost surely lost, not added, and a long passage is likelier
  lost than added. Each binary character that carries such evidence is scored by
  Sankoff's parsimony with direction-dependent costs, for every root at once (each
  directed edge's subtree is scored once and reused);
- copyists' habits (`collate.stemma.habits`): changes that recur, read away from the
  right root, run one way;
- copying rates: every edge of a stemma is one act of copying, and copies gather
  similar numbers of changes, so an edge twice as long as the rest is two copies with
  the lost archetype between them, and an ordinary edge is not (and, more softly, no
  witness stands far farther from the archetype than the rest);
- dates, where given, weigh heavily against a later witness being the exemplar of an
  earlier one.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..metadata import is_later
from .habits import Habit, Habits
from .tree import Tree, edges, side

#: The cost of positing a lost archetype between two nodes rather than rooting at one.
LOST_ARCHETYPE_COST = 2.0
#: The share of an edge's changes on either side of a lost archetype is fitted on a
#: grid of this many steps.
FIT_STEPS = 20
#: The cost of each pair of dated witnesses the rooting makes run against time.
DATE_COST = 25.0
#: Copies made the same way gather changes at similar rates, so the archetype tends to
#: stand where no witness is much farther from it than the rest (midpoint rooting):
#: each median edge length by which a root's farthest witness is farther than from
#: the most central root costs this much.
CLOCK_COST = 3.0
#: The copying-rate model needs this many edges to say what a typical copy is ...
MIN_EDGES_FOR_RATE = 5
#: ... and never trusts it more than this spread of log(1 + changes) per copy.
MIN_SPREAD = 0.2
#: Root candidates are weighed by exp(-cost / ROOT_TEMPERATURE).
ROOT_TEMPERATURE = 1.0

Root = tuple[int, int]  # (node, node) for a node, (a, b) with a < b for an edge's middle
Floats = npt.NDArray[np.float64]
#: per character, the cost of a subtree when its top has state 0, and state 1. The
#: sums and minima per character are numpy's (the same IEEE operations, in the same
#: order, as one character at a time), every sum over characters Python's, in
#: character order: the costs are the same to the last bit
Vector = tuple[Floats, Floats]


class Directional:
    """A binary character with direction-dependent costs: gaining the minority reading
    (copying the reference reading into it) and losing it again (a plain class: see
    `collate.stemma.evidence.Diff`)."""

    __slots__ = ("members", "gain", "loss", "unknown")

    def __init__(self, members: int, gain: float, loss: float, unknown: int = 0) -> None:
        self.members = members  # bitmask of the witnesses with the minority reading
        self.gain = gain
        self.loss = loss
        #: bitmask of the witnesses that lack the text here (a fragment, a lacuna): read
        #: as their closest relative reads, they are no evidence of either reading
        self.unknown = unknown


class Rooting:
    """All rootings of one tree scored at once."""

    def __init__(
        self,
        tree: Mapping[int, Sequence[int]],
        witnesses: int,
        characters: Sequence[Directional],
        dates: Sequence[str | None],
        lengths: Mapping[tuple[int, int], float],
        habits: Sequence[Habit] = (),
        revision: Mapping[int, float] | None = None,
    ) -> None:
        """`lengths[a, b]`: the weight of the changes on the edge a-b (both ways round).
        `revision`: for a revision chain (`collate.stemma.chain`), the log-weight of
        the root at each witness, which then replaces the copying evidence."""
        self.tree = tree
        self.lengths = lengths
        self.witnesses = witnesses
        self.characters = [c for c in characters if c.gain != c.loss]
        self.dates = dates
        self.gains = np.array([c.gain for c in self.characters], dtype=np.float64)
        self.losses = np.array([c.loss for c in self.characters], dtype=np.float64)
        self._states = _States(self.characters)
        self._memo: dict[tuple[int, int], Vector] = {}
        self._copying = CopyingRates.measure(lengths)
        #: per edge root (a, b): the fitted share of the changes on b's half
        self.shares: dict[Root, float] = {}
        self.habits = Habits(tree, witnesses, habits)
        if revision is None:
            costs = self._all_costs()
        else:
            # a chain's states all survive: the root is one of them, never a lost one
            costs = {(node, node): -weight for node, weight in revision.items()}
        #: the costs by the readings alone, and with dates as a hard constraint: where
        #: some root lets no witness derive from a later one, the others are ruled out
        self.undated_costs = costs
        late = {root: self._date_cost(root) for root in costs}
        fewest = min(late.values(), default=0)
        self.costs = {
            root: cost + DATE_COST * late[root] if late[root] == fewest else math.inf
            for root, cost in costs.items()
        }
        #: pairs of dated witnesses that even the best root makes run against time
        self.date_conflicts = fewest
        self._weights: dict[Root, float] | None = None
        self._undated_weights: dict[Root, float] | None = None

    def _observed(self, node: int) -> Vector:
        return self._states.observed(node)

    def _as_root(self, node: int) -> Vector:
        """A witness as the archetype. Where it lacks the text, the archetype is taken
        to have read as most witnesses do (the reference reading). Left free there, as
        missing data is elsewhere, an extant exemplar of a single copy would stand
        between two lines only, and take every change beside it the cheaper way round
        (a lost archetype on an edge, without the cost of placing it on either half):
        seed 307 of the synthetic traditions, an exemplar that lost the second half of
        its text, and whose copy lost the first, was made the archetype."""
        one = self._states.member(node) & ~self._states.unknown(node)
        return np.where(one, math.inf, 0.0), np.where(one, 0.0, math.inf)

    def _blank(self) -> Vector:
        return np.zeros(len(self.characters)), np.zeros(len(self.characters))

    def _subtree(self, node: int, parent: int) -> Vector:
        """Per character: the cost of the subtree at `node` (away from `parent`) when
        `node` has state 0, and when it has state 1."""
        key = (node, parent)
        if key in self._memo:
            return self._memo[key]
        vector = self._observed(node) if node < self.witnesses else self._blank()
        for child in self.tree[node]:
            if child != parent:
                vector = self._add_child(vector, self._subtree(child, node))
        self._memo[key] = vector
        return vector

    def _add_child(self, vector: Vector, child: Vector) -> Vector:
        """The parent's costs once a child's subtree hangs from it."""
        (v0, v1), (c0, c1) = vector, child
        gained, lost = c1 + self.gains, c0 + self.losses
        return v0 + np.where(c0 <= gained, c0, gained), v1 + np.where(c1 <= lost, c1, lost)

    def _at_node(self, node: int) -> float:
        vector = self._as_root(node) if node < self.witnesses else self._blank()
        for child in self.tree[node]:
            vector = self._add_child(vector, self._subtree(child, node))
        zero, one = vector
        cheaper: list[float] = np.where(zero <= one, zero, one).tolist()
        return sum(cheaper)

    def _at_edge(self, a: int, b: int) -> tuple[float, float]:
        """A lost archetype on the edge a-b, and the share of the edge's changes that
        stand on b's half. Each change at the root may stand on either half; the share
        is fitted together with what the copying rates say of splitting the edge into
        two copies (which rules out the ends themselves: rooting at `a` or `b` is a
        candidate of its own)."""
        (a0, a1), (b0, b1) = self._subtree(a, b), self._subtree(b, a)
        gains, losses = self.gains, self.losses
        # both halves read as the archetype does (any change stands inside a subtree)
        zero, one = a0 + b0, a1 + b1
        same = np.where(zero <= one, zero, one)
        # a change on a's half (the archetype reads as b does), or on b's half
        on_a = np.minimum(a1 + gains + b0, a0 + losses + b1)
        on_b = np.minimum(a0 + gains + b1, a1 + losses + b0)
        # where no change need stand beside the archetype, where it sits on the edge is
        # no question for this character (a reading of one witness below b, near a
        # tie at b, is no change at the archetype)
        inside = (same <= on_a) & (same <= on_b)
        cost = sum(same[inside].tolist(), LOST_ARCHETYPE_COST)
        # per change at the root: the cost if on a's half, and if on b's
        at_root = _AtRoot(on_a[~inside].tolist(), on_b[~inside].tolist())
        rates, length = self._copying, self.lengths.get((a, b), 0.0)
        if rates is None:
            shares = [k / FIT_STEPS for k in range(FIT_STEPS + 1)]
            best = min((at_root.mixture(s), s) for s in shares)
            return cost + best[0], best[1]
        # two acts of copying, so neither half is empty: the ends are roots of their own
        shares = [k / FIT_STEPS for k in range(1, FIT_STEPS)]
        best = min((at_root.mixture(s) + rates.balance(s), s) for s in shares)
        return cost + rates.split(length) + best[0], best[1]

    def _all_costs(self) -> dict[Root, float]:
        costs: dict[Root, float] = {}
        for node in sorted(self.tree):
            costs[(node, node)] = self._at_node(node)
        for a, b in edges(self.tree):
            cost, share = self._at_edge(a, b)
            costs[(a, b)] = cost
            self.shares[(a, b)] = share
        for root in costs:
            costs[root] += self.habits.cost(root, self.shares.get(root, 0.0))
        radius = {root: self._radius(root) for root in costs}
        typical = statistics.median(self.lengths.values()) if self.lengths else 0.0
        if typical > 0:
            central = min(radius.values())
            for root in costs:
                costs[root] += CLOCK_COST * (radius[root] - central) / typical
        return costs

    def _radius(self, root: Root) -> float:
        """How far the farthest witness stands from the root, in weighted changes. An
        extant archetype at a leaf, with a single copy below it, is measured from that
        copy: every other witness stands one copy farther from it than from the copy,
        all alike, which is no witness standing far farther than the rest (measured
        from itself, an extant archetype at a leaf always lost to its own lost copy,
        by a copy's length: seed 215 of the synthetic traditions)."""
        a, b = root
        if a == b and a < self.witnesses and len(self.tree[a]) == 1:
            a = b = self.tree[a][0]
        if a == b:
            starts = [(a, 0.0, -1)]
        else:
            share, length = self.shares[root], self.lengths[a, b]
            starts = [(a, length * (1.0 - share), b), (b, length * share, a)]
        farthest = 0.0
        stack = list(starts)
        while stack:
            node, distance, parent = stack.pop()
            if node < self.witnesses:
                farthest = max(farthest, distance)
            stack.extend(
                (n, distance + self.lengths[node, n], node) for n in self.tree[node] if n != parent
            )
        return farthest

    def _date_cost(self, root: Root) -> int:
        dated = [w for w in range(self.witnesses) if self.dates[w] is not None and w in self.tree]
        if len(dated) < 2:
            return 0
        parents = rooted_parents(self.tree, root)
        late = 0
        for w in dated:
            for ancestor in ancestors_of(parents, w):
                if ancestor in dated and is_later(self.dates[ancestor], self.dates[w]):
                    late += 1
        return late

    # ----------------------------------------------------------------------- results

    @property
    def cheapest(self) -> Root:
        """The cheapest root; ties go to a node before an edge, then the lowest numbers."""
        return min(self.costs, key=lambda r: (round(self.costs[r], 9), r[0] != r[1], r))

    @property
    def best(self) -> Root:
        """The root whose claims of descent between witnesses agree best (by F1) with
        those of every root, each weighted by its probability: where an extant
        exemplar and a lost archetype beside it are about as likely, this avoids
        staking every witness's line on a coin toss."""
        weights = self.weights()
        likely = [r for r in sorted(weights) if weights[r] > 1e-4]
        claims = {r: self._descent_claims(r) for r in likely}
        counts = {r: claims[r].bit_count() for r in likely}
        cheapest = self.cheapest

        def expected(r: Root) -> float:
            ours, size = claims[r], counts[r]
            return sum(
                weights[o] * _f1((ours & claims[o]).bit_count(), size, counts[o]) for o in likely
            )

        return max(
            likely,
            key=lambda r: (
                round(expected(r), 9),
                r == cheapest,
                r[0] == r[1],
                [-x for x in r],
            ),
        )

    def _descent_claims(self, root: Root) -> int:
        """(ancestor, descendant) pairs of witnesses under a root, as a bitmask: one
        row of bits a witness, the bit of each witness above it set in its row. With
        hundreds of witnesses and of likely roots, every two roots' claims are compared
        (`best`), and sets of pairs took a tenth of the stemma's time."""
        parents = rooted_parents(self.tree, root)
        n = self.witnesses
        # per node: the witnesses above it (`rooted_parents` gives each after its parent)
        above: dict[int, int] = {}
        for node, parent in parents.items():
            if parent is None:
                above[node] = 0
            else:
                above[node] = above[parent] | (1 << parent if 0 <= parent < n else 0)
        row = (n + 7) // 8
        return int.from_bytes(
            b"".join(above.get(w, 0).to_bytes(row, "little") for w in range(n)), "little"
        )

    def weights(self) -> dict[Root, float]:
        """A probability for each root candidate."""
        if self._weights is None:
            self._weights = _softmax(self.costs)
        return self._weights

    def undated_direction(self, parent: int, child: int) -> float:
        """`direction` by the readings alone, dates left aside."""
        return self._direction(parent, child, self.undated_weights())

    def direction_with(self, parent: int, child: int, weights: Mapping[Root, float]) -> float:
        """`direction` under the given root weights (`weights`, `undated_weights`)."""
        return self._direction(parent, child, weights)

    def undated_weights(self) -> dict[Root, float]:
        """`weights` by the readings alone, dates left aside (asked once an edge)."""
        if self._undated_weights is None:
            self._undated_weights = _softmax(self.undated_costs)
        return self._undated_weights

    def direction(self, parent: int, child: int) -> float:
        """How probable it is that the root lies on `parent`'s side of the edge, so that
        the edge runs from `parent` to `child`. A lost archetype on this very edge
        counts by how close it stands to `parent` (its fitted share)."""
        return self._direction(parent, child, self.weights())

    def _direction(self, parent: int, child: int, weights: Mapping[Root, float]) -> float:
        upper = set(side(self.tree, parent, child))
        total = 0.0
        for (a, b), weight in weights.items():
            if a in upper and b in upper:
                total += weight
            elif {a, b} == {parent, child}:
                # changes on the child's half: the archetype reads as `parent` does
                on_child_half = self.shares[(a, b)] if b == child else 1.0 - self.shares[(a, b)]
                total += weight * on_child_half
        return total


@dataclass(frozen=True)
class CopyingRates:
    """Each edge of a stemma is one act of copying, and copies made the same way gather
    similar numbers of changes: log(1 + changes) per edge has a typical value and a
    spread, measured robustly, so that a long edge that is really two copies does not
    widen it."""

    centre: float
    spread: float

    @classmethod
    def measure(cls, lengths: Mapping[tuple[int, int], float]) -> CopyingRates | None:
        logs = sorted(math.log1p(v) for (a, b), v in lengths.items() if a < b)
        if len(logs) < MIN_EDGES_FOR_RATE:
            return None
        centre = statistics.median(logs)
        spread = 1.4826 * statistics.median(abs(x - centre) for x in logs)
        return cls(centre, max(spread, MIN_SPREAD))

    def split(self, length: float) -> float:
        """How much less likely an edge's changes are as two acts of copying (the root
        between them) than as one, before asking how they divide."""
        x = math.log1p(length)
        one = (x - self.centre) / self.spread
        # the sum of two copies' changes: about twice as many, relatively less spread
        twice = math.log1p(2.0 * math.expm1(self.centre))
        two = (x - twice) / (self.spread / math.sqrt(2.0))
        return 0.5 * (two * two - one * one) - 0.5 * math.log(2.0)

    def balance(self, share: float) -> float:
        """...and how unlikely it is that two such copies divide them `share` to the
        rest (0 at an even split)."""
        balance = math.log(share / (1.0 - share)) / (self.spread * math.sqrt(2.0))
        return 0.5 * balance * balance


def _softmax(costs: Mapping[Root, float]) -> dict[Root, float]:
    low = min(costs.values())
    raw = {
        r: 0.0 if math.isinf(c) else math.exp(-(c - low) / ROOT_TEMPERATURE)
        for r, c in costs.items()
    }
    total = sum(raw.values())
    return {r: w / total for r, w in raw.items()}


class _AtRoot:
    """The changes at a root on an edge, each with its cost on either half."""

    def __init__(self, first: Sequence[float], second: Sequence[float]) -> None:
        # per change: the cheaper half's cost, and the likelihood of each half against
        # it (one of them 1), the same at every share
        self.low = [x if x <= y else y for x, y in zip(first, second, strict=True)]
        self.first = [math.exp(low - x) for low, x in zip(self.low, first, strict=True)]
        self.second = [math.exp(low - y) for low, y in zip(self.low, second, strict=True)]

    def mixture(self, share: float) -> float:
        """-log of the likelihood of the changes at the root when each stands on the
        second half with probability `share`, else on the first."""
        total = 0.0
        stay = 1.0 - share
        for low, x, y in zip(self.low, self.first, self.second, strict=True):
            likelihood = stay * x + share * y
            total += low - math.log(likelihood) if likelihood > 0 else math.inf
        return total


def _f1(hits: int, ours: int, theirs: int) -> float:
    """The F1 of two sets of claims, `ours` and `theirs` in size, `hits` in common."""
    if not ours and not theirs:
        return 1.0
    return 2 * hits / (ours + theirs)


def rooted_parents(tree: Mapping[int, Sequence[int]], root: Root) -> dict[int, int | None]:
    """Each node's parent when the tree hangs from `root`; a root on an edge is given
    the number -1."""
    a, b = root
    parents: dict[int, int | None] = {}
    if a == b:
        stack: list[tuple[int, int | None]] = [(a, None)]
    else:
        parents[-1] = None
        stack = [(a, -1), (b, -1)]
    while stack:
        node, parent = stack.pop()
        parents[node] = parent
        stack.extend(
            (n, node) for n in tree[node] if n != parent and not (a != b and {n, node} == {a, b})
        )
    return parents


def ancestors_of(parents: Mapping[int, int | None], node: int) -> list[int]:
    found = []
    current = parents.get(node)
    while current is not None:
        found.append(current)
        current = parents.get(current)
    return found


def reroot_edges(tree: Tree, root: Root) -> list[tuple[int, int]]:
    """The tree's edges as (parent, child) pairs under `root` (-1 for an edge's middle)."""
    parents = rooted_parents(tree, root)
    return sorted((p, c) for c, p in parents.items() if p is not None)


def reconstruct(
    parents: Mapping[int, int | None], witnesses: int, characters: Sequence[Directional]
) -> dict[int, int]:
    """A most parsimonious assignment of states under the rooting given by `parents`:
    per node, the bitmask of characters in which it has the minority reading."""
    children: dict[int, list[int]] = {node: [] for node in parents}
    for node, parent in parents.items():
        if parent is not None:
            children[parent].append(node)
    order = _top_down(parents, children)
    observed = _States(characters)
    gains = np.array([c.gain for c in characters], dtype=np.float64)
    losses = np.array([c.loss for c in characters], dtype=np.float64)
    below: dict[int, Vector] = {}
    for node in reversed(order):
        if 0 <= node < witnesses:
            v0, v1 = observed.observed(node)
        else:
            v0, v1 = np.zeros(len(characters)), np.zeros(len(characters))
        for child in children[node]:
            c0, c1 = below[child]
            v0, v1 = v0 + np.minimum(c0, c1 + gains), v1 + np.minimum(c1, c0 + losses)
        below[node] = v0, v1
    states: dict[int, int] = {}
    ones: dict[int, npt.NDArray[np.bool_]] = {}
    for node in order:
        parent = parents[node]
        v0, v1 = below[node]
        if parent is None:
            one = v1 < v0
        else:
            one = np.where(ones[parent], v1 <= v0 + losses, v1 + gains < v0)
        ones[node] = one
        states[node] = _mask(one)
    return states


def _mask(flags: npt.NDArray[np.bool_]) -> int:
    """The bitmask with bit c set where flags[c] is."""
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


class _States:
    """Per witness, per character: whether it has the minority reading, whether it
    lacks the text there."""

    def __init__(self, characters: Sequence[Directional]) -> None:
        self._members = _columns([c.members for c in characters])
        self._unknown = _columns([c.unknown for c in characters])

    def member(self, node: int) -> npt.NDArray[np.bool_]:
        return _bits_at(self._members, node)

    def unknown(self, node: int) -> npt.NDArray[np.bool_]:
        return _bits_at(self._unknown, node)

    def observed(self, node: int) -> Vector:
        """A witness's cost with each state, per character: free where it has that
        reading, or lacks the text."""
        unknown, member = self.unknown(node), self.member(node)
        zero = np.where(unknown | ~member, 0.0, math.inf)
        one = np.where(unknown | member, 0.0, math.inf)
        return zero, one


def _columns(masks: list[int]) -> list[int] | npt.NDArray[np.int64]:
    """The masks as one array where they fit in its integers (up to 62 witnesses), so
    that a witness's bits are read at once, not mask by mask; else as they are."""
    if max(masks, default=0) < 1 << 62 and min(masks, default=0) >= 0:
        return np.array(masks, dtype=np.int64)
    return masks


def _bits_at(masks: list[int] | npt.NDArray[np.int64], bit: int) -> npt.NDArray[np.bool_]:
    if isinstance(masks, np.ndarray):
        return (masks >> bit & 1).astype(np.bool_)
    return np.array([mask >> bit & 1 for mask in masks], dtype=np.bool_)


def _top_down(parents: Mapping[int, int | None], children: Mapping[int, list[int]]) -> list[int]:
    order = []
    stack = sorted(node for node, parent in parents.items() if parent is None)
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(sorted(children[node]))
    return order
