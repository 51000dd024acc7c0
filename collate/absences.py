"""Where a witness lacks the text rather than omits it: beside a lacuna it marks
(`collate.lacunae`), before a fragment begins or after it ends. The TEI apparatus and
the HTML report say so at each such variant location, instead of an omission.

Fragments are found here for the apparatus, the report and the stemma alike
(`collate.stemma.fragments` sets aside what they lack), so all three agree on what
each witness lacks: where a witness has none of the text before some variant location
(no shared text and only empty readings) or after one, and the stretch it lacks is
long, it is a fragment; a lacuna it marks covers the marker's location and the empty
readings beside it.

Where the metadata says how much of the text a witness keeps (`Witness.extent`,
`collate.metadata`), the scholar's word stands: a declared fragment or excerpt lacks
whatever it has no text for before its first surviving text and after its last, however
short (`_surviving_span`); a witness declared whole lacks nothing at its ends.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from .lacunae import MARKER, holds_marker
from .metadata import PARTIAL, WHOLE

if TYPE_CHECKING:  # lxml loads only where TEI is written
    from lxml import etree

    from .model import Apparatus, VariantLocation

_TEI = "{http://www.tei-c.org/ns/1.0}"


class Site(Protocol):
    """What this module reads of a variant location (`collate.stemma.evidence.Site`,
    or the sites `absences` makes)."""

    @property
    def number(self) -> int: ...
    @property
    def states(self) -> tuple[int, ...]: ...
    @property
    def readings(self) -> tuple[tuple[str, ...], ...]: ...
    @property
    def gap_before(self) -> int: ...


#: A witness is a fragment when the text it lacks at an end is at least this many
#: words of the others' (fewer are an ordinary omission at the start or end) ...
MIN_WORDS = 30
#: ... and at least this share of the whole text ...
MIN_SHARE = 0.05
#: ... and has text, between its ends, at this share of the locations where every
#: other witness has some.
DENSE = 0.9


#: A fragment's first or last few words may be aligned with the text's by chance (a
#: common first word, a closing full stop): up to this many shared words at the very
#: start or end do not make a witness whole.
EDGE_BY_CHANCE = 3


#: The alignment may scatter a few of a fragment's words over the stretch it lacks
#: (a common word matched by chance, its last words put beside the text's last
#: words): the stretch is still lacking where it is at least this many times as long
#: as those words.
STRANDED = 10


#: Where the witnesses may be revisions, a witness is plainly a fragment (an excerpt, a
#: copy that lost most of its leaves) when it lacks at least this share of the longest
#: text at one end: then what lies beyond its surviving text is read as lost over the
#: words the collation scattered there (`_broken_off`). A state of a revision history
#: that lacks a section cut or archived later lacks less (on the Wikipedia histories
#: the rule for every witness lacking 5% at an end changed the fragments of 13 of 80
#: and the orientation of 2; at half, of 4 and none).
BROKEN_OFF = 0.5


class Fragment(NamedTuple):
    """What a fragment lacks: the sites (indices) missing at its start and its end, and
    the words the other witnesses have there."""

    start: tuple[int, ...]
    end: tuple[int, ...]
    words_before: int
    words_after: int
    #: sites inside the text that a marked lacuna covers (`collate.lacunae`)
    inside: tuple[int, ...] = ()
    #: the extent the metadata declares ("fragment", "excerpt"), or None: found
    declared: str | None = None
    #: whether it is surely a fragment, not a state of a revision history before a
    #: section was added at an end: declared, or lacking most of the text at an end
    #: (`BROKEN_OFF`)
    sure: bool = False


def marked_lacunae(
    sites: Sequence[Site], witnesses: int, marker: str = MARKER
) -> dict[int, tuple[int, ...]]:
    """Per witness: the sites its marked lacunae cover (`collate.lacunae`: the marker's
    own, and the empty readings beside it up to the first text the witness has): the
    words the other witnesses have there are missing, not omitted."""
    return _marked_lacunae(_tallied(sites), witnesses, marker)


def _marked_lacunae(
    sites: Sequence[_Tallied], witnesses: int, marker: str
) -> dict[int, tuple[int, ...]]:
    found: dict[int, tuple[int, ...]] = {}
    holds: dict[tuple[str, ...], bool] = {}  # per distinct reading: most recur
    # the sites where some reading holds the sign, each with those readings: most texts
    # mark no lacuna at all, so each witness then looks at none
    marked: list[tuple[int, _Tallied, set[int]]] = []
    for index, site in enumerate(sites):
        held: set[int] = set()
        for state, words in enumerate(site.readings):
            if words not in holds:
                holds[words] = holds_marker(words, marker)
            if holds[words]:
                held.add(state)
        if held:
            marked.append((index, site, held))
    for w in range(witnesses):
        covered: set[int] = set()
        for index, site, held in marked:
            if site.states[w] not in held:
                continue
            covered.add(index)
            covered.update(_empty_run(sites, w, range(index + 1, len(sites)), lead_shared=True))
            if not site.gap_before:
                covered.update(_empty_run(sites, w, range(index - 1, -1, -1), lead_shared=False))
        if covered:
            found[w] = tuple(sorted(covered))
    return found


def find_fragments(
    sites: Sequence[Site],
    trailing: int,
    witnesses: int,
    total_words: int,
    marker: str = MARKER,
    stranded: bool = False,
    extents: Mapping[int, str] | None = None,
) -> dict[int, Fragment]:
    """Per fragment (by witness number): what it lacks at either end, and any lacunae
    the witness marks inside its text. With `stranded`, the stretch a fragment lacks
    runs on over words the alignment scattered there by chance (`_lost_run`); else it
    ends at the first text the witness has. Only for witnesses known to be copies: in
    a revision history, the words a state keeps of a section later cut or archived
    look the same, and that state is no fragment.

    `extents`: per witness, the extent its metadata declares. A declared fragment or
    excerpt lacks what the rule above finds and whatever lies beyond its surviving text
    (`_surviving_span`), however short and however its text runs between them; a
    witness declared whole lacks nothing at its ends (its marked lacunae still count).
    (Beyond its surviving text alone, a declared fragment of a tradition of copies kept
    as its readings a few omissions at the edge of its text that the rule for copies
    sets aside, and two of the synthetic traditions 301-312 came out otherwise than
    found: AD-F1 0.925 against 0.960; with both, 0.960.)"""
    declared = extents or {}
    threshold = max(MIN_WORDS, MIN_SHARE * total_words)
    found = {}
    tallied = _tallied(sites)
    marked = _marked_lacunae(tallied, witnesses, marker)
    # every witness's empty ends first: where another witness lacks the text at its own
    # end, its empty reading says nothing of whether the text is there
    ends: list[tuple[list[int], list[int]]] = []
    #: per witness that plainly broke off: what it lacks read beyond the scattered words,
    #: and every site beyond its surviving text, where its density is not judged
    #: (`_broken_off`); tried before its empty ends
    broken: dict[int, tuple[list[int], list[int], set[int]]] = {}
    for w in range(witnesses):
        extent = declared.get(w)
        if extent == WHOLE:
            ends.append(([], []))
            continue
        run = _lost_run if stranded else _empty_run
        start = run(tallied, w, range(len(tallied)), lead_shared=True)
        end = (
            run(tallied, w, range(len(tallied) - 1, -1, -1), lead_shared=False)
            if trailing <= EDGE_BY_CHANCE
            else []
        )
        if extent in PARTIAL:
            # what the collation would find, and whatever lies beyond its surviving text
            first_lost, last_lost = _beyond_surviving_text(tallied, w, trailing)
            beyond_shared = _beyond_shared_text(tallied, w, trailing)
            if beyond_shared is not None:
                ends.append(beyond_shared)
                continue
            lost_start = {*start, *first_lost}
            # a witness with no text of its own lacks it all once, from its beginning
            ends.append((sorted(lost_start), sorted({*end, *last_lost} - lost_start)))
            continue
        plainly = max(threshold, BROKEN_OFF * total_words)
        if not stranded and max(_words(tallied, start, w), _words(tallied, end, w)) >= plainly:
            broken[w] = _broken_off(tallied, w, trailing)
        ends.append((start, end))
    absent = [set(start) | set(end) for start, end in ends]
    present = _Present(tallied, absent)
    for w, (empty_start, empty_end) in enumerate(ends):
        extent = declared.get(w) if declared.get(w) in PARTIAL else None
        # a stub whose text later states spread their additions through has no one
        # surviving stretch, and is judged by its empty ends as before
        tried = [broken[w]] if w in broken else []
        for start, end, beyond in [*tried, (empty_start, empty_end, None)]:
            # what any other witness has there, this one lacks (another fragment may lack it too)
            start = [i for i in start if tallied[i].other_has_text(w)]
            end = [i for i in end if tallied[i].other_has_text(w)]
            # a lacuna the witness marks is text it lacks, not text it leaves out
            lacking = set(start) | set(end) | set(marked.get(w, ()))
            # the scholar's word that the witness is partial needs no test of its text
            if extent or not (start or end):
                break
            if _dense(tallied, w, lacking | (beyond or set()), present, by_words=stranded):
                break
        else:
            start, end = [], []
        before = _words(tallied, start, w)
        after = _words(tallied, end, w)
        # a declared fragment lacks what it lacks; one that plainly broke off at one end
        # lacks a stretch at its other end as long as a fragment's, not of the text's share
        least = 1 if extent else MIN_WORDS if beyond is not None else threshold
        keep_start = start if before >= least else []
        keep_end = end if after >= least else []
        if keep_start or keep_end or w in marked:
            found[w] = Fragment(
                tuple(keep_start),
                tuple(sorted(keep_end)),
                before if keep_start else 0,
                after if keep_end else 0,
                marked.get(w, ()),
                extent,
                extent is not None or beyond is not None,
            )
    return found


def declared_extents(extents: Sequence[str | None]) -> dict[int, str]:
    """Per witness (by number) whose metadata says how much of the text it keeps: that
    extent (`collate.metadata.EXTENTS`)."""
    return {w: extent for w, extent in enumerate(extents) if extent}


class _Tallied:
    """A site with what is asked of it for each witness in turn worked out once for
    all of them: asked witness by witness, each answer reads every other witness, which
    costs the witnesses' square (1,000 witnesses of 20 words: half a minute)."""

    def __init__(self, site: Site) -> None:
        self.number = site.number
        self.states = site.states
        self.readings = site.readings
        self.gap_before = site.gap_before
        self._first: dict[int, int] = {}
        self._majority: dict[tuple[int, bool], int] = {}
        self._texts = -1

    def others_words(self, w: int) -> int:
        """`_majority_words`, which depends on the witness only through its state and
        whether it is that state's first witness (which moves the state's place among
        equally common ones)."""
        if not self._first:
            for v, state in enumerate(self.states):
                self._first.setdefault(state, v)
        state = self.states[w]
        key = (state, self._first[state] == w)
        words = self._majority.get(key)
        if words is None:
            words = self._majority[key] = _majority_words(self, w)
        return words

    def other_has_text(self, w: int) -> bool:
        if self._texts < 0:
            self._texts = sum(1 for state in self.states if self.readings[state])
        return self._texts > (1 if self.readings[self.states[w]] else 0)


