"""The alignment table as CSV for spreadsheets: like `tsv`, but each token exactly as
it stands (CSV quoting carries tabs and line breaks), so nothing needs unescaping."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..model import Collation
from . import tsv
from .tsv import rows


def chunks(collation: Collation) -> Iterator[str]:
    """The CSV text, a few thousand rows at a time."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180
    for number, row in enumerate(rows(collation, show=str, references=True), start=1):
        writer.writerow(row)
        if number % tsv.ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
