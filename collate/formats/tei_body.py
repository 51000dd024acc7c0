"""The TEI text of an apparatus: shared text, `<app>`s and witness whitespace, written
so that TEI viewers show every witness's words right.

- `<rdg>` stands directly in `<app>` (viewers look for `@wit` on the app's children);
  readings that share a normal form carry it as `@n`, and every reading but the first
  of such a group the `@type` of its difference.
- No reading begins or ends with whitespace (viewers draw a reading as an inline
  block and trim it). Two locations that only whitespace separates are two `<app>`s
  where every witness reads words in both and writes whitespace between them: the
  Versioning Machine shows that whitespace between the two (in a dense tradition,
  nearly every word is a location of its own). Otherwise they are written as one: where
  some witnesses lack all of them, as a nested `<app>` (the others' reading holds the
  inner locations, so each stays minimal), else as one `<app>` with each witness's
  whole text there. EVT 2 keeps no whitespace-only text between tags, nor any at a
  reading's edges inside it, whatever the encoding (`benchmarks.tei_viewer_whitespace`).
- Where witnesses write the whitespace between two words differently, the text shows
  the common form and a `<milestone unit="whitespace" ed="#w" rend="lf"/>` before it
  gives each other witness's own (see `collate.readers.apparatus` for the rule).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from typing import NamedTuple, TypeVar, cast

from lxml import etree

from ..apparatus import split_edges
from ..lacunae import MARKER, lacuna_type, marked, markers
from ..model import GROUP_SEVERITY, Apparatus, Equivalence, SharedText, VariantLocation
from ..normalize import classify
from ..orthography import restrict
from ..readers.apparatus import spell_whitespace
from ..references import location_lines
from .tei_markup import Markup, start_tag


class _Gap(NamedTuple):
    """Whitespace between two words, per witness, and the form the text shows."""

    own: dict[str, str]
    common: str


class _Location(NamedTuple):
    location: VariantLocation
    #: the witnesses (of the enclosing reading) it is written for
    sigla: tuple[str, ...]
    #: per witness of the location, the text of its reading (`VariantLocation.reading_of`),
    #: filled on first need (a new, empty dict at first) and shared with the location's
    #: restricted copies: the families and the widening ask for it many times, most
    #: locations never
    texts: dict[str, str]

    def text(self, siglum: str) -> str:
        texts = self.texts
        if not texts:
            for reading in reversed(self.location.readings):  # the first naming one wins
                texts.update(dict.fromkeys(reading.sigla, reading.text))
        return texts[siglum]


class _Word(NamedTuple):
    """A word of shared text taken into a neighbouring location (see `_widen`)."""

    word: str

    def text(self, siglum: str) -> str:
        return self.word


_Item = str | _Gap | _Location | _Word
_T = TypeVar("_T")


#: the kinds of difference that leave the words alone, from the slightest
_GRADED: tuple[str, ...] = GROUP_SEVERITY


def _gravest(types: set[str]) -> str:
    """The type of one `<app>` holding locations of these types: theirs if one, the
    gravest where all leave the words alone (a spelling beside a comma is a spelling,
    no substantive variant), else substantive."""
    if len(types) > 1:
        types.discard("lacuna")  # a loss beside a variant: the variant names the `<app>`
    if len(types) == 1:
        return types.pop()
    if types <= set(_GRADED):
        return max(types, key=_GRADED.index)
    return "substantive"


def location_id(number: int) -> str:
    return f"app{number}"


def basis_id(equivalence: Equivalence) -> str:
    """The `xml:id` of a rule or measure in the header, which readings point to (@ana)."""
    return f"norm-{equivalence.name}"


def _items(apparatus: Apparatus) -> list[_Item]:
    sigla = apparatus.sigla
    items: list[_Item] = []
    for segment in apparatus.segments:
        if isinstance(segment, VariantLocation):
            items.append(_Location(segment, sigla, {}))
            continue
        items += _shared_items(segment, sigla)
    return items


def _shared_items(segment: SharedText, sigla: Sequence[str]) -> list[_Item]:
    items: list[_Item] = []
    start = 0
    for point in segment.spacing:
        items.append(segment.text[start : point.offset])
        common = segment.text[point.offset : point.offset + point.length]
        own = dict.fromkeys(sigla, common)
        # the first entry naming a witness is its whitespace (`Spacing.of`)
        for named, whitespace in reversed(point.others):
            for siglum in named:
                if siglum in own:
                    own[siglum] = whitespace
        items.append(_Gap(own, common))
        start = point.offset + point.length
    items.append(segment.text[start:])
    return items


def _restrict(items: Sequence[_Item], sigla: tuple[str, ...]) -> list[_Item]:
    """The items as the witnesses `sigla` read them: a location they all read alike
    becomes text, a gap they all write alike too; neighbouring texts and gaps merge."""
    result: list[_Item] = []
    buffer: list[str] = []
    size = len(sigla)
    for item in items:
        kind = type(item)  # one look-up per item: the items are many, their kinds four
        if kind is _Word:
            assert isinstance(item, _Word)
            item, kind = item.word, str
        elif kind is _Location:
            assert isinstance(item, _Location)
            if item.sigla != sigla:  # in its own scope a location stays one
                texts = {item.text(s) for s in sigla}
                if len(texts) > 1:
                    item = _Location(item.location, sigla, item.texts)
                else:
                    item, kind = texts.pop(), str
        elif kind is _Gap:
            assert isinstance(item, _Gap)
            own = item.own
            same = len(own) == size and tuple(own) == sigla
            if not same:
                own = {s: own[s] for s in sigla}
            values = set(own.values())
            if len(values) == 1:
                item, kind = values.pop(), str
            elif not same or item.common not in values:
                common = item.common
                if common not in values:
                    common = Counter(own.values()).most_common(1)[0][0]
                item = _Gap(own, common)
        if kind is str:
            assert isinstance(item, str)
            buffer.append(item)  # joined once, not piece by piece: texts can be long
            continue
        if any(buffer):
            result.append("".join(buffer))
        buffer = []
        if kind is _Gap and result and type(result[-1]) is _Gap:
            last = result[-1]
            assert isinstance(item, _Gap) and isinstance(last, _Gap)
            result[-1] = _joined_gaps(last, item, sigla)
        else:
            result.append(item)
    if any(buffer):
        result.append("".join(buffer))
    return result


def _joined_gaps(first: _Gap, second: _Gap, sigla: Sequence[str]) -> _Gap:
    """Two neighbouring gaps as one. The text shows one of its witnesses' whitespace
    there (the two common forms joined may be none of them: "⏎" + "" against "" +
    "⏎"), so that where every witness writes whitespace it shows some (`_fusing_sides`
    relies on it)."""
    own = {s: first.own[s] + second.own[s] for s in sigla}
    common = first.common + second.common
    return _Gap(own, common if common in own.values() else _common_form(own))


def _text_of(items: Sequence[_Item], siglum: str) -> str:
    return "".join(
        item
        if isinstance(item, str)
        else item.own[siglum]
        if isinstance(item, _Gap)
        else item.text(siglum)
        for item in items
    )


class _Family(NamedTuple):
    """Witnesses of a run written as one reading of its `<app>`."""

    sigla: tuple[str, ...]
    #: their text with the locations inside it, where they read it differently; None
    #: where they read the same text, or where it cannot be written so for viewers
    #: (`_trimmed`): then each member's text is written whole
    items: list[_Item] | None


class _Families(NamedTuple):
    """Locations only whitespace separates, written as one `<app>` whose readings are
    the families of witnesses in the run (`_families`)."""

    families: tuple[_Family, ...]
    #: per witness, its text in the run without the whitespace at its edges
    texts: dict[str, str]
    locations: tuple[VariantLocation, ...]


def _trim_end(items: list[_Item], present: tuple[str, ...], reverse: bool) -> list[_Item] | None:
    """The items without the whitespace each witness has at their end (with `reverse`,
    their start), which then stands outside the location; None where that whitespace
    is inside a location's reading, or in a text that another witness reads as inside."""
    result = list(items)
    going = set(present)  # the witnesses not yet past their edge's whitespace
    indices = range(len(result)) if reverse else range(len(result) - 1, -1, -1)
    for index in indices:
        if not going:
            break
        item = result[index]
        if isinstance(item, str):
            kept = item.lstrip() if reverse else item.rstrip()
            if kept != item:
                if len(going) < len(present):
                    return None
                result[index] = kept
            if kept:
                going.clear()
        elif isinstance(item, _Gap):
            result[index] = _Gap(
                {s: "" if s in going else w for s, w in item.own.items()}, item.common
            )
        elif isinstance(item, _Location):
            for siglum in list(going):
                text = item.text(siglum)
                if text and (text[0] if reverse else text[-1]).isspace():
                    return None
                if text:
                    going.discard(siglum)
    return result


