"""The command line: parse arguments, call the library, turn its errors into one line
on stderr and a non-zero exit."""

from __future__ import annotations

import codecs
import errno
import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click
from click.core import ParameterSource

# Only what the options and their help need is loaded here (the errors, the names of
# the engines, formats and modes); each command loads the stages it runs, so that
# `--help` loads none, and `validate` no engine.
from . import (
    DEFAULT_ENGINE,
    DEFAULT_PATTERN,
    ENGINE_NAMES,
    FORMATS,
    MAX_INPUT_BYTES,
    UNICODE_FORMS,
    WHITESPACE_MODES,
    CollateError,
    OutputError,
    __version__,
)
from .cli_plain import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_USAGE,
    _progress,
    _report_skipped,
    _say,
    _set_up_process,
    _stderr_console,
    one_line_errors,
    printable,
    summary,
)

if TYPE_CHECKING:
    from rich.progress import TaskID

    from . import UnicodeForm, WhitespaceMode


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> click.exceptions.Exit:
    _say("collate: error: " + message)
    return click.exceptions.Exit(code)


def _one_line_errors() -> AbstractContextManager[None]:
    """Library errors, interrupts and unexpected failures become one line each
    (`cli_plain.one_line_errors`), ending the command through click."""
    return one_line_errors(_fail, click.exceptions.Exit)


class _OneLineErrors(click.Group):
    """Click's own command-line errors (a missing option, an unknown one) as one line
    and exit 2, like every other error; a failure to write to stdout (a full disk, a
    closed stream) as one line and exit 1 instead of a traceback."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        args = sys.argv[1:] if args is None else list(args)
        if not args:  # `collate` alone: the help, as `collate --help` prints it
            args = ["--help"]
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as done:  # raised before click's handler sees it
            code = done.exit_code
        except click.ClickException as error:  # click's UsageError and its kin
            path = (getattr(getattr(error, "ctx", None), "command_path", "") or "").split()
            command = " ".join(["collate", *path[1:]])
            usage = getattr(error, "exit_code", EXIT_USAGE)
            _say(f"collate: error: {_usage_message(error)} (see '{command} --help')")
            code = usage
        except click.Abort:
            _say("collate: error: aborted")
            code = EXIT_BAD_INPUT
        except OSError as error:  # writing help or a result to stdout
            code = _stdout_failed(error)
        if not standalone_mode:
            return code
        sys.exit(code or 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in the order they are declared (the README's), not by name."""
        return list(self.commands)


def _usage_message(error: click.ClickException) -> str:
    """click's message, but an unknown option that is the name of an output format
    (`--lemma`, `--html`) is answered with how to ask for that format, not with the
    nearest option's name, which click finds by spelling (`--lemma`: `--stemma`)."""
    name = getattr(error, "option_name", "").lstrip("-")
    command = getattr(getattr(error, "ctx", None), "command", None)
    takes_format = any(p.name == "format" for p in getattr(command, "params", ()))
    if isinstance(error, click.NoSuchOption) and name in FORMATS and takes_format:
        return (
            f"No such option '{error.option_name}': to write the {name} format, end the "
            f"output's name in {FORMATS[name][0]} (-o out{FORMATS[name][0]}) or add "
            f"--format {name}"
        )
    return error.format_message()


def _stdout_failed(error: OSError) -> int:
    """Report a failed write to stdout once, and make sure the interpreter's own flush
    at exit cannot fail again with a traceback."""
    if error.errno != errno.EPIPE:  # the reader of a pipe went away: no news to anyone
        _say(f"collate: error: cannot write to standard output: {error.strerror or error}")
    try:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    except OSError:
        pass
    return EXIT_BAD_INPUT


def _write_stdout(data: bytes) -> None:
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as error:
        raise click.exceptions.Exit(_stdout_failed(error)) from None


class _Argument(click.Argument):
    """A positional argument with a help text of its own, listed under "Arguments:" as
    options are (click documents options only), and shown by its metavar alone."""

    def __init__(self, decls: list[str], *, help: str, **attrs: Any) -> None:
        super().__init__(decls, **attrs)
        self.help = help

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [self.metavar] if self.metavar else super().get_usage_pieces(ctx)

    def get_help_record(self, ctx: click.Context) -> tuple[str, str]:
        required = "  [required]" if self.required else ""
        return (self.metavar or self.name or "", (self.help or "") + required)


