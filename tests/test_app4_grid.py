"""The apparatus grid read in compiled loops (issue 13) gives the counts and runs the
chain of `map`s in C gave."""

from __future__ import annotations

from collections import deque
from itertools import accumulate, compress, groupby, repeat
from operator import and_, attrgetter, eq, is_not, itemgetter, not_

from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate
from collate.apparatus_grid import SHARED, VARIANT, VOID, Grid, Kind
from collate.model import (
    Alignment,
)

from .strategies import related_texts

_TEXT = attrgetter("text")


def _kinds_before(all_texts: list[list[str | None]]) -> list[Kind]:
    """`collate.apparatus_grid._kinds` as it was: the shared columns found by `map`."""
    width = len(all_texts)
    first = all_texts[0]
    shared = list(map(is_not, first, repeat(None)))
    for other in all_texts[1:]:
        shared = list(map(and_, shared, map(eq, first, other)))
    kinds: list[Kind] = [SHARED] * len(first)
    for number in compress(range(len(first)), map(not_, shared)):
        texts = [own[number] for own in all_texts]
        present = [t for t in texts if t is not None]
        if not present:
            kinds[number] = VOID
        elif present.count(present[0]) != len(present) or len(present) == 1:
            kinds[number] = VARIANT
        elif len(present) == width:
            kinds[number] = SHARED
        else:
            kinds[number] = tuple(t is not None for t in texts)
    return kinds


def _grid_before(alignment: Alignment) -> tuple[list[list[int]], list[list[int]], list[object]]:
    """`Grid._read_lists` as it was: tokens and words before each column, and the runs."""
    columns = alignment.columns
    width = len(alignment.witnesses)
    downs = (map(itemgetter(w), columns) for w in range(width))
    all_texts: list[list[str | None]] = []
    tokens_before, words_before = [], []
    for tokenized, down in zip(alignment.witnesses, downs, strict=True):
        own: list[str | None] = list(map(_TEXT, tokenized.tokens))
        for empty in list(compress(range(len(own)), map(not_, own))):
            own[empty] = None
        present = list(map(is_not, down, repeat(None)))
        texts: list[str | None] = [None] * len(present)
        deque(map(texts.__setitem__, compress(range(len(present)), present), own), maxlen=0)
        all_texts.append(texts)
        tokens_before.append(list(accumulate(present, initial=0)))
        words_before.append(list(accumulate(map(is_not, texts, repeat(None)), initial=0)))
    kinds = _kinds_before(all_texts) if all_texts else []
    runs: list[object] = []
    start = 0
    for kind, members in groupby(kinds):
        stop = start + len(list(members))
        runs.append((kind, start, stop))
        start = stop
    return tokens_before, words_before, runs


def _collated(texts: list[str], variants: bool) -> Alignment:
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    return collate(witnesses, whitespace="variants" if variants else "spacing").alignment


@settings(max_examples=150, deadline=None)
@given(related_texts(), st.booleans())
def test_grid_in_loops_is_the_grid_in_maps(texts: list[str], variants: bool) -> None:
    alignment = _collated(texts, variants)
    grid = Grid(alignment, arrays=False)
    tokens_before, words_before, runs = _grid_before(alignment)
    assert grid.tokens_before == tokens_before
    assert grid.words_before == words_before
    assert grid.runs() == runs