def _divides_words(before: object, item: object, after: object) -> bool:
    """Whether `item` is whitespace between two words that one witness leaves empty and
    another fills: a word division ("the—" / "the —")."""
    return (
        isinstance(item, _Gap)
        and "" in item.own.values()
        and any(item.own.values())
        and isinstance(before, str)
        and not before[-1:].isspace()
        and before != ""
        and isinstance(after, str)
        and not after[:1].isspace()
        and after != ""
    )


_WHITESPACE = re.compile(r"(\s+)")


def _respaced(items: Sequence[_Item], sigla: tuple[str, ...]) -> list[_Item]:
    """The items with each location whose readings (for `sigla`) differ in whitespace
    alone, every witness writing whitespace at the same places, made its text with
    that whitespace as gaps: with whitespace no variant (the default), the witnesses
    of a family read it alike (a paragraph break one copy adds is no inner location)."""
    result: list[_Item] = []
    for item in items:
        if not isinstance(item, _Location):
            result.append(item)
            continue
        pieces = [_WHITESPACE.split(item.text(s)) for s in sigla]
        first = pieces[0]
        if any(len(p) != len(first) or p[::2] != first[::2] for p in pieces[1:]):
            result.append(item)
            continue
        # words at even places, whitespace (never empty) at odd ones
        for place, piece in enumerate(first):
            own = {s: p[place] for s, p in zip(sigla, pieces, strict=True)}
            if place % 2 == 0 or len(set(own.values())) == 1:
                result.append(piece)
            else:
                result.append(_Gap(own, Counter(own.values()).most_common(1)[0][0]))
    return _restrict(result, sigla)


def _trimmed(
    run: Sequence[_Item], present: tuple[str, ...], spacing: bool = True
) -> list[_Item] | None:
    """The run as the witnesses `present` read it, without whitespace at its edges (the
    reading that holds it may not begin or end with whitespace: viewers trim it and
    fuse words); None where it cannot be written so (see `_trim_end`), or where they
    divide words differently at a place the run shares ("sat´" / "sat ´"): there that
    difference would be a milestone, which viewers ignore. With `spacing` (whitespace no
    variant), locations they read alike but for whitespace become text (`_respaced`)."""
    items = _restrict(run, present)
    if spacing:
        items = _respaced(items, present)
    if any(map(_divides_words, items, items[1:], items[2:])):
        return None
    end = _trim_end(items, present, reverse=False)
    return None if end is None else _trim_end(end, present, reverse=True)


def _common_form(own: dict[str, str]) -> str:
    """The whitespace the text shows for a gap: the most witnesses', a space, the shortest."""
    counts = Counter(own.values())
    return max(counts, key=lambda g: (counts[g], g == " ", -len(g)))


def _edge_gap(own: dict[str, str]) -> _Gap | str:
    if len(set(own.values())) == 1:
        return next(iter(own.values()))
    return _Gap(own, _common_form(own))


