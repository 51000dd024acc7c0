"""The witnesses side by side: one table row per passage, one column per witness; each
variant location's row is its apparatus entry."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from ...model import Apparatus, Segment, SharedText, VariantLocation
from ...normalize import letter_form
from . import tree
from .kinds import anchor, mark_class
from .tree import el, table

#: how whitespace-only readings are shown: space, line feed, carriage return, tab
_VISIBLE_WHITESPACE = str.maketrans({" ": "\u2423", "\n": "\u21b5", "\r": "\u240d", "\t": "\u21e5"})


#: how the title of a cell of an "encoding" location names the way it writes its letters
_LETTER_FORMS = {
    "composed": "composed letters (Unicode NFC)",
    "decomposed": "decomposed letters (Unicode NFD)",
    "mixed": "composed and decomposed letters mixed",
}


def _row_blocks(segments: Sequence[Segment]) -> Iterator[Sequence[Segment]]:
    """The segments in blocks of at most CHUNK_ROWS rows and about CHUNK_CHARACTERS."""
    start = size = 0
    for end, segment in enumerate(segments):
        if end - start >= tree.CHUNK_ROWS or size >= tree.CHUNK_CHARACTERS:
            yield segments[start:end]
            start = end
            size = 0
        size += (
            len(segment.text)
            if isinstance(segment, SharedText)
            else sum(len(r.text) for r in segment.readings)
        )
    yield segments[start:]


def _location_row(
    body: etree._Element,
    location: VariantLocation,
    sigla: Sequence[str],
    links: bool,
    absent: dict[str, dict[int, str]],
) -> None:
    """A variant location as a table row: its number, then each witness's reading.

    `data-groups` gives each witness's reading group (readings alike up to
    normalisation)."""
    group_of = {s: str(g) for g, group in enumerate(location.groups) for s in group.sigla}
    number, type_ = location.number, location.type  # read once, not once per witness
    attrs = {"class": mark_class(location), "data-groups": " ".join([group_of[s] for s in sigla])}
    if links:
        attrs["id"] = anchor(number)
    if location.transposed_with is not None:
        attrs["data-moved"] = str(location.transposed_with)
    row = el(body, "tr", None, attrs)
    el(row, "th", str(number), {"scope": "row"})
    text_of = {s: reading.text for reading in location.readings for s in reading.sigla}
    for siglum in sigla:
        text = text_of[siglum]
        if type_ == "whitespace":
            text = text.translate(_VISIBLE_WHITESPACE)
        if text:
            # the readings look alike: say how not
            title = {"title": _LETTER_FORMS[letter_form(text)]} if type_ == "encoding" else None
            el(row, "td", text, title)
            continue
        # an omission is "om.", text a lacuna took or a fragment lacks says so instead
        lacks = absent[siglum].get(number) if siglum in absent else None
        el(row, "td", None, {"class": "om" if lacks is None else f"lacks-{lacks}"})


def alignment_table(
    parent: etree._Element,
    apparatus: Apparatus,
    *,
    links: bool = True,
    limit: int | None = None,
    absent: dict[str, dict[int, str]] | None = None,
) -> None:
    """The witnesses side by side: one row per passage, one column per witness."""
    sigla = apparatus.sigla
    segments = apparatus.segments if limit is None else apparatus.segments[:limit]
    view = el(parent, "div", None, {"data-view": "table"})
    for block in _row_blocks(segments):
        chunk = el(view, "div", None, {"class": "chunk"})
        body = table(chunk, "alignment", ("#", *sigla))
        grid = body.getparent()
        colgroup = etree.Element("colgroup")
        el(colgroup, "col", None, {"class": "n"})
        for _ in sigla:
            el(colgroup, "col")
        grid.insert(0, colgroup)
        for segment in block:
            if isinstance(segment, VariantLocation):
                _location_row(body, segment, sigla, links, absent or {})
            else:
                row = el(body, "tr", None, {"class": "shared"})
                el(row, "td", segment.text, {"colspan": str(len(sigla) + 1)})
    if len(segments) < len(apparatus.segments):
        el(
            parent,
            "p",
            f"\u2026 and {len(apparatus.segments) - len(segments):,} more "
            "passages (write the collation as .html to see them all).",
            {"class": "note"},
        )
