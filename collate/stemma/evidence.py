"""From an apparatus to the evidence a stemma is built on.

Each variant location becomes a *site*: per witness, which reading (by normal form) it
has. Two readings are compared word by word, so a long reading that another witness
shortens or rewords still tells how alike they are; that is what lets a coarse
collation (one long location per paragraph) still show who copied whom.

From the sites come
- pairwise figures: a distance (weighted differences) and how much of two witnesses'
  text stands in common passages, which tells related witnesses from ones that only
  quote the same sources;
- binary characters, one per minority reading at a site: the witnesses that share it
  against the others. These carry the Lachmannian weights (a substantive change above a
  spelling variant, a long omission above a short one) and the direction costs: a gap
  that looks like an eye-skip between two like words is far cheaper to explain as
  lost than as added, even where the apparatus splits it over several locations.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel, Levenshtein

from ..absences import reading_states
from ..lacunae import MARKER
from ..model import Apparatus, SharedText, VariantLocation
from ..tokenize import DEFAULT_PATTERN
from .chain import reads_as_revisions
from .fragments import Fragment, declared_extents, find_fragments, set_aside

#: A spelling variant ("colour"/"color") weighs this much of a substantive change.
ORTHOGRAPHIC_WEIGHT = 0.3
#: Two one-word readings at least this similar (normalised Levenshtein) are spellings.
ORTHOGRAPHIC_SIMILARITY = 0.6
#: A passage that ends with the word just before it (or begins with the word just
#: after) is what an eye-skip leaves out; as an addition it would be a coincidence.
#: On synthetic parent-copy pairs such gaps are about 12 times likelier omitted than
#: added, hence an extra cost of ln 12 for explaining one as an addition.
EYE_SKIP_EVIDENCE = 2.5
#: A derived text tends to cover a subset of its source: a long passage is far
#: likelier lost (an eye-skip, a lost leaf, a shortened report) than added, so each
#: word of an added passage beyond the first costs this much more.
LONG_ADDITION_COST = 0.1
#: An eye-skip passes over the repeated word and at least this many words more;
#: shorter gaps next to a like word are as often chance as not.
EYE_SKIP_MIN = 3
#: Whole texts are compared where every witness has text (`Tradition.compared_texts`)
#: only if that keeps at least this share of the longest, the share of text that
#: makes two witnesses related (`collate.stemma.build`): fragments that overlap less
#: leave too little to read as states of one text, and are compared whole.
COMPARED_SHARE = 0.3
#: Words in a row two witnesses must share for the passage to count as common text.
COMMON_RUN = 4

_TOKEN = re.compile(rf"(?:{DEFAULT_PATTERN})|\S")


def words_of(text: str) -> tuple[str, ...]:
    """Normal-ish words of a stretch of shared text (only counted and compared)."""
    return tuple(_TOKEN.findall(text.casefold()))


def run_weight(length: int) -> float:
    """An omitted or added passage is one event, but a longer one is a stronger sign
    (harder to make twice by chance), growing with the logarithm of its length."""
    return 1.0 + math.log2(length)


class Diff:
    """How reading `b` differs from reading `a`, word by word.

    A plain class, as are the other records made once a variant location (`Site`,
    `collate.stemma.build.Character`, `collate.stemma.root.Directional`,
    `collate.stemma.habits.Habit`): compiled (`collate._native`), a dataclass keeps
    the `__init__` the dataclasses module writes, which runs as Python, and a frozen
    one sets each field through `object.__setattr__`: 10,000 to 15,000 instructions
    an object, where a compiled `__init__` takes a few hundred (on Darwin's three
    editions, a tenth of the stemma). They are read, never changed."""

    __slots__ = (
        "substitutions",
        "omitted",
        "added",
        "omitted_skip",
        "added_skip",
        "lead",
        "trail",
        "inner",
    )

    def __init__(
        self,
        substitutions: float,
        omitted: tuple[int, ...],
        added: tuple[int, ...],
        omitted_skip: tuple[bool, ...],
        added_skip: tuple[bool, ...],
        lead: int,
        trail: int,
        inner: int,
    ) -> None:
        #: weighted substitutions: 1 each, `ORTHOGRAPHIC_WEIGHT` for a spelling variant
        self.substitutions = substitutions
        #: lengths of the passages of `a` that `b` lacks, and of those `b` adds
        self.omitted = omitted
        self.added = added
        #: per omitted and per added passage: whether it looks like an eye-skip
        self.omitted_skip = omitted_skip
        self.added_skip = added_skip
        #: words in common before the first difference, after the last, and in the
        #: common passages of at least `COMMON_RUN` words between them
        self.lead = lead
        self.trail = trail
        self.inner = inner

    @property
    def is_empty(self) -> bool:
        return not (self.substitutions or self.omitted or self.added)

    @property
    def omitted_eye_skips(self) -> int:
        return sum(self.omitted_skip)

    @property
    def added_eye_skips(self) -> int:
        return sum(self.added_skip)

    @property
    def symmetric(self) -> float:
        """The distance between the two readings, the same either way round."""
        return self.substitutions + _runs_weight(self.omitted, self.added)

    @property
    def directed(self) -> float:
        """The cost of `b` arising as a copy of `a`."""
        return _directed(self.substitutions, self.omitted, self.added, self.added_skip)

    @property
    def directed_back(self) -> float:
        """The cost of `a` arising as a copy of `b`: `reversed().directed`, without
        making the reversed difference (once for each minority reading of a book)."""
        return _directed(self.substitutions, self.added, self.omitted, self.omitted_skip)

    def reversed(self) -> Diff:
        return Diff(
            self.substitutions,
            self.added,
            self.omitted,
            self.added_skip,
            self.omitted_skip,
            self.lead,
            self.trail,
            self.inner,
        )


def _directed(
    substitutions: float,
    omitted: tuple[int, ...],
    added: tuple[int, ...],
    added_skip: tuple[bool, ...],
) -> float:
    cost = substitutions + _runs_weight(omitted)
    for length, skip in zip(added, added_skip, strict=True):
        cost += addition_cost(length, skip)
    return cost


def _runs_weight(lengths: tuple[int, ...], more: tuple[int, ...] = ()) -> float:
    """The `run_weight` of each passage of `lengths` and then of `more`, added up as
    Python 3.11's `sum` adds them (in order, from the first; from 3.12 `sum`
    compensates its rounding, and this loop, the same on every Python, does not),
    without `map`: compiled, `map` called `run_weight` through Python once a passage
    (a tenth of making the characters)."""
    total = 0.0
    for length in lengths:
        total += run_weight(length)
    for length in more:
        total += run_weight(length)
    return total


def addition_cost(length: int, eye_skip: bool) -> float:
    """What it costs to explain a passage as added rather than omitted (which costs
    `run_weight(length)`): dearer with every word, much dearer when it looks like the
    reverse of an eye-skip. Whether a tradition's copyists lose short passages more
    often than they add them differs from tradition to tradition, and is learned from
    the tradition itself (`collate.stemma.habits`)."""
    cost = run_weight(length) + LONG_ADDITION_COST * (length - 1)
    return cost + (EYE_SKIP_EVIDENCE if eye_skip else 0.0)


def word_change(a: Sequence[str], b: Sequence[str]) -> tuple[str, str] | None:
    """For readings that differ in one word only: what changed in that word, its common
    beginning and end stripped ("colour" to "color" is ("u", "")). Such changes recur
    across a tradition when copyists follow a habit (a spelling, a modern form)."""
    if len(a) != len(b):
        return None
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(differing) != 1:
        return None
    x, y = differing[0]
    start = 0
    while start < min(len(x), len(y)) and x[start] == y[start]:
        start += 1
    end = 0
    while end < min(len(x), len(y)) - start and x[-1 - end] == y[-1 - end]:
        end += 1
    return x[start : len(x) - end], y[start : len(y) - end]


def _is_spelling(a: Sequence[str], b: Sequence[str]) -> bool:
    return (
        len(a) == len(b) == 1
        and a[0][:1].isalpha()
        and b[0][:1].isalpha()
        and Levenshtein.normalized_similarity(a[0], b[0]) >= ORTHOGRAPHIC_SIMILARITY
    )


def _eye_skip(text: Sequence[str], start: int, stop: int, before: str, after: str) -> bool:
    """Whether text[start:stop] could be skipped by an eye jumping between like words:
    the passage ends with the word before it, or starts with the word after it."""
    if stop - start < EYE_SKIP_MIN:
        return False
    previous = text[start - 1] if start > 0 else before
    following = text[stop] if stop < len(text) else after
    return bool(
        (text[stop - 1] == previous and previous[:1].isalpha())
        or (text[start] == following and following[:1].isalpha())
    )


def diff(a: Sequence[str], b: Sequence[str], before: str = "", after: str = "") -> Diff:
    """Compare two readings (sequences of normal forms); `before` and `after` are the
    words around the variant location, for spotting eye-skips at its edges."""
    # the commonest readings, said at once: what the comparison below finds of them
    if not a or not b:  # one passage lost or added, or nothing at all
        if b:
            return Diff(0.0, (), (len(b),), (), (_eye_skip(b, 0, len(b), before, after),), 0, 0, 0)
        if a:
            return Diff(0.0, (len(a),), (), (_eye_skip(a, 0, len(a), before, after),), (), 0, 0, 0)
        return Diff(0.0, (), (), (), (), 0, 0, 0)
    if len(a) == len(b) == 1:  # one word for another, or the same word
        if a[0] == b[0]:
            return Diff(0.0, (), (), (), (), 1, 0, 0)
        weight = ORTHOGRAPHIC_WEIGHT if _is_spelling(a, b) else 1.0
        return Diff(weight, (), (), (), (), 0, 0, 0)
    substitutions = 0.0
    omitted: list[int] = []
    added: list[int] = []
    skips: tuple[list[bool], list[bool]] = ([], [])
    equal_blocks: list[tuple[int, int, int]] = []
    pending: tuple[str, int, int, int, int] | None = None

    def settle(tag: str, a0: int, a1: int, b0: int, b1: int) -> None:
        nonlocal substitutions
        if tag == "replace":
            substitutions += ORTHOGRAPHIC_WEIGHT if _is_spelling(a[a0:a1], b[b0:b1]) else 1.0
        elif tag == "delete":
            omitted.append(a1 - a0)
            skips[0].append(_eye_skip(a, a0, a1, before, after))
        else:
            added.append(b1 - b0)
            skips[1].append(_eye_skip(b, b0, b1, before, after))

    for op in Indel.opcodes(list(a), list(b)):
        span = (op.src_start, op.src_end, op.dest_start, op.dest_end)
        if op.tag == "equal":
            if pending is not None:
                settle(*pending)
                pending = None
            equal_blocks.append((op.src_start, op.dest_start, op.src_end - op.src_start))
        elif pending is not None and pending[0] != op.tag:
            # a deletion next to an insertion is one word put for another
            settle(
                "replace",
                min(pending[1], span[0]),
                max(pending[2], span[1]),
                min(pending[3], span[2]),
                max(pending[4], span[3]),
            )
            pending = None
        else:
            if pending is not None:
                settle(*pending)
            pending = (op.tag, *span)
    if pending is not None:
        settle(*pending)
    return _with_runs(substitutions, omitted, added, skips, equal_blocks, a, b)


def _with_runs(
    substitutions: float,
    omitted: list[int],
    added: list[int],
    skips: tuple[list[bool], list[bool]],
    equal_blocks: list[tuple[int, int, int]],
    a: Sequence[str],
    b: Sequence[str],
) -> Diff:
    if not omitted and not added and not substitutions:
        return Diff(0.0, (), (), (), (), len(a), 0, 0)
    lead = trail = 0
    if equal_blocks and equal_blocks[0][:2] == (0, 0):
        lead = equal_blocks.pop(0)[2]
    if equal_blocks:
        a0, b0, length = equal_blocks[-1]
        if a0 + length == len(a) and b0 + length == len(b):
            trail = equal_blocks.pop()[2]
    inner = sum(n for _, _, n in equal_blocks if n >= COMMON_RUN)
    return Diff(
        substitutions,
        tuple(omitted),
        tuple(added),
        tuple(skips[0]),
        tuple(skips[1]),
        lead,
        trail,
        inner,
    )


# --------------------------------------------------------------------------- sites


class Site:
    """A variant location as the stemma sees it (a plain class: see `Diff`)."""

    __slots__ = ("number", "states", "readings", "gap_before", "before", "after", "moved")

    def __init__(
        self,
        number: int,
        states: tuple[int, ...],
        readings: tuple[tuple[str, ...], ...],
        gap_before: int,
        before: str,
        after: str,
        moved: bool = False,
    ) -> None:
        self.number = number
        #: per witness (in the tradition's siglum order): the index of its reading
        self.states = states
        #: per reading: its words (normal forms); empty for an omission
        self.readings = readings
        #: words of shared text since the previous site, for common-passage lengths
        self.gap_before = gap_before
        #: the words just before and after the location, for spotting eye-skips
        self.before = before
        self.after = after
        #: the location holds a passage that stands elsewhere in other witnesses: what
        #: one witness lacks here it has there, so its gaps tell nothing of direction
        self.moved = moved

    def with_states(self, states: tuple[int, ...]) -> Site:
        """The same location with other readings given to the witnesses."""
        return Site(
            self.number, states, self.readings, self.gap_before, self.before, self.after, self.moved
        )


@dataclass(frozen=True)
class Pair:
    """Two witnesses compared over the whole collation."""

    distance: float
    #: words of the two texts that stand in common passages of `COMMON_RUN` or more
    common: int
    #: the length in words of the shorter witness
    shorter: int

    @property
    def relatedness(self) -> float:
        """How much of the shorter text the two share in passages, from 0 to 1."""
        return self.common / self.shorter if self.shorter else 0.0


class Tradition:
    """The sites of an apparatus and the comparisons built on them, computed once.

    Sigla are taken in sorted order, so nothing depends on the order of the witnesses.
    """

    def __init__(
        self, apparatus: Apparatus, lacuna_marker: str = MARKER, copies: bool = False
    ) -> None:
        """`copies`: the witnesses are known to be copies, never revisions (metadata)."""
        self.sigla: tuple[str, ...] = tuple(sorted(apparatus.sigla))
        self.dates: tuple[str | None, ...] = tuple(apparatus.witness(s).date for s in self.sigla)
        #: each witness's whole text, for comparisons that ignore the variant locations
        self.texts: tuple[str, ...] = _texts_of(apparatus, self.sigla)
        self.sites, self.trailing = _sites(apparatus, self.sigla)
        self.lengths = tuple(self._length(w) for w in range(len(self.sigla)))
        #: whether the witnesses read as copies, not revisions (known, or by their
        #: readings): what a fragment lacks is then told from what it left out more freely
        self.read_as_copies = copies or _copies_by_their_readings(self.texts)
        #: per witness (by number): how much of the text its metadata says it keeps
        self.extents = declared_extents([apparatus.witness(s).extent for s in self.sigla])
        #: witnesses that begin late or end early: what they lack there is set aside
        self.fragments = find_fragments(
            self.sites,
            self.trailing,
            len(self.sigla),
            max(self.lengths, default=0),
            lacuna_marker,
            stranded=self.read_as_copies,
            extents=self.extents,
        )
        self._apparatus = apparatus
        #: each witness's text where every witness has text: without what any fragment
        #: lacks at its ends or any lacuna covers, in every witness alike, so that
        #: comparisons of whole texts (`collate.stemma.chain`) read no lost leaf as a cut
        self.compared_texts: tuple[str, ...] = self.texts
        if self.fragments:
            self.sites = set_aside(self.sites, self.fragments, self.read_as_copies)
            cut = _texts_where_all_have_text(apparatus, self.sigla, self.sites, self.fragments)
            kept = min(len(words_of(text)) for text in cut)
            if kept >= COMPARED_SHARE * max(len(words_of(text)) for text in self.texts):
                self.compared_texts = cut
        self._diffs: dict[tuple[int, int, int], Diff] = {}
        self._lacuna_cache: dict[int, dict[int, tuple[float, bool]]] = {}
        #: per site: whether most witnesses have nothing there (another adds there)
        self._mostly_empty = [not _fullest(site, majority=True) for site in self.sites]
        # per site and pair of readings: (lead, trail, inner, distance, differ), filled
        # as pairs of witnesses need them; the pairwise loop is the hot spot
        self._pair_facts: list[dict[tuple[int, int], tuple[int, int, int, float, bool]]] = [
            {} for _ in self.sites
        ]
        self._running: tuple[list[list[int]], npt.NDArray[np.int64]] | None = None

    def chain_texts(self, witnesses: Sequence[int]) -> list[list[str]]:
        """The texts of `witnesses` a revision-chain test reads, in the order to try
        them: where every witness has text (a lacuna or a fragment's lost end then
        reads as no cut) if a witness marks a lacuna; else the whole texts first and
        only then those. Whole texts first, because fragment detection also takes an
        early state of a revision history that lacks a later section for a fragment,
        and cutting every text to it loses the chain's evidence."""
        common = [self.compared_texts[w] for w in witnesses]
        whole = [self.texts[w] for w in witnesses]
        lacunose = any(
            (fragment := self.fragments.get(w)) is not None and fragment.inside
            for w in witnesses
        )
        return [common] if lacunose or common == whole else [whole, common]

    def texts_where_present(self, witnesses: Sequence[int], fragment: int) -> list[str]:
        """The texts of `witnesses` where the `fragment` (a witness among the
        fragments) has text: what it lacks at its ends, and inside a lacuna it marks,
        left out of all of them alike."""
        sigla = [self.sigla[w] for w in witnesses]
        one = {fragment: self.fragments[fragment]}
        return list(_texts_where_all_have_text(self._apparatus, sigla, self.sites, one))

    def _length(self, witness: int) -> int:
        return self.trailing + sum(
            site.gap_before + len(site.readings[site.states[witness]]) for site in self.sites
        )

    def diff(self, site_index: int, a: int, b: int) -> Diff:
        """How reading b of a site differs from its reading a (cached)."""
        key = (site_index, a, b)
        found = self._diffs.get(key)
        if found is None:
            reverse = self._diffs.get((site_index, b, a))
            if reverse is not None:
                found = reverse.reversed()
            else:
                site = self.sites[site_index]
                found = diff(site.readings[a], site.readings[b], site.before, site.after)
            self._diffs[key] = found
        return found

    def lacuna_skip(
        self, site_index: int, state: int, witnesses: Sequence[int]
    ) -> tuple[float, bool]:
        """For an empty reading: the share of one eye-skip's evidence this site holds,
        when every witness among `witnesses` with the reading lacks an eye-skip-shaped
        passage that the apparatus splits over several variant locations (other
        witnesses vary inside it), and whether the passage begins here (so that one
        eye-skip is counted once); (0, False) otherwise. A passage within one location
        is `diff`'s to judge."""
        site = self.sites[site_index]
        if site.readings[state]:
            return 0.0, False
        found = [self._lacunae(w).get(site_index) for w in witnesses if site.states[w] == state]
        if not found or None in found:
            return 0.0, False
        pieces = [piece for piece in found if piece is not None]
        return min(share for share, _ in pieces), all(opens for _, opens in pieces)

    def _lacunae(self, witness: int) -> dict[int, tuple[float, bool]]:
        """Per site inside an eye-skip-shaped lacuna of `witness` over two or more
        adjacent locations: 1 / the number of those locations, and whether the lacuna
        begins there. A location where most witnesses have nothing (another witness
        adds there) is no part of the text skipped: it neither ends a lacuna nor
        lengthens it."""
        found = self._lacuna_cache.get(witness)
        if found is not None:
            return found
        found = {}
        run: list[int] = []
        for index, site in enumerate(self.sites):
            if run and site.gap_before:
                found.update(self._judge_lacuna(run))
                run = []
            if self._mostly_empty[index]:
                continue
            if site.readings[site.states[witness]]:
                found.update(self._judge_lacuna(run))
                run = []
            else:
                run.append(index)
        found.update(self._judge_lacuna(run))
        self._lacuna_cache[witness] = found
        return found

    def _judge_lacuna(self, run: Sequence[int]) -> dict[int, tuple[float, bool]]:
        if len(run) < 2:
            return {}
        passage = [word for index in run for word in _fullest(self.sites[index])]
        first, last = self.sites[run[0]], self.sites[run[-1]]
        if not _eye_skip(passage, 0, len(passage), first.before, last.after):
            return {}
        return {index: (1.0 / len(run), index == run[0]) for index in run}

    def _facts(self, index: int, a: int, b: int) -> tuple[int, int, int, float, bool]:
        d = self.diff(index, a, b)
        found = (d.lead, d.trail, d.inner, d.symmetric, not d.is_empty)
        self._pair_facts[index][a, b] = found
        return found

    def pair(self, x: int, y: int) -> Pair:
        """Distance and common passages of witnesses x and y."""
        distance = 0.0
        common = run = 0
        # only the sites where the two differ are visited: the words between them
        # (shared text, and readings alike or differing in nothing but their normal
        # form) come from x's running count of its words
        words, states = self._running_words()
        words_x, last = words[x], 0
        for index in np.flatnonzero(states[:, x] != states[:, y]).tolist():
            site = self.sites[index]
            a, b = site.states[x], site.states[y]
            facts = self._pair_facts[index].get((a, b)) or self._facts(index, a, b)
            lead, trail, inner, symmetric, differ = facts
            if not differ:
                continue  # its words, as many as x's reading, are in x's count
            run += words_x[index] - words_x[last] + site.gap_before + lead
            distance += symmetric
            common += (run if run >= COMMON_RUN else 0) + inner
            run, last = trail, index + 1
        run += words_x[-1] - words_x[last] + self.trailing
        common += run if run >= COMMON_RUN else 0
        return Pair(distance, common, min(self.lengths[x], self.lengths[y]))

    def _running_words(self) -> tuple[list[list[int]], npt.NDArray[np.int64]]:
        """Per witness, per site: its words before the site (the shared text before
        each site, and its readings), and one more at the end, after the last site; and
        the sites' states as an array (site, witness)."""
        if self._running is None:
            witnesses = len(self.sigla)
            words = []
            for w in range(witnesses):
                counts = [0]
                total = 0
                for site in self.sites:
                    total += site.gap_before + len(site.readings[site.states[w]])
                    counts.append(total)
                words.append(counts)
            states = np.array([site.states for site in self.sites], dtype=np.int64)
            self._running = words, states.reshape(len(self.sites), witnesses)
        return self._running

    def pairs(self) -> dict[tuple[int, int], Pair]:
        return {(x, y): self.pair(x, y) for x, y in combinations(range(len(self.sigla)), 2)}


