"""Alignment -> apparatus: shared text and minimal variant locations.

The columns of the alignment are read in runs of one kind:
- shared: every witness has a token there and all read the same text;
- partial: two or more witnesses have a token and read the same text, the others have
  none. Such a run is what the witnesses that have it share, so it is a location of its
  own (the run against the others' omission) and never part of a wider one;
- variant: everything else (witnesses reading differently, or one witness alone).
A variant location is a run of one kind, so it contains no run of text that all of its
present witnesses share, and it ends as soon as the readings agree again. A moved
passage's ends always start a new run, so each moved passage is one location. A
variant run is cut further where no witness's own reading spans the cut (`_slips`):
with many witnesses, each with a few slips of its own, hardly a word is read alike by
all, yet each slip is a location at its own word.

Whitespace is kept apart from the words. No reading begins or ends with whitespace: the
whitespace around and between locations, and inside shared text, is a gap between two
words. Where the witnesses write a gap alike it is plain shared text; where they write it
differently (a line wrapped elsewhere, a double space) the shared text keeps the most
common form and records the others as a `Spacing` by default, so a difference in
whitespace alone is no variant location, yet every witness's text comes back exactly.
With `whitespace="variants"` such a gap is a variant location of type "whitespace", and
neighbouring locations with nothing between them form one, as in earlier versions.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, chain, compress, pairwise
from operator import attrgetter, ne
from typing import Literal, TypeVar

from .apparatus_grid import SHARED, VARIANT, VOID, Grid
from .model import (
    GROUP_SEVERITY,
    Alignment,
    Apparatus,
    GroupType,
    LocationType,
    Reading,
    ReadingGroup,
    Segment,
    SharedText,
    Spacing,
    VariantLocation,
)
from .normalize import classify

#: how differences in whitespace alone enter the apparatus (see the module docstring)
WhitespaceMode = Literal["spacing", "variants"]
WHITESPACE_MODES: tuple[WhitespaceMode, ...] = ("spacing", "variants")

_WHITESPACE = re.compile(r"(\s+)")
_LETTERS = re.compile(r"\w+")
#: a letter or digit: what `str.isalnum` is true of (\w but the underscore)
_ALNUM = re.compile(r"[^\W_]")
#: a token of a normal form (its tokens' normal forms joined by spaces) holding a letter
#: or digit, found whole: one pass over the form rather than a search per token
_WORDED = re.compile(r"[^ ]*[^\W_][^ ]*")
_TEXT = attrgetter("text")
_NORMAL = attrgetter("normal")
_TEXT_AND_WHITESPACE = attrgetter("text", "whitespace")
#: hyphens after which a line break may divide a compound ("coarse-⏎haired")
_HYPHENS = frozenset("-\u2010\u2011")
_new = object.__new__
_Made = TypeVar("_Made")


#: (kind, first column, column after the last) of a run of columns the apparatus
#: reads as one (see the module's docstring)
Unit = tuple[object, int, int]


def _units(alignment: Alignment, grid: Grid) -> list[Unit]:
    """(kind, start, stop) runs of columns; empty-token columns join the run before."""
    edges = {c for t in alignment.transpositions for c in (*t.first, *t.second)}
    cuts = sorted(edges)
    units: list[tuple[object, int, int]] = []
    # the edges after the run's start, and from those the first at or after its stop:
    # the runs come in order, so both only move on (no bisection per run)
    after = inside = 0
    for kind, start, stop in grid.runs():
        while after < len(cuts) and cuts[after] <= start:
            after += 1
        inside = after
        while inside < len(cuts) and cuts[inside] < stop:
            inside += 1
        # a transposition's edge inside the run starts a new unit there
        bounds = [start, *cuts[after:inside], stop]
        for at in range(1, len(bounds)):
            begin, end = bounds[at - 1], bounds[at]
            if units and (kind == VOID or (kind == units[-1][0] and begin not in edges)):
                units[-1] = (units[-1][0], units[-1][1], end)
            else:
                units.append((kind, begin, end))
    return _slips(_substitutions(units, edges, grid, alignment), alignment, grid)


def _substitutions(
    units: list[tuple[object, int, int]], edges: set[int], grid: Grid, alignment: Alignment
) -> list[tuple[object, int, int]]:
    """Partial runs that the witnesses lacking them replace in a neighbouring variant
    run ("look to" / "compare") join it: there they are no text all present witnesses
    share, and "look to] compare" is the reading, not "look] compare" and "to] om.".
    A run joins only if those witnesses have words in the variant run and it is no
    longer than their longest reading there, so a long passage one witness lacks never
    joins a small difference beside it; or if the two together read the same in every
    witness but for whitespace ("coarse-haired" / "coarse-⏎haired": `_same_words`)."""
    merged: list[tuple[object, int, int]] = []
    for index, (kind, start, stop) in enumerate(units):
        if isinstance(kind, tuple):
            # words are counted only here, for a partial run and its neighbours: the
            # grid's counts are prefix sums, so a merged run's are those of its span
            own = grid.words(start, stop)
            absent = [w for w, here in enumerate(kind) if not here]
            neighbours = []
            if merged and merged[-1][0] == VARIANT and start not in edges:
                neighbours.append(grid.words(merged[-1][1], merged[-1][2]))
            if index + 1 < len(units) and units[index + 1][0] == VARIANT and stop not in edges:
                neighbours.append(grid.words(units[index + 1][1], units[index + 1][2]))
            if any(all(n[w] for w in absent) and max(own) <= max(n) for n in neighbours):
                kind = VARIANT
            elif _divided_alike(alignment, grid, units, merged, index, edges):
                kind = VARIANT
        if merged and kind == VARIANT == merged[-1][0] and start not in edges:
            merged[-1] = (VARIANT, merged[-1][1], stop)
        else:
            merged.append((kind, start, stop))
    return merged


def _slips(units: list[Unit], alignment: Alignment, grid: Grid) -> list[Unit]:
    """Variant runs cut where no witness's reading spans the cut, so that in a dense
    tradition (many witnesses, each with a few slips of its own) each slip stands at
    its own word and shared words are not lumped into a location because some other
    witness varies beside them.

    A run is cut between two columns unless some witness departs at both
    (`_departures`): "compare" against "look to" departs at both columns and stays one
    reading, while one copy's "WOODS" and another's omission of the next word are two
    locations. A piece so cut still holds no words that all its witnesses with words
    read alike (`_shared_apart`). Columns of empty tokens (whitespace before a first
    word) stay with the column before, and a moved passage is never cut."""
    if len(alignment.witnesses) < 3:
        return units
    # the moved passages by their first column, and the furthest column any of them
    # that begins at or before a column reaches: a unit lies in one if one begins at or
    # before its start and reaches its stop (a bisection, not a pass over them all)
    moved = sorted(r for t in alignment.transpositions for r in (t.first, t.second))
    moved_starts = [a for a, _ in moved]
    reach = list(accumulate((b for _, b in moved), max))
    cut: list[Unit] = []
    for kind, start, stop in units:
        before = bisect_right(moved_starts, start)
        if kind in (SHARED, VOID) or stop - start < 2 or (before and reach[before - 1] >= stop):
            cut.append((kind, start, stop))
            continue
        if sum(1 for words in grid.words(start, stop) if words) < 2:
            # words of one witness alone (an addition): most witnesses have no word in
            # every column, so no column is cut from the next (`_departures`)
            cut.append((kind, start, stop))
            continue
        columns, rows = _readings(grid, start, stop)
        departing, added = _departures(rows)
        # the pieces as positions in `columns`: where each begins
        begins = [0] + [
            at
            for at in range(1, len(rows))
            if not departing[at - 1] & departing[at] and not (added[at - 1] and added[at])
        ]
        if len(begins) == 1:
            cut.append((kind, start, stop))
            continue
        begins = _shared_apart(begins, rows)
        bounds = [start, *(columns[at] for at in begins[1:]), stop]
        cut.extend((VARIANT, a, b) for a, b in pairwise(bounds))
    return cut


def _readings(grid: Grid, start: int, stop: int) -> tuple[Sequence[int], list[tuple[object, ...]]]:
    """The columns of [start, stop) but those of empty tokens only, and in each every
    witness's reading (`Grid.readings`: equal for equal texts, None for no token)."""
    every = grid.readings(start, stop)
    kept = list(compress(range(len(every)), map(any, every)))
    if len(kept) == len(every):
        return range(start, stop), every
    return [start + at for at in kept], [every[at] for at in kept]


