"""The overview strip: how dense the variation is along the text, as a row of cells
(in the spirit of CATview). Each cell is a stretch of the alignment of equal length in
characters; its colour says how many variant locations start in it, and a click goes
to the first of them. Each cell carries its count per kind, so the script can recolour
the strip when a kind is hidden."""

from __future__ import annotations

from lxml import etree

from ...model import Apparatus, SharedText
from .kinds import KIND_LABELS, KIND_OF
from .tree import el

#: how many cells the strip has (fewer for a text with fewer variant locations)
CELLS = 200
#: how many steps of colour
LEVELS = 9


def _cells(apparatus: Apparatus) -> list[tuple[dict[str, int], int | None]]:
    """Per cell: its count of variant locations by kind, and the first location's number
    starting at or after the cell's start (None past the last)."""
    lengths = [
        len(s.text) if isinstance(s, SharedText) else max(1, *(len(r.text) for r in s.readings))
        for s in apparatus.segments
    ]
    total = max(1, sum(lengths))
    count = min(CELLS, max(1, len(apparatus.variant_locations)))
    cells: list[tuple[dict[str, int], int | None]] = [
        (dict.fromkeys(KIND_LABELS, 0), None) for _ in range(count)
    ]
    position = 0
    for segment, length in zip(apparatus.segments, lengths, strict=True):
        if not isinstance(segment, SharedText):
            index = min(count - 1, position * count // total)
            kinds, first = cells[index]
            kinds[KIND_OF[segment.type]] += 1
            if first is None:
                cells[index] = (kinds, segment.number)
        position += length
    following = None
    for index in range(count - 1, -1, -1):  # an empty cell goes to the next location
        kinds, first = cells[index]
        following = first if first is not None else following
        cells[index] = (kinds, following)
    return cells


def overview(parent: etree._Element, apparatus: Apparatus) -> None:
    if not apparatus.variant_locations:
        return
    cells = _cells(apparatus)
    most = max(sum(kinds.values()) for kinds, _ in cells)
    figure = el(parent, "figure", None, {"class": "overview"})
    svg = el(
        figure,
        "svg",
        None,
        {
            "viewBox": f"0 0 {len(cells)} 10",
            "preserveAspectRatio": "none",
            "role": "img",
            "aria-label": "Density of variant locations along the text",
            "id": "overview",
        },
    )
    last = apparatus.variant_locations[-1].number
    for index, (kinds, first) in enumerate(cells):
        number = sum(kinds.values())
        level = -(-LEVELS * number // most) if number else 0
        target = first if first is not None else last
        rect = el(
            svg,
            "rect",
            None,
            {
                "x": str(index),
                "y": "0",
                "width": "1",
                "height": "10",
                "class": f"d{level}",
                "data-n": str(target),
                "data-c": " ".join(str(kinds[k]) for k in KIND_LABELS),
            },
        )
        el(rect, "title", f"{number:,} variant locations; from location {target:,}")
    el(svg, "rect", None, {"id": "overview-here", "x": "0", "y": "0", "width": "1", "height": "10"})
    el(
        figure,
        "figcaption",
        "Density of variant locations along the text (darker: more); click to go there.",
        {"class": "note"},
    )
