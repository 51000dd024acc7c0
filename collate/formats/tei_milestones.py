"""A witness's page, column and line breaks in the TEI apparatus: `<pb ed="#w" n="12"/>`
(`<cb>`, `<lb>` likewise; `break="no"` where the break falls inside a word) at the place
in the text where that witness's page begins; and where those of its divisions, heads,
paragraphs, line groups and verse lines begin (a TEI transcription's `div`, `head`, `p`,
`lg`, `l`) that not every witness shares (`tei_structure` writes the shared ones as
elements), `<milestone unit="l" ed="#w" n="2"/>`.
(A `<gap/>` is a lacuna, read into the text as its marker: see `collate.lacunae`.)

A break is placed by the number of characters of the witness's text that are not
whitespace before it (`Milestone.position`), and written just before the next such
character: in text every witness shares, or inside a reading of that witness (`<rdg>`
or `<lem>`). It adds no text, and it never stands inside whitespace (which a whitespace
milestone may stand for), so the lossless rule reads every witness as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from lxml import etree

from ..model import Milestone
from ..xmltools import tei

_APP = tei("app")
_READINGS = (tei("rdg"), tei("lem"))

#: (element, "text" or "tail"): a text node of the TEI tree
_Node = tuple[etree._Element, str]


def _nodes(element: etree._Element, xml_id: str, inside_app: bool) -> Iterator[_Node]:
    """The text nodes the witness reads, in order (as the lossless rule reads them,
    whitespace milestones aside: they change whitespace only)."""
    if element.tag == _APP:
        inside_app = True
    elif element.tag in _READINGS:
        if f"#{xml_id}" not in (element.get("wit") or "").split():
            return
        inside_app = False
    if element.text and not inside_app:
        yield element, "text"
    for child in element:
        if isinstance(child.tag, str):
            yield from _nodes(child, xml_id, inside_app)
        if child.tail and not inside_app:
            yield child, "tail"


def text_nodes(element: etree._Element, xml_id: str) -> Iterator[_Node]:
    """The text nodes of the witness inside `element` (not its tail), in order."""
    return _nodes(element, xml_id, False)


def _break(milestone: Milestone, xml_id: str, in_word: bool = False) -> etree._Element:
    if milestone.unit in ("pb", "cb", "lb"):
        element = etree.Element(tei(milestone.unit))
        if in_word:  # a line, page or column that begins inside a word
            element.set("break", "no")
    else:  # the start of a div, head, p, lg or l of this witness
        element = etree.Element(tei("milestone"), unit=milestone.unit)
    element.set("ed", f"#{xml_id}")
    if milestone.n is not None:
        element.set("n", milestone.n)
    if milestone.type is not None:
        element.set("type", milestone.type)
    return element


def _insert(node: _Node, index: int, element: etree._Element) -> None:
    """Put `element` before character `index` of a text node."""
    holder, which = node
    if which == "text":
        text = holder.text or ""
        holder.text = text[:index] or None
        element.tail = text[index:] or None
        holder.insert(0, element)
    else:
        text = holder.tail or ""
        holder.tail = text[:index] or None
        element.tail = text[index:] or None
        parent = holder.getparent()
        assert parent is not None
        parent.insert(parent.index(holder) + 1, element)


def _place(blocks: Sequence[etree._Element], xml_id: str, milestones: Sequence[Milestone]) -> None:
    # Nodes are found first and split from the last break back, so that a split
    # never moves a text node still to be used.
    targets: list[tuple[_Node, int, Milestone, bool]] = []
    pending = sorted(milestones, key=lambda m: m.position)
    count = 0
    previous = " "  # the character of the witness's text before
    for node in (n for block in blocks for n in _nodes(block, xml_id, False)):
        if not pending:
            break
        holder, which = node
        text = (holder.text if which == "text" else holder.tail) or ""
        letters = len("".join(text.split()))  # str.split cuts at what isspace() calls space
        if text and pending[0].position >= count + letters:
            count += letters  # no break in this node: skip its characters at C speed
            previous = text[-1]
            continue
        for index, character in enumerate(text):
            if character.isspace():
                previous = character
                continue
            while pending and pending[0].position == count:
                targets.append((node, index, pending.pop(0), not previous.isspace()))
            count += 1
            previous = character
    for node, index, milestone, in_word in reversed(targets):
        _insert(node, index, _break(milestone, xml_id, in_word))
    for milestone in pending:  # a break after the witness's last word
        blocks[-1].append(_break(milestone, xml_id))


def place_milestones(
    blocks: Sequence[etree._Element], ids: dict[str, str], milestones: dict[str, list[Milestone]]
) -> None:
    """Write each witness's page, column and line breaks, and the starts of its
    structure that are not elements every witness shares (`tei_structure`), into the
    text blocks (`ab`, `p`, `l`, `head`)."""
    for siglum, own in milestones.items():
        if own:
            _place(blocks, ids[siglum], own)
