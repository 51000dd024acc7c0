"""A self-contained HTML report of a collation, for reading rather than processing.

One file with its style and script inside that loads nothing (a Content-Security-Policy
forbids it): the witnesses with their sizes and how far each pair agrees, the witnesses
side by side as an alignment table, and a reading view per witness that keeps its
whitespace and line breaks. Variant locations are marked by kind. Each is a row of the
alignment table, which is its apparatus entry: every witness's reading under its
siglum. A click on a location shows its readings grouped with their sigla, and the keys
n and p step through the locations. Without the script every mark is still a link to
its row.

The page is built as an lxml tree, so the serialiser escapes every witness text and
siglum, and the same collation always gives the same bytes. Long texts are cut into
blocks the browser lays out only when they come into view.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from itertools import combinations
from typing import TYPE_CHECKING

from lxml import etree

from .. import __version__
from ..model import Apparatus, Collation, Segment, SharedText, VariantLocation
from ..xmltools import witness_ids

if TYPE_CHECKING:
    from ..stemma import Stemma

#: the kinds of variation the report tells apart: location type -> kind
KIND_OF: dict[str, str] = {
    "substantive": "substantive",
    "orthographic": "orthographic",
    "punctuation": "orthographic",
    "case": "orthographic",
    "omission": "omission",
    "transposition": "transposition",
    "whitespace": "whitespace",
}
KIND_LABELS: dict[str, str] = {
    "substantive": "substantive",
    "orthographic": "orthographic (spelling, case, punctuation)",
    "omission": "omission / addition",
    "transposition": "transposition",
    "whitespace": "whitespace and line breaks",
}
#: about how many characters of text go into one block that is laid out on demand
CHUNK_CHARACTERS = 20_000
#: the most alignment-table rows in one such block
CHUNK_ROWS = 400
#: how whitespace-only readings are shown: space, line feed, carriage return, tab
_VISIBLE_WHITESPACE = str.maketrans({" ": "\u2423", "\n": "\u21b5", "\r": "\u240d", "\t": "\u21e5"})

Attributes = dict[str, str]


def _asset(name: str) -> str:
    return (resources.files(__package__) / "html_assets" / name).read_text("utf-8")


# --------------------------------------------------------------------------- building


def _el(
    parent: etree._Element | None,
    tag: str,
    text: str | None = None,
    attrs: Attributes | None = None,
) -> etree._Element:
    """A new element, under `parent` if given, holding `text`."""
    element = etree.Element(tag, attrs) if parent is None else etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _append_text(parent: etree._Element, text: str) -> None:
    """Add running text after whatever `parent` holds already."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _anchor(number: int) -> str:
    return f"app{number}"


def _mark_class(location: VariantLocation) -> str:
    """The kind of variation, and how divided the witnesses are: h1 for two groups of
    readings, up to h3 for four or more."""
    return f"k-{KIND_OF[location.type]} h{min(3, max(1, len(location.groups) - 1))}"


def _section(parent: etree._Element, id_: str, title: str) -> etree._Element:
    section = _el(parent, "section", None, {"id": id_, "aria-labelledby": f"{id_}-h"})
    _el(section, "h2", title, {"id": f"{id_}-h"})
    return section


def _table(parent: etree._Element, class_: str, headings: Iterable[str]) -> etree._Element:
    """A table with one heading row; returns its body."""
    table = _el(parent, "table", None, {"class": class_})
    row = _el(_el(table, "thead"), "tr")
    for heading in headings:
        _el(row, "th", heading, {"scope": "col"})
    return _el(table, "tbody")


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class WitnessFigures:
    """What the witness list shows for one witness."""

    siglum: str
    source: str
    size: int
    characters: int
    tokens: int
    date: str
    #: variant locations where no other witness reads alike (up to normalisation)
    singular: int
    #: variant locations where it has no text
    gaps: int


