"""Entries of the lemma ] variants apparatus, one per place as in print: what each
names as reading the lemma, adding to it (`add.`, `praem.`), lacking it (`om.`) or
reading otherwise is exactly the witness's text there, however many variant locations
the apparatus cut the place into."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings

import collate
from collate import Edition, Witness
from collate.formats import lemma
from collate.formats.lemma import Entry, base_of, entries
from collate.lacunae import MARKER
from collate.model import Collation, SharedText, VariantLocation

from .conftest import FIXTURES, SEEDS, SHARED, sigla_witnesses
from .strategies import related_texts

DARWIN = SHARED / "corpora" / "darwin-ch1"


def _with_base(witnesses: list[Witness] | tuple[Witness, ...], base: str) -> Collation:
    return collate.collate(witnesses, edition=Edition(base=base))


def _lines(collation: Collation) -> list[str]:
    return [f"{e.line} {e.text}" for e in entries(collation)]


def _check_entries(collation: Collation) -> list[Entry]:
    """Each variant location is in one entry, in the order of the text; each entry
    names every witness once, and what it says of a witness is the witness's text over
    the entry's locations (up to whitespace): the lemma, nothing (om.), the lemma with
    words after (add.) or before (praem.) it, or other words. An entry whose lemma is a
    word beside its locations (an addition where the base reads nothing) stands next to
    text every witness shares, so every witness reads that word."""
    apparatus = collation.apparatus
    base = base_of(collation)
    found = list(entries(collation))
    numbers = [n for entry in found for n in entry.locations]
    # a location left out is one where a lacuna's sign beside the lemma was all
    every = [loc.number for loc in apparatus.variant_locations]
    assert numbers == [n for n in every if n in set(numbers)]
    for location in apparatus.variant_locations:
        if location.number not in numbers:
            assert any(MARKER in r.text for r in location.readings), location
    index = {
        s.number: i for i, s in enumerate(apparatus.segments) if isinstance(s, VariantLocation)
    }
    for entry in found:
        start, stop = index[entry.locations[0]], index[entry.locations[-1]] + 1
        span = apparatus.segments[start:stop]
        lemma_words = "" if entry.anchored else entry.lemma
        named = [s for reading in entry.readings for s in reading.sigla]
        assert sorted(named) == sorted(apparatus.sigla), entry.text
        for reading in entry.readings:
            expected = {
                lemma.LEMMA: lemma_words,
                lemma.OMITTED: "",
                lemma.ADDED: f"{lemma_words} {reading.words}",
                lemma.PREFIXED: f"{reading.words} {lemma_words}",
                lemma.REPLACED: reading.words,
                lemma.LACKING: "",  # its text is lost there: at most a lacuna's sign
            }[reading.kind]
            for siglum in reading.sigla:
                own = "".join(
                    s.text_of(siglum) if isinstance(s, SharedText) else s.reading_of(siglum).text
                    for s in span
                )
                if reading.kind == lemma.LACKING:
                    own = own.replace(MARKER, "")
                # an addition may follow the lemma without a space ("given" "”.")
                assert "".join(own.split()) == "".join(expected.split()), (entry.text, siglum)
        if entry.anchored:
            assert not any(_base_words(s, base) for s in span), entry.text
            # the anchor is the base's nearest word, in shared text: before an addition
            # (`add.`), after one at the beginning (`praem.`)
            if any(r.kind == lemma.PREFIXED for r in entry.readings):
                beside = next(s for s in apparatus.segments[stop:] if _base_words(s, base))
                word = _base_words(beside, base)[0]
            else:
                beside = next(s for s in apparatus.segments[start::-1] if _base_words(s, base))
                word = _base_words(beside, base)[-1]
            assert isinstance(beside, SharedText) and word == entry.lemma, entry.text
    return found


def _base_words(segment: SharedText | VariantLocation, base: str) -> list[str]:
    if isinstance(segment, SharedText):
        return segment.text_of(base).split()
    return segment.reading_of(base).text.split()


def test_an_addition_names_only_the_witnesses_that_read_its_lemma() -> None:
    """Q lacks "four five six seven", R adds EXTRA after "six": Q is not credited with
    "six" in R's addition, and R's addition is given with the lemma it follows."""
    collation = _with_base(
        sigla_witnesses(
            "one two three four five six seven eight nine ten",
            "one two three eight nine ten",
            "one two three four five six EXTRA seven eight nine ten",
        ),
        "A",
    )
    assert _lines(collation) == ["1 four five six] A; add. EXTRA C; om. B", "1 seven] A C; om. B"]
    _check_entries(collation)


def test_an_addition_beside_shared_text_names_every_witness() -> None:
    collation = _with_base(sigla_witnesses("a b c d", "a b X Y c d", "a b X Z c d"), "A")
    assert _lines(collation) == ["1 b] A; add. X Y B; add. X Z C"]
    _check_entries(collation)


def test_many_additions_at_one_word_are_one_entry_at_its_line() -> None:
    """Sixty runs of words that B and C share, between words they write differently,
    where A has nothing: one addition after A's "x" on line 2 (it was 120 entries, the
    later ones under the text's first word and `praem.`)."""
    pairs = range(60)
    b = " ".join(f"s{i} b{i}" for i in pairs)
    c = " ".join(f"s{i} c{i}" for i in pairs)
    collation = _with_base(sigla_witnesses("first\nx y", f"first\nx {b} y", f"first\nx {c} y"), "A")
    assert len(collation.apparatus.variant_locations) >= 100
    assert _lines(collation) == [f"2 x] A; add. {b} B; add. {c} C"]
    _check_entries(collation)


