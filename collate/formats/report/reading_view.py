"""The reading view: each witness's own text, whitespace and line breaks kept, with its
variant locations marked and linked to their rows.

Every pane holds a mark for every variant location, in order (an empty one where the
witness has no text), so the script can keep the panes at one alignment position by
location rather than by pixels. A run of empty marks with none of the witness's text
between them (whitespace aside) shows one caret, not a row of them, and none where a
lacuna's sign in the run already stands for the lost text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from lxml import etree

from ...model import Apparatus
from . import tree
from .kinds import anchor, mark_class
from .pieces import Pieces
from .tree import append_text, el


def _text_blocks(pieces: Pieces, siglum: str) -> Iterator[list[str | int]]:
    """A witness's text as runs of plain text and variant locations (by index), in
    blocks of about CHUNK_CHARACTERS, each ending with a line break so that the cut
    does not show."""
    block: list[str | int] = []
    size = 0
    for n, text in enumerate(pieces.of[siglum]):
        if n % 2:
            block.append(n // 2)
            size += len(text)
            continue
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


#: what an empty mark says where the witness lacks the text (`collate.lacunae`)
_LACKS = {"lacuna": "lacuna", "fragment": "not extant (the fragment begins later or ends)"}

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


def _quiet(pieces: Pieces, siglum: str) -> set[int]:
    """The empty marks (by location index) that show no label: all but the first of a
    run of them with nothing but whitespace between (one lost passage, one `[lac.]`),
    and every one of a run that holds the lacuna's own sign, which says it already."""
    quiet: set[int] = set()
    run: list[int] = []  # the empty marks of the run so far
    open_run = signed = False  # a run is under way; it holds the sign
    texts = pieces.of[siglum]
    for index in range(len(pieces.locations) + 1):
        within = index < len(pieces.locations)
        gap = within and not pieces.reading(siglum, index)
        sign = within and pieces.is_sign(siglum, index)
        if open_run and (texts[2 * index].strip() or not (gap or sign)):
            quiet.update(run if signed else run[1:])
            run, open_run, signed = [], False, False
        if gap:
            run.append(index)
        open_run = open_run or gap or sign
        signed = signed or sign
    return quiet


def _pane_text(
    text: etree._Element, pieces: Pieces, siglum: str, marks: Sequence[tuple[str, str]]
) -> None:
    """`marks`: per variant location (by index), its mark's class and link."""
    quiet = _quiet(pieces, siglum)
    for block in _text_blocks(pieces, siglum):
        chunk = el(text, "div", None, {"class": "chunk"})
        # the chunk's last mark, whose tail takes the text after it (as `append_text`
        # would put it, without counting the chunk's children each time)
        last: etree._Element | None = None
        for piece in block:
            if isinstance(piece, str):
                if last is None:
                    chunk.text = (chunk.text or "") + piece
                else:
                    last.tail = (last.tail or "") + piece
                continue
            location = pieces.locations[piece]
            reading = pieces.reading(siglum, piece)
            attrs = {"class": marks[piece][0], "href": marks[piece][1]}
            lacks = None if reading else pieces.lacks(siglum, piece)
            if not reading:
                attrs["aria-label"] = f"variant {location.number}: no text here"
            if lacks is not None:  # lost text, shown apart from an omission
                attrs["class"] += f" lacks-{lacks}"
                attrs["aria-label"] = f"variant {location.number}: {_LACKS[lacks]}"
            if piece in quiet:
                attrs["class"] += " cont"
            last = el(chunk, "a", reading or None, attrs)


def reading_view(
    parent: etree._Element, apparatus: Apparatus, ids: dict[str, str], pieces: Pieces
) -> None:
    """The panes. Beyond the first SHOWN_PANES only their texts' pieces are written, as
    JSON, and the script builds a pane when it is asked for: a thousand witnesses with
    a mark for every location in every pane would be a million elements."""
    _pane_choice(parent, apparatus.sigla, ids)
    panes = el(parent, "div", None, {"class": "panes", "data-view": "reading"})
    deferred: dict[str, list[str]] = {}
    # the same in every pane: worked out once per location
    marks = [("v " + mark_class(x), "#" + anchor(x.number)) for x in pieces.locations]
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
        if n < SHOWN_PANES:
            _pane_text(text, pieces, siglum, marks)
        else:
            deferred[id_] = pieces.of[siglum]
    if deferred:
        # "<" escaped, so no witness text can close the element early
        data = json.dumps(deferred, ensure_ascii=False, separators=(",", ":"))
        el(
            parent,
            "script",
            data.replace("<", "\\u003c"),
            {"type": "application/json", "id": "deferred-panes"},
        )