_Planned = _Item | _Families


def _families(
    run: Sequence[_Item], sigla: tuple[str, ...], texts: dict[str, str]
) -> list[tuple[str, ...]]:
    """The witnesses of a run grouped into families, each to be written as one reading.

    Witnesses that read the same text start as one family. Then, greedily, the two
    families whose union shares the most words (words of the run that all its members
    read alike; ties go to the families of the earlier sigla) are merged, as long as
    those shared words are at least half of the smaller family's extent (the words of
    its longest member): the shorter text is mostly the other's, as an abridged or
    revised copy is, so the family's reading holds their differences as small inner
    locations (an addition is one location against the other's omission) rather than
    as whole texts. Texts that only share a few common words by chance stay apart, and
    witnesses without words there (an omission) share none. Merging stops at two
    families: one would be the run itself again."""
    words = {s: len(texts[s].split()) for s in sigla}
    position = {s: i for i, s in enumerate(sigla)}
    always = 0  # words every witness reads: shared text, words taken into the run
    #: per location: per distinct reading with words (words read alike but for
    #: whitespace are one), its words; and per witness, which of them it reads (-1: none)
    lengths: list[list[int]] = []
    reads: list[list[int]] = []
    for item in run:
        if isinstance(item, _Location):
            numbered: dict[str, int] = {}
            read = []
            for siglum in sigla:
                text = " ".join(item.text(siglum).split())
                read.append(numbered.setdefault(text, len(numbered)) if text else -1)
            lengths.append([len(t.split()) for t in numbered])
            reads.append(read)
        elif isinstance(item, (str, _Word)):
            always += len(_text_of([item], sigla[0]).split())
    grouped: dict[str, list[str]] = {}
    for siglum in sigla:
        grouped.setdefault(texts[siglum], []).append(siglum)
    families = [tuple(members) for members in grouped.values()]
    # per family and location, the reading all its members read (-1: none, or not
    # alike: one text may fall into the locations otherwise for each of its witnesses)
    alike = [[_alike([read[position[s]] for s in f]) for read in reads] for f in families]
    extents = [max(words[s] for s in family) for family in families]
    merge = _merge_by_matrix if len(families) > _MANY_FAMILIES else _merge_by_pairs
    merged = merge(alike, extents, lengths, always)
    return [
        tuple(sorted(chain.from_iterable(families[f] for f in group), key=position.__getitem__))
        for group in merged
    ]


def _alike(readings: list[int]) -> int:
    first = readings[0]
    return first if all(r == first for r in readings) else -1


#: more families than this in a run are merged through a matrix of what each pair
#: shares (`_merge_by_matrix`): pair by pair, each merge rereads every pair, and 1,000
#: copies with a slip each took minutes
_MANY_FAMILIES = 64


def _merge_by_pairs(
    alike: list[list[int]], extents: list[int], lengths: list[list[int]], always: int
) -> list[list[int]]:
    """The greedy merging of `_families`, pair by pair: the families (by index) that
    end up together, in the order of their first."""
    groups = [[f] for f in range(len(alike))]
    alike, extents = [list(a) for a in alike], list(extents)
    # a family only grows, so its first member and its size name what it is now
    counted: dict[tuple[int, int, int, int], int] = {}
    while len(groups) > 2:
        best: tuple[int, int, int] | None = None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                key = (groups[i][0], len(groups[i]), groups[j][0], len(groups[j]))
                count = counted.get(key, -1)
                if count < 0:
                    count = counted[key] = always + sum(
                        lengths[at][r]
                        for at, (r, other) in enumerate(zip(alike[i], alike[j], strict=True))
                        if r >= 0 and r == other
                    )
                if count and 2 * count >= min(extents[i], extents[j]):
                    if best is None or count > best[0]:
                        best = (count, i, j)
        if best is None:
            break
        _, i, j = best
        groups[i] += groups[j]
        alike[i] = [r if r == other else -1 for r, other in zip(alike[i], alike[j], strict=True)]
        extents[i] = max(extents[i], extents[j])
        del groups[j], alike[j], extents[j]
    return groups


def _merge_by_matrix(
    alike: list[list[int]], extents: list[int], lengths: list[list[int]], always: int
) -> list[list[int]]:
    """`_merge_by_pairs` for many families: what every pair shares held in a matrix, of
    which a merge recomputes the merged family's row only. The best pair is the first
    largest in the upper triangle read row by row, as the pairs' loop finds it."""
    import numpy as np

    count = len(alike)
    reading = np.array(alike, dtype=np.int64).reshape(count, len(lengths))
    widest = max(map(len, lengths), default=0)
    table = np.zeros((len(lengths), widest + 1), dtype=np.int64)  # column -1: no words
    for at, words in enumerate(lengths):
        table[at, : len(words)] = words
    columns = np.arange(len(lengths))
    extent = np.array(extents, dtype=np.int64)
    alive = np.ones(count, dtype=bool)

    def shares(i: int) -> np.ndarray:
        """What family i shares with every family (words all of both read alike)."""
        own = reading[i]
        same = (reading == own) & (own >= 0)
        shared: np.ndarray = always + (same * table[columns, own]).sum(axis=1)
        return shared

    def eligible(i: int, shared: np.ndarray) -> np.ndarray:
        ok = (shared > 0) & (2 * shared >= np.minimum(extent[i], extent)) & alive
        ok[i] = False
        return np.where(ok, shared, -1)

    scores = np.full((count, count), -1, dtype=np.int64)
    for i in range(count):
        scores[i] = eligible(i, shares(i))
    scores[np.tril_indices(count)] = -1  # each pair once, as (earlier, later)
    groups: dict[int, list[int]] = {f: [f] for f in range(count)}
    while len(groups) > 2:
        best = int(np.argmax(scores))
        i, j = divmod(best, count)
        if scores[i, j] < 0:
            break
        groups[i] += groups.pop(j)
        reading[i] = np.where(reading[i] == reading[j], reading[i], -1)
        extent[i] = max(extent[i], extent[j])
        alive[j] = False
        scores[j, :] = scores[:, j] = -1
        row = eligible(i, shares(i))
        scores[i, i + 1 :] = row[i + 1 :]
        scores[:i, i] = row[:i]
    return list(groups.values())


