"""A reading's wording found in one pass of one regex (issue 13) is what the search per
token gave: the normal form's space-separated tokens that hold a letter or digit."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from collate.apparatus import _same_wording, wording

from .strategies import WORDS

_ALNUM = re.compile(r"[^\W_]")


def _plain_wording(normal: str) -> str:
    """The wording as it was written before: a regex search per token."""
    return " ".join(filter(_ALNUM.search, normal.split(" ")))


# tokens of words and marks (an underscore is no letter), joined by spaces, some doubled
# or leading or trailing, and other whitespace inside a token
_token = st.sampled_from([*WORDS, "_", "__", "a_b", "1", "½", "x\ny", "\u0301", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(_token, max_size=12).map(" ".join))
@example("")
@example("  ,  the_ _ ")
@example("cafe\u0301 , 日本語 — 2")
def test_wording_is_the_search_per_token(normal: str) -> None:
    assert wording(normal) == _plain_wording(normal)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_wording_of_any_text(normal: str) -> None:
    assert wording(normal) == _plain_wording(normal)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_token, max_size=6).map(" ".join), min_size=2, max_size=4))
@example(["", "the cat , sat"])
@example([",", "— .", ""])
@example(["the , cat", "the cat ."])
def test_one_wording_is_a_set_of_one(normals: list[str]) -> None:
    assert _same_wording(list(normals)) == (len({_plain_wording(n) for n in normals}) == 1)