def _texts_of(apparatus: Apparatus, sigla: Sequence[str]) -> tuple[str, ...]:
    """Each witness's text read back out of the apparatus (`Apparatus.text_of`), all
    of them in one pass over its segments: a book's tens of thousands of segments
    looked at once, not once a witness (Darwin's three editions: a tenth of the
    stemma). Another kind of apparatus (a resampled one, `collate.stemma.resample`)
    reads its texts its own way."""
    if type(apparatus) is not Apparatus:
        return tuple(apparatus.text_of(siglum) for siglum in sigla)
    parts: list[list[str]] = [[] for _ in sigla]
    place = {siglum: own for siglum, own in zip(sigla, parts, strict=True)}
    number = {siglum: w for w, siglum in enumerate(sigla)}
    for segment in apparatus.segments:
        if isinstance(segment, SharedText):
            if not segment.spacing:
                for own in parts:
                    own.append(segment.text)
            else:
                _add_spaced(segment, number, parts)
        else:
            # each witness has one reading at a location (`Apparatus` checks): its own,
            # read off the groups rather than asked for witness by witness
            for group in segment.groups:
                for reading in group.readings:
                    for siglum in reading.sigla:
                        if (texts := place.get(siglum)) is not None:
                            texts.append(reading.text)
    return tuple("".join(own) for own in parts)


