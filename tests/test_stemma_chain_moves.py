"""The revision chain's local search (`collate.stemma.chain._improve`), which costs a
move of one witness from the links it changes: the same orders as costing every trial
order whole with `_cost`, dated or not, for either tide."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.stemma.chain import (
    AGAINST_THE_TIDE,
    _best_order,
    _Changes,
    _cost,
    _improve,
    _later_pairs,
    _Links,
)

DATES = (None, "1900", "1901", "1901-06", "1950")


def _whole_order_search(
    order: list[int], changes: _Changes, dates: Sequence[str | None], tide: float
) -> list[int]:
    """The local search as first written: every trial order costed whole."""
    current = _cost(order, changes, dates, tide)
    improved = True
    while improved:
        improved = False
        for i in range(len(order)):
            for j in range(len(order)):
                if i == j:
                    continue
                trial = order[:i] + order[i + 1 :]
                trial.insert(j, order[i])
                cost = _cost(trial, changes, dates, tide)
                if cost < current - 1e-9:
                    order, current, improved = trial, cost, True
    return order


traditions = st.integers(min_value=3, max_value=12).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.dictionaries(
            st.integers(min_value=1, max_value=(1 << n) - 1),
            st.integers(min_value=1, max_value=40),
            min_size=1,
            max_size=30,
        ),
        st.lists(st.sampled_from(DATES), min_size=n, max_size=n),
        st.permutations(list(range(n))),
        st.sampled_from((AGAINST_THE_TIDE, 0.0)),
    )
)


@settings(max_examples=150, deadline=None)
@given(traditions)
def test_a_move_costs_what_its_whole_order_costs(
    tradition: tuple[int, dict[int, int], list[str | None], list[int], float],
) -> None:
    n, patterns, dates, order, tide = tradition
    changes = _Changes(patterns, n)
    later = _later_pairs(dates)
    links = _Links(order, changes, later)
    assert links.cost(tide) == _cost(order, changes, dates, tide)
    for i in range(n):
        for j, parts in enumerate(links.moves(i)):
            moved = order[:i] + order[i + 1 :]
            moved.insert(j, order[i])
            assert _Links(moved, changes, later).parts == parts
    assert _improve(list(order), changes, later, tide) == _whole_order_search(
        list(order), changes, dates, tide
    )


def test_forty_witnesses_are_ordered_as_by_whole_orders() -> None:
    # far beyond the exhaustive search (eight): two starts of the local search compared
    n = 40
    patterns = {(1 << w) | (1 << (w + 1) % n): 5 + w % 7 for w in range(n)}
    patterns |= {(1 << n) - 1: 500, 0b1011 << 20: 9}
    changes = _Changes(patterns, n)
    dates = [None] * n
    for start in (0, 37):
        order = [start, *(w for w in range(n) if w != start)]
        assert _improve(list(order), changes, None, AGAINST_THE_TIDE) == _whole_order_search(
            list(order), changes, dates, AGAINST_THE_TIDE
        )
    assert sorted(_best_order(changes, dates)) == list(range(n))
