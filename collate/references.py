"""Citable references for variant locations: where each stands in a reference witness.

A location is cited by the line of the reference witness (the base witness, else the
first in siglum order) on which that witness's reading begins, counting the lines of
its text as it came in (1-based): so a verse text is cited by its line numbers, a
printed edition transcribed line for line by its lines. Where the reference witness
reads nothing there (the others add words), it is the line of its text just before.
Used for `<app loc="...">` in the TEI and the line numbers of the lemma ] variants
apparatus.
"""

from __future__ import annotations

from .model import Apparatus, Edition, SharedText


def reference_siglum(apparatus: Apparatus, edition: Edition) -> str:
    """The witness locations are cited in: the base, else the first."""
    return edition.base if edition.base is not None else apparatus.sigla[0]


def location_lines(apparatus: Apparatus, siglum: str) -> dict[int, int]:
    """Per variant location (by number), the line of the witness it begins on."""
    lines: dict[int, int] = {}
    line = 1
    #: line breaks after the witness's last word so far: an addition (where the witness
    #: reads nothing) is cited, as the lemma apparatus prints it, by that word's line
    after_word = 0
    for segment in apparatus.segments:
        if isinstance(segment, SharedText):
            text, number = segment.text_of(siglum), None
        else:
            text, number = segment.reading_of(siglum).text, segment.number
        # (most segments hold no line break, and have words: nothing to cut or strip,
        # and `isspace` tells words without copying the text as `strip` does)
        breaks = text.count("\n")
        worded = bool(text) and not text.isspace()
        if number is not None:
            # a reading begins with whitespace only with whitespace="variants"
            leading = text[: len(text) - len(text.lstrip())].count("\n") if breaks else 0
            lines[number] = line + leading if worded else max(1, line - after_word)
        line += breaks
        if worded:
            after_word = text[len(text.rstrip()) :].count("\n") if breaks else 0
        else:
            after_word += breaks
    return lines
