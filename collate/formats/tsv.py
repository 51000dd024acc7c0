"""The alignment table for spreadsheets: one row per aligned position, one column per
witness, then the variant location the position is in and the line of the reference
witness it stands on (a citable position, see `collate.references`). Tabs, line
breaks and backslashes inside a token or a siglum are written as \\t, \\n, \\r
and \\\\ so each position stays on one line; `-` is a gap, and a token that is a dash
alone is written \\-.

Rows are made one at a time and written in pieces (`chunks`), so the table is never
whole in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Collation
from ..references import reference_siglum

GAP = "-"
#: rows per piece handed to the writer
ROWS_PER_CHUNK = 4096


def escape(text: str) -> str:
    if text == GAP:  # a token "-" (a dash standing alone) is no gap
        return "\\" + GAP
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _locations(collation: Collation) -> dict[int, int]:
    """Aligned position (0-based) -> the number of the variant location it is in: the
    table calls a position variant where the apparatus does, so whitespace alone (which
    the default spacing mode does not count) or letter case folded away makes none."""
    return {
        column: location.number
        for location in collation.apparatus.variant_locations
        for column in range(*location.columns)
    }


def rows(
    collation: Collation, show: Callable[[str], str] = escape, references: bool = False
) -> Iterator[list[str]]:
    """The header, then per aligned position: its number, whether it lies in a variant
    location, and each witness's token as `show` writes it; with `references`, then the
    number of the variant location it is in (empty in shared text) and the line of the
    reference witness (the base, else the first; see `collate.references`) it stands on."""
    locations = _locations(collation)
    table = _rows(collation, show, locations)
    yield from _with_references(collation, table, locations) if references else table


def _rows(
    collation: Collation, show: Callable[[str], str], locations: dict[int, int]
) -> Iterator[list[str]]:
    alignment = collation.alignment
    yield ["position", "variant", *map(show, alignment.sigla)]  # a siglum may hold a tab
    witnesses = [w.tokens for w in alignment.witnesses]
    # each distinct surface is shown once: the same words recur all through a text
    shown: dict[str | None, str] = {None: GAP}
    for number, column in enumerate(alignment.columns, start=1):
        surfaces = [
            None if cell is None else witnesses[w][cell].surface for w, cell in enumerate(column)
        ]
        cells = [str(number), "yes" if number - 1 in locations else ""]
        for surface in surfaces:
            text = shown.get(surface)
            if text is None:
                text = shown[surface] = show(surface)  # type: ignore[arg-type]
            cells.append(text)
        yield cells


def _with_references(
    collation: Collation, table: Iterator[list[str]], locations: dict[int, int]
) -> Iterator[list[str]]:
    alignment = collation.alignment
    reference = reference_siglum(collation.apparatus, collation.edition)
    witness = alignment.sigla.index(reference)
    tokens = alignment.witnesses[witness].tokens
    yield [*next(table), "location", "line"]
    line = 1
    for number, (row, column) in enumerate(zip(table, alignment.columns, strict=True)):
        cell = column[witness]
        location = locations.get(number)
        yield [*row, "" if location is None else str(location), str(line)]
        if cell is not None:
            line += tokens[cell].surface.count("\n")


def chunks(collation: Collation) -> Iterator[str]:
    """The TSV text, a few thousand rows at a time."""
    lines: list[str] = []
    for row in rows(collation, references=True):
        lines.append("\t".join(row) + "\n")
        if len(lines) == ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
