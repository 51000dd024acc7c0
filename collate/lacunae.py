"""Lacunae: where a witness's text is missing (a torn leaf, an illegible passage, a
space the scribe left), as distinct from what it omits.

A lacuna travels through collate as one sign in the witness's reading text, the
marker (by default `[...]`, best on a line of its own in plain text; another marker
may be given to the stemma): the TEI reader writes it where a transcription has
`<gap/>`, `<lacunaStart/>`, `<space/>` or an empty `<damage/>`, a CollateX JSON token
with `"lacuna": true` takes it as its normal form, and the collation aligns it like
any reading. The TEI apparatus marks a reading that holds it with `<gap
reason="lacuna"/>` before the marker's own text, so `collate extract` still gives the
witness back as read; the stemma (`collate.stemma.fragments`) counts what a witness
lacks there as missing, never as an omission or a shared innovation.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .records import frozen

if TYPE_CHECKING:  # lxml loads only where TEI is read or written, not with the pipeline
    from lxml import etree

    from .model import Apparatus, LocationType, ReadingGroup

#: the plain-text sign of a lacuna, and what the TEI reader writes for one
MARKER = "[...]"
_TEI = "{http://www.tei-c.org/ns/1.0}"
#: TEI elements of a transcription that stand for text the witness lacks
LACUNA_ELEMENTS = frozenset(_TEI + n for n in ("gap", "lacunaStart", "space"))
LACUNA_START, LACUNA_END = _TEI + "lacunaStart", _TEI + "lacunaEnd"
#: the unit of the milestone that records, per witness, a transcribed lacuna's extent
MILESTONE_UNIT = "lacuna"


@functools.lru_cache(maxsize=8)
def marker_words(marker: str = MARKER) -> tuple[str, ...]:
    """The marker's normal forms as collate's tokeniser splits it."""
    from .model import Witness
    from .tokenize import tokenize

    return tuple(token.normal for token in tokenize(Witness("marker", marker)).tokens)


@functools.lru_cache(maxsize=8)  # asked for each reading a report or figure looks at
def markers(marker: str = MARKER) -> tuple[str, ...]:
    """The signs of a lacuna in a reading text: the witnesses' own `marker`, and
    `MARKER`, which the TEI and CollateX JSON readers write whatever the plain texts use."""
    return tuple(dict.fromkeys(m for m in (marker, MARKER) if m.strip()))


def holds_marker(words: tuple[str, ...], marker: str = MARKER) -> bool:
    """Whether a reading (its words' normal forms) holds a lacuna's sign (`markers`)."""
    signs = _sign_words.get(marker)
    if signs is None:
        signs = _sign_words[marker] = frozenset(
            word for sign in markers(marker) for word in (sign, *marker_words(sign))
        )
    # a reading that holds a sign has the sign, or one of its words, among its words
    # (`_holds`): most readings have none, told in C
    if signs.isdisjoint(words):
        return False
    return any(_holds(words, sign) for sign in markers(marker))


#: per marker: the signs of `markers` and their words (`holds_marker`)
_sign_words: dict[str, frozenset[str]] = {}


def _holds(words: tuple[str, ...], marker: str) -> bool:
    """Whether the words hold the marker, cut into words or kept as one token (a
    CollateX JSON lacuna token). The collation may align the marker's closing sign (or
    its opening one) into the next location (or the one before), so a reading that
    ends with all of it but its last word, or begins with all of it but its first,
    holds it too."""
    if marker in words:
        return True
    sign = marker_words(marker)
    if not sign:
        return False
    size = len(sign)
    # a window is compared only where the sign's first word stands, counted and found
    # in C: a long reading has thousands of windows and seldom any of the sign's words
    # (and `index` is never asked for a word that is not there: its exception would
    # cost more than the search, in most readings)
    first, at = sign[0], -1
    for _ in range(words.count(first)):
        at = words.index(first, at + 1)
        if words[at : at + size] == sign:
            return True
    if size < 3:
        return False
    return words[-(size - 1) :] == sign[:-1] or words[: size - 1] == sign[1:]


def is_transcribed_lacuna(element: etree._Element) -> bool:
    """Whether a transcription's element stands for missing text: a gap, the start of a
    lacuna, a space left blank, or damage with nothing legible in it."""
    if element.tag in LACUNA_ELEMENTS:
        return True
    return element.tag == _TEI + "damage" and not "".join(element.itertext()).strip()


@frozen
class TranscribedLacuna:
    """A lacuna of a TEI transcription where the reader meets it: its element, and what
    the transcription says of it (its extent, or the text a `<lacunaStart/>` ...
    `<lacunaEnd/>` span holds), which the apparatus keeps as the witness's milestone."""

    element: etree._Element
    label: str | None

    def __init__(self, element: etree._Element, label: str | None) -> None:
        self.__dict__.update(element=element, label=label)


def extent(element: etree._Element) -> str | None:
    """How much a transcription says is missing: `@extent` ("3 lines"), or `@quantity`
    with `@unit` ("12 chars"), or `@atLeast`/`@atMost`."""
    found = element.get("extent")
    if found:
        return " ".join(found.split())
    quantity, unit = element.get("quantity"), element.get("unit") or ""
    if quantity:
        return f"{quantity} {unit}".strip()
    least, most = element.get("atLeast"), element.get("atMost")
    if least or most:
        span = f"{least or '?'}-{most or '?'}" if least != most else str(least)
        return f"{span} {unit}".strip()
    return None


