"""The bound that lets the anchor matcher skip a gap level (`_RunBounds`) never hides a
run `find_runs` would find: every run weighs no more than the bound for its level."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines._anchor_match import GAP_LEVELS, Scorer, _RunBounds, find_runs

#: small alphabets, so that texts share words, repeat them and share runs of them
_symbols = st.lists(st.integers(0, 7), max_size=40)
_weights = st.lists(st.floats(0.0, 12.0), min_size=8, max_size=8)


@settings(max_examples=150, deadline=None)
@given(_symbols, _symbols, _weights)
def test_no_run_outweighs_its_bound(a: list[int], b: list[int], weights: list[float]) -> None:
    scorer = Scorer(weights, [str(s) for s in range(8)])
    bounds = _RunBounds(a, b, weights)
    for k, _ in GAP_LEVELS:
        for run in find_runs(a, b, k, 0.0, scorer):
            assert run.weight <= bounds.heaviest(k) + 1e-9


@settings(max_examples=50, deadline=None)
@given(_symbols, _weights)
def test_a_text_against_itself_is_bounded_by_its_whole_weight(
    a: list[int], weights: list[float]
) -> None:
    # the bound is no looser than the text: what b has in all
    bounds = _RunBounds(a, a, weights)
    for k, _ in GAP_LEVELS:
        assert bounds.heaviest(k) <= sum(weights[s] for s in a) + 1e-9


def test_texts_sharing_no_word_have_no_runs_to_find() -> None:
    bounds = _RunBounds([1, 2, 3, 4], [5, 6, 7, 8], [1.0] * 9)
    assert [bounds.heaviest(k) for k, _ in GAP_LEVELS] == [0.0, 0.0, 0.0, 0.0]


def test_words_shared_in_another_order_bound_only_single_words() -> None:
    # each word once on each side, never two of them side by side in both texts
    weights = [0.0, 10.0, 10.0, 10.0]
    bounds = _RunBounds([1, 2, 3], [3, 2, 1], weights)
    assert bounds.heaviest(2) == 0.0
    assert bounds.heaviest(1) == 10.0
