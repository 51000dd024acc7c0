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
from .tsv import blocks, header

_STARTS = frozenset("=+-@\t\r'")
_FORMULA = re.compile("'*[=+\\-@\t\r].", re.DOTALL)


def spreadsheet_cell(cell: str) -> str:
    """The cell, with an apostrophe in front where a spreadsheet could take it for a
    formula (see the module's docstring); every CSV collate writes goes through it."""
    if cell[:1] in _STARTS and _FORMULA.match(cell):
        return "'" + cell
    return cell


def chunks(collation: Collation) -> Iterator[str]:
    """The CSV text, a few thousand rows at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    # the positions' numbers, "yes" and the lines never look like a formula: only the
    # sigla and tokens, each distinct one checked once, need the apostrophe
    writer.writerow(header(collation, spreadsheet_cell, True))
    for block in blocks(collation, show=spreadsheet_cell, references=True):
        writer.writerows(zip(*block, strict=True))
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
