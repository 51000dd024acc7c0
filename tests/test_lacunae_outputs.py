"""Text a witness lacks (a lacuna it marks, a fragment's lost beginning or end) is no
omission in the outputs written from the apparatus: the NEXUS matrix codes it `?`,
missing (PAUP*, MrBayes and SplitsTree would otherwise read lost text as shared
omissions), and the printed apparatus says `lac.`, not `om.`. The lacuna's sign is no
reading of its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import collate
from collate.absences import absences
from collate.formats.lemma import entries as entries_of

from .conftest import SHARED

_CHAUCER = [
    "Whan that Aprille with his shoures soote",
    "The droghte of March hath perced to the roote",
    "And bathed every veyne in swich licour",
    "Of which vertu engendred is the flour",
    "Whan Zephirus eek with his sweete breeth",
]


def _matrix(nexus: str) -> dict[str, str]:
    block = nexus[nexus.index("MATRIX") :].splitlines()[1:]
    rows = [line.split() for line in block if line.strip() not in (";", "END;")]
    return {siglum: row for siglum, row in rows}


def _nexus(collation: collate.Collation, tmp_path: Path) -> str:
    assert collation.stemma is not None
    path = tmp_path / "x.nex"
    collate.write_stemma(collation.stemma, path, apparatus=collation.apparatus)
    return path.read_text(encoding="utf-8")


def _chaucer(folder: Path) -> collate.Collation:
    lines = {
        "A": _CHAUCER,
        "B": [_CHAUCER[0], "[...]", *_CHAUCER[2:]],
        "C": [*_CHAUCER[:3], "[...]", _CHAUCER[4]],
        "D": [line.replace("flour", "flower") for line in _CHAUCER],
    }
    for siglum, text in lines.items():
        (folder / f"{siglum}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    return collate.run([folder], stemma=True)


def test_a_marked_lacuna_is_missing_not_omitted(tmp_path: Path) -> None:
    collation = _chaucer(tmp_path)
    nexus = _nexus(collation, tmp_path)
    matrix = _matrix(nexus)
    lacking = absences(collation.apparatus)
    assert "[...]" not in nexus  # the sign is no reading a tree program should weigh
    locations = collation.apparatus.variant_locations
    for siglum, row in matrix.items():
        assert len(row) == len(locations)
        for location, symbol in zip(locations, row, strict=True):
            reading = location.reading_of(siglum).normal
            lost = location.number in lacking.get(siglum, {}) or "[...]" in reading
            assert (symbol == "?") == lost, (siglum, location.number, reading)
    assert "?" in matrix["B"] and "?" in matrix["C"]
    assert "?" not in matrix["A"] + matrix["D"]


def test_the_printed_apparatus_says_lac_where_the_text_is_lost(tmp_path: Path) -> None:
    collation = replace(_chaucer(tmp_path), edition=collate.Edition(base="A"))
    entries = list(entries_of(collation))
    text = "\n".join(entry.text for entry in entries)
    assert "[...]" not in text and "om." not in text and "add." not in text, text
    lost = {s for entry in entries for r in entry.readings if r.kind == "lac." for s in r.sigla}
    assert lost == {"B", "C"}
    # D's own reading is kept beside C's loss at the same word
    assert any("flower D" in e.text and "lac. C" in e.text for e in entries), text


def _darwin_with_fragment(folder: Path) -> collate.Collation:
    chapter = SHARED / "corpora/darwin-ch1"
    for year in ("1859", "1860", "1872"):
        (folder / f"{year}.txt").write_bytes((chapter / f"{year}.txt").read_bytes())
    lines = (chapter / "1866.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "1866frag.txt").write_text("".join(lines[39:80]), encoding="utf-8")
    return collate.run([folder], stemma=True)


_NO_DARWIN = not (SHARED / "corpora/darwin-ch1").is_dir()


@pytest.mark.skipif(_NO_DARWIN, reason="no shared corpora")
def test_a_fragments_lost_text_is_lac_not_om(tmp_path: Path) -> None:
    collation = _darwin_with_fragment(tmp_path)
    lacking = absences(collation.apparatus)["1866frag"]
    entries = list(entries_of(collation))
    for entry in entries:
        (kind,) = {r.kind for r in entry.readings if "1866frag" in r.sigla}
        if all(number in lacking for number in entry.locations):
            assert kind == "lac.", entry.text
    assert sum("lac. 1866frag" in e.text for e in entries) > 10


@pytest.mark.skipif(_NO_DARWIN, reason="no shared corpora")
def test_a_fragments_lost_beginning_is_missing(tmp_path: Path) -> None:
    collation = _darwin_with_fragment(tmp_path)
    lacking = absences(collation.apparatus).get("1866frag", {})
    assert lacking, "the fragment is found"
    row = _matrix(_nexus(collation, tmp_path))["1866frag"]
    locations = collation.apparatus.variant_locations
    assert row[0] == "?"  # it begins inside the chapter
    coded = {loc.number: symbol for loc, symbol in zip(locations, row, strict=True)}
    assert all(coded[number] == "?" for number in lacking)
    # where it has text it is coded by its readings, as every whole edition is
    assert sum(symbol != "?" for symbol in row) >= len(row) - len(lacking)
