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

from ..model import Collation, Token
from ..references import reference_siglum

GAP = "-"
#: rows per piece handed to the writer
ROWS_PER_CHUNK = 4096


def escape(text: str) -> str:
    if text == GAP:  # a token "-" (a dash standing alone) is no gap
        return "\\" + GAP
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _location_columns(collation: Collation, numbered: bool) -> tuple[list[str], list[str]]:
    """Per aligned position: "yes" where it lies in a variant location, and (if
    `numbered`) the number of that location (both empty in shared text). The table
    calls a position variant where the apparatus does, so whitespace alone (which the
    default spacing mode does not count) or letter case folded away makes none."""
    columns = len(collation.alignment.columns)
    variant, numbers = [""] * columns, [""] * columns if numbered else []
    for location in collation.apparatus.variant_locations:
        start, stop = location.columns
        variant[start:stop] = ["yes"] * (stop - start)
        if numbered:
            numbers[start:stop] = [str(location.number)] * (stop - start)
    return variant, numbers


def header(collation: Collation, show: Callable[[str], str], references: bool) -> list[str]:
    """The table's first row: the columns' names, the sigla as `show` writes them (a
    siglum may hold a tab)."""
    names = ["position", "variant", *map(show, collation.alignment.sigla)]
    return [*names, "location", "line"] if references else names


def _shown_tokens(
    tokens: tuple[Token, ...],
    show: Callable[[str], str],
    by_token: dict[int, str],
    shown: dict[str, str],
) -> list[str]:
    """Each token's cell, by the token's index, and GAP after them (index -1: no token
    in that column). Tokens are shared between their occurrences (see
    collate.tokenize), so a cell is looked up by the token's identity (`by_token`),
    made once per distinct token and shown once per distinct surface (`shown`), both
    kept from witness to witness."""
    ids = list(map(id, tokens))
    for key, token in dict(zip(ids, tokens, strict=True)).items():
        if key not in by_token:
            surface = token.text + token.whitespace
            cell = shown.get(surface)
            by_token[key] = shown[surface] = show(surface) if cell is None else cell
    return [*map(by_token.__getitem__, ids), GAP]


def _breaks_and_words(tokens: tuple[Token, ...]) -> tuple[list[int], list[bool]]:
    """Per token, the line breaks it holds and whether it holds a word (not whitespace
    alone), each worked out once per distinct token (see `_shown_tokens`); and after
    them 0 and False, for index -1 (no token)."""
    ids = list(map(id, tokens))
    breaks: dict[int, int] = {}
    worded: dict[int, bool] = {}
    for token in dict(zip(ids, tokens, strict=True)).values():
        breaks[id(token)] = token.text.count("\n") + token.whitespace.count("\n")
        worded[id(token)] = bool(token.text)
    return [*map(breaks.__getitem__, ids), 0], [*map(worded.__getitem__, ids), False]


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
    variant, location_numbers = _location_columns(collation, references)
    by_token: dict[int, str] = {}
    shown: dict[str, str] = {}
    per_witness = [_shown_tokens(w.tokens, show, by_token, shown) for w in alignment.witnesses]
    reference = alignment.sigla.index(reference_siglum(collation.apparatus, collation.edition))
    breaks, worded = _breaks_and_words(alignment.witnesses[reference].tokens if references else ())
    line = 1
    #: line breaks since the reference witness's last word: a position where it reads
    #: nothing is cited by that word's line, as the lemma apparatus and the JSON cite an
    #: addition (`collate.references.location_lines`)
    after_word = 0
    size = size or ROWS_PER_CHUNK  # read now: a test makes the pieces small
    for start in range(0, len(columns), size):
        stop = min(start + size, len(columns))
        block = columns[start:stop]
        table: list[list[str]] = [[*map(str, range(start + 1, stop + 1))], variant[start:stop]]
        cells_of: list[list[int]] = []
        for own, down in zip(per_witness, zip(*block, strict=True), strict=True):
            cells = [-1 if cell is None else cell for cell in down]
            cells_of.append(cells)
            table.append(list(map(own.__getitem__, cells)))
        if references:
            table.append(location_numbers[start:stop])
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
