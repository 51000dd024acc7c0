"""A gap's sound matches made more cheaply (issue 13) are the very ones the code they
replaced made: the chain's predecessors sought over a range (the one further back as
its last step), the points made in order instead of sorted, a stretch's cost without
`abs`. The code replaced (main 6b731a8) is copied here as the reference."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines import _gap_align as gap
from collate.engines._gap_align import Candidate


def _old_stretch_cost(di: int, dj: int) -> float:
    if di == dj:
        return gap.SUBSTITUTION_BITS * di
    return gap.SUBSTITUTION_BITS * min(di, dj) + gap.OPEN_BITS + gap.EXTEND_BITS * abs(di - dj)


def _old_chain(points: Sequence[Candidate], n: int, m: int) -> list[Candidate]:
    best: list[float] = []
    back: list[int] = []
    far = gap._PrefixMax(m)
    pi = [point[0] for point in points]
    pj = [point[1] for point in points]
    scores = [point[2] for point in points]
    added = start = row = 0
    sub, opening, extend = gap.SUBSTITUTION_BITS, gap.OPEN_BITS, gap.EXTEND_BITS
    for k in range(len(points)):
        i, j = pi[k], pj[k]
        if pi[row] != i:
            row = k
        while pi[added] < i - gap.WINDOW:
            far.put(pj[added], best[added] + extend * pi[added], added)
            added += 1
        while pi[start] < i - gap.WINDOW:
            start += 1
        start = max(start, k - gap.SCAN)
        top, came = -_old_stretch_cost(i, j), -1
        further = far.get(j - 1) if j else -1
        x = start
        while True:
            if x < row:
                at = x
                x += 1
            elif further >= 0:
                at, further = further, -1
            else:
                break
            dj = j - pj[at] - 1
            if dj < 0:
                continue
            di = i - pi[at] - 1
            if di == dj:
                value = best[at] - sub * di
            elif di < dj:
                value = best[at] - (sub * di + opening + extend * (dj - di))
            else:
                value = best[at] - (sub * dj + opening + extend * (di - dj))
            if value > top:
                top, came = value, at
        best.append(top + scores[k])
        back.append(came)
    end, last = -_old_stretch_cost(n, m), -1
    for k in range(len(points)):
        value = best[k] - _old_stretch_cost(n - pi[k] - 1, m - pj[k] - 1)
        if value > end:
            end, last = value, k
    chain = []
    while last >= 0:
        chain.append(points[last])
        last = back[last]
    return chain[::-1]


def _old_points(
    a: Sequence[int],
    b: Sequence[int],
    weights: Sequence[float],
    spellings: Sequence[str],
    near: Sequence[Candidate] | None,
) -> list[Candidate]:
    in_a = gap._places(a)
    in_b: dict[int, list[int]] = {}
    for j, symbol in enumerate(b):
        if symbol in in_a:
            in_b.setdefault(symbol, []).append(j)
    chosen = list(in_b)
    if sum(len(in_a[s]) * len(js) for s, js in in_b.items()) > gap.MAX_POINTS:
        chosen.sort(key=lambda s: (-weights[s], s))
        budget = gap.MAX_POINTS
        for at, symbol in enumerate(chosen):
            budget -= len(in_a[symbol]) * len(in_b[symbol])
            if budget < 0:
                chosen = chosen[:at]
                break
    points = [
        (i, j, weights[s], weights[s] > gap.FUNCTION_BITS)
        for s in chosen
        for i in in_a[s]
        for j in in_b[s]
    ]
    if len(a) * len(b) <= gap.NEAR_CELLS:
        points.extend(near if near is not None else gap._near_points(a, b, weights, spellings))
    return sorted(points)


@st.composite
def _gap_points(draw: st.DrawFn) -> tuple[list[Candidate], int, int]:
    """Points of a gap, by (i, j): few rows and many columns at times, so that a row
    holds more than SCAN points and the window starts past it."""
    n = draw(st.integers(min_value=1, max_value=70))
    m = draw(st.integers(min_value=1, max_value=160))
    cells = draw(
        st.sets(
            st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)),
            max_size=400,
        )
    )
    scores = st.sampled_from([0.5, 1.0, 2.5, 4.0, 6.0, 9.5, 13.0])
    points = [(i, j, draw(scores), draw(st.booleans())) for i, j in sorted(cells)]
    return points, n, m


@settings(max_examples=300, deadline=None)
@given(_gap_points())
def test_the_chain_is_the_one_the_old_loop_chose(found: tuple[list[Candidate], int, int]) -> None:
    points, n, m = found
    assert gap._chain(points, n, m) == _old_chain(points, n, m)


def test_a_crowded_row_chains_as_before() -> None:
    """One profile word against a hundred of the witness's, far from the heavy match
    before it: past the row's first SCAN points the window starts past the row, and
    only the predecessor further back can be chosen, as it was (the chain ends on
    the row's last point, which needs it)."""
    points = [(0, 0, 13.0, True)] + [(40, j, 1.0, False) for j in range(41, 141)]
    chain = gap._chain(points, 41, 141)
    assert chain == _old_chain(points, 41, 141)
    assert chain == [(0, 0, 13.0, True), (40, 140, 1.0, False)]


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_stretch_costs_what_it_did(di: int, dj: int) -> None:
    assert gap.stretch_cost(di, dj) == _old_stretch_cost(di, dj)


SPELLINGS = ["colour", "color", "dolour", "the", "thee", "then", "a", "and", "andes", ",", "walk"]
WEIGHTS = [12.0, 11.0, 9.0, 4.0, 10.0, 5.0, 3.0, 4.5, 13.0, 1.0, 8.0]
symbols = st.lists(st.integers(min_value=0, max_value=len(SPELLINGS) - 1), max_size=120)


@settings(max_examples=300, deadline=None)
@given(symbols, symbols, st.booleans())
def test_a_gaps_points_are_the_sorted_ones(a: list[int], b: list[int], given_near: bool) -> None:
    near = gap.near_points(a, b, WEIGHTS, SPELLINGS) if given_near else None
    assert gap._points(a, b, WEIGHTS, SPELLINGS, near) == _old_points(
        a, b, WEIGHTS, SPELLINGS, near
    )


def test_a_large_gap_keeps_the_heaviest_words_points_in_order() -> None:
    """More than MAX_POINTS equal pairs: the lightest words are left out, and the
    points kept are in order all the same."""
    a = [3, 6, 7, 0, 9] * 30
    b = [6, 3, 9, 7, 4, 0] * 30
    assert len(a) * len(b) > gap.NEAR_CELLS
    found = gap._points(a, b, WEIGHTS, SPELLINGS, None)
    assert found == _old_points(a, b, WEIGHTS, SPELLINGS, None)
    assert found == sorted(found)
    # 900 pairs a word: "colour" (12 bits) and "and" (4.5) fit in the budget, and the
    # lighter "the", "a" and "," are left out
    assert {a[i] for i, _, _, _ in found} == {0, 7}


class _Match(NamedTuple):
    """A chain's point by name, as the islands were read before (main 6b731a8)."""

    i: int
    j: int
    score: float
    telling: bool


def _old_telling_islands(chain: Sequence[_Match], least_bits: float) -> list[_Match]:
    kept: list[_Match] = []
    island: list[_Match] = []
    for match in [*chain, None]:
        if island and (
            match is None
            or max(match.i - island[-1].i, match.j - island[-1].j) > gap.ISLAND_GAP + 1
        ):
            inside = sum(
                _old_stretch_cost(y.i - x.i - 1, y.j - x.j - 1)
                for x, y in zip(island, island[1:], strict=False)
            )
            score = sum(m.score for m in island) - inside
            if any(m.telling for m in island) and score >= least_bits:
                kept.extend(island)
            island = []
        if match is not None:
            island.append(match)
    return kept


@settings(max_examples=300, deadline=None)
@given(_gap_points(), st.sampled_from([0.0, 4.0, 11.0, 16.5]))
def test_the_telling_islands_are_those_read_by_name(
    found: tuple[list[Candidate], int, int], least_bits: float
) -> None:
    points, n, m = found
    chain = gap._chain(points, n, m)
    old = _old_telling_islands([_Match(*p) for p in chain], least_bits)
    assert gap._telling_islands(chain, least_bits) == [tuple(p) for p in old]
