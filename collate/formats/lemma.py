"""The apparatus as a printed edition gives it: the base text, and for each variant
location its lemma (the base witness's reading), a `]`, and the readings.

    1 Whan] El Hg; Whanne Cx
    2 Aprill with his] El; Aprille with hys Cx; Aueryll wt his Hg
    7 veyne] add. / Hg

Each entry begins with the number of the base text's line the lemma stands on, then
the lemma followed by the sigla that read it, then every other reading with its sigla,
separated by semicolons (a positive apparatus: every witness is named). `om.` marks a
witness that lacks the lemma; where the base witness has nothing and others add words,
the lemma is the base's word before them and the reading is `add.` ("adds after") and
the words added, whatever they are (Hg's virgule: `veyne] Cx El; add. / Hg`); before
the base's first word, the lemma is that word and the reading `praem.` ("puts before")
and the words.
A long lemma is shortened to its first and last words (`The droghte ... roote`); a
reading of more than 40 words to its first and last ten, with its length. Whitespace
inside readings is shown as single spaces.

Two forms: plain text (`lemma`: a title, the sigla and what they stand for, the
entries), and Markdown (`markdown`, `.md`): the base text with a footnote at every
variant location, whose note is its entry, as Markdown renderers draw footnotes (in
HTML, numbered notes at the foot of the page). The base witness is the one `--base`
names, else the first (the one references count the lines of).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Collation, SharedText, VariantLocation
from ..references import location_lines, reference_siglum

_LONG_LEMMA = 12
_LONG_READING = 40
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*)(\d+)\.|^(\s*)([-+>])", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One variant location as a printed apparatus gives it."""

    number: int
    #: the base text's line the lemma stands on (1-based)
    line: int
    text: str


def _words(text: str) -> list[str]:
    return text.split()


def _shorten(text: str, limit: int, keep: int) -> str:
    words = _words(text)
    if len(words) <= limit:
        return " ".join(words)
    return f"{' '.join(words[:keep])} ... {' '.join(words[-keep:])}"


def _reading(text: str) -> str:
    words = _words(text)
    if len(words) <= _LONG_READING:
        return " ".join(words)
    return f"{_shorten(text, _LONG_READING, 10)} ({len(words)} words)"


def entry_text(
    location: VariantLocation,
    base: str,
    before: str,
    escape: Callable[[str], str] = str,
    after: str = "",
) -> str:
    """`lemma] sigla; reading sigla; ...` for one location; `before` is the base text
    up to it (for the word an addition follows), `after` the base's next word (for an
    addition before the base's first word); `escape` is applied to the texts."""
    lemma = location.reading_of(base)
    others = [r for r in location.readings if r is not lemma]

    def sigla(names: tuple[str, ...]) -> str:
        return escape(" ".join(names))

    parts = [sigla(lemma.sigla)]
    if lemma.text.strip():
        head = _shorten(lemma.text, _LONG_LEMMA, 2)
        for reading in others:
            shown = escape(_reading(reading.text)) if reading.text.strip() else "om."
            parts.append(f"{shown} {sigla(reading.sigla)}")
    else:
        previous = _words(before)
        # post: "veyne] add. / Hg"; at the very beginning, ante: "He] praem. Army ..."
        head = previous[-1] if previous else after or "(text)"
        marker = "add." if previous or not after else "praem."
        for reading in others:
            added = _reading(reading.text) or _spelled_whitespace(reading.text)
            parts.append(f"{marker} {escape(added)} {sigla(reading.sigla)}")
    return f"{escape(head)}] {'; '.join(parts)}"


def _spelled_whitespace(text: str) -> str:
    """Added whitespace alone (with `whitespace="variants"`), named so that it shows."""
    return "(line break)" if "\n" in text or "\r" in text else "(space)"


def base_of(collation: Collation) -> str:
    """The base witness: the one the edition names, else the first (as references)."""
    return reference_siglum(collation.apparatus, collation.edition)


def entries(collation: Collation, escape: Callable[[str], str] = str) -> Iterator[Entry]:
    """The entries of the apparatus, in the order of the text."""
    base = base_of(collation)
    lines = location_lines(collation.apparatus, base)
    before: list[str] = []  # the base text so far: its last pieces, for the word before
    segments = collation.apparatus.segments
    first_word = ""  # the base's first word, for additions before it
    for segment in segments:
        words = _words(
            segment.text_of(base)
            if isinstance(segment, SharedText)
            else segment.reading_of(base).text
        )
        if words:
            first_word = words[0]
            break
    for segment in segments:
        if isinstance(segment, SharedText):
            text = segment.text_of(base)
        else:
            entry = entry_text(segment, base, "".join(before), escape, first_word)
            yield Entry(segment.number, lines[segment.number], entry)
            text = segment.reading_of(base).text
        before = [*before[-50:], text]


def _sigla_key(collation: Collation) -> list[str]:
    return [f"{w.siglum} = {w.description or w.source or w.siglum}" for w in collation.witnesses]


def chunks(collation: Collation) -> Iterator[str]:
    """Plain text: the title, the sigla, the entries."""
    base = base_of(collation)
    title = collation.edition.title or f"Collation of {len(collation.witnesses)} witnesses"
    yield f"{title}\n\nBase text: {base}\n"
    for line in _sigla_key(collation):
        yield f"{line}\n"
    yield "\n"
    for entry in entries(collation):
        yield f"{entry.line} {entry.text}\n"


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as it is, line breaks kept as hard breaks."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)
    return re.sub(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)", "  \n", text)


def _inline_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_chunks(collation: Collation) -> Iterator[str]:
    """Markdown: the base text with a footnote at each location, then the notes."""
    base = base_of(collation)
    title = collation.edition.title or f"Collation of {len(collation.witnesses)} witnesses"
    yield f"# {markdown_escape(title)}\n\n"
    yield f"Base text: {markdown_escape(base)}. Sigla: "
    yield "; ".join(markdown_escape(line) for line in _sigla_key(collation)) + ".\n\n"
    notes: list[str] = []
    text: list[str] = []
    found = {e.number: e for e in entries(collation, _inline_escape)}
    for segment in collation.apparatus.segments:
        if isinstance(segment, SharedText):
            text.append(segment.text_of(base))
            continue
        entry = found[segment.number]
        marker = f"\0{entry.number}\0"
        reading = segment.reading_of(base).text
        if reading or not text:
            text.append(reading + marker)
        else:  # an addition: the note stands at the word before it
            last = text[-1].rstrip()
            text[-1] = last + marker + text[-1][len(last) :]
        notes.append(f"[^{entry.number}]: {entry.line} {entry.text}\n")
    body = markdown_escape("".join(text))
    yield re.sub("\0(\\d+)\0", r"[^\1]", body).rstrip() + "\n\n"
    yield from notes
