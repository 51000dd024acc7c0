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
        from rapidfuzz.distance import Indel

        return float(Indel.normalized_similarity(a, b))
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _similarity(_common(_masks(short), len(short), long), len(a) + len(b))


def ratio(s1: str, s2: str) -> float:
    """`rapidfuzz.fuzz.ratio(s1, s2)`: the similarity of two spellings, 0 to 100."""
    return normalized_similarity(s1, s2) * 100


def near(query: str, choices: Mapping[int, str], cutoff: float) -> list[tuple[int, float]]:
    """The choices whose `ratio` with `query` is at least `cutoff`, with it: what
    `rapidfuzz.process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff,
    limit=None)` finds, in the order of `choices`."""
    n = len(query)
    if not _affordable(n * sum(map(len, choices.values()))):
        from rapidfuzz import fuzz, process

        found: list[Any] = process.extract(
            query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        place = {key: at for at, key in enumerate(choices)}
        return [(key, score) for _, score, key in sorted(found, key=lambda f: place[f[2]])]
    least = cutoff / 100
    masks = _masks(query)
    kept: list[tuple[int, float]] = []
    for key, spelling in choices.items():
        total = n + len(spelling)
        # the most the two could share is the shorter: if even that falls short, skip
        if _similarity(min(n, len(spelling)), total) < least:
            continue
        similarity = _similarity(_common(masks, n, spelling), total)
        # rapidfuzz's two tests: of the similarity against cutoff / 100, then of the
        # score against the cut-off
        if similarity >= least and similarity * 100 >= cutoff:
            kept.append((key, similarity * 100))
    return kept
