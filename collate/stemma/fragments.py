"""Fragments: witnesses that begin late or end early.

A witness that keeps only part of the text (the rest lost with its leaves, or never
copied) lacks the rest at every variant location there, which a naive count reads as
dozens of omissions: the most confident evidence of all, and all of it false. What a
fragment lacks at its ends is no evidence of anything. It is found by
`collate.absences` (where a witness has none of the text before some variant location,
no shared text and only empty readings, or after one, and the stretch it lacks is
long; or where its metadata declares it a fragment or an excerpt) and set aside here:
those locations are *missing* for it, and it is read there as its closest relative
reads, which makes it neither share nor oppose anyone's innovations there, while an
exemplar's readings stay its copy's.

A lacuna inside a witness (a torn leaf), marked in its text (`collate.lacunae`), is
set aside the same way; an unmarked gap inside the text is read as an omission.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

# finding them needs no stemma: the apparatus and the report find them too
from ..absences import Fragment, Site, declared_extents, find_fragments, marked_lacunae
from ..metadata import PARTIAL

__all__ = [
    "Fragment",
    "Site",
    "declared_extents",
    "describe",
    "find_fragments",
    "marked_lacunae",
    "note",
    "set_aside",
    "unknown_characters",
]


def set_aside(
    sites: Sequence[Any], fragments: dict[int, Fragment], copies: bool = False
) -> tuple[Any, ...]:
    """The sites with each fragment read, where it is missing, as its closest relative
    reads there (the witness it agrees with most where both have text), or, where
    that one is missing too, as the others mostly read: no omission and no shared
    innovation of its own, while an exemplar's readings stay its copy's.

    Where the witnesses read as `copies`, a reading its relative alone has (of the
    witnesses there) is not given to the fragment: it is that relative's own
    innovation or one of a group the fragment may not belong to, and given to it,
    it made the two a family (or the fragment the exemplar of that relative's
    group) on evidence the fragment lacks. The fragment reads as the others mostly
    do there. (Where the witnesses may be revisions, a state lacking a later section
    is given all of its nearest state's readings there, as before: given only the
    shared ones, two archived talk pages of the Wikipedia histories lost 0.008 of
    orientation.)"""
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
            state = common if relative is None else site.states[relative]
            states[w] = state if present[state] > 1 or not copies else common
        result[index] = site.with_states(tuple(states))
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
    """A sentence a reader can check against the apparatus (a fragment or excerpt its
    metadata declares says so)."""
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
    kind = "a fragment" if fragment.start or fragment.end else "lacunose"
    if fragment.declared:
        article = "an" if fragment.declared[0] in "aeiou" else "a"
        kind = f"{article} {fragment.declared} (as its metadata says)"
        if not (fragment.start or fragment.end):
            kind += ", whole from the first variant location to the last, and lacunose"
    return kind + ": it " + " and ".join(parts) + "; what it lacks there is not counted"


def note(fragment: Fragment | None, sites: Sequence[Site], extent: str | None) -> str | None:
    """What a stemma node says of what its witness lacks (`describe`), or of a fragment
    or excerpt its metadata declares that has text at both ends all the same (nothing
    is set aside: no error, the scholar may know of a loss the collation cannot see)."""
    if fragment is not None:
        return describe(fragment, sites)
    if extent in PARTIAL:
        article = "an" if extent[0] in "aeiou" else "a"
        return (
            f"{article} {extent} (as its metadata says), but it has text from the first "
            "variant location to the last: nothing it lacks is set aside"
        )
    return None
