"""The alignment table as CSV for spreadsheets: like `tsv`, but each token exactly as
it stands (CSV quoting carries tabs and line breaks), except that a spreadsheet must
never take a cell for a formula: a cell (siglum or token) of more than one character
that begins with `=`, `+`, `-`, `@`, a tab or a carriage return, after any apostrophes,
gets one more apostrophe in front (`=1+2` is written `'=1+2`, `'=x` as `''=x`). To read
a cell back exactly, remove one leading apostrophe where apostrophes, then one of
those characters and at least one more, make up the cell.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from ..model import Collation
from . import tsv
from .tsv import rows

_STARTS = frozenset("=+-@\t\r'")
_FORMULA = re.compile("'*[=+\\-@\t\r].", re.DOTALL)


def _as_text(cell: str) -> str:
    """The cell, with an apostrophe in front where a spreadsheet could take it for a
    formula (see the module's docstring)."""
    if cell[:1] in _STARTS and _FORMULA.match(cell):
        return "'" + cell
    return cell


def chunks(collation: Collation) -> Iterator[str]:
    """The CSV text, a few thousand rows at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    for number, row in enumerate(rows(collation, show=str), start=1):
        writer.writerow([_as_text(cell) for cell in row])
        if number % tsv.ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
