"""Revision chains: traditions in which each witness was made from the one before.

An author revising his book edition by edition, or the successive states of an
edited page, leave a tradition unlike a scribal one: every state survives, and each
lies *between* the one before and the one after it, since what a revision changed
the next one mostly keeps. The branching model (`collate.stemma.build`) reads such a
tradition as copies of lost exemplars; here it is recognised and drawn as the chain
it is.

Comparison is on word trigrams of each witness's whole text (as a multiset), not on
the apparatus's variant locations: a revision moves, splits and rewrites passages,
which a collation cuts into many locations, while the trigrams a state shares with
the next are counted the same however the passages moved.

- **Recognising a chain.** The order of the witnesses is the one whose successive
  differences are smallest; the tradition is a chain when, along that order, every
  witness lies between its neighbours: the difference of its two neighbours is at
  least `BETWEEN` of the sum of their differences with it (for copies of a lost
  common exemplar it is about half: each copy's own changes count twice).
- **Direction.** A chain reads as well forwards as backwards in its readings alone
  (each change undone reading backwards is one change), so its direction rests on
  an asymmetry: revisers add and rewrite more than they cut, so the root stands at
  the end from which the text grows (each edge's evidence is its words added against
  its words lost, as a z-score). Dates override it (no witness derives from a later
  one), and so does a tradition described as manuscripts (`collate.metadata`), for
  which the chain model is not used at all.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..metadata import is_later

#: Trigrams: long enough that common words do not match by chance, short enough
#: that a changed word spoils few of them.
SHINGLE = 3
#: Along a chain every witness lies between its neighbours (see the module's doc).
BETWEEN = 0.7
#: Each word by which a revision is shorter than its source costs this much more: a
#: reviser adds more than he cuts (so the order search prefers the order that grows).
SHRINK_COST = 1.0
#: The log-odds of a root against another are this times the difference of the
#: chain's costs (`_Changes.directed`) from each, over the square root of all the
#: words the chain changes (the spread chance gives the balance of added and lost).
GROWTH_SCALE = 1.0
#: Witnesses up to this many are ordered by trying every order; more by local search.
EXHAUSTIVE = 8
#: A witness dated later than another placed after it costs this much (in words).
DATE_VIOLATION = 1e9


@dataclass(frozen=True)
class Chain:
    """A tradition's witnesses (local numbers) in order, oldest first, and per
    witness the log-weight of the root standing there."""

    order: tuple[int, ...]
    root_log_weight: Mapping[int, float]


def shingles(text: str) -> set[tuple[tuple[str, ...], int]]:
    """The text's word trigrams, each numbered by its occurrence (the second "of the
    same" is another than the first), so that sets count them as a multiset."""
    words = re.findall(r"\w+", text.casefold())
    seen: dict[tuple[str, ...], int] = {}
    found: set[tuple[tuple[str, ...], int]] = set()
    for gram in zip(words, words[1:], words[2:], strict=False):
        seen[gram] = seen.get(gram, 0) + 1
        found.add((gram, seen[gram]))
    return found


class _Changes:
    """Words added and lost between every two witnesses (in trigrams)."""

    def __init__(self, texts: Sequence[str]) -> None:
        n = len(texts)
        # per trigram the witnesses that have it; then per set of witnesses how many
        # trigrams: far fewer than trigrams, so every pair is counted fast
        holders: dict[tuple[tuple[str, ...], int], int] = {}
        for w, text in enumerate(texts):
            bit = 1 << w
            for gram in shingles(text):
                holders[gram] = holders.get(gram, 0) | bit
        patterns = Counter(holders.values())
        totals = [0] * n
        common = [[0] * n for _ in range(n)]
        for mask, count in patterns.items():
            members = [w for w in range(n) if mask >> w & 1]
            for a in members:
                totals[a] += count
                for b in members:
                    common[a][b] += count
        self.added = [[totals[b] - common[a][b] for b in range(n)] for a in range(n)]
        self.directed_matrix = [[self.directed(a, b) for b in range(n)] for a in range(n)]

    def lost(self, a: int, b: int) -> int:
        return self.added[b][a]

    def distance(self, a: int, b: int) -> int:
        return self.added[a][b] + self.added[b][a]

    def directed(self, a: int, b: int) -> float:
        """What b costs as a revision of a: its changes, and again the words by which
        it is shorter (a rewriting that keeps the length is no evidence either way)."""
        added, lost = self.added[a][b], self.lost(a, b)
        return added + lost + SHRINK_COST * max(0, lost - added)

    def growth(self, a: int, b: int) -> float:
        """How clearly the text grows from a to b (negative: it shrinks)."""
        added, lost = self.added[a][b], self.lost(a, b)
        return (added - lost) / math.sqrt(added + lost + 1)


