"""Breaks of several witnesses at one place stand in the witnesses' order (the breaks
of all the witnesses are found in one walk of the TEI text, then inserted)."""

from __future__ import annotations

from lxml import etree

import collate
from collate import Witness
from collate.model import Milestone
from collate.readers.apparatus import extract_witness
from collate.xmltools import parse_xml, tei

TEXT = "Whan that Aprill with his shoures soote\nThe droghte of March hath perced\n"


def test_breaks_at_one_place_follow_the_witnesses_order() -> None:
    # every witness breaks before "Aprill" (position 8) and two of them before "The"
    witnesses = [
        Witness("A", TEXT, milestones=(Milestone(8, "pb", "a1"), Milestone(33, "lb", "a2"))),
        Witness("B", TEXT, milestones=(Milestone(8, "pb", "b1"),)),
        Witness(
            "C",
            TEXT.replace("his", "hir"),
            milestones=(Milestone(8, "cb", "c1"), Milestone(33, "lb", "c2")),
        ),
    ]
    data = collate.render(collate.collate(witnesses), "tei")
    root = etree.fromstring(data)
    placed = [e.get("n") for e in root.iter(tei("pb"), tei("cb"), tei("lb"))]
    assert placed == ["a1", "b1", "c1", "a2", "c2"]
    document = parse_xml(data, "apparatus")
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text
