"""Whether a reading holds a lacuna's sign, found by the sign's first word (issue 13),
against the plain comparison of every window of the reading."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.lacunae import MARKER, _holds, marker_words


def _plain_holds(words: tuple[str, ...], marker: str) -> bool:
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


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["[", "...", "]", "[...]", "the", "cat", "<", ">"]), max_size=12),
    st.sampled_from([MARKER, "<gap>", "...", "[ ... ]", "the cat"]),
)
def test_holds_is_the_plain_comparison(words: list[str], marker: str) -> None:
    assert marker_words(marker)  # every sign here is cut into words
    assert _holds(tuple(words), marker) == _plain_holds(tuple(words), marker)
