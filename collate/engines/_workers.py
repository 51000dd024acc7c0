"""The gaps between a witness's anchors, aligned in several processes.

Once the backbone of anchors is chosen, each gap is aligned by itself (`Matcher.stretch`
reads the profile and the witness and changes nothing), so the gaps can be shared out
among processes and their pairs put back in order: the same pairs as one process makes,
for any number of processes. This process aligns the first share of the gaps while
forked workers (`collate.parallel`), which start with the matcher already in memory,
align the others and send their pairs back as two arrays of ints: a pickled list of
tuples costs about as much to read back here as aligning its gaps did. Forking and
sending the pairs back cost a few milliseconds, more than a short text's gaps take to
align: below `PARALLEL_TOKENS` (or where processes cannot be forked) the gaps are
aligned here.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from functools import partial
from itertools import accumulate, chain, pairwise

from ..parallel import alongside, can_fork, share_ends

#: (profile position, witness position)
Pair = tuple[int, int]
#: a gap: the profile positions and the witness positions it spans
Gap = tuple[list[int], list[int]]
Stretch = Callable[[list[int], list[int], int], list[Pair]]
#: a worker's pairs: per gap, how many; and every pair's two positions, one after the
#: other
_Packed = tuple["array[int]", "array[int]"]

#: gaps holding fewer tokens than this in all are aligned in this process: a fork and
#: the pairs sent back cost a few milliseconds, and 10,000 tokens of gaps take about
#: 20 ms to align (10 x 100,000 words: 18,000-45,000 tokens of gaps per witness, each
#: witness's share in two processes 0.2 s less CPU here in all; benchmarks/README.md)
PARALLEL_TOKENS = 10_000


def stretch_all(stretch: Stretch, gaps: Sequence[Gap], jobs: int) -> list[list[Pair]]:
    """`stretch(p_gap, w_gap, 0)` for every gap, in order, with up to `jobs` processes."""
    tokens = sum(len(p) + len(w) for p, w in gaps)
    if jobs <= 1 or tokens < PARALLEL_TOKENS or not can_fork() or len(gaps) < 2:
        return [stretch(p, w, 0) for p, w in gaps]
    first, *others = _pieces(gaps, jobs)
    mine, packed = alongside(
        partial(_align_piece, stretch, gaps, first),
        partial(_align_packed, stretch, gaps),
        others,
        jobs,
    )
    for counts, positions in packed:
        mine += _unpacked(counts, positions)
    return mine


def _pieces(gaps: Sequence[Gap], count: int) -> list[range]:
    """The gaps' indices cut into up to `count` runs, their sizes in tokens about the
    shares `collate.parallel.share_ends` gives, this process's first."""
    sizes = [len(p) + len(w) for p, w in gaps]
    total = sum(sizes)
    ends = [end * total for end in share_ends(count)]
    pieces: list[range] = []
    start, held = 0, 0
    for at, size in enumerate(sizes):
        held += size
        if held >= ends[len(pieces)] and len(pieces) < count - 1:
            pieces.append(range(start, at + 1))
            start = at + 1
    if start < len(gaps):
        pieces.append(range(start, len(gaps)))
    return pieces


def _align_piece(stretch: Stretch, gaps: Sequence[Gap], piece: range) -> list[list[Pair]]:
    return [stretch(*gaps[at], 0) for at in piece]


def _align_packed(stretch: Stretch, gaps: Sequence[Gap], piece: range) -> _Packed:
    """In a worker: its gaps' pairs, packed for the way back."""
    aligned = _align_piece(stretch, gaps, piece)
    counts = array("q", map(len, aligned))
    positions = array("q", chain.from_iterable(chain.from_iterable(aligned)))
    return counts, positions


def _unpacked(counts: array[int], positions: array[int]) -> list[list[Pair]]:
    """A worker's pairs as the gaps' lists of pairs again."""
    pairs = list(zip(positions[0::2], positions[1::2], strict=True))
    ends = accumulate(counts, initial=0)
    return [pairs[start:stop] for start, stop in pairwise(ends)]