def witness_figures(collation: Collation) -> tuple[WitnessFigures, ...]:
    apparatus = collation.apparatus
    singular = dict.fromkeys(apparatus.sigla, 0)
    gaps = dict.fromkeys(apparatus.sigla, 0)
    tokens = {w.siglum: len(w.tokens) for w in collation.alignment.witnesses}
    for location in apparatus.variant_locations:
        for group in location.groups:
            for reading in group.readings:
                for siglum in reading.sigla:
                    singular[siglum] += len(group.readings) == len(reading.sigla) == 1
                    gaps[siglum] += not reading.text
    return tuple(
        WitnessFigures(
            witness.siglum,
            witness.source or "",
            witness.size if witness.size is not None else len(witness.text.encode("utf-8")),
            len(witness.text),
            tokens[witness.siglum],
            witness.date or "",
            singular[witness.siglum],
            gaps[witness.siglum],
        )
        for witness in apparatus.witnesses
    )


def token_agreement(collation: Collation) -> dict[tuple[int, int], float]:
    """For each pair of witnesses (by index), the share of their tokens the alignment
    puts in one column with the same normal form: 2 * shared / (tokens of a + of b)."""
    alignment = collation.alignment
    normals = [[token.normal for token in w.tokens] for w in alignment.witnesses]
    shared = dict.fromkeys(combinations(range(len(normals)), 2), 0)
    for column in alignment.columns:
        by_normal: dict[str, list[int]] = {}
        for w, cell in enumerate(column):
            if cell is not None:
                by_normal.setdefault(normals[w][cell], []).append(w)
        for members in by_normal.values():
            for pair in combinations(members, 2):
                shared[pair] += 1
    sizes = [len(tokens) for tokens in normals]
    return {
        (a, b): 2 * count / (sizes[a] + sizes[b]) if sizes[a] + sizes[b] else 1.0
        for (a, b), count in shared.items()
    }


def location_agreement(apparatus: Apparatus) -> dict[tuple[int, int], int]:
    """For each pair of witnesses (by index), the variant locations where they read
    alike (in one reading group, so alike up to normalisation)."""
    index = {siglum: i for i, siglum in enumerate(apparatus.sigla)}
    agree = dict.fromkeys(combinations(range(len(index)), 2), 0)
    for location in apparatus.variant_locations:
        for group in location.groups:
            for pair in combinations(sorted(index[s] for s in group.sigla), 2):
                agree[pair] += 1
    return agree


# --------------------------------------------------------------------------- summary


def _witness_list(parent: etree._Element, collation: Collation) -> None:
    box = _el(_section(parent, "witnesses", "Witnesses"), "div", None, {"class": "figures"})
    _el(_el(box, "div"), "h3", "Sizes", {"id": "sizes-h"})
    body = _table(
        box[-1],
        "witness-list",
        ("Siglum", "Source", "Bytes", "Characters", "Tokens", "Date", "Singular readings", "Gaps"),
    )
    for figures in witness_figures(collation):
        row = _el(body, "tr")
        _el(row, "th", figures.siglum, {"scope": "row", "class": "siglum"})
        _el(row, "td", figures.source)
        for number in (figures.size, figures.characters, figures.tokens):
            _el(row, "td", f"{number:,}", {"class": "num"})
        _el(row, "td", figures.date)
        for number in (figures.singular, figures.gaps):
            _el(row, "td", f"{number:,}", {"class": "num"})
    _el(
        body.getparent(),
        "caption",
        "Singular readings: variant locations where no other "
        "witness reads alike. Gaps: variant locations where the witness has no text.",
    )
    body.getparent().set("aria-labelledby", "sizes-h")
    _agreement_table(_el(box, "div"), collation)


