"""Additions in the lemma ] variants apparatus: where the base witness reads nothing,
the entry names the words each other witness adds, after the base's word before them
(`add.`), or before the base's first word (`praem.`)."""

from __future__ import annotations

from hypothesis import given, settings

import collate
from collate import Edition, Witness
from collate.formats.lemma import base_of, entries
from collate.model import Collation

from .conftest import FIXTURES, SEEDS
from .strategies import related_texts


def _check_additions(collation: Collation) -> int:
    """Every addition's entry shows the words added; the number of additions."""
    base = base_of(collation)
    found = {entry.number: entry.text for entry in entries(collation)}
    additions = 0
    for location in collation.apparatus.variant_locations:
        if location.reading_of(base).text.strip():
            continue
        text = found[location.number]
        for reading in location.readings:
            words = reading.text.split()
            if not words:
                continue
            additions += 1
            shown = " ".join(words[:10])
            assert f"add. {shown}" in text or f"praem. {shown}" in text, (text, reading)
    return additions


def test_chaucer_additions_name_the_added_virgule() -> None:
    collation = collate.run([FIXTURES / "chaucer"])
    lines = collate.render(collation, "lemma").decode().splitlines()
    assert "3 veyne] Cx¹ El; add. / Hg" in lines
    assert "8 Ram] Cx¹ El; add. / Hg" in lines
    assert "10 nyght] Cx¹ El; add. / Hg" in lines
    assert _check_additions(collation) == 3


def test_seed_additions_show_their_words_and_the_beginning_is_praem() -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    collation = collate.collate(witnesses, edition=Edition(base=witnesses[0].siglum))
    assert _check_additions(collation) > 50
    text = collate.render(collation, "lemma").decode()
    first_word = witnesses[0].text.split()[0]
    assert f"\n1 {first_word}] " in text and "praem. Army called in" in text
    assert "(beginning)" not in text


@settings(max_examples=40, deadline=None)
@given(texts=related_texts())
def test_any_addition_shows_its_words(texts: list[str]) -> None:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    _check_additions(collate.collate(witnesses, edition=Edition(base="W0")))
