"""A variant location's reference is the line of the base (or first) witness it stands
on; an addition, where that witness reads nothing, stands on the line of the word
before it, as the lemma apparatus prints it ("three] add. seven")."""

from __future__ import annotations

import pytest

import collate
from collate.references import location_lines

from .conftest import sigla_witnesses


@pytest.mark.parametrize(
    ("other", "line"),
    [
        ("one two three seven\nfour five\n", 1),  # added at a line's end
        ("one two three\nfour seven five\n", 2),  # added inside the next line
        ("one two\nfour five\n", 1),  # omitted at a line's end
        ("one two three\nfive\n", 2),  # omitted at a line's start
    ],
)
def test_the_line_of_a_location(other: str, line: int) -> None:
    collation = collate.collate(sigla_witnesses("one two three\nfour five\n", other))
    (location,) = collation.apparatus.variant_locations
    assert location_lines(collation.apparatus, "A") == {location.number: line}
