"""The revision chain's local search (`collate.stemma.chain._improve`), which costs a
move of one witness from the links it changes: the same orders as costing every trial
order whole with `_cost`, dated or not, for either tide."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.stemma_many_witnesses import copies
from collate.stemma.chain import (
    AGAINST_THE_TIDE,
    EXHAUSTIVE,
    SCATTERED,
    _analysis,
    _best_order,
    _Changes,
    _cost,
    _improve,
    _later_pairs,
    _least_broken,
    _Links,
    _priced,
    _scattered_along_every_order,
    reads_as_revisions,
    scattered,
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


def _generated(least: int, most: int, changes: int, with_order: bool) -> st.SearchStrategy[Any]:
    """Traditions of `least` to `most` witnesses: each change's witnesses (a bit mask)
    with its weight, the witnesses' dates, a starting order if asked, and the tide."""
    return st.integers(min_value=least, max_value=most).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.dictionaries(
                st.integers(min_value=1, max_value=(1 << n) - 1),
                st.integers(min_value=1, max_value=40),
                min_size=1,
                max_size=changes,
            ),
            st.lists(st.sampled_from(DATES), min_size=n, max_size=n),
            *((st.permutations(list(range(n))),) if with_order else ()),
            st.sampled_from((AGAINST_THE_TIDE, 0.0)),
        )
    )


traditions = _generated(3, 12, 30, with_order=True)


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


def _improve_as_first_written(
    order: list[int], changes: _Changes, later: list[list[bool]] | None, tide: float
) -> list[int]:
    """The local search before it stopped at the first cheaper place: every place of
    a witness costed (`_Links.moves`), then tried in turn."""
    links = _Links(order, changes, later)
    current = links.cost(tide)
    dated = later is not None
    improved = True
    while improved:
        improved = False
        for i in range(len(order)):
            moves = links.moves(i)
            for j in range(len(order)):
                if i == j:
                    continue
                cost = _priced(moves[j], tide, dated)
                if cost < current - 1e-9:
                    trial = order[:i] + order[i + 1 :]
                    trial.insert(j, order[i])
                    order, current, improved = trial, cost, True
                    links = _Links(order, changes, later, moves[j])
                    moves = links.moves(i)
    return order


def _best_order_as_first_written(
    changes: _Changes, dates: Sequence[str | None], tide: float
) -> list[int]:
    """`_best_order` beyond `EXHAUSTIVE` witnesses before its greedy starts read each
    witness's nearest from a sorted list and the local search stopped early."""
    n = len(changes.added)
    best: list[int] | None = None
    least = math.inf
    later = _later_pairs(dates)
    for start in range(n):
        order = [start]
        placed = {start}
        while len(order) < n:
            last = order[-1]
            step = min(
                (w for w in range(n) if w not in placed),
                key=lambda w: changes.distance(last, w),
            )
            order.append(step)
            placed.add(step)
        order = _improve_as_first_written(order, changes, later, tide)
        cost = _cost(order, changes, dates, tide)
        if best is None or cost < least:
            best, least = order, cost
    assert best is not None
    return best


beyond_exhaustive = _generated(EXHAUSTIVE + 1, 16, 40, with_order=False)


@settings(max_examples=100, deadline=None)
@given(beyond_exhaustive)
def test_the_order_search_finds_the_order_it_first_found(
    tradition: tuple[int, dict[int, int], list[str | None], float],
) -> None:
    n, patterns, dates, tide = tradition
    changes = _Changes(patterns, n)
    # ties of distance are common with few patterns: the greedy starts must break them alike
    assert _best_order(changes, dates, tide) == _best_order_as_first_written(changes, dates, tide)
    assert _best_order(changes, [None] * n, tide) == _best_order_as_first_written(
        changes, [None] * n, tide
    )


@settings(max_examples=300, deadline=None)
@given(traditions)
def test_readings_scattered_along_every_order_scatter_along_any(
    tradition: tuple[int, dict[int, int], list[str | None], list[int], float],
) -> None:
    n, patterns, _, order, _ = tradition
    changes = _Changes(patterns, n)
    if _scattered_along_every_order(changes):
        assert scattered(patterns, order) > SCATTERED
        assert scattered(patterns, _best_order(changes, [None] * n, 0.0)) > SCATTERED


def _broken(patterns: dict[int, int], order: Sequence[int]) -> int:
    """`scattered`'s numerator: each reading's runs along the order beyond the first."""
    everyone = (1 << len(order)) - 1
    broken = 0
    for mask, count in patterns.items():
        if mask != everyone:
            runs = sum(
                1
                for k, w in enumerate(order)
                if mask >> w & 1 and not (k and mask >> order[k - 1] & 1)
            )
            broken += count * (runs - 1)
    return broken


@settings(max_examples=300, deadline=None)
@given(_generated(3, 7, 30, with_order=True))
def test_no_order_breaks_the_readings_fewer_times_than_the_tree_bound(
    tradition: tuple[int, dict[int, int], list[str | None], list[int], float],
) -> None:
    n, patterns, _, order, _ = tradition
    changes = _Changes(patterns, n)
    everyone = (1 << n) - 1
    total = sum(count for mask, count in patterns.items() if mask != everyone)
    # an order's words changed are twice its readings' runs
    runs = sum(_broken({mask: count}, order) + count for mask, count in patterns.items())
    assert _cost(order, changes, [None] * n, 0.0) == 2 * runs
    if total:
        assert scattered(patterns, order) == _broken(patterns, order) / total
    # every order of up to seven witnesses, tried
    fewest = min(_broken(patterns, way) for way in itertools.permutations(range(n)))
    assert _least_broken(changes) <= fewest


def test_copies_of_one_exemplar_scatter_along_every_order() -> None:
    # each of nine copies loses three readings the others keep and adds two of its own
    n = 9
    everyone = (1 << n) - 1
    patterns = {everyone: 200}
    for w in range(n):
        patterns[everyone & ~(1 << w)] = 3
        patterns[1 << w] = 2
    changes = _Changes(patterns, n)
    assert _scattered_along_every_order(changes)
    # a chain's readings persist: each state keeps what the one before it had, but one
    chain = {everyone: 200} | {(everyone >> w) << w: 4 for w in range(1, n)}
    assert not _scattered_along_every_order(_Changes(chain, n))


def test_many_copies_of_a_poem_scatter_along_every_order_by_the_tree_bound(
    tmp_path: Path,
) -> None:
    # 200 copies of the many-witness benchmark's poem, six slips each: any two copies
    # share too few readings beyond everyone's to decide by the two ends alone, and the
    # order search on 200 witnesses took minutes
    copies(200, tmp_path)
    texts = tuple(path.read_text(encoding="utf-8") for path in sorted(tmp_path.iterdir()))
    changes = _analysis(texts)[1]
    n = len(texts)
    everyone = (1 << n) - 1
    total = sum(count for mask, count in changes.patterns.items() if mask != everyone)
    least = min(changes.common[a][b] for a in range(n) for b in range(a))
    assert (least - changes.patterns.get(everyone, 0)) / total <= SCATTERED
    assert _least_broken(changes) / total > 1.0
    assert _scattered_along_every_order(changes)
    assert not reads_as_revisions(texts)