def _add_spaced(segment: SharedText, number: Mapping[str, int], parts: list[list[str]]) -> None:
    """Each witness's text of shared text whose whitespace differs between witnesses
    (`SharedText.text_of`), appended to its parts: all witnesses in one pass over the
    spacing, not the spacing scanned once a witness (an edition's own line breaks
    make a third of a book's shared text spaced: a twelfth of the stemma)."""
    text = segment.text
    # per witness: where its text resumes after its last own whitespace, and the
    # point that gave it (a point names a witness more than once: the first counts)
    resume = [0] * len(parts)
    last = [-1] * len(parts)
    for p, point in enumerate(segment.spacing):
        for sigla, whitespace in point.others:
            for siglum in sigla:
                w = number.get(siglum, -1)
                if w < 0 or last[w] == p:
                    continue
                last[w] = p
                parts[w].append(text[resume[w] : point.offset])
                parts[w].append(whitespace)
                resume[w] = point.offset + point.length
    for w, own in enumerate(parts):
        own.append(text[resume[w] :] if resume[w] else text)


def _copies_by_their_readings(texts: Sequence[str]) -> bool:
    """Whether three or more witnesses read as copies, not as revisions (their
    readings scatter along every order, `collate.stemma.chain.reads_as_revisions`):
    then a fragment's lost stretch is found through the words the alignment scattered
    over it by chance. Where they read as revisions, a state that keeps a few words of
    a section later cut or archived looks the same and is no fragment; two witnesses
    cannot tell."""
    return len(texts) >= 3 and not reads_as_revisions(texts)