def _tallied(sites: Sequence[Site]) -> list[_Tallied]:
    return [_Tallied(site) for site in sites]


class _Present:
    """Per site, the witnesses that do not lack it at one of their empty ends, counted,
    and those of them that read nothing there."""

    def __init__(self, sites: Sequence[_Tallied], absent: Sequence[set[int]]) -> None:
        self.absent = absent
        lacking: list[list[int]] = [[] for _ in sites]
        for v, indices in enumerate(absent):
            for index in indices:
                lacking[index].append(v)
        self.count: list[int] = []
        self.empty: list[list[int]] = []
        for index, site in enumerate(sites):
            away = set(lacking[index])
            self.count.append(len(site.states) - len(away))
            self.empty.append(
                [
                    v
                    for v, state in enumerate(site.states)
                    if not site.readings[state] and v not in away
                ]
            )

    def others_have_text(self, index: int, w: int) -> bool:
        """Whether every other witness has text here, save those that lack it at an end."""
        others = self.count[index] - (index not in self.absent[w])
        empty = self.empty[index]
        return others > 0 and (not empty or empty == [w])


def _dense(
    sites: Sequence[_Tallied],
    w: int,
    missing: set[int],
    present: _Present,
    by_words: bool = False,
) -> bool:
    """Whether, between its ends, the witness has text wherever every other witness
    has some (at least `DENSE` of such locations; other witnesses' own empty ends set
    aside): a fragment is a copy that broke off, while a text that only shares
    scattered passages with the others (a rewriting) lacks text all through.

    `by_words` (where the witnesses read as copies): at least `DENSE` of the words
    every other witness has there, the text all share included. Counted in variant
    locations, a short fragment of an accurate copy, with few locations between its
    ends, reads as lacking text all through for a dozen ordinary omissions (seed 304
    of the synthetic traditions: a copy keeping its last 2,000 of 5,000 words, 25 of
    the 224 locations there empty, 3% of its words). Where the witnesses may be
    revisions the count stays by locations: by words it made states of three
    archived talk pages of the Wikipedia histories fragments, and cost 0.01 of
    orientation."""
    shared = lacking = 0
    for i, site in enumerate(sites):
        if i in missing:
            continue
        if by_words:
            shared += site.gap_before
        if present.others_have_text(i, w):
            words = _words(sites, (i,), w) if by_words else 1
            shared += words
            if not site.readings[site.states[w]]:
                lacking += words
    return shared > 0 and lacking <= (1.0 - DENSE) * shared


