"""The writers, rewritten for speed (issue 13), held to the code they replace: the
earlier implementations are kept here, and both must write the same text for any
collation (hypothesis), in any block size, with or without a base witness."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import Collation, Edition, Witness
from collate.absences import absences
from collate.formats import dot, text, tsv
from collate.formats import json as json_format
from collate.formats.report import alignment_table, reading_view, tree
from collate.formats.report.kinds import anchor, mark_class
from collate.formats.report.pieces import Pieces, witness_pieces
from collate.formats.report.tree import append_text, el
from collate.model import VariantLocation
from collate.normalize import letter_form
from collate.references import reference_siglum
from collate.variant_graph import variant_graph

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


class _OldLayout:
    """`collate.formats.text._Layout` as it was before (main 6b731a8)."""

    def __init__(self, sigla: list[str]) -> None:
        self.sigla = sigla
        self.sigla_width = max(text._width(s) for s in sigla)
        self.fitted: dict[str, str] = {}
        self.widths: dict[str, int] = {}
        self.extra: dict[str, int] = {}
        self._labels: dict[int, list[str]] = {}
        self._marks: dict[tuple[bool, int], str] = {}

    def cells(self, cells: list[str]) -> list[str]:
        for cell in set(cells).difference(self.fitted):
            shown = self.fitted[cell] = text._fit(cell.rstrip(" "), text._WIDEST).rstrip(" ")
            self.widths[shown] = text._width(shown)
            self.extra[shown] = len(shown) - self.widths[shown]
        return list(map(self.fitted.__getitem__, cells))

    def padded(self, row: tuple[str, ...], width: int) -> list[str]:
        return list(map(str.ljust, row, map(width.__add__, map(self.extra.__getitem__, row))))

    def block(self, first: int, columns: list[tuple[bool, list[str], int]]) -> str:
        label = max(len(str(first)), self.sigla_width)
        labels = self._labels.get(label)
        if labels is None:
            labels = self._labels[label] = [text._fit(s, label) + text._GUTTER for s in self.sigla]
        marks = text._GUTTER.join(self._mark(varies, w) for varies, _, w in columns)
        lines = [(text._fit(str(first), label) + text._GUTTER + marks).rstrip()]
        rows = zip(*(cells for _, cells, _ in columns), strict=True)
        lines += [
            (lead + text._GUTTER.join(row)).rstrip() for lead, row in zip(labels, rows, strict=True)
        ]
        return "\n".join(lines) + "\n"

    def _mark(self, varies: bool, width: int) -> str:
        mark = self._marks.get((varies, width))
        if mark is None:
            mark = self._marks[varies, width] = text._fit("*" if varies else "", width)
        return mark


def _old_text(collation: Collation, width: int) -> Iterator[str]:
    """`collate.formats.text.chunks` as it was before (main 6b731a8), on the earlier
    `tsv.blocks`. (Its `_fit` looped for ever on a mark over a column of empty cells;
    the shared `_fit` used here no longer does.)"""
    layout = _OldLayout(
        [text._fit(s, text._WIDEST).rstrip() for s in tsv.header(collation, tsv.escape, False)[2:]]
    )
    room = width - layout.sigla_width - len(text._GUTTER)
    widths = layout.widths
    block: list[tuple[bool, list[str], int]] = []
    used, first, blocks_written = 0, 1, 0
    for table in _old_blocks(collation):
        numbers, variant, *cells_of = table
        shown_of = [layout.cells(cells) for cells in cells_of]
        for number, varies, row in zip(numbers, variant, zip(*shown_of, strict=True), strict=True):
            widest = max(map(widths.__getitem__, row))
            cell_width = max(1, widest)
            if block and used + len(text._GUTTER) + cell_width > room:
                yield ("\n" if blocks_written else "") + layout.block(first, block)
                blocks_written += 1
                first, block, used = int(number), [], 0
            used += (len(text._GUTTER) if block else 0) + cell_width
            block.append((varies == "yes", layout.padded(row, widest), widest))
    if block:
        yield ("\n" if blocks_written else "") + layout.block(first, block)


def _assert_text_as_before(collation: Collation, width: int, size: int | None) -> None:
    with pytest.MonkeyPatch.context() as patch:
        if size is not None:
            patch.setattr(tsv, "ROWS_PER_CHUNK", size)
        new = "".join(text.chunks(collation, width))
    assert new == "".join(_old_text(collation, width))


@settings(max_examples=80, deadline=None)
@given(
    texts=related_texts(),
    whitespace=st.sampled_from(["spacing", "variants"]),
    width=st.integers(1, 120),
    size=st.none() | st.integers(1, 7),
)
def test_text_table_is_as_before(
    texts: list[str], whitespace: str, width: int, size: int | None
) -> None:
    _assert_text_as_before(_collation(texts, None, whitespace), width, size)


@pytest.mark.parametrize("width", [20, 80, 200])
def test_text_table_is_as_before_on_darwin(width: int) -> None:
    folder = Path(SHARED) / "corpora" / "darwin-ch1"
    if not folder.exists():
        pytest.skip(f"no corpus at {folder} (set COLLATE_SHARED)")
    collation = collate.collate(list(collate.read_witnesses([folder])))
    _assert_text_as_before(collation, width, 1000)


def test_a_mark_over_empty_cells_ends() -> None:
    """Witnesses that begin with different spaces alone, as variants: the position of
    the spaces has no cell wider than nothing, and no mark (before, the mark's fitting
    never ended)."""
    collation = collate.collate(
        [Witness("A", "  a b"), Witness("B", " a b")], whitespace="variants"
    )
    assert collation.apparatus.variant_locations[0].type == "whitespace"
    assert text.write(collation).decode() == "1\nA    a  b\nB    a  b\n"


@settings(max_examples=60, deadline=None)
@given(texts=related_texts(), whitespace=st.sampled_from(["spacing", "variants"]))
def test_json_is_what_json_dumps_writes(texts: list[str], whitespace: str) -> None:
    """The JSON's cells, now encoded once per distinct token across the witnesses, are
    still exactly what `json.dumps` writes of the whole table."""
    collation = _collation(texts, None, whitespace)
    expected = json.dumps(
        json_format.table(collation), ensure_ascii=False, sort_keys=True, indent=1
    )
    assert json_format.write(collation) == (expected + "\n").encode("utf-8")


def _old_pane_text(
    text: etree._Element, pieces: Pieces, siglum: str, marks: Sequence[tuple[str, str]]
) -> None:
    """`collate.formats.report.reading_view._pane_text` as it was before (main
    6b731a8)."""
    quiet = reading_view._quiet(pieces, siglum)
    for block in reading_view._text_blocks(pieces, siglum):
        chunk = el(text, "div", None, {"class": "chunk"})
        for piece in block:
            if isinstance(piece, str):
                append_text(chunk, piece)
                continue
            location = pieces.locations[piece]
            reading = pieces.reading(siglum, piece)
            attrs = {"class": marks[piece][0], "href": marks[piece][1]}
            lacks = None if reading else pieces.lacks(siglum, piece)
            if not reading:
                attrs["aria-label"] = f"variant {location.number}: no text here"
            if lacks is not None:
                attrs["class"] += f" lacks-{lacks}"
                attrs["aria-label"] = f"variant {location.number}: {reading_view._LACKS[lacks]}"
            if piece in quiet:
                attrs["class"] += " cont"
            el(chunk, "a", reading or None, attrs)


def _old_location_row(
    body: etree._Element,
    location: VariantLocation,
    sigla: Sequence[str],
    links: bool,
    absent: dict[str, dict[int, str]],
) -> None:
    """`collate.formats.report.alignment_table._location_row` as it was before (main
    6b731a8)."""
    group_of = {s: str(g) for g, group in enumerate(location.groups) for s in group.sigla}
    attrs = {"class": mark_class(location), "data-groups": " ".join(group_of[s] for s in sigla)}
    if links:
        attrs["id"] = anchor(location.number)
    if location.transposed_with is not None:
        attrs["data-moved"] = str(location.transposed_with)
    row = el(body, "tr", None, attrs)
    el(row, "th", str(location.number), {"scope": "row"})
    text_of = {s: reading.text for reading in location.readings for s in reading.sigla}
    for siglum in sigla:
        text = text_of[siglum]
        if location.type == "whitespace":
            text = text.translate(alignment_table._VISIBLE_WHITESPACE)
        lacks = None if text else absent.get(siglum, {}).get(location.number)
        kind = "om" if lacks is None else f"lacks-{lacks}"
        attributes = None if text else {"class": kind}
        if text and location.type == "encoding":
            attributes = {"title": alignment_table._LETTER_FORMS[letter_form(text)]}
        el(row, "td", text or None, attributes)


def _assert_report_parts_as_before(collation: Collation, lacuna_marker: str) -> None:
    apparatus = collation.apparatus
    absent = absences(apparatus, lacuna_marker)
    pieces = witness_pieces(apparatus, absent, lacuna_marker)
    marks = [("v " + mark_class(x), "#" + anchor(x.number)) for x in pieces.locations]
    for siglum in apparatus.sigla:
        new, old = etree.Element("div"), etree.Element("div")
        reading_view._pane_text(new, pieces, siglum, marks)
        _old_pane_text(old, pieces, siglum, marks)
        assert etree.tostring(new, method="html") == etree.tostring(old, method="html")
    for links in (True, False):
        new, old = etree.Element("tbody"), etree.Element("tbody")
        for location in apparatus.variant_locations:
            alignment_table._location_row(new, location, apparatus.sigla, links, absent)
            _old_location_row(old, location, apparatus.sigla, links, absent)
        assert etree.tostring(new, method="html") == etree.tostring(old, method="html")


@settings(max_examples=60, deadline=None)
@given(
    texts=related_texts(),
    whitespace=st.sampled_from(["spacing", "variants"]),
    lacunae=st.lists(st.integers(0, 30), max_size=3),
    chunk=st.sampled_from([5, 40, tree.CHUNK_CHARACTERS]),
)
def test_report_parts_are_as_before(
    texts: list[str], whitespace: str, lacunae: list[int], chunk: int
) -> None:
    """The reading view's panes and the alignment table's rows, as before: with lost
    text marked (a lacuna's sign put into a witness) and blocks of any size."""
    for at in lacunae:
        w = at % len(texts)
        texts[w] = texts[w][: at % (len(texts[w]) + 1)] + " [...] " + texts[w][at:]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tree, "CHUNK_CHARACTERS", chunk)
        _assert_report_parts_as_before(_collation(texts, None, whitespace), "[...]")


