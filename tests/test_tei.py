from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from lxml import etree

import collate
from collate import ApparatusFileError, Collation, Witness
from collate.validate import check_document
from collate.xmltools import XML_ID, tei, witness_ids

from .conftest import SEEDS, assert_tei_valid, sigla_witnesses

GOLDEN = Path(__file__).parent / "golden" / "seeds.collatex.xml"
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
NS = {"t": "http://www.tei-c.org/ns/1.0"}


def test_seed_apparatus_validates_against_tei_all_and_our_schema(seed_tei: bytes) -> None:
    assert_tei_valid(seed_tei)


def test_seed_witnesses_extract_byte_identical(seed_tei: bytes, tmp_path: Path) -> None:
    path = tmp_path / "apparatus.xml"
    path.write_bytes(seed_tei)
    for source in sorted(SEEDS.glob("*.txt")):
        extracted = collate.extract(path, source.stem)
        assert extracted.data == source.read_bytes()
        assert extracted.matches_source is True


def test_header_lists_every_witness_with_a_valid_id(seed_tei: bytes) -> None:
    root = etree.fromstring(seed_tei)
    witnesses = root.findall(f".//{tei('listWit')}/{tei('witness')}")
    assert [w.get("n") for w in witnesses] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for witness in witnesses:
        assert NCNAME.match(witness.get(XML_ID) or "")
        assert witness.findtext(tei("abbr")) == witness.get("n")
        # the witness's text is its name; its file details are in a bibl pointing at it
        assert "".join(witness.itertext()).strip() == witness.get("n")
        (bibl,) = root.xpath(
            "//t:bibl[@corresp=$ref]", namespaces=NS, ref="#" + witness.get(XML_ID)
        )
        files = [i.text for i in bibl.iter(tei("idno")) if i.get("type") == "file"]
        assert files == [f"{witness.get('n')}.txt"]
    encoding = root.find(f".//{tei('variantEncoding')}")
    assert encoding is not None
    assert (encoding.get("method"), encoding.get("location")) == (
        "parallel-segmentation",
        "internal",
    )
    application = root.find(f".//{tei('application')}")
    assert application is not None and application.get("version") == collate.__version__
    notes = " ".join(p.text or "" for p in application.iter(tei("p")))
    assert "engine: collatex" in notes and "case-fold=yes" in notes


def test_file_opens_with_an_xml_model_pointing_at_tei_all(seed_tei: bytes) -> None:
    document = etree.ElementTree(etree.fromstring(seed_tei))
    pis = [n for n in document.getroot().itersiblings(preceding=True)]
    assert any(
        isinstance(pi, etree._ProcessingInstruction)
        and pi.target == "xml-model"
        and "tei_all.rng" in (pi.text or "")
        for pi in pis
    )


def test_every_app_names_every_witness_of_its_scope_once(seed_tei: bytes) -> None:
    """At the top every witness; inside a nested app, those of its enclosing reading."""
    root = etree.fromstring(seed_tei)
    ids = sorted(w.get(XML_ID) for w in root.iter(tei("witness")))
    apps = list(root.iter(tei("app")))
    assert apps
    for app in apps:
        outer = next(app.iterancestors(tei("rdg")), None)
        scope = ids if outer is None else sorted(r[1:] for r in outer.get("wit").split())
        named = [ref[1:] for rdg in app.findall(tei("rdg")) for ref in rdg.get("wit").split()]
        assert sorted(named) == scope


def test_readings_have_no_edge_whitespace_and_apps_apart_by_whitespace_are_read_whole(
    seed_tei: bytes,
) -> None:
    """What TEI viewers need to keep words apart (see the README's viewer notes): two
    `<app>`s stand apart by whitespace alone only where every witness reads words in
    both (the Versioning Machine shows that whitespace between them; where a witness
    lacks one, the nested form keeps its whitespace its own)."""
    root = etree.fromstring(seed_tei)
    assert not list(root.iter(tei("rdgGrp")))  # rdg stands directly in app
    for rdg in root.iter(tei("rdg")):
        text = rdg.xpath("string()")
        assert text == text.strip()
    for app in root.iter(tei("app")):
        following = app.getnext()
        if following is not None and following.tag == tei("app"):
            assert (app.tail or "") != "", "two locations with nothing between them"
            if not (app.tail or "").strip():
                for location in (app, following):
                    assert all(r.xpath("string()") for r in location), "an omission beside"


def meaning(document: bytes) -> tuple[str, str]:
    """The document with header indentation and the version left out: what it says,
    not how it is laid out."""
    root = etree.fromstring(document)
    for element in root.iter(tei("application")):
        element.set("version", "*")
    for element in root.iter(tei("p")):
        element.text = re.sub(r"collate \S+;", "collate *;", element.text or "")
    header = root.find(tei("teiHeader"))
    body = root.find(tei("text"))
    assert header is not None and body is not None
    etree.indent(header, space="")
    return (
        etree.canonicalize(etree.tostring(header, encoding="unicode"), strip_text=True),
        etree.canonicalize(etree.tostring(body, encoding="unicode")),
    )