def _agreement_table(parent: etree._Element, collation: Collation) -> None:
    sigla = collation.apparatus.sigla
    tokens = token_agreement(collation)
    locations = location_agreement(collation.apparatus)
    total = len(collation.apparatus.variant_locations)
    _el(parent, "h3", "Agreement", {"id": "agreement-h"})
    body = _table(parent, "agreement", ("", *sigla))
    body.getparent().set("aria-labelledby", "agreement-h")
    for a, siglum in enumerate(sigla):
        row = _el(body, "tr")
        _el(row, "th", siglum, {"scope": "row", "class": "siglum"})
        for b in range(len(sigla)):
            if a == b:
                _el(row, "td", "\u2014", {"class": "num self"})
                continue
            pair = (min(a, b), max(a, b))
            share = tokens[pair]
            cell = _el(
                row, "td", f"{100 * share:.1f}\u202f%", {"class": f"num a{min(9, int(share * 10))}"}
            )
            _el(cell, "br")
            _el(cell, "span", f"{locations[pair]:,}/{total:,} loc.", {"class": "note"})
    _el(
        body.getparent(),
        "caption",
        "The share of two witnesses' tokens that the alignment "
        "finds identical (up to normalisation); below, the variant locations where they "
        "read alike.",
    )


def _legend(parent: etree._Element, apparatus: Apparatus) -> None:
    counts = dict.fromkeys(KIND_LABELS, 0)
    for location in apparatus.variant_locations:
        counts[KIND_OF[location.type]] += 1
    fieldset = _el(parent, "fieldset", None, {"class": "legend"})
    _el(fieldset, "legend", "Variant locations by kind")
    items = _el(fieldset, "ul", None, {"class": "legend-list"})
    for kind, label in KIND_LABELS.items():
        item = _el(_el(items, "li"), "label")
        box = _el(
            item,
            "input",
            None,
            {
                "type": "checkbox",
                "checked": "",
                "data-kind": kind,
                "class": "needs-script",
                "hidden": "",
            },
        )
        box.tail = " "
        swatch = _el(item, "span", None, {"class": f"swatch k-{kind}", "aria-hidden": "true"})
        swatch.tail = f" {label}: {counts[kind]:,}"


# --------------------------------------------------------------------------- side by side


def _row_blocks(segments: Sequence[Segment]) -> Iterator[Sequence[Segment]]:
    """The segments in blocks of at most CHUNK_ROWS rows and about CHUNK_CHARACTERS."""
    start = size = 0
    for end, segment in enumerate(segments):
        if end - start >= CHUNK_ROWS or size >= CHUNK_CHARACTERS:
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
    body: etree._Element, location: VariantLocation, sigla: Sequence[str], links: bool
) -> None:
    """A variant location as a table row: its number, then each witness's reading.

    `data-groups` gives each witness's reading group (readings alike up to
    normalisation), `data-type` the location's type where its kind does not say it."""
    group_of = {s: str(g) for g, group in enumerate(location.groups) for s in group.sigla}
    attrs = {"class": _mark_class(location), "data-groups": " ".join(group_of[s] for s in sigla)}
    if links:
        attrs["id"] = _anchor(location.number)
    if KIND_OF[location.type] != location.type:
        attrs["data-type"] = location.type
    if location.transposed_with is not None:
        attrs["data-moved"] = str(location.transposed_with)
    row = _el(body, "tr", None, attrs)
    _el(row, "th", str(location.number), {"scope": "row"})
    for siglum in sigla:
        text = location.reading_of(siglum).text
        if location.type == "whitespace":
            text = text.translate(_VISIBLE_WHITESPACE)
        _el(row, "td", text or None, None if text else {"class": "om"})


def _alignment_table(
    parent: etree._Element, apparatus: Apparatus, *, links: bool = True, limit: int | None = None
) -> None:
    """The witnesses side by side: one row per passage, one column per witness."""
    sigla = apparatus.sigla
    segments = apparatus.segments if limit is None else apparatus.segments[:limit]
    view = _el(parent, "div", None, {"data-view": "table"})
    for block in _row_blocks(segments):
        chunk = _el(view, "div", None, {"class": "chunk"})
        body = _table(chunk, "alignment", ("#", *sigla))
        table = body.getparent()
        colgroup = etree.Element("colgroup")
        _el(colgroup, "col", None, {"class": "n"})
        for _ in sigla:
            _el(colgroup, "col")
        table.insert(0, colgroup)
        for segment in block:
            if isinstance(segment, VariantLocation):
                _location_row(body, segment, sigla, links)
            else:
                row = _el(body, "tr", None, {"class": "shared"})
                _el(row, "td", segment.text, {"colspan": str(len(sigla) + 1)})
    if len(segments) < len(apparatus.segments):
        _el(
            parent,
            "p",
            f"\u2026 and {len(apparatus.segments) - len(segments):,} more "
            "passages (write the collation as .html to see them all).",
            {"class": "note"},
        )


