"""The alignment table for spreadsheets: one row per aligned position, one column per
witness, then the variant location the position is in and the line of the reference
witness it stands on (a citable position, see `collate.references`). Tabs, line
breaks and backslashes inside a token or a siglum are written as \\t, \\n, \\r
and \\\\ so each position stays on one line; `-` is a gap, and a token that is a dash
alone is written \\-.

Rows are made a block of positions at a time and written in pieces (`chunks`), so the
table is never whole in memory. A block is made a column of the table at a time (each
witness's cells, the positions' numbers, ...), most of it by `map` in C: the rows of a
long text are the bulk of the work of writing the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import compress, repeat
from operator import attrgetter, is_

from ..model import Collation
from ..references import reference_siglum

GAP = "-"
#: rows per piece handed to the writer
ROWS_PER_CHUNK = 4096

_TEXT = attrgetter("text")
_WHITESPACE = attrgetter("whitespace")
_IS_NONE = partial(is_, None)


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


def header(collation: Collation, show: Callable[[str], str], references: bool) -> list[str]:
    """The table's first row: the columns' names, the sigla as `show` writes them (a
    siglum may hold a tab)."""
    names = ["position", "variant", *map(show, collation.alignment.sigla)]
    return [*names, "location", "line"] if references else names


def blocks(
    collation: Collation,
    show: Callable[[str], str] = escape,
    references: bool = False,
    size: int | None = None,
) -> Iterator[list[list[str]]]:
    """The table below its header, `size` (`ROWS_PER_CHUNK`) positions at a time,
    each block as its columns (not rows): the positions' numbers, whether each lies in a
    variant location, each witness's cells as `show` writes them, and with `references`
    the number of the variant location and the reference witness's line (see `rows`).
    `zip(*block)` gives the block's rows."""
    alignment = collation.alignment
    columns = alignment.columns
    locations = _locations(collation)
    # Each token is shown once: a witness's cells are its shown tokens, looked up by
    # index; the same surface (a word and its space) recurs all through a text.
    shown: dict[str, str] = {}
    per_witness: list[list[str]] = []
    reference = alignment.sigla.index(reference_siglum(collation.apparatus, collation.edition))
    breaks: list[int] = []
    worded: list[bool] = []
    for w, tokenized in enumerate(alignment.witnesses):
        tokens = tokenized.tokens
        surfaces = list(map(str.__add__, map(_TEXT, tokens), map(_WHITESPACE, tokens)))
        found: list[str | None] = list(map(shown.get, surfaces))
        for at in list(compress(range(len(found)), map(_IS_NONE, found))):
            surface = surfaces[at]
            text = shown.get(surface)
            found[at] = shown[surface] = show(surface) if text is None else text
        found.append(GAP)  # index -1: no token in that column
        per_witness.append(found)  # type: ignore[arg-type]  # none is None now
        if references and w == reference:
            breaks = [*map(str.count, surfaces, repeat("\n")), 0]
            worded = [*map(bool, map(_TEXT, tokens)), False]
    line = 1
    #: line breaks since the reference witness's last word: a position where it reads
    #: nothing is cited by that word's line, as the lemma apparatus and the JSON cite an
    #: addition (`collate.references.location_lines`)
    after_word = 0
    variant = {True: "yes", False: ""}
    size = size or ROWS_PER_CHUNK  # read now: a test makes the pieces small
    for start in range(0, len(columns), size):
        stop = min(start + size, len(columns))
        block = columns[start:stop]
        numbers = range(start, stop)
        table: list[list[str]] = [
            [*map(str, range(start + 1, stop + 1))],
            [variant[n in locations] for n in numbers],
        ]
        cells_of: list[list[int]] = []
        for own, down in zip(per_witness, zip(*block, strict=True), strict=True):
            cells: list[int] = [-1 if cell is None else cell for cell in down]
            cells_of.append(cells)
            table.append(list(map(own.__getitem__, cells)))
        if references:
            table.append([str(locations[n]) if n in locations else "" for n in numbers])
            # each position's line: 1 and the line breaks of the reference witness's
            # tokens before it; where it has no token, the line of its last word
            counts = []
            for cell in cells_of[reference]:
                if cell == -1:
                    counts.append(max(1, line - after_word))
                    continue
                counts.append(line)
                line += breaks[cell]
                after_word = breaks[cell] if worded[cell] else after_word + breaks[cell]
            table.append(list(map(str, counts)))
        yield table


def rows(
    collation: Collation, show: Callable[[str], str] = escape, references: bool = False
) -> Iterator[list[str]]:
    """The header, then per aligned position: its number, whether it lies in a variant
    location, and each witness's token as `show` writes it; with `references`, then the
    number of the variant location it is in (empty in shared text) and the line of the
    reference witness (the base, else the first; see `collate.references`) it stands on."""
    yield header(collation, show, references)
    for block in blocks(collation, show, references):
        yield from map(list, zip(*block, strict=True))


def chunks(collation: Collation) -> Iterator[str]:
    """The TSV text, a few thousand rows at a time."""
    yield "\t".join(header(collation, escape, True)) + "\n"
    for block in blocks(collation, references=True):
        yield "\n".join(map("\t".join, zip(*block, strict=True))) + "\n"


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
