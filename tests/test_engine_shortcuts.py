"""The anchor engine's shortcuts give what the long way gives (issue 13: the same
alignment, less CPU): a gap level skipped by its shared stretches would have found no
anchor; the gap chain's prefix maximum is the plain maximum over the prefix; aligning
leaves the cycle collector as it found it."""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate
from collate.engines._anchor_match import GAP_LEVELS, Scorer, _shared_spans, find_runs
from collate.engines._gap_align import _PrefixMax

symbols = st.lists(st.integers(min_value=0, max_value=9), max_size=60)
#: a symbol's weight in bits: from punctuation's to a rare word's
WEIGHTS = [0.5, 1.0, 2.0, 3.5, 5.0, 7.0, 9.5, 11.0, 14.0, 20.0]
SCORER = Scorer(WEIGHTS, [f"w{s}" for s in range(len(WEIGHTS))])


@settings(max_examples=300, deadline=None)
@given(symbols, symbols, st.sampled_from([3.0, 8.0, 11.0, 16.0, 20.0]))
def test_a_level_skipped_finds_no_run(a: list[int], b: list[int], least: float) -> None:
    """Every run found lies within a stretch `_shared_spans` reports, no longer and no
    heavier: where no stretch could hold one, the skipped search finds none."""
    spans = _shared_spans(a, b, WEIGHTS)
    for k, _ in GAP_LEVELS:
        for run in find_runs(a, b, k, least, SCORER):
            assert any(length >= run.length and bits >= run.weight - 1e-9 for length, bits in spans)


def test_shared_spans_are_the_stretches_of_shared_tokens() -> None:
    # b: 1 2 | 7 | 3 3 (7 is not in a)
    assert _shared_spans([1, 2, 3], [1, 2, 7, 3, 3], WEIGHTS) == [(2, 3.0), (2, 7.0)]
    assert _shared_spans([1], [5, 6], WEIGHTS) == []


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=20).flatmap(
        lambda size: st.tuples(
            st.just(size),
            st.lists(
                st.tuples(
                    st.integers(min_value=0, max_value=size - 1),
                    st.sampled_from([0.0, 1.5, 2.0, 3.25, -1.0]),
                ),
                max_size=30,
            ),
            st.lists(st.integers(min_value=0, max_value=size - 1), max_size=10),
        )
    )
)
def test_prefix_maximum_is_the_maximum_over_the_prefix(
    case: tuple[int, list[tuple[int, float]], list[int]],
) -> None:
    """The index of the largest key at positions up to `at`, the earliest index among
    equal keys; -1 where nothing was put."""
    size, puts, asks = case
    tree = _PrefixMax(size)
    for index, (at, key) in enumerate(puts):
        tree.put(at, key, index)
    for at in asks:
        held = [(key, -index) for index, (where, key) in enumerate(puts) if where <= at]
        assert tree.get(at) == (-max(held)[1] if held else -1)


def test_aligning_leaves_the_cycle_collector_as_it_was() -> None:
    witnesses = [Witness("A", "the cat sat on the mat"), Witness("B", "the dog sat on a mat")]
    assert gc.isenabled()
    collate(witnesses)
    assert gc.isenabled()
    gc.disable()
    try:
        collate(witnesses)
        assert not gc.isenabled()
    finally:
        gc.enable()
