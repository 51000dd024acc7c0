"""Cases the property test of what viewers show found: a reading that some witnesses
lack altogether must not end with whitespace inside it (viewers trim it: "the0"), and
words that one witness joins and another divides where the apparatus sees whitespace
alone ("the—" / "the —") are a small location, not a milestone viewers ignore."""

from __future__ import annotations

import pytest

import collate
from collate.model import Witness

from .test_viewer_spacing import assert_viewers_show_every_witness


@pytest.mark.parametrize(
    "texts",
    [
        ["the 0 —the ", "0 ", "the the the the —0 "],
        ["the— ", "the — "],
        ["the— x", "the — x", "a the — x"],
    ],
)
def test_viewers_show_every_witness(texts: list[str]) -> None:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    assert_viewers_show_every_witness(collate.collate(witnesses))