class _Command(click.Command):
    """A command whose help lists its arguments, then its options, on any click 8
    (8.5 would list the arguments once more, under "Positional arguments")."""

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pass  # written by format_options, beside the options

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None:
                (arguments if isinstance(param, _Argument) else options).append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _argument(name: str, metavar: str, help: str, **attrs: Any) -> Callable[[Any], Any]:
    """A positional argument of a command, passed as `name`, documented (see _Argument)."""
    return click.argument(name, cls=_Argument, metavar=metavar, help=help, **attrs)


@functools.cache  # one of each, shared: click asks gettext for its name as each is made
def _path_type(*, readable: bool = True) -> click.Path:
    """A path as a `Path`, not checked for existence: collate says what it cannot read,
    in its own words (exit 1). With `readable`, click refuses an existing file that
    cannot be read."""
    return click.Path(path_type=Path, readable=readable)


def _witnesses_argument(help: str, *, required: bool) -> Callable[[Any], Any]:
    """The witness folders and files a command collates, passed as `inputs`."""
    return _argument(
        "inputs",
        "FOLDER|FILE...",
        help,
        nargs=-1,
        required=required,
        type=_path_type(readable=False),
    )


def _output_option(help: str, metavar: str = "FILE", **attrs: Any) -> Callable[[Any], Any]:
    """A command's `--output`/`-o`."""
    return click.option("--output", "-o", metavar=metavar, type=_path_type(), help=help, **attrs)


class _AtLeast(click.IntRange):
    """A whole number no smaller than `min`, refused in plain words otherwise; the help
    shows the range as IntRange does ("x>=1")."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a whole number", param, ctx)
        if self.min is not None and number < self.min:
            self.fail(f"{number} is not greater than or equal to {self.min}", param, ctx)
        return number


Callback = Callable[[click.Context, click.Parameter, Any], Any]


def _choice(option: str, choices: Mapping[str, str]) -> Callback:
    """A callback taking the option's value in any letter case or by a synonym in
    `choices` (lower-case spelling -> the name the library knows); exit 2 otherwise."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        name = choices.get(value.lower())
        if name is None:
            known = ", ".join(dict.fromkeys(choices.values()))
            raise _fail(f"unknown {option} '{value}'; choose one of: {known}", EXIT_USAGE)
        return name

    return check


#: other names people give the output formats: each file ending, and a few more
FORMAT_NAMES = {
    **{name: name for name in FORMATS},
    **{ending.lstrip("."): name for name, endings in FORMATS.items() for ending in endings},
    "graphviz": "dot",
    "tab": "tsv",
    "plain": "text",
}


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An encoding Python knows that turns bytes into text: `base64`, `rot13` or `hex`
    are codecs too, but not of text."""
    if value is None:
        return None
    try:
        info = codecs.lookup(value)
    except LookupError:
        raise _fail(f"unknown --encoding '{value}'", EXIT_USAGE) from None
    if not getattr(info, "_is_text_encoding", True):
        raise _fail(
            f"--encoding '{value}' is not a text encoding (e.g. utf-8, cp1252, latin-1)",
            EXIT_USAGE,
        )
    return value


# Options several commands share, declared once.
engine_option = click.option(
    "--engine",
    metavar="ENGINE",
    default=DEFAULT_ENGINE,
    callback=_choice("--engine", {name.lower(): name for name in ENGINE_NAMES}),
    help=f"Collation engine: {', '.join(ENGINE_NAMES)} (any letter case).",
)
encoding_option = click.option(
    "--encoding",
    metavar="ENCODING",
    callback=_check_encoding,
    help="Encoding of the witness files (e.g. cp1252, latin-1). Default: UTF-8; "
    "a byte-order mark (UTF-8, UTF-16, UTF-32) is always honoured.",
)
quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="Print nothing on stderr but errors and warnings."
)
jobs_option = click.option(
    "--jobs",
    "-j",
    metavar="N",
    type=_AtLeast(min=0),
    default=0,
    help="Processes to work in where the work splits (tokenising, the alignment's gaps, "
    "the apparatus); 0: one for a short text, else one per idle core (at most 4). The "
    "output is the same for any number.",
)


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        click.echo(f"collate {__version__}")
        ctx.exit()


@click.group(
    cls=_OneLineErrors,
    epilog="Run 'collate COMMAND --help' for a command's options and an example.",
    # every option with a default shows it, as "[default: ...]"
    context_settings={"show_default": True, "help_option_names": ["-h", "--help"]},
)
@click.option(
    "--version",
    is_flag=True,
    callback=_version,
    expose_value=False,
    is_eager=True,
    help="Print the version.",
)
def app() -> None:
    """Collate witnesses of a text into a lossless TEI P5 critical apparatus."""


metadata_option = click.option(
    "--metadata",
    metavar="CSV",
    type=_path_type(readable=False),
    help="A witness metadata file (siglum, date, type, extent, description; see "
    "docs/stemma.md). A witnesses.csv in a folder of witnesses is read anyway.",
)
lacuna_marker_option = click.option(
    "--lacuna-marker",
    metavar="SIGN",
    default="[...]",
    help="The sign by which the witnesses mark a lacuna (what is missing there is "
    "no omission for the stemma; see docs/stemma.md).",
)


def _metadata_files(metadata: Path | None) -> list[Path]:
    return [] if metadata is None else [metadata]


#: the witness files a folder may hold, for the help
_FOLDER_HOLDS = "text (.txt), TEI (.xml, .tei) and CollateX JSON (.json)"

_RUN_EXAMPLES = """Examples:

