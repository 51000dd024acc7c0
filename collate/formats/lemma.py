"""The apparatus as a printed edition gives it: the base text, and for each place where
the witnesses differ its lemma (the base witness's words there), a `]`, and the readings.

    1 Whan] El Hg; Whanne Cx
    2 Aprill with his] El; Aprille with hys Cx; Aueryll wt his Hg
    7 veyne] Cx El; add. / Hg

Each entry begins with the number of the base text's line the lemma stands on, then
the lemma followed by the sigla that read it, then every other reading with its sigla,
separated by semicolons (a positive apparatus: every witness is named once). `om.`
marks a witness that omits the lemma; `lac.` one that has no text there because its
text is lost (inside a lacuna it marks, where the lacuna's sign alone stands for the
lemma, before a fragment begins or after it ends: `collate.absences`). The sign alone
is no addition: a witness whose only words beside the lemma are the sign reads the
lemma, and the entry of the words it lacks says `lac.`.

One entry per place, as in print: the apparatus may cut one place into several variant
locations (an addition ten words long that two witnesses write differently is as many
locations as runs of words they share), and the entry gives them together:
- words the base lacks, between two of its words, are an addition after the base's word
  before them: `veyne] Cx El; add. / Hg`. Every witness reads that word (it is text all
  witnesses share), so a witness is listed with the lemma if it adds nothing, else as
  `add.` and all the words it adds there, once. Before the base's first word it is
  `praem.` ("puts before") and the base's first word.
- where the base's word before the addition is itself part of a variant location (no
  shared word between), not every witness reads it: the entry is that location's, with
  the addition in it: `four five six] P; add. EXTRA R; om. Q` (R reads the lemma and adds
  EXTRA; Q lacks the lemma and adds nothing). At the text's beginning the same holds for
  an addition before a location holding the base's first word (`praem.`).
A long lemma is shortened to its first and last words (`The droghte ... roote`): the
reader has it in the base text. Readings are given in full, as the base text does not
hold them. Whitespace inside readings is shown as single spaces.

Two forms: plain text (`lemma`: a title, the sigla and what they stand for, the
entries), and Markdown (`markdown`, `.md`): the base text with a footnote at every
entry, after the base's last word in it, whose note is the entry, as Markdown renderers
draw footnotes (in HTML, numbered notes at the foot of the page). The base witness is
the one `--base` names, else the first (the one references count the lines of).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from ..absences import absences
from ..lacunae import only_signs
from ..model import Collation, Segment, SharedText, VariantLocation
from ..normalize import letter_form
from ..references import location_lines, reference_siglum

_LONG_LEMMA = 12
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*)(\d+)\.|^(\s*)([-+>])", re.MULTILINE)

#: how a reading stands to the lemma: the same words, none, words after it, before it,
#: none because the witness's text is lost there; any other reading replaces the lemma
#: and has no marker
LEMMA, OMITTED, ADDED, PREFIXED, REPLACED = "", "om.", "add.", "praem.", "replaced"
LACKING = "lac."


@dataclass(frozen=True)
class Reading:
    """One reading of an entry: how it stands to the lemma, its words, its witnesses."""

    kind: str
    #: the words added (`add.`, `praem.`) or read instead of the lemma; empty otherwise
    words: str
    sigla: tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One place of variation as a printed apparatus gives it."""

    number: int
    #: the base text's line the lemma stands on (1-based)
    line: int
    text: str
    #: the variant locations the entry gives, in the order of the text
    locations: tuple[int, ...] = ()
    #: the lemma in full: the base's words at the place, or the base's word next to
    #: the words it lacks (then `anchored`)
    lemma: str = ""
    #: the lemma is a word of shared text beside the entry's locations, not in them
    anchored: bool = False
    readings: tuple[Reading, ...] = ()
    #: the base text's line the lemma ends on, where it runs past `line`
    last_line: int = 0

    @property
    def lines(self) -> str:
        """The lines the entry cites: `8`, or `8-9` for a lemma running over a line end."""
        return f"{self.line}-{self.last_line}" if self.last_line > self.line else str(self.line)


