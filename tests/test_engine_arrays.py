"""The anchor engine's array path for long texts finds exactly the n-gram starts its
dictionary path finds (issue 13: same output, faster)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines._anchor_match import _starts_in_arrays, _unique_grams

symbols = st.lists(st.integers(min_value=0, max_value=12), min_size=0, max_size=120)


@settings(max_examples=200, deadline=None)
@given(symbols, symbols, st.integers(min_value=1, max_value=4))
def test_array_starts_are_the_dictionary_starts(a: list[int], b: list[int], k: int) -> None:
    if len(a) < k or len(b) < k:
        return
    in_a, in_b = _unique_grams(a, k), _unique_grams(b, k)
    expected = sorted((j, i) for g, j in in_b.items() if (i := in_a.get(g)) is not None)
    assert _starts_in_arrays(a, b, k) == expected


def test_symbols_too_many_for_an_int64_fall_back() -> None:
    assert _starts_in_arrays([0, 2**20], [2**20, 0], 4) is None


@settings(max_examples=200, deadline=None)
@given(symbols, symbols, st.integers(min_value=1, max_value=4))
def test_runs_from_arrays_are_the_dictionary_runs(a: list[int], b: list[int], k: int) -> None:
    import collate.engines._anchor_match as match

    weights = [0.5 + (s % 5) for s in range(13)]
    scorer = match.Scorer(weights, [str(s) for s in range(13)])
    by_dictionary = match.find_runs(a, b, k, 3.0, scorer)
    threshold = match.ARRAY_TOKENS
    try:
        match.ARRAY_TOKENS = 0
        assert match.find_runs(a, b, k, 3.0, scorer) == by_dictionary
    finally:
        match.ARRAY_TOKENS = threshold


forms = st.lists(st.sampled_from(["a", "b", "c", "d", ",", "the"]), max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.lists(forms, min_size=1, max_size=5))
def test_typicality_in_arrays_is_that_of_sets(normals: list[list[str]]) -> None:
    from collate.engines.anchor import _typicality, _typicality_in_arrays

    assert _typicality_in_arrays(normals) == _typicality(normals)
