"""The stemma's third round of shortcuts read what they replace: a text folded
(`collate.stemma.trigrams.fold`) and its words as compared found in its UTF-8 bytes
(`collate.stemma.trigrams._word_bytes`), and the dates a text names read only where a
year may stand (`collate.stemma.anchors`)."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from collate.stemma import trigrams
from collate.stemma.anchors import dates_mentioned
from collate.stemma.trigrams import _word_bytes, fold, words

from .test_stemma_shortcuts import _dates_by_every_pattern

#: pieces of text: ASCII words and signs, letters and signs beyond ASCII (word
#: characters or not: a multiplication sign, a degree, a dash, a no-break space, an
#: ideographic space, Arabic-Indic digits, a combining accent, a ligature)
_TEXT_PIECES = [
    *"the of_a x2 I'm co-op 1859 3/4 & &c a^{14} ^ _ . , ; ( ) \" ' \n \t".split(" "),
    *"× ° ⁄ — ’ \u00a0 \u3000 ١٢ é e\u0301 æ Œ ß ſ ǅ Ⅻ ² 名 𝐀 \u200b".split(" "),
    " ",
    "  ",
]


#: letters beyond ASCII that case folding changes (more than `trigrams._FOLDED_APART`
#: of them, for a text it folds as a whole), and signs it does not
_CASED = [
    *"ÀÉÖØÞ ẞ µ ﬁ İ Σ ς ΑΒΓΔΕΖΗΘΙΚΛΜΝΞ Ǆ Ⅻ 𝐀 Ａ".split(),
    "\ud800",
    "&c",
    "&co",
    "&c.",
    "^{14}",
]


def _fold_as_before(text: str) -> str:
    """`fold` as it was: case folded at once, the markup by its patterns, the marks
    dropped one by one."""
    text = text.casefold()
    text = trigrams._SUPERSCRIPT.sub(r"\1", text)
    text = trigrams._ET_CETERA.sub("etc", text)
    for letter, plain in trigrams._LIGATURES.items():
        text = text.replace(letter, plain)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES + _CASED), max_size=16).map("".join))
@example("palæontology × 2° — Gärtner’s")
@example("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞ ÀÉÖØÞ &c. &co &c")
def test_the_words_in_bytes_are_the_words_found(text: str) -> None:
    assert fold(text) == _fold_as_before(text)
    assert trigrams._casefold(text) == text.casefold()
    assert _word_bytes(fold(text)) == [
        word.encode("utf-8", "surrogatepass") for word in words(text)
    ]


#: pieces of dates written month first ("May 12, 2007"), with long runs of whitespace
#: and what must not be read as one
_MONTH_FIRST = [
    *"May may. SEPTEMBER Sept. jan Dec summary 12 3 07 123 2007 1859 2048 20071".split(),
    ",",
    " ",
    "  " * 20,
    "\n",
    "\u00a0",
    "x",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MONTH_FIRST), max_size=16).map("".join))
@example("September 12," + " " * 60 + "2007 and jan 3 1859")
@example("xmay 12, 2007 May 1 2008")
def test_the_dates_written_month_first_are_those_the_pattern_reads(text: str) -> None:
    assert dates_mentioned(text) == _dates_by_every_pattern(text)
