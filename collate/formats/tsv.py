"""The alignment table for spreadsheets: one row per aligned position, one column per
witness. Tabs, line breaks and backslashes inside a token are written as \\t, \\n, \\r
and \\\\ so each position stays on one line."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model import Collation

GAP = "-"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def rows(collation: Collation, show: Callable[[str], str] = escape) -> Iterator[list[str]]:
    """The header, then per aligned position: its number, whether it varies, and each
    witness's token as `show` writes it."""
    alignment = collation.alignment
    yield ["position", "variant", *alignment.sigla]
    for number in range(len(alignment.columns)):
        tokens = alignment.tokens(number)
        surfaces = [GAP if t is None else show(t.surface) for t in tokens]
        variant = len({t.surface if t else None for t in tokens}) > 1
        yield [str(number + 1), "yes" if variant else "", *surfaces]


def write(collation: Collation) -> bytes:
    return "".join("\t".join(row) + "\n" for row in rows(collation)).encode("utf-8")
