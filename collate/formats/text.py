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


class _Layout:
    """What recurs from block to block, worked out once: the sigla and first numbers
    fitted to the label's width, the marks over positions of each width, and each
    cell's width and padding."""

    def __init__(self, sigla: list[str]) -> None:
        self.sigla = sigla
        self.sigla_width = max(_width(s) for s in sigla)
        self.fitted: dict[str, str] = {}  # each distinct cell shortened once
        self.widths: dict[str, int] = {}  # and its width measured once
        #: per shortened cell, its length less its width: `str.ljust` pads by length
        self.extra: dict[str, int] = {}
        self._labels: dict[int, list[str]] = {}
        self._marks: dict[tuple[bool, int], str] = {}

    def cells(self, cells: list[str]) -> list[str]:
        """The cells as shown: cut to `_WIDEST`, the space after a word left to padding."""
        for cell in set(cells).difference(self.fitted):
            shown = self.fitted[cell] = _fit(cell.rstrip(" "), _WIDEST).rstrip(" ")
            self.widths[shown] = _width(shown)
            self.extra[shown] = len(shown) - self.widths[shown]
        return list(map(self.fitted.__getitem__, cells))

    def padded(self, row: tuple[str, ...], width: int) -> list[str]:
        """The cells of one position padded to `width` (which none exceeds)."""
        return list(map(str.ljust, row, map(width.__add__, map(self.extra.__getitem__, row))))

    def block(self, first: int, columns: list[tuple[bool, list[str], int]]) -> str:
        """`columns`: per position, whether the witnesses differ, their padded cells,
        and the width of the widest."""
        label = max(len(str(first)), self.sigla_width)
        labels = self._labels.get(label)
        if labels is None:
            labels = self._labels[label] = [_fit(s, label) + _GUTTER for s in self.sigla]
        marks = _GUTTER.join(self._mark(varies, w) for varies, _, w in columns)
        lines = [(_fit(str(first), label) + _GUTTER + marks).rstrip()]
        rows = zip(*(cells for _, cells, _ in columns), strict=True)
        lines += [
            (lead + _GUTTER.join(row)).rstrip() for lead, row in zip(labels, rows, strict=True)
        ]
        return "\n".join(lines) + "\n"

    def _mark(self, varies: bool, width: int) -> str:
        mark = self._marks.get((varies, width))
        if mark is None:
            mark = self._marks[varies, width] = _fit("*" if varies else "", width)
        return mark


def chunks(collation: Collation, width: int | None = None) -> Iterator[str]:
    """The table, one block of positions at a time, each at most `width` columns wide
    (the terminal's by default)."""
    width = width or terminal_width()
    layout = _Layout([_fit(s, _WIDEST).rstrip() for s in header(collation, escape, False)[2:]])
    room = width - layout.sigla_width - len(_GUTTER)
    widths = layout.widths
    block: list[tuple[bool, list[str], int]] = []
    used, first, blocks_written = 0, 1, 0
    for table in blocks(collation):
        numbers, variant, *cells_of = table
        shown_of = [layout.cells(cells) for cells in cells_of]
        for number, varies, row in zip(numbers, variant, zip(*shown_of, strict=True), strict=True):
            widest = max(map(widths.__getitem__, row))
            cell_width = max(1, widest)
            if block and used + len(_GUTTER) + cell_width > room:
                yield ("\n" if blocks_written else "") + layout.block(first, block)
                blocks_written += 1
                first, block, used = int(number), [], 0
            used += (len(_GUTTER) if block else 0) + cell_width
            block.append((varies == "yes", layout.padded(row, widest), widest))
    if block:
        yield ("\n" if blocks_written else "") + layout.block(first, block)


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
