"""Revision chains, witness metadata (dates as a hard constraint) and the NEXUS and
distance exports, on hand-made traditions whose history is plain."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate import Witness
from collate.cli import app
from collate.metadata import (
    MetadataError,
    apply_metadata,
    check_date,
    is_later,
    read_metadata,
)
from collate.stemma import Stemma, infer_stemma
from collate.stemma.formats import render

ENGINE = "anchor" if "anchor" in collate.ENGINE_NAMES else "collatex"


def _words(count: int, rng: random.Random) -> list[str]:
    syllables = "ka lo mi ne ru ta si po de ga vu re".split()
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def _revisions(states: int, seed: int = 3) -> list[list[str]]:
    """An author's states: each adds passages to the one before and rewrites a few
    words, and keeps the rest."""
    rng = random.Random(seed)
    text = _words(300, rng)
    found = [text]
    for state in range(1, states):
        text = list(text)
        for _ in range(6):
            at = rng.randrange(len(text))
            text[at:at] = _words(rng.randint(8, 20), rng)
        for _ in range(4):
            text[rng.randrange(len(text))] = f"r{state}w{rng.randrange(1000)}"
        found.append(text)
    return found


def _stemma(kinds: dict[str, str] | None = None, **texts: list[str]) -> Stemma:
    witnesses = [Witness(siglum, " ".join(words)) for siglum, words in texts.items()]
    return infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus, kinds)


def _descent(stemma: Stemma) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in stemma.edges if e.kind == "descent"}


def test_a_chain_of_revisions_is_a_chain_from_its_first_state() -> None:
    first, second, third, fourth = _revisions(4)
    # sigla that sort against the order of the states, so no order of names helps
    stemma = _stemma(D=first, C=second, B=third, A=fourth)
    assert _descent(stemma) == {("D", "C"), ("C", "B"), ("B", "A")}
    assert stemma.root == "D"
    assert all(node.extant for node in stemma.nodes)


@pytest.mark.parametrize("dates", [("1950", "1900", "1850"), ("1900", "1850", "1950")])
def test_no_witness_derives_from_a_later_one(dates: tuple[str, str, str]) -> None:
    states = _revisions(3)
    witnesses = [
        Witness(s, " ".join(t), date=d) for s, t, d in zip("ABC", states, dates, strict=True)
    ]
    stemma = infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)
    dated = {w.siglum: w.date for w in witnesses}
    for witness in witnesses:
        for ancestor in stemma.ancestors(witness.siglum) & set(dated):
            assert not is_later(dated[ancestor], witness.date)


def test_dates_against_the_readings_are_obeyed_and_reported() -> None:
    """The texts grow from A to C, the dates say C, B, A: the dates decide, and every
    edge says that the readings alone point the other way, at half the confidence."""
    states = _revisions(3)
    dates = ("1950", "1900", "1850")
    witnesses = [
        Witness(s, " ".join(t), date=d) for s, t, d in zip("ABC", states, dates, strict=True)
    ]
    stemma = infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)
    assert _descent(stemma) == {("C", "B"), ("B", "A")}
    for edge in stemma.edges:
        assert edge.evidence.against_dates
        assert "dates decide its direction against the readings" in edge.evidence.summary
        assert edge.confidence == pytest.approx(
            0.5 * edge.evidence.support * edge.evidence.direction, abs=1e-3
        )
    undated = [Witness(w.siglum, w.text) for w in witnesses]
    plain = infer_stemma(collate.collate(undated, engine=ENGINE).apparatus)
    assert _descent(plain) == {("A", "B"), ("B", "C")}
    assert not any(e.evidence.against_dates for e in plain.edges)


def test_manuscripts_are_not_read_as_revisions() -> None:
    first, second, third, fourth = _revisions(4)
    texts = {"D": first, "C": second, "B": third, "A": fourth}
    revised = _stemma(None, **texts)
    copied = _stemma(dict.fromkeys(texts, "manuscript"), **texts)
    assert _descent(revised) != _descent(copied)


# --------------------------------------------------------------------------- metadata


@pytest.mark.parametrize(
    ("first", "second", "later"),
    [
        ("1860", "1859", True),
        ("1859-12", "1859-11-24", True),
        ("1859", "1859-11-24", False),  # 1859 may be any day of that year
        ("1400/1450", "1350/1399", True),
        ("1400/1450", "1420", False),  # overlapping: not surely later
        (None, "1400", False),
    ],
)
def test_is_later(first: str | None, second: str, later: bool) -> None:
    assert is_later(first, second) is later


@given(st.integers(1000, 2100), st.integers(1000, 2100))
@settings(max_examples=50)
def test_is_later_is_a_strict_order_on_years(a: int, b: int) -> None:
    assert is_later(str(a), str(b)) == (a > b)
    assert not (is_later(str(a), str(b)) and is_later(str(b), str(a)))


def test_check_date() -> None:
    assert check_date("1859-11-24") is None
    assert check_date("1400/1450") is None
    assert "not an ISO 8601 date" in (check_date("24.11.1859") or "")
    assert "ends before it begins" in (check_date("1450/1400") or "")


def _folder(tmp_path: Path, csv: str) -> Path:
    for siglum, words in zip("ABC", _revisions(3), strict=True):
        (tmp_path / f"{siglum}.txt").write_text(" ".join(words), encoding="utf-8")
    (tmp_path / "witnesses.csv").write_text(csv, encoding="utf-8")
    return tmp_path


def test_metadata_file_beside_the_witnesses_gives_dates(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, 'siglum,date,type,description\nA,1859,print,"First, 1859"\nC,1872/1873,,\n'
    )
    entries = read_metadata(folder / "witnesses.csv")
    assert entries["A"].type == "print" and entries["A"].description == "First, 1859"
    witnesses = collate.read_witnesses([folder])
    assert {w.siglum: w.date for w in witnesses} == {"A": "1859", "B": None, "C": "1872/1873"}
    result = CliRunner().invoke(app, ["stemma", str(folder), "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 0, result.output
    assert '"date": "1859"' in (tmp_path / "s.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("csv", "problem"),
    [
        ("siglum,date\nA,24.11.1859\n", "line 2: date '24.11.1859' is not an ISO 8601 date"),
        ("siglum,date\nZ,1859\n", "siglum 'Z' is not among the witnesses"),
        ("siglum,type\nA,scroll\n", "type 'scroll' is not one of manuscript, print, revision"),
        ("name,date\nA,1859\n", "'siglum' among them"),
        ("siglum,date\nA,1859\nA,1860\n", "siglum 'A' given twice"),
    ],
)
def test_bad_metadata_is_a_one_line_error(tmp_path: Path, csv: str, problem: str) -> None:
    folder = _folder(tmp_path, csv)
    result = CliRunner().invoke(app, ["stemma", str(folder)])
    assert result.exit_code == 1
    assert problem in result.output
    assert "witnesses.csv" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_apply_metadata_replaces_a_date_the_file_gives() -> None:
    witnesses = (Witness("A", "a b c", date="1500"), Witness("B", "a b d"))
    entries = {"A": read_metadata_entry("A", "1501")}
    assert [w.date for w in apply_metadata(witnesses, entries)] == ["1501", None]
    with pytest.raises(MetadataError):
        apply_metadata(witnesses, {"Q": read_metadata_entry("Q", "1501")})


def read_metadata_entry(siglum: str, date: str):  # type: ignore[no-untyped-def]
    from collate.metadata import WitnessMetadata

    return WitnessMetadata(siglum, date)


# --------------------------------------------------------------------------- exports


@pytest.fixture(scope="module")
def seeds(seed_witnesses: tuple[Witness, ...]) -> collate.Collation:
    return collate.collate(seed_witnesses, engine=ENGINE)


def test_nexus_matrix_holds_every_variant_location(seeds: collate.Collation) -> None:
    apparatus = seeds.apparatus
    stemma = infer_stemma(apparatus)
    text = render(stemma, "nexus", apparatus).decode("utf-8")
    assert text.startswith("#NEXUS")
    locations = apparatus.variant_locations
    assert f"NTAX={len(apparatus.sigla)};" in text
    assert f"NCHAR={len(locations)};" in text
    matrix = text.split("\tMATRIX\n")[1].split("\t;")[0].strip().splitlines()
    rows = {line.split()[0]: line.split()[1] for line in matrix}
    assert sorted(rows) == sorted(apparatus.sigla)
    for number, location in enumerate(locations):
        for a in apparatus.sigla:
            for b in apparatus.sigla:
                same = location.reading_of(a).normal == location.reading_of(b).normal
                assert (rows[a][number] == rows[b][number]) == same


def test_distance_matrix_is_symmetric(seeds: collate.Collation) -> None:
    apparatus = seeds.apparatus
    text = render(infer_stemma(apparatus), "distances", apparatus).decode("utf-8")
    header, *lines = text.strip().splitlines()
    sigla = header.split("\t")[1:]
    values = {line.split("\t")[0]: [float(x) for x in line.split("\t")[1:]] for line in lines}
    for i, a in enumerate(sigla):
        assert values[a][i] == 0
        for j, b in enumerate(sigla):
            assert values[a][j] == values[b][i]
            if a != b:
                assert values[a][j] > 0
    assert re.match(r"witness\t", header)


# --------------------------------------------------------------------------- lacunae


def _lacunose_tradition(marked: bool) -> Stemma:
    rng = random.Random(11)
    original = _words(600, rng)
    copies = {}
    for siglum, seed in (("B", 1), ("C", 2), ("D", 3)):
        local = random.Random(seed)
        copy = list(original)
        for _ in range(15):
            copy[local.randrange(len(copy))] = f"{siglum.lower()}{local.randrange(10_000)}"
        copies[siglum] = copy
    # D lost a leaf: 80 words in the middle
    lost = copies["D"][250:330]
    assert lost
    copies["D"] = copies["D"][:250] + (["\n[...]\n"] if marked else []) + copies["D"][330:]
    return _stemma(None, A=original, **copies)


def test_a_marked_lacuna_is_not_an_omission() -> None:
    plain = _lacunose_tradition(marked=False)
    marked = _lacunose_tradition(marked=True)
    edge_plain = next(e for e in plain.edges if e.target == "D")
    edge_marked = next(e for e in marked.edges if e.target == "D")
    assert edge_plain.evidence.omissions > edge_marked.evidence.omissions
    node = next(n for n in marked.nodes if n.id == "D")
    assert node.fragment is not None and "marks a lacuna" in node.fragment
    assert next(n for n in plain.nodes if n.id == "D").fragment is None
