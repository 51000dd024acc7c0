"""TEI transcriptions as editing projects write them: a word divided by a line break
written after a line end, a group of texts, a manuscript's date beside a cited edition's,
an inline quotation, a lacuna inside a word. Each is read as the TEI Guidelines mean it,
and the collation of a transcription with a plain copy of the same words finds nothing
where nothing differs."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

import collate
from collate import Witness
from collate.formats import render
from collate.lacunae import MARKER
from collate.readers import reader_for
from collate.readers.apparatus import extract_witness
from collate.xmltools import tei

from .conftest import assert_tei_valid


def _header(source_description: str = "<p>s</p>") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><TEI xmlns="http://www.tei-c.org/ns/1.0">'
        "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt>"
        f"<p>p</p></publicationStmt><sourceDesc>{source_description}</sourceDesc></fileDesc>"
        "</teiHeader>"
    )


def _read(path: Path, text: str, source_description: str = "<p>s</p>") -> Witness:
    path.write_text(f"{_header(source_description)}{text}</TEI>", encoding="utf-8")
    return reader_for(path)(path, path.read_bytes(), None)[0]


def _extract(xml: bytes, siglum: str) -> str:
    return extract_witness(etree.ElementTree(etree.fromstring(xml)), siglum)[0]


def test_a_word_divided_by_a_break_written_after_a_line_end_is_one_word(tmp_path: Path) -> None:
    # the layout projects write: the break on a line of its own, indented
    body = (
        "<text><body><p>\n  <lb n='1'/>I have rec\n  <lb n='2' break='no'/>eived your"
        " letter and\n  <lb n='3'/>thank the parlia-\n  <lb n='4' break='no'/>ment.\n"
        "</p></body></text>"
    )
    witness = _read(tmp_path / "L.xml", body)
    assert witness.text == "I have received your letter and\nthank the parlia-ment.\n"

    copy = Witness("K", "I have received your letter and thank the parlia-ment.\n")
    apparatus = collate.collate([witness, copy]).apparatus
    assert not [loc for loc in apparatus.variant_locations if loc.type != "whitespace"]
    xml = render(collate.collate([witness, copy]), "tei")
    assert_tei_valid(xml)
    breaks = etree.fromstring(xml).iter(tei("lb"))
    divided = {lb.get("n"): lb.get("break") for lb in breaks}
    assert divided["2"] == "no" and divided["4"] == "no" and divided["3"] is None
    assert _extract(xml, "L") == witness.text


def test_whitespace_kept_by_xml_space_preserve_stays_before_a_break(tmp_path: Path) -> None:
    body = (
        "<text><body><p xml:space='preserve'>two  spaces <lb break='no'/>here</p>"
        "</body></text>"
    )
    assert _read(tmp_path / "P.xml", body).text == "two  spaces here\n"


def test_every_text_of_a_group_is_read(tmp_path: Path) -> None:
    body = (
        "<text><group><text><body><p>The first poem.</p></body></text>"
        "<text><front><p>not read</p></front><body><p>The second poem.</p></body></text>"
        "</group></text>"
    )
    witness = _read(tmp_path / "G.xml", body)
    assert witness.text == "The first poem.\nThe second poem.\n"


def test_the_manuscripts_origin_date_wins_over_a_cited_editions(tmp_path: Path) -> None:
    source = (
        "<bibl>Transcribed from <title>Letters</title> (Oxford, <date when='1995'>1995"
        "</date>)</bibl><msDesc><msIdentifier><idno>Add MS 1</idno></msIdentifier>"
        "<history><origin><origDate notBefore='1812-03-01' notAfter='1812-03-31'>March 1812"
        "</origDate></origin></history></msDesc>"
    )
    body = "<text><body><p>The harvest was poor.</p></body></text>"
    assert _read(tmp_path / "H.xml", body, source).date == "1812-03-01/1812-03-31"
    # without an origDate the source description's first date stays the witness's
    cited = "<bibl><title>Letters</title> <date when='1859-11-24'/></bibl>"
    assert _read(tmp_path / "B.xml", body, cited).date == "1859-11-24"


def test_an_inline_quotation_breaks_no_line(tmp_path: Path) -> None:
    body = (
        "<text><body><p>he said <quote>we shall see</quote> to the crowd</p>"
        "<quote><l>a verse</l><l>another</l></quote></body></text>"
    )
    witness = _read(tmp_path / "Q.xml", body)
    assert witness.text == "he said we shall see to the crowd\na verse\nanother\n"


def test_a_lacuna_inside_a_word_splits_no_word_and_adds_no_line(tmp_path: Path) -> None:
    body = (
        "<text><body><p>the price of cor<supplied reason='damage'>n</supplied> has"
        " ri<gap reason='damage'/>n since</p><gap extent='1 paragraph'/><p>Lady-day</p>"
        "</body></text>"
    )
    witness = _read(tmp_path / "M.xml", body)
    assert witness.text == f"the price of cor{MARKER} has ri{MARKER}n since\n{MARKER}\nLady-day\n"
    copy = Witness("N", "the price of corn has risen since Lady-day\n")
    xml = render(collate.collate([witness, copy]), "tei")
    assert_tei_valid(xml)
    assert _extract(xml, "M") == witness.text
    assert _extract(xml, "N") == copy.text
