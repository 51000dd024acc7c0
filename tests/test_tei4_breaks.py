"""The witnesses' breaks found in the flat text before it is cut into blocks
(`tei_milestones.Breaks`, by each piece's counts) stand where the walk through the
finished blocks (`breaks_by_walk.place_milestones`, which the writer used before)
puts them: the same TEI, byte for byte, for related witnesses with page, column and
line breaks and divisions, paragraphs and lines of their own or shared, in words and
between them, at the text's edges, several at one place, with and without a base
witness, whitespace variants, lacunae and a `<witStart/>`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import Witness
from collate.absences import absences, mark_absences
from collate.formats import tei
from collate.formats.tei_body_parts import write_body
from collate.formats.tei_structure import write_structure
from collate.model import Collation, Edition, Milestone
from collate.xmltools import TEI_NS, witness_ids
from collate.xmltools import tei as tei_name

from .breaks_by_walk import place_milestones
from .strategies import related_texts

_UNITS = ["pb", "cb", "lb", "p", "div", "l", "head", "lg"]


@st.composite
def _witnesses(draw: st.DrawFn) -> list[Witness]:
    texts = draw(related_texts())
    if draw(st.booleans()):
        texts = [text.replace("a", "[...]", 1) for text in texts]  # lacunae
    witnesses = []
    for number, text in enumerate(texts):
        letters = len("".join(text.split()))
        milestones = []
        for _ in range(draw(st.integers(0, 6))):
            position = draw(st.integers(0, letters))
            unit = draw(st.sampled_from(_UNITS))
            end = None
            if unit not in ("pb", "cb", "lb"):
                end = draw(st.none() | st.integers(position, letters + 1))
            n = draw(st.none() | st.sampled_from(["1", "2", "ii"]))
            kind = draw(st.none() | st.sampled_from(["chapter", "stanza"]))
            milestones.append(Milestone(position, unit, n, end, kind))
        witnesses.append(Witness(f"W{number}", text, milestones=tuple(milestones)))
    return witnesses


def _structure_and_breaks(collation: Collation, place: bool) -> bytes:
    """The TEI text as `tei._body` writes it: its breaks placed by the structure
    (`place`), or by the walk through the blocks after (the reference)."""
    apparatus, edition = collation.apparatus, collation.edition
    ids = witness_ids(apparatus.sigla)
    root = etree.Element(tei_name("TEI"), nsmap={None: TEI_NS})
    body = etree.SubElement(etree.SubElement(root, tei_name("text")), tei_name("body"))
    ab = etree.SubElement(body, tei_name("ab"))
    ab = write_body(
        ab,
        apparatus,
        ids,
        wit_start=edition.wit_start,
        base=edition.base,
        lacuna_marker=edition.lacuna_marker,
        jobs=1,
    )
    mark_absences([ab], absences(apparatus, edition.lacuna_marker), ids)
    blocks, milestones = write_structure(ab, apparatus, ids, place=place)
    if not place:
        place_milestones(blocks, ids, milestones)
    written: bytes = etree.tostring(ab.getroottree().getroot(), encoding="utf-8")
    return written


@settings(max_examples=150, deadline=None)
@given(
    witnesses=_witnesses(),
    base=st.booleans(),
    whitespace=st.sampled_from(["spacing", "variants"]),
    wit_start=st.booleans(),
)
def test_breaks_found_in_the_pieces_stand_where_the_walk_puts_them(
    witnesses: list[Witness], base: bool, whitespace: str, wit_start: bool
) -> None:
    edition = Edition(base=witnesses[-1].siglum if base else None, wit_start=wit_start)
    collation = collate.collate(witnesses, whitespace=whitespace, edition=edition)  # type: ignore[arg-type]
    placed = _structure_and_breaks(collation, place=True)
    assert placed == _structure_and_breaks(collation, place=False)
    # and the writer writes that text
    text = placed.split(b"<text>")[1].split(b"</text>")[0]
    assert b"<text>" + text + b"</text>" in tei.write(collation)


def test_a_break_in_a_reading_and_one_after_the_last_word() -> None:
    """Line breaks at the start of each witness's reading (found by walking that
    `<app>` alone), two inside a shared word, a page break after the last word."""
    witnesses = [
        Witness("A", "one two three four", milestones=(Milestone(3, "lb", "1"),)),
        Witness(
            "B",
            "one too three four",
            milestones=(
                Milestone(3, "lb", "1"),
                Milestone(8, "lb", "2"),
                Milestone(9, "lb", "3"),
                Milestone(15, "pb", "4"),
            ),
        ),
    ]
    collation = collate.collate(witnesses)
    placed = _structure_and_breaks(collation, place=True)
    assert placed == _structure_and_breaks(collation, place=False)
    text = placed.decode().split("<ab")[1].replace(' xmlns="http://www.tei-c.org/ns/1.0"', "")
    assert text == (
        ' xml:space="preserve">one <app n="1" type="substantive" xml:id="app1" loc="1">'
        '<rdg wit="#A"><lb ed="#A" n="1"/>two</rdg><rdg wit="#B"><lb ed="#B" n="1"/>too</rdg>'
        '</app> th<lb break="no" ed="#B" n="2"/>r<lb break="no" ed="#B" n="3"/>ee four'
        '<pb ed="#B" n="4"/></ab></body></text></TEI>'
    )
