"""What a `collate` process sets up for its work (issue 13), by either path a command
line takes (`collate_command` to `cli_plain`, or click): the cycle collector never runs
in a one-shot command (each collection walks the whole collation again, and it holds no
cycles worth the walk), while `collate corpus`, which collates group after group in one
process, collects rarely; and numpy's BLAS runs no threads of its own unless the user
asks for them. Checked in a fresh process as the `collate` script starts it; what it
saves is measured in benchmarks/, never here."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.news_corpus import generate, save

from .conftest import ROOT, SEEDS

#: runs `collate_command.main` (the installed script's entry) with the library's
#: entries wrapped to note the collector's state when the command's work starts, and
#: the process's threads (Linux) when it has ended
_SCRIPT = """
import gc, json, os, sys
import collate
seen = []
threads = []
def noting(work):
    def noted(*args, **kwargs):
        seen.append([gc.isenabled(), list(gc.get_threshold())])
        try:
            return work(*args, **kwargs)
        finally:
            if os.path.isdir("/proc/self/task"):
                threads.append(len(os.listdir("/proc/self/task")))
            # now: the command may end the process without unwinding (`os._exit`)
            sys.stderr.write("\\nSEEN " + json.dumps([seen, threads]) + "\\n")
    return noted
collate.run = noting(collate.run)
if sys.argv[1] == "corpus":  # (looking it up loads numpy: only where it is run)
    collate.collate_corpus = noting(collate.collate_corpus)
import collate_command
sys.argv = ["collate", *sys.argv[1:]]
collate_command.main()
"""


def seen_in(*args: str | Path, **environment: str) -> tuple[list[Any], list[int]]:
    """What the wrapped entries noted: the collector's state at each, and the threads
    the process had when each ended. The process's environment is this one's, without
    any OPENBLAS_NUM_THREADS of the test run's, and with `environment`."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"},
            **environment,
        },
    )
    seen, threads = json.loads(done.stderr.rsplit("SEEN ", 1)[-1])
    return seen, threads


@pytest.mark.parametrize(
    "options",
    [
        ["-q"],  # the plain path, without click
        ["-q", "--format", "tei"],  # an option only click reads
    ],
)
def test_a_run_never_collects(tmp_path: Path, options: list[str]) -> None:
    out = tmp_path / "apparatus.xml"
    seen, _ = seen_in("run", SEEDS, "-o", out, *options)
    assert seen and all(enabled is False for enabled, _ in seen)
    assert out.stat().st_size > 0


def test_stemma_never_collects(tmp_path: Path) -> None:
    seen, _ = seen_in("stemma", SEEDS, "-o", tmp_path / "stemma.json", "-q")
    assert seen and all(enabled is False for enabled, _ in seen)


def test_a_corpus_run_collects_rarely(tmp_path: Path) -> None:
    from collate.corpus.execution import TASK_GC_THRESHOLD

    table = tmp_path / "news.jsonl"
    save(generate(4, seed=3, words=40), table)
    seen, _ = seen_in("corpus", table, "-o", tmp_path / "out", "-q", "--workers", "1")
    assert seen == [[True, list(TASK_GC_THRESHOLD)]]
    assert (tmp_path / "out" / "index.csv").exists()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="threads counted in /proc")
def test_numpys_blas_starts_no_threads_unless_asked(tmp_path: Path) -> None:
    """`collate stemma` loads numpy; its BLAS (OpenBLAS) would start a thread a core
    and spin them. None is started, unless OPENBLAS_NUM_THREADS says otherwise."""
    stemma = ("stemma", SEEDS, "-o", tmp_path / "stemma.json", "-q", "-j", "1")
    _, threads = seen_in(*stemma)
    assert threads == [1]
    if (os.cpu_count() or 1) > 1:
        _, threads = seen_in(*stemma, OPENBLAS_NUM_THREADS="2")
        assert threads == [2]


def test_a_plain_run_loads_neither_hashlib_nor_dataclasses(tmp_path: Path) -> None:
    """`collate run FOLDER -o FILE` as the installed script runs it: the witnesses'
    SHA-256 are in the apparatus, and neither `hashlib` (OpenSSL's set-up: 12 M
    instructions) nor `dataclasses` was imported (`collate.digests`, `collate.records`)."""
    script = (
        "import os, sys\n"
        "import collate_command\n"
        "sys.argv = ['collate', *sys.argv[1:]]\n"
        "leave = os._exit\n"
        "def noting(code):\n"
        "    loaded = [m for m in ('hashlib', 'dataclasses') if m in sys.modules]\n"
        "    sys.stderr.write('LOADED %s\\n' % loaded)\n"
        "    sys.stderr.flush()\n"
        "    leave(code)\n"
        "os._exit = noting\n"
        "collate_command.main()\n"
    )
    output = f"{tmp_path}/x.xml"
    done = subprocess.run(
        [sys.executable, "-c", script, "run", str(SEEDS), "-o", output, "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stderr, done.stderr
    first = sorted(SEEDS.glob("*.txt"))[0]
    with open(output, encoding="utf-8") as apparatus:
        assert hashlib.sha256(first.read_bytes()).hexdigest() in apparatus.read()
