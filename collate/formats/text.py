"""A readable alignment table in plain text, laid out as the text reads: one row per
witness (its siglum first), aligned positions side by side, wrapped into blocks as
wide as the terminal (80 columns when there is none, or $COLUMNS). Above each block,
the number of its first position and a `*` over every position where the witnesses
differ; `-` is a gap. Line breaks and tabs inside a token are shown as in `tsv`
(`\\n`, `\\t`); the space after a word is left to the padding.

The blocks are made and written one after another (`chunks`), so the table is never
whole in memory."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator

from ..model import Collation
from .tsv import blocks, escape, header

#: a token wider than this is cut, with "…", so one long token cannot fill a block
_WIDEST = 24
_GUTTER = "  "


def _width(text: str) -> int:
    if text.isascii():  # no wide or combining characters: most cells, found in C
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _fit(text: str, width: int) -> str:
    wide = _width(text)
    while wide > width:
        text = text[:-2] + "…"
        wide = _width(text)
    return text + " " * (width - wide)


def terminal_width() -> int:
    """The width to wrap to: $COLUMNS, else the terminal's, else 80."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def _block(
    sigla: list[str], first: int, columns: list[tuple[bool, list[str], int]], widths: dict[str, int]
) -> str:
    """`columns`: per position, whether the witnesses differ, their cells, and the width
    of the widest; `widths`: each cell's width."""
    label = max(len(str(first)), *(_width(s) for s in sigla))
    marks = _GUTTER.join(_fit("*" if varies else "", w) for varies, _, w in columns)
    lines = [(_fit(str(first), label) + _GUTTER + marks).rstrip()]
    for row, siglum in enumerate(sigla):
        # a cell is never wider than its position: padding it is all `_fit` would do
        shown = _GUTTER.join(cells[row] + " " * (w - widths[cells[row]]) for _, cells, w in columns)
        lines.append((_fit(siglum, label) + _GUTTER + shown).rstrip())
    return "\n".join(lines) + "\n"


def chunks(collation: Collation, width: int | None = None) -> Iterator[str]:
    """The table, one block of positions at a time, each at most `width` columns wide
    (the terminal's by default)."""
    width = width or terminal_width()
    sigla = [_fit(s, _WIDEST).rstrip() for s in header(collation, escape, False)[2:]]
    label = max(_width(s) for s in sigla)
    room = width - label - len(_GUTTER)
    fitted: dict[str, str] = {}  # each distinct cell shortened once
    widths: dict[str, int] = {}  # and its width measured once
    block: list[tuple[bool, list[str], int]] = []
    used, first, blocks_written = 0, 1, 0
    for table in blocks(collation):
        numbers, variant, *cells_of = table
        shown_of = []
        for cells in cells_of:
            for cell in set(cells).difference(fitted):
                shown = fitted[cell] = _fit(cell.rstrip(" "), _WIDEST).rstrip(" ")
                widths[shown] = _width(shown)
            shown_of.append(list(map(fitted.__getitem__, cells)))
        widest_of = [max(map(widths.__getitem__, row)) for row in zip(*shown_of, strict=True)]
        for number, varies, row, widest in zip(
            numbers, variant, zip(*shown_of, strict=True), widest_of, strict=True
        ):
            cell_width = max(1, widest)
            if block and used + len(_GUTTER) + cell_width > room:
                yield ("\n" if blocks_written else "") + _block(sigla, first, block, widths)
                blocks_written += 1
                first, block, used = int(number), [], 0
            used += (len(_GUTTER) if block else 0) + cell_width
            block.append((varies == "yes", list(row), widest))
    if block:
        yield ("\n" if blocks_written else "") + _block(sigla, first, block, widths)


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
