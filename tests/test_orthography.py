"""Spelling variation typed orthographic (collate/orthography.py): by the editor's
rules, by word division and by near spelling, with what grouped the readings recorded
in the TEI; the Chaucer target of issue 14."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import collate
from collate import Normalization, Witness, near_spelling, parse_rules
from collate.xmltools import XML_ID, tei

from .conftest import ROOT, assert_tei_valid
from .test_cli import run

CHAUCER = ROOT / "tests" / "fixtures" / "chaucer"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("colour", "color"),
        ("neighbouring", "neighboring"),
        ("judgement", "judgment"),
        ("travelling", "traveling"),
        ("Aprill", "April"),
        ("soote", "sote"),
        ("Elliott", "Elliot"),
    ],
)
def test_near_spellings(a: str, b: str) -> None:
    assert near_spelling(a, b) and near_spelling(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("these", "those"),  # a vowel changed, not put in
        ("form", "from"),
        ("cause", "causes"),  # an inflection changes the last letter
        ("holt", "holte"),  # final -e is for rules to decide
        ("of", "off"),  # too short
        ("then", "than"),
        ("center", "centre"),
        ("cat", "cat"),
        ("1859", "18599"),
    ],
)
def test_not_near_spellings(a: str, b: str) -> None:
    assert not near_spelling(a, b)


def _location(*texts: str, normalization: Normalization | None = None) -> collate.VariantLocation:
    witnesses = [Witness(chr(ord("A") + i), t) for i, t in enumerate(texts)]
    result = collate.collate(witnesses, normalization=normalization or Normalization())
    (location,) = result.apparatus.variant_locations
    return location


def test_near_spelling_and_word_division_are_orthographic() -> None:
    location = _location("the neighbouring field", "the neighboring field")
    assert location.type == "orthographic"
    assert [e.name for e in location.groups[0].basis] == ["near-spelling"]
    location = _location("their well-being now", "their wellbeing now")
    assert location.type == "orthographic"
    assert [e.name for e in location.groups[0].basis] == ["word-division"]


def test_a_witness_with_both_forms_shows_they_are_two_words() -> None:
    location = _location("the later part", "the latter part")
    assert location.type == "orthographic"  # nothing tells them apart here
    location = _location("the later part; the latter part.", "the latter part; the latter part.")
    assert location.type == "substantive"  # A writes both: two words for A


def test_the_measures_can_be_turned_off() -> None:
    off = Normalization(near_spelling=False)
    assert _location("the colour red", "the color red", normalization=off).type == "substantive"


def test_punctuation_and_spelling_together_are_orthographic() -> None:
    location = _location(
        "in March, he", "in Marche he", normalization=Normalization(rules=parse_rules("-e ="))
    )
    assert location.type == "orthographic"


def _apps(data: bytes) -> list[etree._Element]:
    return list(etree.fromstring(data).iter(tei("app")))


def _words(app: etree._Element) -> str:
    return " ".join(r.xpath("string()") for r in app if r.tag == tei("rdg"))


def test_chaucer_spellings_are_orthographic_with_five_rules(tmp_path: Path) -> None:
    """Issue 14's target: General Prologue 1-10 in three spellings (Ellesmere, Hengwrt,
    and a third in the manner of Caxton's print) with five rules."""
    rules = CHAUCER / "spelling.rules"
    lines = [line for line in rules.read_text().splitlines() if not line.startswith("#")]
    assert len(lines) == 5
    plain, ruled = tmp_path / "plain.xml", tmp_path / "ruled.xml"
    witnesses = [CHAUCER / f"{siglum}.txt" for siglum in ("El", "Hg", "Cx")]  # no project
    assert run("run", *witnesses, "-o", plain)[0] == 0
    assert run("run", *witnesses, "-o", ruled, "--rules", rules)[0] == 0

    def kinds(path: Path) -> dict[str, str]:
        return {_words(a): str(a.get("type")) for a in _apps(path.read_bytes())}

    before, after = kinds(plain), kinds(ruled)
    # the spellings the issue names were substantive without rules
    assert any("euery" in w and k == "substantive" for w, k in before.items())
    substantive = [w for w, k in after.items() if k == "substantive"]
    # what is left is what no spelling rule should touch: another form of the name
    # (Aueryll) and another word (briddes for foweles)
    assert len(substantive) == 2
    assert any("Aueryll" in w for w in substantive)
    assert any("briddes" in w for w in substantive)
    # (Hengwrt's "zephirus" is a location of its own, of case, beside El's spelling)
    assert all(
        k in ("orthographic", "punctuation", "case")
        for w, k in after.items()
        if w not in substantive
    )
    assert sum(k == "orthographic" for k in after.values()) >= 10

    data = ruled.read_bytes()
    assert_tei_valid(data)
    root = etree.fromstring(data)
    items = {i.get(XML_ID): i.text for i in root.iter(tei("item"))}
    assert items["norm-rule-2"] == "u = v"
    pointed = [r for r in root.iter(tei("rdg")) if r.get("type") == "orthographic"]
    assert pointed and all(r.get("ana") for r in pointed)
    for reading in pointed:
        assert all(ref[1:] in items for ref in str(reading.get("ana")).split())
    euery = next(r for r in pointed if r.text == "euery" or r.text == "every")
    assert "#norm-rule-2" in str(euery.get("ana")).split()
    for siglum in ("El", "Hg", "Cx"):
        assert collate.extract(ruled, siglum).data == (CHAUCER / f"{siglum}.txt").read_bytes()
