"""A witness's structure and breaks read back from a TEI apparatus, so that collating
an apparatus again writes them again.

Read in the witness's reading order (the lossless rule, `collate.readers.apparatus`):
the divisions, heads, paragraphs, line groups and verse lines of the body (elements,
which every witness shares: they begin and end where the witness's text is then),
its own `<milestone unit="div|head|p|lg|l" ed="#w"/>`, and the `<pb>`, `<cb>` and
`<lb>` that name it in `@ed` (or name no one: then they are every witness's). Each is
placed by the number of non-whitespace characters of the witness's text before it, as
a TEI transcription's are (`collate.model.Milestone`). A structure milestone records
only where it begins: it ends where the witness's next one of the same or of a
rank begins (a line at the next line, paragraph, line group, head or division; a
paragraph at the next paragraph, head, line group or division), or where the element
that holds it ends.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Milestone
from ..records import replace
from ..xmltools import tei
from .apparatus import (
    ANNOTATIONS,
    TEXT_BLOCKS,
    location_readings,
    milestone_witnesses,
    names_witness,
    witness_refs,
)

_STRUCTURE = {tei(n): n for n in ("div", "head", "p", "lg", "l")}
#: what each unit can hold: a milestone of a unit ends where one begins that it cannot
_HOLDS = {
    "div": frozenset(("head", "p", "lg", "l")),
    "lg": frozenset(("head", "l")),
    "head": frozenset(),
    "p": frozenset(),
    "l": frozenset(),
}
#: the order of what stands at one place: breaks, then the structure from the outside in
_ORDER = {"pb": 0, "cb": 1, "div": 2, "lg": 3, "head": 4, "p": 4, "l": 5, "lb": 6}
_BREAKS = {tei(n): n for n in ("pb", "cb", "lb")}
_APP, _READINGS, _MILESTONE = tei("app"), (tei("rdg"), tei("lem")), tei("milestone")


#: a blank line: where a plain text begins a new paragraph
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")


#: the ASCII characters `str.isspace` (and `str.split`, and the pattern `\s`) calls space
_ASCII_SPACES = "".join(c for c in map(chr, range(128)) if c.isspace())


def _letters(text: str) -> int:
    """The characters that are not whitespace: in ASCII text counted by a scan in C per
    kind of space, not by splitting a whole paragraph into words."""
    if text.isascii():
        return len(text) - sum(map(text.count, _ASCII_SPACES))
    return len("".join(text.split()))


def plain_paragraphs(text: str) -> list[tuple[int, int]]:
    """A plain text's paragraphs (parted by blank lines), each as the positions of its
    first character that is not whitespace and of the first after it; none for a text
    of one paragraph."""
    starts = [0]
    count = 0
    last = 0
    # where the text's last character that is not whitespace ends: a paragraph starts
    # only before it (asked once, not by stripping the rest of the text at every break)
    written = len(text.rstrip())
    for match in _BLANK_LINE.finditer(text):
        count += _letters(text[last : match.end()])
        last = match.end()
        if last < written and count > starts[-1]:
            starts.append(count)
    if len(starts) < 2:
        return []
    ends = [*starts[1:], count + _letters(text[last:])]
    return list(zip(starts, ends, strict=True))


def implied_by_text(milestones: tuple[Milestone, ...], text: str) -> bool:
    """Whether the milestones are just the paragraphs the text's blank lines make (a
    plain text's, read back): then the witness needs none, as when it was first read."""
    paragraphs = [(m.position, m.end) for m in milestones if m.unit == "p" and m.n is None]
    return len(paragraphs) == len(milestones) and paragraphs == plain_paragraphs(text)


class _Reader:
    def __init__(self, refs: frozenset[str]) -> None:
        self.refs = refs
        self.count = 0
        self.found: list[Milestone] = []
        #: per milestone (index in found): the structure elements open around it
        self.enclosing: dict[int, list[int]] = {}
        self.open: list[int] = []

    def text(self, text: str | None) -> None:
        if text:
            self.count += len(text) - sum(1 for c in text if c.isspace())

    def visit(self, element: etree._Element, inside_app: bool, lemma: bool, in_text: bool) -> None:
        tag = element.tag
        opened: int | None = None
        if tag == _APP:
            inside_app = True
            lemma = not any(names_witness(r, self.refs) for r in location_readings(element))
        elif tag in _READINGS:
            unattributed = tag == tei("lem") and element.get("wit") is None
            if not (lemma if unattributed else names_witness(element, self.refs)):
                return
            inside_app = False
        elif not inside_app:
            opened = self.marker(element, in_text)
        in_text = in_text or tag in TEXT_BLOCKS
        if opened is not None:
            self.open.append(opened)
        if not inside_app and in_text:
            self.text(element.text)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in ANNOTATIONS:
                self.visit(child, inside_app, lemma, in_text)
            if not inside_app and in_text:
                self.text(child.tail)
        if opened is not None:
            self.open.pop()
            self.found[opened] = replace(self.found[opened], end=self.count)

    def marker(self, element: etree._Element, in_text: bool) -> int | None:
        """Record a structure element, break or milestone of the witness; the index of
        a structure element (whose end is known when it closes)."""
        tag = element.tag
        index = len(self.found)
        if tag in _STRUCTURE and not in_text:
            self.found.append(
                Milestone(self.count, _STRUCTURE[tag], element.get("n"), type=element.get("type"))
            )
            return index
        # a lacuna's own milestone (`collate.lacunae`: what the transcription said of it)
        kept = (*_HOLDS, "lacuna")
        if tag in _BREAKS or (tag == _MILESTONE and element.get("unit") in kept):
            named = milestone_witnesses(element)
            if (named and self.refs.isdisjoint(named)) or (not named and tag == _MILESTONE):
                return None
            unit = _BREAKS.get(tag) or str(element.get("unit"))
            self.enclosing[index] = list(self.open)
            kind = element.get("type") if unit in _HOLDS else None
            self.found.append(Milestone(self.count, unit, element.get("n"), type=kind))
        return None

    def milestones(self) -> list[Milestone]:
        """Each structure milestone given its end (see the module's docstring)."""
        result: list[Milestone] = []
        for index, found in enumerate(self.found):
            if found.unit not in _HOLDS or found.end is not None:
                result.append(found)
                continue
            holders = [
                self.found[i]
                for i in self.enclosing[index]
                if found.unit in _HOLDS[self.found[i].unit]
            ]
            end = holders[-1].end if holders else self.count
            for later in self.found[index + 1 :]:
                if later.position > found.position and (
                    later.unit == found.unit or later.unit not in _HOLDS[found.unit]
                ):
                    if later.unit in _HOLDS:
                        end = min(end or self.count, later.position)
                        break
            result.append(replace(found, end=end))
        return sorted(result, key=lambda m: (m.position, _ORDER.get(m.unit, 7)))


def witness_milestones(body: etree._Element, witness: etree._Element) -> tuple[Milestone, ...]:
    """The witness's structure and breaks in the apparatus body, in document order."""
    reader = _Reader(witness_refs(witness))
    for child in body:
        if isinstance(child.tag, str):
            reader.visit(child, False, False, False)
    return tuple(reader.milestones())