def find_chain(texts: Sequence[str], dates: Sequence[str | None]) -> Chain | None:
    """The chain the witnesses form, or None when they do not form one."""
    return _find_chain(tuple(texts), tuple(dates))


@functools.lru_cache(maxsize=8)
def _find_chain(texts: tuple[str, ...], dates: tuple[str | None, ...]) -> Chain | None:
    n = len(texts)
    if n < 3:
        return None
    changes = _Changes(texts)
    order = _best_order(changes, dates)
    for before, node, after in zip(order, order[1:], order[2:], strict=False):
        through = changes.distance(before, node) + changes.distance(node, after)
        if through and changes.distance(before, after) < BETWEEN * through:
            return None
    return Chain(tuple(order), _root_weights(order, changes))


def _cost(order: Sequence[int], changes: _Changes, later: Sequence[Sequence[bool]]) -> float:
    directed = changes.directed_matrix
    cost = 0.0
    for a, b in zip(order, order[1:], strict=False):
        cost += directed[a][b]
    if not later:
        return cost
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            if later[a][b]:
                cost += DATE_VIOLATION
    return cost


def _later(dates: Sequence[str | None]) -> list[list[bool]]:
    """Which witness is surely later than which, once: the orders weighed below are
    many (every permutation of up to EXHAUSTIVE witnesses); empty without any."""
    later = [[is_later(x, y) for y in dates] for x in dates]
    return later if any(map(any, later)) else []


def _best_order(changes: _Changes, dates: Sequence[str | None]) -> list[int]:
    n = len(changes.added)
    later = _later(dates)
    if n <= EXHAUSTIVE:

        def cost(order: Iterable[int]) -> float:
            return _cost(tuple(order), changes, later)

        # the orders the dates allow, if any, in the same (lexicographic) order as
        # every permutation: a date violation outweighs any cost of changes
        return list(min(_dated_orders(n, later) or itertools.permutations(range(n)), key=cost))
    # greedy from every start, then moving single witnesses while it helps
    best: list[int] | None = None
    for start in range(n):
        order = [start]
        while len(order) < n:
            rest = [w for w in range(n) if w not in order]
            order.append(min(rest, key=lambda w: changes.directed(order[-1], w)))
        order = _improve(order, changes, later)
        if best is None or _cost(order, changes, later) < _cost(best, changes, later):
            best = order
    assert best is not None
    return best


def _dated_orders(n: int, later: Sequence[Sequence[bool]]) -> list[tuple[int, ...]]:
    """Every order of n witnesses in which none stands before one it is surely later
    than, lexicographically; none when there are no dates to keep to."""
    if not later:
        return []
    found: list[tuple[int, ...]] = []

    def extend(prefix: list[int], rest: list[int]) -> None:
        if not rest:
            found.append(tuple(prefix))
        for w in rest:
            if not any(later[a][w] for a in prefix):
                extend([*prefix, w], [r for r in rest if r != w])

    extend([], list(range(n)))
    return found


def _improve(order: list[int], changes: _Changes, later: Sequence[Sequence[bool]]) -> list[int]:
    current = _cost(order, changes, later)
    improved = True
    while improved:
        improved = False
        for i in range(len(order)):
            for j in range(len(order)):
                if i == j:
                    continue
                trial = order[:i] + order[i + 1 :]
                trial.insert(j, order[i])
                cost = _cost(trial, changes, later)
                if cost < current - 1e-9:
                    order, current, improved = trial, cost, True
    return order


def _root_weights(order: Sequence[int], changes: _Changes) -> dict[int, float]:
    """Per end of the chain: the log-weight of the root standing there (every edge
    then runs away from it). The cost of the chain so directed, in units of the
    spread that chance gives the balance of words added and lost (the square root
    of all the words changed). Dates are the rooting's to apply (`Rooting`)."""
    links = list(zip(order, order[1:], strict=False))
    spread = math.sqrt(sum(changes.distance(a, b) for a, b in links) + 1.0)
    weights = {}
    # a chain of revisions begins at one end: a root inside it would make two lines
    for position, root in ((0, order[0]), (len(order) - 1, order[-1])):
        cost = 0.0
        for i, (a, b) in enumerate(links):
            parent, child = (a, b) if i >= position else (b, a)
            cost += changes.directed(parent, child)
        weights[root] = -GROWTH_SCALE * cost / spread
    return weights
