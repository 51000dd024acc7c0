"""Alignment -> apparatus: shared text and variant locations with grouped readings.

Each aligned token is looked at as two cells, its text and the whitespace after it, so a
difference in line breaks alone makes a small whitespace variant instead of swallowing
the words around it. Neighbouring variant cells form one variant location; whitespace
all witnesses share between two variant cells is taken into the location, so "A B C"
against "X Y Z" is one location, not three.

A location ends where the witnesses' agreement changes: when two witnesses that both
have tokens on either side agree on one side and differ on the other. So where one
witness lacks a long passage that the others share with small differences, each
difference is a location of its own instead of one location a paragraph long.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .model import (
    Alignment,
    Apparatus,
    GroupType,
    LocationType,
    Reading,
    ReadingGroup,
    Segment,
    SharedText,
    VariantLocation,
)
from .normalize import classify

_GROUP_SEVERITY: tuple[GroupType, ...] = ("whitespace", "case", "punctuation", "orthographic")


@dataclass(frozen=True)
class _Cell:
    column: int
    is_text: bool
    #: per witness: the cell's string, or None where the witness has no token
    strings: tuple[str | None, ...]
    #: text cells: per witness, its token's normal form (None for a gap)
    normals: tuple[str | None, ...] = ()

    @property
    def invariant(self) -> bool:
        first = self.strings[0]
        return first is not None and all(s == first for s in self.strings)

    @property
    def thin(self) -> bool:
        """Invariant and only whitespace (or nothing)."""
        return self.invariant and not (self.strings[0] or "").strip()


def _agreement_changes(before: _Cell, after: _Cell) -> bool:
    """Whether two witnesses with tokens in both cells agree in one and not the other."""
    both = [
        w
        for w, (a, b) in enumerate(zip(before.normals, after.normals, strict=True))
        if a is not None and b is not None
    ]
    return any(
        (before.normals[v] == before.normals[w]) != (after.normals[v] == after.normals[w])
        for i, v in enumerate(both)
        for w in both[i + 1 :]
    )


def _cells(alignment: Alignment) -> list[_Cell]:
    cells = []
    for number in range(len(alignment.columns)):
        tokens = alignment.tokens(number)
        texts = tuple(None if t is None else t.text for t in tokens)
        normals = tuple(None if t is None else t.normal for t in tokens)
        cells.append(_Cell(number, True, texts, normals))
        cells.append(
            _Cell(number, False, tuple(None if t is None else t.whitespace for t in tokens))
        )
    return cells


def _transposition_edges(alignment: Alignment) -> set[int]:
    """Columns at which a location must start, so each moved passage is one location."""
    edges: set[int] = set()
    for t in alignment.transpositions:
        edges.update((*t.first, *t.second))
    return edges


def _runs(cells: list[_Cell], edges: set[int]) -> list[tuple[bool, list[_Cell]]]:
    """Split the cells into (is_variant, cells) runs, one variant run per location."""

    def last_text(run: list[_Cell]) -> _Cell | None:
        return next((c for c in reversed(run) if c.is_text), None)

    def starts_location(cell: _Cell, run: list[_Cell]) -> bool:
        """Whether a variant text cell must begin a new location after `run`."""
        if not cell.is_text:
            return False
        if cell.column in edges:
            return True
        previous = last_text(run)
        return previous is not None and _agreement_changes(previous, cell)

    runs: list[tuple[bool, list[_Cell]]] = []
    for cell in cells:
        variant = not cell.invariant
        if runs and runs[-1][0] == variant and not (variant and starts_location(cell, runs[-1][1])):
            runs[-1][1].append(cell)
        else:
            runs.append((variant, [cell]))
    merged: list[tuple[bool, list[_Cell]]] = []
    i = 0
    while i < len(runs):
        variant, run = runs[i]
        joins_neighbours = (
            not variant
            and merged
            and merged[-1][0]
            and i + 1 < len(runs)
            and runs[i + 1][0]
            and all(c.thin for c in run)
            and not starts_location(runs[i + 1][1][0], merged[-1][1])
        )
        if joins_neighbours:
            merged[-1][1].extend(run + runs[i + 1][1])
            i += 2
            continue
        merged.append((variant, list(run)))
        i += 1
    return merged


def _reading_strings(cells: Sequence[_Cell], alignment: Alignment) -> list[tuple[str, str]]:
    """Per witness: its text over the cells and the normal form of its tokens there."""
    result = []
    for w in range(len(alignment.witnesses)):
        text = "".join(c.strings[w] or "" for c in cells)
        normals = [n for c in cells if c.is_text and (n := c.normals[w])]
        result.append((text, " ".join(normals)))
    return result


def _group_type(readings: Sequence[Reading]) -> GroupType | None:
    if len(readings) < 2:
        return None
    kinds = {classify(readings[0].text, other.text) for other in readings[1:]}
    return max(kinds, key=_GROUP_SEVERITY.index)


def _wording(normal: str) -> str:
    """A reading's normal form without its punctuation tokens."""
    return " ".join(n for n in normal.split(" ") if any(c.isalnum() for c in n))


