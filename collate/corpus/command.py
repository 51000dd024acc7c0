"""`collate corpus INPUT -o OUTDIR`: the command, registered on the CLI's app."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from . import collate_corpus
from .execution import SCHEDULER_VARIABLE

Progress = Callable[[str, int, int], None]


@contextmanager
def _bars(quiet: bool) -> Iterator[Progress]:
    """Progress bars with counts on stderr (documents indexed, pairs verified, groups
    collated), only when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda stage, done, total: None
        return
    columns = (
        TextColumn("{task.description:>18}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Bars(*columns, console=console) as bars:
        ids: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in ids:
                ids[stage] = bars.add_task(stage, total=total)
            bars.update(ids[stage], completed=done, total=total)

        yield update


def corpus_command(
    input: Annotated[
        Path,
        typer.Argument(
            help="A folder tree of documents (.txt, TEI .xml, CollateX .json) or a table "
            "(.jsonl, .csv, .parquet) with id and text columns and optional date, source "
            "and title.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The folder to write groups/<group>/ and index.{html,csv,parquet} into.",
            show_default=False,
        ),
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="A Dask scheduler address (tcp://HOST:8786) to run on a cluster; "
            f"default: ${SCHEDULER_VARIABLE}, else this machine.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes on this machine (default: all cores)."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Encoding of text files (default UTF-8).")
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Show no progress on stderr.")
    ] = False,
) -> None:
    """Find the groups of versions among many documents, collate every group (TEI
    apparatus, HTML report, stemma) and write an index of groups and reuse links."""
    from ..cli import _one_line_errors

    with _one_line_errors(), _bars(quiet) as progress:
        try:
            summary = collate_corpus(
                input,
                output,
                scheduler=scheduler,
                workers=workers,
                encoding=encoding,
                progress=progress,
            )
        except KeyboardInterrupt:
            # unlike `run`, finished groups were written, and are worth keeping
            typer.echo(
                "collate: error: interrupted; the groups collated so far are kept, and "
                "running the same command again goes on from there",
                err=True,
            )
            raise typer.Exit(130) from None
    if not quiet:
        typer.echo(summary.describe(), err=True)