def _old_dot(collation: Collation) -> bytes:
    """`collate.formats.dot.write` as it was before (main 6b731a8)."""
    graph = variant_graph(collation, None)
    lines = ["digraph variant_graph {", "  rankdir=TB;", "  node [shape=box];"]
    for i, node in enumerate(graph.nodes):
        label = "\n".join(" ".join(line.split()) for line in node.lines())
        lines.append(f"  n{i} [label={dot._quote(label)}];")
    for (a, b), names in graph.edges().items():
        sigla = "\n".join(textwrap.wrap(", ".join(names), 24, break_long_words=False))
        lines.append(f"  n{a} -> n{b} [label={dot._quote(sigla)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(
    texts=related_texts(),
    sigla=st.lists(
        st.from_regex(r"[A-Za-z][A-Za-z0-9 ,-]{0,10}[A-Za-z0-9]", fullmatch=True), min_size=6
    ),
)
def test_variant_graph_is_as_before(texts: list[str], sigla: list[str]) -> None:
    """The DOT graph, its labels now wrapped once per distinct reading and group of
    witnesses, as before (with sigla long enough to wrap)."""
    names = list(dict.fromkeys(sigla))
    witnesses = [
        Witness(names[i] if i < len(names) else f"W{i}", text) for i, text in enumerate(texts)
    ]
    collation = collate.collate(witnesses)
    assert dot.write(collation) == _old_dot(collation)