def test_an_addition_at_the_beginning_is_praem() -> None:
    collation = _with_base(sigla_witnesses("He said", "Army called in He said", "He said"), "A")
    assert _lines(collation) == ["1 He] A C; praem. Army called in B"]
    beside = _with_base(sigla_witnesses("He said", "Army called in They said", "He said"), "A")
    assert _lines(beside) == ["1 He] A C; Army called in They B"]
    _check_entries(beside)


def test_chaucer_additions_name_the_added_virgule() -> None:
    collation = collate.run([FIXTURES / "chaucer"])
    lines = collate.render(collation, "lemma").decode().splitlines()
    assert "3 veyne] Cx¹ El; add. / Hg" in lines
    assert "8 Ram] Cx¹ El; add. / Hg" in lines
    assert "10 nyght] Cx¹ El; add. / Hg" in lines
    _check_entries(collation)


@pytest.mark.parametrize("which", [0, 1, 2, 3])
def test_seed_entries(which: int) -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    collation = _with_base(witnesses, witnesses[which].siglum)
    found = _check_entries(collation)
    assert len(found) < len(collation.apparatus.variant_locations)
    # one entry per place: no two in a row at one anchor word
    for before, after in zip(found, found[1:], strict=False):
        assert not (before.anchored and after.anchored and before.lemma == after.lemma), after.text


def test_seed_addition_at_the_beginning() -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    collation = _with_base(witnesses, witnesses[0].siglum)
    first = next(entries(collation))
    assert first.text.startswith(f"{witnesses[0].text.split()[0]}] ")
    assert [e.line for e in entries(collation)][:2] == [1, 1]
    text = collate.render(collation, "lemma").decode()
    assert text.count("\n1 He] ") == 1 and "(beginning)" not in text


@pytest.mark.skipif(not DARWIN.is_dir(), reason="no shared corpora (set COLLATE_SHARED)")
def test_darwin_headings_added_after_parents() -> None:
    """The section headings 1866-1872 add after 1859's "parents" (line 3) are in the
    entry of that word, not under the chapter's first word "WHEN"."""
    witnesses = collate.read_witnesses([DARWIN])
    collation = _with_base(witnesses, "1859")
    found = _check_entries(collation)
    assert not [e for e in found if e.lemma == "WHEN" and e.line != 1]
    (parents,) = [e for e in found if e.line == 3 and e.lemma == "parents"]
    added = {r.sigla: r.words for r in parents.readings if r.kind == lemma.ADDED}
    assert added[("1866",)] == ". Effects of Habit; Correlation of Growth; Inheritance"
    assert added[("1872",)].endswith(
        "Effects of Habit and of the Use or Disuse of Parts; Correlated Variation; Inheritance"
    )


def test_markdown_has_one_note_per_entry_and_the_base_text(tmp_path: Path) -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    collation = _with_base(witnesses, witnesses[1].siglum)
    markdown = collate.render(collation, "markdown").decode()
    body, _, notes = markdown.partition("\n\n[^")
    body = body.split("\n\n", 3)[3]  # the title, the base, the list of sigla
    numbers = [int(n) for n in re.findall(r"\[\^(\d+)\]", body)]
    assert numbers == [e.number for e in entries(collation)]
    assert len(numbers) < len(collation.apparatus.variant_locations)
    assert not re.search(r"(\[\^\d+\]){3}", body)  # no runs of notes at one word
    assert notes.count("\n[^") + 1 == len(numbers)
    plain = re.sub(r"\[\^\d+\]", "", body).replace("  \n", "\n")
    plain = re.sub(r"\\(.)", r"\1", plain)
    assert plain.split() == witnesses[1].text.split()


@settings(max_examples=40, deadline=None)
@given(texts=related_texts())
def test_any_entry_gives_each_witness_its_text(texts: list[str]) -> None:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    _check_entries(_with_base(witnesses, "W0"))
