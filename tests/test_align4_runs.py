"""A gap's shared unique n-grams found keeping only the other side's (issue 13): the
very starts that both sides' unique n-grams, intersected, gave before."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines import _anchor_match as match

#: small alphabets, so that texts repeat n-grams and share runs of them
symbols = st.lists(st.integers(min_value=0, max_value=7), max_size=120)


def _intersected(a: list[int], b: list[int], k: int, base: int) -> list[tuple[int, int]]:
    """What `find_runs` did (main 6b731a8): both sides' unique codes, intersected."""
    in_a, in_b = match._unique_codes(a, k, base), match._unique_codes(b, k, base)
    return sorted([(in_b[g], in_a[g]) for g in in_b.keys() & in_a.keys()])


@settings(max_examples=400, deadline=None)
@given(symbols, symbols, st.integers(min_value=1, max_value=4))
def test_shared_starts_are_the_intersected_ones(a: list[int], b: list[int], k: int) -> None:
    base = max([*a, *b, 0]) + 1
    assert match._shared_starts(a, b, k, base) == _intersected(a, b, k, base)


def test_an_ngram_repeated_on_one_side_is_no_start() -> None:
    a = [1, 2, 3, 9, 1, 2, 3, 4, 5]
    b = [0, 1, 2, 3, 4, 5]
    # "1 2" twice in a: not unique there; "3 4" and "4 5" once on each side
    assert match._shared_starts(a, b, 2, 10) == [(3, 6), (4, 7)]
    assert match._shared_starts(a, b, 2, 10) == _intersected(a, b, 2, 10)


def _old_runs_in_arrays(
    j: Any, i: Any, k: int, b: list[int], scorer: match.Scorer
) -> list[match.Run]:
    """`_runs_in_arrays` as it was (main 6b731a8): every start made into a list."""
    if not len(j):
        return []
    ends = np.flatnonzero((np.diff(j) != 1) | (np.diff(i) != 1))
    firsts = np.concatenate(([0], ends + 1)).tolist()
    lasts = np.concatenate((ends, [len(j) - 1])).tolist()
    js, is_ = j.tolist(), i.tolist()
    return [
        match._run((js[f], is_[f]), (js[t], is_[t]), k, b, scorer)
        for f, t in zip(firsts, lasts, strict=True)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=5), min_size=4, max_size=300),
    st.lists(st.integers(min_value=0, max_value=5), min_size=4, max_size=300),
    st.integers(min_value=1, max_value=4),
)
def test_runs_from_arrays_are_those_of_every_start(a: list[int], b: list[int], k: int) -> None:
    found = match._start_arrays(a, b, k)
    assert found is not None
    j, i = found
    scorer = match.Scorer([1.0 + s * 0.75 for s in range(6)], [str(s) for s in range(6)])
    assert match._runs_in_arrays(j, i, k, b, scorer) == _old_runs_in_arrays(j, i, k, b, scorer)