# --------------------------------------------------------------------------- reading view


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
        while size + len(text) > CHUNK_CHARACTERS:
            cut = text.find("\n", max(0, CHUNK_CHARACTERS - size - 1)) + 1
            if not cut:
                break
            block.append(text[:cut])
            yield block
            block, size, text = [], 0, text[cut:]
        block.append(text)
        size += len(text)
    yield block


def _pane_choice(parent: etree._Element, sigla: Sequence[str], ids: dict[str, str]) -> None:
    fieldset = _el(parent, "fieldset", None, {"class": "needs-script", "hidden": ""})
    _el(fieldset, "legend", "Witnesses shown side by side")
    for siglum in sigla:
        label = _el(fieldset, "label")
        _el(
            label,
            "input",
            None,
            {"type": "checkbox", "checked": "", "data-pane": f"pane-{ids[siglum]}"},
        )
        _append_text(label, " " + siglum)


def _reading_view(parent: etree._Element, apparatus: Apparatus, ids: dict[str, str]) -> None:
    _pane_choice(parent, apparatus.sigla, ids)
    panes = _el(parent, "div", None, {"class": "panes", "data-view": "reading"})
    for siglum in apparatus.sigla:
        id_ = f"pane-{ids[siglum]}"
        pane = _el(
            panes, "article", None, {"class": "pane", "id": id_, "aria-labelledby": id_ + "-h"}
        )
        _el(pane, "h3", siglum, {"id": id_ + "-h", "class": "siglum"})
        text = _el(
            pane,
            "div",
            None,
            {"class": "pane-text", "tabindex": "0", "aria-label": f"Text of {siglum}"},
        )
        for block in _text_blocks(apparatus, siglum):
            chunk = _el(text, "div", None, {"class": "chunk"})
            for piece in block:
                if isinstance(piece, str):
                    _append_text(chunk, piece)
                    continue
                attrs = {"class": "v " + _mark_class(piece), "href": "#" + _anchor(piece.number)}
                reading = piece.reading_of(siglum).text
                if not reading:
                    attrs["aria-label"] = f"variant {piece.number}: no text here"
                _el(chunk, "a", reading or None, attrs)


# --------------------------------------------------------------------------- document


def _title(apparatus: Apparatus) -> str:
    return f"Collation of {len(apparatus.witnesses)} witnesses"


def _summary(apparatus: Apparatus) -> str:
    return (
        f"{len(apparatus.variant_locations):,} variant locations \u00b7 "
        f"engine: {apparatus.engine or 'unknown'} \u00b7 "
        f"normalisation: {apparatus.normalization or 'none'} \u00b7 collate {__version__}"
    )


