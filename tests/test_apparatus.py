from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collate import Alignment, Collation, Transposition, VariantLocation, collate
from collate.apparatus import WhitespaceMode, build_apparatus
from collate.model import Apparatus, Reading, ReadingGroup, SharedText, Spacing
from collate.tokenize import tokenize

from .conftest import sigla_witnesses


def locations(*texts: str, whitespace: WhitespaceMode = "spacing") -> tuple[VariantLocation, ...]:
    collation = collate(sigla_witnesses(*texts), engine="collatex", whitespace=whitespace)
    return collation.apparatus.variant_locations


def readings(location: VariantLocation) -> dict[str, str]:
    return {s: r.text for r in location.readings for s in r.sigla}


def test_a_substitution_is_one_location_between_shared_text() -> None:
    apparatus = collate(
        sigla_witnesses("The cat sat.", "The dog sat."), engine="collatex"
    ).apparatus
    assert [type(s).__name__ for s in apparatus.segments] == [
        "SharedText",
        "VariantLocation",
        "SharedText",
    ]
    first, location, last = apparatus.segments
    assert isinstance(first, SharedText) and first.text == "The "
    assert isinstance(last, SharedText) and last.text == " sat."
    assert isinstance(location, VariantLocation)
    assert location.type == "substantive"
    assert readings(location) == {"A": "cat", "B": "dog"}
    assert [g.normal for g in location.groups] == ["cat", "dog"]


def test_a_line_break_alone_is_no_location_but_kept_in_the_shared_text() -> None:
    apparatus = collate(sigla_witnesses("the cat\nsat", "the cat sat"), engine="collatex").apparatus
    assert apparatus.variant_locations == ()
    (shared,) = apparatus.segments
    assert isinstance(shared, SharedText) and shared.text == "the cat sat"
    assert shared.spacing == (Spacing(7, 1, ((("A",), "\n"),)),)
    assert apparatus.text_of("A") == "the cat\nsat" and apparatus.text_of("B") == "the cat sat"


def test_whitespace_variants_brings_back_whitespace_locations() -> None:
    (location,) = locations("the cat\nsat", "the cat sat", whitespace="variants")
    assert location.type == "whitespace"
    assert readings(location) == {"A": "\n", "B": " "}
    (group,) = location.groups
    assert group.type == "whitespace"


def test_case_and_punctuation_variants_share_a_group() -> None:
    (case,) = locations("The cat", "the cat")
    assert case.type == "case" and len(case.groups) == 1
    (quote,) = locations("it’s here", "it's here")
    assert quote.type == "punctuation"
    assert quote.groups[0].normal == "it's"


def test_an_omission_reading_holds_no_whitespace() -> None:
    apparatus = collate(sigla_witnesses("the black cat", "the cat"), engine="collatex").apparatus
    (location,) = apparatus.variant_locations
    assert location.type == "omission"
    assert readings(location) == {"A": "black", "B": ""}
    assert [apparatus.text_of(s) for s in "AB"] == ["the black cat", "the cat"]
    # as before, with whitespace="variants", the space goes with the omitted word
    (location,) = locations("the black cat", "the cat", whitespace="variants")
    assert readings(location) == {"A": "black ", "B": ""}


def test_neighbouring_variants_separated_by_a_space_form_one_location() -> None:
    (location,) = locations("A B C end", "X Y Z end")
    assert readings(location) == {"A": "A B C", "B": "X Y Z"}


def test_witnesses_agreeing_share_one_reading() -> None:
    (location,) = locations("the cat sat", "the dog sat", "the cat sat")
    assert {r.text: r.sigla for r in location.readings} == {"cat": ("A", "C"), "dog": ("B",)}


def test_every_witness_is_read_back_from_the_apparatus(seed_collation: Collation) -> None:
    apparatus = seed_collation.apparatus
    for witness in apparatus.witnesses:
        assert apparatus.text_of(witness.siglum) == witness.text


def test_an_apparatus_must_name_every_witness_once() -> None:
    a, b = sigla_witnesses("x", "y")
    location = VariantLocation(
        1, (0, 1), (ReadingGroup("x", (Reading(("A",), "x", "x"),)),), "substantive"
    )
    with pytest.raises(ValueError, match="not each of"):
        Apparatus((a, b), (location,))


def test_transposed_passages_become_linked_locations() -> None:
    a, b = (tokenize(w) for w in sigla_witnesses("x y z", "z x y"))
    # B's "z" stands before the shared "x y"; A's after it.
    columns = ((None, 0), (0, 1), (1, 2), (2, None))
    alignment = Alignment((a, b), columns, (Transposition((0, 1), (3, 4)),), engine="hand")
    apparatus = build_apparatus(alignment)
    first, second = apparatus.variant_locations
    assert (first.type, first.transposed_with) == ("transposition", second.number)
    assert (second.type, second.transposed_with) == ("transposition", first.number)
    assert readings(first) == {"A": "", "B": "z"} and readings(second) == {"A": "z", "B": ""}
    assert apparatus.text_of("A") == "x y z" and apparatus.text_of("B") == "z x y"


