"""The alignment table for spreadsheets: one row per aligned position, one column per
witness. Tabs, line breaks and backslashes inside a token or a siglum are written as
\\t, \\n, \\r and \\\\ so each position stays on one line.

Rows are made one at a time and written in pieces (`chunks`), so the table is never
whole in memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Collation

GAP = "-"
#: rows per piece handed to the writer
ROWS_PER_CHUNK = 4096


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def rows(collation: Collation, show: Callable[[str], str] = escape) -> Iterator[list[str]]:
    """The header, then per aligned position: its number, whether it varies, and each
    witness's token as `show` writes it."""
    alignment = collation.alignment
    yield ["position", "variant", *map(show, alignment.sigla)]  # a siglum may hold a tab
    witnesses = [w.tokens for w in alignment.witnesses]
    # each distinct surface is shown once: the same words recur all through a text
    shown: dict[str | None, str] = {None: GAP}
    for number, column in enumerate(alignment.columns, start=1):
        surfaces = [
            None if cell is None else witnesses[w][cell].surface for w, cell in enumerate(column)
        ]
        first = surfaces[0]
        variant = any(surface != first for surface in surfaces)
        cells = [str(number), "yes" if variant else ""]
        for surface in surfaces:
            text = shown.get(surface)
            if text is None:
                text = shown[surface] = show(surface)  # type: ignore[arg-type]
            cells.append(text)
        yield cells


def chunks(collation: Collation) -> Iterator[str]:
    """The TSV text, a few thousand rows at a time."""
    lines: list[str] = []
    for row in rows(collation):
        lines.append("\t".join(row) + "\n")
        if len(lines) == ROWS_PER_CHUNK:
            yield "".join(lines)
            lines = []
    yield "".join(lines)


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