def _texts_where_all_have_text(
    apparatus: Apparatus,
    sigla: Sequence[str],
    sites: Sequence[Site],
    fragments: Mapping[int, Fragment],
) -> tuple[str, ...]:
    lacking = {
        sites[i].number
        for fragment in fragments.values()
        for i in (*fragment.start, *fragment.end, *fragment.inside)
    }
    texts = []
    for siglum in sigla:
        parts = []
        for segment in apparatus.segments:
            if isinstance(segment, SharedText):
                parts.append(segment.text_of(siglum))
            elif segment.number in lacking:
                parts.append(" ")  # the words on either side are not one word
            else:
                parts.append(segment.reading_of(siglum).text)
        texts.append("".join(parts))
    return tuple(texts)


def _fullest(site: Site, majority: bool = False) -> tuple[str, ...]:
    """The most common reading that is not empty: what a lacuna's witness left out.
    With `majority`, only if no empty reading is more common (else nothing)."""
    counts = [0] * len(site.readings)
    for state in site.states:
        counts[state] += 1
    present = [s for s in range(len(site.readings)) if site.readings[s]]
    if not present:
        return ()
    # the commonest, the first of equally common ones (`_segment_words`: no key function)
    best = present[0]
    for s in present:
        if counts[s] > counts[best]:
            best = s
    empty = [counts[s] for s in range(len(site.readings)) if not site.readings[s]]
    if majority and empty and max(empty) > counts[best]:
        return ()
    return site.readings[best]