def _location_type(groups: Sequence[ReadingGroup]) -> LocationType:
    if len(groups) == 1:
        return groups[0].type or "whitespace"
    if len({_wording(g.normal) for g in groups}) == 1:
        return "punctuation"  # the same words; only punctuation marks come and go
    worded = [g for g in groups if g.normal]
    return "substantive" if len(worded) >= 2 else "omission"


def _common_whitespace(texts: Sequence[str]) -> tuple[str, str]:
    """Whitespace every reading begins with, and whitespace every reading ends with."""
    if not all(texts):
        return "", ""
    lead = min(len(t) - len(t.lstrip()) for t in texts)
    prefix = texts[0][:lead] if all(t[:lead] == texts[0][:lead] for t in texts) else ""
    rests = [t[len(prefix) :] for t in texts]
    if not all(rests):
        return prefix, ""
    trail = min(len(t) - len(t.rstrip()) for t in rests)
    suffix = rests[0][len(rests[0]) - trail :] if trail else ""
    if not all(t.endswith(suffix) for t in rests):
        suffix = ""
    return prefix, suffix


def _variant_location(number: int, cells: Sequence[_Cell], alignment: Alignment) -> list[Segment]:
    """The location over the cells, with whitespace all its readings share at either
    end left outside it; or shared text if the readings come out the same."""
    strings = _reading_strings(cells, alignment)
    prefix, suffix = _common_whitespace([text for text, _ in strings])
    readings: dict[str, list[str]] = {}
    normal_of: dict[str, str] = {}
    for siglum, (text, normal) in zip(alignment.sigla, strings, strict=True):
        text = text[len(prefix) : len(text) - len(suffix)]
        readings.setdefault(text, []).append(siglum)
        normal_of[text] = normal
    if len(readings) == 1:
        return [SharedText(prefix + next(iter(readings)) + suffix)]
    grouped: dict[str, list[Reading]] = {}
    for text, witnesses in readings.items():
        grouped.setdefault(normal_of[text], []).append(
            Reading(tuple(witnesses), text, normal_of[text])
        )
    groups = tuple(
        ReadingGroup(normal, tuple(rs), _group_type(rs)) for normal, rs in grouped.items()
    )
    columns = (cells[0].column, cells[-1].column + 1)
    location = VariantLocation(number, columns, groups, _location_type(groups))
    return [SharedText(prefix), location, SharedText(suffix)]


def build_apparatus(alignment: Alignment, normalization: str = "") -> Apparatus:
    """The apparatus of an alignment: shared text and numbered variant locations."""
    edges = _transposition_edges(alignment)
    segments: list[Segment] = []
    numbered = 0
    for variant, cells in _runs(_cells(alignment), edges):
        pieces: list[Segment]
        if variant:
            pieces = _variant_location(numbered + 1, cells, alignment)
            numbered += any(isinstance(p, VariantLocation) for p in pieces)
        else:
            pieces = [SharedText("".join(c.strings[0] or "" for c in cells))]
        for piece in pieces:
            if isinstance(piece, VariantLocation):
                segments.append(piece)
            elif piece.text and segments and isinstance(segments[-1], SharedText):
                segments[-1] = SharedText(segments[-1].text + piece.text)
            elif piece.text:
                segments.append(piece)
    segments = _link_transpositions(segments, alignment)
    return Apparatus(
        tuple(w.witness for w in alignment.witnesses),
        tuple(segments),
        engine=alignment.engine,
        normalization=normalization,
    )


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
            s = VariantLocation(s.number, s.columns, s.groups, "transposition", partner[s.number])
        linked.append(s)
    return linked
