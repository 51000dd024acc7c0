"""Near spellings compared over letter numbers (`_indel._Lettered`, issue 13) give
exactly what the side-by-side comparison they replaced gave: the same choices, the same
ratios, in the same order, for short queries (one machine word) and long ones."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines import _indel


@pytest.fixture
def budget() -> Iterator[None]:
    """Every comparison made here, none by rapidfuzz."""
    spent = _indel._SPENT[0]
    _indel._SPENT[0] = -(10**12)
    yield
    _indel._SPENT[0] = spent


_BYTE_ONES = bytes(bin(byte).count("1") for byte in range(256))


class _SideBySide:
    """The comparison replaced (main 6b731a8): the choices' spellings side by side in
    the bits of one integer, each in whole bytes with a guard bit."""

    def __init__(self, choices: Mapping[int, str]) -> None:
        self.keys = list(choices)
        self.lengths: list[int] = []
        self.starts: list[int] = []
        self.stops: list[int] = []
        at: dict[str, list[int]] = {}
        byte = 0
        for spelling in choices.values():
            self.lengths.append(len(spelling))
            self.starts.append(byte)
            for bit, letter in enumerate(spelling, start=8 * byte):
                at.setdefault(letter, []).append(bit)
            byte += len(spelling) // 8 + 1
            self.stops.append(byte)
        self.size = byte
        self.masks: dict[str, int] = {}
        for letter, bits in at.items():
            mask = bytearray(byte)
            for bit in bits:
                mask[bit >> 3] |= 1 << (bit & 7)
            self.masks[letter] = int.from_bytes(mask, "little")
        full = 0
        for mask_of_letter in self.masks.values():
            full |= mask_of_letter
        self.full = full

    def near(self, query: str, cutoff: float) -> list[tuple[int, float]]:
        n = len(query)
        least = cutoff / 100
        full = self.full
        v = full
        for letter in query:
            m = self.masks.get(letter, 0)
            if m:
                u = v & m
                v = ((v + u) | (v - u)) & full
        shared = (full ^ v).to_bytes(self.size, "little").translate(_BYTE_ONES)
        kept: list[tuple[int, float]] = []
        for c in range(len(self.keys)):
            length = self.lengths[c]
            total = n + length
            if _indel._similarity(min(n, length), total) < least:
                continue
            start, stop = self.starts[c], self.stops[c]
            common = shared[start] if stop - start == 1 else sum(shared[start:stop])
            similarity = _indel._similarity(common, total)
            if similarity >= least and similarity * 100 >= cutoff:
                kept.append((self.keys[c], similarity * 100))
        return kept


#: a few letters (some beyond ASCII), so that many spellings are alike
_SHORT = st.text(alphabet="aeinrstæœé", max_size=14)
#: queries past the machine word's letters (`_indel._WORD_LETTERS`) as well
_ANY_LENGTH = st.text(alphabet="aeinœ", max_size=90)
_CUTOFFS = st.sampled_from([0.0, 30.0, 60.0, 75.0, 100.0])


@pytest.mark.usefixtures("budget")
@settings(max_examples=300, deadline=None)
@given(st.lists(_SHORT, max_size=8), st.lists(_SHORT, max_size=30), _CUTOFFS)
def test_near_each_is_the_side_by_side_comparison(
    queries: list[str], spellings: list[str], cutoff: float
) -> None:
    choices = {5 * key + 2: spelling for key, spelling in enumerate(spellings)}
    old = _SideBySide(choices)
    assert _indel.near_each(queries, choices, cutoff) == [old.near(q, cutoff) for q in queries]


@pytest.mark.usefixtures("budget")
@settings(max_examples=200, deadline=None)
@given(st.lists(_ANY_LENGTH, max_size=5), st.lists(_ANY_LENGTH, max_size=12), _CUTOFFS)
def test_long_queries_are_compared_as_before(
    queries: list[str], spellings: list[str], cutoff: float
) -> None:
    choices = dict(enumerate(spellings))
    old = _SideBySide(choices)
    assert _indel.near_each(queries, choices, cutoff) == [old.near(q, cutoff) for q in queries]


def test_a_query_of_the_longest_word_and_one_letter_more() -> None:
    """The last query in a machine word, and the first one compared one by one."""
    for length in (_indel._WORD_LETTERS, _indel._WORD_LETTERS + 1):
        query = "ab" * (length // 2) + "a" * (length % 2)
        choices = {1: query, 2: query[:-1], 3: "b" * length, 4: ""}
        lettered = _indel._Lettered(choices)
        assert lettered.near(query, 0.0) == _SideBySide(choices).near(query, 0.0)
        assert lettered.near(query, 0.0)[0] == (1, 100.0)


@given(st.integers(min_value=0, max_value=2**61))
def test_ones_counts_the_set_bits(bits: int) -> None:
    assert _indel._ones(bits) == bin(bits).count("1")
