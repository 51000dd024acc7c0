"""Page and column breaks of TEI transcriptions (`pb`, `cb`) kept in the apparatus as
the witness's own milestones (`<pb ed="#w" n="2"/>`), lossless and tei_all-valid."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import Witness
from collate.model import Milestone
from collate.readers.apparatus import extract_witness
from collate.xmltools import parse_xml, tei

from .conftest import assert_tei_valid

TRANSCRIPTION = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>MS T</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><pb n="1r"/>
    <div><head>The Prologue</head>
      <lg><l n="1">Whan that Aprill with his shoures soote</l>
        <l n="2">The droghte of March hath <lb/>perced to the roote,</l></lg>
      <pb n="1v"/><cb n="b"/>
      <p>And bathed every veyne in <note>a gloss</note><gap reason="illegible"/> swich licour</p>
    </div>
  </body></text>
</TEI>
"""
COPY = (
    "Whan that Aueryll wt his shoures soote\nThe droghte of March hath perced to the roote\n"
    "And bathed euery veyne in swich lycour\n"
)
#: a character that is not whitespace, put where each break stands to find it again
MARK = "\u2063"


def _breaks(data: bytes) -> list[tuple[str, str | None, str | None, str]]:
    """Each break with the characters that follow it."""
    root = etree.fromstring(data)
    return [
        (etree.QName(e).localname, e.get("ed"), e.get("n"), (e.tail or "")[:6])
        for e in root.iter(tei("pb"), tei("cb"))
    ]


def test_a_transcription_keeps_its_page_breaks(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "T.xml").write_text(TRANSCRIPTION, encoding="utf-8")
    (folder / "C.txt").write_text(COPY, encoding="utf-8")
    witnesses = collate.read_witnesses([folder])
    transcription = next(w for w in witnesses if w.siglum == "T")
    assert [(m.unit, m.n) for m in transcription.milestones] == [
        ("pb", "1r"),
        ("div", None),
        ("head", None),
        ("lg", None),
        ("l", "1"),
        ("l", "2"),
        ("lb", None),
        ("pb", "1v"),
        ("cb", "b"),
        ("p", None),
    ]
    path = tmp_path / "app.xml"
    collate.write(collate.collate(witnesses), path)
    data = path.read_bytes()
    assert _breaks(data) == [  # each followed by the structure that begins there
        ("pb", "#T", "1r", ""),
        ("pb", "#T", "1v", ""),
        ("cb", "#T", "b", ""),
    ]
    root = etree.fromstring(data)
    structure = [
        (m.get("unit"), m.get("n"), (m.tail or "")[:5])
        for m in root.iter(tei("milestone"))
        if m.get("unit") != "whitespace"
    ]
    assert structure == [
        ("div", None, ""),
        ("head", None, "The P"),
        ("lg", None, ""),
        ("l", "1", "Whan "),
        ("l", "2", "The d"),
        ("p", None, "And b"),
    ]
    assert_tei_valid(data)
    for witness in witnesses:
        assert collate.extract(path, witness.siglum).data.decode() == witness.text


_WORDS = st.lists(st.sampled_from(["cat", "dog", "sat", "the", ",", "mat"]), min_size=1, max_size=8)


@st.composite
def _witness(draw: st.DrawFn, siglum: str) -> Witness:
    words = draw(_WORDS)
    text = "".join(w + draw(st.sampled_from([" ", "\n", "  "])) for w in words)
    size = sum(not c.isspace() for c in text)
    positions = sorted(draw(st.lists(st.integers(0, size), max_size=4)))
    units = draw(st.lists(st.sampled_from(["pb", "cb", "l", "p"]), min_size=4, max_size=4))
    milestones = tuple(Milestone(p, units[i], str(i)) for i, p in enumerate(positions))
    return Witness(siglum, text, milestones=milestones)


@settings(max_examples=50, deadline=None)
@given(st.tuples(_witness("A"), _witness("B"), _witness("C")))
def test_breaks_stand_before_their_character_and_lose_nothing(
    witnesses: tuple[Witness, ...],
) -> None:
    collation = collate.collate(witnesses)
    data = collate.render(collation, "tei")
    document = parse_xml(data, "apparatus")
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text
    for witness in witnesses:
        marked = parse_xml(data, "apparatus")
        placed = [
            e
            for e in marked.iter(tei("pb"), tei("cb"), tei("milestone"))
            if e.get("ed") == f"#{witness.siglum}" and e.get("unit") != "whitespace"
        ]
        assert [e.get("n") for e in placed] == [m.n for m in witness.milestones]
        for element in placed:  # each break stands just before a character, or at the end
            assert not (element.tail or "x")[0].isspace()
            element.tail = MARK + (element.tail or "")
        text = extract_witness(marked, witness.siglum)[0]
        found, count = [], 0
        for character in text:
            if character == MARK:
                found.append(count)
            elif not character.isspace():
                count += 1
        assert found == [m.position for m in witness.milestones]
