"""What the corpus run computes once and uses twice must answer as if computed afresh:
the absences of an apparatus (asked for by its TEI and by its report), and the
verification's numbering and weighing of a pair's words."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

import collate
from collate import Witness
from collate.absences import LACUNA, absences
from collate.corpus.verification import _COMMON_BITS, _COMMON_SHARE, _PADDING_WORDS, _symbols

from .test_lacunae import _words


def _tradition() -> collate.Collation:
    words = _words(300, seed=3)
    return collate.collate(
        [
            Witness("A", " ".join(words) + "\n"),
            Witness("B", " ".join(words[:100]) + "\n<lost>\n" + " ".join(words[150:]) + "\n"),
            Witness("C", " ".join(words[:160]) + "\n"),
        ]
    )


def test_absences_asked_twice_answer_alike_and_a_caller_cannot_change_them() -> None:
    apparatus = _tradition().apparatus
    first = absences(apparatus, "<lost>")
    assert set(first["B"].values()) == {LACUNA}
    expected = {siglum: dict(kinds) for siglum, kinds in first.items()}
    first["B"].clear()
    first.pop("B")
    assert absences(apparatus, "<lost>") == expected


def test_absences_of_another_apparatus_or_marker_are_its_own() -> None:
    apparatus = _tradition().apparatus
    assert absences(apparatus, "<lost>")["B"]
    # with the default sign of a lacuna, B's <lost> is text, not a lacuna
    assert absences(apparatus) == {}
    assert absences(apparatus, "<lost>")["B"]
    other = collate.collate(
        [Witness("A", "one two three four\n"), Witness("B", "one <lost> four\n")]
    ).apparatus
    assert absences(other, "<lost>") != absences(apparatus, "<lost>")


_WORDS = st.lists(st.sampled_from(["the", "of", "a", "cat", "sat", "mat", "on", "x"]), max_size=60)


@given(_WORDS, _WORDS)
def test_a_pairs_symbols_number_words_in_order_and_weigh_them_by_their_counts(
    a: list[str], b: list[str]
) -> None:
    first, second, scorer = _symbols(a, b)
    spellings = list(scorer.spellings)
    # numbered by first appearance, a then b, each word once
    assert spellings == list(dict.fromkeys(a + b))
    assert [spellings[s] for s in first] == a and [spellings[s] for s in second] == b
    counts = Counter(a + b)
    total = len(a) + len(b) + _PADDING_WORDS
    for word, weight in zip(spellings, scorer.weights, strict=True):
        bits = math.log2(total / counts[word])
        common = counts[word] / total >= _COMMON_SHARE
        assert weight == (min(bits, _COMMON_BITS) if common else bits)
