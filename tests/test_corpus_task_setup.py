"""What a corpus task sets up around its work: the cycle collector collects rarely while
the task runs (the CLI's setting, for the library and a Dask worker too) and is as the
caller left it afterwards; a group is collated in its task's own process, never split
over more; and none of it changes a byte of the output."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.news_corpus import generate, save
from collate import collate_corpus, parallel, pipeline
from collate.corpus import execution

from .test_corpus import tree_digest


@pytest.fixture
def default_collector() -> Iterator[None]:
    was = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*was)


def _threshold_now() -> tuple[int, int, int]:
    return gc.get_threshold()


@pytest.mark.usefixtures("default_collector")
def test_a_task_runs_with_rare_collection_and_leaves_the_callers_setting() -> None:
    seen = execution.run_task(_threshold_now, ())
    assert seen == execution.TASK_GC_THRESHOLD
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("default_collector")
def test_a_failing_task_also_leaves_the_callers_setting() -> None:
    with pytest.raises(ZeroDivisionError):
        execution.run_task(divmod, (1, 0))
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("default_collector")
def test_inline_tasks_see_rare_collection() -> None:
    seen: list[tuple[int, int, int]] = []
    execution.Inline().run([(_threshold_now, ())] * 2, lambda i, r: seen.append(r))
    assert seen == [execution.TASK_GC_THRESHOLD] * 2
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.usefixtures("default_collector")
def test_a_corpus_run_writes_the_same_bytes_and_restores_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "news.jsonl"
    save(generate(16, seed=5, words=80), table)
    asked: list[int | None] = []
    original = parallel.choose_jobs

    def choose_jobs(jobs: int | None, tokens: int) -> int:
        asked.append(jobs)
        return original(jobs, tokens)

    monkeypatch.setattr(pipeline, "choose_jobs", choose_jobs)
    collate_corpus(table, tmp_path / "rare", workers=1)
    assert gc.get_threshold() == (700, 10, 10)
    monkeypatch.setattr(execution, "TASK_GC_THRESHOLD", (700, 10, 10))
    collate_corpus(table, tmp_path / "default", workers=1)
    assert asked and set(asked) == {1}  # every group in its task's process alone
    assert tree_digest(tmp_path / "rare") == tree_digest(tmp_path / "default")