def test_seed_apparatus_matches_the_golden_file(seed_tei: bytes) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_bytes(seed_tei)
    assert meaning(seed_tei) == meaning(GOLDEN.read_bytes())


def test_witness_ids_are_ncnames_and_unique() -> None:
    ids = witness_ids(["000_a", "A", "a b", "a_b", "xmlthing", "ms. 1", "Ä"])
    assert ids == {
        "000_a": "w000_a",
        "A": "A",
        "a b": "a_b-1",
        "a_b": "a_b-2",
        "xmlthing": "wxmlthing",
        "ms. 1": "ms._1",
        "Ä": "Ä",
    }


def test_no_witness_id_is_inside_another() -> None:
    """The Versioning Machine finds a witness's readings with contains(@wit, id)."""
    ids = list(witness_ids(["Hg", "Hg2", "El", "A", "A-2", "a b", "a_b"]).values())
    assert len(set(ids)) == len(ids)
    assert not [(a, b) for a in ids for b in ids if a != b and a in b]


def collation(*texts: str) -> Collation:
    return collate.collate(sigla_witnesses(*texts), engine="collatex")


def test_crlf_and_odd_whitespace_survive_the_round_trip(tmp_path: Path) -> None:
    texts = ("  lead\r\nthe cat\tsat\r\n\r\n", "the  cat sat.\n")
    data = collate.render(collation(*texts), "tei")
    assert_tei_valid(data)
    path = tmp_path / "a.xml"
    path.write_bytes(data)
    for siglum, text in zip("AB", texts, strict=True):
        assert collate.extract(path, siglum).data == text.encode()


def test_composed_and_decomposed_letters_are_typed_encoding_and_kept(tmp_path: Path) -> None:
    """Files from different systems spell "é" as one character or as "e" and a combining
    accent: such places are typed "encoding", not spellings, and each witness keeps its
    own bytes."""
    text = "The Café in Zürich was open; naïve people came.\n"
    texts = (unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text))
    witnesses = sigla_witnesses(*texts)
    apparatus = collate.collate(witnesses).apparatus
    assert [location.type for location in apparatus.variant_locations] == ["encoding"] * 3
    data = collate.render(collate.collate(witnesses), "tei")
    assert_tei_valid(data)
    assert set(re.findall(rb'<app [^>]*type="([a-z]+)"', data)) == {b"encoding"}
    path = tmp_path / "a.xml"
    path.write_bytes(data)
    for siglum, original in zip("AB", texts, strict=True):
        assert collate.extract(path, siglum).data == original.encode()


def test_extract_follows_the_rule_on_a_hand_made_apparatus(tmp_path: Path) -> None:
    path = tmp_path / "hand.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body>'
        '<ab>The <app>\n   <rdgGrp>\n     <rdg wit="#x">cat</rdg>\n   </rdgGrp>\n'
        '   <rdg wit="#y">dog</rdg><!-- a note --></app> sat.</ab></body></text>'
        '<listWit xmlns="http://www.tei-c.org/ns/1.0"><witness xml:id="x"/>'
        '<witness xml:id="y"/></listWit></TEI>'
    )
    assert collate.extract(path, "x").data == b"The cat sat."
    assert collate.extract(path, "y").data == b"The dog sat."
    with pytest.raises(ApparatusFileError, match="no witness 'z'.*x, y"):
        collate.extract(path, "z")


def test_extract_reports_a_changed_apparatus(tmp_path: Path) -> None:
    witnesses = [
        Witness("A", "one two", source="A.txt", size=7, sha256="0" * 64),
        Witness("B", "one three"),
    ]
    path = tmp_path / "a.xml"
    collate.write(collate.collate(witnesses, engine="collatex"), path)
    extracted = collate.extract(path, "A")
    assert extracted.data == b"one two" and extracted.matches_source is False


def test_validate_finds_broken_references(seed_tei: bytes) -> None:
    root = etree.fromstring(seed_tei)
    rdg = next(root.iter(tei("rdg")))
    rdg.set("wit", rdg.get("wit") + " #nobody")
    problems = check_document(etree.ElementTree(root))
    assert problems and "unknown witness 'nobody'" in problems[0]


HAND_MADE = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>\n'
    "<title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc>"
    "<listWit>\n"
    '<witness xml:id="x" n="X">X</witness><witness xml:id="y" n="Y">Y</witness>\n'
    '<witness xml:id="z" n="Z">Z</witness></listWit></sourceDesc></fileDesc></teiHeader>\n'
    '<text><body><ab xml:space="preserve">The<milestone unit="whitespace" ed="#y" rend="lf"/>'
    '<milestone unit="whitespace" ed="#z" rend="sp*2"/> <app type="my-own-type">'
    '<lem wit="#x">cat</lem><note>a note</note><rdgGrp type="orthographic">'
    '<rdg wit="#y">dogge</rdg><rdg wit="#z">dog</rdg></rdgGrp></app> sat.</ab></body></text>'
    "</TEI>\n"
)


