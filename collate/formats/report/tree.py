"""Building the report as an lxml tree: elements, sections, tables and the assets."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

from lxml import etree

#: about how many characters of text go into one block that is laid out on demand (read
#: as tree.CHUNK_CHARACTERS where used, so a test can make blocks small)
CHUNK_CHARACTERS = 20_000
#: the most alignment-table rows in one such block
CHUNK_ROWS = 400

Attributes = dict[str, str]


@functools.cache
def asset(name: str) -> str:
    """The text of a file in formats/html_assets (the report's style and script): read
    once per process, so every report of a corpus run carries the same script."""
    return (resources.files("collate.formats") / "html_assets" / name).read_text("utf-8")


def el(
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


def append_text(parent: etree._Element, text: str) -> None:
    """Add running text after whatever `parent` holds already."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def section(parent: etree._Element, id_: str, title: str) -> etree._Element:
    section = el(parent, "section", None, {"id": id_, "aria-labelledby": f"{id_}-h"})
    el(section, "h2", title, {"id": f"{id_}-h"})
    return section


def table(parent: etree._Element, class_: str, headings: Iterable[str]) -> etree._Element:
    """A table with one heading row; returns its body."""
    table = el(parent, "table", None, {"class": class_})
    row = el(el(table, "thead"), "tr")
    for heading in headings:
        el(row, "th", heading, {"scope": "col"})
    return el(table, "tbody")