def _departures(rows: list[tuple[object, ...]]) -> tuple[list[int], list[bool]]:
    """Per column, the witnesses that depart from it (a bit per witness, by its place
    in the row): those not reading the reading of most of the witnesses (no token
    counts as a reading), or all where no reading is most witnesses' (so that two
    witnesses keep a run whole as before, and so do witnesses that read different
    texts, where a word read by two of four is chance); and whether most witnesses have
    no word there (words some add: those of several witnesses in a row stand at one
    place, alternatives, so they are never cut apart).

    A witness's gap (columns in a row where it has no token) is one reading: if it
    departs anywhere in the gap, it departs all through it, so that an omission, or a
    short reading in place of a long passage, is not cut where other witnesses add
    words inside it (cut there, one long omission shared by a group would weigh as
    several in the stemma, which reads each location as a character)."""
    width = len(rows[0]) if rows else 0
    everyone = (1 << width) - 1
    count = len(rows)
    departing: list[int] = []
    added: list[bool] = []
    # the same few patterns (one witness adding a word, two agreeing against one)
    # make most rows: each pattern of which witnesses read alike is worked out once
    known: dict[int, tuple[int, bool]] = {}
    for row in rows:
        # the pattern as one int (every row has `width` places): per place, the first
        # place with the same reading, as `tuple.index` finds it; then the first place
        # without a word, if any
        pattern = 0
        empty = -1
        for w in range(width):
            text = row[w]
            first = 0
            while row[first] is not text and row[first] != text:
                first += 1
            pattern = pattern * width + first
            if empty < 0 and text is None:
                empty = w
        pattern = pattern * (width + 1) + empty + 1
        found = known.get(pattern)
        if found is None:
            common, most = _most_read(row)
            if 2 * most <= width:
                found = (everyone, False)
            else:
                bits = 0
                for w in range(width):
                    if row[w] != common:
                        bits |= 1 << w
                found = (bits, common is None)
            known[pattern] = found
        departing.append(found[0])
        added.append(found[1])
    for w in range(width):
        bit = 1 << w
        at = 0
        while at < count:
            if rows[at][w] is not None:
                at += 1
                continue
            end = at
            departs = False
            while end < count and rows[end][w] is None:
                if departing[end] & bit:
                    departs = True
                end += 1
            if departs:
                for g in range(at, end):
                    departing[g] |= bit
            at = end
    return departing, added


