"""A self-contained HTML report of a collation, for reading rather than processing.

One file with its style and script inside that loads nothing (a Content-Security-Policy
forbids it): the witnesses with their sizes and how far each pair agrees; the reading
view, the witnesses' own texts side by side (whitespace and line breaks kept), held at
one alignment position as they scroll, with go-to, search and an overview strip of where
variation is dense; two witnesses against each other; and the alignment table, one row
per variant location, which is its apparatus entry (every witness's reading under its
siglum). Variant locations are marked by kind (the TEI's @type). A click on a location
shows its readings grouped with their sigla and brings every pane to it; the keys n and
p step through the locations. Without the script every mark is still a link to its row.

This module puts the page together from the parts in `report/`, one idea a module. The
page is built as an lxml tree, so the serialiser escapes every witness text and siglum,
and the same collation always gives the same bytes. Long texts are cut into blocks the
browser lays out only when they come into view.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from .._version import __version__
from ..absences import absences
from ..model import Apparatus, Collation
from ..xmltools import witness_ids
from .report.alignment_table import alignment_table
from .report.graph import graph_section
from .report.kinds import legend
from .report.navigation import tools
from .report.overview import overview
from .report.pair_view import pair_view
from .report.pieces import witness_pieces
from .report.reading_view import reading_view
from .report.stemma import stemma_section
from .report.tree import asset, el, section
from .report.witnesses import witness_list

if TYPE_CHECKING:
    from ..stemma import Stemma


def _title(apparatus: Apparatus) -> str:
    return f"Collation of {len(apparatus.witnesses)} witnesses"


def _summary(apparatus: Apparatus) -> str:
    return (
        f"{len(apparatus.variant_locations):,} variant locations \u00b7 "
        f"engine: {apparatus.engine or 'unknown'} \u00b7 "
        f"normalisation: {apparatus.normalization or 'none'} \u00b7 collate {__version__}"
    )


@functools.cache  # the style and the script: the same two texts for every report
def _hash_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _head(html: etree._Element, apparatus: Apparatus, style: str, script: str) -> None:
    head = el(html, "head")
    el(head, "meta", None, {"charset": "utf-8"})
    # Nothing may be loaded from anywhere and only this page's own style and script
    # apply, so even markup that slipped into a witness text could do nothing.
    policy = (
        f"default-src 'none'; style-src {_hash_source(style)}; "
        f"script-src {_hash_source(script)}; img-src data:"
    )
    el(head, "meta", None, {"http-equiv": "Content-Security-Policy", "content": policy})
    el(head, "meta", None, {"name": "viewport", "content": "width=device-width, initial-scale=1"})
    el(head, "meta", None, {"name": "generator", "content": f"collate {__version__}"})
    el(head, "title", _title(apparatus))
    el(head, "link", None, {"rel": "icon", "href": "data:,"})
    el(head, "style", style)


def _header(
    body: etree._Element, apparatus: Apparatus, sections: Sequence[tuple[str, str]]
) -> None:
    header = el(body, "header")
    el(header, "h1", _title(apparatus))
    el(header, "p", _summary(apparatus), {"class": "meta"})
    nav = el(el(header, "nav", None, {"aria-label": "Sections"}), "ul")
    for id_, label in sections:
        el(el(nav, "li"), "a", label, {"href": "#" + id_})
    keys = el(nav, "li", None, {"class": "note needs-script", "hidden": ""})
    for key, text in (
        ("n", " next variant \u00b7 "),
        ("p", " previous \u00b7 "),
        ("Esc", " close"),
    ):
        el(keys, "kbd", key).tail = text
    legend(header, apparatus)


def _panel(body: etree._Element) -> None:
    """The box that shows the readings of the selected variant location."""
    panel = el(
        body,
        "aside",
        None,
        {"id": "panel", "class": "panel", "aria-labelledby": "panel-title", "hidden": ""},
    )
    header = el(panel, "header")
    el(header, "h2", "Variant location", {"id": "panel-title"})
    for action, label, key in (
        ("previous", "\u2190 Previous", "p"),
        ("next", "Next \u2192", "n"),
        ("close", "Close", "Escape"),
    ):
        el(
            header,
            "button",
            label,
            {"type": "button", "data-action": action, "aria-keyshortcuts": key},
        )
    el(panel, "div", None, {"id": "panel-body", "aria-live": "polite"})


def document(collation: Collation, *, stemma: Stemma | None = None) -> etree._Element:
    """The report as an lxml tree (`write` serialises it)."""
    apparatus = collation.apparatus
    style, script = asset("report.css"), asset("report.js")
    html = el(None, "html", None, {"lang": "en", "class": "collate"})
    _head(html, apparatus, style, script)
    body = el(html, "body")
    sections = [
        ("witnesses", "Witnesses"),
        ("reading", "Reading view"),
        ("pair", "Two witnesses"),
        ("graph", "Variant graph"),
        ("alignment-table", "Alignment table"),
    ]
    if stemma is not None:
        sections.insert(1, ("stemma", "Stemma"))
    _header(body, apparatus, sections)
    main = el(body, "main")
    # where a witness lacks the text (a lacuna, a fragment's ends), not omits it
    absent = absences(apparatus, collation.edition.lacuna_marker)
    witness_list(main, collation, absent)
    if stemma is not None:
        stemma_section(main, stemma)
    reading = section(main, "reading", "Reading view: the witnesses side by side")
    tools(reading, apparatus.sigla)
    overview(reading, apparatus)
    pieces = witness_pieces(apparatus, absent, collation.edition.lacuna_marker)
    reading_view(reading, apparatus, witness_ids(apparatus.sigla), pieces)
    pair_view(section(main, "pair", "Two witnesses"), apparatus.sigla)
    graph_section(section(main, "graph", "Variant graph"), collation)
    alignment_table(
        section(main, "alignment-table", "Alignment table: one row per variant location"),
        apparatus,
        absent=absent,
    )
    _panel(body)
    el(body, "script", script)
    return html


def write(collation: Collation, *, stemma: Stemma | None = None) -> bytes:
    """The report as one UTF-8 HTML file; the witnesses' stemma is drawn when given."""
    stemma = stemma if stemma is not None else collation.stemma
    # serialised straight to UTF-8: the same bytes as the text encoded, without a
    # second copy of a long page as text
    data: bytes = etree.tostring(
        document(collation, stemma=stemma),
        method="html",
        encoding="utf-8",
        doctype="<!DOCTYPE html>",
    )
    return data + b"\n"


def notebook_html(collation: Collation, limit: int = 200) -> str:
    """A static view for Jupyter: the witnesses, their agreement and the first `limit`
    passages side by side (no script, no ids that could clash between outputs)."""
    apparatus = collation.apparatus
    box = el(None, "div", None, {"class": "collate"})
    el(box, "style", asset("report.css"))
    el(box, "p", f"{_title(apparatus)}: {_summary(apparatus)}", {"class": "meta"})
    legend(box, apparatus)
    witness_list(box, collation)
    alignment_table(box, apparatus, links=False, limit=limit)
    for element in box.iter():
        for name in ("id", "aria-labelledby"):
            element.attrib.pop(name, None)
    fragment: str = etree.tostring(box, method="html", encoding="unicode")
    return fragment
