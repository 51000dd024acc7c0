"""The Indel similarity made in `collate.engines._indel`: the very numbers rapidfuzz
gives, for spellings and for sequences of symbols, and the same alignment whichever of
the two makes them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from collate import Witness, collate, render
from collate.engines import _indel

ROOT = Path(__file__).resolve().parent.parent

#: spellings drawn from a few letters, so that many pairs are alike, with some
#: letters beyond ASCII
_SPELLINGS = st.text(alphabet="aeinrstæœé", max_size=12)


@pytest.fixture
def no_budget() -> Iterator[None]:
    """Every comparison made by rapidfuzz (as in a long run, once the budget is spent)."""
    spent = _indel._SPENT[0]
    _indel._SPENT[0] = _indel.BUDGET + 1
    yield
    _indel._SPENT[0] = spent


@pytest.fixture
def budget() -> Iterator[None]:
    """Every comparison made here."""
    spent = _indel._SPENT[0]
    _indel._SPENT[0] = -(10**12)
    yield
    _indel._SPENT[0] = spent


@pytest.mark.usefixtures("budget")
@given(_SPELLINGS, _SPELLINGS)
def test_ratio_is_rapidfuzz_ratio(a: str, b: str) -> None:
    assert _indel.ratio(a, b) == fuzz.ratio(a, b)


@pytest.mark.usefixtures("budget")
@given(st.lists(st.integers(0, 6), max_size=150), st.lists(st.integers(0, 6), max_size=150))
def test_similarity_is_rapidfuzz_similarity(a: list[int], b: list[int]) -> None:
    assert _indel.normalized_similarity(a, b) == Indel.normalized_similarity(a, b)


@pytest.mark.usefixtures("budget")
@given(_SPELLINGS, st.lists(_SPELLINGS, max_size=20), st.sampled_from([0.0, 60.0, 75.0, 100.0]))
def test_near_finds_what_rapidfuzz_extracts(
    query: str, spellings: list[str], cutoff: float
) -> None:
    choices = dict(enumerate(spellings))
    found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    assert _indel.near(query, choices, cutoff) == sorted(
        ((key, score) for _, score, key in found), key=lambda kept: kept[0]
    )


def test_near_by_rapidfuzz_keeps_the_order_of_the_choices(no_budget: None) -> None:
    choices = {7: "colour", 3: "color", 5: "dolour", 1: "cat"}
    assert _indel.near("colour", choices, 60.0) == [
        (7, 100.0),
        (3, fuzz.ratio("colour", "color")),
        (5, fuzz.ratio("colour", "dolour")),
    ]


def _seeds() -> list[Witness]:
    paths = sorted(ROOT.glob("seeds/*.txt"))
    return [Witness(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def test_the_same_collation_whoever_compares() -> None:
    """The seeds (unrelated reports: many gaps, near spellings sought in each) collated
    with every comparison made here, and with every one made by rapidfuzz."""
    witnesses = _seeds()
    spent = _indel._SPENT[0]
    try:
        _indel._SPENT[0] = -(10**12)
        here = render(collate(witnesses), "tei")
        _indel._SPENT[0] = _indel.BUDGET + 1
        by_rapidfuzz = render(collate(witnesses), "tei")
    finally:
        _indel._SPENT[0] = spent
    assert here == by_rapidfuzz


#: spellings long enough to span more than one machine word of letter bits (`_indel`),
#: with letters repeated, so that carries run far within a spelling
_LONG_SPELLINGS = st.text(alphabet="aeinœ", max_size=26)


@pytest.mark.usefixtures("budget")
@given(
    st.lists(_LONG_SPELLINGS, max_size=6),
    st.lists(_LONG_SPELLINGS, max_size=30),
    st.sampled_from([0.0, 30.0, 60.0, 75.0, 100.0]),
)
def test_near_each_compares_as_one_by_one(
    queries: list[str], spellings: list[str], cutoff: float
) -> None:
    """All the choices compared at once (side by side in one integer) give each query
    the choices and ratios that comparing it with each choice alone gives."""
    choices = {7 * key + 3: spelling for key, spelling in enumerate(spellings)}
    one_by_one = [
        [
            (key, r)
            for key, spelling in choices.items()
            if (r := _indel.ratio(q, spelling)) >= cutoff
        ]
        for q in queries
    ]
    assert _indel.near_each(queries, choices, cutoff) == one_by_one


@pytest.mark.usefixtures("budget")
@pytest.mark.parametrize("query", ["a" * 9, "a" * 8 + "b", "b" + "a" * 8, "ba" * 5])
def test_a_carry_stops_at_its_spelling(query: str) -> None:
    """A spelling of 8 letters, all in the query, fills a byte: its carries go into the
    guard beyond it, never into the next spelling, which keeps its own similarity."""
    choices = {1: "a" * 8, 2: "a", 3: "ab", 4: "a" * 7, 5: "ba", 6: ""}
    assert _indel.near_each([query], choices, 0.0) == [
        [(key, fuzz.ratio(query, spelling)) for key, spelling in choices.items()]
    ]
