"""Witnesses that read alike (`collate.stemma.twins`): a byte-identical copy, or a copy
cut short, inside a larger tradition reads "as P does at every variant location", at a
coin toss unless dates decide, and leaves the rest of the stemma as it was."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from collate import collate_files
from collate.apparatus import build_apparatus
from collate.model import Witness
from collate.stemma import Stemma, infer_stemma
from collate.stemma.basis import DATES, IDENTICAL
from tests.synthetic import SyntheticTradition, generate

from .conftest import SEEDS

SOURCE, COPY = "001_6f72a84d533a16ee", "000_6bce61cbdfc5750d"


def _seeds_with(tmp_path: Path, extra: dict[str, str]) -> Stemma:
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    for name, text in extra.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return infer_stemma(collate_files([tmp_path], engine="anchor").apparatus)


def _descent(stemma: Stemma) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in stemma.edges if e.kind == "descent"}


def _check_twin(stemma: Stemma, source: str, twin: str, where: str = "") -> None:
    edge = stemma.edge(source, twin)
    summary = edge.evidence.summary
    assert summary.startswith(f"{twin} reads as {source} does at every variant location{where}")
    assert "as many readings of its own" not in summary
    assert (edge.evidence.support, edge.evidence.direction, edge.confidence) == (1.0, 0.5, 0.5)
    assert edge.evidence.basis == IDENTICAL
    assert "coin toss" in summary


def test_a_byte_identical_copy_inside_the_seeds(tmp_path: Path) -> None:
    """Beside the exemplar's exact copy, the seeds' copy still hangs from its exemplar
    at a coin toss (with the two alone read as a revision chain, it was reversed at
    0.85), and the exact copy reads as its exemplar at a coin toss."""
    text = (SEEDS / f"{SOURCE}.txt").read_text(encoding="utf-8")
    stemma = _seeds_with(tmp_path, {"exact-dup": text})
    assert _descent(stemma) == {(SOURCE, COPY), (SOURCE, "exact-dup")}
    assert stemma.edge(SOURCE, COPY).evidence.direction == 0.5
    _check_twin(stemma, SOURCE, "exact-dup")


def test_an_exact_copy_and_a_reprint_cut_short(tmp_path: Path) -> None:
    """A copy of the exact copy that stops at 70% of the text (a fragment) reads as it
    wherever it has text: a twin too, hung from the witness with the whole text, and
    no edge of the tradition is left at confidence 0."""
    text = (SEEDS / f"{SOURCE}.txt").read_text(encoding="utf-8")
    words = text.split(" ")
    cut = " ".join(words[: int(len(words) * 0.7)])
    stemma = _seeds_with(tmp_path, {"exact-dup": text, "reprint-cut": cut})
    assert _descent(stemma) == {(SOURCE, COPY), (SOURCE, "exact-dup"), (SOURCE, "reprint-cut")}
    _check_twin(stemma, SOURCE, "exact-dup")
    _check_twin(stemma, SOURCE, "reprint-cut", " where reprint-cut has text")
    assert all(e.confidence >= 0.5 for e in stemma.edges)


def test_three_identical_copies_of_an_independent_report(tmp_path: Path) -> None:
    """Any number of twins: two more copies of a report that stands alone make it the
    representative of a tradition of three."""
    name = "002_5aca4944ab0bf47b"
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    stemma = _seeds_with(tmp_path, {"again": text, "and-again": text})
    assert _descent(stemma) == {(SOURCE, COPY), (name, "again"), (name, "and-again")}
    _check_twin(stemma, name, "again")
    _check_twin(stemma, name, "and-again")


def test_dates_decide_between_twins(tmp_path: Path) -> None:
    """The earlier of two identical witnesses stands for both, whichever sorts first,
    and the edge to the later rests on the dates."""
    text = (SEEDS / f"{SOURCE}.txt").read_text(encoding="utf-8")
    witnesses = [
        Witness(path.stem, path.read_text(encoding="utf-8")) for path in sorted(SEEDS.glob("*"))
    ]
    witnesses.append(Witness("000-reprint", text, date="1990"))
    witnesses = [replace(w, date="1980") if w.siglum == SOURCE else w for w in witnesses]
    from collate import collate

    stemma = infer_stemma(collate(witnesses, engine="anchor").apparatus)
    edge = stemma.edge(SOURCE, "000-reprint")
    assert (edge.evidence.direction, edge.confidence, edge.evidence.basis) == (1.0, 1.0, DATES)
    # dated the other way round, the reprint (sorting first) stands for both
    witnesses = [replace(w, date="1970") if w.siglum == "000-reprint" else w for w in witnesses]
    stemma = infer_stemma(collate(witnesses, engine="anchor").apparatus)
    assert stemma.edge("000-reprint", SOURCE).evidence.direction == 1.0
    assert (SOURCE, COPY) not in _descent(stemma)
    assert ("000-reprint", COPY) in _descent(stemma)


def _with_twin(tradition: SyntheticTradition, siglum: str, twin: str) -> SyntheticTradition:
    """The tradition with a byte-identical copy of `siglum` added, in its true alignment."""
    witness = next(w for w in tradition.witnesses if w.siglum == siglum)
    return replace(
        tradition,
        witnesses=(*tradition.witnesses, replace(witness, siglum=twin)),
        origins={**tradition.origins, twin: tradition.origins[siglum]},
        positions={**tradition.positions, twin: tradition.positions[siglum]},
        placements={**tradition.placements, twin: tradition.placements[siglum]},
    )


@pytest.mark.parametrize("siglum", ["W01", "W03", "W05", "W08"])
def test_an_identical_copy_anywhere_in_the_tree_changes_nothing_else(siglum: str) -> None:
    """An exact copy of a leaf, of an extant exemplar or of a witness deep in a family
    (generator seed 7: W01 and W05 are exemplars of W03 and W06) hangs from it at a coin
    toss, and every other edge of the stemma stays where it was."""
    tradition = generate(7, 1500, 8)
    before = infer_stemma(build_apparatus(tradition.true_alignment()))
    after = infer_stemma(build_apparatus(_with_twin(tradition, siglum, "Z").true_alignment()))
    assert _descent(after) == _descent(before) | {(siglum, "Z")}
    _check_twin(after, siglum, "Z")
