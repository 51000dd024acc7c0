"""Every descent edge says what its direction rests on (`collate.stemma.basis`): the
revision-chain reading (and whether dates given, dates named or the text's growth
decide it), the copying model, or a pair's coin toss; in words and in the JSON."""

from __future__ import annotations

import json

import collate
from collate import Witness
from collate.stemma import infer_stemma
from collate.stemma.formats import from_json, to_json

from .synthetic import generate
from .test_stemma_revisions import ENGINE, _revisions


def _stemma(witnesses: list[Witness]) -> collate.stemma.Stemma:
    return infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)


def test_a_revision_chain_says_its_direction_is_the_chain_reading() -> None:
    states = _revisions(4)
    stemma = _stemma([Witness(s, " ".join(t)) for s, t in zip("DCBA", states, strict=True)])
    descent = [e for e in stemma.edges if e.kind == "descent"]
    assert len(descent) == 3
    for edge in descent:
        assert edge.evidence.basis == "revision chain, growth"
        assert "chain of revisions" in edge.evidence.summary
        assert "not from copyists' habits" in edge.evidence.summary
        # no dates decide it: the growth of the text is a belief, bounded below 0.9
        assert "held at 0.85 at most" in edge.evidence.summary
    data = json.loads(to_json(stemma))
    assert {e["evidence"]["basis"] for e in data["edges"]} == {"revision chain, growth"}
    assert from_json(to_json(stemma)) == stemma


def test_dated_revisions_say_the_dates_order_the_chain() -> None:
    states = _revisions(4)
    witnesses = [
        Witness(s, " ".join(t), date=d)
        for s, t, d in zip("DCBA", states, ("1850", "1860", "1870", "1880"), strict=True)
    ]
    stemma = _stemma(witnesses)
    for edge in stemma.edges:
        assert edge.evidence.basis == "revision chain, dates"
        assert "the witnesses' dates say which end is the older" in edge.evidence.summary


def test_copies_say_their_direction_is_the_copying_model() -> None:
    tradition = generate(5, 1500, 6)
    stemma = _stemma(list(tradition.witnesses))
    bases = {e.evidence.basis for e in stemma.edges if e.kind == "descent"}
    assert bases == {"copying"}
    assert all("copying model" in e.evidence.summary for e in stemma.edges if e.kind == "descent")
