"""The command line's parts that need no click, and the plainest run without it.

`collate run FOLDER|FILE... -o FILE` (with or without `-q`) is most of what people type,
and click with the command line's module is a tenth of a short run's whole command (66
M of the seeds' 769 M instructions, issue 13). So the `collate` command first offers its
arguments to `plain_run`: a command line of exactly that shape (witness folders and
files, one output file, `-q`; no other option, nothing that looks like one) is run
here with every other option at its default, as `collate.cli.run_command` runs it, and
the same files and stderr come out. Anything else, and anything click would answer
otherwise (an output it cannot read, a project file beside the witnesses, shell
completion asked for) is left to `collate.cli`: `plain_run` returns None before doing
anything. `tests/test_cli_plain.py` holds the two paths to the same run.

The rest is what both paths share: the exit codes, the one line an error becomes, the
progress display, the summary line.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from . import (
    CollateError,
    InvalidNormalizationError,
    InvalidSchedulerError,
    InvalidTokenPatternError,
    OutputIsFolderError,
    UnknownBaseError,
    UnknownEngineError,
    UnknownFormatError,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as Bars
    from rich.progress import TaskID

    from . import Collation, Progress

EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
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
    "rules": "--rules",
    "base": "--base",
    "scheduler": "--scheduler",
}

# Characters that would act on a terminal rather than show: C0/C1 controls (ESC starts
# a colour or cursor sequence, BEL rings), DEL, line and paragraph separators, and the
# bidirectional overrides that reorder what is shown ("Trojan source").
_UNPRINTABLE = {
    *range(0x00, 0x20),
    *range(0x7F, 0xA0),
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}


def printable(text: str, *, lines: bool = False) -> str:
    """`text` safe to show on a terminal: unprintable characters as `\\xNN`/`\\uNNNN`,
    and a file name's bytes that are not UTF-8 (kept by Python as lone surrogates) as
    `\\xNN`, the byte itself. With `lines`, line breaks and tabs stay as they are."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif code in _UNPRINTABLE and not (lines and char in "\n\t"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _say(message: str) -> None:
    """One line on stderr, escaped; never fails the command if stderr itself is gone.
    Written as `click.echo(..., err=True)` writes it: straight to a UTF-8 stderr where
    the line is ASCII (click would write the same characters, having nothing to
    re-encode and, once escaped, no colour codes to strip), else by click itself."""
    line = printable(" ".join(message.split()))
    try:
        stream = sys.stderr
        if line.isascii() and _utf8(stream):
            stream.write(line + "\n")
            stream.flush()
            return
        import click

        click.echo(line, err=True)
    except (OSError, ValueError):
        pass


def _utf8(stream: Any) -> bool:
    """Whether `stream` is a text stream click would write to as it is: one that takes
    `str`, in UTF-8."""
    encoding = getattr(stream, "encoding", None)
    return (
        isinstance(stream, io.TextIOBase)
        and isinstance(encoding, str)
        and encoding.lower().replace("-", "").replace("_", "") == "utf8"
    )


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


#: the library's errors that say an option's value is wrong: a bad command line (exit 2),
#: an output path whose ending names no format, or that names a folder, among them
_BAD_VALUES = (
    InvalidNormalizationError,
    OutputIsFolderError,
    UnknownBaseError,
    InvalidSchedulerError,
    InvalidTokenPatternError,
    UnknownEngineError,
    UnknownFormatError,
)


@contextmanager
def one_line_errors(
    fail: Callable[[str, int], BaseException], passing: type[BaseException]
) -> Iterator[None]:
    """Library errors, interrupts and unexpected failures become one line each: `fail`
    says the line and gives the exception that ends the command with the code;
    `passing` (such an exception) goes through as it is."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    except passing:
        raise
    except CollateError as error:
        code = EXIT_USAGE if isinstance(error, _BAD_VALUES) else EXIT_BAD_INPUT
        raise fail(error.naming(OPTION_OF), code) from None
    except KeyboardInterrupt:
        raise fail("interrupted; no output was written", EXIT_INTERRUPTED) from None
    except MemoryError:
        raise fail("out of memory; see the README for the size limits", EXIT_BAD_INPUT) from None
    except Exception as error:  # noqa: BLE001 - a user must never see a traceback
        if os.environ.get("COLLATE_DEBUG"):
            raise
        raise fail(
            f"internal error ({type(error).__name__}: {error}); "
            "set COLLATE_DEBUG=1 to see where, and please report it",
            EXIT_BAD_INPUT,
        ) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


class _ClosedStdout(io.RawIOBase):
    """Stands for a standard output that was closed when collate started (`>&-`), so
    that writing to it fails like writing to a closed descriptor does."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "it is closed")


