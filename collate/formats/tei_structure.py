"""The structure of the witnesses as real TEI elements: divisions, heads, paragraphs,
line groups and verse lines (a TEI transcription's `div`, `head`, `p`, `lg`, `l`; a
plain text's paragraphs, its blank lines) that every witness shares.

Parallel segmentation writes one text for all the witnesses, so an element can hold
only what lies between two places that every witness reaches at once: shared text, or
the edge of a variant location. A division or paragraph that every witness begins and
ends at the same such places (the common case: an edition's chapters and paragraphs,
the lines of a poem) is written as that element, nested as the witnesses nest it;
one that some witness lacks, or names another kind (`@type`: a "chapter" against a
"book"), or begins or ends elsewhere (inside a variant location, where one witness's
paragraph would cut through another's reading), stays that witness's milestone
(`<milestone unit="p" ed="#w"/>`, `tei_milestones`; a plain text's paragraph too,
though its blank line is in its text anyway).

The flat text written by `tei_body` (one `<ab>`) is cut at those places: all
whitespace before a cut stays in the block before it (the blank line ends the
paragraph), so the lossless rule, which reads the text blocks (`ab`, `p`, `l`, `head`)
in document order, reads every witness exactly as before. What no shared element
covers stays in an `<ab>`. Where TEI's content models would be broken (a line group
with text outside its lines, a head after other blocks, text after a division at the
same level), the element concerned is left a milestone instead: the apparatus stays
tei_all-valid.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from lxml import etree

from ..model import Apparatus, Milestone, Witness
from ..readers.apparatus_structure import plain_paragraphs
from ..xmltools import XML_SPACE, tei
from .tei_milestones import Breaks

#: units written as elements: containers hold blocks, leaves hold the text
_CONTAINERS = ("div", "lg")
_LEAVES = ("head", "p", "l", "ab")
_STRUCTURE = frozenset(_CONTAINERS + _LEAVES) - {"ab"}
#: which of two elements with the same extent encloses the other
_RANK = {"div": 0, "lg": 1, "head": 2, "p": 2, "l": 3}

#: a place between two pieces of the flat text: (piece index, character offset)
_Slot = tuple[int, int]
#: a cut of a text piece of the flat text: (piece index, offset of its first
#: character, the characters)
_Cut = tuple[int, int, str]


class _Span(NamedTuple):
    """One structure element of one witness, by non-whitespace character counts."""

    unit: str
    n: str | None
    start: int
    end: int
    #: the witness's milestone it was read from, or made for a plain text's paragraph
    milestone: Milestone
    #: a plain text's paragraph (its blank line), not a transcription's element
    derived: bool = False


class _Node:
    """A division, verse group, heading, paragraph or line of the shared structure.
    Its methods are written out, not made by `@dataclass`, which compiles them at every
    start (2.7 M instructions, a short run's); they are what it made: equal by value
    (`list.index` finds a child by it)."""

    def __init__(
        self,
        unit: str,
        n: str | None,
        start: _Slot,
        end: _Slot,
        members: list[tuple[str, Milestone]] | None = None,
        type: str | None = None,
        derived: bool = False,
        children: list[_Node] | None = None,
    ) -> None:
        self.unit = unit
        self.n = n
        self.start = start
        self.end = end
        self.members: list[tuple[str, Milestone]] = [] if members is None else members
        #: the `@type` every witness gives it (a division's "chapter")
        self.type = type
        #: a plain text's paragraph in every witness (numbered in the apparatus)
        self.derived = derived
        self.children: list[_Node] = [] if children is None else children

    def _fields(self) -> tuple[object, ...]:
        return (
            self.unit,
            self.n,
            self.start,
            self.end,
            self.members,
            self.type,
            self.derived,
            self.children,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Node)
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        names = ("unit", "n", "start", "end", "members", "type", "derived", "children")
        values = ", ".join(f"{k}={v!r}" for k, v in zip(names, self._fields(), strict=True))
        return f"_Node({values})"


def _count(text: str) -> int:
    """The characters that are not whitespace (str.split cuts where isspace() is true)."""
    return len("".join(text.split()))


def witness_spans(witness: Witness) -> list[_Span]:
    """A witness's structure: its transcription's, else its plain text's paragraphs."""
    spans = [
        _Span(m.unit, m.n, m.position, m.end, m)
        for m in witness.milestones
        if m.unit in _STRUCTURE and m.end is not None and m.end > m.position
    ]
    if spans or any(m.unit in _STRUCTURE for m in witness.milestones):
        return spans
    paragraphs = plain_paragraphs(witness.text)
    return [_Span("p", None, a, b, Milestone(a, "p", None, b), derived=True) for a, b in paragraphs]


class _Flat:
    """The flat text of the `<ab>`: its text pieces and child elements in order, with
    each witness's count of non-whitespace characters before each piece."""

    def __init__(self, ab: etree._Element, ids: Sequence[str]) -> None:
        self.pieces: list[str | etree._Element] = [ab.text or ""]
        for child in ab:
            tail = child.tail or ""
            if tail:
                child.tail = None
            self.pieces += [child, tail]
        ab.text = None
        self.before: list[tuple[int, ...]] = []
        #: per element piece: whether it holds any witness's words
        self.holds_words: dict[int, bool] = {}
        counts = (0,) * len(ids)
        everyone = frozenset(ids)
        position = {xml_id: i for i, xml_id in enumerate(ids)}
        #: per reading's @wit, the places in `ids` of the witnesses it names
        named: dict[str, tuple[int, ...]] = {}
        before = self.before
        for index, piece in enumerate(self.pieces):
            before.append(counts)
            if isinstance(piece, str):
                added = _count(piece)
                if added:
                    counts = tuple([c + added for c in counts])
                continue
            # each of lxml's names and texts is a new string at every reading: read once
            tag = piece.tag
            if tag not in _WITNESSED and not len(piece):
                # a milestone, a lacuna's gap: every witness reads what little it holds
                text = piece.text
                added = _count(text) if text else 0
                self.holds_words[index] = bool(added and ids)
                if added:
                    counts = tuple([c + added for c in counts])
                continue
            if tag == _APP and all(r.tag in _READINGS and not len(r) for r in piece):
                # the common case, an app of readings that hold text alone: no walk
                own = [0] * len(ids)
                for reading in piece:
                    text = reading.text
                    if not text:
                        continue
                    letters = _count(text)
                    wit = reading.get("wit") or ""
                    places = named.get(wit)
                    if places is None:
                        refs = dict.fromkeys(r.removeprefix("#") for r in wit.split())
                        places = named[wit] = tuple(position[r] for r in refs if r in position)
                    for i in places:
                        own[i] += letters
            else:
                by_id = _letters(piece, everyone)
                own = [by_id.get(xml_id, 0) for xml_id in ids]
            self.holds_words[index] = any(own)
            if self.holds_words[index]:
                counts = tuple([c + o for c, o in zip(counts, own, strict=True)])
        before.append(counts)

    def places(self, wanted: set[int]) -> dict[tuple[int, ...], _Slot]:
        """Per vector of counts (one per witness) at which the first witness's count is
        in `wanted`, the last place with those counts: just before the next
        non-whitespace character or the next element with words (the whitespace before
        stays behind)."""
        found: dict[tuple[int, ...], _Slot] = {}
        ordered = sorted(wanted)
        # the wanted counts below the first witness's count before the piece, and
        # before the next one: the counts only grow, so each is counted on from the
        # last (a bisection per piece cost as much as the rest of the loop)
        low = 0
        before = self.before
        for index, piece in enumerate(self.pieces):
            base = before[index]
            while low < len(ordered) and ordered[low] < base[0]:
                low += 1
            if isinstance(piece, str):
                high = low
                following = before[index + 1][0]
                while high < len(ordered) and ordered[high] < following:
                    high += 1
                if low == high:
                    continue
                offsets = [i for i, c in enumerate(piece) if not c.isspace()]
                for target in ordered[low:high]:
                    d = target - base[0]
                    found.setdefault(tuple(b + d for b in base), (index, offsets[d]))
            elif self.holds_words[index] and base[0] in wanted:
                found.setdefault(base, (index, 0))
        end = self.before[-1]
        if end[0] in wanted:
            found.setdefault(end, (len(self.pieces), 0))
        return found

    def content(self, start: _Slot, end: _Slot) -> Iterator[_Cut | etree._Element]:
        """The pieces between two places, texts cut where the places fall."""
        for index in range(start[0], min(end[0] + 1, len(self.pieces))):
            piece = self.pieces[index]
            if isinstance(piece, str):
                low = start[1] if index == start[0] else 0
                high = end[1] if index == end[0] else len(piece)
                if piece[low:high]:
                    yield index, low, piece[low:high]
            elif index < end[0] or (index == end[0] and end[1] > 0):
                yield piece

    def has_words(self, start: _Slot, end: _Slot) -> bool:
        for index in range(start[0], min(end[0] + 1, len(self.pieces))):
            piece = self.pieces[index]
            if isinstance(piece, str):
                low = start[1] if index == start[0] else 0
                high = end[1] if index == end[0] else len(piece)
                if piece[low:high].strip():
                    return True
            elif (index < end[0] or end[1] > 0) and self.holds_words[index]:
                return True
        return False


_APP, _READINGS = tei("app"), (tei("rdg"), tei("lem"))
#: the elements whose text only some witnesses read
_WITNESSED = frozenset((_APP, *_READINGS))


def _letters(element: etree._Element, ids: frozenset[str]) -> dict[str, int]:
    """Per witness (`xml:id`) among `ids`, the non-whitespace characters it reads inside
    `element` (not its tail), by the lossless rule: one walk for all the witnesses
    (`_Flat` counts an app of readings that hold text alone without it)."""
    counts: dict[str, int] = {}

    def add(text: str | None, who: frozenset[str]) -> None:
        letters = _count(text) if text else 0
        for xml_id in who if letters else ():
            counts[xml_id] = counts.get(xml_id, 0) + letters

    def walk(node: etree._Element, who: frozenset[str], in_app: bool) -> None:
        if node.tag == _APP:
            in_app = True
        elif node.tag in _READINGS:
            named = (r.removeprefix("#") for r in (node.get("wit") or "").split())
            who = who & frozenset(named)
            in_app = False
        if not who:
            return
        if not in_app:
            add(node.text, who)
        for child in node:
            if isinstance(child.tag, str):
                walk(child, who, in_app)
            if not in_app:
                add(child.tail, who)

    walk(element, ids, False)
    return counts


def _shared(flat: _Flat, spans: Sequence[list[_Span]], witnesses: Sequence[Witness]) -> list[_Node]:
    """The structure elements every witness has between the same two places."""
    if not all(spans):
        return []
    starts: list[dict[int, list[_Span]]] = []
    for own in spans:
        by_start: dict[int, list[_Span]] = {}
        for span in own:
            by_start.setdefault(span.start, []).append(span)
        starts.append(by_start)
    places = flat.places({s.start for s in spans[0]} | {s.end for s in spans[0]})
    edges = [{s.start for s in own} | {s.end for s in own} for own in spans]
    # places where every witness begins or ends something: where a paragraph, head or
    # line whose end some witness does not share ends instead (a paragraph break that
    # only some witnesses make stays inside, as their milestone)
    common = sorted(
        (slot, vector)
        for vector, slot in places.items()
        if all(count in own for count, own in zip(vector, edges, strict=True))
    )
    used: set[int] = set()  # each witness's element is written once (by id)
    nodes: list[_Node] = []
    for vector, slot in places.items():
        first = starts[0].get(vector[0], [])
        for rank, span in enumerate(first):
            # a "chapter" in one witness and a "book" in another are not one division:
            # each keeps its own, as milestones
            kind = (span.unit, span.milestone.type)
            same_unit = [s for s in first[:rank] if (s.unit, s.milestone.type) == kind]
            chosen = [span]
            for w in range(1, len(witnesses)):
                candidates = [
                    s for s in starts[w].get(vector[w], []) if (s.unit, s.milestone.type) == kind
                ]
                if len(candidates) <= len(same_unit):
                    break
                chosen.append(candidates[len(same_unit)])
            else:
                if any(id(s) in used for s in chosen):
                    continue
                end = places.get(tuple(s.end for s in chosen))
                if end is None and span.unit in _LEAVES:
                    end = _next_common(common, slot, vector)
                if end is None or end <= slot:
                    continue
                used.update(id(s) for s in chosen)
                numbers = {s.n for s in chosen}
                node = _Node(span.unit, numbers.pop() if len(numbers) == 1 else None, slot, end)
                node.members = [
                    (w.siglum, s.milestone) for w, s in zip(witnesses, chosen, strict=True)
                ]
                node.derived = all(s.derived for s in chosen)
                node.type = span.milestone.type
                nodes.append(node)
    return nodes


def _next_common(
    common: list[tuple[_Slot, tuple[int, ...]]], slot: _Slot, vector: tuple[int, ...]
) -> _Slot | None:
    """The first place after `slot` where every witness is at a boundary again and has
    read something since `vector` (a paragraph no witness would find empty)."""
    for later, counts in common[bisect.bisect_right(common, (slot, vector)) :]:
        if all(c > v for c, v in zip(counts, vector, strict=True)):
            return later
    return None


def _tree(nodes: list[_Node], end: _Slot) -> _Node:
    """The elements nested by their extent; one that crosses another, or would stand
    inside a paragraph, head or line, is left out."""
    root = _Node("body", None, (0, 0), end)
    stack = [root]
    for node in sorted(nodes, key=lambda n: (n.start, (-n.end[0], -n.end[1]), _RANK[n.unit])):
        while stack[-1] is not root and stack[-1].end <= node.start:
            stack.pop()
        parent = stack[-1]
        if node.end > parent.end or parent.unit in _LEAVES:
            continue
        parent.children.append(node)
        stack.append(node)
    return root


def _unwrap(parent: _Node, child: _Node) -> None:
    at = parent.children.index(child)
    parent.children[at : at + 1] = child.children


def _repair(node: _Node, flat: _Flat) -> bool:
    """Leave out (as milestones) the elements TEI would not accept where they stand;
    True if any was."""
    changed = False
    for child in list(node.children):
        changed |= _repair(child, flat)
    for child in list(node.children):
        in_lines = all(c.unit in ("l", "lg", "head") for c in child.children)
        if child.unit == "lg" and (_uncovered(child, flat) or not in_lines):
            _unwrap(node, child)  # a line group holds only lines (and heads)
            changed = True
    for index, child in enumerate(list(node.children)):
        before = node.children[:index]
        if child.unit == "head" and (
            any(c.unit != "head" for c in before) or _words_before(node, child, flat)
        ):
            _unwrap(node, child)  # a head stands first
            return True
    kinds = [c.unit for c in node.children]
    if "div" in kinds:
        after = node.children[kinds.index("div") :]
        if any(c.unit != "div" for c in after) or _uncovered(node, flat, after[0].start):
            for child in [c for c in node.children if c.unit == "div"]:
                _unwrap(node, child)  # after a division, only divisions
            changed = True
    return changed


def _words_before(node: _Node, child: _Node, flat: _Flat) -> bool:
    return flat.has_words(node.start, child.start)


def _uncovered(node: _Node, flat: _Flat, after: _Slot | None = None) -> bool:
    """Whether words of the node lie outside its children (from `after` on)."""
    position = node.start if after is None else after
    for child in node.children:
        if child.end <= position:
            continue
        if child.start > position and flat.has_words(position, child.start):
            return True
        position = max(position, child.end)
    return position < node.end and flat.has_words(position, node.end)


class _Builder:
    """Writes the tree of elements, moving the flat text's pieces into the blocks, and
    tells the breaks where the texts that hold them went (`tei_milestones.Breaks`)."""

    def __init__(self, flat: _Flat, breaks: Breaks) -> None:
        self.flat = flat
        self.breaks = breaks
        #: the text pieces that hold breaks
        self.wanted = breaks.wanted()
        self.last_block: etree._Element | None = None
        #: whitespace (and elements without words) waiting for the next block
        self.waiting: list[_Cut | etree._Element] = []
        self.blocks: list[etree._Element] = []
        self.paragraphs = 0

    def fill(self, block: etree._Element, pieces: Sequence[_Cut | etree._Element]) -> None:
        last: etree._Element | None = block[-1] if len(block) else None
        texts: list[str] = []  # set once per text node, not once per piece
        #: the cuts of texts that hold breaks, and where in `texts` joined each begins
        told: list[tuple[int, _Cut]] = []
        size = 0
        for piece in pieces:
            if isinstance(piece, tuple):
                if piece[0] in self.wanted:
                    told.append((size, piece))
                texts.append(piece[2])
                size += len(piece[2])
                continue
            if texts:
                self.flush(block, last, texts, told)
                texts, told, size = [], [], 0
            block.append(piece)
            last = piece
        if texts:
            self.flush(block, last, texts, told)

    def flush(
        self,
        block: etree._Element,
        last: etree._Element | None,
        texts: list[str],
        told: list[tuple[int, _Cut]],
    ) -> None:
        """The texts after the last element in the block (or as its text)."""
        node: tuple[etree._Element, str]
        if last is None:
            before = block.text or ""
            block.text = before + "".join(texts)
            node = (block, "text")
        else:
            before = last.tail or ""
            last.tail = before + "".join(texts)
            node = (last, "tail")
        for start, (index, low, text) in told:
            self.breaks.landed(index, low, low + len(text), node, len(before) + start)

    def block(
        self, parent: etree._Element, unit: str, n: str | None, numbered: bool = False
    ) -> etree._Element:
        element = etree.SubElement(parent, tei(unit))
        if numbered:  # a plain text's paragraphs are numbered, for references
            self.paragraphs += 1
            n = str(self.paragraphs)
        if n is not None:
            element.set("n", n)
        element.set(XML_SPACE, "preserve")
        self.fill(element, self.waiting)
        self.waiting = []
        self.last_block = element
        self.blocks.append(element)
        return element

    def between(self, parent: etree._Element, start: _Slot, end: _Slot) -> None:
        """What no element covers: an `<ab>` if it holds words, else (whitespace) the
        end of the block before it."""
        if start >= end:
            return
        pieces = list(self.flat.content(start, end))
        if self.flat.has_words(start, end):
            self.fill(self.block(parent, "ab", None), pieces)
        elif self.last_block is not None:
            self.fill(self.last_block, pieces)
        else:
            self.waiting += pieces

    def write(self, node: _Node, parent: etree._Element) -> None:
        if node.unit in _LEAVES:
            numbered = node.unit == "p" and node.n is None and node.derived
            element = self.block(parent, node.unit, node.n, numbered)
            if node.type is not None:
                element.set("type", node.type)
            self.fill(element, list(self.flat.content(node.start, node.end)))
            return
        element = etree.SubElement(parent, tei(node.unit)) if node.unit != "body" else parent
        if node.n is not None and node.unit != "body":
            element.set("n", node.n)
        if node.type is not None and node.unit != "body":
            element.set("type", node.type)
        position = node.start
        for child in node.children:
            self.between(element, position, child.start)
            self.write(child, element)
            position = child.end
        self.between(element, position, node.end)


def write_structure(
    ab: etree._Element, apparatus: Apparatus, ids: dict[str, str], *, place: bool = True
) -> tuple[list[etree._Element], dict[str, list[Milestone]]]:
    """Replace the flat `<ab>` by the witnesses' shared structure, with each witness's
    breaks and the structure not written as elements (a plain text's paragraph too) as
    its milestones (`tei_milestones.Breaks`); the text blocks written, in order, and
    per witness those milestones. Without `place`, the breaks are left out (for the
    tests' reference placement, `tests/breaks_by_walk.py`)."""
    body = ab.getparent()
    assert body is not None
    order = [ids[s] for s in apparatus.sigla]
    flat = _Flat(ab, order)
    end = (len(flat.pieces), 0)
    spans = [witness_spans(w) for w in apparatus.witnesses]
    root = _tree(_shared(flat, spans, apparatus.witnesses), end)
    while _repair(root, flat):
        pass
    written = {m for node in _walk(root) for m in node.members}
    own: dict[str, list[Milestone]] = {}
    for witness, own_spans in zip(apparatus.witnesses, spans, strict=True):
        structure = [s.milestone for s in own_spans if s.derived]
        own[witness.siglum] = [
            m for m in [*witness.milestones, *structure] if (witness.siglum, m) not in written
        ]
    placed = [(ids[siglum], milestones) for siglum, milestones in own.items() if place]
    breaks = Breaks(flat.pieces, flat.before, order, placed)
    builder = _Builder(flat, breaks)
    builder.write(root, body)
    body.remove(ab)  # emptied by now: removing a full one re-homes every node in it
    if not builder.blocks:  # no text at all: one empty block
        builder.block(body, "ab", None)
    if builder.waiting:
        builder.fill(builder.blocks[-1], builder.waiting)
    breaks.place(builder.blocks)
    return builder.blocks, own


def _walk(node: _Node) -> Iterator[_Node]:
    yield node
    for child in node.children:
        yield from _walk(child)
