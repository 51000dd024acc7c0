"""CPU seconds of each stage of one `collate run`, in one process: reading, tokenising,
aligning, the apparatus, the orthography pass and each output format asked for.

    python -m benchmarks.stages ../shared/corpora/darwin-origin tei json
    PYTHONPATH=/tmp/old-checkout python -m benchmarks.stages FOLDER tei   # another tree

A stage profile, labelled as such: the whole command is `benchmarks.whole_command`.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from collate import formats
from collate.apparatus import build_apparatus
from collate.engines.anchor import ENGINE
from collate.model import Collation
from collate.normalize import DEFAULT_NORMALIZATION
from collate.orthography import type_spellings
from collate.tokenize import DEFAULT_PATTERN, tokenize_all
from collate.witnesses import read_witnesses

T = TypeVar("T")


def _stage(name: str, work: Callable[[], T]) -> T:
    start = time.process_time()
    result = work()
    print(f"{name:12s} {time.process_time() - start:.3f}", flush=True)
    return result


def _written(collation: Collation, name: str) -> int:
    """Characters (or bytes) of the collation written in format `name`."""
    return sum(map(len, formats.pieces(collation, name)))


def main(argv: Sequence[str]) -> None:
    folder, *names = argv
    # the cyclic collector off, as `collate.cli.main` sets it, so that each stage costs
    # what it costs in a run (at Python's default, sweeps of the whole collation land
    # in whichever stage happens to allocate)
    gc.disable()
    witnesses = _stage(
        "read",
        lambda: sorted(read_witnesses([folder], None, 10**10), key=lambda w: w.siglum),
    )
    tokenized = _stage("tokenise", lambda: tokenize_all(witnesses))
    alignment = _stage("align", lambda: ENGINE.align(tokenized))
    apparatus = _stage(
        "apparatus", lambda: build_apparatus(alignment, DEFAULT_NORMALIZATION.describe())
    )
    apparatus = _stage(
        "orthography",
        lambda: type_spellings(apparatus, alignment, DEFAULT_NORMALIZATION, DEFAULT_PATTERN),
    )
    collation = Collation(alignment, apparatus)
    for name in names:
        _stage(name, partial(_written, collation, name))


if __name__ == "__main__":
    main(sys.argv[1:])
