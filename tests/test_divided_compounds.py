"""Line wraps are layout, not variants: a hyphenated compound divided at a line's end
("coarse-⏎haired") reads as the same word as "coarse-haired", with two witnesses or
more, while a word divided without a hyphen ("to day" / "today") or a word hyphenated
only for the line ("con-⏎siderable") stays a variant of word division."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

import collate

from .conftest import SHARED

_ONE_LINE = "the long-haired and coarse-haired dogs run\n"
_DIVIDED = "the long-haired and coarse-\nhaired dogs run\n"


def _collated(*texts: str) -> collate.Collation:
    return collate.collate([collate.Witness(f"W{i}", t) for i, t in enumerate(texts)])


def _round_trips(collation: collate.Collation) -> None:
    for witness in collation.witnesses:
        assert collation.apparatus.text_of(witness.siglum) == witness.text


def test_a_divided_compound_is_no_variant() -> None:
    for texts in ((_ONE_LINE, _DIVIDED), (_ONE_LINE, _DIVIDED, _DIVIDED), (_DIVIDED, _ONE_LINE)):
        collation = _collated(*texts)
        assert collation.apparatus.variant_locations == (), texts
        _round_trips(collation)


def test_word_division_without_a_compound_stays_a_variant() -> None:
    for a, b in (
        ("it was to day that he came\n", "it was today that he came\n"),
        ("a con-\nsiderable sum was paid\n", "a considerable sum was paid\n"),
    ):
        collation = _collated(a, b, b)
        (location,) = collation.apparatus.variant_locations
        _round_trips(collation)
        assert location.type != "whitespace"


_PASSAGE = (SHARED / "corpora/darwin-ch1/1859.txt").read_text(encoding="utf-8")[:2400]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=24, max_value=90), min_size=2, max_size=3))
def test_texts_wrapped_at_other_widths_have_no_variants(widths: list[int]) -> None:
    words = " ".join(_PASSAGE.split())
    texts = [textwrap.fill(words, width) + "\n" for width in widths]
    collation = _collated(words + "\n", *texts)
    assert collation.apparatus.variant_locations == ()
    _round_trips(collation)