def _most_read(row: Sequence[object]) -> tuple[object, int]:
    """A reading of the row that most witnesses read, and how many (where one reading
    is most witnesses', it is that one; a tie does not matter to `_departures`)."""
    counts: dict[object, int] = {}
    common: object = None
    most = 0
    for text in row:
        count = counts.get(text, 0) + 1
        counts[text] = count
        if count > most:
            common, most = text, count
    return common, most


def _shared_apart(begins: list[int], rows: list[tuple[object, ...]]) -> list[int]:
    """The pieces' beginnings, with more pieces where a piece holds columns that all its
    witnesses with words read alike, and other columns too: those columns (words some
    witnesses lack, which the others share) become pieces of their own, as
    `_substitutions` would have left them but for the words that the cut put apart."""
    result: list[int] = []
    queue = list(zip(begins, [*begins[1:], len(rows)], strict=True))
    while queue:
        first, last = queue.pop(0)
        worded = {w for row in rows[first:last] for w, text in enumerate(row) if text}
        alike = [len({row[w] for w in worded}) == 1 for row in rows[first:last]]
        if all(alike) or not any(alike):
            result.append(first)
            continue
        # runs of alike and of other columns, each looked at again
        changes = [first] + [first + i for i in range(1, len(alike)) if alike[i] != alike[i - 1]]
        queue[:0] = list(zip(changes, [*changes[1:], last], strict=True))
    return result


