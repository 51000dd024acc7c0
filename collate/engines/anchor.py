"""The anchor engine: collation by rare shared n-grams, fast enough for whole books.

The witnesses are added one at a time to a growing profile (a sequence of columns, each
counting the normal forms aligned in it); each is matched against the profile by
`_anchor_match`. The order of adding depends only on the texts (the most typical
witness first), never on the order the witnesses are given in, so neither does the
result. A passage matched away from where the profile has it gets columns of its own
at the witness's place, and a `Transposition` links the two places word by word.
"""

from __future__ import annotations

import gc
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import combinations
from operator import attrgetter
from typing import Any, Final

from ..digests import sha256_hex
from ..model import Alignment, Column, TokenizedWitness, Transposition
from ..progress import report
from ..records import frozen
from ._anchor_match import ARRAY_TOKENS, Matcher, Move, Pair, Scorer

#: n-gram length used to judge how typical a witness is (which is added first)
_TYPICAL_GRAM: Final = 3
#: up to this many witnesses, typicality is counted by pairwise set intersections
_PAIRWISE_TYPICALITY: Final = 12
#: anchors are sought only in columns that at least 1/this of the witnesses added share
_BACKBONE_SHARE: Final = 8
#: tokens added to the count of all tokens when weighing words (see `_symbols`)
_PADDING_TOKENS: Final = 2048
#: the most a punctuation mark can weigh: below a content word's, so words win
_PUNCTUATION_BITS: Final = 5.0
#: The most frequent English words, which a short text cannot show to be common. They
#: weigh at most what "of" weighs in a long English text; in other languages the
#: corpus's own counts do this job once the witnesses are long.
_COMMON_WORDS = frozenset(
    "a about after all also an and any are as at be because been but by can could did do "
    "for from had has have he her him his how i if in into is it its me more most my no "
    "not now of on one only or other our out over said she so some such than that the "
    "their them then there these they this those to two up upon us very was we were what "
    "when where which while who will with would you your".split()
)
_COMMON_WORD_BITS: Final = 5.0
_NORMAL = attrgetter("normal")


# Plain classes, not dataclasses: a compiled dataclass still has its methods written
# and compiled at import (`collate.records`), and these two are never compared or shown.


class _Moved:
    """A moved passage in the making: profile columns paired with its new columns."""

    links: list[tuple[int, int]]
    new_columns: list[int]

    def __init__(self, links: list[tuple[int, int]], new_columns: list[int]) -> None:
        self.links = links
        self.new_columns = new_columns


