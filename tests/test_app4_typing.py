"""The stages after the apparatus made faster (issue 13) give what they gave: the
spellings and lacunae typed without the apparatus checked again (`Apparatus.retyped`)
give an apparatus that passes the check, and the lines of the locations, counted
without copying the text, are those counted before."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from collate import Normalization, Witness, collate
from collate.lacunae import type_lacunae
from collate.model import Apparatus, SharedText, VariantLocation
from collate.orthography import type_spellings
from collate.references import location_lines

from .strategies import related_texts


def _lines_before(apparatus: Apparatus, siglum: str) -> dict[int, int]:
    """`collate.references.location_lines` as it was written before."""
    lines: dict[int, int] = {}
    line = 1
    after_word = 0
    for segment in apparatus.segments:
        text = (
            segment.text_of(siglum)
            if isinstance(segment, SharedText)
            else segment.reading_of(siglum).text
        )
        if not isinstance(segment, SharedText):
            leading = text[: len(text) - len(text.lstrip())]
            begins = line + leading.count("\n")
            lines[segment.number] = begins if text.strip() else max(1, line - after_word)
        line += text.count("\n")
        if text.strip():
            after_word = text[len(text.rstrip()) :].count("\n")
        else:
            after_word += text.count("\n")
    return lines


def _checked(apparatus: Apparatus) -> Apparatus:
    """The apparatus made again by its constructor, which checks every location."""
    return Apparatus(
        apparatus.witnesses,
        apparatus.segments,
        apparatus.engine,
        apparatus.normalization,
        apparatus.whitespace,
    )


_texts = st.lists(
    st.sampled_from(["colour", "color", "the", "cat", "[...]", ",", "well-being", "wellbeing"])
    | st.sampled_from(["\n", " ", "\n\n", "  "]),
    min_size=1,
    max_size=14,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_texts, min_size=2, max_size=4) | related_texts(), st.booleans())
@example(["the colour\n[...]\n, cat", "the color\n\ncat ,"], True)
def test_typed_apparatus_passes_the_check(texts: list[str], variants: bool) -> None:
    texts = [t if t.strip() else "x" for t in texts]
    witnesses = [Witness(f"W{n}", text) for n, text in enumerate(texts)]
    collation = collate(witnesses, whitespace="variants" if variants else "spacing")
    apparatus = collation.apparatus
    # the stages on the apparatus as built (`collate` ran them already)
    spelled = type_spellings(apparatus, collation.alignment, Normalization())
    typed = type_lacunae(spelled)
    for result in (spelled, typed):
        again = _checked(result)
        assert again == result and again.segments == result.segments
        assert vars(again).keys() >= {"witnesses", "segments", "engine", "whitespace"}
    for siglum in apparatus.sigla:
        assert location_lines(typed, siglum) == _lines_before(typed, siglum)
        assert typed.text_of(siglum) == apparatus.witness(siglum).text


def test_a_retyped_location_keeps_its_readings() -> None:
    """Near spellings joined into one group: the same readings, one location."""
    witnesses = [
        Witness("A", "the colour of it"),
        Witness("B", "the color of it"),
        Witness("C", "the shade of it"),
    ]
    collation = collate(witnesses)
    locations = collation.apparatus.variant_locations
    assert len(locations) == 1
    location: VariantLocation = locations[0]
    assert len(location.groups) == 2 and location.groups[0].type == "orthographic"
    assert sorted(s for r in location.readings for s in r.sigla) == ["A", "B", "C"]
    assert _checked(collation.apparatus) == collation.apparatus
