"""The command line: parse arguments, call the library, turn its errors into one line
on stderr and a non-zero exit."""

from __future__ import annotations

import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.progress import TaskID

from . import (
    DEFAULT_ENGINE,
    DEFAULT_PATTERN,
    ENGINE_NAMES,
    FORMATS,
    MAX_INPUT_BYTES,
    UNICODE_FORMS,
    WHITESPACE_MODES,
    CollateError,
    Normalization,
    OutputError,
    Progress,
    UnicodeForm,
    __version__,
    extract,
    run,
    validate_file,
    write_atomic,
)

EXIT_BAD_INPUT = 1
EXIT_INVALID = 3
EXIT_INTERRUPTED = 130

#: library parameter -> the option that sets it, so that errors name the options
OPTION_OF = {
    "format": "--format",
    "engine": "--engine",
    "encoding": "--encoding",
    "max_bytes": "--max-input-mib",
    "unicode_form": "--unicode-form",
    "pattern": "--token-pattern",
}

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Collate witnesses of a text into a lossless TEI P5 critical apparatus.",
    pretty_exceptions_enable=False,
)


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    typer.echo("collate: error: " + " ".join(message.split()), err=True)
    return typer.Exit(code)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


# Options several commands share, declared once.
EngineOption = Annotated[str, typer.Option(help=f"Collation engine: {', '.join(ENGINE_NAMES)}.")]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        help="Encoding of the witness files (e.g. cp1252, latin-1). Default: UTF-8; "
        "a byte-order mark (UTF-8, UTF-16, UTF-32) is always honoured."
    ),
]


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Library errors, interrupts and unexpected failures become one line each."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    except CollateError as error:
        raise _fail(error.naming(OPTION_OF)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; no output was written", EXIT_INTERRUPTED) from None
    except MemoryError:
        raise _fail("out of memory; see the README for the size limits") from None
    except typer.Exit:
        raise
    except Exception as error:  # noqa: BLE001 - a user must never see a traceback
        if os.environ.get("COLLATE_DEBUG"):
            raise
        raise _fail(
            f"internal error ({type(error).__name__}: {error}); "
            "set COLLATE_DEBUG=1 to see where, and please report it"
        ) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    """A spinner on stderr naming the current stage, only when stderr is a terminal:
    never on stdout, never in a log or a pipe."""
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda stage: None
        return
    with console.status("collating", spinner="dots") as status:
        yield lambda stage: status.update(stage)


def _limit_memory() -> None:
    """Cap the address space below the machine's memory, so a collation too big for it
    ends in a MemoryError (reported in one line) instead of the machine thrashing."""
    try:
        import resource

        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = int(physical * 0.8)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        if soft == resource.RLIM_INFINITY or soft > cap:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: no cap


def _version(value: bool) -> None:
    if value:
        typer.echo(f"collate {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Collate witnesses of a text into a lossless TEI P5 critical apparatus."""


MetadataOption = Annotated[
    Path | None,
    typer.Option(
        "--metadata",
        help="A witness metadata file (siglum, date, type, description; see "
        "docs/stemma.md). A witnesses.csv in a folder of witnesses is read anyway.",
        show_default=False,
    ),
]


LacunaMarkerOption = Annotated[
    str,
    typer.Option(
        "--lacuna-marker",
        help="The sign by which the witnesses mark a lacuna (what is missing there is "
        "no omission for the stemma; see docs/stemma.md).",
    ),
]


def _metadata_files(metadata: Path | None) -> list[Path]:
    return [] if metadata is None else [metadata]


@app.command(name="run")
def run_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="A folder of witness files (.txt), or the witness files themselves. "
            "Each file's name without its ending is its siglum.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Where to write. The ending picks the format: .xml (TEI), .html "
            "(reading view), .json (CollateX alignment table), .tsv, .csv or .txt "
            "(alignment table), .dot (variant graph).",
            show_default=False,
        ),
    ],
    format: Annotated[
        str | None,
        typer.Option(help=f"Output format, overriding the ending: {', '.join(FORMATS)}."),
    ] = None,
    engine: EngineOption = DEFAULT_ENGINE,
    encoding: EncodingOption = None,
    unicode_form: Annotated[
        str,
        typer.Option(
            help=f"Unicode normalisation for matching: {', '.join(UNICODE_FORMS[:-1])} "
            f"or {UNICODE_FORMS[-1]}."
        ),
    ] = "NFC",
    case_fold: Annotated[bool, typer.Option(help="Match tokens regardless of letter case.")] = True,
    fold_punctuation: Annotated[
        bool,
        typer.Option(help="Treat typographic quotes, apostrophes and dashes as plain ones."),
    ] = True,
    strip_diacritics: Annotated[
        bool, typer.Option(help="Match tokens regardless of accents and other marks.")
    ] = False,
    token_pattern: Annotated[
        str,
        typer.Option(
            help="Regular expression for one token (without its whitespace); "
            "characters it does not cover become one-character tokens.",
            show_default=False,
        ),
    ] = DEFAULT_PATTERN,
    max_input_mib: Annotated[
        int,
        typer.Option(min=1, help="Refuse to read more than this many MiB of witnesses."),
    ] = MAX_INPUT_BYTES // 2**20,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Show no progress on stderr.")
    ] = False,
    stemma_file: Annotated[
        Path | None,
        typer.Option(
            "--stemma",
            help="Also infer the witnesses' stemma and write it here: .json, .dot, .nwk, "
            ".txt, or .nex (NEXUS matrix) or .tsv (distances). It is embedded in TEI and "
            "HTML output too.",
            show_default=False,
        ),
    ] = None,
    whitespace: Annotated[
        str,
        typer.Option(
            help="How differences in whitespace alone (line wrapping, double spaces) enter "
            "the apparatus: 'spacing' keeps each witness's own in the shared text, no "
            "variant location; 'variants' makes each a variant location.",
        ),
    ] = "spacing",
    metadata: MetadataOption = None,
    lacuna_marker: LacunaMarkerOption = "[...]",
) -> None:
    """Collate the witnesses and write the apparatus (or alignment table)."""
    with _one_line_errors():
        if whitespace not in WHITESPACE_MODES:
            raise _fail(
                f"unknown --whitespace {whitespace!r}; choose {' or '.join(WHITESPACE_MODES)}",
                2,
            )
        form = cast(UnicodeForm, unicode_form)  # Normalization refuses an unknown form
        normalization = Normalization(form, case_fold, fold_punctuation, strip_diacritics)
        with _progress(quiet) as progress:
            run(
                inputs,
                output,
                format=format,
                stemma_output=stemma_file,
                encoding=encoding,
                max_bytes=max_input_mib * 2**20,
                engine=engine,
                normalization=normalization,
                pattern=token_pattern,
                whitespace=whitespace,
                progress=progress,
                metadata=_metadata_files(metadata),
                lacuna_marker=lacuna_marker,
            )


