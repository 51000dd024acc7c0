"""The witnesses' structure in the apparatus: divisions, heads, paragraphs, line groups
and verse lines that every witness shares are real TEI elements; where witnesses
disagree, each keeps its own as milestones; line breaks are `<lb ed="#w"/>`. Always
lossless, tei_all-valid and accepted by `collate validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import Witness
from collate.formats.tei_structure import witness_spans
from collate.model import Milestone
from collate.readers.apparatus import extract_witness
from collate.xmltools import XML_SPACE, parse_xml, tei

from .conftest import FIXTURES, assert_tei_valid
from .test_milestones import COPY, TRANSCRIPTION
from .test_paragraphs import PARAGRAPHS

PROLOGUE = FIXTURES / "prologue"


def _body(data: bytes) -> etree._Element:
    body = etree.fromstring(data).find(f"{tei('text')}/{tei('body')}")
    assert body is not None
    return body


def _letters(text: str) -> int:
    return sum(not c.isspace() for c in text)


def _lossless(data: bytes, witnesses: list[Witness]) -> None:
    document = parse_xml(data, "apparatus")
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text, witness.siglum


def test_two_transcriptions_share_their_division_head_lines_and_paragraph(
    tmp_path: Path,
) -> None:
    witnesses = list(collate.read_witnesses([PROLOGUE]))
    data = collate.render(collate.collate(witnesses), "tei")
    body = _body(data)
    (division,) = body
    assert division.tag == tei("div")
    assert division.get("type") == "prologue"  # the transcriptions' @type is kept
    assert [etree.QName(c).localname for c in division] == ["head"] + ["l"] * 10 + ["p"]
    assert [c.get("n") for c in division if c.tag == tei("l")] == [str(n) for n in range(1, 11)]
    assert "".join(division[0].itertext()).startswith("Heere bigynneth")
    # El has one line group, Hg two: not shared, so each witness's are milestones
    groups = [m for m in body.iter(tei("milestone")) if m.get("unit") == "lg"]
    assert [m.get("ed") for m in groups] == ["#El", "#Hg", "#Hg"]
    assert {m.get("type") for m in groups} == {"paragraph"}
    assert [m.getparent().get("n") for m in groups] == ["1", "1", "5"]
    assert not list(body.iter(tei("lg")))
    # page and line breaks: each witness's own
    pages = [(p.get("ed"), p.get("n")) for p in body.iter(tei("pb"))]
    assert pages == [("#El", "1r"), ("#Hg", "2r"), ("#Hg", "2v")]
    assert [lb.get("ed") for lb in body.iter(tei("lb"))] == ["#El", "#Hg"]
    assert all(lb.get("break") is None for lb in body.iter(tei("lb")))
    assert next(body.iter(tei("l"))).get(XML_SPACE) == "preserve"
    _lossless(data, witnesses)
    assert_tei_valid(data)
    path = tmp_path / "prologue.xml"
    path.write_bytes(data)
    assert collate.validate_file(path) == []


def test_a_transcription_against_a_plain_copy_keeps_its_structure_as_milestones() -> None:
    """The copy has no divisions or lines: no boundary is everyone's."""
    transcription = next(w for w in collate.read_witnesses([PROLOGUE]) if w.siglum == "El")
    copy = Witness("C", transcription.text.replace("Aprill", "Aueryll"))
    data = collate.render(collate.collate([transcription, copy]), "tei")
    body = _body(data)
    assert [etree.QName(c).localname for c in body] == ["ab"]
    units = [m.get("unit") for m in body.iter(tei("milestone")) if m.get("unit") != "whitespace"]
    assert units == ["div", "head", "lg"] + ["l"] * 10 + ["p"]
    _lossless(data, [transcription, copy])
    assert_tei_valid(data)


def test_a_line_break_inside_a_word_is_break_no() -> None:
    def transcription(siglum: str, word: str) -> Witness:
        return Witness(
            siglum,
            f"The droghte of March hath perced to the {word}\n",
            milestones=(Milestone(24, "lb", "2"),),  # before "ced" of "perced"
        )

    witnesses = [transcription("A", "roote"), transcription("B", "rote")]
    data = collate.render(collate.collate(witnesses), "tei")
    (lb_a, lb_b) = _body(data).iter(tei("lb"))
    assert (lb_a.get("ed"), lb_a.get("n"), lb_a.get("break")) == ("#A", "2", "no")
    assert (lb_b.tail or "").startswith("ced") and lb_b.get("break") == "no"
    _lossless(data, witnesses)
    assert_tei_valid(data)


