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

The apparatus's breaks are found before `tei_structure` cuts its flat text into blocks
(`Breaks`): the witnesses' counts before each piece of that text are known, so a break
is found in its piece by those counts, and only the pieces that hold breaks are read,
not the whole text (a walk through the finished blocks, which the writer made before,
places them the same: `tests/breaks_by_walk.py`, `tests/test_tei4_breaks.py`).
"""

from __future__ import annotations

import bisect
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
        # once every break is found, the rest is not read (a long `<app>`'s, where
        # `Breaks` walks one)
        if inside_app:
            for child in element:
                if not self.readers:
                    return
                if len(child) or child.tag in _READINGS:
                    self.element(child, who, True)
            return
        # lxml makes a new string of a text at every reading: each read once
        text = element.text
        if text:
            self.text((element, "text"), text, who)
        for child in element:
            if not self.readers:
                return
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


#: a break found in a text of the flat text: (its place among the breaks: the offset
#: in the text, the witness's rank, its own order), and the element
_Found = tuple[tuple[int, int, int], etree._Element]


class Breaks:
    """The breaks of the witnesses, found in the flat text before it is cut into
    blocks: those in an element (an `<app>`) by its text nodes at once, those in a text
    by their offset in it, to be found in the blocks' text nodes once the text is cut
    (`landed`, `place`). `own` lists, per witness (`xml:id`) in the witnesses' order,
    its milestones; `ids`, the witnesses of the counts in `before` (per piece, each
    witness's characters that are not whitespace before it; one more at the end)."""

    def __init__(
        self,
        pieces: Sequence[str | etree._Element],
        before: Sequence[tuple[int, ...]],
        ids: Sequence[str],
        own: Sequence[tuple[str, Sequence[Milestone]]],
    ) -> None:
        self.pieces = pieces
        #: per text piece holding breaks (by index): its breaks by offset
        self.in_texts: dict[int, list[tuple[int, int, int, Milestone, bool, str]]] = {}
        #: per text node inside an element piece: its breaks
        self.in_nodes: dict[tuple[int, str], tuple[_Node, list[_Found]]] = {}
        #: the breaks after each witness's last word, in order
        self.after: list[tuple[Milestone, str]] = []
        column = {xml_id: k for k, xml_id in enumerate(ids)}
        in_elements: dict[int, list[tuple[int, str, list[Milestone]]]] = {}
        for rank, (xml_id, milestones) in enumerate(own):
            k = column[xml_id]
            total = before[-1][k]
            by_piece: dict[int, list[Milestone]] = {}
            for milestone in sorted(milestones, key=lambda m: m.position):
                if milestone.position >= total:
                    self.after.append((milestone, xml_id))
                    continue
                # the piece that holds the witness's character: the last with fewer before
                index = bisect.bisect_right(before, milestone.position, key=lambda b: b[k]) - 1
                by_piece.setdefault(index, []).append(milestone)
            for index, found in by_piece.items():
                piece = pieces[index]
                if isinstance(piece, str):
                    self._in_text(index, piece, before[index][k], rank, xml_id, found)
                else:
                    in_elements.setdefault(index, []).append((rank, xml_id, found))
        for index, found_in in in_elements.items():
            counts = [before[index][column[xml_id]] for _, xml_id, _ in found_in]
            self._in_element(index, counts, found_in)

    def _previous(self, index: int, xml_id: str) -> str:
        """The witness's character before the piece (as `_Walk` reads it: a space
        before its text)."""
        ref = f"#{xml_id}"
        for earlier in range(index - 1, -1, -1):
            piece = self.pieces[earlier]
            if isinstance(piece, str):
                if piece:
                    return piece[-1]
                continue
            last = _last_read(piece, ref, False)
            if last:
                return last
        return " "

    def _in_text(
        self, index: int, text: str, count: int, rank: int, xml_id: str, found: list[Milestone]
    ) -> None:
        offsets = [i for i, c in enumerate(text) if not c.isspace()]
        listed = self.in_texts.setdefault(index, [])
        for seq, milestone in enumerate(found):
            offset = offsets[milestone.position - count]
            before = text[offset - 1] if offset else self._previous(index, xml_id)
            in_word = not before.isspace()
            listed.append((offset, rank, seq, milestone, in_word, xml_id))
        listed.sort(key=lambda f: f[:3])

    def _in_element(
        self,
        index: int,
        counts: list[int],
        found_in: list[tuple[int, str, list[Milestone]]],
    ) -> None:
        """The breaks inside an element piece (per witness: its rank, `xml:id` and
        breaks there, its count before the piece given), by one `_Walk` through it
        alone for all their witnesses (a tradition written as one `<app>` is a piece)."""
        piece = self.pieces[index]
        assert not isinstance(piece, str)
        witnesses = []
        for (_, xml_id, found), count in zip(found_in, counts, strict=True):
            witness = _Witness(xml_id, found)
            witness.count = count
            witness.previous = self._previous(index, xml_id)
            witnesses.append(witness)
        walk = _Walk(witnesses)
        walk.element(piece, walk.everyone, False)
        for (rank, xml_id, _), witness in zip(found_in, witnesses, strict=True):
            assert witness.next == len(witness.pending), "a break not found in its piece"
            for seq, (_, offset, node, milestone, in_word) in enumerate(witness.targets):
                self._add(node, (offset, rank, seq), _break(milestone, xml_id, in_word))

    def _add(self, node: _Node, order: tuple[int, int, int], element: etree._Element) -> None:
        key = (id(node[0]), node[1])  # the holder is kept alive by the node held here
        held = self.in_nodes.get(key)
        if held is None:
            held = self.in_nodes[key] = (node, [])
        held[1].append((order, element))

    def wanted(self) -> set[int]:
        """The text pieces whose cuts `landed` must be told of."""
        return set(self.in_texts)

    def landed(self, index: int, low: int, high: int, node: _Node, start: int) -> None:
        """The text piece's characters from `low` to `high` were written into a text
        node of a block, from its `start`-th on (`tei_structure._Builder.fill`): its
        breaks there go there (the cuts of one piece are told in order)."""
        listed = self.in_texts[index]
        while listed and listed[0][0] < high:
            offset, rank, seq, milestone, in_word, xml_id = listed.pop(0)
            assert offset >= low, "a text's cuts told out of order"
            self._add(node, (start + offset - low, rank, seq), _break(milestone, xml_id, in_word))

    def place(self, blocks: Sequence[etree._Element]) -> None:
        """Insert the breaks into the blocks, each text node cut once (`_insert`)."""
        assert not any(self.in_texts.values()), "a text's break not placed"
        for node, found in self.in_nodes.values():
            found.sort(key=lambda f: f[0])
            _insert(node, [(order[0], element) for order, element in found])
        for milestone, xml_id in self.after:  # a break after the witness's last word
            blocks[-1].append(_break(milestone, xml_id))


def _last_read(element: etree._Element, ref: str, inside_app: bool) -> str:
    """The last character of the last text node the witness `ref` reads in `element` (as
    `_Walk` reads it), or "" if it reads none."""
    tag = element.tag
    if tag == _APP:
        inside_app = True
    elif tag in _READINGS:
        if ref not in (element.get("wit") or "").split():
            return ""
        inside_app = False
    last = ""
    text = element.text
    if text and not inside_app:
        last = text[-1]
    for child in element:
        if isinstance(child.tag, str):
            last = _last_read(child, ref, inside_app) or last
        tail = child.tail
        if tail and not inside_app:
            last = tail[-1]
    return last
