"""The table writers, rewritten for speed (issue 13), held to the code they replace: the
earlier implementations are kept here, and both must write the same text for any
collation (hypothesis), in any block size, with or without a base witness."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate import Collation, Edition, Witness
from collate.formats import tsv
from collate.references import reference_siglum

from .conftest import SHARED
from .strategies import related_texts

_TEXT = attrgetter("text")
_WHITESPACE = attrgetter("whitespace")
_IS_NONE = partial(is_, None)


def _old_blocks(
    collation: Collation,
    show: Callable[[str], str] = tsv.escape,
    references: bool = False,
    size: int | None = None,
) -> Iterator[list[list[str]]]:
    """`collate.formats.tsv.blocks` as it was before (main 6b731a8)."""
    alignment = collation.alignment
    columns = alignment.columns
    locations = {
        column: location.number
        for location in collation.apparatus.variant_locations
        for column in range(*location.columns)
    }
    shown: dict[str, str] = {}
    per_witness: list[list[str]] = []
    reference = alignment.sigla.index(reference_siglum(collation.apparatus, collation.edition))
    breaks: list[int] = []
    worded: list[bool] = []
    for w, tokenized in enumerate(alignment.witnesses):
        tokens = tokenized.tokens
        surfaces = list(map(str.__add__, map(_TEXT, tokens), map(_WHITESPACE, tokens)))
        found: list[str | None] = list(map(shown.get, surfaces))
        for at in list(compress(range(len(found)), map(_IS_NONE, found))):
            surface = surfaces[at]
            text = shown.get(surface)
            found[at] = shown[surface] = show(surface) if text is None else text
        found.append(tsv.GAP)
        per_witness.append(found)  # type: ignore[arg-type]  # none is None now
        if references and w == reference:
            breaks = [*map(str.count, surfaces, repeat("\n")), 0]
            worded = [*map(bool, map(_TEXT, tokens)), False]
    line = 1
    after_word = 0
    variant = {True: "yes", False: ""}
    size = size or tsv.ROWS_PER_CHUNK
    for start in range(0, len(columns), size):
        stop = min(start + size, len(columns))
        block = columns[start:stop]
        numbers = range(start, stop)
        table: list[list[str]] = [
            [*map(str, range(start + 1, stop + 1))],
            [variant[n in locations] for n in numbers],
        ]
        cells_of: list[list[int]] = []
        for own, down in zip(per_witness, zip(*block, strict=True), strict=True):
            cells: list[int] = [-1 if cell is None else cell for cell in down]
            cells_of.append(cells)
            table.append(list(map(own.__getitem__, cells)))
        if references:
            table.append([str(locations[n]) if n in locations else "" for n in numbers])
            counts = []
            for cell in cells_of[reference]:
                if cell == -1:
                    counts.append(max(1, line - after_word))
                    continue
                counts.append(line)
                line += breaks[cell]
                after_word = breaks[cell] if worded[cell] else after_word + breaks[cell]
            table.append(list(map(str, counts)))
        yield table


def _collation(texts: list[str], base: int | None, whitespace: str) -> Collation:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    edition = Edition(base=None if base is None else witnesses[base % len(witnesses)].siglum)
    return collate.collate(witnesses, edition=edition, whitespace=whitespace)  # type: ignore[arg-type]


def _assert_blocks_as_before(collation: Collation, size: int | None) -> None:
    for references in (False, True):
        for show in (tsv.escape, str.upper):
            new = list(tsv.blocks(collation, show, references, size))
            assert new == list(_old_blocks(collation, show, references, size))


@settings(max_examples=80, deadline=None)
@given(
    texts=related_texts(),
    base=st.none() | st.integers(0, 4),
    whitespace=st.sampled_from(["spacing", "variants"]),
    size=st.none() | st.integers(1, 7),
)
def test_table_blocks_are_as_before(
    texts: list[str], base: int | None, whitespace: str, size: int | None
) -> None:
    _assert_blocks_as_before(_collation(texts, base, whitespace), size)


@pytest.mark.parametrize("base", [None, "1869"])
def test_table_blocks_are_as_before_on_darwin(base: str | None) -> None:
    folder = Path(SHARED) / "corpora" / "darwin-ch1"
    if not folder.exists():
        pytest.skip(f"no corpus at {folder} (set COLLATE_SHARED)")
    witnesses = list(collate.read_witnesses([folder]))
    collation = collate.collate(witnesses, edition=Edition(base=base))
    _assert_blocks_as_before(collation, 1000)
