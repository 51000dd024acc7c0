"""Where a witness lacks the text rather than omits it: beside a lacuna it marks
(`collate.lacunae`), before a fragment begins or after it ends. The TEI apparatus and
the HTML report say so at each such variant location, instead of an omission.

The witnesses' ends and lacunae are found as the stemma finds them
(`collate.stemma.fragments`), so the apparatus, the report and the stemma agree on
what each witness lacks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lacunae import MARKER

if TYPE_CHECKING:  # lxml loads only where TEI is written
    from lxml import etree

    from .model import Apparatus

_TEI = "{http://www.tei-c.org/ns/1.0}"

#: what a witness that has no text at a variant location lacks there, by kind: text a
#: lacuna took (`LACUNA`), or text before a fragment begins or after it ends
LACUNA, FRAGMENT = "lacuna", "fragment"


@dataclass(frozen=True)
class _Site:
    """A variant location as `collate.stemma.fragments` reads it."""

    number: int
    states: tuple[int, ...]
    readings: tuple[tuple[str, ...], ...]
    gap_before: int


def absences(apparatus: Apparatus, marker: str = MARKER) -> dict[str, dict[int, str]]:
    """Per siglum: the variant locations (by number) where the witness has no text
    because it lacks it, not because it omits it: `LACUNA` beside the sign of a lacuna
    it marks, `FRAGMENT` before a fragment begins or after it ends (found as the
    stemma finds them, `collate.stemma.fragments`). A location where it has text is
    never listed (a lacuna's own sign is text)."""
    from .model import SharedText
    from .stemma.fragments import find_fragments  # the stemma loads only when needed

    sigla = apparatus.sigla
    sites: list[_Site] = []
    gap = 0
    for segment in apparatus.segments:
        if isinstance(segment, SharedText):
            gap += len(segment.text.split())
            continue
        index: dict[str, int] = {}
        readings: list[tuple[str, ...]] = []
        states = []
        for siglum in sigla:
            normal = segment.reading_of(siglum).normal
            if normal not in index:
                index[normal] = len(readings)
                readings.append(tuple(normal.split()))
            states.append(index[normal])
        sites.append(_Site(segment.number, tuple(states), tuple(readings), gap))
        gap = 0
    longest = max((len(w.text.split()) for w in apparatus.witnesses), default=0)
    by_number = {site.number: site for site in sites}
    found: dict[str, dict[int, str]] = {}
    for w, fragment in find_fragments(sites, gap, len(sigla), longest, marker).items():
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
