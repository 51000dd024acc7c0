"""A gap's near spellings, found once and handed to the stretches between its islands
(`_gap_align.within`): a stretch gets exactly the near points it would find alone."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines._gap_align import _near_points, near_points, within

#: spellings of a few letters, many of them alike; weights from light to heavy
SPELLINGS = ["colour", "color", "dolour", "the", "thee", "then", "a", "and", "andes", ",", "walk"]
WEIGHTS = [12.0, 11.0, 9.0, 4.0, 10.0, 5.0, 3.0, 4.5, 13.0, 1.0, 8.0]
symbols = st.lists(st.integers(min_value=0, max_value=len(SPELLINGS) - 1), max_size=40)


@settings(max_examples=300, deadline=None)
@given(symbols, symbols, st.data())
def test_a_stretch_has_the_gaps_near_points_within_it(
    a: list[int], b: list[int], data: st.DataObject
) -> None:
    i0 = data.draw(st.integers(0, len(a)))
    i1 = data.draw(st.integers(i0, len(a)))
    j0 = data.draw(st.integers(0, len(b)))
    j1 = data.draw(st.integers(j0, len(b)))
    whole = _near_points(a, b, WEIGHTS, SPELLINGS)
    alone = _near_points(a[i0:i1], b[j0:j1], WEIGHTS, SPELLINGS)
    assert sorted(within(whole, range(i0, i1), range(j0, j1))) == sorted(alone)


def test_no_near_points_are_sought_in_a_large_gap() -> None:
    assert near_points([0] * 100, [1] * 100, WEIGHTS, SPELLINGS) is None
    assert near_points([0] * 10, [1] * 10, WEIGHTS, SPELLINGS) == _near_points(
        [0] * 10, [1] * 10, WEIGHTS, SPELLINGS
    )
