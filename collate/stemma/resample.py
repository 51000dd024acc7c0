"""The sampling error of a small tradition: the stemma inferred again from its variant
locations drawn again.

An edge's confidence (support x direction) weighs the evidence the variant locations
give as if they were all the evidence there could be. With hundreds of locations that
is near enough; with a dozen (three letters of sixty words) chance decides much of it:
one location more or less may move a group or turn the root, and confidences of
0.87-0.99 held about half the time. So where a tradition has few variant locations the
whole inference is repeated on bootstrap replicates (the variant locations drawn again
with replacement, the shared text kept), and an edge is believed no more than the share
of replicates whose stemma makes the same claim: an extant exemplar is an ancestor of
every witness at or below its copy; a lost one stands for the same group of witnesses.

It runs below `SMALL` variant locations, a bound on its cost (`REPLICATES` stemmata of
the tradition, one for each different draw: few locations allow few), not on its effect:
larger traditions were measured calibrated without it (docs/stemma.md, *Calibration by
size*), and their sampling error is small beside the model's own uncertainty.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Apparatus, Segment, VariantLocation
from .model import Stemma, StemmaEdge

#: Traditions with fewer variant locations than this are resampled.
SMALL = 150
#: How many replicates: the share of them is known to about +-0.07 (at 0.5).
REPLICATES = 50


@dataclass(frozen=True)
class _Replicate(Apparatus):
    """An apparatus of variant locations drawn again, whose witnesses' texts are still
    the tradition's own: what is read from whole texts (the revision chain's trigrams
    and its own bootstrap over passages, `collate.stemma.chain`; whether the witnesses
    read as revisions) is not what the variant locations' sampling error is about, and
    is read once for all the replicates."""

    original: Apparatus | None = None

    def text_of(self, siglum: str) -> str:
        if self.original is None:
            return super().text_of(siglum)
        return self.original.text_of(siglum)


def resampled(apparatus: Apparatus, rng: random.Random) -> Apparatus:
    """The apparatus with its variant locations drawn again with replacement (each in
    its place, as often as drawn), its shared text and its witnesses' texts kept."""
    return _replicate(apparatus, _draw(len(apparatus.variant_locations), rng))


def _draw(locations: int, rng: random.Random) -> tuple[int, ...]:
    """How often each of the variant locations is drawn, `locations` draws."""
    counts = [0] * locations
    for _ in range(locations):
        counts[rng.randrange(locations)] += 1
    return tuple(counts)


def _replicate(apparatus: Apparatus, counts: Sequence[int]) -> Apparatus:
    """The apparatus with each variant location in its place `counts` times."""
    segments: list[Segment] = []
    index = 0
    for segment in apparatus.segments:
        if isinstance(segment, VariantLocation):
            segments.extend([segment] * counts[index])
            index += 1
        else:
            segments.append(segment)
    return _Replicate(
        apparatus.witnesses,
        tuple(segments),
        apparatus.engine,
        apparatus.normalization,
        apparatus.whitespace,
        apparatus,
    )


def _parents(stemma: Stemma) -> dict[str, str]:
    return {e.target: e.source for e in stemma.edges if e.kind == "descent"}


def _ancestors(parents: Mapping[str, str], node: str) -> set[str]:
    found = set()
    while node in parents and parents[node] not in found:
        node = parents[node]
        found.add(node)
    return found


def claims(stemma: Stemma) -> dict[tuple[str, str], tuple[str, frozenset[str]]]:
    """Per descent edge P -> C: what it claims, as ("ancestor", the extant witnesses at
    or below C) for an extant P, ("group", the extant witnesses below P) for a lost P."""
    parents = _parents(stemma)
    extant = set(stemma.extant)
    found = {}
    for edge in stemma.edges:
        if edge.kind != "descent":
            continue
        if edge.source in extant:
            below = frozenset(
                w for w in extant if w == edge.target or edge.target in _ancestors(parents, w)
            )
            found[edge.source, edge.target] = ("ancestor:" + edge.source, below)
        else:
            group = frozenset(w for w in extant if edge.source in _ancestors(parents, w))
            found[edge.source, edge.target] = ("group", group)
    return found


def holds(stemma: Stemma, claim: tuple[str, frozenset[str]]) -> bool:
    """Whether the stemma makes the claim (`claims`)."""
    return _Lines(stemma).holds(claim)


class _Lines:
    """A stemma's lines of descent, traced once for all the claims asked of it: per
    extant witness its ancestors, and the group of extant witnesses below each node.
    Traced again for each claim, a replicate of 200 witnesses took a tenth of the
    resampling's time in its 400 claims."""

    def __init__(self, stemma: Stemma) -> None:
        self.parents = parents = _parents(stemma)
        extant = set(stemma.extant)
        self.ancestors = {w: _ancestors(parents, w) for w in extant}
        below: dict[str, set[str]] = {node: set() for node in {*parents, *parents.values()}}
        for w, ancestors in self.ancestors.items():
            for node in ancestors:
                below[node].add(w)
        self.groups = {frozenset(group) for group in below.values()}

    def holds(self, claim: tuple[str, frozenset[str]]) -> bool:
        kind, witnesses = claim
        if kind.startswith("ancestor:"):
            exemplar = kind.split(":", 1)[1]
            return all(exemplar in self._ancestors_of(w) for w in witnesses)
        return witnesses in self.groups

    def _ancestors_of(self, witness: str) -> set[str]:
        found = self.ancestors.get(witness)
        return _ancestors(self.parents, witness) if found is None else found


def recurrence(
    apparatus: Apparatus, stemma: Stemma, infer: Callable[[Apparatus], Stemma]
) -> dict[tuple[str, str], float]:
    """Per descent edge of the stemma: the share of bootstrap replicates whose stemma
    makes its claim (empty where the tradition is not small)."""
    if len(apparatus.variant_locations) >= SMALL:
        return {}
    wanted = claims(stemma)
    if not wanted:
        return {}
    locations = len(apparatus.variant_locations)
    rng = random.Random(locations)
    counts = dict.fromkeys(wanted, 0)
    # the inference is a function of the draw: a draw made before (few locations
    # allow few draws; one location, one) is not inferred again
    held: dict[tuple[int, ...], list[tuple[str, str]]] = {}
    for _ in range(REPLICATES):
        draw = _draw(locations, rng)
        if draw not in held:
            lines = _Lines(infer(_replicate(apparatus, draw)))
            held[draw] = [edge for edge, claim in wanted.items() if lines.holds(claim)]
        for edge in held[draw]:
            counts[edge] += 1
    return {edge: count / REPLICATES for edge, count in counts.items()}


def tempered(edge: StemmaEdge, share: float | None) -> StemmaEdge:
    """The edge believed no more than the share of replicates that make its claim."""
    if share is None:
        return edge
    evidence = replace(edge.evidence, recurrence=share)
    if share >= edge.confidence:
        return replace(edge, evidence=evidence)
    sentence = edge.evidence.summary.rstrip(".")
    examples = sentence.find("; e.g. variant locations")
    if examples < 0:
        examples = len(sentence)
    clause = (
        f"; with its variant locations drawn again, {share:.0%} of {REPLICATES} "
        f"replicates make this claim (too few locations to be surer), so the "
        f"confidence is {share:.2f}"
    )
    summary = sentence[:examples] + clause + sentence[examples:] + "."
    return replace(edge, confidence=round(share, 4), evidence=replace(evidence, summary=summary))
