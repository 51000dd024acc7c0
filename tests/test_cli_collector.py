"""The cycle collector in a `collate` process (issue 13): a one-shot command never
collects (each collection walks the whole collation again, and it holds no cycles worth
the walk), by either path a command line takes (`collate_command` to `cli_plain` or
click); `collate corpus`, which collates group after group in one process, collects,
rarely. Checked in a fresh process as the `collate` script starts it; what it costs is
measured in benchmarks/, never here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.news_corpus import generate, save

from .conftest import ROOT, SEEDS

#: runs `collate_command.main` (the installed script's entry) with the library's two
#: entries wrapped to note the collector's state when the command's work starts
_SCRIPT = """
import gc, json, sys
import collate
seen = []
def noting(work):
    def noted(*args, **kwargs):
        seen.append([gc.isenabled(), list(gc.get_threshold())])
        return work(*args, **kwargs)
    return noted
collate.run = noting(collate.run)
collate.collate_corpus = noting(collate.collate_corpus)
import collate_command
sys.argv = ["collate", *sys.argv[1:]]
try:
    collate_command.main()
except SystemExit:
    pass
finally:
    sys.stderr.write("\\nSEEN " + json.dumps(seen) + "\\n")
"""


def collector_seen(*args: str | Path) -> list[list[object]]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    line = done.stderr.rsplit("SEEN ", 1)[-1]
    seen: list[list[object]] = json.loads(line)
    return seen


@pytest.mark.parametrize(
    "options",
    [
        ["-q"],  # the plain path, without click
        ["-q", "--format", "tei"],  # an option only click reads
    ],
)
def test_a_run_never_collects(tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "apparatus.xml"
    seen = collector_seen("run", SEEDS, "-o", out, *options)
    assert seen and all(enabled is False for enabled, _ in seen)
    assert out.stat().st_size > 0


def test_stemma_never_collects(tmp_path: Path) -> None:
    seen = collector_seen("stemma", SEEDS, "-o", tmp_path / "stemma.json", "-q")
    assert seen and all(enabled is False for enabled, _ in seen)


def test_a_corpus_run_collects_rarely(tmp_path: Path) -> None:
    from collate.corpus.execution import TASK_GC_THRESHOLD

    table = tmp_path / "news.jsonl"
    save(generate(4, seed=3, words=40), table)
    seen = collector_seen("corpus", table, "-o", tmp_path / "out", "-q", "--workers", "1")
    assert seen == [[True, list(TASK_GC_THRESHOLD)]]
    assert (tmp_path / "out" / "index.csv").exists()
