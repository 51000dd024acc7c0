"""Combining marks of every script stay on their letter: Hebrew points, Arabic harakat
and Devanagari signs do not cut a word into pieces, and a pointed and an unpointed
copy of one text align word by word."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate.marks import MARKS, needs_all_marks
from collate.tokenize import _MARK, DEFAULT_PATTERN, _all_marks_pattern, token_regex, tokenize

_POINTED = "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם"
_UNPOINTED = "בראשית ברא אלהים את השמים"


def _words(text: str) -> list[str]:
    return [t.text for t in tokenize(collate.Witness("A", text)).tokens if t.text]


def test_marks_are_every_combining_mark_of_this_python() -> None:
    marks = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M"}
    listed = re.compile(f"[{MARKS}]")
    assert all(listed.fullmatch(c) for c in marks)
    assert not any(listed.fullmatch(c) for c in "aא,1 \u05d0\u0915")


def test_a_pointed_word_is_one_token() -> None:
    assert _words(_POINTED) == _POINTED.split()
    assert _words("धर्मक्षेत्रे कुरुक्षेत्रे समवेता") == ["धर्मक्षेत्रे", "कुरुक्षेत्रे", "समवेता"]
    assert _words("بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ") == ["بِسْمِ", "ٱللَّهِ", "ٱلرَّحْمَٰنِ"]


def test_pointed_and_unpointed_copies_align_word_by_word() -> None:
    witnesses = [collate.Witness("A", _POINTED + "\n"), collate.Witness("B", _UNPOINTED + "\n")]
    collation = collate.collate(
        witnesses, normalization=collate.Normalization(strip_diacritics=True)
    )
    locations = collation.apparatus.variant_locations
    assert locations
    for location in locations:  # the same words, the points set aside
        assert location.reading_of("A").normal == location.reading_of("B").normal


def test_latin_texts_keep_the_cheap_pattern() -> None:
    assert not needs_all_marks("Cafe\u0301 \u2014 na\u00efve \u201cquoted\u201d", _MARK)
    assert needs_all_marks("word " + _POINTED, _MARK)


_ALPHABET = st.sampled_from(list("ab é\u0301\u0308-'.,\u2014\u03b1\u0436\u05d0\u05d1\u0915\n"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40))
def test_both_patterns_split_a_text_without_other_marks_alike(text: str) -> None:
    narrow, wide = token_regex(DEFAULT_PATTERN), token_regex(_all_marks_pattern())
    assert narrow.findall(text) == wide.findall(text)