def _family(
    run: Sequence[_Item], members: tuple[str, ...], texts: dict[str, str], spacing: bool
) -> _Family:
    if len({texts[s] for s in members}) == 1:
        return _Family(members, None)
    return _Family(members, _trimmed(run, members, spacing))


#: a run's items (kept, so that their ids stay theirs) and what `_plan` made of it
_Runs = dict[tuple[int, ...], tuple[list[_Item], list[_Planned]]]


def _plan(
    items: list[_Item],
    sigla: tuple[str, ...],
    spans: dict[int, tuple[int, int]] | None = None,
    spacing: bool = True,
    runs: _Runs | None = None,
) -> list[_Planned]:
    """The items with each run of locations that only whitespace separates (but where
    two may stand apart, `_apart`) made one `_Families`, and the gaps that then touch
    merged. `spans` receives, per location written (by `id`), the first and last of the
    items it holds. `runs` keeps what was
    made of each run (by its items' ids), so that planning again after a few words were
    taken (`_widen`) redoes only the runs that changed: every run holds a location or a
    taken word of its own, so its items' ids name it alone."""
    planned: list[_Planned] = []
    spans = {} if spans is None else spans
    runs = {} if runs is None else runs
    i = 0
    count = len(items)
    while i < count:
        item = items[i]
        kind = type(item)  # the kinds are final: a look-up, not an isinstance, per item
        if kind is not _Location and kind is not _Word:
            planned.append(item)
            i += 1
            continue
        last = k = i
        while k + 1 < count:
            following = items[k + 1]
            kind = type(following)
            if kind is str and cast(str, following).strip():
                break
            if _apart(items, k):
                break
            k += 1
            if kind is _Location or kind is _Word:
                last = k
        run = items[i : last + 1]
        span = (i, last)
        i = last + 1
        if len(run) == 1 and isinstance(item, _Location):
            spans[id(item)] = span
            planned.append(item)
            continue
        key = tuple(map(id, run))
        known = runs.get(key)
        if known is None:
            known = runs[key] = (run, _plan_run(run, sigla, spacing))
        made = known[1]
        if len(made) == 3:
            spans[id(made[1])] = span
        planned += made
    return _join(planned, sigla)


def _whole(item: object) -> bool:
    """Whether every witness of the location reads words there, with no whitespace at
    their edges: its `<app>` then shows each of them as it is, whatever stands beside."""
    if type(item) is not _Location:
        return False
    assert isinstance(item, _Location)
    for siglum in item.sigla:
        text = item.text(siglum)
        if not text or text[0].isspace() or text[-1].isspace():
            return False
    return True


def _apart(items: Sequence[_Item], k: int) -> bool:
    """Whether the location at `k` and the one after the whitespace that follows it may
    be written as two `<app>`s: both read by every witness (where some lack one, the
    nested form keeps the others' whitespace theirs), and whitespace that every witness
    writes between them (the Versioning Machine shows it between two `<app>`s; where
    one witness writes none, the text could not show both)."""
    if k + 2 >= len(items) or not _whole(items[k]) or not _whole(items[k + 2]):
        return False
    between = items[k + 1]
    if type(between) is str:
        return between != "" and between.isspace()
    if type(between) is _Gap:
        assert isinstance(between, _Gap)
        return all(w != "" and w.isspace() for w in between.own.values())
    return False


def _plan_run(run: list[_Item], sigla: tuple[str, ...], spacing: bool) -> list[_Planned]:
    """A run of locations (or words taken into them) that only whitespace separates:
    its `_Families` between the whitespace at its edges, or its text if it holds only
    shared words."""
    texts = {s: _text_of(run, s) for s in sigla}
    locations = tuple(x.location for x in run if isinstance(x, _Location))
    if not locations:  # shared words only
        return [texts[sigla[0]]]
    # each reading may not begin or end with whitespace (viewers trim it and fuse
    # words): the witnesses' whitespace at the run's edges stands outside
    edges = {s: split_edges(texts[s]) for s in sigla}
    cores = {s: core for s, (_, core, _) in edges.items()}
    families = tuple(_family(run, f, cores, spacing) for f in _families(run, sigla, cores))
    return [
        _edge_gap({s: lead for s, (lead, _, _) in edges.items()}),
        _Families(families, cores, locations),
        _edge_gap({s: trail for s, (_, _, trail) in edges.items()}),
    ]


def _side(
    planned: list[_Planned], j: int, step: int, sigla: tuple[str, ...]
) -> tuple[dict[str, str], str, bool]:
    """The whitespace each witness writes between the location at `j` and the words
    on one side of it (`step` -1: before, 1: after), the whitespace the text shows
    there, and whether there are words on that side to keep apart from."""
    own = dict.fromkeys(sigla, "")
    common = ""
    k = j + step
    if 0 <= k < len(planned) and isinstance(planned[k], _Gap):
        gap = planned[k]
        assert isinstance(gap, _Gap)
        own, common = dict(gap.own), gap.common
        k += step
    if 0 <= k < len(planned) and isinstance(planned[k], str):
        text = planned[k]
        assert isinstance(text, str)
        edge = text[len(text.rstrip()) :] if step < 0 else text[: len(text) - len(text.lstrip())]
        if step < 0:
            own, common = {s: edge + w for s, w in own.items()}, edge + common
        else:
            own, common = {s: w + edge for s, w in own.items()}, common + edge
        return own, common, bool(text.strip())
    return own, common, 0 <= k < len(planned)