@app.command(name="stemma")
def stemma_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="A folder of witness files, or the files themselves.", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Also write the stemma here: .json, .dot, .nwk or .txt; or the variant "
            "locations as a NEXUS matrix (.nex) or the witnesses' distances (.tsv).",
            show_default=False,
        ),
    ] = None,
    engine: EngineOption = DEFAULT_ENGINE,
    encoding: EncodingOption = None,
    metadata: MetadataOption = None,
    lacuna_marker: LacunaMarkerOption = "[...]",
) -> None:
    """Print which witness was copied from which, with the evidence for each edge."""
    with _one_line_errors():
        collation = run(
            inputs,
            stemma=True,
            stemma_output=output,
            encoding=encoding,
            engine=engine,
            metadata=_metadata_files(metadata),
            lacuna_marker=lacuna_marker,
        )
        assert collation.stemma is not None
        from . import render_stemma  # the stemma modules load only when a stemma is asked for

        typer.echo(render_stemma(collation.stemma, "text"), nl=False)


@app.command(name="extract")
def extract_command(
    apparatus: Annotated[Path, typer.Argument(help="A TEI apparatus file.", show_default=False)],
    siglum: Annotated[
        str,
        typer.Argument(
            help="The witness's siglum (with --id: its xml:id instead).", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of to standard output."),
    ] = None,
    by_id: Annotated[
        bool,
        typer.Option("--id", help="SIGLUM is the witness's xml:id, not its siglum."),
    ] = False,
) -> None:
    """Print a witness exactly as it came in, read back out of a TEI apparatus."""
    with _one_line_errors():
        if output is not None and os.path.realpath(output) == os.path.realpath(apparatus):
            raise OutputError(f"{output}: the witness would overwrite the apparatus")
        extracted = extract(apparatus, xml_id=siglum) if by_id else extract(apparatus, siglum)
        if extracted.matches_source is False:
            typer.echo(
                f"collate: warning: {siglum} does not match the SHA-256 recorded for its "
                "source; the apparatus has been changed since it was made",
                err=True,
            )
        if output is None:
            sys.stdout.buffer.write(extracted.data)
            sys.stdout.buffer.flush()
        else:
            write_atomic(output, extracted.data)


@app.command(name="validate")
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(help="TEI apparatus files to check.", show_default=False)
    ],
    tei_all: Annotated[
        bool,
        typer.Option(
            "--tei-all", help="Check against TEI P5's full tei_all schema as well (slower)."
        ),
    ] = False,
) -> None:
    """Check that the lossless rule can read every witness back out of apparatus files:
    collate's schema (schemas/collate-apparatus.rng), every location naming each witness
    once, known witnesses and references."""
    with _one_line_errors():
        failed = False
        for path in files:
            problems = validate_file(path, tei_all=tei_all)
            if problems:
                failed = True
                for problem in problems:
                    typer.echo(f"{path}: {problem}", err=True)
            else:
                typer.echo(f"{path}: valid")
        if failed:
            raise typer.Exit(EXIT_INVALID)


