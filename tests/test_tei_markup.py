"""The TEI body is written as XML text and parsed (`collate.formats.tei_markup`): the
tree parsed must be the one lxml makes of the same elements set one by one, whatever
the text and attribute values hold (markup characters, carriage returns, tabs and
line feeds in attributes, empty texts)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from collate.formats.tei_markup import Markup

#: text as XML can carry it, rich in what must be escaped
_TEXT = st.lists(
    st.sampled_from([*"ab &<>\"'\r\n\t]", "]]>", "é", "\u2028", "\U0001f600"]), max_size=12
).map("".join)
_KEY = st.sampled_from(["n", "type", "wit"])


@st.composite
def _elements(draw: st.DrawFn, depth: int = 0) -> list[object]:
    """Content of an element: texts, and (name, attributes, content) children."""
    content: list[object] = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 2 and draw(st.booleans()):
            attributes = draw(st.dictionaries(_KEY, _TEXT, max_size=3))
            content.append(("rdg", list(attributes.items()), draw(_elements(depth + 1))))
        else:
            content.append(draw(_TEXT))
    return content


def _by_elements(parent: etree._Element, content: list[object]) -> None:
    """What the writer did before: elements made one by one, text appended."""
    last: etree._Element | None = None
    for piece in content:
        if isinstance(piece, str):
            if last is None:
                parent.text = (parent.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        assert isinstance(piece, tuple)
        name, attributes, inner = piece
        last = etree.SubElement(parent, name, dict(attributes))
        _by_elements(last, inner)


def _by_markup(markup: Markup, content: list[object]) -> None:
    for piece in content:
        if isinstance(piece, str):
            markup.text(piece)
            continue
        assert isinstance(piece, tuple)
        name, attributes, inner = piece
        markup.start(name, attributes)
        _by_markup(markup, inner)
        markup.end(name)


@settings(max_examples=200, deadline=None)
@given(content=_elements())
def test_parsed_markup_is_the_tree_made_element_by_element(content: list[object]) -> None:
    made = etree.Element("ab")
    _by_elements(made, content)
    markup = Markup()
    _by_markup(markup, content)
    parsed = etree.fromstring("<ab>" + "".join(markup.pieces) + "</ab>")
    markup.finish(parsed)
    assert len(list(parsed.iterdescendants())) == markup.elements
    assert etree.tostring(parsed) == etree.tostring(made)
    # an empty tail is no tail (lxml writes neither; the passes after read `tail or ""`)
    for one, other in zip(parsed.iter(), made.iter(), strict=True):
        assert (one.text, dict(one.attrib)) == (other.text, dict(other.attrib))
        assert one.tail == (other.tail or None)


def test_an_empty_text_on_an_empty_element_is_kept() -> None:
    made = etree.Element("ab")
    etree.SubElement(made, "rdg").text = ""
    markup = Markup()
    markup.start("rdg")
    markup.text("")
    markup.end("rdg")
    parsed = etree.fromstring("<ab>" + "".join(markup.pieces) + "</ab>")
    markup.finish(parsed)
    assert etree.tostring(parsed) == etree.tostring(made) == b"<ab><rdg></rdg></ab>"
