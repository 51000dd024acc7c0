"""The reading view: each witness's own text, whitespace and line breaks kept, with its
variant locations marked and linked to their rows.

Every pane holds a mark for every variant location, in order (an empty one where the
witness has no text), so the script can keep the panes at one alignment position by
location rather than by pixels. A run of empty marks with none of the witness's text
between them shows one caret, not a row of them.
"""

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


#: the most panes shown at first; the others are a tick away
SHOWN_PANES = 6


def _pane_choice(parent: etree._Element, sigla: Sequence[str], ids: dict[str, str]) -> None:
    fieldset = el(parent, "fieldset", None, {"class": "needs-script pane-choice", "hidden": ""})
    el(fieldset, "legend", "Witnesses shown side by side")
    for n, siglum in enumerate(sigla):
        label = el(fieldset, "label")
        attrs = {"type": "checkbox", "data-pane": f"pane-{ids[siglum]}"}
        if n < SHOWN_PANES:
            attrs["checked"] = ""
        el(label, "input", None, attrs)
        append_text(label, " " + siglum)


def reading_view(parent: etree._Element, apparatus: Apparatus, ids: dict[str, str]) -> None:
    _pane_choice(parent, apparatus.sigla, ids)
    panes = el(parent, "div", None, {"class": "panes", "data-view": "reading"})
    for n, siglum in enumerate(apparatus.sigla):
        id_ = f"pane-{ids[siglum]}"
        attrs = {"class": "pane", "id": id_, "aria-labelledby": id_ + "-h"}
        if n >= SHOWN_PANES:
            attrs["hidden"] = ""
        pane = el(panes, "article", None, attrs)
        el(pane, "h3", siglum, {"id": id_ + "-h", "class": "siglum"})
        text = el(
            pane,
            "div",
            None,
            {"class": "pane-text", "tabindex": "0", "aria-label": f"Text of {siglum}"},
        )
        after_gap = False  # whether the last thing in the pane is an empty mark
        for block in _text_blocks(apparatus, siglum):
            chunk = el(text, "div", None, {"class": "chunk"})
            for piece in block:
                if isinstance(piece, str):
                    append_text(chunk, piece)
                    after_gap = after_gap and not piece
                    continue
                reading = piece.reading_of(siglum).text
                attrs = {"class": "v " + mark_class(piece), "href": "#" + anchor(piece.number)}
                if not reading:
                    attrs["aria-label"] = f"variant {piece.number}: no text here"
                    if after_gap:
                        attrs["class"] += " cont"
                after_gap = not reading
                el(chunk, "a", reading or None, attrs)