def _divided_alike(
    alignment: Alignment,
    grid: Grid,
    units: Sequence[tuple[object, int, int]],
    merged: Sequence[tuple[object, int, int]],
    index: int,
    edges: set[int],
) -> bool:
    """Whether a partial run and a variant run beside it read the same in every witness
    but for whitespace, as a compound divided at a line's end does: one word for some
    witnesses, three tokens ("coarse", "-", "haired") for others."""
    start, stop = units[index][1:]
    spans = []
    if merged and merged[-1][0] == VARIANT and start not in edges:
        spans.append((merged[-1][1], stop))
    if index + 1 < len(units) and units[index + 1][0] == VARIANT and stop not in edges:
        spans.append((start, units[index + 1][2]))
    for first, last in spans:
        texts = set()
        for tokenized, before in zip(alignment.witnesses, grid.tokens_before, strict=True):
            run = tokenized.tokens[before[first] : before[last]]
            texts.add("".join(token.text for token in run))
        if len(texts) == 1 and any(c in _HYPHENS for c in texts.pop()):
            return True
    return False


def _group_type(readings: Sequence[Reading]) -> GroupType | None:
    if len(readings) < 2:
        return None
    kinds = {classify(readings[0].text, other.text) for other in readings[1:]}
    return max(kinds, key=GROUP_SEVERITY.index)


@functools.lru_cache(maxsize=1 << 16)  # the same wordings recur from location to location
def _wording(normal: str) -> str:
    """A reading's normal form without its punctuation tokens."""
    return " ".join(_WORDED.findall(normal))