def _stderr_console() -> Console | None:
    """A console on stderr when stderr is a terminal (or COLLATE_FORCE_TERMINAL=1 says to
    act as if, for tests), else None: progress never goes to a log or a pipe."""
    if not _may_be_terminal():
        return None
    from rich.console import Console

    forced = os.environ.get("COLLATE_FORCE_TERMINAL") == "1"
    console = Console(stderr=True, force_terminal=True if forced else None)
    return console if console.is_terminal else None


def _may_be_terminal() -> bool:
    """False where rich would find no terminal on stderr (a pipe, a file, no stderr),
    decided without loading rich (30-40 ms): its environment variables would say
    otherwise, and so does COLLATE_FORCE_TERMINAL=1."""
    if os.environ.get("COLLATE_FORCE_TERMINAL") == "1":
        return True
    if {"FORCE_COLOR", "TTY_COMPATIBLE"} & set(os.environ):
        return True
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError, OSError):  # None, closed, or no file at all
        return False


#: the spinner and a stage's bar appear once the run (the stage) has lasted this many
#: seconds: short runs stay quiet, and never load rich
PROGRESS_AFTER = 1.0


class _Bars:
    """On stderr: a spinner naming the current stage, and a bar with counts for each
    stage that counts its work (files read, witnesses aligned, KiB written) once it has
    taken more than PROGRESS_AFTER seconds. Nothing is drawn, and rich is not even
    loaded, before the run has lasted that long: a timer starts the drawing then, or
    the first report after it, whichever comes first (a stage may report nothing for
    a long while)."""

    def __init__(self) -> None:
        self.began = time.monotonic()
        self.current_stage = "collating"
        self.bars: Bars | None = None
        self.spinner: TaskID | None = None
        self.done = False  # closed, or no terminal after all: never draw
        self.shown: dict[str, TaskID] = {}
        self.started: dict[str, float] = {}
        import threading  # only where bars may be drawn: a run in a pipe or a log has none

        self.lock = threading.Lock()  # the timer's thread and the run's
        self.timer = threading.Timer(PROGRESS_AFTER, self._start)
        self.timer.daemon = True
        self.timer.start()

    def _start(self) -> None:
        with self.lock:
            self._drawing()

    def _drawing(self) -> Bars | None:
        """The bars, started now if the run has lasted long enough (lock held)."""
        if self.bars is None and not self.done:
            if time.monotonic() - self.began < PROGRESS_AFTER:
                return None
            console = _stderr_console()
            if console is None:
                self.done = True
                return None
            from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bars

            columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
            counts = TextColumn("{task.fields[counts]}")
            self.bars = Bars(*columns, counts, TimeElapsedColumn(), console=console, transient=True)
            self.bars.start()
            self.spinner = self.bars.add_task(printable(self.current_stage), total=None, counts="")
        return self.bars

    def stage(self, stage: str) -> None:
        with self.lock:
            self.current_stage = stage
            bars = self._drawing()
            if bars is not None and self.spinner is not None:
                bars.update(self.spinner, description=printable(stage))

    def count(self, stage: str, done: int, total: int | None) -> None:
        with self.lock:
            if stage not in self.shown:
                first = self.started.setdefault(stage, time.monotonic())
                bars = self._drawing()
                if bars is None or time.monotonic() - first < PROGRESS_AFTER:
                    return
                self.shown[stage] = bars.add_task(printable(stage), total=total, counts="")
            assert self.bars is not None
            of = f" of {total:,}" if total is not None else ""
            self.bars.update(self.shown[stage], completed=done, total=total, counts=f"{done:,}{of}")

    def close(self) -> None:
        self.timer.cancel()
        with self.lock:
            self.done = True
            if self.bars is not None:
                self.bars.stop()  # transient: the lines vanish, leaving the summary


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    """Progress on a terminal only (never in a pipe or a log), on stderr: see _Bars."""
    if quiet or not _may_be_terminal():
        yield lambda stage: None
        return
    from . import counting_progress

    display = _Bars()
    try:
        with counting_progress(display.count):
            yield display.stage
    finally:
        display.close()


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


def _set_up_process() -> None:
    """What a `collate` process sets up before it parses anything, by either path
    (`plain_run` here, or `collate.cli.main`):
    - the address space capped (`_limit_memory`);
    - numpy's BLAS (OpenBLAS) asked for one thread, before numpy loads, unless the user
      set OPENBLAS_NUM_THREADS: its threads start with the library and spin waiting for
      work, 0.1 s of CPU on an idle 2-core machine in every process that loads numpy
      (`stemma`, the HTML report, a corpus's workers) and a core taken from a `-j`
      worker, while the one product collate asks of it, the HTML report's agreement
      counts, is no slower on one thread (1,000 witnesses: 1.84 s against 1.93 s);
    - the cycle collector off. A collation keeps millions of small objects alive until
      it is written, none of them in reference cycles worth finding, and each
      collection walks them all again: at Python's default threshold a quarter of a
      run on Darwin, and even collecting rarely 4% (the first collection after the
      alignment walks all it made). A command runs once and ends, so it never collects
      (`collate corpus`, which goes on group after group, does: see there). The
      process is ours; a library caller keeps its setting;
    - a standard output that was closed at start made one that fails when written to.
    """
    _limit_memory()
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    gc.disable()
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()))