def _empty_run(sites: Sequence[_Tallied], w: int, order: range, lead_shared: bool) -> list[int]:
    """The sites, from one end, at which `w` reads nothing, up to the first shared text
    or the first reading it has."""
    run: list[int] = []
    alone = 0  # its own words the alignment put at the very edge, past the others' text
    for index in order:
        site = sites[index]
        at_edge = index == order[0] and site.gap_before <= EDGE_BY_CHANCE
        if lead_shared and site.gap_before and not at_edge:
            break  # shared text before this site: w has it
        if site.readings[site.states[w]]:
            if not run and alone < EDGE_BY_CHANCE and not site.other_has_text(w):
                alone += 1
                continue
            break
        run.append(index)
        if not lead_shared and site.gap_before:
            break  # shared text before this site, and w has it
    return run


def _broken_off(
    sites: Sequence[_Tallied], w: int, trailing: int
) -> tuple[list[int], list[int], set[int]]:
    """Of a witness of a tradition that may be revisions that plainly lacks most of the
    text at an end (`BROKEN_OFF`): the sites beyond its surviving text
    (`_surviving_span`) where it reads nothing, so that the words the collation
    scattered over what it lost (a common word matched, an excerpt's opening placed
    before the text's beginning) no longer hide the rest of the lost stretch; and
    every site beyond its surviving text, where whether it has text wherever the others
    do is not judged (`_dense`)."""
    first, last = _surviving_span(sites, w, trailing)
    start, end = _beyond(sites, w, (first, last))
    return start, end, set(range(first)) | set(range(last + 1, len(sites)))


