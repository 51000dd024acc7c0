"""The alignment table as CSV for spreadsheets: like `tsv`, but each token exactly as
it stands (CSV quoting carries tabs and line breaks), so nothing needs unescaping."""

from __future__ import annotations

import csv
import io

from ..model import Collation
from .tsv import rows


def write(collation: Collation) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(collation, show=str))  # RFC 4180
    return buffer.getvalue().encode("utf-8")
