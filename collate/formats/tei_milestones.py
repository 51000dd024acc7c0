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

import re
from collections.abc import Sequence

from lxml import etree

from ..model import Milestone
from ..xmltools import tei

_APP = tei("app")
#: a word: what str.isspace() does not call space (`\s` is exactly that, checked
#: over every code point), so the counts are `_Walk.text`'s
_WORD = re.compile(r"\S+")
_READINGS = (tei("rdg"), tei("lem"))

#: (element, "text" or "tail"): a text node of the TEI tree
_Node = tuple[etree._Element, str]


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


def _insert(node: _Node, breaks: Sequence[tuple[int, etree._Element]]) -> None:
    """Put each element before its character of a text node (`breaks` by index, in
    order): the text is cut once, not again for each (a long paragraph's text node may
    take a dozen witnesses' breaks, and lxml checks every character of a text it sets)."""
    holder, which = node
    text = (holder.text if which == "text" else holder.tail) or ""
    ends = [index for index, _ in breaks[1:]]
    ends.append(len(text))
    for (index, element), end in zip(breaks, ends, strict=True):
        element.tail = text[index:end] or None
    if which == "text":
        holder.text = text[: breaks[0][0]] or None
        for position, (_, element) in enumerate(breaks):
            holder.insert(position, element)
    else:
        holder.tail = text[: breaks[0][0]] or None
        parent = holder.getparent()
        assert parent is not None
        after = parent.index(holder) + 1
        for position, (_, element) in enumerate(breaks):
            parent.insert(after + position, element)


class _Witness:
    """Where one witness is in its reading of the text while its breaks are found."""

    def __init__(self, xml_id: str, milestones: Sequence[Milestone]) -> None:
        self.xml_id = xml_id
        self.pending = sorted(milestones, key=lambda m: m.position)
        self.next = 0  # the first break not yet found
        #: the position of the first break not yet found (past the text when none is)
        self.limit = self.pending[0].position if self.pending else 0
        self.count = 0  # the characters of its text that are not whitespace, so far
        self.previous = " "  # the character of its text before
        #: (the text node's place in document order, index in it, the node, the break,
        #: whether it falls inside a word)
        self.targets: list[tuple[int, int, _Node, Milestone, bool]] = []

    def read(self, place: int, node: _Node, text: str) -> None:
        """The text node that holds the next break (`_Walk.text` skips the others), read
        a word at a time: a break at a word's start follows whitespace (or what came
        before the node), one inside it falls inside the word."""
        pending = self.pending
        for word in _WORD.finditer(text):
            start, end = word.span()
            after = self.count + end - start
            while self.next < len(pending) and pending[self.next].position < after:
                offset = pending[self.next].position - self.count
                if offset:
                    in_word = True
                else:
                    before = text[start - 1] if start else self.previous
                    in_word = not before.isspace()
                self.targets.append((place, start + offset, node, pending[self.next], in_word))
                self.next += 1
            self.count = after
            if self.next == len(pending):
                break
        else:
            self.previous = text[-1]
            self.limit = pending[self.next].position
            return
        # the last break found: the rest of the node is never needed


class _Walk:
    """One walk through the text blocks, giving each text node to the witnesses (by
    `#xml:id`) that read it, in order, until each has found the places of all its
    breaks. A witness reads the text nodes outside `<app>`, and inside the readings
    (`<rdg>`, `<lem>`) that name it (as the lossless rule reads them, whitespace
    milestones aside: they change whitespace only)."""

    def __init__(self, witnesses: Sequence[_Witness]) -> None:
        self.readers = {f"#{w.xml_id}": w for w in witnesses if w.pending}
        self.everyone = frozenset(self.readers)
        self.place = 0
        #: per set of readers and a reading's @wit, the readers it names
        self.named: dict[tuple[frozenset[str], str], frozenset[str]] = {}

    def blocks(self, blocks: Sequence[etree._Element]) -> None:
        for block in blocks:
            if not self.readers:
                return
            self.element(block, self.everyone, False)

    def element(self, element: etree._Element, who: frozenset[str], inside_app: bool) -> None:
        tag = element.tag
        if tag == _APP:
            inside_app = True
        elif tag in _READINGS:
            wit = element.get("wit") or ""
            named = self.named.get((who, wit))
            if named is None:
                named = self.named[who, wit] = who.intersection(wit.split())
            if not named:
                return
            who = named
            inside_app = False
        # an element without children or text (a whitespace milestone, a `<gap/>`)
        # holds nothing to read: no call for it
        if inside_app:
            for child in element:
                if len(child) or child.tag in _READINGS:
                    self.element(child, who, True)
            return
        # lxml makes a new string of a text at every reading: each read once
        text = element.text
        if text:
            self.text((element, "text"), text, who)
        for child in element:
            if (len(child) or child.text) and isinstance(child.tag, str):
                self.element(child, who, False)
            tail = child.tail
            if tail:
                self.text((child, "tail"), tail, who)

    def text(self, node: _Node, text: str, who: frozenset[str]) -> None:
        self.place += 1
        letters = -1
        readers = self.readers
        for ref in who:
            reader = readers.get(ref)
            if reader is None:
                continue
            if letters < 0:  # str.split cuts at what isspace() calls space
                letters = len("".join(text.split()))
            if reader.limit >= reader.count + letters:
                reader.count += letters  # no break in this node: skip it at C speed
                reader.previous = text[-1]
                continue
            reader.read(self.place, node, text)
            if reader.next == len(reader.pending):
                del readers[ref]


def place_milestones(
    blocks: Sequence[etree._Element], ids: dict[str, str], milestones: dict[str, list[Milestone]]
) -> None:
    """Write each witness's page, column and line breaks, and the starts of its
    structure that are not elements every witness shares (`tei_structure`), into the
    text blocks (`ab`, `p`, `l`, `head`)."""
    witnesses = [_Witness(ids[siglum], own) for siglum, own in milestones.items()]
    _Walk(witnesses).blocks(blocks)
    # Every witness's places are found before the tree changes; the text nodes are then
    # cut from the last back, each once for all its breaks (at one place in the
    # witnesses' order), so that a cut never moves a text node still to be used.
    targets = sorted(
        (
            (place, index, rank, node, milestone, in_word, witness.xml_id)
            for rank, witness in enumerate(witnesses)
            for place, index, node, milestone, in_word in witness.targets
        ),
        key=lambda target: target[:3],  # stable: one witness's breaks at one place in order
    )
    # a reversed copy, not reversed(): mypyc 2.4 fails on reversed() of tuples holding Any
    # (one text node's breaks stand together: each node has a place of its own)
    breaks: list[tuple[int, etree._Element]] = []
    for number, target in enumerate(targets[::-1]):
        place, index, _, node, milestone, in_word, xml_id = target
        breaks.append((index, _break(milestone, xml_id, in_word)))
        if number + 1 == len(targets) or targets[-number - 2][0] != place:
            _insert(node, breaks[::-1])
            breaks = []
    for witness in witnesses:  # a break after the witness's last word
        for milestone in witness.pending[witness.next :]:
            blocks[-1].append(_break(milestone, witness.xml_id))