def _core_texts(item: _Planned, sigla: tuple[str, ...]) -> dict[str, str]:
    if isinstance(item, _Families):
        return item.texts
    assert isinstance(item, _Location)
    return {s: item.text(s).strip() for s in sigla}


def _mixed(planned: list[_Planned], k: int) -> bool:
    """Whether the item at `k` is a gap where some witness writes whitespace and some none."""
    if not 0 <= k < len(planned):
        return False
    gap = planned[k]
    if not isinstance(gap, _Gap):
        return False
    values = gap.own.values()
    return any(values) and not all(values)


def _fusing_sides(planned: list[_Planned], j: int, sigla: tuple[str, ...]) -> tuple[bool, bool]:
    """Whether a viewer, showing the text's whitespace and a witness's reading without
    the whitespace at its edges, would join or split words of some witness before the
    location at `j`, and after it: where one witness writes whitespace there and
    another none ("flour;" / "flour Whan"), the text can show only one of them."""
    if not _mixed(planned, j - 1) and not _mixed(planned, j + 1):
        # where every witness writes whitespace on a side, or none does, the text shows
        # the same (a gap's common form is always one of its witnesses')
        return False, False
    before, shown_before, words_before = _side(planned, j, -1, sigla)
    after, shown_after, words_after = _side(planned, j, 1, sigla)
    fuse_before = fuse_after = False
    for siglum, text in _core_texts(planned[j], sigla).items():
        if text:
            fuse_before |= words_before and bool(before[siglum]) != bool(shown_before)
            fuse_after |= words_after and bool(after[siglum]) != bool(shown_after)
        elif words_before and words_after:
            own = before[siglum] + after[siglum]
            if bool(own) != bool(shown_before + shown_after):
                fuse_before = True
    return fuse_before, fuse_after


def _take_word(items: list[_Item], index: int, step: int) -> bool:
    """Take the word of shared text nearest a location (before it if `step` is -1,
    after it if 1), from `index` on, into the location; False if there is none."""
    while 0 <= index < len(items) and isinstance(items[index], _Gap):
        index += step
    if not 0 <= index < len(items):
        return False
    text = items[index]
    if not isinstance(text, str) or not text.strip():
        return False
    if step < 0:
        cut = len(text.rstrip())
        cut = len(text[:cut]) - len(text[:cut].split()[-1])
        pieces: list[_Item] = [text[:cut], _Word(text[cut:])]
    else:
        start = len(text) - len(text.lstrip())
        cut = start + len(text[start:].split()[0])
        pieces = [_Word(text[:cut]), text[cut:]]
    items[index : index + 1] = [p for p in pieces if p != ""]
    return True


#: items of a piece before a shared text may end it (`_pieces`): fewer pieces than
#: locations, so that each piece's rounds are worth their overhead
_PIECE = 64
#: words on each side of a cut: so many are seldom all taken (then pieces are merged)
_KEPT = 3


def _widen(
    items: list[_Item],
    sigla: tuple[str, ...],
    spacing: bool = True,
    shortest: int = _PIECE,
    kept: int = _KEPT,
    edges: list[bool] | None = None,
) -> list[_Planned]:
    """The plan, with each location at whose edge the text could not show every
    witness's words apart (`_fusing_sides`) widened by the neighbouring shared word,
    until none is left. A minimal location is given up only where a viewer would
    otherwise show wrong words.

    The text is widened in pieces cut inside long shared texts (`_pieces`): a location
    reaches no further than the nearest shared words, so the pieces are widened alone,
    each in as many rounds as it needs, rather than the whole text again in every round
    that any location needs. A cut holds while words stay on both sides of it; where a
    piece took all the words on its side, it is widened again with its neighbour, so
    the plan is the one the whole text widened at once gives (`shortest` and `kept`:
    see `_pieces`). `edges`, if given, receives whether the first and the last piece
    kept words at the items' ends (`tei_body_parts`: one of several parts of a text,
    whose neighbours were widened elsewhere)."""
    pending = _pieces(items, shortest, kept)
    done: list[tuple[list[_Item], list[_Planned]]] = []
    first_kept = last_kept = True
    while pending:
        piece = pending.pop()
        planned, widened = _widen_piece(piece, sigla, spacing)
        if not done:
            first_kept = _words_at(widened, 0)
        if not pending:
            last_kept = _words_at(widened, -1)
        if done and not _words_at(widened, 0):
            # the words before this piece's first location were all taken: widen it
            # again with the piece before
            pending.append(_merged(done.pop()[0], piece))
        elif pending and not _words_at(widened, -1):
            pending.append(_merged(piece, pending.pop()))
        else:
            done.append((piece, planned))
    if edges is not None:
        edges += [first_kept, last_kept]
    # the halves of a cut shared text are the last and the first texts of two pieces
    # (joined, both hold words): joined again, as one plan of the whole text
    result: list[_Planned] = []
    for _, planned in done:
        if result:
            last = result.pop()
            assert isinstance(last, str) and isinstance(planned[0], str)
            result.append(last + planned[0])
            result += planned[1:]
        else:
            result += planned
    return result


_WORD_BOUNDARY = re.compile(r"\S\s")


