"""CollateX JSON alignment table: `{"witnesses": [...], "table": [per witness: [per
column: null or [tokens]]]}`, one token-level column per aligned position.

Each token is `{"t": original text with its whitespace, "n": normal form}` plus any
properties it came in with, so joining a witness's `t` values gives it back exactly.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Collation


def table(collation: Collation) -> dict[str, Any]:
    """The alignment table as plain JSON-ready data."""
    alignment = collation.alignment
    moved = {}
    for number, transposition in enumerate(alignment.transpositions, start=1):
        for start, stop in (transposition.first, transposition.second):
            for position in range(start, stop):
                moved[position] = number
    rows: list[list[list[dict[str, Any]] | None]] = []
    for w, witness in enumerate(alignment.witnesses):
        row: list[list[dict[str, Any]] | None] = []
        for number, column in enumerate(alignment.columns):
            cell = column[w]
            if cell is None:
                row.append(None)
                continue
            token = witness.tokens[cell]
            data: dict[str, Any] = {**token.properties, "t": token.surface, "n": token.normal}
            if number in moved:
                data["transposition"] = moved[number]
            row.append([data])
        rows.append(row)
    return {"witnesses": list(alignment.sigla), "table": rows}


def write(collation: Collation) -> bytes:
    return (
        json.dumps(table(collation), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    ).encode("utf-8")
