"""What the stages that split cost in one process and in several: wall seconds, and CPU
seconds of the process itself and of its workers (`RUSAGE_CHILDREN`), tokenising and
the apparatus, alternately for each number of processes.

    python -m benchmarks.jobs_stages ../shared/corpora/darwin-origin 1 2

A stage profile, labelled as such: the whole command is `benchmarks.whole_command`
(`--jobs 1,2`).
"""

from __future__ import annotations

import gc
import resource
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from collate.apparatus import build_apparatus
from collate.engines.anchor import ENGINE
from collate.normalize import DEFAULT_NORMALIZATION
from collate.tokenize import DEFAULT_PATTERN
from collate.tokenize_parts import tokenize_in_parts
from collate.witnesses import read_witnesses

T = TypeVar("T")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, workers.ru_utime + workers.ru_stime


def _stage(name: str, work: Callable[[], T]) -> T:
    start, (own, workers) = time.perf_counter(), _cpu()
    result = work()
    own_after, workers_after = _cpu()
    print(
        f"{name:18} wall {time.perf_counter() - start:6.3f} s, CPU here "
        f"{own_after - own:6.3f} s, in workers {workers_after - workers:6.3f} s",
        flush=True,
    )
    return result


def main(argv: Sequence[str]) -> None:
    folder, *counts = argv
    gc.set_threshold(100_000, 50, 50)  # as `collate.cli.main` sets it
    witnesses = sorted(read_witnesses([folder], None, 10**10), key=lambda w: w.siglum)
    alignment = None
    for _ in range(2):
        for jobs in map(int, counts):
            tokenized = _stage(
                f"tokenise -j {jobs}",
                partial(tokenize_in_parts, witnesses, DEFAULT_NORMALIZATION, DEFAULT_PATTERN, jobs),
            )
            if alignment is None:  # the engine's: the same for any number of processes
                alignment = ENGINE.align(tokenized)
            _stage(f"apparatus -j {jobs}", partial(build_apparatus, alignment, jobs=jobs))


if __name__ == "__main__":
    main(sys.argv[1:])
