"""Assembling the `Stemma`: naming lost exemplars, and the evidence and confidence of
every edge, from the traditions `collate.stemma.build` has rooted."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..lacunae import MARKER
from ..metadata import is_later
from ..model import Apparatus
from .anchors import dates_mentioned, later_date_evidence
from .basis import DATES, IDENTICAL, PAIR, alike_basis, chain_basis, other_basis
from .build import (
    Component,
    borrowed_grams,
    build_component,
    parents_of,
    related_groups,
    typical_copy,
)
from .chain import find_chain
from .contamination import Contamination, find_contamination
from .evidence import Pair, Tradition
from .fragments import note
from .model import Evidence, Stemma, StemmaEdge, StemmaNode
from .pair import NAMED_BOUND, pair_direction
from .resample import recurrence, tempered
from .root import Root
from .tree import bits
from .twins import family, twins

#: Lost exemplars are named like this, in the order a reader meets them top-down.
GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
#: The most the branching model's direction may be believed where the witnesses read
#: as revisions but form no chain: it rests on the copying model's belief that a
#: derived text loses passages, the opposite of the revision chain's belief
#: (`collate.stemma.chain.GROWTH_PRIOR`), so it is bounded lower. On the 80 Wikipedia
#: histories such edges hold 55-65% of the time (measured with
#: `benchmarks/stemma_eval --real`); at the chain's bound of 0.85 they were reported
#: as surer than they are.
REVISION_LIKE_BOUND = 0.7
#: How many example variant locations an edge lists.
EXAMPLES = 5
METHOD = (
    "related witnesses by common passages; neighbour joining refined by weighted "
    "parsimony; extant exemplars by their singular readings; rooting by eye-skips, "
    "copyists' habits, copying rates and dates (see docs/stemma.md)"
)


@dataclass(frozen=True)
class _Edge:
    parent: int
    child: int
    evidence: Evidence
    kind: str = "descent"
    #: what its direction rests on, as a clause of its sentence (`collate.stemma.basis`)
    basis: str = ""


def infer(
    apparatus: Apparatus,
    kinds: Mapping[str, str] | None = None,
    lacuna_marker: str = MARKER,
    resample: bool = True,
    outside: Mapping[str, Sequence[str]] | None = None,
) -> Stemma:
    stemma = _infer(apparatus, kinds, lacuna_marker, outside)
    if not resample:
        return stemma
    # in a small tradition, no surer than its variant locations drawn again allow
    shares = recurrence(
        apparatus, stemma, lambda again: _infer(again, kinds, lacuna_marker, outside)
    )
    if not shares:
        return stemma
    edges = tuple(tempered(e, shares.get((e.source, e.target))) for e in stemma.edges)
    return replace(stemma, edges=edges)


def _infer(
    apparatus: Apparatus,
    kinds: Mapping[str, str] | None = None,
    lacuna_marker: str = MARKER,
    outside: Mapping[str, Sequence[str]] | None = None,
) -> Stemma:
    # a tradition said to be of manuscripts is one of copies, never of revisions
    revisions = not kinds or any(kinds.get(s) != "manuscript" for s in apparatus.sigla)
    tradition = Tradition(apparatus, lacuna_marker, copies=not revisions)
    pairs = tradition.pairs()
    names = _Names(tradition.sigla)
    borrowed = {
        w: grams
        for w, siglum in enumerate(tradition.sigla)
        if outside and outside.get(siglum)
        if (grams := borrowed_grams(tradition.texts[w], outside[siglum]))
    }
    nodes: list[StemmaNode] = []
    edges: list[StemmaEdge] = []
    alike = _twins(tradition, revisions)
    for group in _traditions(tradition, pairs, revisions, alike):
        if len(group) == 1:
            nodes.append(_extant(tradition, group[0]))
        else:
            _infer_group(tradition, group, pairs, revisions, names, nodes, edges, borrowed)
        for representative, twin in family(alike, group):
            nodes.append(_extant(tradition, twin))
            drawn = any(e.target == tradition.sigla[representative] for e in edges)
            edges.append(_twin_edge(tradition, representative, twin, turn=not drawn))
    return Stemma(tuple(nodes), tuple(edges), METHOD)


def _infer_group(
    tradition: Tradition,
    group: tuple[int, ...],
    pairs: dict[tuple[int, int], Pair],
    revisions: bool,
    names: _Names,
    nodes: list[StemmaNode],
    edges: list[StemmaEdge],
    borrowed: Mapping[int, frozenset[tuple[str, ...]]] | None = None,
) -> None:
    """The nodes and edges of one tradition of two or more witnesses, added to
    `nodes` and `edges`."""
    component = build_component(tradition, group, pairs, revisions, borrowed)
    local_edges = _component_edges(tradition, component)
    label = names.component(component, tradition)
    for node in names.order(component, tradition):
        extant = 0 <= node < len(group)
        siglum_index = group[node] if extant else None
        nodes.append(
            StemmaNode(
                label[node],
                extant,
                None if siglum_index is None else tradition.dates[siglum_index],
                None if siglum_index is None else _fragment(tradition, siglum_index),
            )
        )
    below = _witnesses_below(local_edges)
    late = _later_ancestors(tradition, group, local_edges)
    for edge in local_edges:
        named = _dates_named(tradition, group, edge, label)
        evidence = edge.evidence
        if edge.kind == "descent" and edge.child in late:
            # what the edge's direction rests on is then not the dates it breaks
            evidence = replace(evidence, later_ancestor=label[late[edge.child]], basis="")
            edge = replace(edge, basis="")
        flagged = replace(edge, evidence=evidence)
        summary = _describe(flagged, label, below.get(edge.child, 0), named)
        evidence = replace(evidence, summary=summary)
        confidence = evidence.support * evidence.direction
        if evidence.against_dates or evidence.later_ancestor:
            # the dates are facts, but readings that point the other way (or a tree
            # that cannot keep them all) mean something is amiss (a wrong date, a
            # lost intermediary, contamination)
            confidence *= 0.5
        edges.append(
            StemmaEdge(
                label[edge.parent],
                label[edge.child],
                round(confidence, 4),
                evidence,
                "contamination" if edge.kind == "contamination" else "descent",
            )
        )


def _later_ancestors(
    tradition: Tradition, group: Sequence[int], edges: Sequence[_Edge]
) -> dict[int, int]:
    """Per dated witness drawn below a dated ancestor surely later than itself: that
    ancestor (the nearest such). Rooting keeps the dates wherever some root can; this
    is where none could, and the stemma must say so rather than seem to keep them."""
    n = len(group)
    parent = {e.child: e.parent for e in edges if e.kind == "descent"}

    def date(node: int) -> str | None:
        return tradition.dates[group[node]] if 0 <= node < n else None

    found: dict[int, int] = {}
    for child in parent:
        if not date(child):
            continue
        ancestor = parent[child]
        while True:
            if is_later(date(ancestor), date(child)):
                found[child] = ancestor
                break
            if ancestor not in parent:
                break
            ancestor = parent[ancestor]
    return found


def _extant(tradition: Tradition, witness: int) -> StemmaNode:
    return StemmaNode(
        tradition.sigla[witness],
        True,
        tradition.dates[witness],
        _fragment(tradition, witness),
    )


def _twins(tradition: Tradition, revisions: bool) -> dict[int, int]:
    """The witnesses that read as another does (`collate.stemma.twins`), set apart
    from the inference; none where three or more different texts form a revision chain
    with them in it, which places each twin in its turn among the states
    (`collate.stemma.chain`: the link between two that read alike is a coin toss)."""
    found = twins(tradition)
    if not found or not revisions:
        return found
    distinct = len(tradition.sigla) - len(found)
    everyone = tuple(range(len(tradition.sigla)))
    if distinct >= 3 and any(
        find_chain(texts, tradition.dates) is not None for texts in tradition.chain_texts(everyone)
    ):
        return {}
    return found


def _twin_edge(tradition: Tradition, representative: int, twin: int, *, turn: bool) -> StemmaEdge:
    """The edge between a witness and its twin: certain in its place, its direction
    by the witnesses' dates where they order the two, else by the dates the texts name
    (a twin that lacks a passage naming a later date than any it names is the older,
    as for a pair, `collate.stemma.pair`), else a coin toss. Drawn from the
    representative, or, where it is the older by that evidence and nothing is drawn
    above the representative (`turn`), from the twin."""
    rep, other = tradition.dates[representative], tradition.dates[twin]
    named = 0.0
    # (a representative is never surely later than its twin: `collate.stemma.twins`)
    if is_later(other, rep):
        direction = 1.0
    else:
        named = later_date_evidence(tradition.texts[representative], tradition.texts[twin])
        direction = min(NAMED_BOUND, max(1.0 - NAMED_BOUND, 1.0 / (1.0 + math.exp(-named))))
    parent, child = representative, twin
    if turn and direction < 0.5:
        parent, child, direction = twin, representative, 1.0 - direction
    fragment = next((w for w in (parent, child) if w in tradition.fragments), None)
    where = "" if fragment is None else f" where {tradition.sigla[fragment]} has text"
    sigla = tradition.sigla
    parts = [f"{sigla[child]} reads as {sigla[parent]} does at every variant location{where}"]
    basis = IDENTICAL
    if is_later(other, rep):
        basis = DATES
        parts.append("its direction rests on the witnesses' dates")
    elif named:
        later, earlier = (twin, representative) if named > 0 else (representative, twin)
        parts.append(_later_named(tradition, later, earlier, sigla))
        parts.append("its direction rests on the dates the texts name, as for two witnesses")
    else:
        parts.append("which of the two is the older the readings cannot tell (a coin toss)")
    parts.append(f"support 1.00, direction {direction:.2f}")
    evidence = Evidence(
        innovations=0,
        conflicts=0,
        exemplar_singular=0,
        omissions=0,
        additions=0,
        eye_skips=0,
        support=1.0,
        direction=round(direction, 4),
        examples=(),
        summary="; ".join(parts) + ".",
        basis=basis,
    )
    return StemmaEdge(sigla[parent], sigla[child], round(direction, 4), evidence, "descent")


def _fragment(tradition: Tradition, witness: int) -> str | None:
    extent = tradition.extents.get(witness)
    return note(tradition.fragments.get(witness), tradition.sites, extent)


def _traditions(
    tradition: Tradition,
    pairs: dict[tuple[int, int], Pair],
    revisions: bool,
    alike: Mapping[int, int],
) -> list[tuple[int, ...]]:
    """The independent traditions of the witnesses that are no one's twin (`alike`);
    all of them one when they form a revision chain (an early state may share too
    little with the latest to be called related)."""
    everyone = tuple(w for w in range(len(tradition.sigla)) if w not in alike)
    dates = [tradition.dates[w] for w in everyone]
    if revisions and any(
        find_chain(texts, dates) is not None for texts in tradition.chain_texts(everyone)
    ):
        return [everyone]
    kept = {xy: pair for xy, pair in pairs.items() if not (set(xy) & alike.keys())}
    return [group for group in related_groups(len(tradition.sigla), kept) if group[0] not in alike]


# --------------------------------------------------------------------------- evidence


def _witnesses_below(edges: Sequence[_Edge]) -> dict[int, int]:
    """Per node: how many nodes descend from it by descent edges."""
    children: dict[int, list[int]] = {}
    for edge in edges:
        if edge.kind == "descent":
            children.setdefault(edge.parent, []).append(edge.child)

    def count(node: int) -> int:
        return sum(1 + count(c) for c in children.get(node, []))

    return {node: count(node) for node in children}


def _dates_named(
    tradition: Tradition, group: Sequence[int], edge: _Edge, label: Mapping[int, str]
) -> str | None:
    """Where exemplar and copy name different newest dates and that counts as evidence
    of direction (`collate.stemma.anchors.later_date_evidence`): which names the later,
    against how many the other names."""
    n = len(group)
    if edge.kind != "descent" or not (0 <= edge.parent < n and 0 <= edge.child < n):
        return None
    texts = {node: tradition.texts[group[node]] for node in (edge.parent, edge.child)}
    evidence = later_date_evidence(texts[edge.parent], texts[edge.child])
    if not evidence:
        return None
    later, other = (edge.child, edge.parent) if evidence > 0 else (edge.parent, edge.child)
    return _later_named(tradition, group[later], group[other], label, (later, other))


def _later_named(
    tradition: Tradition,
    later: int,
    other: int,
    label: Mapping[int, str] | Sequence[str],
    nodes: tuple[int, int] | None = None,
) -> str:
    """The clause "L names D, later than any of the k dates O names", of witnesses
    `later` and `other` (by number in the tradition), labelled by their `nodes` where
    given."""
    newest = max(dates_mentioned(tradition.texts[later]))
    day = "-".join(f"{part:02d}" for part in newest if part) or str(newest[0])
    named = _count(len(dates_mentioned(tradition.texts[other])), "date")
    first, second = nodes or (later, other)
    return f"{label[first]} names {day}, later than any of the {named} {label[second]} names"


def _describe(
    edge: _Edge, label: Mapping[int, str], below: int, dates_named: str | None = None
) -> str:
    """One sentence a reader can check against the apparatus."""
    e = edge.evidence
    parent, child = label[edge.parent], label[edge.child]
    examples = ", ".join(map(str, e.examples))
    if edge.kind == "contamination":
        return (
            f"{child} reads {e.innovations} of the innovations of {parent}'s line that its "
            f"own line does not explain (and not {e.conflicts}), far more than unrelated "
            f"witnesses do by chance; e.g. variant locations {examples}."
        )
    who = f"{child} (with the {_count(below, 'node')} below it)" if below else child
    if not e.innovations:
        parts = [f"{who} reads as {parent} does at every variant location"]
    else:
        changes = [f"{who} departs from {parent} at {_count(e.innovations, 'variant location')}"]
        if e.omissions:
            skips = f" ({e.eye_skips} like an eye-skip)" if e.eye_skips else ""
            changes.append(f"leaving out {_count(e.omissions, 'passage')} of it{skips}")
        if e.additions:
            changes.append(f"adding {_count(e.additions, 'passage')}")
        parts = [", ".join(changes)]
    if e.habitual or e.against_habit:
        # the same count whichever way the whole stemma is read: consistency with the
        # other edges, no evidence of which end is the older
        share = "" if e.habitual * 2 >= e.habitual + e.against_habit else "only "
        recurring = _count(e.habitual + e.against_habit, "recurring change")
        parts.append(
            f"{share}{e.habitual} of its {recurring} "
            "(a spelling, a passage lost or added) run as they do on the stemma's other "
            "edges, a sign of consistency, not of direction"
        )
    if e.conflicts:
        verb = "conflicts" if e.conflicts == 1 else "conflict"
        parts.append(f"{_count(e.conflicts, 'variant location')} {verb} with this grouping")
    if e.exemplar_singular:
        parts.append(f"{parent} stands alone in {e.exemplar_singular}")
    if e.against_dates:
        parts.append(
            "the dates decide its direction against the readings, which alone point the other way"
        )
    if e.later_ancestor:
        parts.append(
            f"this runs against the dates: {e.later_ancestor}, above it, is dated later than "
            f"{child}, and no tree the readings allow keeps every date (a date may be wrong)"
        )
    if dates_named:
        parts.append(dates_named)
    if edge.basis:
        parts.append(edge.basis)
    if edge.kind == "descent" and e.support < 0.005:
        parts.append(
            f"confidence 0 means the readings give no support to this edge: {parent} has "
            "as many readings of its own as a typical copy, which an exemplar's copies "
            "would keep; it is drawn only because the root was placed there"
        )
    if edge.kind == "descent" and e.direction == 0.5 and not e.against_dates:
        parts.append("which of the two is the older the readings cannot tell (a coin toss)")
    parts.append(f"support {e.support:.2f}, direction {e.direction:.2f}")
    sentence = "; ".join(parts)
    return sentence + (f"; e.g. variant locations {examples}." if examples else ".")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _component_edges(tradition: Tradition, component: Component) -> list[_Edge]:
    parents = parents_of(component)
    chars = component.characters
    n = len(component.witnesses)
    states = component.states
    groups = _groups(parents, n)
    context = _Context(tradition, component, parents, states, groups)
    found = []
    for child, parent in sorted(parents.items(), key=lambda item: item[0]):
        if parent is not None:
            keyword, clause = context.basis(parent, child)
            evidence = replace(context.evidence(parent, child), basis=keyword)
            if keyword == PAIR and evidence.direction == 0.5:
                clause = ""  # the sentence says it is a coin toss
            found.append(_Edge(parent, child, evidence, basis=clause))
    unknown = _unknown(tradition, component)
    weigh = component.fitch.characters.weight
    dates = [tradition.dates[w] for w in component.witnesses]
    for mixed in find_contamination(chars, parents, states, n, weigh, unknown):
        source, copy = (dates[i] if i < n else None for i in (mixed.source, mixed.copy))
        if is_later(source, copy):
            continue  # the dates are a hard constraint: nothing follows a later witness
        found.append(_Edge(mixed.source, mixed.copy, context.contamination(mixed), "contamination"))
    return found


def _unknown(tradition: Tradition, component: Component) -> list[int]:
    """Per witness of the component: the bitset of characters at the locations it lacks
    (`collate.stemma.fragments`)."""
    found = []
    for w in component.witnesses:
        fragment = tradition.fragments.get(w)
        lacking = set() if fragment is None else {*fragment.start, *fragment.end, *fragment.inside}
        found.append(sum(1 << c for c, ch in enumerate(component.characters) if ch.site in lacking))
    return found


def _groups(parents: Mapping[int, int | None], witnesses: int) -> dict[int, int]:
    """Per node: the bitmask of the witnesses at or below it."""
    groups = {node: 0 for node in parents}
    for w in range(witnesses):
        node: int | None = w
        while node is not None:
            groups[node] |= 1 << w
            node = parents[node]
    return groups


class _Context:
    def __init__(
        self,
        tradition: Tradition,
        component: Component,
        parents: Mapping[int, int | None],
        states: Mapping[int, int],
        groups: Mapping[int, int],
    ) -> None:
        self.tradition = tradition
        self.component = component
        self.parents = parents
        self.states = states
        self.groups = groups
        self.n = len(component.witnesses)
        self.everyone = (1 << self.n) - 1
        self.typical = typical_copy(component.departures) or 1.0
        self.habits = component.rooting.habits.on_edges(component.root)
        #: per witness: the characters at locations it lacks (a fragment, a lacuna)
        self.unknown = _unknown(tradition, component)
        #: of two witnesses: which names the later date (read once; both directions use it)
        self.named = (
            later_date_evidence(*(tradition.texts[w] for w in component.witnesses))
            if self.n == 2
            else 0.0
        )

    def changes(self, parent: int, child: int) -> tuple[int, int]:
        """Characters whose minority reading the child gains, and those it loses."""
        differ = self.states[parent] ^ self.states[child]
        return differ & self.states[child], differ & self.states[parent]

    def conflicts(self, group: int) -> list[int]:
        rest = self.everyone & ~group
        return [
            c
            for c, ch in enumerate(self.component.characters)
            if ch.members & group
            and ch.members & rest
            and ch.members & group != group
            and ch.members & rest != rest
        ]

    def weight(self, characters: Iterable[int]) -> float:
        return sum(self.component.characters[c].weight for c in characters)

    def group_support(self, node: int) -> float:
        """How far the innovations the group shares outweigh its strongest rival: the
        grouping that the most weight of conflicting locations calls for instead.
        Chance agreements are spread over many rival groupings, each weak; a real
        rival gathers them."""
        parent = self.parents[node]
        group = self.groups[node]
        if parent is None or group == self.everyone:
            return 1.0
        gained, lost = self.changes(parent, node)
        # where a member lacks the text (read there as its relative reads), the
        # readings say nothing of whether it belongs to the group
        known = self.everyone_known(group)
        shared = self.weight(bits((gained | lost) & known))
        rivals: dict[int, float] = {}
        for c in self.conflicts(group):
            if not known >> c & 1:
                continue
            character = self.component.characters[c]
            split = min(character.members, self.everyone & ~character.members)
            rivals[split] = rivals.get(split, 0.0) + character.weight
        strongest = max(rivals.values(), default=0.0)
        return shared / (shared + strongest + 1.0)

    def everyone_known(self, group: int) -> int:
        """The characters at which every witness of the group has text."""
        lacking = 0
        for w in bits(group):
            if w < self.n:
                lacking |= self.unknown[w]
        return ~lacking

    def support(self, parent: int, child: int) -> float:
        if self.component.chain_support is not None:
            return float(self.component.chain_support.get(frozenset((parent, child)), 0.0))
        single = self.groups[child].bit_count() < 2
        support = self.group_support(parent if single else child)
        if 0 <= parent < self.n and self.n > 2:
            # an extant exemplar should have no readings its copies do not keep
            support *= max(0.0, 1.0 - self.component.departures[parent] / self.typical)
        return min(1.0, max(0.0, support))

    def _readings_direction(self, parent: int, child: int) -> float:
        """The direction the readings alone give, dates left aside: of two witnesses
        bounded as the undated pair's is (a coin toss stays one, and is no evidence
        against the dates)."""
        if self.n == 2:
            return pair_direction(self.component.rooting, parent, self.named, undated=True)
        return self.component.rooting.undated_direction(parent, child)

    def direction(self, parent: int, child: int) -> float:
        if self.n == 2:
            return pair_direction(self.component.rooting, parent, self.named)
        found = self._direction(parent, child)
        dated = any(self.tradition.dates[w] for w in self.component.witnesses)
        if frozenset((parent, child)) in self.component.chain_alike and not dated:
            # two states of a chain that read alike could stand either way round: the
            # chain's direction says which end is older, not which of the two
            return 0.5
        if self.component.tide > 0 and not dated:
            # the direction is read through the tide the dates named suggest, and is
            # no surer than that tide
            bound = 1.0 / (1.0 + math.exp(-self.component.tide))
            found = min(bound, max(1.0 - bound, found))
        if self.component.revision_like and not dated:
            # revisions, not copies, may have made these witnesses: which way a passage
            # was lost or added is then no evidence, only the copying model's assumption
            # (or, where the dates mentioned say the text grew, its mirror image)
            return min(REVISION_LIKE_BOUND, max(1.0 - REVISION_LIKE_BOUND, found))
        return found

    def basis(self, parent: int, child: int) -> tuple[str, str]:
        """What the direction of the edge parent -> child rests on: a keyword and a
        clause of its sentence (`collate.stemma.basis`)."""
        witnesses = self.component.witnesses
        dated = any(self.tradition.dates[w] for w in witnesses)
        chain = self.component.chain
        if chain is None:
            return other_basis(
                dated=dated,
                dates_decide=dated and self._dates_decide(parent, child),
                pair=self.n == 2,
                revision_like=self.component.revision_like,
                tide=self.component.tide,
                bound=REVISION_LIKE_BOUND,
            )
        if frozenset((parent, child)) in self.component.chain_alike and not dated:
            return alike_basis()
        fragments = {
            w: (bool(fragment.start), bool(fragment.end))
            for w, number in enumerate(witnesses)
            if (fragment := self.tradition.fragments.get(number)) is not None
        }
        return chain_basis(chain, parent, child, dated, fragments)

    def _dates_decide(self, parent: int, child: int) -> bool:
        """Whether the dates move the edge's direction from what the readings alone
        give (else the readings give it, and the dates only agree)."""
        if self.n == 2:
            return self.direction(parent, child) != self._readings_direction(parent, child)
        rooting = self.component.rooting
        dated = self._direction(parent, child)
        undated = self._direction(parent, child, rooting.undated_weights())
        return abs(dated - undated) > 0.05

    def _direction(
        self, parent: int, child: int, weights: Mapping[Root, float] | None = None
    ) -> float:
        rooting = self.component.rooting
        if weights is None:
            weights = rooting.weights()
        if parent >= 0:
            return rooting.direction_with(parent, child, weights)
        # a lost archetype above `child`: the root is not on the child's own side
        return 1.0 - sum(
            weight
            for (a, b), weight in weights.items()
            if self._below(a, child) and self._below(b, child)
        )

    def _below(self, node: int, top: int) -> bool:
        current: int | None = node
        while current is not None:
            if current == top:
                return True
            current = self.parents.get(current)
        return False

    def contamination(self, mixed: Contamination) -> Evidence:
        return _contamination_evidence(self, mixed)

    def evidence(self, parent: int, child: int) -> Evidence:
        chars = self.component.characters
        gained_mask, lost_mask = self.changes(parent, child)
        changed = sorted(bits(gained_mask | lost_mask), key=lambda c: (-chars[c].weight, c))
        gained, lost = bits(gained_mask), bits(lost_mask)
        omissions = sum(chars[c].lacks for c in gained) + sum(chars[c].adds for c in lost)
        additions = sum(chars[c].adds for c in gained) + sum(chars[c].lacks for c in lost)
        skips = sum(chars[c].skips for c in gained) + sum(chars[c].skips_back for c in lost)
        singular = 0
        if 0 <= parent < self.n and self.n > 2:
            singular = sum(1 for ch in chars if ch.members == 1 << parent)
        conflicts = (
            len(self.conflicts(self.groups[child])) if self.groups[child] != self.everyone else 0
        )
        numbers = dict.fromkeys(self.tradition.sites[chars[c].site].number for c in changed)
        examples = tuple(sorted(list(numbers)[:EXAMPLES]))
        habitual, against_habit = self.habits.get(frozenset((parent, child)), (0, 0))
        direction = min(1.0, max(0.0, self.direction(parent, child)))
        against_dates = (
            0 <= parent < self.n
            and self.component.rooting.date_conflicts == 0
            and direction > 0.5
            and any(self.tradition.dates[w] for w in self.component.witnesses)
            and self._readings_direction(parent, child) < 0.5
        )
        return Evidence(
            habitual=habitual,
            against_habit=against_habit,
            innovations=len(changed),
            conflicts=conflicts,
            exemplar_singular=singular,
            omissions=omissions,
            additions=additions,
            eye_skips=skips,
            support=round(self.support(parent, child), 4),
            direction=round(direction, 4),
            against_dates=against_dates,
            examples=examples,
            summary="",
        )


def _contamination_evidence(context: _Context, mixed: Contamination) -> Evidence:
    chars = context.component.characters
    ordered = sorted(mixed.shared, key=lambda c: (-chars[c].weight, c))
    numbers = dict.fromkeys(context.tradition.sites[chars[c].site].number for c in ordered)
    examples = tuple(sorted(list(numbers)[:EXAMPLES]))
    return Evidence(
        innovations=len(mixed.shared),
        conflicts=len(mixed.unshared),
        exemplar_singular=0,
        omissions=0,
        additions=0,
        eye_skips=0,
        support=round(mixed.confidence, 4),
        direction=1.0,
        examples=examples,
        summary="",
    )


# --------------------------------------------------------------------------- names


class _Names:
    """Sigla for witnesses; Greek letters for lost exemplars, never clashing with a siglum."""

    def __init__(self, sigla: Sequence[str]) -> None:
        self.sigla = sigla
        self.used = set(sigla)
        self.next = 0

    def _fresh(self) -> str:
        while True:
            k = self.next
            self.next += 1
            name = GREEK[k % len(GREEK)] + (str(k // len(GREEK) + 1) if k >= len(GREEK) else "")
            if name not in self.used:
                self.used.add(name)
                return name

    def order(self, component: Component, tradition: Tradition) -> list[int]:
        """The component's nodes top-down, children by the first siglum below them."""
        parents = parents_of(component)
        children: dict[int, list[int]] = {node: [] for node in parents}
        for node, parent in parents.items():
            if parent is not None:
                children[parent].append(node)
        first = _first_witness(parents, len(component.witnesses))
        order: list[int] = []
        stack = [node for node, parent in parents.items() if parent is None]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(sorted(children[node], key=lambda c: first[c], reverse=True))
        return order

    def component(self, component: Component, tradition: Tradition) -> dict[int, str]:
        labels: dict[int, str] = {}
        for node in self.order(component, tradition):
            if 0 <= node < len(component.witnesses):
                labels[node] = tradition.sigla[component.witnesses[node]]
            else:
                labels[node] = self._fresh()
        return labels