def test_extract_reads_whitespace_milestones_lem_and_groups(tmp_path: Path) -> None:
    path = tmp_path / "hand.xml"
    path.write_text(HAND_MADE)
    assert collate.extract(path, "X").data == b"The cat sat."
    assert collate.extract(path, "Y").data == b"The\ndogge sat."
    assert collate.extract(path, xml_id="y").data == b"The\ndogge sat."  # by id only if asked
    assert collate.extract(path, "Z").data == b"The  dog sat."


def test_validate_accepts_an_editors_additions() -> None:
    document = etree.ElementTree(etree.fromstring(HAND_MADE.encode()))
    assert check_document(document) == []
    assert check_document(document, tei_all=True) == []


def test_validate_names_the_witness_in_each_problem() -> None:
    broken = HAND_MADE.replace('<rdg wit="#z">dog</rdg>', '<rdg wit="#y">dog</rdg>')
    problems = check_document(etree.ElementTree(etree.fromstring(broken.encode())))
    assert any("witness 'Y' (#y) is named by 2 readings" in p for p in problems), problems
    assert any("witness 'Z' (#z) is named by no reading" in p for p in problems), problems
    bad_rend = HAND_MADE.replace('rend="lf"', 'rend="x"')
    problems = check_document(etree.ElementTree(etree.fromstring(bad_rend.encode())))
    assert problems == ["whitespace milestone (line 5): @rend 'x' spells no whitespace"]


def test_nested_locations_and_whitespace_come_back(tmp_path: Path) -> None:
    texts = (
        "start the quick brown fox\njumps over the dog end",
        "start the quick red fox jumps over the  dog end",
        "start end",
    )
    data = collate.render(collation(*texts), "tei")
    assert_tei_valid(data)
    root = etree.fromstring(data)
    assert any(app.iterancestors(tei("app")) for app in root.iter(tei("app")))
    assert root.findall(f".//{tei('milestone')}[@unit='whitespace']")
    path = tmp_path / "a.xml"
    path.write_bytes(data)
    for siglum, text in zip("ABC", texts, strict=True):
        assert collate.extract(path, siglum).data == text.encode()


def test_an_apparatus_is_read_back_in_as_its_witnesses(tmp_path: Path) -> None:
    """Re-collating an apparatus: nested locations, whitespace milestones, provenance."""
    texts = (
        "start the quick brown fox\njumps over the dog end\n",
        "start the quick red fox jumps over the  dog end\n",
        "start end\n",
    )
    witnesses = [
        Witness(s, t, source=f"{s}.txt", date="1859" if s == "A" else None)
        for s, t in zip("ABC", texts, strict=True)
    ]
    path = tmp_path / "apparatus.xml"
    collate.write(collate.collate(witnesses, engine="collatex"), path)
    again = collate.read_witnesses([path])
    assert [(w.siglum, w.text, w.source, w.date) for w in again] == [
        (w.siglum, w.text, w.source, w.date) for w in witnesses
    ]


def test_a_witstart_opening_for_stemmaweb_changes_no_witness(tmp_path: Path) -> None:
    from collate.formats import tei as tei_format

    texts = ("the black cat sat", "the cat sat\n")
    data = tei_format.write(collation(*texts), wit_start=True)
    assert_tei_valid(data)
    root = etree.fromstring(data)
    first = root.find(f".//{tei('ab')}")[0]
    assert first.tag == tei("app") and first[0][0].tag == tei("witStart")
    assert first[0].get("wit") == "#A #B"
    path = tmp_path / "a.xml"
    path.write_bytes(data)
    assert [collate.extract(path, s).data.decode() for s in "AB"] == list(texts)


def test_validate_finds_readings_out_of_place_and_header_errors() -> None:
    stray = HAND_MADE.replace("> sat.</ab>", '> <rdg wit="#x">sat</rdg>.</ab>')
    problems = check_document(etree.ElementTree(etree.fromstring(stray.encode())))
    assert problems == ["line 5: a <rdg> outside <app> and <rdgGrp>"]
    headless = HAND_MADE.replace("<teiHeader>", "<teiHeaderX>").replace(
        "</teiHeader>", "</teiHeaderX>"
    )
    problems = check_document(etree.ElementTree(etree.fromstring(headless.encode())))
    assert problems and problems[0].startswith("line 1: ")


def test_witness_ids_end_when_renaming_one_would_put_it_inside_another() -> None:
    # renaming "w." to "w.-1" or "w._1" puts another id inside it; this set once hung
    sigla = ["..", ".", ".-", "_"]
    ids = witness_ids(sigla)
    assert len(set(ids.values())) == len(sigla)
    assert not any(a in b for a in ids.values() for b in ids.values() if a != b)
