"""Dates are a hard constraint on every line of the stemma, contamination included: no
witness follows one surely later than itself, even where one date is wrong (the
readings then say so, they do not reverse time)."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate.metadata import is_later

from .conftest import SHARED

_CHAPTER = SHARED / "corpora/darwin-ch1"


@pytest.mark.skipif(not _CHAPTER.is_dir(), reason="no shared corpora")
def test_no_edge_runs_from_a_later_witness_with_one_date_wrong(tmp_path: Path) -> None:
    years = ["1859", "1860", "1861", "1866", "1869", "1872"]
    for year in years:
        (tmp_path / f"{year}.txt").write_bytes((_CHAPTER / f"{year}.txt").read_bytes())
    dated = {year: ("1870" if year == "1861" else year) for year in years}  # one date wrong
    rows = "".join(f"{siglum},{date}\n" for siglum, date in dated.items())
    (tmp_path / "witnesses.csv").write_text("siglum,date\n" + rows, encoding="utf-8")
    stemma = collate.run([tmp_path], stemma=True).stemma
    assert stemma is not None
    dates = {node.id: node.date for node in stemma.nodes}
    assert dates["1861"] == "1870"
    for edge in stemma.edges:
        assert not is_later(dates[edge.source], dates[edge.target]), edge