def test_a_division_some_witness_lacks_stays_a_milestone() -> None:
    """A and B share two paragraphs inside one division; C has the paragraphs only."""
    first, second = "Of the first. Words here.\n", "Of the second. More words.\n"
    middle = _letters(first)
    end = middle + _letters(second)
    text = first + second
    paragraphs = (Milestone(0, "p", end=middle), Milestone(middle, "p", end=end))
    a = Witness("A", text, milestones=(Milestone(0, "div", "1", end=end), *paragraphs))
    b = Witness("B", text.replace("More", "Mare"), milestones=a.milestones)
    c = Witness("C", text.replace("first", "fyrst"), milestones=paragraphs)
    data = collate.render(collate.collate([a, b, c]), "tei")
    body = _body(data)
    assert [etree.QName(e).localname for e in body] == ["p", "p"]
    divisions = [(m.get("ed"), m.get("n")) for m in body.iter(tei("milestone"))]
    assert ("#A", "1") in divisions and ("#B", "1") in divisions
    _lossless(data, [a, b, c])
    assert_tei_valid(data)


_WORDS = st.lists(st.sampled_from(["cat", "dog", "sat", "the", ",", "mat"]), min_size=1, max_size=6)


@st.composite
def _structured(draw: st.DrawFn, siglum: str) -> Witness:
    """A witness of divisions holding paragraphs or line groups of lines, or a plain
    text with blank lines."""
    pieces: list[str] = []
    milestones: list[Milestone] = []
    count = 0
    plain = draw(st.booleans())
    kind = draw(st.sampled_from([None, "chapter", "book"]))  # @type, as transcriptions give it
    for division in range(draw(st.integers(1, 2))):
        div_start = count
        inner: list[Milestone] = []
        verse = draw(st.booleans())
        group_start = count
        for _ in range(draw(st.integers(1, 3))):
            words = draw(_WORDS)
            start = count
            pieces.append(" ".join(words) + draw(st.sampled_from(["\n", "\n\n", " "])))
            count += sum(len(w) for w in words)
            inner.append(Milestone(start, "l" if verse else "p", end=count))
        group = [Milestone(group_start, "lg", end=count, type=kind and "stanza")] if verse else []
        division_milestone = Milestone(div_start, "div", str(division + 1), end=count, type=kind)
        milestones += [division_milestone, *group, *inner]
    return Witness(siglum, "".join(pieces), milestones=() if plain else tuple(milestones))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from("ABC"), min_size=2, max_size=3, unique=True).flatmap(
        lambda sigla: st.tuples(*(_structured(s) for s in sigla))
    )
)
def test_any_structure_is_lossless_and_valid(witnesses: tuple[Witness, ...]) -> None:
    collation = collate.collate(list(witnesses))
    data = collate.render(collation, "tei")
    _lossless(data, list(witnesses))
    problems = collate.validate.check_document(etree.ElementTree(etree.fromstring(data)))
    assert problems == []
    # each structure element of a witness (a plain text's paragraphs too) is written
    # once: as an element every witness shares, or as its own milestone
    body = _body(data)
    own = [m for m in body.iter(tei("milestone")) if m.get("unit") != "whitespace"]
    elements = list(body.iter(*(tei(u) for u in ("div", "head", "p", "lg", "l"))))
    for witness in witnesses:
        mine = [m for m in own if m.get("ed") == f"#{witness.siglum}"]
        assert len(mine) + len(elements) == len(witness_spans(witness)), witness.siglum
        # and with its @type: a shared element only where every witness names the same
        written = sorted(str(e.get("type")) for e in [*mine, *elements])
        assert written == sorted(str(s.milestone.type) for s in witness_spans(witness))


def _text_element(data: bytes) -> bytes:
    root = etree.fromstring(data)
    text = root.find(tei("text"))
    assert text is not None
    return bytes(etree.tostring(text))


@pytest.mark.parametrize("corpus", ["prologue", "transcription-and-copy", "paragraphs"])
def test_collating_the_apparatus_again_writes_the_same_structure(
    tmp_path: Path, corpus: str
) -> None:
    """An apparatus read back as input keeps each witness's structure and breaks
    (`collate.readers.apparatus_structure`): collated again, it is written again."""
    if corpus == "prologue":
        witnesses = list(collate.read_witnesses([PROLOGUE]))
    elif corpus == "paragraphs":
        witnesses = list(PARAGRAPHS)
    else:
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "T.xml").write_text(TRANSCRIPTION, encoding="utf-8")
        (tmp_path / "in" / "C.txt").write_text(COPY, encoding="utf-8")
        witnesses = list(collate.read_witnesses([tmp_path / "in"]))
    first = collate.render(collate.collate(witnesses), "tei")
    path = tmp_path / "apparatus.xml"
    path.write_bytes(first)
    again = list(collate.read_witnesses([path]))
    assert [w.text for w in again] == [w.text for w in witnesses]
    for before, after in zip(witnesses, again, strict=True):
        if corpus != "paragraphs":  # a plain text's paragraphs come back as <p>s
            kept = {
                (m.position, m.unit, m.n if m.unit != "p" else None, m.type)
                for m in before.milestones
            }
            assert kept == {(m.position, m.unit, m.n, m.type) for m in after.milestones}
    second = collate.render(collate.collate(again), "tei")
    assert _text_element(second) == _text_element(first)
