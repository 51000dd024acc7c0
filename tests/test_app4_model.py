"""The apparatus's check made faster (issue 13), each pattern of readings checked once,
accepts and refuses what the check per location did, in its words."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from collate import InvalidApparatusError, Witness
from collate.model import Apparatus, Reading, ReadingGroup, SharedText, Spacing, VariantLocation

_SIGLA = ("A", "B", "C")


def _refusal_before(witnesses: tuple[str, ...], locations: list[VariantLocation]) -> str | None:
    """What `Apparatus.__post_init__` said of the locations before: None if nothing."""
    expected = sorted(set(witnesses))
    for location in locations:
        named = [s for group in location.groups for r in group.readings for s in r.sigla]
        if len(named) != len(expected) or sorted(named) != expected:
            return (
                f"variant location {location.number} names {sorted(named)}, "
                f"not each of {expected} once"
            )
    return None


# per location, its readings' witnesses: mostly each witness once, sometimes not
_reading_sigla = st.lists(st.sampled_from(_SIGLA), min_size=1, max_size=3).map(tuple)
_location = st.one_of(
    st.permutations(_SIGLA).flatmap(
        lambda order: st.sampled_from(
            [
                [tuple(order)],
                [tuple(order[:1]), tuple(order[1:])],
                [tuple(order[:2]), tuple(order[2:])],
            ]
        )
    ),
    st.lists(_reading_sigla, min_size=1, max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_location, min_size=1, max_size=8))
@example([[["A", "B", "C"]], [["A"], ["B", "C"]]])  # sigla in lists, as a caller may give
@example([[("A",), ("B", "C")], [("A", "B"), ("C",)], [("A",), ("B", "C")], [("A", "A")]])
def test_the_check_refuses_what_it_refused(patterns: list[list[tuple[str, ...]]]) -> None:
    witnesses = tuple(Witness(s, s.lower()) for s in _SIGLA)
    locations = [
        VariantLocation(
            number,
            (number, number + 1),
            tuple(ReadingGroup(s[0], (Reading(s, s[0], s[0]),)) for s in pattern),
            "substantive",
        )
        for number, pattern in enumerate(patterns, start=1)
    ]
    segments = tuple(x for location in locations for x in (SharedText(" "), location))
    refusal = _refusal_before(_SIGLA, locations)
    if refusal is None:
        Apparatus(witnesses, segments)
    else:
        with pytest.raises(InvalidApparatusError) as raised:
            Apparatus(witnesses, segments)
        assert str(raised.value) == refusal


def test_spacing_of_an_unknown_witness_is_refused() -> None:
    witnesses = tuple(Witness(s, s.lower()) for s in _SIGLA)
    spacing = (Spacing(1, 1, ((("A",), "\n"), (("Z", "B"), "  "))),)
    with pytest.raises(ValueError, match=r"unknown witnesses \['Z'\]"):
        Apparatus(witnesses, (SharedText("a b", spacing),))
    Apparatus(witnesses, (SharedText("a b", (Spacing(1, 1, ((("C", "B"), "\n"),)),)),))


def _apparatus() -> Apparatus:
    witnesses = tuple(Witness(s, s.lower()) for s in _SIGLA)
    groups = (
        ReadingGroup("a", (Reading(("A",), "a", "a"),)),
        ReadingGroup("b", (Reading(("B", "C"), "b", "b"),)),
    )
    location = VariantLocation(1, (0, 1), groups, "substantive")
    return Apparatus(witnesses, (SharedText("x "), location, SharedText(" y")))


def test_retyped_checks_the_locations_it_is_given() -> None:
    apparatus = _apparatus()
    old = apparatus.segments[1]
    assert isinstance(old, VariantLocation)
    joined = ReadingGroup("a", old.groups[0].readings + old.groups[1].readings, "orthographic")
    retyped = VariantLocation(1, (0, 1), (joined,), "orthographic")
    segments = (apparatus.segments[0], retyped, apparatus.segments[2])
    made = apparatus.retyped(segments)
    assert made == Apparatus(apparatus.witnesses, segments) and made.segments[1] is retyped
    # a location that lost a witness, or names one twice, is refused as the constructor
    # refuses it
    for sigla in [("A", "B"), ("A", "B", "C", "C")]:
        wrong = VariantLocation(
            1, (0, 1), (ReadingGroup("a", (Reading(sigla, "a", "a"),)),), "substantive"
        )
        with pytest.raises(InvalidApparatusError, match="variant location 1 names"):
            apparatus.retyped((apparatus.segments[0], wrong, apparatus.segments[2]))
    # other segments changed: checked whole
    spaced = SharedText(" y", (Spacing(0, 1, ((("Z",), "\n"),)),))
    with pytest.raises(ValueError, match="unknown witnesses"):
        apparatus.retyped((apparatus.segments[0], old, spaced))
    with pytest.raises(InvalidApparatusError):
        apparatus.retyped((wrong,))