def _first_witness(parents: Mapping[int, int | None], witnesses: int) -> dict[int, int]:
    first = {node: witnesses for node in parents}
    for w in range(witnesses):
        node: int | None = w
        while node is not None:
            first[node] = min(first[node], w)
            node = parents[node]
    return first


def infer_stemma(
    apparatus: Apparatus,
    kinds: Mapping[str, str] | None = None,
    lacuna_marker: str = MARKER,
    resample: bool = True,
    outside: Mapping[str, Sequence[str]] | None = None,
) -> Stemma:
    """The stemma the apparatus's variant locations call for (see docs/stemma.md).
    `kinds`: per siglum, "manuscript", "print" or "revision" where known
    (`collate.metadata`); a tradition of manuscripts alone is never read as revisions.
    `lacuna_marker`: the sign by which the witnesses mark a lacuna (`collate.lacunae`).
    `resample`: bound a small tradition's confidences by its variant locations drawn
    again (`collate.stemma.resample`: the stemma inferred 51 times); without it, each
    edge's `recurrence` is None, not measured.
    `outside`: per siglum, texts outside the tradition it shares passages with (a
    corpus's reuse links: quotations from other stories); a passage some witnesses
    have and others lack that stands in those texts was taken in by the witnesses
    that have it, not lost by the others."""
    return infer(apparatus, kinds, lacuna_marker, resample, outside)
