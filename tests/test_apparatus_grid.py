"""The apparatus grid read in numpy (long alignments) gives the kinds, runs and counts
the grid read in lists gives (issue 13: same output, faster)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate
from collate.apparatus_grid import SHARED, VARIANT, VOID, Grid

from .strategies import related_texts


@settings(max_examples=80, deadline=None)
@given(related_texts(), st.booleans())
def test_array_grid_is_the_list_grid(texts: list[str], variants: bool) -> None:
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    alignment = collate(witnesses, whitespace="variants" if variants else "spacing").alignment
    by_lists, by_arrays = Grid(alignment, arrays=False), Grid(alignment, arrays=True)
    assert by_arrays.runs() == by_lists.runs()
    # the same counts, in arrays and in lists
    assert [list(a) for a in by_arrays.tokens_before] == by_lists.tokens_before
    assert [list(a) for a in by_arrays.words_before] == by_lists.words_before


def test_every_kind_of_column_in_arrays() -> None:
    """Shared, variant, void and two patterns of partial columns, in runs."""
    texts = [
        "  the cat sat on a mat",  # leading whitespace: an empty token, a void column
        "the dog sat on a mat",
        "the dog sat a mat",
        "the cat sat on mat",
    ]
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    alignment = collate(witnesses).alignment
    runs = Grid(alignment, arrays=True).runs()
    assert runs == Grid(alignment, arrays=False).runs()
    kinds = [kind for kind, _, _ in runs]
    assert {SHARED, VARIANT, VOID} <= set(kinds)
    partial = [kind for kind in kinds if isinstance(kind, tuple)]
    assert (True, True, False, True) in partial and (True, True, True, False) in partial
    # runs cover the columns in order, each run one kind, neighbours of different kinds
    assert [start for _, start, _ in runs] == [0, *(stop for _, _, stop in runs[:-1])]
    assert runs[-1][2] == len(alignment.columns)
    assert all(a[0] != b[0] for a, b in zip(runs, runs[1:], strict=False))
