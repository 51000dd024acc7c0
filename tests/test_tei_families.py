"""Families in the TEI (`collate.formats.tei_body`): where only whitespace separates
variant locations, the witnesses whose shorter text is mostly the other's share one
reading of the joined `<app>`, which holds their own differences as inner locations.

The seeds show why: 000 is a reworded copy of part of 001, while 002 and 003 are
independent reports of the same event; all four share no text, so the whole body is
one run of locations. Without families it was one `<app>` of four whole texts, and an
editor saw none of 000's 39 rewordings of 001."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import Collation, WhitespaceMode, Witness
from collate.formats.tei_body import _merge_by_matrix, _merge_by_pairs
from collate.readers.apparatus import extract_witness, wit_refs
from collate.xmltools import XML_ID, tei

from .conftest import SEEDS, assert_tei_valid
from .strategies import related_texts
from .test_viewer_spacing import assert_viewers_show_every_witness

_APP, _READINGS = tei("app"), (tei("rdg"), tei("lem"))


def _ids(root: etree._Element) -> dict[str, str]:
    return {str(w.get("n")): str(w.get(XML_ID)) for w in root.iter(tei("witness"))}


def _top_apps(root: etree._Element) -> list[etree._Element]:
    return [a for a in root.iter(_APP) if next(a.iterancestors(*_READINGS), None) is None]


def _family_reading(root: etree._Element, members: set[str]) -> etree._Element:
    """The one top-level reading that names exactly these witnesses' ids."""
    (reading,) = [
        r
        for app in _top_apps(root)
        for r in app
        if r.tag in _READINGS and set(wit_refs(r)) == members
    ]
    return reading


def _readings(app: etree._Element) -> dict[str, str]:
    """Per witness id, the text of its reading in this `<app>`."""
    return {ref: "".join(r.itertext()) for r in app if r.tag in _READINGS for ref in wit_refs(r)}


def _seeds(whitespace: WhitespaceMode = "spacing") -> tuple[Collation, etree._Element]:
    collation = collate.collate(list(collate.read_witnesses([SEEDS])), whitespace=whitespace)
    return collation, etree.fromstring(collate.render(collation, "tei"))


