"""What a command loads before it does its work (issue 13): a short run in a pipe, or
`--help`, loads neither rich (the progress display) nor anything heavy that it does not
use, and the progress display starts on its own once a run has lasted long enough.
Start-up time itself is measured in benchmarks/, never asserted here."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import collate.cli
import collate.cli_plain

from .conftest import ROOT, SEEDS

#: modules a short run has no use for: the progress display, the stemma, the corpus
#: stage and its arrays, and the validation libraries typer 0.29 brought in
UNUSED = ("rich", "pydantic", "typer", "numpy", "collate.stemma", "collate.corpus")


def loaded_after(*args: str) -> set[str]:
    """The top-level modules (and collate's subpackages) a fresh `collate` process has
    loaded when the command `args` finishes, its stdout and stderr pipes."""
    script = (
        "import sys\nfrom collate.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "names = {m.split('.')[0] for m in sys.modules}\n"
        "names |= {'.'.join(m.split('.')[:2]) for m in sys.modules if m.startswith('collate.')}\n"
        "sys.stderr.write(' '.join(sorted(names)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=ROOT
    )
    return set(done.stderr.split())


@pytest.mark.parametrize(
    "args",
    [["--help"], ["run", "--help"], ["run", str(SEEDS), "-o", "OUT", "-q"]],
    ids=["help", "run-help", "run"],
)
def test_a_short_command_loads_nothing_it_does_not_use(args: list[str], tmp_path: Path) -> None:
    args = [str(tmp_path / "x.xml") if a == "OUT" else a for a in args]
    loaded = loaded_after(*args)
    assert "collate" in loaded and "click" in loaded  # the check sees what is loaded
    assert not set(UNUSED) & loaded, set(UNUSED) & loaded
    if "-o" in args:
        assert (tmp_path / "x.xml").exists()


def test_a_run_with_a_summary_in_a_pipe_loads_no_progress_display(tmp_path: Path) -> None:
    """Not quiet, but stderr is a pipe: the summary line, and no rich."""
    loaded = loaded_after("run", str(SEEDS), "-o", str(tmp_path / "x.xml"))
    assert "rich" not in loaded


def test_the_spinner_starts_during_a_long_silent_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stage that reports nothing for longer than PROGRESS_AFTER still gets its
    spinner: a timer starts the display; and a short run never starts it."""
    monkeypatch.setenv("COLLATE_FORCE_TERMINAL", "1")
    monkeypatch.setattr(collate.cli_plain, "PROGRESS_AFTER", 0.05)
    with collate.cli_plain._progress(quiet=False) as progress:
        display = progress.__self__  # type: ignore[attr-defined]  # the _Bars drawing
        progress("aligning")
        deadline = time.monotonic() + 10
        while display.bars is None and time.monotonic() < deadline:
            time.sleep(0.02)  # the run, busy, reporting nothing
        assert display.bars is not None and display.bars.live.is_started
    assert not display.bars.live.is_started  # cleared when the run ends

    monkeypatch.setattr(collate.cli_plain, "PROGRESS_AFTER", 3600.0)
    with collate.cli_plain._progress(quiet=False) as progress:
        progress("aligning")
        short = progress.__self__  # type: ignore[attr-defined]
    assert short.bars is None
