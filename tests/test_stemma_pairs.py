"""A stemma of two witnesses claims no more than two witnesses can show: no lost
exemplar, and a direction no surer than its evidence (`collate.stemma.pair`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate import Witness
from collate.stemma import Stemma, infer_stemma
from collate.stemma.pair import PAIR_BOUND

from .conftest import SHARED

ENGINE = "anchor" if "anchor" in collate.ENGINE_NAMES else "collatex"
DARWIN = SHARED / "corpora" / "darwin-ch1"


def _witness(path: Path, date: str | None = None) -> Witness:
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return Witness(path.stem, path.read_text(encoding="utf-8"), source=path.name, date=date)


def _stemma(*witnesses: Witness) -> Stemma:
    return infer_stemma(collate.collate(list(witnesses), engine=ENGINE).apparatus)


@pytest.mark.parametrize("later", ["1860", "1872"])
def test_a_darwin_pair_is_two_witnesses_linked_at_a_coin_toss(later: str) -> None:
    # before: 1860 -> 1859 at 0.99, and a lost α above 1859 and 1872 with both edges at 1.00
    stemma = _stemma(_witness(DARWIN / "1859.txt"), _witness(DARWIN / f"{later}.txt"))
    assert all(node.extant for node in stemma.nodes)
    (edge,) = stemma.edges
    assert {edge.source, edge.target} == {"1859", later}
    assert edge.confidence <= PAIR_BOUND < 0.9
    assert "cannot tell" in edge.evidence.summary


def test_dates_in_the_metadata_decide_a_pair() -> None:
    first = _witness(DARWIN / "1859.txt", "1859")
    second = _witness(DARWIN / "1860.txt", "1860")
    (edge,) = _stemma(first, second).edges
    assert (edge.source, edge.target) == ("1859", "1860")


def test_a_pair_naming_different_dates_follows_them() -> None:
    text = "The bridge over the river was opened to traffic in {} after years of delay ."
    words = " ".join(f"word{i}" for i in range(60))
    older = Witness("A", f"{words} {text.format('1998')} {words}")
    newer = Witness("B", f"{words} {text.format('2004')} and it was widened later . {words}")
    (edge,) = _stemma(newer, older).edges
    assert (edge.source, edge.target) == ("A", "B")
    # one date against one: a likelihood ratio of 2, not certainty
    assert 0.5 < edge.evidence.direction < 0.9


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), min_size=30, max_size=60), st.data())
def test_any_pair_has_no_lost_exemplar_and_no_confident_arrow(
    words: list[str], data: st.DataObject
) -> None:
    cut = data.draw(st.integers(0, len(words) - 1))
    changed = [*words[:cut], *data.draw(st.lists(st.sampled_from("xyz"), max_size=5)), *words[cut:]]
    stemma = _stemma(Witness("A", " ".join(words)), Witness("B", " ".join(changed)))
    assert all(node.extant for node in stemma.nodes)
    assert all(edge.confidence <= PAIR_BOUND for edge in stemma.edges)


def test_a_drawn_edge_of_confidence_zero_says_what_it_means() -> None:
    folder = SHARED / "corpora" / "wikipedia-versions" / "Hedwig" / "witnesses"
    witnesses = [_witness(p) for p in sorted(folder.glob("*.txt"))] or [_witness(folder / "x")]
    # read as manuscripts, Hedwig's states are drawn by the branching model, which
    # roots them at a state with as many readings of its own as a typical copy (read
    # as the revision chain they are, they no longer draw such an edge)
    apparatus = collate.collate(witnesses, engine=ENGINE).apparatus
    stemma = infer_stemma(apparatus, {w.siglum: "manuscript" for w in witnesses})
    zero = [e for e in stemma.edges if e.kind == "descent" and e.confidence < 0.005]
    for edge in zero:
        assert "confidence 0 means" in edge.evidence.summary
    assert zero, "Hedwig's stemma no longer draws an edge of confidence 0"