def _hash_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _head(html: etree._Element, apparatus: Apparatus, style: str, script: str) -> None:
    head = _el(html, "head")
    _el(head, "meta", None, {"charset": "utf-8"})
    # Nothing may be loaded from anywhere and only this page's own style and script
    # apply, so even markup that slipped into a witness text could do nothing.
    policy = (
        f"default-src 'none'; style-src {_hash_source(style)}; "
        f"script-src {_hash_source(script)}; img-src data:"
    )
    _el(head, "meta", None, {"http-equiv": "Content-Security-Policy", "content": policy})
    _el(head, "meta", None, {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    _el(head, "meta", None, {"name": "generator", "content": f"collate {__version__}"})
    _el(head, "title", _title(apparatus))
    _el(head, "link", None, {"rel": "icon", "href": "data:,"})
    _el(head, "style", style)


def _header(
    body: etree._Element, apparatus: Apparatus, sections: Sequence[tuple[str, str]]
) -> None:
    header = _el(body, "header")
    _el(header, "h1", _title(apparatus))
    _el(header, "p", _summary(apparatus), {"class": "meta"})
    nav = _el(_el(header, "nav", None, {"aria-label": "Sections"}), "ul")
    for id_, label in sections:
        _el(_el(nav, "li"), "a", label, {"href": "#" + id_})
    keys = _el(nav, "li", None, {"class": "note needs-script", "hidden": ""})
    for key, text in (
        ("n", " next variant \u00b7 "),
        ("p", " previous \u00b7 "),
        ("Esc", " close"),
    ):
        _el(keys, "kbd", key).tail = text
    _legend(header, apparatus)


def _stemma(parent: etree._Element, stemma: Stemma) -> None:
    """The stemma drawn as SVG, with the evidence for every edge as text below it."""
    figure = _el(_section(parent, "stemma", "Stemma"), "figure", None, {"class": "stemma"})
    figure.append(stemma_svg(stemma))
    caption = _el(figure, "figcaption", None, {"id": "stemma-caption"})
    _el(
        caption,
        "p",
        "Lines run from exemplar to copy; a lost exemplar is drawn as an "
        "oval, a dashed line is contamination, the figure on a line its confidence.",
        {"class": "note"},
    )
    details = _el(caption, "details")
    _el(details, "summary", "The evidence")
    evidence = _el(details, "ul", None, {"class": "evidence"})
    for edge in stemma.edges:
        item = _el(evidence, "li")
        _el(item, "strong", f"{edge.source} \u2192 {edge.target}")
        _append_text(
            item, f" ({edge.kind}, confidence {edge.confidence:.2f}): {edge.evidence.summary}"
        )
    alone = [root for root in stemma.roots if not stemma.children(root)]
    if alone:
        _el(evidence, "li", "Standing alone, with no line of descent: " + ", ".join(alone))


_SLOT, _LEVEL, _BOX, _CHAR = 24, 90, 30, 7.5


def _layout(stemma: Stemma) -> tuple[dict[str, tuple[float, int]], dict[str, float]]:
    """Each node's slot (x, in node widths) and level, and its box width in pixels:
    leaves side by side in order, each exemplar centred over its copies."""
    width = {node.id: 16 + _CHAR * len(node.id) for node in stemma.nodes}
    place: dict[str, tuple[float, int]] = {}
    next_slot = 0.0

    def visit(node: str, level: int) -> float:
        nonlocal next_slot
        children = stemma.children(node)
        if not children:
            x, next_slot = next_slot, next_slot + 1
        else:
            xs = [visit(child, level + 1) for child in children]
            x = (xs[0] + xs[-1]) / 2
        place[node] = (x, level)
        return x

    for root in stemma.roots:
        visit(root, 0)
    return place, width


def stemma_svg(stemma: Stemma) -> etree._Element:
    """An SVG drawing of the stemma, as an element to put inside an HTML page."""
    place, width = _layout(stemma)
    slot = max(width.values()) + _SLOT
    levels = max(level for _, level in place.values()) + 1
    size = (slot * (1 + max(x for x, _ in place.values())), _LEVEL * levels - _LEVEL + _BOX + 8)
    svg = _el(
        None,
        "svg",
        None,
        {
            "class": "stemma",
            "viewBox": f"0 0 {size[0]:.0f} {size[1]:.0f}",
            "width": f"{size[0]:.0f}",
            "height": f"{size[1]:.0f}",
            "role": "img",
            "aria-label": "Stemma of the witnesses",
            "aria-describedby": "stemma-caption",
        },
    )

    def centre(node: str) -> tuple[float, float]:
        x, level = place[node]
        return slot * x + slot / 2, 4 + _LEVEL * level

    for edge in stemma.edges:
        (x1, y1), (x2, y2) = centre(edge.source), centre(edge.target)
        line = _el(svg, "g", None, {"class": f"edge {edge.kind}"})
        _el(line, "title", f"{edge.source} \u2192 {edge.target}: {edge.evidence.summary}")
        _el(
            line,
            "line",
            None,
            {"x1": f"{x1:.1f}", "y1": f"{y1 + _BOX:.1f}", "x2": f"{x2:.1f}", "y2": f"{y2:.1f}"},
        )
        _el(
            line,
            "text",
            f"{edge.confidence:.2f}",
            {"x": f"{(x1 + x2) / 2 + 4:.1f}", "y": f"{(y1 + _BOX + y2) / 2:.1f}"},
        )
    for node in stemma.nodes:
        x, y = centre(node.id)
        group = _el(svg, "g", None, {"class": "node " + ("extant" if node.extant else "lost")})
        half = width[node.id] / 2
        box = {
            "x": f"{x - half:.1f}",
            "y": f"{y:.1f}",
            "width": f"{2 * half:.1f}",
            "height": str(_BOX),
            "rx": f"{_BOX / 2 if not node.extant else 3}",
        }
        _el(group, "rect", None, box)
        _el(group, "text", node.id, {"x": f"{x:.1f}", "y": f"{y + _BOX / 2 + 5:.1f}"})
    return svg


def _panel(body: etree._Element) -> None:
    """The box that shows the readings of the selected variant location."""
    panel = _el(
        body,
        "aside",
        None,
        {"id": "panel", "class": "panel", "aria-labelledby": "panel-title", "hidden": ""},
    )
    header = _el(panel, "header")
    _el(header, "h2", "Variant location", {"id": "panel-title"})
    for action, label, key in (
        ("previous", "\u2190 Previous", "p"),
        ("next", "Next \u2192", "n"),
        ("close", "Close", "Escape"),
    ):
        _el(
            header,
            "button",
            label,
            {"type": "button", "data-action": action, "aria-keyshortcuts": key},
        )
    _el(panel, "div", None, {"id": "panel-body", "aria-live": "polite"})


def document(collation: Collation, *, stemma: Stemma | None = None) -> etree._Element:
    """The report as an lxml tree (`write` serialises it)."""
    apparatus = collation.apparatus
    style, script = _asset("report.css"), _asset("report.js")
    html = _el(None, "html", None, {"lang": "en", "class": "collate"})
    _head(html, apparatus, style, script)
    body = _el(html, "body")
    sections = [
        ("witnesses", "Witnesses"),
        ("side-by-side", "Side by side"),
        ("reading", "Reading view"),
    ]
    if stemma is not None:
        sections.insert(1, ("stemma", "Stemma"))
    _header(body, apparatus, sections)
    main = _el(body, "main")
    _witness_list(main, collation)
    if stemma is not None:
        _stemma(main, stemma)
    _alignment_table(_section(main, "side-by-side", "Side by side"), apparatus)
    _reading_view(
        _section(main, "reading", "Reading view"), apparatus, witness_ids(apparatus.sigla)
    )
    _panel(body)
    _el(body, "script", script)
    return html


def write(collation: Collation, *, stemma: Stemma | None = None) -> bytes:
    """The report as one UTF-8 HTML file; the witnesses' stemma is drawn when given."""
    stemma = stemma if stemma is not None else collation.stemma
    text: str = etree.tostring(
        document(collation, stemma=stemma),
        method="html",
        encoding="unicode",
        doctype="<!DOCTYPE html>",
    )
    return (text + "\n").encode("utf-8")


def notebook_html(collation: Collation, limit: int = 200) -> str:
    """A static view for Jupyter: the witnesses, their agreement and the first `limit`
    passages side by side (no script, no ids that could clash between outputs)."""
    apparatus = collation.apparatus
    box = _el(None, "div", None, {"class": "collate"})
    _el(box, "style", _asset("report.css"))
    _el(box, "p", f"{_title(apparatus)}: {_summary(apparatus)}", {"class": "meta"})
    _legend(box, apparatus)
    _witness_list(box, collation)
    _alignment_table(box, apparatus, links=False, limit=limit)
    for element in box.iter():
        for name in ("id", "aria-labelledby"):
            element.attrib.pop(name, None)
    fragment: str = etree.tostring(box, method="html", encoding="unicode")
    return fragment