def _beyond_shared_text(
    sites: Sequence[_Tallied], w: int, trailing: int
) -> tuple[list[int], list[int]] | None:
    """Of a declared fragment that reads nothing at any variant location but has text
    every witness reads: the sites before the first such text and after the last,
    which it lacks. However few, those words are its text (the rule that takes a few
    words at the very edge for a chance match has no text of the witness's own to
    weigh them against), and a site between two of them is an omission. None where
    the witness has a reading of its own, or no text at all."""
    if any(site.readings[site.states[w]] for site in sites):
        return None
    after_text = [index for index, site in enumerate(sites) if site.gap_before]
    if trailing:
        after_text.append(len(sites))
    if not after_text:
        return None
    first, last = after_text[0], after_text[-1]  # text stands before these sites
    lacking = [i for i in range(len(sites)) if sites[i].other_has_text(w)]
    return [i for i in lacking if i < first], [i for i in lacking if i >= last]


def _beyond_surviving_text(
    sites: Sequence[_Tallied], w: int, trailing: int
) -> tuple[list[int], list[int]]:
    """The sites before and after the text a declared fragment or excerpt keeps
    (`_surviving_span`), where it reads nothing."""
    return _beyond(sites, w, _surviving_span(sites, w, trailing))


def _beyond(
    sites: Sequence[_Tallied], w: int, span: tuple[int, int]
) -> tuple[list[int], list[int]]:
    first, last = span
    empty = [i for i in range(len(sites)) if not sites[i].readings[sites[i].states[w]]]
    return [i for i in empty if i < first], [i for i in empty if i > last]