@dataclass
class _Place:
    """Variant locations at one place of the base text: at most one where the base reads
    words (`core`), with the additions (locations where it reads none) directly before
    it (only at the text's start) and after it. Each part keeps the whitespace between
    its locations, so that a witness's words there come out as it writes them."""

    before: list[Segment] = field(default_factory=list)
    core: list[Segment] = field(default_factory=list)
    after: list[Segment] = field(default_factory=list)
    #: without a core: the base's word the additions stand next to (before or after it)
    anchor: str = ""

    @property
    def location(self) -> VariantLocation | None:
        """The location where the base reads words, if any."""
        last = self.core[-1] if self.core else None
        return last if isinstance(last, VariantLocation) else None

    @property
    def locations(self) -> list[VariantLocation]:
        segments = (*self.before, *self.core, *self.after)
        return [s for s in segments if isinstance(s, VariantLocation)]


def _words(text: str) -> list[str]:
    return text.split()


def _shorten(text: str, limit: int, keep: int) -> str:
    words = _words(text)
    if len(words) <= limit:
        return " ".join(words)
    return f"{' '.join(words[:keep])} ... {' '.join(words[-keep:])}"


def _text_of(segment: Segment, siglum: str) -> str:
    if isinstance(segment, SharedText):
        return segment.text_of(siglum)
    return segment.reading_of(siglum).text


def _text(segments: Sequence[Segment], siglum: str) -> str:
    """The witness's words in these segments, as single-spaced text."""
    return " ".join(_words("".join(_text_of(s, siglum) for s in segments)))


def _places(segments: Sequence[Segment], base: str) -> Iterator[_Place]:
    """The places of variation, in the order of the text (see the module docstring)."""
    first_word = next(
        (words[0] for s in segments if (words := _words(_text_of(s, base)))), "(text)"
    )
    place: _Place | None = None
    last_word = ""  # the base's last word so far
    between: list[Segment] = []  # whitespace since the last location
    adjacent = False  # nothing but whitespace since the last location
    for segment in segments:
        text = _text_of(segment, base)
        if isinstance(segment, SharedText):
            adjacent = adjacent and not text.strip()
            between.append(segment)
        else:
            joins = adjacent and place is not None
            if text.strip():  # the base reads words here
                if joins and place is not None and not place.core and not last_word:
                    place.core = [*between, segment]  # after additions before the first word
                else:
                    if place is not None:
                        yield place
                    place = _Place(core=[segment])
            else:
                if not joins or place is None:
                    if place is not None:
                        yield place
                    place = _Place(anchor=last_word or first_word)
                    between = []
                part = place.before if not place.core and not last_word else place.after
                part += [*between, segment]
            adjacent = True
            between = []
        words = _words(text)
        if words:
            last_word = words[-1]
    if place is not None:
        yield place


def _added(segments: Sequence[Segment], siglum: str, base: str) -> str:
    """The words a witness adds in these segments, or its whitespace where it adds only
    that (with `whitespace="variants"`), named so that it shows."""
    words = _text(segments, siglum)
    if words:
        return words
    # whitespace in the locations themselves: how the shared text between them is
    # spaced is no variant
    locations = [s for s in segments if isinstance(s, VariantLocation)]
    own = "".join(loc.reading_of(siglum).text for loc in locations)
    if own == "".join(loc.reading_of(base).text for loc in locations):
        return ""
    return "(line break)" if "\n" in own or "\r" in own else "(space)"


def _reading(place: _Place, siglum: str, base: str, lost: _Lost) -> tuple[str, str]:
    """How the witness's text at the place stands to the lemma: (kind, words), where
    the witness's text is lost (`lost`) told apart from what it omits."""
    kind, words = _words_read(place, siglum, base)
    gone = lost.numbers(siglum)
    if kind == LEMMA and place.locations and all(loc.number in gone for loc in place.locations):
        return LACKING, ""  # nothing added where its text is lost: it lacks the lemma's word
    if kind == LEMMA or (words and not lost.only_sign(words)):
        return kind, words
    if kind in (ADDED, PREFIXED):
        return LEMMA, ""  # the lacuna's sign beside the lemma adds no text
    if words or any(loc.number in gone for loc in place.locations):
        return LACKING, ""
    return kind, words