@contextmanager
def _bars(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """Progress bars with counts on stderr (documents indexed, pairs verified, groups
    collated), only when stderr is a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield lambda stage, done, total: None
        return
    columns = (TextColumn("{task.description:>18}"), BarColumn(), MofNCompleteColumn())
    with Bars(*columns, TimeElapsedColumn(), console=console) as bars:
        ids: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in ids:
                ids[stage] = bars.add_task(stage, total=total)
            bars.update(ids[stage], completed=done, total=total)

        yield update


@app.command(name="corpus")
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
            "default: $COLLATE_SCHEDULER, else this machine.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes on this machine (default: all cores)."),
    ] = None,
    encoding: EncodingOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Show no progress on stderr.")
    ] = False,
) -> None:
    """Find the groups of versions among many documents, collate every group (TEI
    apparatus, HTML report, stemma) and write an index of groups and reuse links."""
    # looked up only here: the corpus stage loads numpy and dask, which no other
    # command (nor `--help`) needs
    from . import collate_corpus

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
            # unlike `run`, the groups finished were written, and are worth keeping
            raise _fail(
                "interrupted; the groups collated so far are kept, and running the same "
                "command again goes on from there",
                EXIT_INTERRUPTED,
            ) from None
    if not quiet:
        typer.echo(summary.describe(), err=True)


def main(argv: list[str] | None = None) -> None:
    _limit_memory()
    # A collation keeps millions of small objects alive until it is written, none of them
    # in reference cycles worth finding; at Python's default threshold the cyclic
    # collector sweeps them all again and again (about a quarter of a run on Darwin).
    # The process is ours, so collect rarely; a library caller keeps its own setting.
    gc.set_threshold(100_000, 50, 50)
    app(args=argv, prog_name="collate")
