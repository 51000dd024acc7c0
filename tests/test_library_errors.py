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


def test_an_option_the_format_does_not_take_is_named_with_where_it_belongs() -> None:
    collation = collate.collate([collate.Witness("A", "a b c"), collate.Witness("C", "a x c")])
    # the base is the edition's, chosen when collating: the error says so, and is a
    # CollateError (a TypeError too, for callers who caught that before)
    with pytest.raises(collate.UnknownOptionError, match=r"Edition\(base=") as raised:
        collate.render(collation, "lemma", base="C")
    assert isinstance(raised.value, TypeError)
    with pytest.raises(collate.CollateError, match="takes stemma, wit_start"):
        collate.render(collation, "tei", stemm=None)
    # what a format takes still works
    assert collate.render(collation, "dot", locations=(1, 1)).startswith(b"digraph")
