"""The Indel similarity of two sequences (twice their longest common subsequence over
their total length), the same numbers as rapidfuzz's `fuzz.ratio` and
`Indel.normalized_similarity`, made here while they are few.

rapidfuzz compares faster, in C++, but loading it (with the C++ runtime) costs a
process about 25 ms of CPU: more than every comparison a small collation makes (the
seeds' 3,000 tokens make about 12,000, mostly of short words). So a run compares here,
bit-parallel over Python ints, until it has spent BUDGET cells (one cell: one element
of one side against one of the other); from then on rapidfuzz compares, loaded then.
The results are the same either way: the subsequence is exact, and the score is the
same floating-point expression (`1.0 - distance / (n + m)`, times 100 for a ratio),
with rapidfuzz's cut-off tested as it tests it.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

#: the cells compared here before rapidfuzz takes over (about 10 ms of comparisons)
BUDGET = 2_000_000


#: the cells compared here so far, in this process
_SPENT = [0]


def _masks(a: Sequence[Hashable]) -> dict[Hashable, int]:
    """Per element of `a`, the bits of the positions it holds."""
    masks: dict[Hashable, int] = {}
    bit = 1
    for item in a:
        masks[item] = masks.get(item, 0) | bit
        bit <<= 1
    return masks


def _common(masks: dict[Hashable, int], n: int, b: Sequence[Hashable]) -> int:
    """The length of the longest common subsequence of `b` and the sequence of length
    `n` that `masks` describes (Hyyrö's bit-parallel algorithm: a zero bit in `v` for
    each position of it in the subsequence)."""
    full = (1 << n) - 1
    v = full
    get = masks.get
    for item in b:
        m = get(item, 0)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
    return n - v.bit_count()


def _similarity(common: int, total: int) -> float:
    """rapidfuzz's normalised similarity, from the common subsequence's length."""
    if not total:
        return 1.0
    return 1.0 - (total - 2 * common) / total


@functools.cache
def _rapidfuzz_indel() -> Any:
    """rapidfuzz's Indel, imported once the budget is spent and kept: a compiled
    `from ... import` inside a function looks the name up again at every call."""
    from rapidfuzz.distance import Indel

    return Indel


def _affordable(cells: int) -> bool:
    """Whether `cells` more may be compared here (and if so, count them)."""
    if _SPENT[0] + cells > BUDGET:
        _SPENT[0] = BUDGET + 1
        return False
    _SPENT[0] += cells
    return True


def normalized_similarity(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """`rapidfuzz.distance.Indel.normalized_similarity(a, b)`."""
    if not _affordable(len(a) * len(b)):
        return float(_rapidfuzz_indel().normalized_similarity(a, b))
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _similarity(_common(_masks(short), len(short), long), len(a) + len(b))


def ratio(s1: str, s2: str) -> float:
    """`rapidfuzz.fuzz.ratio(s1, s2)`: the similarity of two spellings, 0 to 100."""
    return normalized_similarity(s1, s2) * 100


def near(query: str, choices: Mapping[int, str], cutoff: float) -> list[tuple[int, float]]:
    """The choices whose `ratio` with `query` is at least `cutoff`, with it: what
    `rapidfuzz.process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
    limit=None)` finds, in the order of `choices`."""
    return near_each([query], choices, cutoff)[0]


def near_each(
    queries: Sequence[str], choices: Mapping[int, str], cutoff: float
) -> list[list[tuple[int, float]]]:
    """`near(query, choices, cutoff)` for each query in turn, the choices laid out once
    for all of them (`_SideBySide`)."""
    length = sum(map(len, choices.values()))
    side_by_side: _SideBySide | None = None
    place: dict[int, int] | None = None
    found: list[list[tuple[int, float]]] = []
    for query in queries:
        if not _affordable(len(query) * length):
            if place is None:  # the choices' order, once for all the queries
                place = {key: at for at, key in enumerate(choices)}
            found.append(_extracted(query, choices, cutoff, place))
            continue
        if side_by_side is None:
            side_by_side = _SideBySide(choices)
        found.append(side_by_side.near(query, cutoff))
    return found


def _extracted(
    query: str, choices: Mapping[int, str], cutoff: float, place: Mapping[int, int]
) -> list[tuple[int, float]]:
    """`near` by rapidfuzz; `place`: each choice's place in `choices`."""
    from rapidfuzz import fuzz, process

    found: list[Any] = process.extract(
        query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
    )
    return [(key, score) for _, score, key in sorted(found, key=lambda f: place[f[2]])]


#: per byte: how many of its bits are set
_ONES = bytes(bin(byte).count("1") for byte in range(256))


class _SideBySide:
    """The choices' spellings side by side in the bits of one integer, so that one pass
    of `_common`'s recurrence over a query's letters compares it with all of them at
    once. A query of n letters is then n steps on one integer, where compared one by
    one it was a step per letter of every choice (the seeds' gaps compare each word
    with dozens of others).

    Each spelling starts a byte and is followed by at least one bit it leaves unset (a
    guard): a carry out of a spelling's bits stops in its guard, which every step
    clears (the subtraction borrows nothing: `u` is part of `v`), so each spelling's
    bits change exactly as they would alone, and the subsequence's length for each
    is counted in its own bytes. These are the similarities `_common` gives one by one
    (the subsequence is symmetric: which side gives the masks does not matter)."""

    def __init__(self, choices: Mapping[int, str]) -> None:
        self.keys = list(choices)
        self.lengths: list[int] = []
        #: the bytes each spelling's bits are in: [starts[c], stops[c])
        self.starts: list[int] = []
        self.stops: list[int] = []
        at: dict[str, list[int]] = {}  # per letter: the bits it is at
        byte = 0
        for spelling in choices.values():
            self.lengths.append(len(spelling))
            self.starts.append(byte)
            for bit, letter in enumerate(spelling, start=8 * byte):
                at.setdefault(letter, []).append(bit)
            byte += len(spelling) // 8 + 1  # room for the guard
            self.stops.append(byte)
        self.size = byte
        self.masks: dict[str, int] = {}
        for letter, bits in at.items():
            mask = bytearray(byte)
            for bit in bits:
                mask[bit >> 3] |= 1 << (bit & 7)
            self.masks[letter] = int.from_bytes(mask, "little")
        full = 0
        for mask_of_letter in self.masks.values():
            full |= mask_of_letter
        self.full = full

    def near(self, query: str, cutoff: float) -> list[tuple[int, float]]:
        n = len(query)
        least = cutoff / 100
        full = self.full
        v = full
        get = self.masks.get
        for letter in query:
            m = get(letter, 0)
            if m:
                u = v & m
                v = ((v + u) | (v - u)) & full
        # a set bit for each letter of a choice in the subsequence, counted per byte
        shared = (full ^ v).to_bytes(self.size, "little").translate(_ONES)
        keys, lengths, starts, stops = self.keys, self.lengths, self.starts, self.stops
        kept: list[tuple[int, float]] = []
        for c in range(len(keys)):
            length = lengths[c]
            total = n + length
            # the tests `near` makes one by one (see there), in the same order
            if _similarity(min(n, length), total) < least:
                continue
            start, stop = starts[c], stops[c]
            common = shared[start] if stop - start == 1 else sum(shared[start:stop])
            similarity = _similarity(common, total)
            if similarity >= least and similarity * 100 >= cutoff:
                kept.append((keys[c], similarity * 100))
        return kept