def _sites(apparatus: Apparatus, sigla: tuple[str, ...]) -> tuple[tuple[Site, ...], int]:
    """The sites, and the words of shared text after the last one."""
    segments = apparatus.segments
    # per segment: how many words it has, its first and its last
    counts, firsts, lasts = [], [], []
    for segment in segments:
        if isinstance(segment, SharedText):
            count, first, last = _shared_words(segment.text)
        else:
            words = _segment_words(segment)
            count = len(words)
            first, last = (words[0], words[-1]) if words else ("", "")
        counts.append(count)
        firsts.append(first)
        lasts.append(last)
    # per segment: the last word before it and the first after it (one pass each way,
    # not a search per location: an apparatus of a book has tens of thousands)
    befores, last = [], ""
    for position in range(len(segments)):
        befores.append(last)
        last = lasts[position] if counts[position] else last
    afters, first = [""] * len(segments), ""
    for position in range(len(segments) - 1, -1, -1):
        afters[position] = first
        first = firsts[position] if counts[position] else first
    sites: list[Site] = []
    gap = 0
    for position, segment in enumerate(segments):
        if isinstance(segment, SharedText):
            gap += counts[position]
            continue
        before, after = befores[position], afters[position]
        site = _site(segment, sigla, gap, before, after)
        if site is None:
            # differences of case, punctuation or spacing only: no stemmatic weight
            gap += counts[position]
            continue
        sites.append(site)
        gap = 0
    return tuple(sites), gap


