"""The slips' fast paths (issue 13) against the plain computation: the departures
worked out once per pattern of agreement, as bit masks, are the sets the plain reading
of every cell gives; and the grid's readings by column, read in arrays (text ids) or
in lists (texts), tell the same texts apart."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate
from collate.apparatus import _departures, _most_read
from collate.apparatus_grid import Grid

from .strategies import related_texts


def _plain_departures(rows: Sequence[Sequence[object]]) -> tuple[list[set[int]], list[bool]]:
    """`_departures` as it was written before the fast path: a set per column, every
    cell looked at."""
    departing: list[set[int]] = []
    added: list[bool] = []
    for row in rows:
        common, count = _most_read(row)
        if 2 * count <= len(row):
            departing.append(set(range(len(row))))
            added.append(False)
        else:
            departing.append({w for w, text in enumerate(row) if text != common})
            added.append(common is None)
    for w in range(len(rows[0]) if rows else 0):
        gap: list[int] = []
        for at in range(len(rows) + 1):
            if at < len(rows) and rows[at][w] is None:
                gap.append(at)
                continue
            if any(w in departing[g] for g in gap):
                for g in gap:
                    departing[g].add(w)
            gap = []
    return departing, added


def _as_sets(masks: list[int], width: int) -> list[set[int]]:
    return [{w for w in range(width) if mask >> w & 1} for mask in masks]


# few readings, None (no word) often: the patterns recur, as on a real text
_cell = st.sampled_from([None, None, "a", "b", "c", 1, 2])


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 6).flatmap(lambda width: st.lists(st.tuples(*[_cell] * width), max_size=30)))
def test_departures_are_the_plain_computations(rows: list[tuple[object, ...]]) -> None:
    departing, added = _departures(rows)
    plain_departing, plain_added = _plain_departures(rows)
    width = len(rows[0]) if rows else 0
    assert _as_sets(departing, width) == plain_departing
    assert added == plain_added


def _pattern(row: tuple[object, ...]) -> tuple[object, ...]:
    """Which witnesses read alike, and which read nothing."""
    return tuple(None if cell is None else row.index(cell) for cell in row)


@settings(max_examples=60, deadline=None)
@given(related_texts(), st.data())
def test_grid_readings_in_arrays_are_those_in_lists(texts: list[str], data: st.DataObject) -> None:
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    alignment = collate(witnesses).alignment
    length = len(alignment.columns)
    start = data.draw(st.integers(0, length))
    stop = data.draw(st.integers(start, length))
    by_lists = Grid(alignment, arrays=False).readings(start, stop)
    by_arrays = Grid(alignment, arrays=True).readings(start, stop)
    assert len(by_lists) == len(by_arrays) == stop - start
    assert list(map(_pattern, by_arrays)) == list(map(_pattern, by_lists))
    # in lists, each witness's text itself (None: no token, or an empty one)
    for column, row in zip(alignment.columns[start:stop], by_lists, strict=True):
        for tokenized, index, cell in zip(alignment.witnesses, column, row, strict=True):
            assert cell == (None if index is None else tokenized.tokens[index].text or None)
