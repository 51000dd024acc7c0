"""Where no tree the readings allow keeps every date given (Darwin's chapter 1 with one
edition misdated), the stemma says where a date is broken, halves that edge's
confidence and puts the conflict first in its account, rather than seeming to keep the
dates; and it claims the dates decide an edge's direction only where they do."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate.dates import is_later
from collate.stemma import Stemma
from collate.stemma.formats import render_stemma

from .conftest import SHARED

_CHAPTER = SHARED / "corpora/darwin-ch1"
_YEARS = ["1859", "1860", "1861", "1866", "1869", "1872"]


def _stemma(folder: Path, dates: dict[str, str]) -> Stemma:
    for year in _YEARS:
        (folder / f"{year}.txt").write_bytes((_CHAPTER / f"{year}.txt").read_bytes())
    rows = "".join(f"{siglum},{date}\n" for siglum, date in dates.items())
    (folder / "witnesses.csv").write_text("siglum,date\n" + rows, encoding="utf-8")
    stemma = collate.run([folder], stemma=True).stemma
    assert stemma is not None
    return stemma


def _ancestors(stemma: Stemma, node: str) -> list[str]:
    parent = {e.target: e.source for e in stemma.edges if e.kind == "descent"}
    found = []
    while node in parent:
        node = parent[node]
        found.append(node)
    return found


@pytest.mark.skipif(not _CHAPTER.is_dir(), reason="no shared corpora")
def test_a_broken_date_is_said_where_it_breaks_and_costs_confidence(tmp_path: Path) -> None:
    dates = {year: year for year in _YEARS} | {"1866": "1858"}  # one date wrong
    stemma = _stemma(tmp_path, dates)
    date = {node.id: node.date for node in stemma.nodes}
    broken = []
    for edge in stemma.edges:
        if edge.kind != "descent" or not date[edge.target]:
            continue
        later = [a for a in _ancestors(stemma, edge.target) if is_later(date[a], date[edge.target])]
        if later:
            broken.append(edge.target)
            assert edge.evidence.later_ancestor == later[0]
            assert edge.confidence <= 0.5 and "runs against the dates" in edge.evidence.summary
            assert "rests on the witnesses' dates" not in edge.evidence.summary
        else:
            assert not edge.evidence.later_ancestor
    text = render_stemma(stemma, "text")
    assert broken and text.splitlines()[2].startswith("Dates: no tree the readings allow")
    # the dates decided the direction of some edges, not of every one
    claims = ["rests on the witnesses' dates" in e.evidence.summary for e in stemma.edges]
    assert any(claims) and not all(claims)


@pytest.mark.skipif(not _CHAPTER.is_dir(), reason="no shared corpora")
def test_dates_that_hold_are_never_said_to_be_broken(tmp_path: Path) -> None:
    stemma = _stemma(tmp_path, {year: year for year in _YEARS})
    assert not any(e.evidence.later_ancestor for e in stemma.edges)
    assert "Dates:" not in render_stemma(stemma, "text")
