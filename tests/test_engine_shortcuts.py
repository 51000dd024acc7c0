"""The anchor engine's shortcuts give what the long way gives (issue 13: the same
alignment, less CPU; the bound by which a gap level is skipped: tests/test_run_bounds.py):
the gap chain's prefix maximum is the plain maximum over the prefix; aligning
leaves the cycle collector as it found it."""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate
from collate.engines._gap_align import _PrefixMax


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