def _surviving_span(sites: Sequence[_Tallied], w: int, trailing: int) -> tuple[int, int]:
    """The first and last site of the text a witness keeps: the stretch in which it has
    more of the text than it lacks, all through, taken as long as it can be (the
    stretch of greatest words it has less words it lacks). Its own text holds a few
    omissions; what it lost holds a few of its words the collation scattered there by
    chance or could not place (an excerpt's opening put before the text's beginning),
    each outweighed by the lost text around them."""
    best, best_span = 0, (len(sites), len(sites) - 1)
    running, first = 0, 0
    for index, site in enumerate(sites):
        if running <= 0:
            running, first = 0, index
        running += site.gap_before
        reading = site.readings[site.states[w]]
        running += len(reading) if reading else -_words(sites, (index,), w)
        if running > best:
            best, best_span = running, (first, index)
    if running + trailing > best:  # the text every witness ends with is its text too
        best_span = (first if running > 0 else len(sites), len(sites) - 1)
    return best_span


def _lost_run(sites: Sequence[_Tallied], w: int, order: range, lead_shared: bool) -> list[int]:
    """The sites, from one end, that `w` lacks: those where it reads nothing, up to the
    first text it shares with every witness, and beyond words of its own (or shared
    words) that the alignment scattered there by chance (a common word matched, a fragment's last
    words put beside the text's last words), as long as those words are no more than
    1 / `STRANDED` of the words it lacks up to there."""
    window = []
    for index in order:
        # a word or two of shared text is as likely matched by chance as a reading
        chance = sites[index].gap_before <= EDGE_BY_CHANCE
        if lead_shared and not chance:
            break  # shared text before this site: w has it
        window.append(index)
        if not lead_shared and not chance:
            break  # shared text before this site, and w has it
    own = lacking = 0
    last = -1  # the last place in the window up to which w lacks the text
    for place, index in enumerate(window):
        site = sites[index]
        own += site.gap_before
        reading = site.readings[site.states[w]]
        if reading:
            own += len(reading)
            continue
        lacking += site.others_words(w)
        if own * STRANDED <= lacking:
            last = place
    return [i for i in window[: last + 1] if not sites[i].readings[sites[i].states[w]]]


def _words(sites: Sequence[_Tallied], indices: Sequence[int], w: int) -> int:
    """The words the other witnesses mostly have at these sites."""
    total = 0
    for index in indices:
        site = sites[index]
        total += site.others_words(w)
    return total


def _majority_words(site: Site, w: int) -> int:
    """The words of the reading most of the other witnesses have at a site (the first
    met of equally common ones)."""
    counts: dict[int, int] = {}
    for v, s in enumerate(site.states):
        if v != w:
            counts[s] = counts.get(s, 0) + 1
    return len(site.readings[max(counts, key=counts.__getitem__)]) if counts else 0


#: what a witness that has no text at a variant location lacks there, by kind: text a
#: lacuna took (`LACUNA`), or text before a fragment begins or after it ends
LACUNA, FRAGMENT = "lacuna", "fragment"


def reading_states(
    location: VariantLocation, sigla: Sequence[str]
) -> tuple[tuple[int, ...], tuple[tuple[str, ...], ...]]:
    """A variant location as a character: per witness (in `sigla`'s order) the index
    of its reading, and per reading its words (normal forms; none for an omission)."""
    index: dict[str, int] = {}
    readings: list[tuple[str, ...]] = []
    states = []
    normal_of: dict[str, str] = {}
    for reading in location.readings:
        normal = reading.normal
        for siglum in reading.sigla:
            if siglum not in normal_of:  # the first naming a witness is its own
                normal_of[siglum] = normal
    for siglum in sigla:
        normal = normal_of[siglum]
        if normal not in index:
            index[normal] = len(readings)
            readings.append(tuple(normal.split()))
        states.append(index[normal])
    return tuple(states), tuple(readings)


class _Site(NamedTuple):
    """A variant location with no more than `find_fragments` reads of it."""

    number: int
    states: tuple[int, ...]
    readings: tuple[tuple[str, ...], ...]
    gap_before: int


_new_tuple = tuple.__new__

