"""Corpus scale: find which documents of a large collection are versions of one
another, collate every group, and run on a Dask cluster when one machine is not enough.

read (`reading`) -> fingerprint and candidate pairs (`candidates`) -> verify each pair
with the anchor matcher (`verification`) -> groups of versions (`grouping`) -> collate
every group (`collation`) -> the index (`index`); the tasks of each stage run on an
executor (`execution`): inline, a local process pool or a Dask cluster. `run` composes
them; the command is `collate corpus` in `collate/cli.py`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .run import CorpusSummary


def collate_corpus(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    scheduler: Any = None,
    workers: int | None = None,
    encoding: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> CorpusSummary:
    """Find the groups of versions in a corpus (a folder tree or a table of documents),
    collate every group into `output`/groups/<group>/ and write the index there.

    `scheduler`: None runs on this machine (a process pool of `workers` processes, all
    cores by default); a `tcp://HOST:PORT` address or a `dask.distributed.Client` runs
    on a Dask cluster (the environment variable COLLATE_SCHEDULER gives a default
    address). `progress(stage, done, total)` is told the counts as work is done.
    """
    # loaded only when called: numpy, the matcher and the writers are not needed to
    # `import collate`
    from .run import collate_corpus as run

    return run(
        input,
        output,
        scheduler=scheduler,
        workers=workers,
        encoding=encoding,
        progress=progress or (lambda stage, done, total: None),
    )


__all__ = ["collate_corpus"]