def summary(collation: Collation, written: list[str], seconds: float) -> str:
    """What a run did, in one line: witnesses, variant locations by kind, files written."""
    apparatus = collation.apparatus
    kinds = Counter(location.type for location in apparatus.variant_locations)
    by_kind = ", ".join(f"{n:,} {kind}" for kind, n in kinds.most_common())
    total = sum(kinds.values())
    locations = f"{total:,} variant location{'' if total == 1 else 's'}"
    locations += f" ({by_kind})" if kinds else ""
    return (
        f"collate: {len(apparatus.witnesses)} witnesses, {locations}; "
        f"wrote {' and '.join(written)} in {seconds:.1f} s"
    )


def _report_skipped(skipped: list[tuple[Path, str]], verbose: bool, shown: int = 3) -> None:
    """Name the files a folder held that were not read as witnesses (a PDF, an image,
    collate's own earlier output): a few in one line, all of them with -v."""
    if not skipped:
        return
    names = [f"{path} ({why})" for path, why in skipped]
    if verbose or len(names) <= shown:
        listed = ", ".join(names)
    else:
        listed = f"{', '.join(names[:shown])} and {len(names) - shown} more (-v lists them)"
    what = "file that is not a witness" if len(names) == 1 else "files that are not witnesses"
    _say(f"collate: skipped {len(names)} {what}: {listed}")


class _Ended(Exception):
    """Ends a plain run with an exit code, its line already said."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _end(message: str, code: int) -> _Ended:
    _say("collate: error: " + message)
    return _Ended(code)


def plain_arguments(argv: Sequence[str]) -> tuple[list[str], str, bool] | None:
    """The witnesses, the output and whether `-q` was given, of a command line `run
    FOLDER|FILE... -o FILE [-q]` in any order, as click would parse it; None for any
    other command line. Only the plainest spellings: `--output=FILE`, `-qoFILE`, a
    second output, `--` or any other option are left to click, and so is any value
    that begins with a dash or is empty."""
    if len(argv) < 2 or argv[0] != "run":
        return None
    inputs: list[str] = []
    output: str | None = None
    quiet = False
    rest = iter(argv[1:])
    for argument in rest:
        if argument in ("-o", "--output"):
            value = next(rest, None)
            if output is not None or not value or value.startswith("-"):
                return None
            output = value
        elif argument in ("-q", "--quiet"):
            quiet = True
        elif argument and not argument.startswith("-"):
            inputs.append(argument)
        else:
            return None
    if not inputs or output is None:
        return None
    return inputs, output, quiet


def plain_run(argv: Sequence[str]) -> int | None:
    """Run `collate run FOLDER|FILE... -o FILE [-q]` without click and return its exit
    code; None, having done nothing, for a command line `collate.cli` must answer."""
    parsed = plain_arguments(argv)
    if parsed is None or "_COLLATE_COMPLETE" in os.environ:  # click's shell completion
        return None
    names, output_name, quiet = parsed
    try:
        # click refuses an output that exists but cannot be read, in its own words
        if os.path.exists(output_name) and not os.access(output_name, os.R_OK):
            return None
        from . import load_project

        # a project file's settings meet the options': click's part, as is any error in it
        if load_project(None, names) is not None:
            return None
    except (CollateError, OSError, ValueError):
        return None
    _set_up_process()  # as `collate.cli.main` does before click parses anything
    inputs, output = [Path(name) for name in names], Path(output_name)
    try:
        _run(inputs, output, quiet)
    except _Ended as ended:
        return ended.code
    return 0


def _run(inputs: list[Path], output: Path, quiet: bool) -> None:
    """`collate.cli.run_command` with every option but the witnesses, the output and
    `-q` at its default, and no project file."""
    started = time.perf_counter()
    with one_line_errors(_end, _Ended):
        from . import (
            DEFAULT_ENGINE,
            DEFAULT_PATTERN,
            MAX_INPUT_BYTES,
            Edition,
            Normalization,
            run,
            skipped_files,
        )

        skipped = [] if quiet else skipped_files(list(inputs))
        with _progress(quiet) as progress:
            collation = run(
                list(inputs),
                output,
                format=None,
                stemma_output=None,
                encoding=None,
                max_bytes=MAX_INPUT_BYTES // 2**20 * 2**20,
                engine=DEFAULT_ENGINE,
                normalization=Normalization(),  # the library's defaults, as the options'
                pattern=DEFAULT_PATTERN,
                whitespace="spacing",
                progress=progress,
                metadata=[],
                project=None,
                edition=Edition(base=None, wit_start=False),
                lacuna_marker="[...]",
                jobs=None,
            )
    if not quiet:
        _report_skipped(skipped, False)
        _say(summary(collation, [str(output)], time.perf_counter() - started))
