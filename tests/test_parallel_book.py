"""A whole run in several processes gives the bytes of one: every stage that splits
(tokenising, the alignment's gaps, the apparatus, the TEI body) made to split on texts
small enough for a test by lowering the sizes below which each stays in one process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collate
from collate import parallel
from collate.engines import _workers
from collate.formats import tei_body_parts
from collate.model import Collation
from tests.conftest import SHARED, sigla_witnesses
from tests.strategies import related_texts
from tests.synthetic import generate

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this platform")
DARWIN_CH1 = SHARED / "corpora" / "darwin-ch1"


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """The `jobs` of each call of `module.name` (its last argument) from now on."""
    calls: list[int] = []
    original: Callable[..., Any] = getattr(module, name)

    def counted(*args: Any) -> Any:
        calls.append(args[-1])
        return original(*args)

    monkeypatch.setattr(module, name, counted)
    return calls


def _tei(collation: Collation, jobs: int) -> bytes:
    with parallel.writing_in(jobs):
        return collate.render(collation, "tei")


@needs_fork
def test_a_run_in_two_processes_writes_the_bytes_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through `collate.run`, as the command line runs it: the alignment's gaps and the
    TEI body are really shared out (a compiled engine's `align` has no `__code__` to
    show that it takes `jobs`), and every format comes out the same."""
    monkeypatch.setattr(_workers, "PARALLEL_TOKENS", 0)
    monkeypatch.setattr(tei_body_parts, "PART_ITEMS", 200)
    gaps = _counting(monkeypatch, _workers, "stretch_all")
    bodies = _counting(monkeypatch, tei_body_parts, "split_map")
    folder = tmp_path / "witnesses"
    folder.mkdir()
    for witness in generate(7, 3_000, 5).witnesses:
        (folder / f"{witness.siglum}.txt").write_text(witness.text, encoding="utf-8")
    written: dict[int, list[bytes]] = {}
    for jobs in (1, 2):
        written[jobs] = []
        for ending in ("xml", "json", "html"):
            path = tmp_path / f"{jobs}.{ending}"
            collate.run([folder], path, jobs=jobs)
            written[jobs].append(path.read_bytes())
        if jobs == 1:
            assert gaps == [] and bodies == []
    assert 2 in gaps and 2 in bodies
    assert written[2] == written[1]


@needs_fork
@pytest.mark.skipif(not DARWIN_CH1.is_dir(), reason=f"no shared corpus at {DARWIN_CH1}")
def test_darwins_first_chapter_has_the_same_tei_body_in_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collation = collate.collate(list(collate.read_witnesses([DARWIN_CH1])), jobs=1)
    whole = _tei(collation, 1)
    monkeypatch.setattr(tei_body_parts, "PART_ITEMS", 300)
    bodies = _counting(monkeypatch, tei_body_parts, "split_map")
    for jobs in (2, 3):
        assert _tei(collation, jobs) == whole, jobs
    assert bodies == [2, 3]


@needs_fork
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(related_texts(), st.integers(2, 4), st.sampled_from(["spacing", "variants"]))
def test_the_tei_body_written_in_parts_is_the_one_written_whole(
    texts: list[str], jobs: int, whitespace: str
) -> None:
    """Parts of a few items each: every cut a short text allows, those whose words a
    location takes too (then written whole)."""
    collation = collate.collate(sigla_witnesses(*texts), whitespace=whitespace, jobs=1)  # type: ignore[arg-type]
    whole = _tei(collation, 1)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(tei_body_parts, "PART_ITEMS", 2)
        assert _tei(collation, jobs) == whole


@needs_fork
@pytest.mark.skipif(not DARWIN_CH1.is_dir(), reason=f"no shared corpus at {DARWIN_CH1}")
def test_the_alignments_workers_leave_no_trace_on_stderr(tmp_path: Path) -> None:
    """The pool stops its workers with SIGTERM, which the command line turns into an
    interrupt in its own process: a worker ends quietly instead of printing one."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from collate.engines import _workers\n"
        "_workers.PARALLEL_TOKENS = 0  # Darwin's first chapter shared out too\n"
        "from collate.cli import main\n"
        "main(sys.argv[1:])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "run", str(DARWIN_CH1), "-o", str(tmp_path / "x.xml")]
        + ["-j", "2", "-q"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