\b
  collate run seeds/ -o apparatus.xml
  collate run A.txt B.txt C.txt -o table.txt --engine collatex
  collate run seeds/ -o - --format json | less
  collate run seeds/ -o report.html --stemma stemma.json"""


@app.command(
    name="run",
    cls=_Command,
    short_help="Collate witnesses into an apparatus, table, report or graph.",
    epilog=_RUN_EXAMPLES,
)
@_witnesses_argument(
    f"A folder of witness files ({_FOLDER_HOLDS}; other files are skipped and listed), or "
    "the witness files themselves. Each file's name without its ending is its siglum. "
    "Default: the project file's folder (or its inputs).",
    required=False,
)
@_output_option(
    "Where to write; '-' for standard output. The ending picks the format: "
    ".xml (TEI), .html (reading view), .json (CollateX alignment table), .tsv, "
    ".csv or .txt (alignment table), .dot or .svg (variant graph), .lemma or .md "
    "(lemma ] variants, plain or Markdown)."
)
@click.option(
    "--format",
    metavar="FORMAT",
    callback=_choice("--format", FORMAT_NAMES),
    help=f"Output format, overriding the ending: {', '.join(FORMATS)} (also by "
    "ending: xml, htm, txt, ...). Default for '-o -': tei.",
)
@engine_option
@encoding_option
@click.option(
    "--unicode-form",
    metavar="FORM",
    default="NFC",
    callback=_choice("--unicode-form", {f.lower(): f for f in UNICODE_FORMS}),
    help=f"Unicode normalisation for matching: {', '.join(UNICODE_FORMS[:-1])} "
    f"or {UNICODE_FORMS[-1]}.",
)
@click.option(
    "--case-fold/--no-case-fold", default=True, help="Match tokens regardless of letter case."
)
@click.option(
    "--fold-punctuation/--no-fold-punctuation",
    default=True,
    help="Treat typographic quotes, apostrophes and dashes as plain ones.",
)
@click.option(
    "--strip-diacritics/--no-strip-diacritics",
    default=False,
    help="Match tokens regardless of accents and other marks.",
)
@click.option(
    "--token-pattern",
    metavar="REGEX",
    default=DEFAULT_PATTERN,
    show_default=False,
    help="Regular expression for one token (without its whitespace); "
    "characters it does not cover become one-character tokens.",
)
@click.option(
    "--max-input-mib",
    metavar="MIB",
    type=_AtLeast(min=1),
    default=MAX_INPUT_BYTES // 2**20,
    help="Refuse to read more than this many MiB of witnesses.",
)
@quiet_option
@click.option("--verbose", "-v", is_flag=True, help="List every file skipped in a folder.")
@click.option(
    "--stemma",
    "stemma_file",
    metavar="FILE",
    type=_path_type(),
    help="Also infer the witnesses' stemma and write it here: .json, .dot, .nwk, "
    ".txt, or .nex (NEXUS matrix) or .tsv (distances). It is embedded in TEI and "
    "HTML output too.",
)
@click.option(
    "--whitespace",
    metavar="MODE",
    default="spacing",
    callback=_choice("--whitespace", {m: m for m in WHITESPACE_MODES}),
    help="How differences in whitespace alone (line wrapping, double spaces) enter "
    "the apparatus: 'spacing' keeps each witness's own in the shared text, no "
    "variant location; 'variants' makes each a variant location.",
)
@metadata_option
@click.option(
    "--rules",
    metavar="FILE",
    type=_path_type(),
    help="A normalisation rules file (u = v, -e =, /regex/ = ...; see "
    "collate/rules.py): spellings it makes one are typed orthographic.",
)
@click.option(
    "--near-spelling/--no-near-spelling",
    default=True,
    help="Type readings that differ only in word division or by a near spelling "
    "(colour/color) orthographic.",
)
@click.option(
    "--project",
    metavar="FILE",
    type=_path_type(),
    help="A project file (TOML: title, editors, sigla, witness descriptions, base, "
    "rules, any option here; see collate/project.py). Default: collate.toml in "
    "the witnesses' folder. Options given here win over it.",
)
@click.option(
    "--base",
    metavar="SIGLUM",
    help="The siglum of the base witness: its readings are the lemmata (<lem> in "
    "TEI) and the apparatus reads lemma ] variants.",
)
@click.option(
    "--wit-start/--no-wit-start",
    default=False,
    help="Open the TEI text with a <witStart/> location, which Stemmaweb's "
    "importer needs to credit the shared text to every witness.",
)
@lacuna_marker_option
@jobs_option
@click.pass_context
def run_command(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    output: Path | None,
    format: str | None,
    engine: str,
    encoding: str | None,
    unicode_form: str,
    case_fold: bool,
    fold_punctuation: bool,
    strip_diacritics: bool,
    token_pattern: str,
    max_input_mib: int,
    quiet: bool,
    verbose: bool,
    stemma_file: Path | None,
    whitespace: str,
    metadata: Path | None,
    rules: Path | None,
    near_spelling: bool,
    project: Path | None,
    base: str | None,
    wit_start: bool,
    lacuna_marker: str,
    jobs: int,
) -> None:
    """Collate the witnesses and write the apparatus (or alignment table, reading view,
    variant graph); a summary line goes to stderr."""
    started = time.perf_counter()
    if stemma_file is not None and str(stemma_file) == "-":
        raise _fail(
            "--stemma cannot go to standard output (-o can); 'collate stemma' prints one",
            EXIT_USAGE,
        )
    with _one_line_errors():
        from . import (
            Edition,
            Normalization,
            Rules,
            load_project,
            read_rules,
            render,
            run,
            skipped_files,
        )

        loaded = load_project(project, inputs)
        if loaded is not None:
            # what the command line says explicitly wins over the project file
            given = {
                "stemma_output" if name == "stemma_file" else name: _setting(value)
                for name, value in ctx.params.items()
                if _on_command_line(ctx, name) and value is not None
            }
            loaded = loaded.override(given)
            # `run` takes every other setting from the project, which now holds the
            # command line's too; the command itself needs these three
            output = output or _path(loaded.get("output"))
            format = loaded.get("format", format)
            stemma_file = _path(loaded.get("stemma_output"))
            normalization = loaded.normalization()
        else:
            form = cast("UnicodeForm", unicode_form)  # Normalization refuses an unknown form
            normalization = Normalization(
                form,
                case_fold,
                fold_punctuation,
                strip_diacritics,
                rules=read_rules(rules, case_fold=case_fold) if rules else Rules(),
                near_spelling=near_spelling,
            )
        if not inputs and loaded is None:
            raise _fail("give the witnesses (a folder or files) or a --project file", EXIT_USAGE)
        if output is None:
            raise _fail(
                "give the output file with --output/-o (or output in the project file)",
                EXIT_USAGE,
            )
        to_stdout = str(output) == "-"
        # listed before the run writes anything: its own new output was not skipped
        skipped = [] if quiet else skipped_files(list(inputs or (loaded.inputs if loaded else [])))
        with _progress(quiet) as progress:
            collation = run(
                list(inputs),
                None if to_stdout else output,
                format=format,
                stemma_output=stemma_file,
                encoding=encoding,
                max_bytes=max_input_mib * 2**20,
                engine=engine,
                normalization=normalization,
                pattern=token_pattern,
                whitespace=cast("WhitespaceMode", whitespace),  # checked by its callback
                progress=progress,
                metadata=_metadata_files(metadata),
                project=loaded,
                edition=None if loaded is not None else Edition(base=base, wit_start=wit_start),
                lacuna_marker=lacuna_marker,
                jobs=jobs or None,
            )
            if to_stdout:
                progress("writing to standard output")
                data = render(collation, format or "tei")
        if to_stdout:
            _write_stdout(data)
        if not quiet:
            _report_skipped(skipped, verbose)
            written = ["standard output" if to_stdout else str(output)]
            written += [str(stemma_file)] if stemma_file is not None else []
            _say(summary(collation, written, time.perf_counter() - started))


def _on_command_line(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE


def _setting(value: object) -> object:
    """A command-line value as the project file would hold it: a path as text, the
    witnesses as a list."""
    if isinstance(value, Path):
        return str(value)
    return list(value) if isinstance(value, tuple) else value


def _path(value: object) -> Path | None:
    return None if value is None else Path(str(value))


@app.command(
    name="stemma",
    cls=_Command,
    short_help="Print who copied whom, with the evidence for each edge.",
    epilog="""Examples:

