"""A fragment or an excerpt the scholar declares (`extent` in witnesses.csv or
collate.toml, a defective text in a TEI manuscript description): what it lacks before
its first surviving text and after its last is lost, never omitted, however short, in
the apparatus, NEXUS, the printed apparatus and the stemma; a witness declared whole
lacks nothing at its ends; a bad extent is one line naming the file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import collate
from collate.absences import FRAGMENT, _Site, absences, find_fragments
from collate.formats.lemma import entries as entries_of

from .conftest import SHARED
from .test_hostile import MakeFolder, refused, works
from .test_lacunae_outputs import _matrix, _nexus

_TEXT = (
    "It was the best of times it was the worst of times it was the age of wisdom "
    "it was the age of foolishness it was the epoch of belief it was the epoch of "
    "incredulity it was the season of Light it was the season of Darkness it was the "
    "spring of hope it was the winter of despair we had everything before us we had "
    "nothing before us"
)
_WORDS = _TEXT.split()
#: C keeps all but its first ten words: too few for the collation to call it a fragment
_LOST = 10


def _witnesses(extent: str | None) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "A.txt": _TEXT + "\n",
        "B.txt": _TEXT.replace("wisdom", "wit").replace("Light", "light") + "\n",
        "C.txt": " ".join(_WORDS[_LOST:]).replace("wisdom", "wit") + "\n",
        "D.txt": _TEXT.replace("despair", "sorrow") + "\n",
    }
    if extent is not None:
        files["witnesses.csv"] = f"siglum,type,extent\nC,manuscript,{extent}\n"
    return files


def test_the_extent_is_read_from_witnesses_csv_and_the_project_file(
    write_files: MakeFolder,
) -> None:
    folder = write_files(_witnesses("Fragment"))
    extents = {w.siglum: w.extent for w in collate.read_witnesses([folder])}
    assert extents == {"A": None, "B": None, "C": "fragment", "D": None}
    # a file named on the command line wins where it says something, and leaves the rest
    given = folder.parent / "given.csv"
    given.write_text("siglum,date,extent\nC,1420,\nD,,excerpt\n", encoding="utf-8")
    read = {
        w.siglum: (w.date, w.extent) for w in collate.read_witnesses([folder], None, 2**20, [given])
    }
    assert read["C"] == ("1420", "fragment") and read["D"] == (None, "excerpt")
    project = write_files(
        {
            **_witnesses(None),
            "collate.toml": '[witnesses."C.txt"]\nextent = "excerpt"\n\n'
            '[witnesses."A.txt"]\nextent = "whole"\n',
        }
    )
    collation = collate.run([project], engine="anchor")
    assert {w.siglum: w.extent for w in collation.apparatus.witnesses} == {
        "A": "whole",
        "B": None,
        "C": "excerpt",
        "D": None,
    }


def test_a_short_declared_fragment_is_lost_text_in_every_output(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    plain = collate.run([write_files(_witnesses(None))], stemma=True)
    assert "C" not in absences(plain.apparatus)  # ten words: an omission, as found
    declared = collate.run([write_files(_witnesses("fragment"))], stemma=True)
    lost = absences(declared.apparatus)["C"]
    assert set(lost.values()) == {FRAGMENT}
    locations = declared.apparatus.variant_locations
    # every location before its first word, and no other
    first_kept = min(
        n.number for n in locations if n.reading_of("C").normal and n.number not in lost
    )
    assert lost and all(number < first_kept for number in lost)
    assert sum(len(locations[n - 1].reading_of("A").normal.split()) for n in lost) == _LOST
    # NEXUS: missing, not an omission
    row = _matrix(_nexus(declared, tmp_path))["C"]
    coded = {loc.number: symbol for loc, symbol in zip(locations, row, strict=True)}
    assert {coded[n] for n in lost} == {"?"}
    assert "?" not in _matrix(_nexus(plain, tmp_path))["C"]
    # the printed apparatus: lac., never om.
    edition = replace(declared, edition=collate.Edition(base="A"))
    kinds = {r.kind for e in entries_of(edition) for r in e.readings if "C" in r.sigla}
    assert "lac." in kinds and "om." not in kinds
    # TEI: a reading of its own, the lost text's gap
    works([write_files(_witnesses("fragment"))], tmp_path / "out.xml")
    tei = (tmp_path / "out.xml").read_text(encoding="utf-8")
    assert '<rdg wit="#C" type="fragment"><gap reason="fragment"/></rdg>' in tei
    # the report: not extant, not omitted
    works([write_files(_witnesses("fragment"))], tmp_path / "out.html")
    works([write_files(_witnesses(None))], tmp_path / "plain.html")
    cell = '<td class="lacks-fragment">'
    assert cell in (tmp_path / "out.html").read_text(encoding="utf-8")
    assert cell not in (tmp_path / "plain.html").read_text(encoding="utf-8")
    # the stemma says so
    assert declared.stemma is not None
    (node,) = (n for n in declared.stemma.nodes if n.id == "C")
    assert (node.fragment or "").startswith("a fragment (as its metadata says): it begins")


def test_a_witness_declared_whole_lacks_nothing_at_its_ends(write_files: MakeFolder) -> None:
    long_lost: dict[str, str | bytes] = {  # C lacks its first 40 of 70 words: found a fragment
        **_witnesses(None),
        "C.txt": " ".join(_WORDS[40:]) + "\n",
    }
    assert "C" in absences(collate.run([write_files(long_lost)]).apparatus)
    whole: dict[str, str | bytes] = {**long_lost, "witnesses.csv": "siglum,extent\nC,whole\n"}
    collation = collate.run([write_files(whole)], stemma=True)
    assert "C" not in absences(collation.apparatus)
    assert collation.stemma is not None
    assert all(node.fragment is None for node in collation.stemma.nodes)


def test_a_declared_fragment_the_collation_shows_whole_is_noted_not_refused(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    files: dict[str, str | bytes] = {
        **_witnesses(None),
        "witnesses.csv": "siglum,extent\nD,excerpt\n",
    }
    folder = write_files(files)
    works([folder], tmp_path / "out.xml")
    collation = collate.run([folder], stemma=True)
    assert "D" not in absences(collation.apparatus)
    assert collation.stemma is not None
    (node,) = (n for n in collation.stemma.nodes if n.id == "D")
    assert node.fragment is not None
    assert "an excerpt (as its metadata says), but it has text" in node.fragment


@pytest.mark.parametrize(
    ("files", "fragments"),
    [
        (
            {"witnesses.csv": "siglum,extent\nC,partial\n"},
            ["witnesses.csv", "line 2", "extent 'partial' is not one of fragment, excerpt, whole"],
        ),
        (
            {"witnesses.csv": "siglum,type\nC,fragment\n"},
            ["witnesses.csv", "type 'fragment'", "given as its extent"],
        ),
        (
            {"collate.toml": '[witnesses."C.txt"]\nextent = "half"\n'},
            ["collate.toml", "[witnesses.'C.txt']", "extent 'half'"],
        ),
        (
            {"collate.toml": '[witnesses."C.txt"]\nextent = true\n'},
            ["collate.toml", "every value must be text"],
        ),
    ],
)
def test_a_bad_extent_is_one_line_naming_the_file(
    write_files: MakeFolder,
    tmp_path: Path,
    files: dict[str, str | bytes],
    fragments: list[str],
) -> None:
    folder = write_files({**_witnesses(None), **files})
    refused([folder], tmp_path / "out.xml", *fragments)


def test_a_library_witness_with_an_unknown_extent_is_refused() -> None:
    with pytest.raises(collate.InvalidWitnessError, match="extent 'partial' is not one of"):
        collate.Witness("A", "the words", extent="partial")
    lost = collate.Witness("C", " ".join(_WORDS[_LOST:]), extent="fragment")
    whole = [collate.Witness(s, _TEXT) for s in "AB"]
    assert "C" in absences(collate.collate([*whole, lost]).apparatus)


_TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
    "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc>{source}"
    "</sourceDesc></fileDesc></teiHeader><text><body><p>{body}</p></body></text></TEI>"
)
_MS = "<msDesc><msIdentifier><idno>1</idno></msIdentifier>{inside}</msDesc>"


@pytest.mark.parametrize(
    ("inside", "extent"),
    [
        ('<msContents><msItem defective="true"><title>x</title></msItem></msContents>', "fragment"),
        (
            '<msContents><msItem><incipit defective="true">tatem dedit</incipit></msItem>'
            "</msContents>",
            "fragment",
        ),
        ("<msFrag><msIdentifier><idno>2</idno></msIdentifier></msFrag>", "fragment"),
        ('<msContents><msItem defective="false"><title>x</title></msItem></msContents>', "whole"),
        ("<msContents><msItem><title>x</title></msItem></msContents>", None),
    ],
)
def test_a_transcription_s_manuscript_description_gives_its_extent(
    write_files: MakeFolder, inside: str, extent: str | None
) -> None:
    source = _MS.format(inside=inside)
    folder = write_files(
        {"A.xml": _TEI.format(source=source, body="the words it keeps"), "B.txt": "the words"}
    )
    extents = {w.siglum: w.extent for w in collate.read_witnesses([folder])}
    assert extents == {"A": extent, "B": None}


_DARWIN = SHARED / "corpora" / "darwin-ch1"
_YEARS = ["1859", "1860", "1861", "1866", "1869", "1872"]


@pytest.mark.skipif(not _DARWIN.is_dir(), reason="no Darwin corpus (set COLLATE_SHARED)")
def test_a_declared_excerpt_of_darwin_keeps_the_chain(tmp_path: Path) -> None:
    """1869 cut to lines 5-25: the collation places the excerpt's first words before
    the chapter's beginning, which hid its lost beginning; declared, the chain is
    exact and the node says what it lacks at both ends."""
    for source in sorted(_DARWIN.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        if source.stem == "1869":
            text = "".join(text.splitlines(keepends=True)[4:25])
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    (tmp_path / "witnesses.csv").write_text("siglum,extent\n1869,excerpt\n", encoding="utf-8")
    stemma = collate.run([tmp_path], stemma=True).stemma
    assert stemma is not None
    assert {(e.source, e.target) for e in stemma.edges} == set(
        zip(_YEARS, _YEARS[1:], strict=False)
    )
    (node,) = (n for n in stemma.nodes if n.id == "1869")
    assert (node.fragment or "").startswith("an excerpt (as its metadata says): it begins after")
    assert " and ends before " in (node.fragment or "")


_READINGS = st.sampled_from([(), ("a",), ("b", "c"), ("d", "e", "f", "g")])


@st.composite
def _sites(draw: st.DrawFn) -> list[_Site]:
    count = draw(st.integers(1, 30))
    sites = []
    for number in range(1, count + 1):
        readings = [draw(_READINGS) for _ in range(3)]
        distinct = list(dict.fromkeys(readings))
        states = tuple(distinct.index(r) for r in readings)
        sites.append(_Site(number, states, tuple(distinct), draw(st.integers(0, 6))))
    return sites


@settings(max_examples=200, deadline=None)
@given(_sites(), st.integers(0, 6), st.sampled_from(["fragment", "excerpt", "whole"]))
# its only text is the one word all witnesses open with: it lacks the end, not the start
@example([_Site(1, (0, 1, 0), ((), ("a",)), 1)], 0, "fragment")
def test_a_declared_extent_sets_aside_only_text_beyond_what_the_witness_has(
    sites: list[_Site], trailing: int, extent: str
) -> None:
    total = sum(s.gap_before + max(len(r) for r in s.readings) for s in sites) + trailing
    found = find_fragments(sites, trailing, 3, total, extents={0: extent}).get(0)
    if extent == "whole":
        assert found is None or not (found.start or found.end)
        return
    if found is None:
        return
    assert found.declared == extent and found.sure
    for index in (*found.start, *found.end):
        site = sites[index]
        assert not site.readings[site.states[0]]  # it reads nothing there
        assert any(site.readings[s] for s in site.states[1:])  # another has text
    # the lost beginning comes before the lost end, and each is whole to its edge of
    # the text the witness keeps: no site where it has text is set aside
    if found.start and found.end:
        assert max(found.start) < min(found.end)
    kept = [i for i, s in enumerate(sites) if s.readings[s.states[0]]]
    # the text every witness has before the first site and after the last is the
    # witness's text too (its surviving text may be that alone)
    kept = [-1] * bool(sites[0].gap_before) + kept + [len(sites)] * bool(trailing)
    if kept and found.start:
        assert max(found.start) < max(kept)
    if kept and found.end:
        assert min(found.end) > min(kept)
