"""`collate run FOLDER|FILE... -o FILE [-q]` without click (`collate.cli_plain`): the
same library call, files, stderr and exit code as through click (`collate.cli`), click
never loaded, and every other command line left to click."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import collate
from collate.cli import main as click_main
from collate.cli_plain import plain_arguments, plain_run

from .conftest import ROOT, SEEDS


@pytest.fixture(autouse=True)
def _address_space_restored() -> Iterator[None]:
    """Both entry points cap the process's address space, as a command should; here the
    process is the test run's, and a browser a later test starts (Chromium reserves far
    more address space than it uses) would die at start under the cap."""
    resource = pytest.importorskip("resource")
    limits = resource.getrlimit(resource.RLIMIT_AS)
    yield
    resource.setrlimit(resource.RLIMIT_AS, limits)


@pytest.mark.parametrize(
    ("argv", "parsed"),
    [
        (["run", "a", "-o", "x.xml"], (["a"], "x.xml", False)),
        (["run", "-q", "a", "b", "--output", "x.xml"], (["a", "b"], "x.xml", True)),
        (["run", "a", "-o", "x.xml", "--quiet", "-q", "c"], (["a", "c"], "x.xml", True)),
    ],
)
def test_plain_command_lines_are_read(argv: list[str], parsed: object) -> None:
    assert plain_arguments(argv) == parsed


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["run"],
        ["run", "a"],
        ["run", "-o", "x.xml"],
        ["stemma", "a", "-o", "x.xml"],
        ["--version"],
        ["run", "a", "-o"],
        ["run", "a", "-o", "x.xml", "-o", "y.xml"],
        ["run", "a", "-o", "-"],
        ["run", "a", "-o", "-q"],
        ["run", "a", "--output=x.xml"],
        ["run", "a", "-qo", "x.xml"],
        ["run", "a", "-o", "x.xml", "--"],
        ["run", "a", "-o", "x.xml", "-v"],
        ["run", "a", "-o", "x.xml", "--help"],
        ["run", "a", "-o", "x.xml", "--engine", "collatex"],
        ["run", "", "-o", "x.xml"],
        ["run", "a", "-o", ""],
        ["run", "-", "-o", "x.xml"],
    ],
)
def test_other_command_lines_are_left_to_click(argv: list[str]) -> None:
    assert plain_arguments(argv) is None
    assert plain_run(argv) is None


def _through(
    path: str,
    argv: list[str],
    real: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[object, str, list[dict[str, Any]]]:
    """The exit code, stderr (the seconds taken blanked) and the calls of `collate.run`
    (`real`, recorded) of one command line, through `plain_run` or through click."""
    calls: list[dict[str, Any]] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        calls.append({"args": args, **{k: v for k, v in kwargs.items() if k != "progress"}})
        return real(*args, **kwargs)

    monkeypatch.setattr(collate, "run", recorded)
    capsys.readouterr()
    if path == "plain":
        code: object = plain_run(argv)
    else:
        try:
            click_main(argv)
            code = 0
        except SystemExit as done:
            code = done.code
    stderr = re.sub(r" in [0-9.]+ s$", " in - s", capsys.readouterr().err, flags=re.M)
    return code, stderr, calls


def _witnesses(tmp_path: Path) -> Path:
    """The seeds, with a file that is no witness beside them (named on stderr)."""
    folder = tmp_path / "witnesses"
    shutil.copytree(SEEDS, folder)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    return folder


@pytest.mark.parametrize(
    "case",
    ["plain", "quiet", "files", "missing", "unknown ending", "one witness", "folder as output"],
)
def test_the_plain_path_runs_as_click_does(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _witnesses(tmp_path)
    out = tmp_path / "out.xml"
    first, second = sorted(folder.glob("*.txt"))[:2]
    argv = {
        "plain": ["run", str(folder), "-o", str(out)],
        "quiet": ["run", "-q", str(folder), "-o", str(out)],
        "files": ["run", str(first), str(second), "-o", str(tmp_path / "out.json")],
        "missing": ["run", str(tmp_path / "nowhere"), "-o", str(out)],
        "unknown ending": ["run", str(folder), "-o", str(tmp_path / "out.docx")],
        "one witness": ["run", str(first), "-o", str(out)],
        "folder as output": ["run", str(folder), "-o", str(tmp_path)],
    }[case]
    assert plain_arguments(argv) is not None
    results = []
    real = collate.run
    for path in ("plain", "click"):
        for written in tmp_path.glob("out.*"):
            written.unlink()
        code, stderr, calls = _through(path, argv, real, monkeypatch, capsys)
        outputs = {p.name: p.read_bytes() for p in sorted(tmp_path.glob("out.*"))}
        results.append((code, stderr, calls, outputs))
    assert results[0] == results[1]
    code, stderr, calls, outputs = results[0]
    if case in ("plain", "quiet", "files"):
        assert code == 0 and len(calls) == 1 and len(outputs) == 1
        assert ("scan.pdf" in stderr) == (case == "plain")
    else:
        assert code in (1, 2) and stderr.startswith("collate: error: ") and not outputs


def test_a_project_file_is_left_to_click(tmp_path: Path) -> None:
    folder = _witnesses(tmp_path)
    (folder / "collate.toml").write_text('title = "Seeds"\n', encoding="utf-8")
    assert plain_run(["run", str(folder), "-o", str(tmp_path / "out.xml")]) is None
    assert not (tmp_path / "out.xml").exists()


def _loaded_by_command(*args: str) -> tuple[int, set[str]]:
    """The exit code of the console script's entry point, and the modules loaded when
    it ended (listed by a function run at exit, which `_leave` honours)."""
    script = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write(' '.join(sorted(sys.modules))))\n"
        f"import collate_command\nsys.argv = ['collate', *{list(args)!r}]\n"
        "collate_command.main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    return done.returncode, set(done.stderr.split())


def test_a_plain_run_loads_no_click(tmp_path: Path) -> None:
    out = tmp_path / "x.xml"
    code, loaded = _loaded_by_command("run", str(SEEDS), "-o", str(out), "-q")
    assert code == 0 and out.exists() and "collate.pipeline" in loaded
    assert "click" not in loaded and "collate.cli" not in loaded
    # nor what only some runs need: dates read with a time of day, progress bars drawn
    assert "datetime" not in loaded and "threading" not in loaded
    # any option beyond the plain ones goes through click, to the same file
    again = tmp_path / "y.xml"
    code, loaded = _loaded_by_command(
        "run", str(SEEDS), "-o", str(again), "-q", "--engine", "anchor"
    )
    assert code == 0 and "click" in loaded
    assert again.read_bytes() == out.read_bytes()
