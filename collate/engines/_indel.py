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
from typing import Any, Final

#: the cells compared here before rapidfuzz takes over (about 10 ms of comparisons)
BUDGET: Final = 2_000_000


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
    """`near(query, choices, cutoff)` for each query in turn, the choices' letters
    numbered once for all of them (`_Lettered`)."""
    length = sum(map(len, choices.values()))
    lettered: _Lettered | None = None
    place: dict[int, int] | None = None
    found: list[list[tuple[int, float]]] = []
    for query in queries:
        if not _affordable(len(query) * length):
            if place is None:  # the choices' order, once for all the queries
                place = {key: at for at, key in enumerate(choices)}
            found.append(_extracted(query, choices, cutoff, place))
            continue
        if lettered is None:
            lettered = _Lettered(choices)
        found.append(lettered.near(query, cutoff))
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
_ONES: Final = [0] * 256
for _byte in range(1, 256):  # a loop, not 256 calls of `bin`: cheap at import
    _ONES[_byte] = _ONES[_byte >> 1] + (_byte & 1)
#: the longest query compared in one machine word: the compiled build keeps an int
#: below 2**62 unboxed, and `_common`'s sums need a bit above the query's letters
_WORD_LETTERS: Final = 60


class _Lettered:
    """The choices' spellings as lists of letter numbers (one number per distinct
    letter among them), so that `_common`'s recurrence runs over a choice's letters
    with the query's masks in a list indexed by those numbers: in the compiled build,
    machine-word arithmetic and list look-ups, no dict look-up of a letter and no int
    object made per step. (The choices side by side in the bits of one big integer,
    as before, made a new big integer at each step: 2,500 instructions per pair of
    spellings on the seeds, where this takes a tenth.) The subsequence is the same
    whichever side gives the masks, so the similarities are those `_common` gives."""

    def __init__(self, choices: Mapping[int, str]) -> None:
        self.keys = list(choices)
        self.spellings = list(choices.values())
        numbers: dict[str, int] = {}
        self.coded: list[list[int]] = []
        for spelling in self.spellings:
            codes = []
            for letter in spelling:
                number = numbers.get(letter, -1)
                if number < 0:
                    number = numbers[letter] = len(numbers)
                codes.append(number)
            self.coded.append(codes)
        self.numbers = numbers

    def near(self, query: str, cutoff: float) -> list[tuple[int, float]]:
        n = len(query)
        if n > _WORD_LETTERS:
            return self._near_long(query, cutoff)
        least = cutoff / 100
        masks = [0] * len(self.numbers)
        numbers = self.numbers
        bit = 1
        for letter in query:  # a letter no choice has matches nothing: no mask
            # (the dict's `get` called as such, and the mask set as a list item:
            # the compiled build calls a bound `get`, and does `|=` on a list item,
            # through Python)
            number = numbers.get(letter, -1)
            if number >= 0:
                masks[number] = masks[number] | bit
            bit <<= 1
        full = bit - 1
        keys, coded = self.keys, self.coded
        kept: list[tuple[int, float]] = []
        for c in range(len(keys)):
            codes = coded[c]
            total = n + len(codes)
            # the tests `near` makes one by one (see there), in the same order
            if _similarity(min(n, len(codes)), total) < least:
                continue
            v = full
            for number in codes:
                m = masks[number]
                if m:
                    u = v & m
                    v = ((v + u) | (v - u)) & full
            similarity = _similarity(_ones(full ^ v), total)
            if similarity >= least and similarity * 100 >= cutoff:
                kept.append((keys[c], similarity * 100))
        return kept

    def _near_long(self, query: str, cutoff: float) -> list[tuple[int, float]]:
        """`near` for a query too long for a machine word: `_common` one by one."""
        least = cutoff / 100
        masks, n = _masks(query), len(query)
        kept: list[tuple[int, float]] = []
        for key, spelling in zip(self.keys, self.spellings, strict=True):
            total = n + len(spelling)
            if _similarity(min(n, len(spelling)), total) < least:
                continue
            similarity = _similarity(_common(masks, n, spelling), total)
            if similarity >= least and similarity * 100 >= cutoff:
                kept.append((key, similarity * 100))
        return kept


def _ones(bits: int) -> int:
    """How many bits of a non-negative int are set (a byte at a time: the compiled
    build has no primitive for `int.bit_count`, and calls it as a method)."""
    count = 0
    while bits:
        count += _ONES[bits & 255]
        bits >>= 8
    return count
