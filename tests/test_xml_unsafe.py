"""`xmltools.xml_unsafe` finds the first character XML 1.0 cannot carry, as one
character class of them all would, though it compiles that class only for a text that
holds one (issue 13)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from collate.xmltools import xml_unsafe

from .conftest import SEEDS

_EVERY_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: the unsafe characters of each kind, and neighbours of them that are safe
_NEAR = (
    "\x00\x08\t\n\x0b\x0c\r\x0e\x1f \x7f\xe9\u2014"
    "\ud7ff\ud800\udc80\udfff\ue000\ufffd\ufffe\uffff\U0001f600"
)


def _same(text: str) -> None:
    found, expected = xml_unsafe(text), _EVERY_UNSAFE.search(text)
    assert (found and (found.start(), found.group())) == (
        expected and (expected.start(), expected.group())
    )


@given(st.text(st.sampled_from(_NEAR) | st.characters(), max_size=40))
def test_the_first_unsafe_character_is_found_as_one_class_finds_it(text: str) -> None:
    _same(text)


def test_each_kind_alone_and_in_a_long_text() -> None:
    seeds = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    assert xml_unsafe(seeds) is None and xml_unsafe("plain ascii\n") is None
    for character in _NEAR:
        for text in (character, seeds + character + seeds, "ascii " + character):
            _same(text)
    assert xml_unsafe(seeds + "\udc80") is not None  # a byte that was not UTF-8
