"""A reading with none of a sign's words is told at once to hold no lacuna (issue 13,
`collate.lacunae.holds_marker`): whether a reading holds a sign is what it was."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from collate.lacunae import MARKER, _holds, holds_marker, markers

_words = st.sampled_from(["[", "...", "]", "[...]", "the", "cat", "<", ">", "gap", "—", "*"])
_markers = st.sampled_from([MARKER, "<gap>", "...", "[ ... ]", "the cat", "*", "—", "<", " "])


@settings(max_examples=500, deadline=None)
@given(st.lists(_words, max_size=12).map(tuple), _markers)
@example(("cat", "[", "..."), "[ ... ]")  # the sign cut short at the reading's end
@example(("...", "]", "cat"), "[ ... ]")  # and at its beginning
@example(("the", "[...]"), "<gap>")  # the default sign, with another marker given
def test_holds_marker_as_before(words: tuple[str, ...], marker: str) -> None:
    before = any(_holds(words, sign) for sign in markers(marker))
    assert holds_marker(words, marker) == before
