"""The model objects the builder makes without their constructors (issue 13,
`collate.apparatus._made`) are those the constructors make, field for field, checks
passed; and a witness's reading of one token, taken whole, reads it back."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate
from collate.apparatus import build_apparatus
from collate.model import (
    Alignment,
    Reading,
    ReadingGroup,
    Segment,
    SharedText,
    Spacing,
    VariantLocation,
)

from .strategies import related_texts


def _collated(texts: list[str], variants: bool) -> Alignment:
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    return collate(witnesses, whitespace="variants" if variants else "spacing").alignment


def _remade(segment: Segment) -> Segment:
    """The segment made again by the public constructors, which check it."""
    if isinstance(segment, SharedText):
        spacing = tuple(Spacing(s.offset, s.length, s.others) for s in segment.spacing)
        return SharedText(segment.text, spacing)
    groups = tuple(
        ReadingGroup(
            group.normal,
            tuple(Reading(r.sigla, r.text, r.normal) for r in group.readings),
            group.type,
            group.basis,
        )
        for group in segment.groups
    )
    return VariantLocation(
        segment.number, segment.columns, groups, segment.type, segment.transposed_with
    )


def _fields(made: object) -> list[tuple[str, object]]:
    """An object's fields as set, in order (what a cached property keeps beside them
    left out), the nested model objects' as well."""
    names = {field.name for field in dataclasses.fields(made)}  # type: ignore[arg-type]
    own = [(name, value) for name, value in vars(made).items() if name in names]
    assert len(own) == len(names)
    return [(name, [_fields(v) for v in value] if _nested(value) else value) for name, value in own]


def _nested(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and dataclasses.is_dataclass(value[0])


@settings(max_examples=150, deadline=None)
@given(related_texts(), st.booleans())
def test_objects_made_are_the_constructors(texts: list[str], variants: bool) -> None:
    alignment = _collated(texts, variants)
    apparatus = build_apparatus(alignment, whitespace="variants" if variants else "spacing")
    for segment in apparatus.segments:
        remade = _remade(segment)
        assert type(remade) is type(segment)
        assert remade == segment and hash(remade) == hash(segment)
        assert _fields(remade) == _fields(segment)
    # every witness read back exactly (the reading of one token taken whole)
    for tokenized in alignment.witnesses:
        assert apparatus.text_of(tokenized.siglum) == tokenized.witness.text


def test_a_moved_passage_made_so() -> None:
    """A transposition's locations, linked and made anew, are the constructors' too."""
    texts = ["the quick brown fox jumps over it", "jumps over it the quick brown fox"]
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    apparatus = collate(witnesses).apparatus
    moved = [
        s
        for s in apparatus.segments
        if isinstance(s, VariantLocation) and s.type == "transposition"
    ]
    for segment in moved:
        assert _fields(_remade(segment)) == _fields(segment)


def test_the_public_constructors_still_check() -> None:
    with pytest.raises(Exception, match="at least one witness"):
        Reading((), "x", "x")
    with pytest.raises(ValueError):
        Spacing(0, 1, ())
    with pytest.raises(ValueError):
        SharedText("ab", (Spacing(0, 1, ((("A",), " "),)),))
