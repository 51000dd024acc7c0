"""The TEI body written as XML text and parsed once, rather than made element by
element: lxml sets each attribute of a new element with a few microseconds of checks,
and the *Origin*'s body has 70,000 elements, while its parser reads the same text at C
speed. The text is exactly what lxml would have written of the elements made one by
one, so the tree parsed from it is that tree (`tests/test_tei_markup.py`).

Elements are counted in document order as they begin, so that what the parser cannot
be told (an element given an empty text) can be set on the parsed tree by that count;
what is only known after an element was written (the transposition links of an `<app>`)
is set by the element's `xml:id`.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

# What XML text must write as a reference: "&" first (the others' references hold it),
# "<" and ">", and a carriage return, which the parser would otherwise read as a line
# feed; in an attribute's value between double quotes also the quote, and whitespace
# other than a space, which the parser would otherwise read as spaces. Each is looked
# for with `in` (a scan in C) and replaced only where it stands: most values hold none,
# and a table of references passed in would be boxed again at every call in the
# compiled build.


def escape_text(text: str) -> str:
    """Text as XML character data."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attribute(value: str) -> str:
    """An attribute's value, to stand between double quotes."""
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def start_tag(name: str, attributes: Iterable[tuple[str, str]], empty: bool = False) -> str:
    written = "".join(f' {key}="{escape_attribute(value)}"' for key, value in attributes)
    return f"<{name}{written}{'/' if empty else ''}>"


class Markup:
    """XML text of the content of one element, written in document order."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        #: elements begun so far: the next one's place in document order
        self.elements = 0
        #: per open element (the enclosing one first, at place -1): its place, and
        #: whether it holds anything yet
        self.open: list[list[int]] = [[-1, 0]]
        #: places of the elements given an empty text while empty: lxml writes those
        #: `<x></x>`, which the parser reads as `<x/>`
        self.empty_texts: list[int] = []

    def start(self, name: str, attributes: Iterable[tuple[str, str]] = ()) -> int:
        """Begin an element; its place."""
        self.pieces.append(start_tag(name, attributes))
        return self._opened()

    def reserve(self) -> tuple[int, int]:
        """Begin an element whose attributes are known only once its content is written
        (`fill`): the slot of its start tag, and its place."""
        self.pieces.append("")
        return len(self.pieces) - 1, self._opened()

    def fill(self, slot: int, name: str, attributes: Iterable[tuple[str, str]]) -> None:
        self.pieces[slot] = start_tag(name, attributes)

    def _opened(self) -> int:
        place = self.elements
        self.elements += 1
        self.open[-1][1] = 1
        self.open.append([place, 0])
        return place

    def end(self, name: str) -> None:
        self.pieces.append(f"</{name}>")
        self.open.pop()

    def empty(self, name: str, attributes: Iterable[tuple[str, str]] = ()) -> int:
        """An element without content; its place."""
        return self.empty_tag(start_tag(name, attributes, empty=True))

    def empty_tag(self, tag: str) -> int:
        """An element without content, by its tag (`start_tag(..., empty=True)`, made
        once where the same recurs); its place."""
        self.pieces.append(tag)
        place = self.elements
        self.elements += 1
        self.open[-1][1] = 1
        return place

    def text(self, text: str) -> None:
        """Text after what the open element holds."""
        current = self.open[-1]
        if text:
            current[1] = 1
            self.pieces.append(escape_text(text))
        elif not current[1]:
            self.empty_texts.append(current[0])

    def finish(self, parent: etree._Element) -> None:
        """Check that `parent`, the element parsed from this text, holds the elements
        written, and set the empty texts. The elements are counted by libxml2 and
        listed only where an empty text needs one: a list of them all makes an lxml
        proxy for each (74,000 on the *Origin*), and most texts have no empty text."""
        written = parent.xpath("count(descendant::*)")
        assert written == self.elements, "the parsed text is not the one written"
        if not self.empty_texts:
            return
        elements = list(parent.iterdescendants())
        for place in self.empty_texts:
            element = parent if place < 0 else elements[place]
            if element.text is None:
                element.text = ""


__all__ = ["Markup", "escape_attribute", "escape_text", "start_tag"]
