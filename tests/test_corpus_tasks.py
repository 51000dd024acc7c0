"""How the corpus run cuts its collation into tasks and writes what comes back: groups
taken several to a task, and files saved in a thread of their own, change no byte of
the output, and a group that cannot be written still stops the run with its error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.news_corpus import generate, save
from collate import OutputError, collate_corpus
from collate.corpus import collation, run

from .test_corpus import index_rows, tree_digest


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic news corpus: several stories with versions, and noise."""
    path = tmp_path_factory.mktemp("news") / "news.jsonl"
    save(generate(40, seed=3, words=120), path)
    return path


@given(st.lists(st.integers(1, 40), max_size=60), st.integers(1, 50))
def test_batches_cut_the_groups_in_order_and_hold_at_most_the_bound(
    sizes: list[int], most: int
) -> None:
    batches = run._batches(sizes, most)
    assert [i for batch in batches for i in batch] == list(range(len(sizes)))
    for batch in batches:
        assert len(batch) >= 1
        assert len(batch) == 1 or sum(sizes[i] for i in batch) <= most
    # a batch stops only where the next group would not fit
    for batch, following in zip(batches, batches[1:], strict=False):
        assert sum(sizes[i] for i in batch) + sizes[following[0]] > most


def test_groups_several_to_a_task_write_the_same_bytes(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = collate_corpus(news, tmp_path / "one", workers=1)
    assert one.groups >= 3  # else no task would take more than one group
    monkeypatch.setattr(run, "_GROUP_DOCUMENTS_PER_TASK", 1)  # one group a task
    collate_corpus(news, tmp_path / "single", workers=2)
    monkeypatch.setattr(run, "_GROUP_DOCUMENTS_PER_TASK", 7)
    collate_corpus(news, tmp_path / "several", workers=2)
    expected = tree_digest(tmp_path / "one")
    assert tree_digest(tmp_path / "single") == expected
    assert tree_digest(tmp_path / "several") == expected
    reports = [r["report"] for r in index_rows(tmp_path / "one") if r["kind"] == "group"]
    assert len(reports) == one.groups and all((tmp_path / "one" / r).is_file() for r in reports)


def test_a_group_that_cannot_be_written_stops_the_run_with_its_error(tmp_path: Path) -> None:
    result = collation.GroupResult("g1", (), (("report.html", b"<html></html>\n"),))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the group's folder should be")
    with pytest.raises(OutputError, match="blocked: cannot create"), collation.Saver() as saver:
        saver.save(tmp_path / "fine", "inputs", ["a"], result)
        saver.save(blocked, "inputs", ["a"], result)
    # the group before it was written, stamp last
    assert (tmp_path / "fine" / "report.html").read_bytes() == b"<html></html>\n"
    assert (tmp_path / "fine" / collation.STAMP).is_file()
