"""A corpus table's `source` and `title` columns (a media researcher's outlet and
headline) reach the index (CSV, Parquet, HTML) and each group's apparatus and report,
so that a group's members are known by more than their ids."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq

from collate import collate_corpus

from .conftest import SEEDS


def test_outlets_and_headlines_reach_the_index_and_the_groups(tmp_path: Path) -> None:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00*.txt"))}
    outlets = {"000": ("Daily A", "Council backs plan"), "001": ("Agency B", "Council vote")}
    rows = [
        {"id": key, "text": text}
        | ({"source": outlets[key][0], "title": outlets[key][1]} if key in outlets else {})
        for key, text in texts.items()
    ]
    table = tmp_path / "news.jsonl"
    table.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    out = tmp_path / "out"
    collate_corpus(table, out, workers=1)

    with (out / "index.csv").open(encoding="utf-8", newline="") as handle:
        index = list(csv.DictReader(handle))
    (group,) = [row for row in index if row["kind"] == "group"]
    assert group["members"] == "000; 001"
    assert group["sources"] == "Daily A; Agency B"
    assert group["titles"] == "Council backs plan; Council vote"
    alone = [row for row in index if row["kind"] == "singleton"]
    assert alone and all(row["sources"] == row["titles"] == "" for row in alone)

    parquet = pq.read_table(out / "index.parquet").to_pylist()
    (stored,) = [row for row in parquet if row["kind"] == "group"]
    assert stored["sources"] == ["Daily A", "Agency B"]

    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Daily A: Council backs plan" in page and "Agency B: Council vote" in page
    folder = out / "groups" / group["group"]
    for name in ("apparatus.xml", "report.html"):
        written = (folder / name).read_text(encoding="utf-8")
        assert "Daily A: Council backs plan" in written, name
