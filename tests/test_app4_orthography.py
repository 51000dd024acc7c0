"""Word division told first by `str` methods (issue 13, `collate.orthography._squeezed`)
finds the readings the regex alone found one word divided otherwise."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from collate import Normalization, Witness, collate
from collate.model import Equivalence
from collate.orthography import NEAR_SPELLING, WORD_DIVISION, _Typist, _undivided, near_spelling

_pieces = st.sampled_from(
    ["well", "being", "wellbeing", "con", "siderable", "a", "é", "e\u0301", "1", "_", "-"]
    + ["\u00ad", "\u2010", "\u2011", " ", "  ", "\n", "\u00a0", "\u2028", ",", "colour", "color"]
)
_reading = st.lists(_pieces, max_size=8).map("".join)


def _measure_before(typist: _Typist, a: str, b: str) -> Equivalence | None:
    """`_Typist._measure` as it was: the regex on every pair."""
    letters = _undivided(a)
    if letters and letters == _undivided(b):
        return WORD_DIVISION
    words_a, words_b = a.split(" "), b.split(" ")
    if len(words_a) != len(words_b):
        return None
    for x, y in zip(words_a, words_b, strict=True):
        if x != y and not near_spelling(x, y):
            return None
    if any(
        x != y and x in v and y in v
        for x, y in zip(words_a, words_b, strict=True)
        for v in typist.vocabularies()
    ):
        return None
    return NEAR_SPELLING


@settings(max_examples=500, deadline=None)
@given(_reading, _reading)
@example("well-being", "well being")
@example("con\u00ad siderable", "considerable")
@example("well - being", "wellbeing")
@example("-well", "well")
@example("colour", "color")
def test_word_division_as_the_regex_found_it(a: str, b: str) -> None:
    alignment = collate([Witness("A", "the colour"), Witness("B", "the color")]).alignment
    typist = _Typist(alignment, Normalization(), r"\w+|[^\w\s]+")
    assert typist._measure(a, b) == _measure_before(typist, a, b)
