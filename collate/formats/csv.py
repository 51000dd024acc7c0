"""The alignment table as CSV for spreadsheets: like `tsv`, but each token exactly as
it stands (CSV quoting carries tabs and line breaks), so nothing needs unescaping."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice

from ..model import Collation
from .tsv import ROWS_PER_CHUNK, rows


def chunks(collation: Collation) -> Iterator[str]:
    """The CSV text, a few thousand rows at a time."""
    table = rows(collation, show=str)
    while True:
        buffer = io.StringIO(newline="")
        block = list(islice(table, ROWS_PER_CHUNK))
        csv.writer(buffer, lineterminator="\r\n").writerows(block)  # RFC 4180
        yield buffer.getvalue()
        if len(block) < ROWS_PER_CHUNK:
            return


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
