"""A readable alignment table in plain text: one row per aligned position, witnesses in
padded columns, variant positions marked with "*". Whitespace is shown as in `tsv`."""

from __future__ import annotations

import unicodedata

from ..model import Collation
from .tsv import rows

_WIDEST = 24


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text + " " * (width - _width(text))


def write(collation: Collation) -> bytes:
    table = list(rows(collation))
    widths = [min(_WIDEST, max(_width(row[i]) for row in table)) for i in range(len(table[0]))]
    lines = []
    for row in table:
        mark = "*" if row[1] == "yes" else " "
        cells = [_fit(row[0], widths[0]), mark]
        cells += [_fit(cell, widths[i]) for i, cell in enumerate(row[2:], start=2)]
        lines.append("  ".join(cells).rstrip())
    return ("\n".join(lines) + "\n").encode("utf-8")
