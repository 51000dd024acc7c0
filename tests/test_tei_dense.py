"""The TEI of a dense tradition (`benchmarks.stemma_many_witnesses`: 20 copies of an
81-word poem, six slips each): each slip is a location of its own in the apparatus, and
the TEI writes it as an `<app>` of its own wherever only whitespace, which every witness
writes, separates it from the next. Only locations beside one that some witness lacks
stay together, in the nested form (the others' reading holds the inner locations)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import collate
from benchmarks.stemma_many_witnesses import copies
from collate.model import Collation
from collate.xmltools import tei

from .conftest import assert_tei_valid

_APP, _READINGS = tei("app"), (tei("rdg"), tei("lem"))


@pytest.fixture(scope="module")
def poem(tmp_path_factory: pytest.TempPathFactory) -> tuple[Collation, bytes, Path]:
    folder = tmp_path_factory.mktemp("poem")
    copies(20, folder)
    collation = collate.collate(collate.read_witnesses([folder]))
    return collation, collate.render(collation, "tei"), folder


def _omissions(collation: Collation) -> set[int]:
    return {
        location.number
        for location in collation.apparatus.variant_locations
        if any(not reading.text for reading in location.readings)
    }


def test_each_slip_beside_no_omission_is_a_top_level_app(
    poem: tuple[Collation, bytes, Path],
) -> None:
    """Before: 13 top-level `<app>`s for 53 locations, location 1 inside "1 2 ... 10"."""
    collation, data, _ = poem
    root = etree.fromstring(data)
    top = [a for a in root.iter(_APP) if a.getparent().tag not in _READINGS]
    held = [[int(n) for n in str(a.get("n")).split()] for a in top]
    omissions = _omissions(collation)
    joined = [numbers for numbers in held if len(numbers) > 1]
    # every top-level app holding several locations holds one that a witness lacks
    assert all(set(numbers) & omissions for numbers in joined)
    alone = {numbers[0] for numbers in held if len(numbers) == 1}
    numbers = [location.number for location in collation.apparatus.variant_locations]
    expected = {
        n
        for n in numbers
        if not {n - 1, n, n + 1} & omissions  # the poem is one line, one space apart
    }
    assert expected <= alone
    # measured: 53 locations, 17 of them with an omission; 30 top-level apps (before: 13)
    assert len(top) == len(alone) + len(joined) == 30


def test_the_dense_tei_gives_back_every_witness_and_is_valid(
    poem: tuple[Collation, bytes, Path], tmp_path: Path
) -> None:
    _, data, folder = poem
    path = tmp_path / "apparatus.xml"
    path.write_bytes(data)
    for source in sorted(folder.glob("*.txt")):
        assert collate.extract(path, source.stem).data == source.read_bytes()
    assert_tei_valid(data)
