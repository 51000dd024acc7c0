"""A gap's shared unique n-grams found keeping only the other side's (issue 13): the
very starts that both sides' unique n-grams, intersected, gave before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines import _anchor_match as match

#: small alphabets, so that texts repeat n-grams and share runs of them
symbols = st.lists(st.integers(min_value=0, max_value=7), max_size=120)


def _intersected(a: list[int], b: list[int], k: int, base: int) -> list[tuple[int, int]]:
    """What `find_runs` did (main 6b731a8): both sides' unique codes, intersected."""
    in_a, in_b = match._unique_codes(a, k, base), match._unique_codes(b, k, base)
    return sorted([(in_b[g], in_a[g]) for g in in_b.keys() & in_a.keys()])


@settings(max_examples=400, deadline=None)
@given(symbols, symbols, st.integers(min_value=1, max_value=4))
def test_shared_starts_are_the_intersected_ones(a: list[int], b: list[int], k: int) -> None:
    base = max([*a, *b, 0]) + 1
    assert match._shared_starts(a, b, k, base) == _intersected(a, b, k, base)


def test_an_ngram_repeated_on_one_side_is_no_start() -> None:
    a = [1, 2, 3, 9, 1, 2, 3, 4, 5]
    b = [0, 1, 2, 3, 4, 5]
    # "1 2" twice in a: not unique there; "3 4" and "4 5" once on each side
    assert match._shared_starts(a, b, 2, 10) == [(3, 6), (4, 7)]
    assert match._shared_starts(a, b, 2, 10) == _intersected(a, b, 2, 10)
