"""Two dated witnesses whose readings cannot tell which is the older: the dates decide,
whichever way round they are given, and nothing says the readings pointed elsewhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import collate

SHARED = Path(os.environ.get("COLLATE_SHARED", Path(__file__).parents[2] / "shared"))
CHAPTER = SHARED / "corpora" / "darwin-ch1"


@pytest.mark.skipif(not CHAPTER.is_dir(), reason="needs ../shared/corpora/darwin-ch1")
@pytest.mark.parametrize("older", ["1859", "1866"])
def test_dates_decide_a_pair_the_readings_leave_open(tmp_path: Path, older: str) -> None:
    for siglum in ("1859", "1866"):
        (tmp_path / f"{siglum}.txt").write_bytes((CHAPTER / f"{siglum}.txt").read_bytes())
    undated = collate.infer_stemma(collate.collate(collate.read_witnesses([tmp_path])).apparatus)
    (edge,) = undated.edges
    assert edge.confidence == 0.5 and "coin toss" in edge.evidence.summary
    younger = "1866" if older == "1859" else "1859"
    (tmp_path / "witnesses.csv").write_text(
        f"siglum,date\n{older},1859\n{younger},1866\n", encoding="utf-8"
    )
    witnesses = collate.read_witnesses([tmp_path])
    dated = collate.infer_stemma(collate.collate(witnesses).apparatus)
    (edge,) = dated.edges
    assert (edge.source, edge.target) == (older, younger)
    assert edge.confidence == 1.0 and not edge.evidence.against_dates
    assert "against the readings" not in edge.evidence.summary
    assert "rests on the witnesses' dates" in edge.evidence.summary
