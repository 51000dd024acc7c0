from __future__ import annotations

import pytest

from collate import Alignment, Collation, Transposition, VariantLocation, collate
from collate.apparatus import build_apparatus
from collate.model import Apparatus, Reading, ReadingGroup, SharedText
from collate.tokenize import tokenize

from .conftest import sigla_witnesses


def locations(*texts: str) -> tuple[VariantLocation, ...]:
    return collate(sigla_witnesses(*texts), engine="collatex").apparatus.variant_locations


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


def test_a_line_break_alone_is_a_small_whitespace_variant() -> None:
    (location,) = locations("the cat\nsat", "the cat sat")
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


def test_omission_includes_the_omitted_words_whitespace() -> None:
    (location,) = locations("the black cat", "the cat")
    assert location.type == "omission"
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
    first, spacing, second = apparatus.variant_locations
    assert (first.type, first.transposed_with) == ("transposition", second.number)
    assert (second.type, second.transposed_with) == ("transposition", first.number)
    assert readings(first) == {"A": "", "B": "z "} and readings(second) == {"A": "z", "B": ""}
    # "y " in A against "y" at the end of B: the trailing space is a variant of its own
    assert spacing.type == "whitespace"
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
        {"A": "the quick ", "B": "the quick ", "C": ""},
        {"A": "brown ", "B": "red ", "C": ""},
        {"A": "fox jumps over the dog ", "B": "fox jumps over the dog ", "C": ""},
    ]
    assert [loc.type for loc in found] == ["omission", "substantive", "omission"]