def _composed(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _location_type(groups: Sequence[ReadingGroup]) -> LocationType:
    if len(groups) == 1:
        return groups[0].type or "whitespace"
    if _same_wording([g.normal for g in groups]):
        # the same words; punctuation marks come and go, and a group may spell its
        # words otherwise as well, which is the graver difference
        kinds: list[GroupType] = [g.type for g in groups if g.type] + ["punctuation"]
        # groups apart by their punctuation may spell their words otherwise too
        # composed first: a combining accent is no letter of the pattern, and "café;"
        # decomposed would lose it against a composed "café,"
        letters = [" ".join(_LETTERS.findall(_composed(g.readings[0].text))) for g in groups]
        kinds += [classify(letters[0], other) for other in letters[1:] if other != letters[0]]
        return max(kinds, key=GROUP_SEVERITY.index)
    worded = [g for g in groups if g.normal]
    return "substantive" if len(worded) >= 2 else "omission"


def _same_wording(normals: list[str]) -> bool:
    """Whether the normal forms have one wording. The shortest's first: where it has
    no words (an omission, most often, against a long passage), the others have its
    wording if they hold no letter or digit at all, which a search finds at the first
    word, without taking a long passage apart token by token."""
    normals.sort(key=len)
    first = _wording(normals[0])
    if not first:
        return not any(map(_ALNUM.search, normals[1:]))
    return all(_wording(normal) == first for normal in normals[1:])


#: the type of a location with these reading groups, and a reading's words without its
#: punctuation (public for `collate.orthography`)
location_type = _location_type
wording = _wording


def variant_location(
    number: int,
    columns: tuple[int, int],
    sigla: Sequence[str],
    texts: Sequence[str],
    normals: Sequence[str],
) -> VariantLocation:
    """A location from each witness's reading and its normal form: identical readings
    share a `Reading`, readings with one normal form share a `ReadingGroup`."""
    readings: dict[str, list[str]] = {}
    normal_of: dict[str, str] = {}
    if not len(sigla) == len(texts) == len(normals):
        raise ValueError("a siglum, a text and a normal form per witness")
    for w in range(len(sigla)):  # (a loop of ints: zip(strict=True) is a call with keywords)
        text = texts[w]
        readings.setdefault(text, []).append(sigla[w])
        normal_of[text] = normals[w]
    # Readings apart only in word division ("Goodwood" / "Good wood") are spellings of
    # one wording: a group, whose normal form is its first reading's.
    grouped: dict[str, list[Reading]] = {}
    for text, witnesses in readings.items():
        # (each reading names the witnesses that read it, one at least: what
        # `Reading` checks, so made without its constructor, `_made`)
        normal = normal_of[text]
        grouped.setdefault(normal.replace(" ", ""), []).append(
            _made(Reading, {"sigla": tuple(witnesses), "text": text, "normal": normal})
        )
    groups = tuple(
        _made(
            ReadingGroup,
            {"normal": rs[0].normal, "readings": tuple(rs), "type": _group_type(rs), "basis": ()},
        )
        for rs in grouped.values()
    )
    return _location(number, columns, groups, _location_type(groups), None)


def _made(cls: type[_Made], fields: dict[str, object]) -> _Made:
    """An object of one of the model's classes with these fields (all of them, in the
    order its constructor sets them), made as its constructor makes it but for the
    call of that constructor, a Python function (a few thousand instructions an
    object, a sixth of the apparatus on Darwin's *Origin*), and its checks, which the
    builder has already made sure of. Only for classes whose constructor does no more
    than set the fields and check them (`tests/test_app4_made.py` holds the objects so
    made to those the constructors make)."""
    made = _new(cls)
    made.__dict__.update(fields)
    return made


def _location(
    number: int,
    columns: tuple[int, int],
    groups: tuple[ReadingGroup, ...],
    kind: LocationType,
    transposed_with: int | None,
) -> VariantLocation:
    """`VariantLocation(number, columns, groups, kind, transposed_with)` (`_made`)."""
    return _made(
        VariantLocation,
        {
            "number": number,
            "columns": columns,
            "groups": groups,
            "type": kind,
            "transposed_with": transposed_with,
        },
    )


def split_edges(raw: str) -> tuple[str, str, str]:
    """Leading whitespace, the rest up to trailing whitespace, trailing whitespace."""
    core = raw.strip()
    if not core:
        return raw, "", ""
    start = len(raw) - len(raw.lstrip())
    end = start + len(core)
    return raw[:start], raw[start:end], raw[end:]


class _Builder:
    """Collects segments in reading order; `gap` holds each witness's whitespace since
    its last word, written out (as shared text, a `Spacing` or a whitespace location)
    when the next word comes."""

    def __init__(self, alignment: Alignment, whitespace: WhitespaceMode, grid: Grid) -> None:
        self.sigla = alignment.sigla
        self.grid = grid
        self.whitespace = whitespace
        self.segments: list[Segment] = []
        self.text: list[str] = []
        self.size = 0
        self.spacing: list[Spacing] = []
        self.gap = [""] * len(self.sigla)
        self.gap_column = 0
        #: per witness: whether its text so far ends with a word, not whitespace
        self.word_last = [False] * len(self.sigla)
        #: variants mode: per witness text and normals of a location still growing
        self.open: tuple[list[str], list[str], list[int]] | None = None
        self.count = 0
        #: per pattern of whitespace at a gap, what `_spaced` made of it
        self._spacings: dict[
            tuple[tuple[str, ...], tuple[bool, ...], tuple[bool, ...] | None],
            tuple[str, tuple[tuple[tuple[str, ...], str], ...]],
        ] = {}

    def _shared(self, text: str) -> None:
        self._close_location()
        self.text.append(text)
        self.size += len(text)

    def _common(self, nexts: Sequence[str] | None) -> str:
        """The whitespace the shared text shows at a gap written differently.

        Viewers show only this one, so where a witness has whitespace between two of its
        words and another has none, the one shown must suit as many witnesses as can be
        (a space shown where a witness has none makes "word ," of "word,"; none shown
        where it has one fuses two words); then the most common, a plain space, one
        without a line break, the first witness's."""
        gap = self.gap
        if nexts is None:
            between = list(compress(gap, self.word_last))
        else:
            between = [
                g for g, last, n in zip(gap, self.word_last, nexts, strict=True) if last and n
            ]
        # how many of those witnesses a candidate suits: those with no whitespace there
        # if it is none, else the others
        suits_none = between.count("")
        suits = (len(between) - suits_none, suits_none)
        # the candidates in order of first appearance, as a Counter would list them
        return max(
            dict.fromkeys(gap),
            key=lambda g: (suits[g == ""], gap.count(g), g == " ", "\n" not in g, -gap.index(g)),
        )

    def _spaced(
        self, nexts: Sequence[str] | None
    ) -> tuple[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """The whitespace shown at a gap written differently, and the witnesses that
        write another (`Spacing.others`): worked out once per pattern of whitespace,
        since the same few (a line wrapped in one edition) recur thousands of times."""
        key = (
            tuple(self.gap),
            tuple(self.word_last),
            None if nexts is None else tuple(map(bool, nexts)),
        )
        found = self._spacings.get(key)
        if found is None:
            common = self._common(nexts)
            others: dict[str, list[str]] = {}
            for siglum, g in zip(self.sigla, self.gap, strict=True):
                if g != common:
                    others.setdefault(g, []).append(siglum)
            exceptions = tuple((tuple(s), g) for g, s in others.items())
            found = self._spacings[key] = (common, exceptions)
        return found

    def flush_gap(self, nexts: Sequence[str] | None = None) -> None:
        """Write out the gap before the next word (`nexts`: each witness's next reading,
        None for a shared word)."""
        gap = self.gap
        first = gap[0]
        if gap.count(first) == len(gap):
            if first:
                self._shared(first)
        elif self.whitespace == "variants":
            column = (self.gap_column, self.gap_column + 1)
            self._location(column, list(gap), [""] * len(gap))
        else:
            self._close_location()
            common, exceptions = self._spaced(nexts)
            # (whitespace at the end of the text so far, and witnesses, one at least,
            # that write other whitespace there: what `Spacing` checks, `_made`)
            self.spacing.append(
                _made(Spacing, {"offset": self.size, "length": len(common), "others": exceptions})
            )
            self.text.append(common)
            self.size += len(common)
        self.gap = [""] * len(gap)
        if nexts is None:
            self.word_last = [True] * len(gap)
        else:
            last = self.word_last
            self.word_last = [bool(nexts[w]) or (last[w] and not gap[w]) for w in range(len(gap))]

    def _close_shared(self) -> None:
        if self.text or self.spacing:
            # (its spacing points each at the whitespace written at its offset, in
            # order: what `SharedText` checks, `_made`)
            self.segments.append(
                _made(SharedText, {"text": "".join(self.text), "spacing": tuple(self.spacing)})
            )
        self.text, self.size, self.spacing = [], 0, []

    def _close_location(self) -> None:
        if self.open is None:
            return
        texts, normals, columns = self.open
        self.open = None
        if len(set(texts)) == 1:  # the readings came out the same after all
            self._shared(texts[0])
            return
        self.count += 1
        self.segments.append(
            variant_location(self.count, (columns[0], columns[1]), self.sigla, texts, normals)
        )

    def _location(self, columns: tuple[int, int], texts: list[str], normals: list[str]) -> None:
        whitespace_only = not any(t.strip() for t in texts)
        if self.open is not None and self.whitespace == "variants" and whitespace_only:
            # the whitespace after a location's words stays with them ("black " / "")
            old_texts, old_normals, old_columns = self.open
            for w, (text, normal) in enumerate(zip(texts, normals, strict=True)):
                old_texts[w] += text
                if normal:
                    old_normals[w] = f"{old_normals[w]} {normal}".strip()
            old_columns[1] = columns[1]
            return
        self._close_location()
        self._close_shared()
        self.open = (texts, normals, list(columns))

    def location(self, alignment: Alignment, start: int, stop: int) -> None:
        """The location over columns [start, stop): edge whitespace goes to the gaps."""
        width = len(self.sigla)
        raws: list[str] = []
        normals: list[str] = []
        witnesses, tokens_before = alignment.witnesses, self.grid.tokens_before
        for w in range(width):
            before = tokens_before[w]
            first, last = before[start], before[stop]
            if last - first == 1:  # most often one token: its text read, no join
                token = witnesses[w].tokens[first]
                raws.append(token.text + token.whitespace)
                normals.append(token.normal)
            elif last > first:
                run = witnesses[w].tokens[first:last]
                raws.append("".join(chain.from_iterable(map(_TEXT_AND_WHITESPACE, run))))
                normals.append(" ".join(filter(None, map(_NORMAL, run))))
            else:  # an omission: no iterators made for nothing
                raws.append("")
                normals.append("")
        cores, trails = [], []
        for w in range(width):
            lead, core, trail = split_edges(raws[w])
            if core:
                self.gap[w] += lead
            else:
                trail = lead  # whitespace alone: all of it is gap
            cores.append(core)
            trails.append(trail)
        self.flush_gap(cores)
        # words in some witnesses and none in others (an addition, an omission) are
        # never the same words: a long passage is not split into them for nothing
        mixed = not all(cores) and any(cores)
        # (readings whose characters other than whitespace differ are never the same
        # words: told in C by `str.split`, which splits at what the regex's \s matches;
        # each reading once, and none where words stand against none)
        same = None
        if not mixed:
            distinct = set(cores)
            if len(distinct) == 1 or len({"".join(core.split()) for core in distinct}) == 1:
                same = _same_words([_WHITESPACE.split(core) for core in cores])
        if same is not None:
            # the same words, in columns of their own (one witness's word against
            # another's, moved) or apart only by whitespace: shared text after all
            words, gaps = same
            for index, word in enumerate(words):
                if index:
                    self.gap = gaps[index - 1]
                    self.flush_gap()
                self._shared(word)
        else:
            self._location((start, stop), cores, normals)
        for w in range(width):
            self.gap[w] += trails[w]
        self.gap_column = stop - 1

    def shared(self, alignment: Alignment, start: int, stop: int) -> None:
        """Columns where every witness reads the same word. Between two words that all
        write the same whitespace after, the text is taken whole from the first
        witness's tokens; only where the whitespace differs is the gap written out
        word by word (most of a text is the former)."""
        first, last = alignment.columns[start], alignment.columns[stop - 1]
        witnesses = alignment.witnesses
        runs = [
            witnesses[w].tokens[first[w] : last[w] + 1]  # type: ignore[operator]
            for w in range(len(witnesses))
        ]
        # (a compiled loop: `map` of an attrgetter costs a third more a token)
        spaces = [[token.whitespace for token in run] for run in runs]
        length = stop - start
        differ: set[int] = set()
        for other in spaces[1:]:
            if other != spaces[0]:  # (compared in C, most often alike)
                differ.update(compress(range(length), map(ne, spaces[0], other)))
        lead = runs[0]
        self.flush_gap()
        self._shared(lead[0].text)
        at = 0  # the run's word last written; the whitespace after it is pending
        for stop_at in [*sorted(differ), length - 1]:
            if stop_at > at:  # the same whitespace after each word from `at` to here
                whole = "".join(chain.from_iterable(map(_TEXT_AND_WHITESPACE, lead[at:stop_at])))
                self._shared(whole[len(lead[at].text) :] + lead[stop_at].text)
                at = stop_at
            if at == length - 1:
                break
            self.gap = [own[at] for own in spaces]
            self.gap_column = start + at
            self.flush_gap()
            at += 1
            self._shared(lead[at].text)
        self.gap = [own[-1] for own in spaces]
        self.gap_column = stop - 1

    def void(self, alignment: Alignment, start: int, stop: int) -> None:
        """Columns of empty tokens only (whitespace before a witness's first word)."""
        for column in alignment.columns[start:stop]:
            for w, index in enumerate(column):
                if index is not None:
                    self.gap[w] += alignment.witnesses[w].tokens[index].surface

    def finish(self) -> list[Segment]:
        self.flush_gap()
        self._close_location()
        self._close_shared()
        return self.segments


def _same_words(pieces: Sequence[list[str]]) -> tuple[list[str], list[list[str]]] | None:
    """The words every witness reads, and per gap between two of them each witness's
    whitespace there, where the witnesses differ only in whitespace (`pieces`: each
    witness's words and the whitespace between, as `re.split` cuts them); else None.
    A hyphenated compound broken at a line's end ("coarse-⏎haired" against
    "coarse-haired") is the same word divided by the layout, no variant: a witness
    reads no whitespace at such a gap. Words run together without a hyphen ("to day"
    against "today") stay a variant of word division."""
    first = pieces[0][0::2]
    if all(p[0::2] == first for p in pieces):
        return first, [[p[2 * i + 1] for p in pieces] for i in range(len(first) - 1)]
    joined = "".join(first)
    if any("".join(p[0::2]) != joined for p in pieces):
        return None
    # each witness's gaps by the position in the joined words where they stand
    at: list[dict[int, str]] = []
    for p in pieces:
        ends = accumulate(len(word) for word in p[0:-1:2])
        at.append(dict(zip(ends, p[1::2], strict=True)))
    cuts = sorted(set().union(*at))
    if any(joined[cut - 1] not in _HYPHENS for cut in cuts if not all(cut in a for a in at)):
        return None
    bounds = [0, *cuts, len(joined)]
    words = [joined[a:b] for a, b in pairwise(bounds)]
    return words, [[a.get(cut, "") for a in at] for cut in cuts]


def build_apparatus(
    alignment: Alignment,
    normalization: str = "",
    whitespace: WhitespaceMode = "spacing",
    jobs: int = 1,
) -> Apparatus:
    """The apparatus of an alignment: shared text and numbered variant locations.

    `whitespace` is "spacing" (differences in whitespace alone are kept in the shared
    text, see `Spacing`) or "variants" (they are variant locations). With `jobs` > 1
    the text is cut into that many stretches, built in as many processes
    (`collate.parallel`, `collate.apparatus_parts`); the apparatus is the same."""
    if whitespace not in WHITESPACE_MODES:
        raise ValueError(f"whitespace must be one of {', '.join(WHITESPACE_MODES)}")
    grid = Grid(alignment)
    units = _units(alignment, grid)
    if jobs > 1:
        from .apparatus_parts import build_in_parts

        build = functools.partial(segments_of, alignment, grid, whitespace)
        segments = build_in_parts(alignment, units, build, jobs)
    else:
        segments = segments_of(alignment, grid, whitespace, units)
    return Apparatus(
        tuple(w.witness for w in alignment.witnesses),
        tuple(_link_transpositions(segments, alignment)),
        engine=alignment.engine,
        normalization=normalization,
        whitespace=whitespace,
    )


def segments_of(
    alignment: Alignment, grid: Grid, whitespace: WhitespaceMode, units: Sequence[Unit]
) -> list[Segment]:
    """The segments of a stretch of units, numbered from 1, transpositions unlinked."""
    builder = _Builder(alignment, whitespace, grid)
    for kind, start, stop in units:
        if kind == SHARED:
            builder.shared(alignment, start, stop)
        elif kind == VOID:
            builder.void(alignment, start, stop)
        else:
            builder.location(alignment, start, stop)
    return builder.finish()


def _link_transpositions(segments: list[Segment], alignment: Alignment) -> list[Segment]:
    if not alignment.transpositions:
        return segments
    by_start = {s.columns[0]: s for s in segments if isinstance(s, VariantLocation)}
    partner: dict[int, int] = {}
    for t in alignment.transpositions:
        first, second = by_start.get(t.first[0]), by_start.get(t.second[0])
        if first is not None and second is not None:
            partner[first.number], partner[second.number] = second.number, first.number
    linked: list[Segment] = []
    for s in segments:
        if isinstance(s, VariantLocation) and s.number in partner:
            s = _location(s.number, s.columns, s.groups, "transposition", partner[s.number])
        linked.append(s)
    return linked
