"""Alignment -> apparatus: shared text and variant locations with grouped readings.

Each aligned token is looked at as two cells, its text and the whitespace after it, so a
difference in line breaks alone makes a small whitespace variant instead of swallowing
the words around it. Neighbouring variant cells form one variant location; whitespace
all witnesses share between two variant cells is taken into the location, so "A B C"
against "X Y Z" is one location, not three.
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
    Token,
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

    @property
    def invariant(self) -> bool:
        first = self.strings[0]
        return first is not None and all(s == first for s in self.strings)

    @property
    def thin(self) -> bool:
        """Invariant and only whitespace (or nothing)."""
        return self.invariant and not (self.strings[0] or "").strip()


def _cells(alignment: Alignment) -> list[_Cell]:
    cells = []
    for number in range(len(alignment.columns)):
        tokens = alignment.tokens(number)
        cells.append(_Cell(number, True, tuple(None if t is None else t.text for t in tokens)))
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

    def starts_at_edge(run: list[_Cell]) -> bool:
        return run[0].is_text and run[0].column in edges

    runs: list[tuple[bool, list[_Cell]]] = []
    for cell in cells:
        variant = not cell.invariant
        if runs and runs[-1][0] == variant and not (variant and starts_at_edge([cell])):
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
            and not starts_at_edge(runs[i + 1][1])
            and all(c.thin for c in run)
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
        normals = []
        for cell in cells:
            if cell.is_text and cell.strings[w] is not None:
                token: Token | None = alignment.tokens(cell.column)[w]
                if token is not None and token.normal:
                    normals.append(token.normal)
        result.append((text, " ".join(normals)))
    return result


def _group_type(readings: Sequence[Reading]) -> GroupType | None:
    if len(readings) < 2:
        return None
    kinds = {classify(readings[0].text, other.text) for other in readings[1:]}
    return max(kinds, key=_GROUP_SEVERITY.index)


def _location_type(groups: Sequence[ReadingGroup]) -> LocationType:
    worded = [g for g in groups if g.normal]
    if len(worded) >= 2:
        return "substantive"
    if len(groups) >= 2:
        return "omission"
    return groups[0].type or "whitespace"


def _variant_location(
    number: int, cells: Sequence[_Cell], alignment: Alignment
) -> VariantLocation | SharedText:
    sigla = alignment.sigla
    strings = _reading_strings(cells, alignment)
    readings: dict[str, list[str]] = {}
    normal_of: dict[str, str] = {}
    for siglum, (text, normal) in zip(sigla, strings, strict=False):
        readings.setdefault(text, []).append(siglum)
        normal_of[text] = normal
    if len(readings) == 1:
        return SharedText(next(iter(readings)))
    grouped: dict[str, list[Reading]] = {}
    for text, witnesses in readings.items():
        grouped.setdefault(normal_of[text], []).append(
            Reading(tuple(witnesses), text, normal_of[text])
        )
    groups = tuple(
        ReadingGroup(normal, tuple(rs), _group_type(rs)) for normal, rs in grouped.items()
    )
    columns = (cells[0].column, cells[-1].column + 1)
    return VariantLocation(number, columns, groups, _location_type(groups))


def build_apparatus(alignment: Alignment, normalization: str = "") -> Apparatus:
    """The apparatus of an alignment: shared text and numbered variant locations."""
    edges = _transposition_edges(alignment)
    segments: list[Segment] = []
    for variant, cells in _runs(_cells(alignment), edges):
        segment: Segment
        if variant:
            segment = _variant_location(
                sum(isinstance(s, VariantLocation) for s in segments) + 1, cells, alignment
            )
        else:
            segment = SharedText("".join(c.strings[0] or "" for c in cells))
        if isinstance(segment, SharedText) and segments and isinstance(segments[-1], SharedText):
            segments[-1] = SharedText(segments[-1].text + segment.text)
        elif not (isinstance(segment, SharedText) and not segment.text):
            segments.append(segment)
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
