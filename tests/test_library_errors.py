"""The library names what is wrong with what it is given: a witness that is not a
`Witness`, two witnesses with one siglum and no source to tell them apart."""

from __future__ import annotations

from typing import Any

import pytest

import collate
from collate import DuplicateSiglumError, InvalidWitnessError, Witness


@pytest.mark.parametrize("given", ["abc", [("A", "x"), ("B", "y")], [Witness("A", "x"), 5]])
def test_what_is_no_witness_is_named(given: Any) -> None:
    with pytest.raises(InvalidWitnessError, match="a witness must be a collate.Witness"):
        collate.collate(given)


def test_a_siglum_given_twice_is_named_without_a_source() -> None:
    with pytest.raises(DuplicateSiglumError, match="witness 'A': named twice"):
        collate.collate([Witness("A", "x y"), Witness("A", "x z")])
