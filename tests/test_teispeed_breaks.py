"""Breaks placed in a text node all at once (`tei_milestones._insert`) make the tree
that placing them one at a time, from the last back, made: the same elements, texts
and tails, in the same order, however many breaks of however many witnesses fall in
one text node."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from collate.formats import tei_milestones
from collate.model import Milestone

from .breaks_by_walk import place_milestones

_IDS = {"A": "A", "B": "B", "C": "C"}
_TEI = "http://www.tei-c.org/ns/1.0"
_WORDS = st.text(alphabet="ab ,\n", min_size=0, max_size=12)


@st.composite
def _paragraph(draw: st.DrawFn) -> tuple[bytes, dict[str, list[Milestone]]]:
    """A `<p>` of shared text and `<app>`s, and each witness's breaks in its text."""
    parts = [f'<p xmlns="{_TEI}">']
    letters = dict.fromkeys(_IDS, 0)
    text = draw(_WORDS)
    parts.append(text)
    for siglum in letters:
        letters[siglum] += len("".join(text.split()))
    for _ in range(draw(st.integers(0, 3))):
        parts.append("<app>")
        for siglum in _IDS:
            reading = draw(st.text(alphabet="cd", min_size=0, max_size=4))
            parts.append(f'<rdg wit="#{siglum}">{reading}</rdg>')
            letters[siglum] += len(reading)
        parts.append("</app>")
        tail = draw(_WORDS)
        parts.append(tail)
        for siglum in letters:
            letters[siglum] += len("".join(tail.split()))
    parts.append("</p>")
    markup = "".join(parts)
    breaks = {
        siglum: [
            Milestone(position, unit, str(number))
            for number, (position, unit) in enumerate(
                draw(
                    st.lists(
                        st.tuples(st.integers(0, count), st.sampled_from(["lb", "pb", "p"])),
                        max_size=6,
                    )
                )
            )
        ]
        for siglum, count in letters.items()
    }
    return markup.encode(), breaks


def _one_at_a_time(node: tuple[etree._Element, str], index: int, element: etree._Element) -> None:
    """What `_insert` did for each break before (the reference)."""
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


def _placed_one_at_a_time(block: etree._Element, milestones: dict[str, list[Milestone]]) -> None:
    witnesses = [tei_milestones._Witness(_IDS[s], own) for s, own in milestones.items()]
    walk = tei_milestones._Walk(witnesses)
    walk.element(block, walk.everyone, False)
    targets = sorted(
        (
            (place, index, rank, node, milestone, in_word, witness.xml_id)
            for rank, witness in enumerate(witnesses)
            for place, index, node, milestone, in_word in witness.targets
        ),
        key=lambda target: target[:3],
    )
    for _, index, _, node, milestone, in_word, xml_id in targets[::-1]:
        _one_at_a_time(node, index, tei_milestones._break(milestone, xml_id, in_word))
    for witness in witnesses:
        for milestone in witness.pending[witness.next :]:
            block.append(tei_milestones._break(milestone, witness.xml_id))


@settings(max_examples=300, deadline=None)
@given(case=_paragraph())
def test_breaks_cut_a_text_once_as_one_at_a_time(
    case: tuple[bytes, dict[str, list[Milestone]]],
) -> None:
    markup, milestones = case
    placed, reference = etree.fromstring(markup), etree.fromstring(markup)
    place_milestones([placed], _IDS, milestones)
    _placed_one_at_a_time(reference, milestones)
    assert etree.tostring(placed) == etree.tostring(reference)
    for one, other in zip(placed.iter(), reference.iter(), strict=True):
        assert (one.tag, one.text, one.tail) == (other.tag, other.text, other.tail)


def test_many_breaks_in_one_text_node() -> None:
    """Three witnesses' line breaks in one long shared text, some at one place."""
    block = etree.fromstring(f'<p xmlns="{_TEI}">one two three four five</p>')
    milestones = {
        "A": [Milestone(3, "lb", "1"), Milestone(6, "lb", "2"), Milestone(11, "lb", "3")],
        "B": [Milestone(3, "pb", "7"), Milestone(8, "lb", "9")],
        "C": [Milestone(0, "lb", "1")],
    }
    place_milestones([block], _IDS, milestones)
    written = etree.tostring(block, encoding="unicode").replace(f' xmlns="{_TEI}"', "")
    assert written == (
        '<p><lb ed="#C" n="1"/>one <lb ed="#A" n="1"/><pb ed="#B" n="7"/>two '
        '<lb ed="#A" n="2"/>th<lb break="no" ed="#B" n="9"/>ree <lb ed="#A" n="3"/>four five</p>'
    )
