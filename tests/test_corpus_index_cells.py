"""The corpus index as a researcher opens it: in a spreadsheet, whose formulas must not
run from ids, titles or sources taken from a scraped table, and with each derivation's
basis beside its confidence, since a direction read from a text's growth is a belief
about revisers, not evidence."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq

from collate import collate_corpus

from .conftest import SEEDS

_FORMULA_STARTS = ("=", "+", "-", "@")


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_cells_from_the_table_are_never_formulas(tmp_path: Path) -> None:
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00*.txt"))}
    ids = {"000": "=1+2", "001": "@SUM(A1)", "002": "-2", "003": "ok"}
    rows = [
        {
            "id": ids[key],
            "text": text,
            "title": '=HYPERLINK("http://evil.example","click")',
            "source": "+cmd|calc",
        }
        for key, text in texts.items()
    ]
    table = tmp_path / "news.jsonl"
    table.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    out = tmp_path / "out"
    collate_corpus(table, out, workers=1)

    index = _rows(out / "index.csv")
    links = _rows(out / "links.csv")
    assert len(index) > 1 and len(links) > 1
    cells = [cell for row in index + links for cell in row]
    assert not [cell for cell in cells if cell.startswith(_FORMULA_STARTS)]
    # the apostrophe is the only change: the ids are still there to read
    (group,) = [
        row
        for row in csv.DictReader((out / "index.csv").open(encoding="utf-8"))
        if row["kind"] == "group"
    ]
    assert group["members"] == "'=1+2; @SUM(A1)" or group["members"] == "'@SUM(A1); =1+2"
    assert group["titles"].startswith("'=HYPERLINK(")
    # the Parquet index keeps the values as they are: no spreadsheet reads it as text
    stored = [r for r in pq.read_table(out / "index.parquet").to_pylist() if r["kind"] == "group"]
    assert set(stored[0]["members"]) == {"=1+2", "@SUM(A1)"}


def test_each_derivation_says_what_its_direction_rests_on(tmp_path: Path) -> None:
    out = tmp_path / "out"
    collate_corpus(SEEDS, out, workers=1)
    (group,) = [
        row
        for row in csv.DictReader((out / "index.csv").open(encoding="utf-8"))
        if row["kind"] == "group"
    ]
    stemma = json.loads((out / "groups" / group["group"] / "stemma.json").read_text("utf-8"))
    bases = {e["evidence"]["basis"] for e in stemma["edges"] if e["type"] == "descent"}
    assert bases and all(bases)
    # the CSV's derivation cell names the same basis the group's stemma gives
    assert all(f", {basis})" in group["derivations"] for basis in bases)
    (stored,) = [
        r for r in pq.read_table(out / "index.parquet").to_pylist() if r["kind"] == "group"
    ]
    assert {d["basis"] for d in stored["derivations"] if d["kind"] == "descent"} == bases
    assert ", " + next(iter(bases)) in (out / "index.html").read_text(encoding="utf-8")
