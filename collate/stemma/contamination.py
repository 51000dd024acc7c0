"""Contamination: a witness that followed a second exemplar besides its main one.

Every node's innovations (the readings that change on the edge into it) are shared by
its descendants and, by chance, by a few others. A witness that copied part of its text
from a second exemplar X shares a large part of the innovations of X's line that its
own line does not explain, far more than chance agreement gives any other witness. So
for each witness W and each node X outside W's own line, the share of X's innovations
that W reads is compared with the share a typical unrelated witness reads; the deepest
node of a line W follows well beyond chance is W's second exemplar.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .build import Character
from .tree import bits

#: A line counts as followed when W reads at least this share of its innovations...
FOLLOWED_SHARE = 0.25
#: ...and at least this many times the share a typical outsider reads...
OVER_CHANCE = 3.0
#: ...and at least this many of them: fewer are within what chance gives on short
#: edges (up to six in uncontaminated synthetic traditions of 5,000 words).
MIN_SHARED = 8


@dataclass(frozen=True)
class Contamination:
    """W (`copy`) read part of its text from `source` as well as its main exemplar."""

    source: int
    copy: int
    #: the source's innovations the copy reads, and those it does not (characters)
    shared: tuple[int, ...]
    unshared: tuple[int, ...]
    share: float
    chance: float

    @property
    def confidence(self) -> float:
        """0 at the threshold of chance, 1 when the copy reads half the source's
        innovations (as if it copied half its text from it), damped for few cases."""
        excess = (self.share - self.chance) / max(1e-9, 0.5 - self.chance)
        return max(0.0, min(1.0, excess)) * (1.0 - math.exp(-len(self.shared) / 4.0))


def find_contamination(
    characters: Sequence[Character],
    parents: Mapping[int, int | None],
    states: Mapping[int, int],
    witnesses: int,
    weigh: Callable[[int], float],
    unknown: Sequence[int] = (),
) -> list[Contamination]:
    """Second exemplars, at most one per witness, for traditions of four or more;
    `weigh` gives the total weight of a bitset of characters; `unknown`, per witness,
    the bitset of characters at locations it lacks (a fragment's ends, a lacuna),
    where what it reads was filled in and says nothing of what it followed."""
    if witnesses < 4:
        return []
    lines = _Lines(characters, parents, states, witnesses, weigh, unknown)
    candidates = [c for c in map(lines.second_exemplar, range(witnesses)) if c is not None]
    candidates.sort(key=lambda c: (-c.confidence, c.copy))
    children: dict[int, set[int]] = {}
    for node, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, set()).add(node)
    found = []
    for candidate in candidates:
        # two contaminations may not make a witness its own ancestor
        if candidate.source in _reachable(children, candidate.copy):
            continue
        children.setdefault(candidate.source, set()).add(candidate.copy)
        found.append(candidate)
    return sorted(found, key=lambda c: c.copy)


def _reachable(children: Mapping[int, set[int]], start: int) -> set[int]:
    seen = {start}
    stack = [start]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


class _Lines:
    def __init__(
        self,
        characters: Sequence[Character],
        parents: Mapping[int, int | None],
        states: Mapping[int, int],
        witnesses: int,
        weigh: Callable[[int], float],
        unknown: Sequence[int] = (),
    ) -> None:
        self.characters = characters
        self.unknown = unknown
        self.witnesses = witnesses
        self.weight = weigh
        self.parents = parents
        self.states = states
        self.innovations = {
            node: states[node] ^ states[parent]
            for node, parent in parents.items()
            if parent is not None
        }
        #: per node, its ancestors: asked of every node for every witness (`_chance`,
        #: `second_exemplar`), each traced once
        self._ancestors: dict[int, frozenset[int]] = {}
        self.chance = self._chance()

    def ancestors(self, node: int) -> frozenset[int]:
        found = self._ancestors.get(node)
        if found is None:
            line = []
            current = self.parents.get(node)
            while current is not None:
                line.append(current)
                current = self.parents.get(current)
            found = self._ancestors[node] = frozenset(line)
        return found

    def share(self, w: int, node: int) -> tuple[float, int, int]:
        """The weighted share of `node`'s innovations that witness w reads."""
        innovations = self.innovations[node]
        for lacking in (w, node):  # what either lacks was filled in, not read
            if 0 <= lacking < len(self.unknown):
                innovations &= ~self.unknown[lacking]
        agree = innovations & ~(self.states[w] ^ self.states[node])
        total = self.weight(innovations)
        return (self.weight(agree) / total if total else 0.0), agree, innovations & ~agree

    def outsiders(self, node: int, witnesses: Sequence[int]) -> list[int]:
        return [
            w
            for w in witnesses
            if node != w and node not in self.ancestors(w) and w not in self.ancestors(node)
        ]

    def _chance(self) -> dict[int, float]:
        """Per node: the median share of its innovations read by witnesses outside it."""
        chance = {}
        for node in self.innovations:
            shares = [self.share(w, node)[0] for w in self.outsiders(node, range(self.witnesses))]
            chance[node] = statistics.median(shares) if shares else 0.0
        return chance

    def second_exemplar(self, w: int) -> Contamination | None:
        own_line = self.ancestors(w) | {w}
        best: tuple[int, Contamination] | None = None
        for node in sorted(self.innovations):
            if node in own_line or w in self.ancestors(node):
                continue
            share, agree, disagree = self.share(w, node)
            chance = self.chance[node]
            if (
                share < FOLLOWED_SHARE
                or share < OVER_CHANCE * chance
                or agree.bit_count() < MIN_SHARED
            ):
                continue
            depth = len(self.ancestors(node))
            candidate = Contamination(
                node, w, tuple(bits(agree)), tuple(bits(disagree)), share, chance
            )
            if best is None or depth > best[0]:
                best = (depth, candidate)
        return None if best is None else best[1]