@dataclass(frozen=True)
class _Lost:
    """Where each witness lacks the text (`collate.absences`), and its lacunae's signs."""

    absent: dict[str, dict[int, str]]
    marker: str

    def numbers(self, siglum: str) -> dict[int, str]:
        return self.absent.get(siglum, {})

    def only_sign(self, words: str) -> bool:
        return only_signs(words, self.marker)


def _words_read(place: _Place, siglum: str, base: str) -> tuple[str, str]:
    """How the witness's text at the place stands to the lemma: (kind, words)."""
    before = _added(place.before, siglum, base)
    after = _added(place.after, siglum, base)
    core = place.location
    if core is None or core.reading_of(siglum) is core.reading_of(base):
        if before and after:
            return REPLACED, _text([*place.before, *place.core, *place.after], siglum)
        if before:
            return PREFIXED, before
        if after:
            return ADDED, after
        return LEMMA, ""
    words = _text([*place.before, *place.core, *place.after], siglum)
    return (REPLACED, words) if words else (OMITTED, "")


def _entry(place: _Place, sigla: Sequence[str], base: str, line: int, lost: _Lost) -> Entry:
    locations = place.locations
    # readings in the order of the apparatus's own (a location's readings group by
    # group), each with its sigla in siglum order
    rank = {siglum: number for number, siglum in enumerate(sigla)}
    # each location's reading numbers by siglum, read once (not a scan of every
    # reading's sigla for each witness: the witnesses' square)
    numbered = [{s: i for i, r in enumerate(loc.readings) for s in r.sigla} for loc in locations]
    order = {siglum: tuple(numbers[siglum] for numbers in numbered) for siglum in sigla}
    grouped: dict[tuple[str, str], list[str]] = {}
    for siglum in sorted(sigla, key=lambda s: order[s]):
        grouped.setdefault(_reading(place, siglum, base, lost), []).append(siglum)
    lemma_key = (LEMMA, "")
    lemma = _text(place.core, base) if place.core else place.anchor
    anchored = not place.core
    signed = bool(place.core) and lost.only_sign(lemma)
    if signed or base not in grouped.get(lemma_key, ()):
        worded = _lemma_for_a_lost_base(grouped, base, LACKING if signed else OMITTED)
        lemma, anchored = (worded, False) if worded is not None else (lemma, anchored)
    readings = [Reading(LEMMA, "", tuple(sorted(grouped.pop(lemma_key), key=rank.__getitem__)))]
    readings += [
        Reading(kind, words, tuple(sorted(names, key=rank.__getitem__)))
        for (kind, words), names in grouped.items()
    ]
    return Entry(
        number=locations[0].number,
        line=line,
        text="",
        locations=tuple(loc.number for loc in locations),
        lemma=lemma,
        anchored=anchored,
        readings=tuple(readings),
    )


def _lemma_for_a_lost_base(
    grouped: dict[tuple[str, str], list[str]], base: str, rest: str
) -> str | None:
    """Where the base has no text (only a lacuna's sign, or it is lost beside words the
    others have), it gives no lemma: the reading of the most witnesses that read words
    there does (the first of equals in the apparatus's order), and the base is `lac.`;
    the others that read as the base are `rest` (`lac.` beside a sign, `om.` where
    they have no words). Where none reads words, every witness reads as the base: no
    variation to print (None)."""
    worded = [(k, names) for k, names in grouped.items() if k[1] and k[0] != LACKING]
    if not worded:
        everyone = [s for names in grouped.values() for s in names]
        grouped.clear()
        grouped[(LEMMA, "")] = everyone
        return None
    key, names = max(worded, key=lambda item: len(item[1]))
    # beside a base with no text, words added are words read instead of the lemma
    kept: dict[tuple[str, str], list[str]] = {}
    for (kind, words), sigla in grouped.items():
        if (kind, words) != key:
            kind = REPLACED if kind in (ADDED, PREFIXED) else kind
            kept.setdefault((kind, words), []).extend(sigla)
    alike = [s for s in kept.pop((LEMMA, ""), []) if s != base]
    lacking = [s for s in kept.pop((LACKING, ""), []) if s != base]
    grouped.clear()
    grouped[(LEMMA, "")] = names
    grouped.update(kept)
    if alike:
        grouped.setdefault((rest, ""), []).extend(alike)
    grouped.setdefault((LACKING, ""), []).extend([*lacking, base])
    return key[1]


