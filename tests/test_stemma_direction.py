"""The direction of change, anchored by evidence whose sign is the same for copying and
for revision (dates the texts mention), on real revision histories and editions."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import collate
from collate import Witness
from collate.stemma import Stemma, infer_stemma
from collate.stemma.anchors import (
    date_votes,
    growth_log_odds,
    later_date_evidence,
    terminus_post_quem,
)
from collate.stemma.chain import GROWTH_PRIOR, Chain, shingles
from collate.stemma.infer import REVISION_LIKE_BOUND

from .conftest import SHARED

ENGINE = "anchor" if "anchor" in collate.ENGINE_NAMES else "collatex"
WIKIPEDIA = SHARED / "corpora" / "wikipedia-versions"


def _history(name: str) -> tuple[list[Witness], list[str]]:
    """A page's states (file names hide their order) and the true order."""
    folder = WIKIPEDIA / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    witnesses = [
        Witness(p.stem, p.read_text(encoding="utf-8"), source=p.name)
        for p in sorted((folder / "witnesses").glob("*.txt"))
    ]
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    child = {e["source"]: e["target"] for e in truth["edges"]}
    order = [truth["root"]]
    while order[-1] in child:
        order.append(child[order[-1]])
    return witnesses, order


def _stemma(witnesses: list[Witness]) -> Stemma:
    return infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)


def test_the_newest_date_a_text_mentions() -> None:
    assert terminus_post_quem("no date here, 1,500 men and 12.2034 metres") is None
    assert terminus_post_quem("founded in 1865; --Bob 14:02, 3 May 2007 (UTC)") == (2007, 5, 3)
    assert terminus_post_quem("on March 9, 2006 and in 2005") == (2006, 3, 9)
    assert terminus_post_quem("revised 2004-11-02, see 2004") == (2004, 11, 2)
    texts = ["a page", "written in 2004", "in 2004 and 2006", "in 2004"]
    assert date_votes(texts, [0, 1, 2, 3]) == pytest.approx((0.0, math.log(2), -math.log(2)))


@given(
    st.lists(st.integers(1000, 2099), max_size=6),
    st.lists(st.integers(1000, 2099), max_size=6),
)
def test_the_evidence_of_a_later_date_is_antisymmetric(first: list[int], second: list[int]) -> None:
    older, newer = " ".join(map(str, first)), " ".join(map(str, second))
    evidence = later_date_evidence(older, newer)
    assert evidence == pytest.approx(-later_date_evidence(newer, older))
    assert (evidence > 0) == (max(second, default=0) > max(first, default=0) and bool(first))


def test_a_later_date_weighs_by_how_many_dates_the_other_names() -> None:
    """A copy that lost a passage loses the newest of k + 1 dates about once in k + 1:
    the more dates the other names, the less likely the later date was lost."""
    assert later_date_evidence("no date", "in 2005") == 0.0
    assert later_date_evidence("in 2004", "in 2004 and 2005") == pytest.approx(math.log(2))
    assert later_date_evidence("1990, 1995, 2004", "in 2005") == pytest.approx(math.log(4))
    assert later_date_evidence("in 2006", "in 2004 and 2005") == pytest.approx(-math.log(3))


def test_dates_mentioned_confirm_the_direction_of_a_real_talk_page_history() -> None:
    """A talk page whose signed comments carry their dates: the chain from its first
    state, every edge now above the bound that growth alone earns (0.85)."""
    witnesses, order = _history("Talk_Hemoglobin")
    stemma = _stemma(witnesses)
    assert {(e.source, e.target) for e in stemma.edges} == set(zip(order, order[1:], strict=False))
    for edge in stemma.edges:
        assert edge.evidence.direction > 0.9, edge.evidence.summary
    # the evidence sentence names the dates a reader can check
    named = [
        e.evidence.summary for e in stemma.edges if "later than any of the" in e.evidence.summary
    ]
    assert len(named) >= 3
    assert all(
        re.search(r"names \d{4}(-\d\d){0,2}, later than any of the \d+ dates?", s) for s in named
    )


