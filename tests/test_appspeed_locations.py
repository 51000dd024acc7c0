"""Shortcuts of the apparatus's locations (issue 13) hold what they rely on: whitespace
as `str.split` finds it is what the location's regex splits at, so readings whose other
characters differ are never the same words (`_same_words`); and a run where only one
witness has words is never cut into slips."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.apparatus import _WHITESPACE, _departures, _same_words

from .strategies import SEPARATORS, WORDS

# every character Python or the regex module might call whitespace, and some that
# neither does (zero-width space, word joiner)
_SPACES = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace()] + ["\u200b", "\u2060"]
_text = st.lists(st.sampled_from([*WORDS, "coarse-", "haired", *SEPARATORS, *_SPACES]), max_size=10)


@settings(max_examples=300, deadline=None)
@given(_text.map("".join))
def test_str_split_is_the_regex_split(text: str) -> None:
    assert "".join(text.split()) == "".join(_WHITESPACE.split(text)[0::2])


@settings(max_examples=300, deadline=None)
@given(st.lists(_text.map("".join).map(str.strip), min_size=2, max_size=4))
def test_other_characters_are_other_words(cores: list[str]) -> None:
    if len({"".join(core.split()) for core in cores}) > 1:
        assert _same_words([_WHITESPACE.split(core) for core in cores]) is None


@settings(max_examples=200, deadline=None)
@given(
    st.integers(3, 6).flatmap(
        lambda width: st.tuples(
            st.integers(0, width - 1),
            st.lists(st.sampled_from(["a", "b", None]), max_size=20),
            st.just(width),
        )
    )
)
def test_one_witness_adding_is_one_piece(case: tuple[int, list[str | None], int]) -> None:
    adder, cells, width = case
    rows: list[tuple[object, ...]] = [
        tuple(cell if w == adder else None for w in range(width)) for cell in cells if cell
    ]  # (`_readings` keeps the columns with a word)  # `_readings` keeps columns with a word
    departing, added = _departures(rows)
    assert all(added)  # so no column is cut from the next in `_slips`
