"""Progress (issue 15): stages count their work for whoever listens; the CLI draws bars
with counts on a terminal only (forced here with COLLATE_FORCE_TERMINAL=1), never in
a pipe, and `-q` silences them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import collate
import collate.cli
import collate.cli_plain
from collate.cli import app

from .conftest import SEEDS

Event = tuple[str, int, "int | None"]


def test_stages_report_counts_to_a_listener(tmp_path: Path) -> None:
    events: list[Event] = []
    with collate.counting_progress(lambda *event: events.append(event)):
        collate.run([SEEDS], tmp_path / "out.xml")
    stages = {stage for stage, _, _ in events}
    assert ("reading witness files", 4, 4) in events
    assert ("aligning witnesses", 4, 4) in events
    assert "writing out.xml (KiB)" in stages
    aligned = [done for stage, done, _ in events if stage == "aligning witnesses"]
    assert aligned == sorted(aligned) and aligned[0] == 0
    written = [done for stage, done, _ in events if stage.startswith("writing")]
    assert written[-1] == (tmp_path / "out.xml").stat().st_size >> 10


def test_nothing_is_reported_outside_the_block(tmp_path: Path) -> None:
    events: list[Event] = []
    with collate.counting_progress(lambda *event: events.append(event)):
        pass
    collate.run([SEEDS], tmp_path / "out.xml")
    assert events == []


def cli(*args: str | Path, terminal: bool) -> str:
    env = {"COLLATE_FORCE_TERMINAL": "1"} if terminal else {}
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_bars_with_counts_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collate.cli_plain, "PROGRESS_AFTER", 0.0)  # the seeds take well under 1 s
    stderr = cli("run", SEEDS, "-o", tmp_path / "out.xml", terminal=True)
    assert "\x1b[" in stderr  # drawn as a terminal is drawn
    assert "reading witness files" in stderr and "4 of 4" in stderr
    assert "aligning witnesses" in stderr
    # the bars are cleared (cursor up, erase line) before the summary
    last = stderr.rstrip().splitlines()[-1]
    assert last.replace("\x1b[1A\x1b[2K", "").startswith("collate: 4 witnesses"), last


def test_short_stages_draw_no_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collate.cli_plain, "PROGRESS_AFTER", 3600.0)
    stderr = cli("run", SEEDS, "-o", tmp_path / "out.xml", terminal=True)
    assert "4 of 4" not in stderr


@pytest.mark.parametrize("quiet", [True, False])
def test_no_progress_in_a_pipe_or_when_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    monkeypatch.setattr(collate.cli_plain, "PROGRESS_AFTER", 0.0)
    args: list[str | Path] = ["run", SEEDS, "-o", tmp_path / "out.xml", *(["-q"] if quiet else [])]
    stderr = cli(*args, terminal=quiet)  # quiet wins even on a terminal
    assert "\x1b[" not in stderr and "witness files" not in stderr
    assert stderr == "" if quiet else stderr.startswith("collate: 4 witnesses")
