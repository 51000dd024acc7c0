"""Plain-text paragraphs (blank lines) in the apparatus: one `<p n="N">` each, cut only
where every witness has the blank line, lossless and tei_all-valid (the structure in
general: tests/test_structure.py)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import Witness

from .conftest import SHARED, assert_tei_valid

TEI_AB = "{http://www.tei-c.org/ns/1.0}ab"
TEI_P = "{http://www.tei-c.org/ns/1.0}p"
PARAGRAPHS = [
    Witness("A", "The first paragraph.\n\nThe second, with\na line.\n\n\nThe third one.\n"),
    Witness("B", "The first paragraph!\n\nThe second, with a line.\n\nThe third one.\n"),
    Witness("C", "The first paragraph.\n\nThe second,\nwith a line. The third one.\n"),
]


def _blocks(data: bytes, tag: str = TEI_P) -> list[etree._Element]:
    body = etree.fromstring(data).find("{http://www.tei-c.org/ns/1.0}text")
    assert body is not None
    return list(body.iter(tag))


def test_paragraphs_all_witnesses_share_are_blocks(tmp_path: Path) -> None:
    collation = collate.collate(PARAGRAPHS)
    data = collate.render(collation, "tei")
    blocks = _blocks(data)
    # C runs the second and third together, so only the first break is everyone's
    assert [b.get("n") for b in blocks] == ["1", "2"]
    assert _blocks(data, TEI_AB) == []  # every word in a paragraph
    assert "".join(blocks[0].itertext()).endswith("\n\n")  # the break ends the paragraph
    assert (blocks[1].text or "").startswith("The second")
    assert_tei_valid(data)
    path = tmp_path / "app.xml"
    path.write_bytes(data)
    for witness in PARAGRAPHS:
        assert collate.extract(path, witness.siglum).data.decode() == witness.text


def test_one_paragraph_stays_one_block() -> None:
    data = collate.render(collate.collate([Witness("A", "a b"), Witness("B", "a c")]), "tei")
    (block,) = _blocks(data, TEI_AB)
    assert block.get("type") is None
    assert _blocks(data) == []


def test_darwin_chapter_paragraphs_are_lossless(tmp_path: Path) -> None:
    folder = SHARED / "corpora" / "darwin-ch1"
    witnesses = collate.read_witnesses([folder])
    path = tmp_path / "darwin.xml"
    collate.write(collate.collate(witnesses), path)
    assert len(_blocks(path.read_bytes())) > 10
    assert _blocks(path.read_bytes(), TEI_AB) == []
    for witness in witnesses:
        assert collate.extract(path, witness.siglum).data.decode() == witness.text
    assert collate.validate_file(path) == []


_PARAGRAPH = st.lists(
    st.sampled_from(["cat", "dog", "sat", "the", ".", "mat"]), min_size=1, max_size=5
)
_BREAK = st.sampled_from([" ", "\n", "\n\n", "\n \n", "\n\n\n"])


@st.composite
def _text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(_PARAGRAPH, min_size=1, max_size=4))
    return "".join(" ".join(words) + draw(_BREAK) for words in parts)


@settings(max_examples=40, deadline=None)
@given(st.lists(_text(), min_size=2, max_size=3))
def test_every_witness_extracts_whatever_its_breaks(texts: list[str]) -> None:
    witnesses = [Witness(chr(ord("A") + i), t) for i, t in enumerate(texts)]
    data = collate.render(collate.collate(witnesses), "tei")
    from collate.readers.apparatus import extract_witness
    from collate.xmltools import parse_xml

    document = parse_xml(data, "apparatus")
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text


_WORDS = st.text(alphabet="ab ,.", min_size=1, max_size=12).filter(lambda s: s.strip())
_BREAKS = st.sampled_from(["\n\n", "\n \n", "\n\n\n", "\r\n\r\n", "\n\t\n  "])


@given(
    st.lists(_WORDS, min_size=1, max_size=8),
    st.lists(_BREAKS, min_size=8, max_size=8),
    st.sampled_from(["", " ", "\n"]),
    st.sampled_from(["", "\n", "\n\n", "\n\n \n"]),
)
def test_a_plain_texts_paragraphs_are_its_blank_lines(
    paragraphs: list[str], breaks: list[str], lead: str, tail: str
) -> None:
    """Each paragraph spans its own letters (counted without whitespace), in order; a
    text of one paragraph has none (trailing blank lines start no paragraph)."""
    from collate.readers.apparatus_structure import plain_paragraphs

    text = lead + "".join(p + b for p, b in zip(paragraphs, breaks, strict=False))
    text = text[: len(text) - len(breaks[len(paragraphs) - 1])] + tail
    sizes = [len("".join(p.split())) for p in paragraphs]
    ends = [sum(sizes[: i + 1]) for i in range(len(sizes))]
    expected = list(zip([0, *ends[:-1]], ends, strict=True)) if len(paragraphs) > 1 else []
    assert plain_paragraphs(text) == expected
