"""Fragments: witnesses that begin late or end early.

A witness that keeps only part of the text (the rest lost with its leaves, or never
copied) lacks the rest at every variant location there, which a naive count reads as
dozens of omissions: the most confident evidence of all, and all of it false. What a
fragment lacks at its ends is no evidence of anything. Here it is found and set
aside: where a witness has none of the text before some variant location (no shared
text and only empty readings) or after one, and the stretch it lacks is long, those
locations are *missing* for it, and it is read there as the other witnesses mostly
read, which makes it neither share nor oppose anyone's innovations there.

A lacuna inside a witness (a torn leaf), marked in its text (`collate.lacunae`), is
set aside the same way; an unmarked gap inside the text is read as an omission.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..lacunae import MARKER, holds_marker


class Site(Protocol):
    """What this module reads of `collate.stemma.evidence.Site` (which imports it)."""

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


@dataclass(frozen=True)
class Fragment:
    """What a fragment lacks: the sites (indices) missing at its start and its end, and
    the words the other witnesses have there."""

    start: tuple[int, ...]
    end: tuple[int, ...]
    words_before: int
    words_after: int
    #: sites inside the text that a marked lacuna covers (`collate.lacunae`)
    inside: tuple[int, ...] = ()


def marked_lacunae(
    sites: Sequence[Site], witnesses: int, marker: str = MARKER
) -> dict[int, tuple[int, ...]]:
    """Per witness: the sites its marked lacunae cover (`collate.lacunae`: the marker's
    own, and the empty readings beside it up to the first text the witness has): the
    words the other witnesses have there are missing, not omitted."""
    found: dict[int, tuple[int, ...]] = {}
    for w in range(witnesses):
        covered: set[int] = set()
        for index, site in enumerate(sites):
            if not holds_marker(site.readings[site.states[w]], marker):
                continue
            covered.add(index)
            covered.update(_empty_run(sites, w, range(index + 1, len(sites)), lead_shared=True))
            if not site.gap_before:
                covered.update(_empty_run(sites, w, range(index - 1, -1, -1), lead_shared=False))
        if covered:
            found[w] = tuple(sorted(covered))
    return found


def find_fragments(
    sites: Sequence[Site], trailing: int, witnesses: int, total_words: int, marker: str = MARKER
) -> dict[int, Fragment]:
    """Per fragment (by witness number): what it lacks at either end, and any lacunae
    the witness marks inside its text."""
    found = {}
    marked = marked_lacunae(sites, witnesses, marker)
    # every witness's empty ends first: where another witness lacks the text at its own
    # end, its empty reading says nothing of whether the text is there
    ends = []
    for w in range(witnesses):
        start = _empty_run(sites, w, range(len(sites)), lead_shared=True)
        end = (
            _empty_run(sites, w, range(len(sites) - 1, -1, -1), lead_shared=False)
            if trailing <= EDGE_BY_CHANCE
            else []
        )
        ends.append((start, end))
    absent = [set(start) | set(end) for start, end in ends]
    for w, (start, end) in enumerate(ends):
        # what any other witness has there, this one lacks (another fragment may lack it too)
        start = [i for i in start if _any_other_has_text(sites[i], w)]
        end = [i for i in end if _any_other_has_text(sites[i], w)]
        if (start or end) and not _dense(sites, w, set(start) | set(end), absent):
            start, end = [], []
        before = _words(sites, start, w)
        after = _words(sites, end, w)
        threshold = max(MIN_WORDS, MIN_SHARE * total_words)
        keep_start = start if before >= threshold else []
        keep_end = end if after >= threshold else []
        if keep_start or keep_end or w in marked:
            found[w] = Fragment(
                tuple(keep_start),
                tuple(sorted(keep_end)),
                before if keep_start else 0,
                after if keep_end else 0,
                marked.get(w, ()),
            )
    return found


def _any_other_has_text(site: Site, w: int) -> bool:
    return any(site.readings[s] for v, s in enumerate(site.states) if v != w)


def _others_have_text(site: Site, index: int, w: int, absent: Sequence[set[int]]) -> bool:
    """Whether every other witness has text here, save those that lack it at an end."""
    present = [s for v, s in enumerate(site.states) if v != w and index not in absent[v]]
    return bool(present) and all(site.readings[s] for s in present)


def _dense(sites: Sequence[Site], w: int, missing: set[int], absent: Sequence[set[int]]) -> bool:
    """Whether, between its ends, the witness has text wherever every other witness
    has some (at least `DENSE` of such locations; other witnesses' own empty ends set
    aside): a fragment is a copy that broke off, while a text that only shares
    scattered passages with the others (a rewriting) lacks text all through."""
    inside = [
        i
        for i, site in enumerate(sites)
        if i not in missing and _others_have_text(site, i, w, absent)
    ]
    if not inside:
        return False
    lacking = sum(1 for i in inside if not sites[i].readings[sites[i].states[w]])
    return lacking <= (1.0 - DENSE) * len(inside)


def _empty_run(sites: Sequence[Site], w: int, order: range, lead_shared: bool) -> list[int]:
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
            if not run and alone < EDGE_BY_CHANCE and not _any_other_has_text(site, w):
                alone += 1
                continue
            break
        run.append(index)
        if not lead_shared and site.gap_before:
            break  # shared text before this site, and w has it
    return run


def _words(sites: Sequence[Site], indices: Sequence[int], w: int) -> int:
    """The words the other witnesses mostly have at these sites."""
    total = 0
    for index in indices:
        site = sites[index]
        others = Counter(s for v, s in enumerate(site.states) if v != w)
        total += len(site.readings[others.most_common(1)[0][0]]) if others else 0
    return total


def set_aside(sites: Sequence[Any], fragments: dict[int, Fragment]) -> tuple[Any, ...]:
    """The sites with each fragment read, where it is missing, as its closest relative
    reads there (the witness it agrees with most where both have text), or, where
    that one is missing too, as the others mostly read: no omission and no shared
    innovation of its own, while an exemplar's readings stay its copy's."""
    missing: dict[int, list[int]] = {}
    lacks: dict[int, set[int]] = {}
    for w, fragment in fragments.items():
        lacks[w] = {*fragment.start, *fragment.end, *fragment.inside}
        for index in lacks[w]:
            missing.setdefault(index, []).append(w)
    closest = _closest_relatives(sites, lacks)
    result = list(sites)
    for index, lacking in missing.items():
        site = sites[index]
        present = Counter(s for v, s in enumerate(site.states) if v not in lacking)
        if not present:
            continue
        common = min(present, key=lambda s: (-present[s], s))
        states = list(site.states)
        for w in lacking:
            relative = next((v for v in closest[w] if v not in lacking), None)
            states[w] = common if relative is None else site.states[relative]
        result[index] = replace(site, states=tuple(states))
    return tuple(result)


def unknown_characters(
    fragments: dict[int, Fragment], witnesses: Sequence[int], character_sites: Sequence[int]
) -> list[int]:
    """Per witness of a component (by its place in `witnesses`): the bitset of the
    characters (each given by the index of its site) at the sites it lacks."""
    found = []
    for w in witnesses:
        fragment = fragments.get(w)
        lacking = set() if fragment is None else {*fragment.start, *fragment.end, *fragment.inside}
        found.append(sum(1 << c for c, site in enumerate(character_sites) if site in lacking))
    return found


def _closest_relatives(sites: Sequence[Any], lacks: dict[int, set[int]]) -> dict[int, list[int]]:
    """Per fragment: the other witnesses, those it agrees with most often first, as a
    share of the sites where both have text. A count would favour a whole witness over
    the fragment's own exemplar or copy when that one is a fragment too: they share less
    text, not fewer readings. The share is smoothed (one agreement and one disagreement
    added), so that a few sites in common do not make a witness close."""
    witnesses = len(sites[0].states) if sites else 0
    agree = {w: [0] * witnesses for w in lacks}
    compared = {w: [0] * witnesses for w in lacks}
    for index, site in enumerate(sites):
        states = site.states
        for w in lacks:
            if index in lacks[w]:
                continue
            own = states[w]
            row, seen = agree[w], compared[w]
            for v in range(witnesses):
                if v != w and index not in lacks.get(v, ()):
                    seen[v] += 1
                    if states[v] == own:
                        row[v] += 1
    return {
        w: sorted(
            (v for v in range(witnesses) if v != w),
            key=lambda v: (-(agree[w][v] + 1) / (compared[w][v] + 2), v),
        )
        for w in lacks
    }


def describe(fragment: Fragment, sites: Sequence[Site]) -> str:
    """A sentence a reader can check against the apparatus."""
    parts = []
    if fragment.start:
        first = sites[max(fragment.start)].number
        parts.append(
            f"begins after variant location {first} (lacks about {fragment.words_before} "
            "words before it)"
        )
    if fragment.end:
        last = sites[min(fragment.end)].number
        parts.append(
            f"ends before variant location {last} (lacks about {fragment.words_after} "
            "words from there)"
        )
    if fragment.inside:
        numbers = sorted({sites[i].number for i in fragment.inside})
        shown = ", ".join(map(str, numbers[:5])) + (", …" if len(numbers) > 5 else "")
        parts.append(f"marks a lacuna at variant locations {shown}")
    kind = "a fragment: it " if fragment.start or fragment.end else "lacunose: it "
    return kind + " and ".join(parts) + "; what it lacks there is not counted"