class _Profile:
    """The alignment so far. Columns are ids; `order` lists them in reading order."""

    order: list[int]
    #: per column: its most read symbol, and how many witnesses have a token in it
    representative: list[int]
    support: list[int]
    #: the columns that hold more than one reading: how often each is read. Any other
    #: column reads its representative `support` times (no dict for each of them: a
    #: long text has hundreds of thousands of columns, nearly all of one reading)
    readings: dict[int, dict[int, int]]
    #: per witness added, per token: its column id
    placed: list[list[int]]
    moved: list[_Moved]

    def __init__(self) -> None:
        self.order = []
        self.representative = []
        self.support = []
        self.readings = {}
        self.placed = []
        self.moved = []

    def new_column(self, symbol: int) -> int:
        self.representative.append(symbol)
        self.support.append(1)
        return len(self.representative) - 1

    def new_columns(self, symbols: Sequence[int]) -> range:
        """`new_column` for each symbol in turn, at once: the ids of the new columns."""
        start = len(self.representative)
        self.representative += symbols
        self.support += [1] * len(symbols)
        return range(start, len(self.representative))

    def alternatives(self) -> _Alternatives:
        """Per profile position with more than one reading: the other readings."""
        return _Alternatives(self)

    def add(self, symbols: list[int], scorer: Scorer, jobs: int = 1) -> None:
        """Align one more witness to the profile and merge it in."""
        placed: list[int | None] = [None] * len(symbols)
        if not self.order:
            self.order = list(self.new_columns(symbols))
            self.placed.append(list(self.order))
            return
        representative = self.representative
        # in C: the compiled build would make each symbol's int anew to list it
        profile = list(map(representative.__getitem__, self.order))
        least = max(1, len(self.placed) // _BACKBONE_SHARE)
        if least == 1:  # every column has a token: all are well attested
            backbone = list(range(len(self.order)))
        else:
            backbone = [p for p, c in enumerate(self.order) if self.support[c] >= least]
        matcher = Matcher(scorer, profile, symbols, self.alternatives(), backbone, jobs)
        pairs, moves = matcher.match()
        # compiled loops over the pairs, not chains of maps (a call per pair and step)
        order = self.order
        columns: list[int] = []
        found: list[int] = []
        for p, w in pairs:
            column = order[p]
            placed[w] = column
            columns.append(column)
            found.append(symbols[w])
        self._count(columns, found)
        for move in moves:
            self._moved_passage(move, symbols, placed)
        self.order = self._merged(pairs, placed, symbols)
        self.placed.append(placed)  # type: ignore[arg-type]  # every token has a column now

    def _count(self, columns: list[int], found: list[int]) -> None:
        """Count each token `found[x]` in its column `columns[x]` (each column once)."""
        support, representative, readings = self.support, self.representative, self.readings
        # which columns hold several readings, asked in C (the compiled build would
        # make each column's int anew to look it up)
        varied = list(map(readings.__contains__, columns))
        for x in range(len(columns)):
            column, symbol = columns[x], found[x]
            # the usual token reads as its column's only reading and changes nothing but
            # the column's support; only the others are counted one by one
            if symbol != representative[column] or varied[x]:
                counts = readings.get(column)
                if counts is None:  # a second reading: one token against all the first's
                    readings[column] = {representative[column]: support[column], symbol: 1}
                else:
                    counts[symbol] = here = counts.get(symbol, 0) + 1
                    if here > counts[representative[column]]:
                        representative[column] = symbol
            # each column is matched once: its support counted after its readings (not
            # by `+=`, which the compiled build does as an operation on objects)
            support[column] = support[column] + 1

    def _moved_passage(self, move: Move, symbols: Sequence[int], placed: list[int | None]) -> None:
        partner = dict((w, p) for p, w in move.pairs)
        record = _Moved([], [])
        for w in range(*move.w_range):
            column = self.new_column(symbols[w])
            placed[w] = column
            record.new_columns.append(column)
            if w in partner:
                record.links.append((self.order[partner[w]], column))
        self.moved.append(record)

    def _merged(
        self, pairs: Sequence[Pair], placed: list[int | None], symbols: Sequence[int]
    ) -> list[int]:
        """The new reading order: the witness's tokens in its order, the profile's
        unmatched columns before each matched one; new columns where the witness has
        them."""
        # the witness's tokens still without a column get new ones, in the witness's
        # order (the order a token-by-token pass below would make them in)
        unplaced = [x for x in range(len(placed)) if placed[x] is None]
        new = self.new_columns([symbols[x] for x in unplaced])
        for x, column in zip(unplaced, new, strict=True):
            placed[x] = column
        # The profile's columns keep their order; the witness's own tokens before a
        # pair go in after the profile's columns before it. So the pairs only say where
        # the profile's columns are cut: each piece is copied as a slice (in C), not
        # column by column (the compiled build would make each column's int anew)
        order: list[int] = []
        old = self.order
        p_from = p_at = w_at = 0  # old[p_from:] is still to be copied
        for p, w in pairs:
            if w > w_at:
                order += old[p_from:p_at]
                order += placed[w_at:w]  # type: ignore[arg-type]  # all placed now
                p_from = p_at
            p_at, w_at = p + 1, w + 1
        order += old[p_from:p_at]
        order += placed[w_at:]  # type: ignore[arg-type]
        order += old[p_at:]
        return order


class _Alternatives(Mapping[int, tuple[int, ...]]):
    """A profile's other readings per position, worked out only for the positions
    asked about (gaps are a small part of a long text)."""

    def __init__(self, profile: _Profile) -> None:
        self._profile = profile
        self._readings, self._order = profile.readings, profile.order

    def __contains__(self, position: object) -> bool:
        # Mapping's own `__contains__` goes through `__getitem__` and a KeyError
        return isinstance(position, int) and self._order[position] in self._readings

    def __getitem__(self, position: int) -> tuple[int, ...]:
        found: tuple[int, ...] | None = self.get(position)
        if found is None:
            raise KeyError(position)
        return found

    def get(self, position: int, default: Any = None) -> Any:
        column = self._order[position]
        counts = self._readings.get(column)
        if counts is None:
            return default
        rep = self._profile.representative[column]
        if len(counts) == 2:  # the usual case: one other reading
            return tuple(s for s in counts if s != rep)
        return tuple(sorted((s for s in counts if s != rep), key=lambda s: (-counts[s], s)))

    def __iter__(self) -> Iterator[int]:
        readings = self._readings
        return (p for p, c in enumerate(self._order) if c in readings)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _numbered(normals: Sequence[Sequence[str]]) -> tuple[list[str], list[list[int]]]:
    """The distinct normal forms (numbered as they first appear), and each witness's
    forms as those numbers: the strings looked up once, the rest done on ints."""
    ids = _numbering()
    # a look-up per token, in C: a form not seen before is numbered as it is looked up
    numbered = [list(map(ids.__getitem__, forms)) for forms in normals]
    return list(ids), numbered


def _numbering() -> defaultdict[Any, int]:
    """A dict that numbers each key it is asked for and does not hold yet: 0, 1, 2, ...
    in the order they are first asked for (by `__getitem__`, not `get`)."""
    ids: defaultdict[Any, int] = defaultdict()
    ids.default_factory = ids.__len__  # asked before the key is put in: the next number
    return ids


def _symbols(forms: Sequence[str], numbered: Sequence[list[int]]) -> tuple[list[list[int]], Scorer]:
    """Each witness's normal forms as symbol ids, numbered as they first appear in
    these witnesses (`numbered`: as numbers of `forms`, see `_numbered`), and what each
    symbol weighs: its information in bits, -log2 of its share of all tokens."""
    symbol_of = [-1] * len(forms)
    spellings: list[str] = []
    counts: list[int] = []
    sequences: list[list[int]] = []
    for numbers in numbered:  # renumbered and counted in one compiled pass
        sequence = [0] * len(numbers)
        for x, number in enumerate(numbers):
            symbol = symbol_of[number]
            if symbol < 0:
                symbol = symbol_of[number] = len(spellings)
                spellings.append(forms[number])
                counts.append(0)
            sequence[x] = symbol
            counts[symbol] = counts[symbol] + 1
        sequences.append(sequence)
    # Shares in a few short witnesses say little about how common a word is, so the
    # total is padded: in short texts every word is informative, punctuation never is.
    total = sum(counts) + _PADDING_TOKENS
    weights = [_weight(normal, counts[s], total) for s, normal in enumerate(spellings)]
    return sequences, Scorer(weights, spellings)


def _weight(normal: str, count: int, total: int) -> float:
    bits = math.log2(total / count)
    if not any(c.isalnum() for c in normal):
        return min(bits, _PUNCTUATION_BITS)
    if normal in _COMMON_WORDS:
        return min(bits, _COMMON_WORD_BITS)
    return bits


def _typical_first(
    witnesses: Sequence[TokenizedWitness],
    normals: Sequence[list[str]],
    numbered: tuple[list[str], list[list[int]]] | None = None,
) -> list[int]:
    """Indices of the witnesses, most typical first: by how many of its n-grams the
    others share (per token), then by content; never by the order given. `numbered`:
    `_numbered(normals)`, where the caller has it."""
    if len(normals) <= _PAIRWISE_TYPICALITY and sum(map(len, normals)) >= ARRAY_TOKENS:
        forms, numbers = numbered if numbered is not None else _numbered(normals)
        found = _typicality_of_numbers(numbers, len(forms))
        score = found if found is not None else _typicality(normals)
    else:
        score = _typicality(normals)

    # the content decides only between witnesses as typical as each other: only theirs
    # is hashed (a long witness's text takes a while)
    tied = {value for value, count in Counter(score).items() if count > 1}

    def key(index: int) -> tuple[float, str, str]:
        if score[index] in tied:
            digest = sha256_hex("\x00".join(normals[index]).encode())
        else:
            digest = ""
        return (-score[index], digest, witnesses[index].siglum)

    return sorted(range(len(witnesses)), key=key)


def _typicality(normals: Sequence[list[str]]) -> list[float]:
    """Per witness: how many of its n-grams the others share, per n-gram it has."""
    grams = [
        set(zip(*(forms[o:] for o in range(_TYPICAL_GRAM)), strict=False)) for forms in normals
    ]
    # per witness: how many of its n-grams each other witness shares
    if len(grams) <= _PAIRWISE_TYPICALITY:  # few witnesses: set intersections, in C
        overlap = [[0] * len(grams) for _ in grams]
        for i, j in combinations(range(len(grams)), 2):
            overlap[i][j] = overlap[j][i] = len(grams[i] & grams[j])
        shares = [sum(row) for row in overlap]
    else:
        shared: Counter[tuple[str, ...]] = Counter()
        for gs in grams:
            shared.update(gs)
        shares = [sum(map(shared.__getitem__, gs)) - len(gs) for gs in grams]
    return [share / max(len(gs), 1) for share, gs in zip(shares, grams, strict=True)]


def _typicality_in_arrays(normals: Sequence[list[str]]) -> list[float]:
    """`_typicality` of a few long witnesses, in numpy: each n-gram one int (its forms
    numbered), the distinct ones sorted, the shared ones counted by intersection. The
    same counts as the sets of tuples, so the same scores."""
    forms, numbered = _numbered(normals)
    found = _typicality_of_numbers(numbered, len(forms))
    return found if found is not None else _typicality(normals)


def _typicality_of_numbers(numbered: Sequence[list[int]], distinct: int) -> list[float] | None:
    """`_typicality_in_arrays` of the witnesses' forms as numbers (`_numbered`), of
    `distinct` forms; None where their n-grams do not fit an int64."""
    import numpy as np

    base = max(distinct, 1)
    if base**_TYPICAL_GRAM >= 2**63:
        return None
    grams = []
    for numbers in numbered:
        symbols = np.fromiter(numbers, dtype=np.int64, count=len(numbers))
        n = max(len(symbols) - _TYPICAL_GRAM + 1, 0)
        codes = np.zeros(n, dtype=np.int64)
        for offset in range(_TYPICAL_GRAM):
            codes = codes * base + symbols[offset : offset + n]
        codes.sort()  # distinct by sorting: np.unique's hashing is slower on these
        grams.append(codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if n else codes)
    # what each other witness shares of a witness's n-grams, summed over them, is per
    # n-gram the number of the others that have it: counted once over all witnesses
    # (each n-gram once per witness), not by an intersection per pair
    # each witness's n-grams are sorted already: a stable sort merges such runs
    every = np.concatenate(grams)
    every.sort(kind="stable")
    starts = np.flatnonzero(np.concatenate(([len(every) > 0], every[1:] != every[:-1])))
    values, holders = every[starts], np.diff(np.append(starts, len(every)))
    shares = [
        int(holders[np.searchsorted(values, gs)].sum()) - len(gs) if len(gs) else 0 for gs in grams
    ]
    return [share / max(len(gs), 1) for share, gs in zip(shares, grams, strict=True)]


@frozen
class AnchorEngine:
    """The anchor engine (the default), with its settings. A `frozen` record rather
    than a compiled dataclass, which would load `dataclasses` into every run
    (`collate.records`); being decorated, it is an ordinary Python class in the compiled
    build too (mypyc compiles its methods), so it is frozen, and pickles, in both."""

    name: str = "anchor"
    #: processes that may align a long witness's gaps at once; the alignment is the same
    #: for any number (1: all in this process, no worker ever started)
    jobs: int = 1

    def __init__(self, name: str = "anchor", jobs: int = 1) -> None:
        self.__dict__.update(name=name, jobs=jobs)

    def align(self, witnesses: Sequence[TokenizedWitness]) -> Alignment:
        """The alignment; `jobs` processes may align a long witness's gaps (see
        `_workers`): the same alignment for any number."""
        with _no_cycle_collection():
            return _align(witnesses, self.jobs, self.name)


def _align(witnesses: Sequence[TokenizedWitness], jobs: int, name: str) -> Alignment:
    normals = [list(map(_NORMAL, w.tokens)) for w in witnesses]
    # the forms numbered once, in the order given (what the witnesses share does
    # not depend on it), then renumbered as they appear in the order of adding
    forms, numbered = _numbered(normals)
    order = _typical_first(witnesses, normals, (forms, numbered))
    sequences, scorer = _symbols(forms, [numbered[i] for i in order])
    profile = _Profile()
    for number, sequence in enumerate(sequences):
        report("aligning witnesses", number, len(sequences))
        profile.add(sequence, scorer, jobs)
    report("aligning witnesses", len(sequences), len(sequences))
    # column id -> its number in reading order
    position = [0] * len(profile.representative)
    for number, column in enumerate(profile.order):
        position[column] = number
    # each witness's cells down the columns, then the columns across them (in C)
    cells: list[list[int | None]] = [[] for _ in witnesses]
    for added, original in enumerate(order):
        down: list[int | None] = [None] * len(profile.order)
        for x, column in enumerate(profile.placed[added]):
            down[position[column]] = x
        cells[original] = down
    columns: tuple[Column, ...] = tuple(zip(*cells, strict=True))
    transpositions = tuple(_transpositions(profile.moved, position))
    return Alignment(tuple(witnesses), columns, transpositions, engine=name)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """The cycle collector paused: aligning makes millions of small lists and tuples
    and no cycles, and each collection would walk every object alive (all the
    witnesses' tokens too), a seventh of the engine's time on a long text."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _transpositions(moved: Sequence[_Moved], position: Sequence[int]) -> list[Transposition]:
    found = []
    for record in moved:
        links = sorted((position[a], position[b]) for a, b in record.links)
        seconds = [b for _, b in links]
        if not links or any(y <= x for x, y in zip(seconds, seconds[1:], strict=False)):
            continue
        new = [position[c] for c in record.new_columns]
        first = (links[0][0], links[-1][0] + 1)
        second = (min(new), max(new) + 1)
        if first[1] <= second[0] or second[1] <= first[0]:
            found.append(Transposition(first, second, tuple(links)))
    return sorted(found, key=lambda t: (t.first, t.second))


ENGINE = AnchorEngine()