def test_dates_mentioned_outweigh_the_growth_belief_when_a_chain_shrinks() -> None:
    """A chain whose text shrinks from its first state to its last (an abridgement, a
    line of copies), while every later state names a later date: growth alone would
    root it at the last state; the dates mentioned, of the same sign under either
    process, root it at the first."""
    shrinking = Chain((0, 1, 2, 3), growth=(-40.0, -40.0, -40.0), spread=12.0)
    weights = shrinking.root_log_weight()
    assert weights[3] > weights[0]
    dated = replace(shrinking, dates_mentioned=(math.log(4), math.log(4), math.log(4)))
    weights = dated.root_log_weight()
    assert weights[0] > weights[3]
    # the growth belief alone never passes its bound; the dates mentioned may
    bound = math.log(GROWTH_PRIOR / (1 - GROWTH_PRIOR))
    growing = Chain((0, 1, 2, 3), growth=(400.0, 400.0, 400.0), spread=12.0)
    assert growing.root_log_weight()[0] * 2 == pytest.approx(bound)
    confirmed = replace(growing, dates_mentioned=(math.log(3), 0.0, 0.0)).root_log_weight()
    assert confirmed[0] * 2 > bound


def test_identical_states_of_a_real_history_are_no_certain_link() -> None:
    """Hugh_Binning has states whose texts are the same: which of them the chain puts
    first is a tie, so no edge between them, or from them to a neighbour only one of
    them can have, is reported as certain."""
    witnesses, _ = _history("Hugh_Binning")
    words = {w.siglum: frozenset(shingles(w.text)) for w in witnesses}
    stemma = _stemma(witnesses)
    between_identical = [
        e for e in stemma.edges if e.source in words and words[e.source] == words.get(e.target)
    ]
    assert between_identical
    for edge in between_identical:
        assert edge.evidence.direction == 0.5
        assert edge.confidence <= 0.5


def test_transcribers_conventions_are_no_revision() -> None:
    """The 1860 transcription of the *Origin* writes ligatures, umlauts and marked-up
    superscripts where the 1859 and 1872 ones do not: read as revisions, they put 1859
    between 1860 and 1872."""
    folder = SHARED / "corpora" / "darwin-origin"
    files = sorted(folder.glob("*.txt"))
    if len(files) != 3:
        pytest.skip(f"{folder} is not available")
    first, second = (p.read_text(encoding="utf-8") for p in files[:2])
    assert "admirable observers, Kolreuter and Gartner" in first.replace("\n", " ")
    assert "admirable observers, Kölreuter and Gärtner" in second.replace("\n", " ")
    assert shingles("admirable observers, Kolreuter and Gartner, palaeontologists etc. a14") == (
        shingles("admirable observers, Kölreuter and Gärtner, palæontologists &c. a^{14}")
    )


def test_the_dates_mentioned_say_a_real_talk_page_grew() -> None:
    witnesses, _ = _history("Talk_Hemoglobin")
    assert growth_log_odds([w.text for w in witnesses]) > math.log(10)


def test_branching_directions_in_a_real_history_that_forms_no_chain_are_bounded() -> None:
    """History_of_Russia: its first state shares too little with the next for a chain,
    so the branching model draws it, whose direction rests on the copying model's
    belief that a derived text loses passages: none of its edges may claim more."""
    witnesses, _ = _history("History_of_Russia")
    stemma = _stemma(witnesses)
    assert stemma.edges
    for edge in stemma.edges:
        assert edge.evidence.direction <= REVISION_LIKE_BOUND, edge.evidence.summary


def test_a_pair_of_real_states_is_read_the_way_the_dates_they_name_say() -> None:
    """Talk_Hydrocodone falls apart into pairs sharing almost nothing (a talk page
    archived). In one pair the longer state names a later day than any the shorter
    names: the copying belief drew the longer as the exemplar at confidence 1.00; the
    dates named say the text grew, so the shorter is the exemplar, and no surer than
    those dates make it."""
    witnesses, order = _history("Talk_Hydrocodone")
    stemma = _stemma(witnesses)
    edges = {(e.source, e.target): e for e in stemma.edges}
    true_pairs = set(zip(order, order[1:], strict=False))
    drawn = [pair for pair in edges if {*pair} <= {w.siglum for w in witnesses}]
    assert drawn
    for pair in drawn:
        if pair not in true_pairs:
            assert edges[pair].confidence < 0.9, edges[pair].evidence.summary
    assert ("v_a0e504ed", "v_99fb7cd6") in edges


def test_a_real_history_that_forms_no_chain_is_rooted_as_revisions_are() -> None:
    """Hermitian's states read as revisions (each reading persists along an order) but
    one shares too little with its neighbour for a chain, and they name no dates. The
    branching model's belief that a derived text loses passages rooted it at its last
    state; read as revisions (passages added), it is rooted at its first."""
    witnesses, order = _history("Hermitian")
    stemma = _stemma(witnesses)
    assert stemma.root == order[0]