def _letter_notes(entry: Entry) -> dict[str, str]:
    """Per text of the entry (its lemma and the words read instead) that prints as
    another of them does, its letters only written otherwise (composed, decomposed or
    mixed: Unicode NFC against NFD): a note, without which the entry would read
    `café] A; café B`."""
    texts = [entry.lemma, *(r.words for r in entry.readings if r.kind == REPLACED)]
    looks: dict[str, set[str]] = {}
    for text in texts:
        looks.setdefault(unicodedata.normalize("NFC", text), set()).add(text)
    return {
        text: f" ({letter_form(text)})"
        for alike in looks.values()
        if len(alike) > 1
        for text in alike
    }


def entry_text(entry: Entry, escape: Callable[[str], str] = str) -> str:
    """`lemma] sigla; reading sigla; ...`, `escape` applied to the texts."""
    parts = []
    notes = _letter_notes(entry)
    for reading in entry.readings:
        sigla = escape(" ".join(reading.sigla))
        if reading.kind == LEMMA:
            parts.append(sigla)
        elif reading.kind == REPLACED:
            parts.append(f"{escape(reading.words)}{notes.get(reading.words, '')} {sigla}")
        elif reading.kind in (OMITTED, LACKING):
            parts.append(f"{reading.kind} {sigla}")
        else:
            parts.append(f"{reading.kind} {escape(reading.words)} {sigla}")
    head = _shorten(entry.lemma, _LONG_LEMMA, 2)
    return f"{escape(head)}{notes.get(entry.lemma, '')}] {'; '.join(parts)}"


def base_of(collation: Collation) -> str:
    """The base witness: the one the edition names, else the first (as references)."""
    return reference_siglum(collation.apparatus, collation.edition)


def entries(collation: Collation, escape: Callable[[str], str] = str) -> Iterator[Entry]:
    """The entries of the apparatus, in the order of the text."""
    base = base_of(collation)
    apparatus = collation.apparatus
    segments = apparatus.segments
    lines = location_lines(apparatus, base)
    marker = collation.edition.lacuna_marker
    lost = _Lost(absences(apparatus, marker), marker)
    index = {id(s): i for i, s in enumerate(segments) if isinstance(s, VariantLocation)}
    placed: list[tuple[Entry, int, int]] = []  # each entry with its span of segments
    for place in _places(segments, base):
        # the line of the lemma: of the core's first word, or of the base's word the
        # additions stand after (`location_lines` cites an addition by it)
        cited = place.location or place.locations[0]
        entry = _entry(place, apparatus.sigla, base, lines[cited.number], lost)
        if len(entry.readings) == 1:
            continue  # a lacuna's sign beside the lemma was all: every witness reads it
        placed.append((entry, index[id(place.locations[0])], index[id(place.locations[-1])]))
    for entry, first, last in _lacunae_whole(placed, segments, base):
        if not entry.anchored:
            own = "".join(_text_of(s, base) for s in segments[first : last + 1])
            own = own.replace("\r\n", "\n").replace("\r", "\n").strip()
            entry = replace(entry, last_line=entry.line + own.count("\n"))
        yield replace(entry, text=entry_text(entry, escape))


