"""A readable alignment table in plain text: one row per aligned position, witnesses in
padded columns, variant positions marked with "*". Whitespace is shown as in `tsv`.

The column widths need the whole table, so its rows are made twice (once to measure,
once to write) rather than kept: the text is written in pieces (`chunks`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..model import Collation
from . import tsv
from .tsv import GAP, escape, rows

_WIDEST = 24


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))


def _widths(collation: Collation) -> list[int]:
    """The width of each column: its widest cell, measured once per distinct token."""
    alignment = collation.alignment
    widths = [len("position"), 0]  # positions are ASCII digits, the mark one character
    widths[0] = max(widths[0], len(str(len(alignment.columns))))
    for siglum, witness in zip(alignment.sigla, alignment.witnesses, strict=True):
        cells = {escape(token.surface) for token in set(witness.tokens)}
        if len(witness.tokens) < len(alignment.columns):
            cells.add(GAP)
        widths.append(max(_width(cell) for cell in (*cells, siglum)))
    return [min(_WIDEST, w) for w in widths]


def chunks(collation: Collation) -> Iterator[str]:
    """The text, a few thousand rows at a time."""
    widths = _widths(collation)
    # per column, each distinct cell fitted once: the same words recur all through a text
    fitted: list[dict[str, str]] = [{} for _ in widths]
    lines: list[str] = []
    for row in rows(collation):
        cells = [row[0].ljust(widths[0]), "*" if row[1] == "yes" else " "]  # ASCII digits
        for i in range(2, len(row)):
            cell = row[i]
            text = fitted[i].get(cell)
            if text is None:
                text = fitted[i][cell] = _fit(cell, widths[i])
            cells.append(text)
        lines.append("  ".join(cells).rstrip() + "\n")
        if len(lines) == tsv.ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