\b
  collate stemma seeds/
  collate stemma seeds/ -o stemma.dot --metadata dates.csv""",
)
@_witnesses_argument(
    f"A folder of witness files ({_FOLDER_HOLDS}), or the files themselves.", required=True
)
@_output_option(
    "Also write the stemma here: .json, .dot, .nwk or .txt; or the variant "
    "locations as a NEXUS matrix (.nex) or the witnesses' distances (.tsv)."
)
@engine_option
@encoding_option
@metadata_option
@quiet_option
@lacuna_marker_option
@jobs_option
def stemma_command(
    inputs: tuple[Path, ...],
    output: Path | None,
    engine: str,
    encoding: str | None,
    metadata: Path | None,
    quiet: bool,
    lacuna_marker: str,
    jobs: int,
) -> None:
    """Print which witness was copied from which, with the evidence for each edge."""
    with _one_line_errors():
        from . import load_project, run

        # a project beside the witnesses gives sigla and dates, but `stemma` writes no
        # apparatus, wherever the project would have it written
        loaded = load_project(None, inputs)
        with _progress(quiet) as progress:
            collation = run(
                list(inputs),
                project=None if loaded is None else loaded.override({"output": None}),
                stemma=True,
                stemma_output=output,
                encoding=encoding,
                engine=engine,
                progress=progress,
                metadata=_metadata_files(metadata),
                lacuna_marker=lacuna_marker,
                jobs=jobs or None,
                only_stemma=True,
            )
        assert collation.stemma is not None
        from . import render_stemma  # the stemma modules load only when a stemma is asked for

        text = render_stemma(collation.stemma, "text")
        _write_stdout(printable(text, lines=True).encode("utf-8"))


@app.command(
    name="extract",
    cls=_Command,
    short_help="Print a witness exactly as it came in, out of an apparatus.",
    epilog="""Examples:

