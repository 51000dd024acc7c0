"""`collate corpus`: the seeds as a corpus, bad input, resumption, and the same bytes
on a Dask LocalCluster as on this machine."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import collate
from collate import CollateError, collate_corpus
from collate.corpus import execution

from .conftest import SEEDS, command

A000, A001 = "000_6bce61cbdfc5750d", "001_6f72a84d533a16ee"
A002, A003 = "002_5aca4944ab0bf47b", "003_687f2fd177585844"


def index_rows(out: Path) -> list[dict[str, str]]:
    with open(out / "index.csv", newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def messy_corpus(tmp_path: Path) -> Path:
    """The seeds in a folder tree, with an unreadable, an empty and a binary document."""
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root / "news")
    (root / "bad").mkdir()
    (root / "bad" / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (root / "bad" / "empty.txt").write_text("")
    (root / "bad" / "broken.json").write_text('{"witnesses": [')
    return root


def test_seeds_as_a_corpus_give_one_group_of_versions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = collate_corpus(SEEDS, out, workers=1)
    rows = index_rows(out)
    groups = [r for r in rows if r["kind"] == "group"]
    assert len(groups) == 1 and summary.groups == 1
    group = groups[0]
    assert group["members"].split("; ") == [A000, A001]
    # 000 is the reworded, shortened copy of 001
    assert group["derivations"].startswith(f"{A001} -> {A000} (")
    alone = {r["members"] for r in rows if r["kind"] == "singleton"}
    assert alone == {A002, A003}
    # 002 and 003 are tied to the group by reuse links only
    with open(out / "links.csv", newline="", encoding="utf-8") as stream:
        links = list(csv.DictReader(stream))
    assert {(r["a"], r["b"]) for r in links if r["kind"] == "version"} == {(A000, A001)}
    assert all(r["kind"] == "reuse" for r in links if {r["a"], r["b"]} & {A002, A003})
    folder = out / "groups" / group["group"]
    assert collate.validate_file(folder / "apparatus.xml") == []
    assert b"<svg" in (folder / "report.html").read_bytes()
    page = (out / "index.html").read_text()
    assert f'href="groups/{group["group"]}/report.html"' in page
    parquet = pq.read_table(out / "index.parquet").to_pylist()
    assert [r["members"] for r in parquet if r["kind"] == "group"] == [[A000, A001]]


def test_bad_documents_are_listed_and_the_run_goes_on(messy_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = collate_corpus(messy_corpus, out, workers=1)
    problems = {r["members"]: r["problem"] for r in index_rows(out) if r["kind"] == "problem"}
    assert set(problems) == {"bad/latin1", "bad/empty", "bad/broken"}
    assert "not valid utf-8" in problems["bad/latin1"]
    assert "empty" in problems["bad/empty"]
    assert "JSON" in problems["bad/broken"]
    assert summary.groups == 1 and summary.problems == 3
    assert "bad/empty" in (out / "index.html").read_text()


def test_a_table_with_malformed_rows(tmp_path: Path) -> None:
    texts = {p.stem: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    lines = [
        json.dumps({"id": A001, "text": texts[A001], "date": "2020-05-01", "source": "agency"}),
        json.dumps({"id": A000, "text": texts[A000], "date": "2020-05-02", "title": "Reworded"}),
        json.dumps({"id": A002, "text": texts[A002], "date": "last spring"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": A001, "text": "a second row with this id"}),
        json.dumps(["a list"]),
    ]
    table = tmp_path / "news.jsonl"
    table.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out"
    collate_corpus(table, out, workers=1)
    rows = index_rows(out)
    problems = {r["members"]: r["problem"] for r in rows if r["kind"] == "problem"}
    assert set(problems) == {"row 4", "no-text", "blank", A001, "row 8"}
    assert "duplicate id" in problems[A001] and "not valid JSON" in problems["row 4"]
    group = next(r for r in rows if r["kind"] == "group")
    assert group["dates"] == "2020-05-02; 2020-05-01"
    assert group["derivations"].startswith(f"{A001} -> {A000}")
    # a date the stemma cannot use is said, and the document still used
    noted = next(r for r in rows if r["members"] == A002)
    assert noted["kind"] == "singleton" and "not an ISO 8601 date" in noted["problem"]


def test_csv_and_parquet_tables_group_alike(tmp_path: Path) -> None:
    rows = [{"id": p.stem, "text": p.read_text("utf-8")} for p in sorted(SEEDS.glob("*.txt"))]
    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, ["id", "text"])
        writer.writeheader()
        writer.writerows(rows)
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet")
    found = []
    for name in ("t.csv", "t.parquet"):
        collate_corpus(tmp_path / name, tmp_path / name.replace(".", "-"), workers=1)
        found.append([r["members"] for r in index_rows(tmp_path / name.replace(".", "-"))])
    assert found[0] == found[1] and f"{A000}; {A001}" in found[0]


def test_a_rerun_skips_unchanged_groups_and_redoes_changed_ones(
    messy_corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = collate_corpus(messy_corpus, out, workers=1)
    before = tree_digest(out)
    again = collate_corpus(messy_corpus, out, workers=1)
    assert (first.groups_collated, again.groups_collated, again.groups_skipped) == (1, 0, 1)
    assert tree_digest(out) == before
    # a group whose output was lost half-way (no stamp) is done again
    (stamp,) = out.glob("groups/*/group.json")
    stamp.unlink()
    assert collate_corpus(messy_corpus, out, workers=1).groups_collated == 1
    assert tree_digest(out) == before
    # a changed witness changes the group's inputs: it is collated again
    path = messy_corpus / "news" / f"{A000}.txt"
    path.write_text(path.read_text() + "\nA late correction.\n")
    changed = collate_corpus(messy_corpus, out, workers=1)
    assert changed.groups_collated == 1 and changed.groups_skipped == 0
    assert tree_digest(out) != before


def test_a_dask_local_cluster_writes_the_same_bytes(messy_corpus: Path, tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    collate_corpus(messy_corpus, tmp_path / "inline", workers=1)
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        collate_corpus(messy_corpus, tmp_path / "dask", scheduler=client)
    assert tree_digest(tmp_path / "dask") == tree_digest(tmp_path / "inline")


def test_a_process_pool_writes_the_same_bytes(messy_corpus: Path, tmp_path: Path) -> None:
    collate_corpus(messy_corpus, tmp_path / "inline", workers=1)
    collate_corpus(messy_corpus, tmp_path / "pool", workers=2)
    assert tree_digest(tmp_path / "pool") == tree_digest(tmp_path / "inline")


def test_a_partitioned_candidate_index_writes_the_same_bytes(
    messy_corpus: Path, tmp_path: Path
) -> None:
    collate_corpus(messy_corpus, tmp_path / "whole", workers=1)
    collate_corpus(messy_corpus, tmp_path / "dealt", workers=1, index_partitions=3)
    assert tree_digest(tmp_path / "dealt") == tree_digest(tmp_path / "whole")


def test_the_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        command("corpus", SEEDS, "-o", out, "--workers", "1"), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "1 group of versions" in done.stderr
    assert (out / "index.parquet").is_file()
    missing = subprocess.run(
        command("corpus", tmp_path / "nowhere", "-o", out), capture_output=True, text=True
    )
    assert missing.returncode == 1
    assert (
        missing.stderr.strip() == f"collate: error: {tmp_path / 'nowhere'}: no such file or folder"
    )
    (tmp_path / "file").write_text("x")
    with pytest.raises(CollateError, match="is a file, not a folder"):
        collate_corpus(SEEDS, tmp_path / "file")


def test_an_unreachable_scheduler_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(execution, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(CollateError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        collate_corpus(SEEDS, tmp_path / "out", scheduler="tcp://127.0.0.1:9")


def test_the_library_exports_collate_corpus() -> None:
    assert "collate_corpus" in collate.__all__


@pytest.mark.parametrize("inside", ["out", ""])
def test_an_output_inside_the_input_is_no_input(tmp_path: Path, inside: str) -> None:
    """Run twice with the results inside the corpus folder (in a folder of their own, or
    the corpus folder itself): the second run reads none of the first's apparatuses and
    stemmata as documents (they doubled every group)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    out = corpus / inside
    first = collate_corpus(corpus, out, workers=1)
    before = tree_digest(out)
    again = collate_corpus(corpus, out, workers=1)
    assert (again.documents, again.problems, again.groups) == (
        first.documents,
        first.problems,
        first.groups,
    )
    assert again.groups_skipped == first.groups and tree_digest(out) == before