def _lacunae_whole(
    placed: Sequence[tuple[Entry, int, int]], segments: Sequence[Segment], base: str
) -> Iterator[tuple[Entry, int, int]]:
    """The entries with each lost passage given once where nothing else varies in it:
    neighbouring entries whose only variation is that the same witnesses lack the text
    become one, over their lines (`8-9 O lady ... sea;] A B C D; lac. E`). Where the
    other witnesses vary inside the passage, each piece keeps its entry, so that every
    location stays in one entry, in the order of the text."""
    start = 0
    while start < len(placed):
        stop = start + 1
        if _only_lacking(placed[start][0]):
            lacking = _lacking(placed[start][0])
            while (
                stop < len(placed)
                and _only_lacking(placed[stop][0])
                and _lacking(placed[stop][0]) == lacking
            ):
                stop += 1
        run = placed[start:stop]
        first, last = run[0][1], run[-1][2]
        if len(run) == 1:
            yield run[0]
        else:
            yield (
                replace(
                    run[0][0],
                    lemma=_text(segments[first : last + 1], base),
                    locations=tuple(n for item in run for n in item[0].locations),
                ),
                first,
                last,
            )
        start = stop


def _lacking(entry: Entry) -> tuple[str, ...]:
    """The sigla whose text is lost at the entry."""
    return next((r.sigla for r in entry.readings if r.kind == LACKING), ())


def _only_lacking(entry: Entry) -> bool:
    """The loss of a witness's text is the entry's only variation."""
    return not entry.anchored and len(entry.readings) == 2 and entry.readings[1].kind == LACKING


def _sigla_key(collation: Collation) -> list[str]:
    """The conspectus siglorum: each siglum, what it stands for, and its date if known."""
    return [
        f"{w.siglum} = {w.description or w.source or w.siglum}" + (f" ({w.date})" if w.date else "")
        for w in collation.witnesses
    ]


#: said where the witnesses agree throughout, so that an empty apparatus is not taken
#: for a failed one
NO_VARIANTS = "No variants: the witnesses read alike throughout."


def chunks(collation: Collation) -> Iterator[str]:
    """Plain text: the title, the sigla, the entries."""
    base = base_of(collation)
    title = collation.edition.title or f"Collation of {len(collation.witnesses)} witnesses"
    yield f"{title}\n\nBase text: {base}\n"
    for line in _sigla_key(collation):
        yield f"{line}\n"
    yield "\n"
    given = False
    for entry in entries(collation):
        given = True
        yield f"{entry.lines} {entry.text}\n"
    if not given:
        yield f"{NO_VARIANTS}\n"


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
    """Markdown: the base text with a footnote at each entry, then the notes."""
    base = base_of(collation)
    title = collation.edition.title or f"Collation of {len(collation.witnesses)} witnesses"
    yield f"# {markdown_escape(title)}\n\n"
    # one siglum to a line: a description's own semicolons must not read as separators
    yield f"Base text: {markdown_escape(base)}. Sigla:\n\n"
    yield "".join(f"- {markdown_escape(line)}\n" for line in _sigla_key(collation)) + "\n"
    notes: list[str] = []
    text: list[str] = []
    # an entry's note stands after its last location: after the base's last word there
    ending = {e.locations[-1]: e for e in entries(collation, _inline_escape)}
    for segment in collation.apparatus.segments:
        if isinstance(segment, SharedText):
            text.append(segment.text_of(base))
            continue
        text.append(segment.reading_of(base).text)
        entry = ending.get(segment.number)
        if entry is None:
            continue
        _mark(text, f"\0{entry.number}\0")
        notes.append(f"[^{entry.number}]: {entry.lines} {entry.text}\n")
    # the base's own line ends as Markdown's: a CR before each would break the hard
    # breaks and mix two kinds of line end in one file
    body = markdown_escape("".join(text).replace("\r\n", "\n").replace("\r", "\n"))
    yield re.sub("\0(\\d+)\0", r"[^\1]", body).rstrip() + "\n\n"
    yield from notes or [f"{NO_VARIANTS}\n"]


def _mark(text: list[str], marker: str) -> None:
    """The marker after the last word of the text so far (at its start if none)."""
    for index in range(len(text) - 1, -1, -1):
        word_end = len(text[index].rstrip())
        if word_end:
            text[index] = text[index][:word_end] + marker + text[index][word_end:]
            return
    text.insert(0, marker)
