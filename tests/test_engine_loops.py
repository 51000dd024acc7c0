"""The anchor engine's compiled-loop shortcuts (issue 13) give exactly what the plain
computations they replaced give: n-grams numbered as ints against n-grams as tuples,
neighbouring pairs as ints against pairs as tuples, the short moves' candidates by one
loop against the chain of maps it replaced."""

from __future__ import annotations

from itertools import compress
from operator import sub

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines import _anchor_match as match
from collate.engines._gap_align import _places
from collate.engines._short_moves import REACH, _candidates

#: small alphabets, so that texts repeat n-grams and share runs of them
symbols = st.lists(st.integers(min_value=0, max_value=9), max_size=80)


@settings(max_examples=200, deadline=None)
@given(symbols, st.integers(min_value=1, max_value=4), st.integers(min_value=10, max_value=50))
def test_numbered_grams_are_the_tuple_grams(seq: list[int], k: int, base: int) -> None:
    by_tuple = match._unique_grams(seq, k)
    by_code = match._unique_codes(seq, k, base)
    # the same n-grams found once, at the same places, in the same order
    assert list(by_code.values()) == list(by_tuple.values())
    for gram, at in by_tuple.items():
        digits = gram if k > 1 else (gram,)
        code = 0
        for symbol in digits:
            code = code * base + symbol
        assert by_code[code] == at


@settings(max_examples=200, deadline=None)
@given(symbols, symbols, st.integers(min_value=1, max_value=4))
def test_runs_by_numbers_are_the_runs_by_tuples(a: list[int], b: list[int], k: int) -> None:
    weights = [0.5 + (s % 4) for s in range(10)]
    scorer = match.Scorer(weights, [str(s) for s in range(10)])
    grams = (match._unique_grams(a, k), match._unique_grams(b, k))
    if len(a) >= k and len(b) >= k:
        assert match.find_runs(a, b, k, 2.0, scorer) == match.find_runs(a, b, k, 2.0, scorer, grams)


@settings(max_examples=200, deadline=None)
@given(symbols, symbols)
def test_linked_pairs_are_those_of_tuples(a: list[int], b: list[int]) -> None:
    bounds = match._RunBounds(a, b, [1.0] * 10)
    follows = set(zip(a, a[1:], strict=False))
    plain = list(compress(range(1, len(b)), map(follows.__contains__, zip(b, b[1:], strict=False))))
    assert bounds._linked() == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.booleans(), max_size=90), st.data())
def test_candidates_are_those_of_the_chain_of_maps(loose: list[bool], data: st.DataObject) -> None:
    firm = sorted(data.draw(st.sets(st.integers(0, max(len(loose) - 1, 0)))) if loose else [])
    edges = [-1, *firm, len(loose)]
    plain: list[int] = []
    for at in compress(range(len(edges) - 1), map((1).__lt__, map(sub, edges[1:], edges[:-1]))):
        before, after = edges[at], edges[at + 1]
        span = range(max(before + 1, after - REACH), min(after, before + REACH + 1))
        plain.extend(compress(span, loose[span.start : span.stop]))
    assert _candidates(firm, loose) == plain


@given(symbols)
def test_places_are_those_of_setdefault(side: list[int]) -> None:
    plain: dict[int, list[int]] = {}
    for at, symbol in enumerate(side):
        plain.setdefault(symbol, []).append(at)
    assert list(_places(side).items()) == list(plain.items())
