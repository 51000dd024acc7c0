"""Copyists' habits: changes that recur through a tradition and run one way.

A tradition's copyists share habits: a spelling ("colour" becomes "color"), a more
modern form, losing passages more often than adding them. Such a change recurs at many
variant locations, and mostly in one direction. Which direction is not assumed; it is
learned from the tradition itself, together with the root: read away from the right
root, each recurring change runs (nearly) one way, while a wrong root turns the changes
on the edges between it and the right one back to front. As in rooting by a
non-reversible model of change, each kind of change gets its own unknown rate of
running backwards, with a uniform prior on it, and a root is scored by the
beta-binomial marginal likelihood of the directions it implies.

A change that occurs once says nothing either way, so a tradition without such habits
leaves the rooting to the other evidence.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .tree import edges, side

#: A passage lost, and a passage added, as changes that may run one way.
PASSAGE_LOST = ("…", "")
PASSAGE_ADDED = ("", "…")


class Habit:
    """A change that may recur as a habit: the witnesses with the minority reading,
    and what the reference reading became in theirs (for one changed word, the
    letters that differ: ("u", "") for "colour" to "color"; or `PASSAGE_LOST`,
    `PASSAGE_ADDED`). A plain class: see `collate.stemma.evidence.Diff`."""

    __slots__ = ("members", "change")

    def __init__(self, members: int, change: tuple[str, str]) -> None:
        self.members = members
        self.change = change


@dataclass(frozen=True)
class _Branch:
    """The part of the tree below the edge upper-lower."""

    upper: int
    lower: int
    below: frozenset[int]


class Habits:
    """The habits whose witnesses form one branch of a tree (a change that happened
    once, on one edge), ready to be read from any root."""

    def __init__(
        self, tree: Mapping[int, Sequence[int]], witnesses: int, habits: Sequence[Habit]
    ) -> None:
        branches: dict[int, _Branch] = {}
        everyone = (1 << witnesses) - 1
        for a, b in edges(tree):
            below = frozenset(side(tree, b, a))
            mask = sum(1 << w for w in below if 0 <= w < witnesses)
            branches.setdefault(mask, _Branch(a, b, below))
            branches.setdefault(everyone & ~mask, _Branch(b, a, frozenset(tree) - below))
        #: per kind of change (x, y) with x < y: (branch, whether it runs x -> y)
        self.kinds: dict[tuple[str, str], list[tuple[_Branch, bool]]] = {}
        for habit in habits:
            branch = branches.get(habit.members)
            if branch is None:
                continue
            x, y = habit.change
            key, ahead = ((x, y), True) if x < y else ((y, x), False)
            self.kinds.setdefault(key, []).append((branch, ahead))
        self.kinds = {key: found for key, found in self.kinds.items() if len(found) > 1}

    def cost(self, root: tuple[int, int], share: float) -> float:
        """-log of the directions the changes take away from `root`, under habits of
        unknown strength. For a root on an edge, `share` of that edge's changes stand
        on the half towards its second node."""
        total = 0.0
        for changes in self.kinds.values():
            decided, undecided = _read(changes, root)
            forward = 0
            for _, runs in decided:
                forward += runs
            backward = len(decided) - forward
            if undecided:
                # the root on the change's own edge: it stands on the copy's half (and
                # runs as written) with the probability of that half
                chances = []
                for branch, ahead in undecided:
                    on_lower_half = share if root[1] == branch.lower else 1.0 - share
                    chances.append(on_lower_half if ahead else 1.0 - on_lower_half)
                total += _mixed_marginal(forward, backward, chances)
            else:
                total += _beta_binomial(forward, backward)
        return total

    def on_edges(self, root: tuple[int, int]) -> dict[frozenset[int], tuple[int, int]]:
        """Per edge of the tree (as its two nodes): how many recurring changes on it
        run the way most changes of their kind run elsewhere in the tree (read from
        `root`), and how many against. Changes on the root's own edge are left out:
        their half is not known."""
        found: dict[frozenset[int], list[int]] = {}
        for changes in self.kinds.values():
            by_edge: dict[frozenset[int], list[int]] = {}
            for branch, runs in _read(changes, root)[0]:
                tally = by_edge.setdefault(frozenset((branch.upper, branch.lower)), [0, 0])
                tally[0 if runs else 1] += 1
            forward = sum(t[0] for t in by_edge.values())
            backward = sum(t[1] for t in by_edge.values())
            for edge, (here_forward, here_backward) in by_edge.items():
                elsewhere = (forward - here_forward, backward - here_backward)
                if elsewhere[0] == elsewhere[1]:
                    continue  # no habit to compare with
                usual = elsewhere[0] > elsewhere[1]
                agree, disagree = (
                    (here_forward, here_backward) if usual else (here_backward, here_forward)
                )
                tally = found.setdefault(edge, [0, 0])
                tally[0] += agree
                tally[1] += disagree
        return {edge: (tally[0], tally[1]) for edge, tally in found.items()}


def _read(
    changes: Sequence[tuple[_Branch, bool]], root: tuple[int, int]
) -> tuple[list[tuple[_Branch, bool]], list[tuple[_Branch, bool]]]:
    """The changes of one kind read away from `root`: (branch, whether it runs forward)
    for those whose direction the root settles, and (branch, whether it is written
    forward) for those on the root's own edge, whose half is not known."""
    a, b = root
    decided, undecided = [], []
    for branch, ahead in changes:
        upper, lower = branch.upper, branch.lower
        if a != b and ((a == upper and b == lower) or (a == lower and b == upper)):
            undecided.append((branch, ahead))
        else:
            decided.append((branch, ahead != _inside(branch, root)))
    return decided, undecided


def _inside(branch: _Branch, root: tuple[int, int]) -> bool:
    """Whether the root stands below the branch's edge (not on it), so that the change
    on that edge ran from the minority reading back to the reference reading."""
    a, b = root
    return a in branch.below and b in branch.below


#: The rate of running forward is integrated over this many points of [0, 1] where
#: some changes' direction is itself uncertain.
RATE_GRID = 64


def _mixed_marginal(forward: int, backward: int, chances: Sequence[float]) -> float:
    """-log of `forward` and `backward` changes, and of changes that each run forward
    with the given chance, under a uniform prior on the rate of running forward."""
    logs = []
    per_chance = [_chance_logs(chance) for chance in chances]
    for k in range(RATE_GRID):
        log = forward * _LOG_RATE[k] + backward * _LOG_AGAINST[k]
        for chance_logs in per_chance:
            log += chance_logs[k]
        logs.append(log)
    top = max(logs)
    return -(top + math.log(math.fsum(math.exp(x - top) for x in logs) / RATE_GRID))


#: per point of the rate grid: log(rate) and log(1 - rate), computed once
_RATES = [(k + 0.5) / RATE_GRID for k in range(RATE_GRID)]
_LOG_RATE = [math.log(rate) for rate in _RATES]
_LOG_AGAINST = [math.log1p(-rate) for rate in _RATES]


@functools.lru_cache(maxsize=256)
def _chance_logs(chance: float) -> tuple[float, ...]:
    """Per point of the rate grid: the log-likelihood of a change that runs forward
    with `chance` (a root's share of an edge: few values, asked at every root)."""
    return tuple(math.log(chance * rate + (1.0 - chance) * (1.0 - rate)) for rate in _RATES)


def _beta_binomial(forward: int, backward: int) -> float:
    """-log of `forward` changes one way and `backward` the other, given a rate of
    running forward drawn uniformly from [0, 1]."""
    return -(
        math.lgamma(forward + 1) + math.lgamma(backward + 1) - math.lgamma(forward + backward + 2)
    )