def close_spans(pieces: list[Any]) -> list[Any]:
    """A transcription's reading pieces with each `<lacunaStart/>` ... `<lacunaEnd/>`
    span made one lacuna: the witness lacks everything between the two (whatever the
    transcriber wrote there, a supplement or a description, is no reading of it), so
    the text between is dropped from its reading text and kept as the lacuna's label.
    A `<lacunaStart/>` with no `<lacunaEnd/>` after it is a lacuna at that point only,
    and the text after it stays."""
    result: list[Any] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        result.append(piece)
        if not (isinstance(piece, TranscribedLacuna) and piece.element.tag == LACUNA_START):
            continue
        end = next(
            (k for k in range(index, len(pieces)) if _tag(pieces[k]) in (LACUNA_START, LACUNA_END)),
            None,
        )
        if end is None or _tag(pieces[end]) != LACUNA_END:
            continue
        # the reader puts the marker just after the start (and a line break, between blocks)
        taken = 2 if index + 1 < end and pieces[index + 1] == ("\n", True) else 1
        result += pieces[index : index + taken]
        index += taken
        held = [p for p in pieces[index:end] if isinstance(p, tuple)]
        result += [p for p in pieces[index:end] if not isinstance(p, tuple)]
        text = " ".join("".join(t for t, _ in held).split())
        if text:
            result[result.index(piece)] = TranscribedLacuna(
                piece.element, f"{piece.label}: {text}" if piece.label else text
            )
        index = end
    return result


def _tag(piece: Any) -> Any:
    if isinstance(piece, TranscribedLacuna):
        return piece.element.tag
    return getattr(piece, "tag", None)


def marked(text: str, marker: str = MARKER) -> Iterator[tuple[str, bool]]:
    """The text in pieces, each with whether it is a lacuna's sign (`markers`)."""
    signs = markers(marker)
    start = 0
    while True:
        found = [(at, -len(sign), sign) for sign in signs if (at := text.find(sign, start)) >= 0]
        if not found:
            break
        at, _, sign = min(found)
        if at > start:
            yield text[start:at], False
        yield sign, True
        start = at + len(sign)
    if start < len(text):
        yield text[start:], False


def only_signs(text: str, marker: str = MARKER) -> bool:
    """Whether the text is a lacuna's sign (`markers`), or several, and whitespace: a
    reading that stands for lost text and is none of its own."""
    signs = markers(marker)
    if not any(sign in text for sign in signs):  # most readings: no sign, no pieces to make
        return False
    pieces = list(marked(text, marker))
    return all(sign or not p.strip() for p, sign in pieces)


def write_reading(rdg: etree._Element, text: str, marker: str = MARKER) -> None:
    """A reading's text into its `<rdg>`: where it holds the marker, a `<gap
    reason="lacuna"/>` stands before the marker (which stays, so the witness's text
    reads back as it was)."""
    from lxml import etree

    last: etree._Element | None = None
    for piece, is_marker in marked(text, marker):
        if is_marker:
            last = etree.SubElement(rdg, _TEI + "gap", reason="lacuna")
        if last is None:
            rdg.text = (rdg.text or "") + piece
        else:
            last.tail = (last.tail or "") + piece


def type_lacunae(apparatus: Apparatus, marker: str = MARKER) -> Apparatus:
    """The apparatus with each variant location where some witness reads only a
    lacuna's sign typed by what the others read (`lacuna_type`)."""
    from .model import VariantLocation

    signs = markers(marker)
    segments = list(apparatus.segments)
    changed = False
    for index, segment in enumerate(segments):
        if not isinstance(segment, VariantLocation) or segment.type == "transposition":
            continue
        if not any(sign in reading.text for reading in segment.readings for sign in signs):
            continue  # most locations: no sign in any reading
        kind = lacuna_type(segment.groups, marker)
        if kind is not None and kind != segment.type:
            segments[index] = VariantLocation(
                segment.number, segment.columns, segment.groups, kind, segment.transposed_with
            )
            changed = True
    # (each location with the readings it had: `Apparatus.retyped`)
    return apparatus.retyped(tuple(segments)) if changed else apparatus


def lacuna_type(groups: Sequence[ReadingGroup], marker: str = MARKER) -> LocationType | None:
    """The type of a location some of whose witnesses read only a lacuna's sign, or
    None where none does. Those witnesses lost their text there and read nothing
    against the others: where the others agree (or read nothing) the place is
    "lacuna", no variant; where they differ, even in case, spelling or encoding alone,
    their difference types it. Typed as any other location, the sign would count as a
    reading: "substantive" against words, "punctuation" against nothing (the sign's
    own characters)."""
    from .apparatus import location_type

    kept = [
        group
        for group in groups
        if not all(only_signs(reading.text, marker) for reading in group.readings)
    ]
    if len(kept) == len(groups):
        return None
    if len(kept) > 1:
        return location_type(kept)
    return (kept[0].type if kept else None) or "lacuna"