\b
  collate extract apparatus.xml 001_6f72a84d533a16ee > 001.txt
  collate extract apparatus.xml w001_6f72a84d533a16ee --id -o 001.txt""",
)
@_argument("apparatus", "APPARATUS", "A TEI apparatus file.", type=_path_type(readable=False))
@_argument("siglum", "SIGLUM", "The witness's siglum (with --id: its xml:id instead).")
@_output_option("Write here instead of to standard output ('-': standard output).")
@click.option("--id", "by_id", is_flag=True, help="SIGLUM is the witness's xml:id, not its siglum.")
def extract_command(apparatus: Path, siglum: str, output: Path | None, by_id: bool) -> None:
    """Print a witness exactly as it came in, read back out of a TEI apparatus."""
    with _one_line_errors():
        from . import extract, same_file, write_atomic

        if output is not None and str(output) == "-":
            output = None
        if output is not None and same_file(output, apparatus):
            raise OutputError(f"{output}: the witness would overwrite the apparatus")
        extracted = extract(apparatus, xml_id=siglum) if by_id else extract(apparatus, siglum)
        if extracted.matches_source is False:
            _say(
                f"collate: warning: {siglum} does not match the SHA-256 recorded for its "
                "source; the apparatus has been changed since it was made"
            )
        if output is None:
            _write_stdout(extracted.data)
        else:
            write_atomic(output, extracted.data)


@app.command(
    name="validate",
    cls=_Command,
    short_help="Check that every witness can be read back out of an apparatus.",
    epilog="""Example:

