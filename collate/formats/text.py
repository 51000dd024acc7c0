"""A readable alignment table in plain text, laid out as the text reads: one row per
witness (its siglum first), aligned positions side by side, wrapped into blocks as
wide as the terminal (80 columns when there is none, or $COLUMNS). Above each block,
the number of its first position and a `*` over every position where the witnesses
differ; `-` is a gap. Line breaks and tabs inside a token are shown as in `tsv`
(`\\n`, `\\t`); the space after a word is left to the padding.

The blocks are made and written a few thousand positions at a time (`chunks`), so the
table is never whole in memory; each such piece is laid out a witness's row at a time,
most of it by `map` in C."""

from __future__ import annotations

import shutil
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate, repeat
from operator import add, getitem, sub

from ..model import Collation
from .tsv import GAP, blocks, escape, header

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
    if width < 1:  # nothing fits: a mark over a column of empty cells (never "…" alone)
        return ""
    wide = _width(text)
    while wide > width:
        text = text[:-2] + "…"
        wide = _width(text)
    return text + " " * (width - wide)


def terminal_width() -> int:
    """The width to wrap to: $COLUMNS, else the terminal's, else 80."""
    return max(20, shutil.get_terminal_size((80, 24)).columns)


class _Layout:
    """What recurs from block to block, worked out once: each distinct cell as shown
    and its width, the sigla fitted to the label's width, and the marks over positions
    of each width."""

    def __init__(self, sigla: list[str]) -> None:
        self.sigla = sigla
        self.sigla_width = max(map(_width, sigla))
        #: each cell as shown -> its width
        self.widths: dict[str, int] = {GAP: len(GAP)}
        #: "yes" (the witnesses differ) or "" -> per width, the mark over a position
        self.marks: dict[str, list[str]] = {"yes": [], "": []}
        self._labels: dict[int, list[str]] = {}

    def show(self, surface: str) -> str:
        """A token as its cell shows it (`tsv.blocks` asks once per distinct surface):
        escaped as in `tsv`, cut to `_WIDEST`, the space after a word left to padding."""
        shown = _fit(escape(surface).rstrip(" "), _WIDEST).rstrip(" ")
        self.widths[shown] = _width(shown)
        return shown

    def fit_marks(self, widest: int) -> None:
        """Marks for every width up to `widest`."""
        for varies, marks in self.marks.items():
            marks += [_fit("*" if varies else "", w) for w in range(len(marks), widest + 1)]

    def block(self, first: int, marks: list[str], rows: list[list[str]]) -> str:
        """One block: the number of its first position and the marks over its
        positions, then each witness's padded cells."""
        label = max(len(str(first)), self.sigla_width)
        labels = self._labels.get(label)
        if labels is None:
            labels = self._labels[label] = [_fit(s, label) + _GUTTER for s in self.sigla]
        lines = [(_fit(str(first), label) + _GUTTER + _GUTTER.join(marks)).rstrip()]
        lines += [
            (lead + _GUTTER.join(row)).rstrip() for lead, row in zip(labels, rows, strict=True)
        ]
        return "\n".join(lines) + "\n"


def chunks(collation: Collation, width: int | None = None) -> Iterator[str]:
    """The table, a few thousand positions at a time, in blocks each at most `width`
    columns wide (the terminal's by default).

    A block takes positions while the next still fits: with each position as wide as
    its widest cell (at least 1) and a gutter after it, the block from position s
    takes every position e whose running width (`ends`) is within the room and a
    gutter of `ends[s]`, which bisection finds. The positions after the last full block
    of a piece wait for the next piece."""
    width = width or terminal_width()
    layout = _Layout([_fit(s, _WIDEST).rstrip() for s in header(collation, escape, False)[2:]])
    room = width - layout.sigla_width - len(_GUTTER)
    widths = layout.widths
    # the positions not yet written: their first number, their marks, each witness's
    # padded cells, and each position's width and gutter
    first, marks, steps = 1, list[str](), list[int]()
    rows: list[list[str]] = [[] for _ in layout.sigla]
    blocks_written = 0
    for table in blocks(collation, layout.show):
        _, variant, *cells_of = table
        widths_of = [list(map(widths.__getitem__, cells)) for cells in cells_of]
        widest = list(map(max, *widths_of)) if len(widths_of) > 1 else widths_of[0]
        layout.fit_marks(max(widest))
        spaces = layout.marks[""]  # a mark of no variation is the spaces of its width
        marks += map(getitem, map(layout.marks.__getitem__, variant), widest)
        for row, cells, cell_widths in zip(rows, cells_of, widths_of, strict=True):
            row += map(add, cells, map(spaces.__getitem__, map(sub, widest, cell_widths)))
        steps += map(add, map(max, widest, repeat(1)), repeat(len(_GUTTER)))
        ends = list(accumulate(steps, initial=0))
        pieces: list[str] = []
        start = 0
        while True:
            stop = max(start + 1, bisect_right(ends, ends[start] + room + len(_GUTTER)) - 1)
            if stop >= len(steps):  # the block may go on in the next piece
                break
            block = layout.block(first + start, marks[start:stop], [r[start:stop] for r in rows])
            pieces.append("\n" + block if blocks_written else block)
            blocks_written += 1
            start = stop
        first += start
        marks, steps = marks[start:], steps[start:]
        rows = [row[start:] for row in rows]
        if pieces:
            yield "".join(pieces)
    if steps:
        block = layout.block(first, marks, rows)
        yield "\n" + block if blocks_written else block


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
