"""CollateX JSON alignment table: `{"witnesses": [...], "table": [per witness: [per
column: null or [tokens]]]}`, one token-level column per aligned position; beside it
`"locations"`, the variant locations (`number`, `type`, the `columns` they cover, and
`loc`, the line of the `"reference_witness"` they begin on, see `collate.references`).

Each token is `{"t": original text with its whitespace, "n": normal form}` plus any
properties it came in with, so joining a witness's `t` values gives it back exactly.

The file is written piece by piece (`chunks`), exactly as `json.dumps(table(collation),
ensure_ascii=False, sort_keys=True, indent=1)` would write it, without building the
table: each distinct token's cell is encoded once. JSON has no NaN or Infinity, so a
token property holding one is an error rather than an invalid file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from json.encoder import encode_basestring
from json.encoder import encode_basestring_ascii as quoted
from operator import itemgetter
from typing import Any

from ..errors import OutputError
from ..model import Collation, Token
from ..references import location_lines, reference_siglum

#: cells per piece handed to the writer: large enough that joining is cheap, small
#: enough that a piece of a long witness stays a few hundred kilobytes
_CELLS_PER_CHUNK = 4096


def table(collation: Collation) -> dict[str, Any]:
    """The alignment table as plain JSON-ready data."""
    moved = _moved(collation)
    rows: list[list[list[dict[str, Any]] | None]] = []
    for w, witness in enumerate(collation.alignment.witnesses):
        row: list[list[dict[str, Any]] | None] = []
        for number, column in enumerate(collation.alignment.columns):
            cell = column[w]
            row.append(None if cell is None else [_data(witness.tokens[cell], moved.get(number))])
        rows.append(row)
    return {
        "witnesses": list(collation.alignment.sigla),
        "table": rows,
        "locations": _locations(collation),
        "reference_witness": reference_siglum(collation.apparatus, collation.edition),
    }


def _locations(collation: Collation) -> list[dict[str, Any]]:
    """Per variant location: its number (the TEI's `app` n), type, the alignment
    columns it covers and its reference (`collate.references`: the line of the
    reference witness it begins on)."""
    apparatus = collation.apparatus
    lines = location_lines(apparatus, reference_siglum(apparatus, collation.edition))
    return [
        {
            "number": location.number,
            "type": location.type,
            "columns": list(location.columns),
            "loc": lines[location.number],
        }
        for location in apparatus.variant_locations
    ]


#: one location as `json.dumps(..., sort_keys=True, indent=1)` writes it inside the
#: list, one space further in (the list is a value of the top-level object)
_LOCATION = (
    '  {{\n   "columns": [\n    {},\n    {}\n   ],\n   "loc": {},\n   "number": {},'
    '\n   "type": {}\n  }}'
)


_LOCATION_KEYS = {"columns", "loc", "number", "type"}


def _locations_text(locations: list[dict[str, Any]]) -> str:
    """The locations as `json.dumps` writes them (see `_LOCATION`): the same text,
    without the pure-Python encoder an indented dump takes (a long text has tens of
    thousands of locations)."""
    if not locations:
        return "[]"
    if any(location.keys() != _LOCATION_KEYS for location in locations):
        return json.dumps(locations, sort_keys=True, indent=1).replace("\n", "\n ")
    shown = [
        _LOCATION.format(
            *location["columns"], location["loc"], location["number"], quoted(location["type"])
        )
        for location in locations
    ]
    return "[\n" + ",\n".join(shown) + "\n ]"


def _moved(collation: Collation) -> dict[int, int]:
    """Column -> the number of the transposition it belongs to."""
    moved = {}
    for number, transposition in enumerate(collation.alignment.transpositions, start=1):
        for start, stop in (transposition.first, transposition.second):
            for position in range(start, stop):
                moved[position] = number
    return moved


def _data(token: Token, transposition: int | None) -> dict[str, Any]:
    data: dict[str, Any] = {**token.properties, "t": token.surface, "n": token.normal}
    if transposition is not None:
        data["transposition"] = transposition
    return data


def _cell(token: Token, transposition: int | None, where: Callable[[], str]) -> str:
    """One cell as `json.dumps` writes it at the table's depth (three spaces in);
    `where()` names the token in an error."""
    if not token.properties:
        n, t = encode_basestring(token.normal), encode_basestring(token.surface)
        moved = "" if transposition is None else f',\n     "transposition": {transposition}'
        return f'[\n    {{\n     "n": {n},\n     "t": {t}{moved}\n    }}\n   ]'
    try:
        text = json.dumps(
            [_data(token, transposition)],
            ensure_ascii=False,
            sort_keys=True,
            indent=1,
            allow_nan=False,
        )
    except ValueError:
        raise OutputError(
            f"{where()}: a token property is NaN or infinite, which JSON cannot carry"
        ) from None
    return text.replace("\n", "\n   ")


def _where(siglum: str, ids: list[int], key: int) -> str:
    """Where a token first stands in a witness, for an error."""
    return f"{siglum}, token {ids.index(key) + 1}"


def _row(
    collation: Collation, w: int, moved: dict[int, int], encoded: dict[int, str]
) -> Iterator[str]:
    """One witness's row of cells, a piece at a time, each piece ending in ",\\n" but
    the last. `encoded`: each token's cell (by the token's identity), kept from witness
    to witness."""
    witness = collation.alignment.witnesses[w]
    tokens = witness.tokens
    # Tokens are shared between their occurrences (see collate.tokenize), so a cell is
    # encoded once per distinct token, in the order they first occur (so a token that
    # cannot be written is reported where it first stands); the row is then looked up
    # column by column in C.
    ids = list(map(id, tokens))
    for key, token in dict(zip(ids, tokens, strict=True)).items():
        if key not in encoded:
            where = partial(_where, witness.siglum, ids, key)
            encoded[key] = "   " + _cell(token, None, where)
    cells = [*map(encoded.__getitem__, ids), "   null"]  # index -1: no token in the column
    down = [
        -1 if cell is None else cell for cell in map(itemgetter(w), collation.alignment.columns)
    ]
    row = list(map(cells.__getitem__, down))
    for number, transposition in moved.items():  # a moved token's cell says so
        if down[number] >= 0:
            where = partial(str.format, "{}, token {}", witness.siglum, down[number] + 1)
            row[number] = "   " + _cell(tokens[down[number]], transposition, where)
    for start in range(0, len(row), _CELLS_PER_CHUNK):
        yield ",\n".join(row[start : start + _CELLS_PER_CHUNK])


def chunks(collation: Collation) -> Iterator[str]:
    """The JSON text, piece by piece."""
    moved = _moved(collation)
    sigla = collation.alignment.sigla
    columns = len(collation.alignment.columns)
    yield '{\n "locations": ' + _locations_text(_locations(collation))
    reference = reference_siglum(collation.apparatus, collation.edition)
    yield ',\n "reference_witness": ' + encode_basestring(reference)
    yield ',\n "table": ['
    encoded: dict[int, str] = {}
    for w in range(len(sigla)):
        yield "\n  [" if w == 0 else ",\n  ["
        if columns:
            yield "\n"
            first = True
            for piece in _row(collation, w, moved, encoded):
                if not first:
                    yield ",\n"
                yield piece
                first = False
            yield "\n  ]"
        else:
            yield "]"
    yield "\n ]" if sigla else "]"
    yield ',\n "witnesses": '
    if sigla:
        yield "[\n" + ",\n".join("  " + encode_basestring(s) for s in sigla) + "\n ]"
    else:
        yield "[]"
    yield "\n}\n"


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
