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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # lxml loads only where TEI is read or written, not with the pipeline
    from lxml import etree

#: the plain-text sign of a lacuna, and what the TEI reader writes for one
MARKER = "[...]"
_TEI = "{http://www.tei-c.org/ns/1.0}"
#: TEI elements of a transcription that stand for text the witness lacks
LACUNA_ELEMENTS = frozenset(_TEI + n for n in ("gap", "lacunaStart", "space"))


@functools.lru_cache(maxsize=8)
def marker_words(marker: str = MARKER) -> tuple[str, ...]:
    """The marker's normal forms as collate's tokeniser splits it."""
    from .model import Witness
    from .tokenize import tokenize

    return tuple(token.normal for token in tokenize(Witness("marker", marker)).tokens)


def holds_marker(words: tuple[str, ...], marker: str = MARKER) -> bool:
    """Whether a reading (its words' normal forms) holds the marker, cut into words
    or kept as one token (a CollateX JSON lacuna token). The collation may align the
    marker's closing sign (or its opening one) into the next location (or the one
    before), so a reading that ends with all of it but its last word, or begins with
    all of it but its first, holds it too."""
    if not marker.strip():
        return False
    if marker in words:
        return True
    sign = marker_words(marker)
    if not sign:
        return False
    size = len(sign)
    if any(words[i : i + size] == sign for i in range(len(words) - size + 1)):
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


def write_reading(rdg: etree._Element, text: str) -> None:
    """A reading's text into its `<rdg>`: where it holds the marker, a `<gap
    reason="lacuna"/>` stands before the marker (which stays, so the witness's text
    reads back as it was)."""
    from lxml import etree

    at = text.find(MARKER)
    if at < 0:
        rdg.text = text
        return
    rdg.text = text[:at] or None
    gap = etree.SubElement(rdg, _TEI + "gap", reason="lacuna")
    gap.tail = text[at:]
