"""Our TEI in the Versioning Machine 5, a TEI viewer scholars use: its own stylesheet
(lxml's XSLT) and scripts (headless Chromium), one panel per witness. Each panel must
show exactly that witness's words, with a space wherever the witness has whitespace and
none where it has none.

Needs the viewer's source (`../shared/viewers/versioning-machine-5`, or
$COLLATE_SHARED/viewers/...), Chromium with chromedriver and selenium, as
tests/test_browser.py does; skipped, saying why, when one is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

import collate
from benchmarks.stemma_many_witnesses import copies
from collate import Witness
from collate.xmltools import XML_ID, tei

from .conftest import FIXTURES, SEEDS, SHARED

VM = SHARED / "viewers" / "versioning-machine-5" / "src"
if not (VM / "vmachine.xsl").is_file():
    pytest.skip(f"no Versioning Machine at {VM}", allow_module_level=True)
from .chromium import (  # noqa: E402 - skips without a browser
    Chrome,
    chromium,
    versioning_machine_panels,
)

#: The General Prologue, lines 1-10: Ellesmere, Hengwrt and a modern spelling.
CHAUCER = {
    "El": """Whan that Aprill with his shoures soote
The droghte of March hath perced to the roote,
And bathed every veyne in swich licour
Of which vertu engendred is the flour;
Whan Zephirus eek with his sweete breeth
Inspired hath in every holt and heeth
The tendre croppes, and the yonge sonne
Hath in the Ram his half cours yronne,
And smale foweles maken melodye,
That slepen al the nyght with open ye
""",
    "Hg": """Whan that Aueryll wt his shoures soote
The droghte of March / hath perced to the roote
And bathed euery veyne / in swich lycour
Of which vertu / engendred is the flour
Whan zephirus eek / wt his sweete breeth
Inspired hath in euery holt and heeth
The tendre croppes / and the yonge sonne
Hath in the Ram / his half cours yronne
And smale foweles / maken melodye
That slepen al the nyght / with open Iye
""",
    "Hg2": """When that April with his showers sweet
The drought of March hath pierced to the root,
And bathed every vein in such liquor,
Of which virtue engendered is the flower;
When Zephyrus eke with his sweet breath
Inspired hath in every holt and heath
The tender crops, and the young sun
Hath in the Ram his half course y-run,
And small fowls maken melody,
That sleepen all the night with open eye
""",
}

#: A TEI transcription with divisions, lines, breaks and a gap, and a plain-text copy.
TRANSCRIPTION = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>MS T</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>
    <div><head>The Prologue</head>
      <lg><l>Whan that Aprill with his shoures soote</l>
        <l>The droghte of March hath <lb/>perced to the roote,</l></lg>
      <pb n="2"/>
      <p>And bathed every veyne in <gap reason="illegible"/> swich licour</p>
    </div>
  </body></text>
</TEI>
"""
COPY = """The Prologue
Whan that Aprill with his shoures sote
The drought of Marche hath perced to the rote,
And bathed every veine in such licour
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium("collate-vm-") as driver:
        yield driver


def words(text: str) -> str:
    """The text as a viewer may lay it out: each run of whitespace one space."""
    return " ".join(text.split())


def panels(browser: Chrome, tei_data: bytes, folder: Path) -> dict[str, str]:
    """Each witness's panel text (by xml:id) in the Versioning Machine."""
    return versioning_machine_panels(browser, tei_data, folder, VM)


def check(browser: Chrome, witnesses: list[Witness] | collate.Collation, folder: Path) -> None:
    collation = witnesses
    if not isinstance(collation, collate.Collation):
        collation = collate.collate(collation)
    data = collate.render(collation, "tei")
    root = etree.fromstring(data)
    ids = {w.get("n"): w.get(XML_ID) for w in root.iter(tei("witness"))}
    shown = panels(browser, data, folder)
    assert sorted(shown) == sorted(ids.values())
    for witness in collation.witnesses:
        assert words(shown[ids[witness.siglum]]) == words(witness.text), witness.siglum
    # the panel's title is the witness's name, not its file details
    titles = [w.xpath("string()") for w in root.iter(tei("witness"))]
    assert [re.sub(r"\s+", "", t) for t in titles] == list(ids)


def test_seed_panels_show_each_witness_exactly(browser: Chrome, tmp_path: Path) -> None:
    check(browser, list(collate.read_witnesses([SEEDS])), tmp_path)


def test_chaucer_panels_show_each_spelling(browser: Chrome, tmp_path: Path) -> None:
    """Hg and Hg2: one siglum inside another, which the viewer's contains() would mix."""
    check(browser, [Witness(s, t) for s, t in CHAUCER.items()], tmp_path)


def test_chaucer_fixture_panels_keep_words_apart(browser: Chrome, tmp_path: Path) -> None:
    """The Chaucer fixture with its project file (base El, five spelling rules): Hg's
    "flour / Whan" and "croppes / and" stand where El writes "flour;" and "croppes,",
    with no whitespace before the punctuation; the text can show only one of the two,
    so the location takes in the word before it (fails before: "flourWhan")."""
    check(browser, collate.run([FIXTURES / "chaucer"]), tmp_path)


def test_two_tei_transcriptions_with_their_structure(browser: Chrome, tmp_path: Path) -> None:
    """The General Prologue in two TEI transcriptions (tests/fixtures/prologue): shared
    div, head, l and p elements, each witness's lg, pb and lb milestones, a gap."""
    check(browser, collate.run([FIXTURES / "prologue"]), tmp_path)


def test_a_tei_transcription_shows_in_its_panel(browser: Chrome, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "T.xml").write_text(TRANSCRIPTION, encoding="utf-8")
    (tmp_path / "in" / "C.txt").write_text(COPY, encoding="utf-8")
    check(browser, list(collate.read_witnesses([tmp_path / "in"])), tmp_path)


def test_a_dense_traditions_panels_show_each_copy(browser: Chrome, tmp_path: Path) -> None:
    """20 copies of a poem, six slips each: most slips are `<app>`s of their own that
    only a space separates, which the viewer shows between them."""
    copies(20, tmp_path / "in")
    check(browser, list(collate.read_witnesses([tmp_path / "in"])), tmp_path)
