"""The reading view: each witness's own text, whitespace and line breaks kept, with its
variant locations marked and linked to their rows."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from ...model import Apparatus, VariantLocation
from . import tree
from .kinds import anchor, mark_class
from .tree import append_text, el


def _text_blocks(apparatus: Apparatus, siglum: str) -> Iterator[list[str | VariantLocation]]:
    """A witness's text as runs of plain text and variant locations, in blocks of about
    CHUNK_CHARACTERS, each ending with a line break so that the cut does not show."""
    block: list[str | VariantLocation] = []
    size = 0
    for segment in apparatus.segments:
        if isinstance(segment, VariantLocation):
            block.append(segment)
            size += len(segment.reading_of(siglum).text)
            continue
        text = segment.text_of(siglum)  # the witness's own line breaks and spacing
        while size + len(text) > tree.CHUNK_CHARACTERS:
            cut = text.find("\n", max(0, tree.CHUNK_CHARACTERS - size - 1)) + 1
            if not cut:
                break
            block.append(text[:cut])
            yield block
            block, size, text = [], 0, text[cut:]
        block.append(text)
        size += len(text)
    yield block


def _pane_choice(parent: etree._Element, sigla: Sequence[str], ids: dict[str, str]) -> None:
    fieldset = el(parent, "fieldset", None, {"class": "needs-script", "hidden": ""})
    el(fieldset, "legend", "Witnesses shown side by side")
    for siglum in sigla:
        label = el(fieldset, "label")
        el(
            label,
            "input",
            None,
            {"type": "checkbox", "checked": "", "data-pane": f"pane-{ids[siglum]}"},
        )
        append_text(label, " " + siglum)


def reading_view(parent: etree._Element, apparatus: Apparatus, ids: dict[str, str]) -> None:
    _pane_choice(parent, apparatus.sigla, ids)
    panes = el(parent, "div", None, {"class": "panes", "data-view": "reading"})
    for siglum in apparatus.sigla:
        id_ = f"pane-{ids[siglum]}"
        pane = el(
            panes, "article", None, {"class": "pane", "id": id_, "aria-labelledby": id_ + "-h"}
        )
        el(pane, "h3", siglum, {"id": id_ + "-h", "class": "siglum"})
        text = el(
            pane,
            "div",
            None,
            {"class": "pane-text", "tabindex": "0", "aria-label": f"Text of {siglum}"},
        )
        for block in _text_blocks(apparatus, siglum):
            chunk = el(text, "div", None, {"class": "chunk"})
            for piece in block:
                if isinstance(piece, str):
                    append_text(chunk, piece)
                    continue
                attrs = {"class": "v " + mark_class(piece), "href": "#" + anchor(piece.number)}
                reading = piece.reading_of(siglum).text
                if not reading:
                    attrs["aria-label"] = f"variant {piece.number}: no text here"
                el(chunk, "a", reading or None, attrs)
