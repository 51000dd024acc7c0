"""Where one witness lacks a passage that the others have and vary in, the others'
reading holds the passage's own locations (a family), so each variant stays as small
as the apparatus makes it, rather than each witness's whole text side by side."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import collate
from collate.model import Witness
from collate.xmltools import XML_ID, tei

from .conftest import SHARED

CH1 = SHARED / "corpora" / "darwin-ch1"


def _body(collation: collate.Collation) -> etree._Element:
    root = etree.fromstring(collate.render(collation, "tei"))
    body = root.find(f".//{tei('body')}")
    assert body is not None
    return body


def test_a_passage_one_witness_lacks_keeps_its_own_variant(tmp_path: Path) -> None:
    collation = collate.collate(
        [
            Witness("A", "x one two three four five six seven eight nine y"),
            Witness("B", "x one two three four five SIX seven eight nine y"),
            Witness("C", "x zed y"),
        ]
    )
    body = _body(collation)
    family = next(r for r in body.iter(tei("rdg")) if r.get("wit") == "#A #B")
    inner = family.find(tei("app"))
    assert inner is not None  # six / SIX is a location of its own inside A and B's reading
    assert [r.text for r in inner.iter(tei("rdg"))] == ["six", "SIX"]
    assert "one two three" in (family.text or "")
    path = tmp_path / "a.xml"
    path.write_bytes(collate.render(collation, "tei"))
    again = {w.siglum: w.text for w in collate.read_witnesses([path])}
    assert again == {w.siglum: w.text for w in collation.witnesses}


@pytest.mark.skipif(not CH1.is_dir(), reason="no shared corpora")
def test_darwin_1869_and_1872_vary_inside_the_passage_1859_lacks() -> None:
    collation = collate.collate_files([CH1])
    body = _body(collation)
    ids = {a.get(XML_ID): a for a in body.iter(tei("app"))}
    # 1872 adds "easily" to 1869's "not affected", inside a paragraph 1859 lacks
    easily = ids["app82"]
    assert [r.get("wit") for r in easily.iter(tei("rdg"))] == ["#w1869", "#w1872"]
    assert "".join(easily.itertext()) == "easily"
    assert len({a.get(XML_ID) for a in body.iter(tei("app")) if a.get(XML_ID)}) == sum(
        1 for a in body.iter(tei("app")) if a.get(XML_ID)
    )


def test_a_fragment_that_ends_in_a_variant_leaves_the_others_locations(tmp_path: Path) -> None:
    """A witness that keeps only the first words, the last of them a variant: the other
    two still vary word by word (the whitespace at their reading's end stands outside)."""
    chaucer = Path(__file__).parent / "fixtures" / "chaucer"
    for name in ("El", "Hg"):
        lines = (chaucer / f"{name}.txt").read_text().splitlines(keepends=True)
        (tmp_path / f"{name}.txt").write_text("".join(lines[:4]))
    (tmp_path / "short.txt").write_text("Whan that Aprill\n")
    collation = collate.collate_files([tmp_path])
    body = _body(collation)
    family = next(r for r in body.iter(tei("rdg")) if r.get("wit") == "#El #Hg")
    inner = list(family.iter(tei("app")))
    assert len(inner) >= 6  # Aprill/Aueryll, every/euery, licour/lycour, the virgules ...
    assert any("".join(a.itertext()) == "everyeuery" for a in inner)
    path = tmp_path / "a.xml"
    path.write_bytes(collate.render(collation, "tei"))
    assert not collate.validate_file(path)
    again = {w.siglum: w.text for w in collate.read_witnesses([path])}
    assert again == {w.siglum: w.text for w in collation.witnesses}