def _shared_words(text: str) -> tuple[int, str, str]:
    """How many words shared text has (`words_of`), its first and its last ("" where
    it has none), without the words of a book's shared text made one by one (they
    were a sixteenth of the stemma of Darwin's three editions): no word holds
    whitespace and the pattern looks neither ahead nor behind, so the text's words are
    those of its pieces between whitespace, and a piece of letters and digits alone
    (`str.isalnum`: each of them a `\\w`) is one word."""
    pieces = text.casefold().split()
    count = 0
    for piece in pieces:
        count += 1 if piece.isalnum() else len(_TOKEN.findall(piece))
    if not pieces:
        return 0, "", ""
    first, final = pieces[0], pieces[-1]
    # every character that is not whitespace begins a word: the first piece's first
    # word stands at its start
    head = _TOKEN.match(first)
    assert head is not None
    return count, head.group(), final if final.isalnum() else _TOKEN.findall(final)[-1]


def _segment_words(segment: VariantLocation) -> tuple[str, ...]:
    """The words of a location's most common reading: what a scribe's eye most likely
    saw next to another variant location."""
    counts: dict[str, int] = {}
    for reading in segment.readings:
        counts[reading.normal] = counts.get(reading.normal, 0) + len(reading.sigla)
    # the first in sorted order of the commonest, as `max` keyed by the count takes it
    # (a loop, not a key function: compiled, that is a Python call a reading)
    best, most = "", -1
    for normal in sorted(counts):
        if counts[normal] > most:
            best, most = normal, counts[normal]
    return tuple(best.split())


def _site(
    location: VariantLocation, sigla: tuple[str, ...], gap: int, before: str, after: str
) -> Site | None:
    states, readings = reading_states(location, sigla)
    if len(readings) < 2:
        return None
    moved = location.type == "transposition"
    return Site(location.number, states, readings, gap, before, after, moved)
