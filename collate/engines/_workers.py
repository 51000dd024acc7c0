"""The gaps between a witness's anchors, aligned in worker processes.

Once the backbone of anchors is chosen, each gap is aligned by itself (`Matcher.stretch`
reads the profile and the witness and changes nothing), so the gaps can be shared out
among processes and their pairs put back in order: the same pairs as one process makes,
for any number of workers. The workers are forked, so they start with the matcher
already in memory and only the pairs travel back. Forking and sending the pairs back
cost a few milliseconds, more than a short text's gaps take to align: below
`PARALLEL_TOKENS` (or where processes cannot be forked) the gaps are aligned here.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Sequence
from typing import Any

#: (profile position, witness position)
Pair = tuple[int, int]
#: a gap: the profile positions and the witness positions it spans
Gap = tuple[list[int], list[int]]

#: gaps holding fewer tokens than this in all are aligned in this process
PARALLEL_TOKENS = 50_000
#: pieces per worker: gaps differ much in cost, so each worker takes a few pieces in
#: turn rather than one large share
PIECES_PER_WORKER = 4

# what the forked workers align: set just before forking, read in the workers
_stretch: Callable[[list[int], list[int], int], list[Pair]] | None = None
_gaps: Sequence[Gap] = ()


def stretch_all(
    stretch: Callable[[list[int], list[int], int], list[Pair]],
    gaps: Sequence[Gap],
    jobs: int,
) -> list[list[Pair]]:
    """`stretch(p_gap, w_gap, 0)` for every gap, in order, with up to `jobs` processes."""
    tokens = sum(len(p) + len(w) for p, w in gaps)
    context = _fork_context()
    if jobs <= 1 or tokens < PARALLEL_TOKENS or context is None or len(gaps) < 2:
        return [stretch(p, w, 0) for p, w in gaps]
    global _stretch, _gaps
    _stretch, _gaps = stretch, gaps
    try:
        pieces = _pieces(gaps, jobs * PIECES_PER_WORKER)
        with context.Pool(jobs, initializer=_ignore_interrupts) as pool:
            aligned = pool.map(_align_piece, pieces, chunksize=1)
    finally:
        _stretch, _gaps = None, ()
    return [pairs for piece in aligned for pairs in piece]


def _fork_context() -> Any:
    """A context that forks workers, or None where the system cannot fork."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _pieces(gaps: Sequence[Gap], count: int) -> list[range]:
    """The gaps' indices cut into up to `count` runs of about equal size in tokens."""
    sizes = [len(p) + len(w) for p, w in gaps]
    share = sum(sizes) / count
    pieces: list[range] = []
    start, held = 0, 0
    for at, size in enumerate(sizes):
        held += size
        if held >= share and len(pieces) < count - 1:
            pieces.append(range(start, at + 1))
            start, held = at + 1, 0
    if start < len(gaps):
        pieces.append(range(start, len(gaps)))
    return pieces


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C is for the parent, which stops the workers and reports it;
    and the pool's SIGTERM, when it is done with a worker, ends the worker quietly (the
    command line's handler, inherited through the fork, would make it an interrupt
    with a traceback on stderr)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _align_piece(piece: range) -> list[list[Pair]]:
    assert _stretch is not None  # set before the fork
    return [_stretch(*_gaps[at], 0) for at in piece]
