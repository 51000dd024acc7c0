"""The anchor engine's alignment alone: CPU (this process and its workers), wall time
and a SHA-256 of the columns and transpositions, per folder of witnesses.

    python -m benchmarks.align_stage ../shared/corpora/darwin-origin --repeat 3
    python -m benchmarks.align_stage FOLDER --jobs 2          # gaps in two workers
    cd /tmp/old-checkout && PYTHONPATH=$PWD python -m benchmarks.align_stage FOLDER

Run it from the checkout to be measured (`python -m` puts the current folder first on
the path), old and new in turn, to compare. A stage profile, labelled as such: the whole
command is `benchmarks.whole_command`.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import time
from collections.abc import Sequence
from dataclasses import replace

from collate.engines.anchor import ENGINE
from collate.tokenize import tokenize_all
from collate.witnesses import read_witnesses


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=1, help="align this many times")
    parser.add_argument("--jobs", type=int, default=1, help="the engine's worker processes")
    args = parser.parse_args(argv)
    gc.disable()  # as `collate run` sets it
    engine = replace(ENGINE, jobs=args.jobs)
    for folder in args.folders:
        witnesses = sorted(read_witnesses([folder]), key=lambda w: w.siglum)
        tokenized = tokenize_all(witnesses)
        for _ in range(args.repeat):
            before, start = os.times(), time.perf_counter()
            alignment = engine.align(tokenized)
            after, wall = os.times(), time.perf_counter() - start
            own = after.user + after.system - before.user - before.system
            workers = (
                after.children_user
                + after.children_system
                - before.children_user
                - before.children_system
            )
            digest = hashlib.sha256(
                repr((alignment.columns, alignment.transpositions)).encode()
            ).hexdigest()
            print(
                f"{folder}: CPU {own:.3f} s (+ workers {workers:.3f} s), wall {wall:.3f} s, "
                f"jobs {args.jobs}, alignment {digest[:16]}",
                flush=True,
            )


if __name__ == "__main__":
    main()