def test_whitespace_all_readings_share_stays_outside_the_location() -> None:
    apparatus = collate(
        sigla_witnesses("we look to them", "we compare them"), engine="collatex"
    ).apparatus
    (location,) = apparatus.variant_locations
    assert readings(location) == {"A": "look to", "B": "compare"}
    assert [s.text for s in apparatus.segments if isinstance(s, SharedText)] == ["we ", " them"]


def test_a_comma_coming_and_going_is_a_punctuation_variant() -> None:
    (location,) = locations("us, is", "us is")
    assert location.type == "punctuation"
    assert readings(location) == {"A": ",", "B": ""}


def test_a_location_ends_where_agreement_changes() -> None:
    """C lacks the whole passage; A and B differ in one word of it. The difference is a
    location of its own, not buried in one long location for C's omission."""
    found = locations(
        "start the quick brown fox jumps over the dog end",
        "start the quick red fox jumps over the dog end",
        "start end",
    )
    assert [readings(loc) for loc in found] == [
        {"A": "the quick", "B": "the quick", "C": ""},
        {"A": "brown", "B": "red", "C": ""},
        {"A": "fox jumps over the dog", "B": "fox jumps over the dog", "C": ""},
    ]
    assert [loc.type for loc in found] == ["omission", "substantive", "omission"]


def test_text_shared_by_the_present_witnesses_is_no_part_of_a_wider_location() -> None:
    """The issue's example: one word differs in a long sentence that a third witness
    lacks. The location of the difference holds that word, nothing of the sentence."""
    sentence = (
        "In his letter, Sir Mark said he was proud of the “policing by consent” model in "
        "the UK and that the public {}. The end."
    )
    found = locations(
        sentence.format("trusted"), sentence.format("relied on"), "In his letter. The end."
    )
    differing = [loc for loc in found if len({r.text for r in loc.readings if r.text}) > 1]
    assert [readings(loc) for loc in differing] == [{"A": "trusted", "B": "relied on", "C": ""}]
    for location in found:
        assert len(location.readings) <= 3
        assert len(max((r.text for r in location.readings), key=len)) < 110


def test_no_reading_begins_or_ends_with_whitespace(seed_collation) -> None:  # type: ignore[no-untyped-def]
    for location in seed_collation.apparatus.variant_locations:
        for reading in location.readings:
            assert reading.text == reading.text.strip()
        assert location.type != "whitespace"


def test_a_spacing_must_lie_inside_its_text_and_replace_whitespace() -> None:
    with pytest.raises(ValueError, match="outside"):
        SharedText("a b", (Spacing(2, 2, ((("A",), "\n"),)),))
    with pytest.raises(ValueError, match="more than whitespace"):
        SharedText("a b", (Spacing(0, 1, ((("A",), "\n"),)),))
    with pytest.raises(ValueError, match="whitespace"):
        Spacing(1, 1, ((("A",), "x"),))


def _column_texts(alignment: Alignment, column: int) -> tuple[str | None, ...]:
    return tuple(None if t is None or not t.text else t.text for t in alignment.tokens(column))


def _agreeing_run(texts: tuple[str | None, ...]) -> bool:
    present = [t for t in texts if t is not None]
    return len(present) >= 2 and len(set(present)) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.tuples(st.sampled_from("a b c d , the".split()), st.sampled_from([" ", "\n", "  "])),
            min_size=1,
            max_size=12,
        ),
        min_size=2,
        max_size=4,
    )
)
def test_locations_are_minimal_and_witnesses_come_back(parts: list[list[tuple[str, str]]]) -> None:
    """Whatever the witnesses: no location holds a word that all the witnesses with words
    there read alike in one column, unless the location is nothing else (a passage some
    witnesses lack); no reading has whitespace at its edges; every witness comes back."""
    texts = ["".join(w + s for w, s in witness).rstrip() for witness in parts]
    collation = collate(sigla_witnesses(*texts))
    apparatus, alignment = collation.apparatus, collation.alignment
    for location in apparatus.variant_locations:
        present = tuple(bool(location.reading_of(s).text) for s in apparatus.sigla)
        if len({" ".join(r.text.split()) for r in location.readings if r.text}) > 1:
            for column in range(*location.columns):
                texts_here = _column_texts(alignment, column)
                shared = tuple(t is not None for t in texts_here) == present
                assert not (shared and _agreeing_run(texts_here)), (location, column)
        for reading in location.readings:
            assert reading.text == reading.text.strip()
        assert location.type != "whitespace"
    for witness in apparatus.witnesses:
        assert apparatus.text_of(witness.siglum) == witness.text