def test_the_seeds_show_000_s_rewordings_of_001_as_their_own_locations() -> None:
    collation, root = _seeds()
    ids = _ids(root)
    first, second = ids["000_6bce61cbdfc5750d"], ids["001_6f72a84d533a16ee"]
    family = _family_reading(root, {first, second})
    inner = [_readings(app) for app in family.iter(_APP)]
    # real rewordings in the seeds ("each year" / "every year", "fired" / "discharged"),
    # each an inner location of its own, not buried in four whole texts
    assert {first: "each", second: "every"} in inner
    assert {first: "fired", second: "discharged"} in inner
    # every place where both have words and the words differ is inside an inner location
    numbers = {int(n) for app in family.iter(_APP) for n in (app.get("n") or "").split()}
    differing = [
        location.number
        for location in collation.apparatus.variant_locations
        if (a := location.reading_of("000_6bce61cbdfc5750d").text.split())
        and (b := location.reading_of("001_6f72a84d533a16ee").text.split())
        and a != b
    ]
    assert len(differing) > 20
    assert set(differing) <= numbers
    # and most inner locations are one location each, as in the JSON apparatus
    sizes = sorted(len((app.get("n") or "").split()) for app in family.iter(_APP))
    assert sizes[len(sizes) // 2] == 1
    # the independent reports share too little with anything to be a family
    assert all(len(wit_refs(r)) <= 2 for app in _top_apps(root) for r in app)


def test_a_paragraph_break_one_copy_adds_is_whitespace_not_an_inner_location() -> None:
    """000 runs paragraphs with one line break, 001 with a blank line: with whitespace no
    variant (the default) the family's reading shows it as a whitespace milestone, no
    location; with `whitespace="variants"` such places are inner locations."""
    modes: tuple[tuple[WhitespaceMode, bool], ...] = (("spacing", False), ("variants", True))
    for mode, expected in modes:
        _, root = _seeds(whitespace=mode)
        ids = _ids(root)
        family = _family_reading(root, {ids["000_6bce61cbdfc5750d"], ids["001_6f72a84d533a16ee"]})
        whitespace_only = [
            app
            for app in family.iter(_APP)
            if len({" ".join(t.split()) for t in _readings(app).values()}) == 1
        ]
        assert bool(whitespace_only) is expected, mode


def test_a_base_witness_in_a_family_gives_its_lemma_there_and_inside() -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    collation = collate.collate(witnesses, edition=collate.Edition(base="001_6f72a84d533a16ee"))
    data = collate.render(collation, "tei")
    assert_tei_valid(data)
    root = etree.fromstring(data)
    ids = _ids(root)
    family = _family_reading(root, {ids["000_6bce61cbdfc5750d"], ids["001_6f72a84d533a16ee"]})
    assert family.tag == tei("lem") and family.getparent().index(family) == 0
    for app in family.iter(_APP):
        assert app[0].tag == tei("lem") and ids["001_6f72a84d533a16ee"] in wit_refs(app[0])
    document = etree.ElementTree(root)
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text


def _hidden_differences(collation: Collation, root: etree._Element) -> list[str]:
    """Differences in words between witnesses that share a reading of an `<app>` and
    read its locations differently, at a location that no inner `<app>` of the reading
    holds."""
    ids = _ids(root)
    sigla = {xml_id: siglum for siglum, xml_id in ids.items()}
    locations = {location.number: location for location in collation.apparatus.variant_locations}
    problems = []
    for app in root.iter(_APP):
        numbers = [int(n) for n in (app.get("n") or "").split()]
        for reading in (r for r in app if r.tag in _READINGS):
            members = [sigla[ref] for ref in wit_refs(reading)]
            inner = {int(n) for a in reading.iter(_APP) for n in (a.get("n") or "").split()}
            run = {
                s: " ".join(locations[n].reading_of(s).text for n in numbers).split()
                for s in members
            }
            if len({tuple(words) for words in run.values()}) == 1:
                continue  # they read the same words there (perhaps aligned otherwise)
            for number in numbers:
                location = locations[number]
                words = {" ".join(location.reading_of(s).text.split()) for s in members}
                if len(words) > 1 and number not in inner:
                    problems.append(f"location {number}: {members} differ, no inner <app>")
    return problems


@settings(max_examples=40, deadline=None)
@given(texts=related_texts())
def test_a_family_shows_every_difference_among_its_members(texts: list[str]) -> None:
    """Whatever the texts: witnesses that share a reading of a joined `<app>` read its
    text alike, or the reading holds each location they differ in as an inner `<app>`; each
    inner `<app>` names each witness of its reading once; the TEI is valid, every witness
    extracts byte-identical and viewers show its words."""
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    collation = collate.collate(witnesses)
    root = _written_whole(witnesses, collation)
    assert_viewers_show_every_witness(collation)
    for app in root.iter(_APP):
        outer = next(app.iterancestors(*_READINGS), None)
        if outer is not None:
            named = [ref for r in app if r.tag in _READINGS for ref in wit_refs(r)]
            assert sorted(named) == sorted(wit_refs(outer))


def test_a_run_of_over_a_hundred_families_is_merged_and_written_whole() -> None:
    """250 copies of a short text, each with slips of its own: one run holds over a
    hundred families (merged through the matrix); the TEI is valid, every witness
    extracts byte-identical and no family hides a difference among its members."""
    from .synthetic import generate

    witnesses = list(generate(1, 20, 250).witnesses)
    _written_whole(witnesses, collate.collate(witnesses))


def _written_whole(witnesses: list[Witness], collation: Collation) -> etree._Element:
    """The collation's TEI, checked: valid (ids unique too: a location two families
    hold has one id), every witness extracted byte-identical, and no family hiding a
    difference among its members."""
    data = collate.render(collation, "tei")
    assert_tei_valid(data)
    root = etree.fromstring(data)
    document = etree.ElementTree(root)
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text
    assert _hidden_differences(collation, root) == []
    return root


# --------------------------------------------------------------------------- merging
# The greedy merging pair by pair, and the same merging through a matrix for runs of
# many families, must both merge exactly as the merging first written did (by sets of
# witnesses as bits, the words all of a set read alike counted once per set).


def _first_written(
    alike: list[list[int]], extents: list[int], lengths: list[list[int]], always: int
) -> list[list[int]]:
    """The merging as `_families` first did it, each family one bit."""
    readings = [
        [(sum(1 << f for f, row in enumerate(alike) if row[at] == r), n) for r, n in enumerate(ns)]
        for at, ns in enumerate(lengths)
    ]

    def shared(members: int) -> int:
        count = always
        for here in readings:
            for who, length in here:
                if members & who == members:
                    count += length
                    break
        return count

    families = [[f] for f in range(len(alike))]
    masks = [1 << f for f in range(len(alike))]
    extents = list(extents)
    while len(families) > 2:
        best: tuple[int, int, int] | None = None
        for i in range(len(families)):
            for j in range(i + 1, len(families)):
                count = shared(masks[i] | masks[j])
                if count and 2 * count >= min(extents[i], extents[j]):
                    if best is None or count > best[0]:
                        best = (count, i, j)
        if best is None:
            break
        _, i, j = best
        families[i] = sorted(families[i] + families[j])
        masks[i] |= masks[j]
        extents[i] = max(extents[i], extents[j])
        del families[j], masks[j], extents[j]
    return families


@st.composite
def _runs(draw: st.DrawFn) -> tuple[list[list[int]], list[int], list[list[int]], int]:
    families = draw(st.integers(1, 14))
    locations = draw(st.integers(0, 6))
    lengths = [draw(st.lists(st.integers(1, 4), min_size=1, max_size=4)) for _ in range(locations)]
    # each family reads one reading or none (-1) at each location
    alike = [[draw(st.integers(-1, len(ns) - 1)) for ns in lengths] for _ in range(families)]
    extents = [draw(st.integers(0, 20)) for _ in range(families)]
    return alike, extents, lengths, draw(st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(_runs())
def test_both_mergings_merge_as_first_written(
    run: tuple[list[list[int]], list[int], list[list[int]], int],
) -> None:
    expected = _first_written(*run)
    # the members of a family are put in the sigla's order afterwards
    assert [sorted(family) for family in _merge_by_pairs(*run)] == expected
    assert [sorted(family) for family in _merge_by_matrix(*run)] == expected
