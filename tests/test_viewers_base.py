"""The Versioning Machine 5 with a base text: `<lem>` from the base witness, and each
panel still shows exactly its witness's words (see tests/test_viewers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import collate
from collate import Edition, Witness
from collate.xmltools import XML_ID, tei

from .chromium import Chrome
from .conftest import FIXTURES, SEEDS
from .test_milestones import COPY, TRANSCRIPTION
from .test_paragraphs import PARAGRAPHS
from .test_viewers import CHAUCER, browser, panels, words

__all__ = ["browser"]  # the fixture, shared with tests/test_viewers.py


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("chaucer", "Hg"),
        ("chaucer", "El"),
        ("seeds", None),
        ("paragraphs", "B"),
        ("transcription", "T"),
        ("prologue", "Hg"),  # two transcriptions: div, head, l, p elements
    ],
)
def test_panels_with_a_base_text(
    browser: Chrome, tmp_path: Path, text: str, base: str | None
) -> None:
    if text == "seeds":
        witnesses = list(collate.read_witnesses([SEEDS]))
    elif text == "paragraphs":  # several <ab type="paragraph">
        witnesses = list(PARAGRAPHS)
    elif text == "transcription":  # with its page and column breaks, <pb ed="#T">
        (tmp_path / "in").mkdir()
        (tmp_path / "in" / "T.xml").write_text(TRANSCRIPTION, encoding="utf-8")
        (tmp_path / "in" / "C.txt").write_text(COPY, encoding="utf-8")
        witnesses = list(collate.read_witnesses([tmp_path / "in"]))
    elif text == "prologue":
        witnesses = list(collate.read_witnesses([FIXTURES / "prologue"]))
    else:
        witnesses = [Witness(siglum, words) for siglum, words in CHAUCER.items()]
    base = base or witnesses[0].siglum
    collation = collate.collate(witnesses, edition=Edition(base=base, wit_start=True))
    data = collate.render(collation, "tei")
    assert b"<lem " in data
    root = etree.fromstring(data)
    ids = {w.get("n"): w.get(XML_ID) for w in root.iter(tei("witness"))}
    (tmp_path / "vm").mkdir()
    shown = panels(browser, data, tmp_path / "vm")
    for witness in witnesses:
        assert words(shown[ids[witness.siglum]]) == words(witness.text), witness.siglum