\b
  collate validate apparatus.xml --tei-all""",
)
@_argument(
    "files",
    "APPARATUS...",
    "TEI apparatus files to check.",
    nargs=-1,
    required=True,
    type=_path_type(readable=False),
)
@click.option(
    "--tei-all", is_flag=True, help="Check against TEI P5's full tei_all schema as well (slower)."
)
def validate_command(files: tuple[Path, ...], tei_all: bool) -> None:
    """Check that the lossless rule can read every witness back out of apparatus files:
    collate's schema (schemas/collate-apparatus.rng), every location naming each witness
    once, known witnesses and references."""
    with _one_line_errors():
        from . import validate_file

        failed, unreadable = False, None
        for path in files:
            try:
                problems = validate_file(path, tei_all=tei_all)
            except CollateError as error:  # reported, and the other files still checked
                unreadable = error
                if len(files) > 1:
                    _say(f"collate: error: {error}")
                continue
            if problems:
                failed = True
                for problem in problems:
                    _say(f"{path}: {problem}")
            else:
                _write_stdout(printable(f"{path}: valid\n", lines=True).encode("utf-8"))
        if unreadable is not None:
            if len(files) == 1:
                raise unreadable
            raise click.exceptions.Exit(EXIT_BAD_INPUT)
        if failed:
            raise click.exceptions.Exit(EXIT_INVALID)


@contextmanager
def _bars(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    """Progress bars with counts on stderr (documents indexed, pairs verified, groups
    collated), only when stderr is a terminal."""
    console = None if quiet else _stderr_console()
    if console is None:
        yield lambda stage, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    columns = (TextColumn("{task.description:>18}"), BarColumn(), MofNCompleteColumn())
    with Bars(*columns, TimeElapsedColumn(), console=console) as bars:
        ids: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in ids:
                ids[stage] = bars.add_task(stage, total=total)
            bars.update(ids[stage], completed=done, total=total)

        yield update


@app.command(
    name="corpus",
    cls=_Command,
    short_help="Find the groups of versions among many documents, collate each.",
    epilog="""Examples:

\b
  collate corpus documents/ -o out/
  collate corpus documents.parquet -o out/ --scheduler tcp://HOST:8786""",
)
@_argument(
    "input",
    "FOLDER|TABLE",
    "A folder tree of documents (.txt, TEI .xml, CollateX .json) or a table (.jsonl, "
    ".csv, .parquet) with id and text columns and optional date, source and title.",
    type=_path_type(readable=False),
)
@_output_option(
    "The folder to write groups/<group>/ and index.{html,csv,parquet} into.",
    metavar="FOLDER",
    required=True,
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="A Dask scheduler address (tcp://HOST:8786) to run on a cluster; "
    "default: $COLLATE_SCHEDULER, else this machine.",
)
@click.option(
    "--workers",
    metavar="N",
    type=_AtLeast(min=1),
    help="Worker processes on this machine (default: all cores).",
)
@encoding_option
@quiet_option
def corpus_command(
    input: Path,
    output: Path,
    scheduler: str | None,
    workers: int | None,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Find the groups of versions among many documents, collate every group (TEI
    apparatus, HTML report, stemma) and write an index of groups and reuse links."""
    # looked up only here: the corpus stage loads numpy and dask, which no other
    # command (nor `--help`) needs
    from . import collate_corpus

    # one group's collation after another in this process: the cycles they leave must
    # be found, but rarely, for the reason `cli_plain._set_up_process` gives (the
    # corpus tasks' own setting, `collate.corpus.execution.TASK_GC_THRESHOLD`)
    gc.set_threshold(100_000, 50, 50)
    gc.enable()
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
        _say(summary.describe())


def main(argv: list[str] | None = None) -> None:
    _set_up_process()
    app(args=argv, prog_name="collate")
