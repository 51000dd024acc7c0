"""What each stage of one `collate run` costs in one process and in several: wall
seconds, and CPU seconds of the process itself and of its workers (`RUSAGE_CHILDREN`),
stage by stage (reading, tokenising, the alignment, the apparatus, the orthography pass
and each output format asked for), alternately for each number of processes.

    python -m benchmarks.jobs_stages ../shared/corpora/darwin-origin 1 2
    python -m benchmarks.jobs_stages ../shared/corpora/darwin-origin 1 2 --formats tei,json
    python -m benchmarks.jobs_stages synthetic-10x100000 1 2 --rounds 1
    # an older checkout: this file copied beside nothing, that checkout on PYTHONPATH
    cp benchmarks/jobs_stages.py /tmp/stages.py && (cd /tmp && PYTHONPATH=/tmp/old \
        python -c "import sys, stages; stages.main(sys.argv[1:])" DIR 1 2)

A case is a folder of witnesses or the name of a synthetic one of
`benchmarks.whole_command` (made in a temporary folder). The stages are run as
`collate.pipeline.collate` runs them; each round runs every number of processes in
turn, so the load on a shared machine falls on all alike. A stage profile, labelled as
such: the whole command is `benchmarks.whole_command` (`--jobs 1,2`).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TypeVar

from benchmarks.whole_command import SYNTHETIC, _inputs
from collate import formats, parallel
from collate.apparatus import build_apparatus
from collate.engines import get_engine
from collate.model import Collation, Edition
from collate.normalize import DEFAULT_NORMALIZATION
from collate.orthography import type_spellings
from collate.pipeline import align
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
        f"{name:22} wall {time.perf_counter() - start:6.3f} s, CPU here "
        f"{own_after - own:6.3f} s, in workers {workers_after - workers:6.3f} s",
        flush=True,
    )
    return result


def _written(collation: Collation, name: str) -> int:
    """Bytes of the collation written in format `name` (made, not kept)."""
    return sum(map(len, formats.pieces(collation, name)))


def run_stages(
    folder: Path, jobs: int, names: Sequence[str], split_apparatus: bool = False
) -> None:
    """Every stage of a run on `folder` in `jobs` processes, each timed."""
    read = _stage(f"read -j {jobs}", partial(read_witnesses, [folder], None, 10**10))
    witnesses = sorted(read, key=lambda w: (w.siglum, w.source or ""))
    tokenized = _stage(
        f"tokenise -j {jobs}",
        partial(tokenize_in_parts, witnesses, DEFAULT_NORMALIZATION, DEFAULT_PATTERN, jobs),
    )
    alignment = _stage(f"align -j {jobs}", partial(align, get_engine("anchor"), tokenized, jobs))
    # as the pipeline builds it: in one process (`--split-apparatus`: in `jobs`)
    apparatus = _stage(
        f"apparatus -j {jobs if split_apparatus else 1}",
        partial(
            build_apparatus,
            alignment,
            DEFAULT_NORMALIZATION.describe(),
            "spacing",
            jobs if split_apparatus else 1,
        ),
    )
    apparatus = _stage(
        f"orthography -j {jobs}",
        partial(type_spellings, apparatus, alignment, DEFAULT_NORMALIZATION, DEFAULT_PATTERN),
    )
    collation = Collation(alignment, apparatus, edition=Edition())
    # as `collate.run` writes its outputs: in the run's processes (an older checkout,
    # timed with this script on its PYTHONPATH, writes them in one)
    writing_in = getattr(parallel, "writing_in", None)
    for name in names:
        with writing_in(jobs) if writing_in else contextlib.nullcontext():
            _stage(f"write {name} -j {jobs}", partial(_written, collation, name))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", help="a folder of witnesses, or " + ", ".join(SYNTHETIC))
    parser.add_argument("jobs", nargs="+", type=int, help="numbers of processes, in turn")
    parser.add_argument("--formats", default="tei", help="formats written (comma-separated)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every number")
    parser.add_argument(
        "--split-apparatus",
        action="store_true",
        help="build the apparatus in the jobs' processes too (a run builds it in one)",
    )
    options = parser.parse_args(argv)
    gc.disable()  # as `collate.cli.main` sets it
    names = [n for n in options.formats.split(",") if n]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(options.case)
        if options.case in SYNTHETIC:
            folder = _inputs(options.case, Path(scratch))
        for _ in range(options.rounds):
            for jobs in options.jobs:
                start = time.perf_counter()
                run_stages(folder, jobs, names, options.split_apparatus)
                print(f"{'all -j ' + str(jobs):22} wall {time.perf_counter() - start:6.3f} s\n")


if __name__ == "__main__":
    main()
