"""Building the report as an lxml tree: elements, sections, tables and the assets."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources

from lxml import etree

#: about how many characters of text go into one block that is laid out on demand (read
#: as tree.CHUNK_CHARACTERS where used, so a test can make blocks small)
CHUNK_CHARACTERS = 20_000
#: the most alignment-table rows in one such block
CHUNK_ROWS = 400

Attributes = dict[str, str]

#: the tag of a stand-in for markup written as text (`raw`); `serialize` puts the
#: markup in its place
RAW = "collate-raw"
_STAND_IN = f"<{RAW}></{RAW}>"
#: what lxml refuses in a text or an attribute (not XML): raised as lxml raises it
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_XML_MESSAGE = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


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


# The bulk of a report (a row per variant location, a mark per location in every pane)
# is written as text rather than as lxml elements: an element costs microseconds to
# make and again to serialise, and a corpus run writes a report per group. The text is
# escaped exactly as lxml's HTML serialiser escapes (`tests/test_report_markup.py`
# checks the two agree on every character), so the bytes are the same either way.


def escape(text: str) -> str:
    """A text as lxml's HTML serialiser writes it inside an element."""
    if _NOT_XML.search(text):
        raise ValueError(_NOT_XML_MESSAGE)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def start_tag(tag: str, attrs: Mapping[str, str] | None = None) -> str:
    """An element's start tag as lxml's HTML serialiser writes it (attributes in order)."""
    if not attrs:
        return f"<{tag}>"
    parts = [f"<{tag}"]
    for name, value in attrs.items():
        if '"' in value:  # quoted by lxml's own rule (either quote, or &quot;)
            parts.append(_attribute_by_lxml(name, value))
        else:
            parts.append(f' {name}="{escape(value)}"')
    parts.append(">")
    return "".join(parts)


def _attribute_by_lxml(name: str, value: str) -> str:
    stand_alone = etree.Element("i", {name: value})
    written: str = etree.tostring(stand_alone, method="html", encoding="unicode")
    return written[2 : -len("></i>")]


def element(tag: str, text: str | None = None, attrs: Mapping[str, str] | None = None) -> str:
    """An element holding only text, as lxml's HTML serialiser writes it."""
    return f"{start_tag(tag, attrs)}{escape(text) if text else ''}</{tag}>"


def raw(parent: etree._Element, markup: str) -> None:
    """Markup made by `element`, `start_tag` and `escape`, as the last child of `parent`
    (a stand-in until `serialize`)."""
    etree.SubElement(parent, RAW, {"markup": markup})


def serialize(root: etree._Element, **options: str) -> str:
    """`root` as lxml writes it (`method="html"` and `options`), each stand-in of `raw`
    replaced by its markup."""
    stand_ins = list(root.iter(RAW))
    markup = [stand_in.attrib.pop("markup") for stand_in in stand_ins]
    written: str = etree.tostring(root, method="html", encoding="unicode", **options)
    if not markup:
        return written
    # no text nor attribute written by lxml holds "<" unescaped, and the only script
    # with data in it escapes "<" too: every stand-in in the text is one of ours
    parts = written.split(_STAND_IN)
    if len(parts) != len(markup) + 1:
        raise AssertionError("a stand-in for the report's markup was not found once")
    pieces = [parts[0]]
    for text, after in zip(markup, parts[1:], strict=True):
        pieces += (text, after)
    return "".join(pieces)
