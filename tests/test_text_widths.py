"""The text table's column widths: the fast path for ASCII cells gives what counting
each character's display width gives (issue 13: same output, faster)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.formats.text import _width


def _counted(text: str) -> int:
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=30) | st.text(alphabet="ab ,\t\x00", max_size=30))
def test_width_is_the_display_width(text: str) -> None:
    assert _width(text) == _counted(text)


def test_wide_and_combining_characters() -> None:
    assert _width("漢字") == 4
    assert _width("e\u0301") == 1
    assert _width("word,") == 5
