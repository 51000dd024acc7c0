"""The alignment's columns read for the apparatus: each column's kind, and per witness
how many of its tokens stand before each column.

Kinds (see `collate.apparatus`): shared (every witness has a word there, all the same
text), variant, void (only empty tokens: whitespace before a witness's first word), or,
for a partial column (two or more witnesses read the same text, the others have none),
the tuple of which witnesses have a word.

A short alignment is read a witness at a time in C (`map`, `zip`, `accumulate`); a long
one as a matrix of text ids in numpy, where the kinds and counts are vector operations
and only the runs of one kind are Python objects. Both give the same kinds and counts
(`tests/test_apparatus_grid.py`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from itertools import chain, compress, count, repeat
from operator import attrgetter, is_not, not_
from typing import Any

from .model import Alignment, Column, Token

SHARED = "shared"
VARIANT = "variant"
VOID = "void"
#: columns from which the grid is read in numpy (numpy is loaded only for long texts)
ARRAY_COLUMNS = 20_000
#: witnesses up to which a partial column's pattern is packed into one int64
_PACKED = 62

_TEXT = attrgetter("text")

Kind = object
#: (kind, first column, column after the last) of consecutive columns of one kind
Run = tuple[Kind, int, int]


class Grid:
    """Per column its kind; per witness, how many of its tokens, and of its tokens with
    text, stand before each column. A witness's tokens stand in its order down the
    columns, so those in columns [start, stop) are the range of token numbers between
    two of these counts."""

    def __init__(self, alignment: Alignment, arrays: bool | None = None) -> None:
        if arrays is None:
            arrays = len(alignment.columns) >= ARRAY_COLUMNS
        #: per witness: tokens before each column (one more entry than columns); in
        #: arrays for a long text, whose counts are ints Python would box one by one,
        #: in lists for a short one (an array is filled an int at a time, each parsed
        #: as a function's argument is: 2% of a short run's whole command, issue 13)
        self.tokens_before: list[Sequence[int]] = []
        #: per witness: tokens with text before each column
        self.words_before: list[Sequence[int]] = []
        self._runs: list[Run]
        #: per witness, per column: its text there (None: no token, or an empty one);
        #: None where the grid was read in arrays (`_ids` instead)
        self._texts: list[list[str | None]] | None = None
        #: per witness (row), per column: the id of its text there, 0 for an empty
        #: token, -1 for none (numpy, read in arrays); and numpy itself
        self._ids: Any = None
        self._np: Any = None
        if arrays and alignment.witnesses and alignment.columns:
            self._read_arrays(alignment)
        else:
            self._read_lists(alignment)

    def words(self, start: int, stop: int) -> list[int]:
        """Per witness: how many tokens with text it has in columns [start, stop)."""
        return [before[stop] - before[start] for before in self.words_before]

    def runs(self) -> list[Run]:
        """The columns in runs of one kind, in order."""
        return self._runs

    def readings(self, start: int, stop: int) -> list[tuple[object, ...]]:
        """Per column of [start, stop), each witness's text there as a value that is
        equal where the texts are equal and true where there is one (None: no token, or
        an empty one): the texts, or their ids. Read from the grid a block at a time, not
        a token at a time."""
        if self._ids is None:
            assert self._texts is not None
            return list(zip(*(texts[start:stop] for texts in self._texts), strict=True))
        # the ids as Python ints, no token's (-1) and an empty token's (0) made None
        # here: a vector operation costs more than this loop over a location's few
        # columns (and an array of objects more still)
        # (read as objects, not ints, so that mypyc keeps the ints numpy made)
        by_column: list[list[Any]] = self._ids[:, start:stop].T.tolist()
        return [tuple([i if i > 0 else None for i in ids]) for ids in by_column]

    # ------------------------------------------------------------------ lists

    def _read_lists(self, alignment: Alignment) -> None:
        columns = alignment.columns
        #: per witness, per column: its text there (None: no token, or an empty one)
        all_texts: list[list[str | None]] = []
        for w, tokenized in enumerate(alignment.witnesses):
            texts, tokens_before, words_before = _down(columns, w, tokenized.tokens)
            all_texts.append(texts)
            self.tokens_before.append(tokens_before)
            self.words_before.append(words_before)
        self._texts = all_texts
        self._runs = _runs(_kinds(all_texts)) if all_texts else []

    # ------------------------------------------------------------------ arrays

    def _read_arrays(self, alignment: Alignment) -> None:
        import numpy as np  # loaded only for long texts: a short run starts faster without

        columns = alignment.columns
        width, length = len(alignment.witnesses), len(columns)
        # per witness, per column: the id of its text there; 0 for an empty token
        # (which has no text), -1 for no token
        ids: dict[str, int] = {"": 0}
        numbers = count(1)  # one count for all witnesses, so no two texts share an id
        text_ids = np.full((width, length), -1, dtype=np.int64)
        # which cells hold a token, read in one pass over all the cells into bytes (a
        # pass per witness, or numpy reading an iterator, costs more per cell)
        cells = bytes(map(is_not, chain.from_iterable(columns), repeat(None)))
        by_witness = np.frombuffer(cells, dtype=bool).reshape(length, width).T
        for w, tokenized in enumerate(alignment.witnesses):
            present = by_witness[w]
            tokens = tokenized.tokens
            # a new text takes the next number of the count, a known one keeps its own
            text_ids[w, present] = np.array(_numbered(tokens, ids, numbers), dtype=np.int64)
            self.tokens_before.append(_counts(np, present))
        self._ids, self._np = text_ids, np
        worded = text_ids > 0
        self.words_before = [_counts(np, row) for row in worded]
        present_count = worded.sum(axis=0)
        highest = np.where(worded, text_ids, -1).max(axis=0)
        lowest = np.where(worded, text_ids, np.iinfo(np.int64).max).min(axis=0)
        alike = highest == lowest  # every witness with a word has the same text
        # kind codes: 0 shared, 1 variant, 2 void, 3 + n the n-th pattern of partial
        codes = np.ones(length, dtype=np.int64)
        codes[present_count == 0] = 2
        codes[alike & (present_count == width)] = 0
        partial = alike & (present_count >= 2) & (present_count < width)
        kinds: list[Kind] = [SHARED, VARIANT, VOID]
        if partial.any() and width <= _PACKED:
            # each partial column's pattern as one int, a bit per witness: the patterns
            # told apart by sorting ints, not rows (a comparison of rows per step)
            packed = np.zeros(int(partial.sum()), dtype=np.int64)
            for w in range(width):
                packed |= worded[w, partial].astype(np.int64) << w
            found, which = np.unique(packed, return_inverse=True)
            codes[partial] = 3 + which.reshape(-1)
            kinds += [tuple(bool(code >> w & 1) for w in range(width)) for code in found.tolist()]
        elif partial.any():
            patterns, which = np.unique(worded[:, partial].T, axis=0, return_inverse=True)
            codes[partial] = 3 + which.reshape(-1)
            kinds += [tuple(map(bool, pattern)) for pattern in patterns.tolist()]
        starts = np.flatnonzero(codes[1:] != codes[:-1]) + 1
        firsts = [0, *starts.tolist()]
        stops = [*firsts[1:], length]
        run_kinds = map(kinds.__getitem__, codes[firsts].tolist())
        self._runs = list(zip(run_kinds, firsts, stops, strict=True))


def _counts(np: Any, flags: Any) -> array[int]:
    """How many of `flags` are true before each position (and in all), as an array."""
    before = np.zeros(len(flags) + 1, dtype=np.int64)
    np.cumsum(flags, out=before[1:])
    return array("q", before.tobytes())


def _numbered(tokens: tuple[Token, ...], ids: dict[str, int], numbers: count[int]) -> list[int]:
    """Each token's text's id in `ids`, a new text given the next of `numbers`: a
    compiled loop (a `map` of `ids.setdefault` over a `map` of the texts made a call or
    two per token, and drew a number for every token)."""
    found: list[int] = []
    for token in tokens:
        text = token.text
        number = ids.get(text)
        if number is None:
            number = ids[text] = next(numbers)
        found.append(number)
    return found


def _down(
    columns: tuple[Column, ...], w: int, tokens: tuple[Token, ...]
) -> tuple[list[str | None], list[int], list[int]]:
    """Down the columns for witness `w`, whose tokens are `tokens`: its text in each
    column (None for no token, or an empty one), and how many of its tokens, and of its
    tokens with text, stand before each column. A compiled loop over the cells: the
    same read as a chain of `map`s in C made a call or two per cell (2,900 instructions
    a cell on Darwin's first chapter)."""
    texts: list[str | None] = []
    tokens_before = [0]
    words_before = [0]
    taken = words = 0
    for column in columns:
        cell = column[w]
        if cell is None:
            texts.append(None)
        else:
            # (the witness's next token: the cell's number, in a well-formed alignment)
            text = tokens[taken].text
            taken += 1
            if text:
                words += 1
                texts.append(text)
            else:  # an empty token (whitespace before the first word) has no text
                texts.append(None)
        tokens_before.append(taken)
        words_before.append(words)
    return texts, tokens_before, words_before


def _kinds(all_texts: list[list[str | None]]) -> list[Kind]:
    """Per column, its kind, from each witness's text in it."""
    width = len(all_texts)
    first = all_texts[0]
    # shared text, most of the columns, found a witness at a time: every witness has a
    # token, with the first one's text
    shared = [text is not None for text in first]
    for other in all_texts[1:]:
        for number, text in enumerate(other):
            if shared[number] and text != first[number]:
                shared[number] = False
    kinds: list[Kind] = [SHARED] * len(first)
    for number in compress(range(len(first)), map(not_, shared)):
        texts = [own[number] for own in all_texts]
        present = [t for t in texts if t is not None]
        if not present:
            kinds[number] = VOID
        elif present.count(present[0]) != len(present) or len(present) == 1:
            kinds[number] = VARIANT
        elif len(present) == width:
            kinds[number] = SHARED
        else:
            kinds[number] = tuple(t is not None for t in texts)
    return kinds


def _runs(kinds: list[Kind]) -> list[Run]:
    """The columns in runs of one kind, from each column's kind: a compiled loop, not
    `itertools.groupby`, which compared the kinds column by column in a call each."""
    runs: list[Run] = []
    start = 0
    for number in range(1, len(kinds)):
        kind, before = kinds[number], kinds[number - 1]
        if kind is not before and kind != before:
            runs.append((before, start, number))
            start = number
    if kinds:
        runs.append((kinds[-1], start, len(kinds)))
    return runs


def kinds_of(runs: Sequence[Run]) -> Iterator[Kind]:
    """Each column's kind, from the runs."""
    for kind, start, stop in runs:
        yield from repeat(kind, stop - start)