def _pieces(items: list[_Item], shortest: int = _PIECE, kept: int = _KEPT) -> list[list[_Item]]:
    """The items cut into pieces for `_widen`, last piece first, each cut in the middle
    of a shared text with `kept` words or more on each side: its first half ends one
    piece, its second half begins the next; a piece holds `shortest` items or more."""
    pieces: list[list[_Item]] = []
    start = 0
    carry: list[_Item] = []
    for index in range(len(items)):
        if index - start < shortest:
            continue
        item = items[index]
        if not isinstance(item, str):
            continue
        middle = _WORD_BOUNDARY.search(item, len(item) // 2) or _WORD_BOUNDARY.search(item)
        if middle is None:
            continue
        cut = middle.start() + 1
        if len(item[:cut].split()) < kept or len(item[cut:].split()) < kept:
            continue
        pieces.append([*carry, *items[start:index], item[:cut]])
        carry = [item[cut:]]
        start = index + 1
    pieces.append([*carry, *items[start:]])
    pieces.reverse()
    return pieces


def _merged(first: list[_Item], second: list[_Item]) -> list[_Item]:
    """Two neighbouring pieces as one, the shared text cut between them whole again."""
    joined = first[-1]
    assert isinstance(joined, str) and isinstance(second[0], str)
    return [*first[:-1], joined + second[0], *second[1:]]


def _words_at(items: list[_Item], index: int) -> bool:
    """Whether the item at `index` (a piece's first or last) is shared text with words."""
    item = items[index] if items else None
    return isinstance(item, str) and bool(item.strip())


def _widen_piece(
    items: list[_Item], sigla: tuple[str, ...], spacing: bool
) -> tuple[list[_Planned], list[_Item]]:
    """`_widen` of a piece: its plan, and its items with the words taken."""
    items = list(items)
    runs: _Runs = {}
    while True:
        spans: dict[int, tuple[int, int]] = {}
        planned = _plan(items, sigla, spans, spacing, runs)
        takes: list[tuple[int, int]] = []
        for j, item in enumerate(planned):
            if id(item) not in spans:
                continue
            first, last = spans[id(item)]
            fuse_before, fuse_after = _fusing_sides(planned, j, sigla)
            if fuse_before:
                takes.append((first - 1, -1))
            if fuse_after:
                takes.append((last + 1, 1))
        # from the end back, so that the indices still to be used stay right
        taken = [_take_word(items, index, step) for index, step in sorted(takes, reverse=True)]
        if not any(taken):
            return planned, items


def _join(planned: list[_Planned], sigla: tuple[str, ...]) -> list[_Planned]:
    """Neighbouring texts and neighbouring gaps as one; no empty texts."""
    joined: list[_Planned] = []
    buffer: list[str] = []
    for item in planned:
        kind = type(item)
        if kind is str:
            assert isinstance(item, str)
            last = joined[-1] if joined else None
            if not buffer and type(last) is _Gap and item[:1].isspace():
                assert isinstance(last, _Gap)
                # a gap stands for all the whitespace up to the next word: take in what
                # every witness shares there
                rest = item.lstrip()
                shared = item[: len(item) - len(rest)]
                own = {s: w + shared for s, w in last.own.items()}
                joined[-1] = _Gap(own, last.common + shared)
                item = rest
            buffer.append(item)
            continue
        if buffer:
            text = "".join(buffer)
            if text:
                joined.append(text)
            buffer = []
        if kind is _Gap and joined and type(joined[-1]) is _Gap:
            last = joined[-1]
            assert isinstance(item, _Gap) and isinstance(last, _Gap)
            joined[-1] = _joined_gaps(last, item, sigla)
        else:
            joined.append(item)
    if any(buffer):
        joined.append("".join(buffer))
    return joined


class _Division(NamedTuple):
    """Two words of shared text that some witnesses join and others divide."""

    texts: dict[str, str]


_LAST_WORD = re.compile(r"\S+\Z")
_FIRST_WORD = re.compile(r"\A\S+")


def _divisions(planned: Iterable[_T]) -> list[_T | _Division]:
    """The planned items with each gap between two words that one witness leaves empty
    and another fills (a word division: "the—" / "the —") made a `_Division` of the
    words either side."""
    result: list[_T | _Division] = []
    items = list(planned)
    i = 0
    while i < len(items):
        item = items[i]
        if type(item) is _Gap:  # only a gap divides words
            before = result[-1] if result else None
            after = items[i + 1] if i + 1 < len(items) else None
            if _divides_words(before, item, after):
                assert isinstance(item, _Gap)
                assert isinstance(before, str) and isinstance(after, str)
                last = _LAST_WORD.search(before)
                first = _FIRST_WORD.match(after)
                assert last is not None and first is not None
                result[-1] = before[: last.start()]  # type: ignore[assignment]
                words = {s: last.group() + w + first.group() for s, w in item.own.items()}
                result.append(_Division(words))
                result.append(after[first.end() :])  # type: ignore[arg-type]
                i += 2
                continue
        result.append(item)
        i += 1
    return [x for x in result if x != ""]


class _Writer:
    """Writes the body as XML text (`tei_markup`): parsed once, it is the tree these
    methods would make element by element."""

    def __init__(
        self,
        ids: dict[str, str],
        base: str | None = None,
        lines: dict[int, int] | None = None,
        marker: str = MARKER,
        spacing: bool = True,
    ) -> None:
        self.ids = ids
        #: whether whitespace alone is no variant (`Apparatus.whitespace`)
        self.spacing = spacing
        #: the sign of a lacuna in the witnesses' texts (`collate.lacunae`)
        self.marker = marker
        self._signs = markers(marker)
        #: the base witness: its reading is each location's `<lem>`, written first
        self.base = base
        #: per location number, its reference (`collate.references`), written as @loc
        self.lines = lines or {}
        # the same few witness lists and whitespace milestones recur throughout
        self._wits: dict[tuple[str, ...], str] = {}
        self._milestones: dict[tuple[str, str], str] = {}
        self.markup = Markup()
        #: location number -> the place (`Markup`) of the `<app>` it was written in
        self.element_of: dict[int, int] = {}
        #: per `<app>` with an `xml:id` (by place), the id
        self.app_ids: dict[int, str] = {}

    def holds_marker(self, text: str) -> bool:
        """Whether `lacunae.marked` would find a lacuna's sign in the text."""
        return any(sign in text for sign in self._signs)

    def reading(self, text: str, marker: str | None = None) -> None:
        """A reading's text into its new, empty `<rdg>`: where it holds the sign of a
        lacuna, a `<gap reason="lacuna"/>` before the sign (`lacunae.write_reading`)."""
        marker = self.marker if marker is None else marker
        if marker == self.marker and not self.holds_marker(text):
            if text:
                self.markup.text(text)
            return
        for piece, is_marker in marked(text, marker):
            if is_marker:
                self.markup.empty("gap", (("reason", "lacuna"),))
            self.markup.text(piece)

    def wit(self, sigla: Sequence[str]) -> str:
        key = tuple(sigla)
        found = self._wits.get(key)
        if found is None:
            found = self._wits[key] = " ".join("#" + self.ids[s] for s in key)
        return found

    def write(self, items: Sequence[_Item], sigla: tuple[str, ...]) -> None:
        """The items as the witnesses `sigla` read them, into the open element."""
        self.write_planned(_divisions(_widen(_restrict(items, sigla), sigla, self.spacing)))

    def write_planned(self, planned: Sequence[_Planned | _Division]) -> None:
        """Items as `write` plans them (`_widen`, `_divisions`), into the open element."""
        for item in planned:
            if isinstance(item, _Division):
                self.division(item)
            elif isinstance(item, (str, _Word)):  # a taken word is always in a location
                self.shared(item if isinstance(item, str) else item.word)
            elif isinstance(item, _Gap):
                self.gap(item)
            elif isinstance(item, _Location):
                self.location(item)
            else:
                self.families(item)

    def division(self, item: _Division) -> None:
        """Words some witnesses join and others divide, where the apparatus has no
        location (whitespace alone differs): an unnumbered `<app>` with each witness's
        words, since a milestone there would be lost on viewers, which ignore it."""
        self.markup.start("app", (("type", "orthographic"),))
        readings: dict[str, list[str]] = {}
        for siglum, text in item.texts.items():
            readings.setdefault(text, []).append(siglum)
        for text, witnesses in self.base_first(readings.items(), lambda r: r[1]):
            name = self.reading_name(witnesses)
            self.markup.start(name, (("wit", self.wit(witnesses)),))
            self.reading(text, MARKER)
            self.markup.end(name)
        self.markup.end("app")

    def shared(self, text: str) -> None:
        """Text every witness here reads; a lacuna they all mark gets its `<gap>` too."""
        if not self.holds_marker(text):
            if text:
                self.markup.text(text)
            return
        for piece, is_marker in marked(text, self.marker):
            if is_marker:
                self.markup.empty("gap", (("reason", "lacuna"),))
            self.markup.text(piece)

    def gap(self, gap: _Gap) -> None:
        others: dict[str, list[str]] = {}
        common = gap.common
        for siglum, whitespace in gap.own.items():
            if whitespace != common:
                listed = others.get(whitespace)
                if listed is None:
                    others[whitespace] = [siglum]
                else:
                    listed.append(siglum)
        markup = self.markup
        for whitespace, sigla in others.items():
            ed = self.wit(sigla)
            tag = self._milestones.get((whitespace, ed))
            if tag is None:
                rend = spell_whitespace(whitespace)
                attributes = (("unit", "whitespace"), ("ed", ed), ("rend", rend))
                tag = self._milestones[whitespace, ed] = start_tag("milestone", attributes, True)
            markup.empty_tag(tag)
        markup.text(common)

    def families(self, item: _Families) -> None:
        """Locations only whitespace separates: one `<app>`, with a reading per family
        that holds the locations where its members differ (TEI parallel segmentation
        lets a reading hold `<app>`s), or each member's whole text."""
        numbers = [location.number for location in item.locations]
        slot, app = self.markup.reserve()  # its id depends on the readings inside
        present = [f for f in item.families if item.texts[f.sigla[0]]]
        if len(present) == 1 < len(item.families) and present[0].items is not None:
            kind = "omission"  # one text with its variation inside, against its omission
        else:
            kind = _gravest({location.type for location in item.locations})
        for family in self.base_first(item.families, lambda f: f.sigla):
            if family.items is not None:
                name = self.reading_name(family.sigla)
                self.markup.start(name, (("wit", self.wit(family.sigla)),))
                self.write(family.items, family.sigla)
                self.markup.end(name)
                continue
            readings: dict[str, list[str]] = {}
            for siglum in family.sigla:
                readings.setdefault(item.texts[siglum], []).append(siglum)
            for text, witnesses in self.base_first(readings.items(), lambda r: r[1]):
                name = self.reading_name(witnesses)
                if text:
                    self.markup.start(name, (("wit", self.wit(witnesses)),))
                    self.reading(text)
                    self.markup.end(name)
                else:
                    self.markup.empty(name, (("wit", self.wit(witnesses)), ("type", "omission")))
        # the locations no family holds inside its reading are this one's (in every
        # family alike, or each member's text whole): their id and transposition links
        own = [n for n in numbers if n not in self.element_of]
        for number in own:
            self.element_of[number] = app
        attributes = [("n", " ".join(map(str, numbers))), ("type", kind)]
        if own:
            attributes.append(("xml:id", location_id(own[0])))
            self.app_ids[app] = location_id(own[0])
        self.cite(attributes, numbers[0])
        self.markup.fill(slot, "app", attributes)
        self.markup.end("app")

    def location(self, item: _Location) -> None:
        original = item.location
        location = original
        kind = location.type
        if item.sigla != tuple(s for r in original.readings for s in r.sigla):
            location = restrict(original, item.sigla)
            # typed again for the witnesses here; a lacuna's sign by the marker
            kind = lacuna_type(location.groups, self.marker) or location.type
        kind = "transposition" if original.type == "transposition" else kind
        attributes = [("n", str(original.number)), ("type", kind)]
        first = original.number not in self.element_of
        if first:  # a location may stand in several families' readings; its id only once
            attributes.append(("xml:id", location_id(original.number)))
        self.cite(attributes, original.number)
        app = self.markup.start("app", attributes)
        if first:
            self.element_of[original.number] = app
            self.app_ids[app] = location_id(original.number)
        for group in self.base_first(location.groups, lambda g: g.sigla):
            readings = self.base_first(group.readings, lambda r: r.sigla)
            lead = readings[0]
            for reading in readings:
                name = self.reading_name(reading.sigla)
                said = [("wit", self.wit(reading.sigla))]
                if len(group.readings) > 1 and reading.normal:
                    said.append(("n", reading.normal))
                if not reading.text:
                    said.append(("type", "omission"))
                elif reading is not lead:
                    difference = classify(lead.text, reading.text)
                    said.append(("type", difference))
                    if difference == "orthographic" and group.basis:
                        said.append(("ana", " ".join("#" + basis_id(e) for e in group.basis)))
                if reading.text:
                    self.markup.start(name, said)
                    self.reading(reading.text)
                    self.markup.end(name)
                else:
                    self.markup.empty(name, said)
        self.markup.end("app")

    def cite(self, attributes: list[tuple[str, str]], number: int) -> None:
        if number in self.lines:
            attributes.append(("loc", str(self.lines[number])))

    def reading_name(self, sigla: Sequence[str]) -> str:
        """`lem` for the base witness's reading, `rdg` for the others."""
        return "lem" if self.base is not None and self.base in sigla else "rdg"

    def base_first(self, items: Iterable[_T], sigla: Callable[[_T], Sequence[str]]) -> list[_T]:
        """The items with the one holding the base witness first (TEI puts `<lem>` first)."""
        listed = list(items)
        if self.base is None:
            return listed
        return sorted(listed, key=lambda item: self.base not in sigla(item))

    def transposition_links(self, apparatus: Apparatus) -> dict[int, str]:
        """Per `<app>` (by place) holding a transposed location, its @corresp: every
        `<app>` holding a location it is transposed with, both ways (one `<app>` may hold
        two such locations, each moved against another place)."""
        links: dict[int, list[str]] = {}
        for location in apparatus.variant_locations:
            partner = location.transposed_with
            if location.number not in self.element_of or partner not in self.element_of:
                continue
            one, other = self.element_of[location.number], self.element_of[partner]
            for here, there in ((one, other), (other, one)):
                if here != there and there in self.app_ids:
                    links.setdefault(here, []).append(f"#{self.app_ids[there]}")
        return {
            here: " ".join(sorted(dict.fromkeys(refs), key=_id_order))
            for here, refs in links.items()
        }


def _id_order(ref: str) -> tuple[int, str]:
    """`#app12` before `#app102`: links in the text's order."""
    digits = re.sub(r"\D", "", ref)
    return (int(digits) if digits else 0, ref)


def write_body(
    ab: etree._Element,
    apparatus: Apparatus,
    ids: dict[str, str],
    *,
    wit_start: bool = False,
    base: str | None = None,
    lacuna_marker: str = MARKER,
    in_parts: Callable[[_Writer, list[_Item], tuple[str, ...]], bool] | None = None,
) -> etree._Element:
    """Fill the empty `<ab>`, the last element of its document, with the apparatus's
    text: the document is parsed again with the body written as text (`tei_markup`), and
    the new `<ab>` returned. With `wit_start`, an opening location whose one reading,
    naming every witness, holds a `<witStart/>`: Stemmaweb's importer credits text
    outside `<app>` only to witnesses a `<witStart/>` has switched on. It adds no text
    to any witness, but other viewers show it as a location without variation, so it
    is not written by default. `in_parts`: writes a long text's items in parts, in
    several processes, if it can (`tei_body_parts.write_body`); the same markup."""
    reference = base if base is not None else apparatus.sigla[0]
    lines = location_lines(apparatus, reference)
    writer = _Writer(ids, base, lines, lacuna_marker, apparatus.whitespace == "spacing")
    markup = writer.markup
    if wit_start:
        markup.start("app", (("type", "witStart"),))
        name = writer.reading_name(apparatus.sigla)
        markup.start(name, (("wit", writer.wit(apparatus.sigla)),))
        markup.empty("witStart")
        markup.end(name)
        markup.end("app")
    items = _items(apparatus)
    if in_parts is None or not in_parts(writer, items, apparatus.sigla):
        writer.write(items, apparatus.sigla)
    new, by_id = _parsed_with(ab, markup)
    markup.finish(new)
    # every `<app>` a location was written in has its id (`_Writer.app_ids`): found in
    # libxml2's table of ids, which the parser fills (an XPath `id()` per link costs
    # 60 µs of setting up its evaluation, 5% of writing the *Origin*)
    for place, refs in writer.transposition_links(apparatus).items():
        by_id[writer.app_ids[place]].set("corresp", refs)
    return new


def _parsed_with(
    ab: etree._Element, markup: Markup
) -> tuple[etree._Element, Mapping[str, etree._Element]]:
    """The document of the empty `ab` (no attributes, no tail) parsed again with the
    markup as its content; the new `ab`, and the document's elements by `xml:id`."""
    tree = ab.getroottree()
    assert not len(ab) and ab.text is None and ab.tail is None and not ab.attrib
    path = tree.getpath(ab)
    document = etree.tostring(tree.getroot(), encoding="utf-8")
    assert ab.nsmap.get(None) == etree.QName(ab).namespace  # written without a prefix
    name = etree.QName(ab).localname.encode("utf-8")
    empty = b"<" + name + b"/>"
    # its last occurrence is the element (text and attribute values escape "<")
    before, found, after = document.rpartition(empty)
    assert found
    content = "".join(markup.pieces).encode("utf-8")
    opened, closed = b"<" + name + b">", b"</" + name + b">"
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    parsed, by_id = etree.XMLDTDID(before + opened + content + closed + after, parser)
    (new,) = parsed.getroottree().xpath(path)
    assert isinstance(new, etree._Element)
    return new, by_id