#: the last apparatus asked about (held weakly), its marker and its absences: the TEI
#: and the HTML report of one collation both ask (a corpus run writes both per group)
_last: tuple[weakref.ref[Apparatus], str, dict[str, dict[int, str]]] | None = None


def absences(apparatus: Apparatus, marker: str = MARKER) -> dict[str, dict[int, str]]:
    """Per siglum: the variant locations (by number) where the witness has no text
    because it lacks it, not because it omits it: `LACUNA` beside the sign of a lacuna
    it marks, `FRAGMENT` before a fragment begins or after it ends (found as the
    stemma finds them, `collate.stemma.fragments`). A location where it has text is
    never listed (a lacuna's own sign is text)."""
    global _last
    last = _last
    if last is None or last[0]() is not apparatus or last[1] != marker:
        found = _absences(apparatus, marker)
        _last = last = (weakref.ref(apparatus), marker, found)
    return {siglum: dict(kinds) for siglum, kinds in last[2].items()}


def _absences(apparatus: Apparatus, marker: str) -> dict[str, dict[int, str]]:
    from .model import SharedText

    sigla = apparatus.sigla
    sites: list[_Site] = []
    gap = 0
    for segment in apparatus.segments:
        if isinstance(segment, SharedText):
            gap += len(segment.text.split())
            continue
        states, readings = reading_states(segment, sigla)
        # (`_Site(...)` less its `__new__`, a Python function, per location)
        sites.append(_new_tuple(_Site, (segment.number, states, readings, gap)))
        gap = 0
    longest = max((len(w.text.split()) for w in apparatus.witnesses), default=0)
    by_number = {site.number: site for site in sites}
    found: dict[str, dict[int, str]] = {}
    extents = declared_extents([apparatus.witness(s).extent for s in sigla])
    for w, fragment in find_fragments(
        sites, gap, len(sigla), longest, marker, extents=extents
    ).items():
        kinds = dict.fromkeys((sites[i].number for i in fragment.inside), LACUNA)
        kinds |= dict.fromkeys(
            (sites[i].number for i in (*fragment.start, *fragment.end)), FRAGMENT
        )
        empty = {n: k for n, k in kinds.items() if not _has_text(by_number[n], w)}
        if empty:
            found[sigla[w]] = empty
    return found


def _has_text(site: _Site, w: int) -> bool:
    return bool(site.readings[site.states[w]])


def mark_absences(
    blocks: Sequence[etree._Element],
    absent: dict[str, dict[int, str]],
    ids: dict[str, str],
) -> None:
    """In a TEI apparatus: give each empty reading of a witness that lacks the text
    there (`absences`) a reading of its own, `<rdg wit="#F" type="fragment"><gap
    reason="fragment"/></rdg>` or the same for a lacuna, in place of the omission it
    was written as. It adds no text, so every witness reads back as before."""
    from lxml import etree

    if not absent:
        return
    kinds_by_id = {ids[s]: kinds for s, kinds in absent.items()}
    for block in blocks:
        for app in list(block.iter(_TEI + "app")):
            numbers = [int(n) for n in (app.get("n") or "").split() if n.isdigit()]
            if not numbers:
                continue
            for reading in [r for r in app if r.tag in (_TEI + "rdg", _TEI + "lem")]:
                if reading.text or len(reading):
                    continue  # only an empty reading can stand for text a witness lacks
                refs = [r.removeprefix("#") for r in (reading.get("wit") or "").split()]
                groups: dict[str, list[str]] = {}
                for ref in refs:
                    kinds = {kinds_by_id.get(ref, {}).get(n) for n in numbers}
                    kind = kinds.pop() if len(kinds) == 1 else None
                    if kind is not None:
                        groups.setdefault(kind, []).append(ref)
                if not groups:
                    continue
                kept = [r for r in refs if not any(r in g for g in groups.values())]
                position = app.index(reading)
                if kept:
                    reading.set("wit", " ".join("#" + r for r in kept))
                else:
                    app.remove(reading)
                    position -= 1
                for kind in sorted(groups):
                    split = etree.Element(reading.tag if not kept else _TEI + "rdg")
                    split.set("wit", " ".join("#" + r for r in groups[kind]))
                    split.set("type", kind)
                    etree.SubElement(split, _TEI + "gap", reason=kind)
                    position += 1
                    app.insert(position, split)
