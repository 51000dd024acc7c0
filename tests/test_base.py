"""A base text: `<lem>` from the base witness in every location it reads in (still
lossless and tei_all-valid), and the lemma ] variants apparatus in plain text and
Markdown (collate/formats/lemma.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

import collate
from collate import Edition, Witness
from collate.formats.json import table
from collate.model import SharedText

from .conftest import ROOT, SEEDS, assert_tei_valid
from .test_cli import MakeFolder, assert_one_line_error, run

CHAUCER = ROOT / "tests" / "fixtures" / "chaucer"


def _with_base(witnesses: list[Witness] | tuple[Witness, ...], base: str) -> collate.Collation:
    return collate.collate(witnesses, edition=Edition(base=base))


def _check_lemmata(data: bytes, base_id: str) -> int:
    """Every location with the base among its witnesses has one `<lem>`, first, naming
    it; no other has one. Returns how many locations have a `<lem>` (an `<app>` of
    locations only whitespace separates holds them all, `@n` naming each)."""
    root = etree.fromstring(data)
    numbers: set[str] = set()
    for app in root.iter("{http://www.tei-c.org/ns/1.0}app"):
        readings = [c for c in app if c.tag.endswith("}rdg") or c.tag.endswith("}lem")]
        named = [r for r in readings if f"#{base_id}" in (r.get("wit") or "").split()]
        lems = [r for r in readings if r.tag.endswith("}lem")]
        if named:
            assert lems == named and readings[0] is named[0], etree.tostring(app)[:300]
            numbers.update(str(app.get("n")).split())
        else:
            assert not lems
    return len(numbers)


@pytest.mark.parametrize("base", ["El", "Hg", "Cx"])
def test_lem_in_every_location_chaucer(base: str) -> None:
    witnesses = collate.read_witnesses([CHAUCER])
    collation = _with_base(witnesses, base)
    data = collate.render(collation, "tei")
    assert _check_lemmata(data, base) == len(collation.apparatus.variant_locations)
    assert_tei_valid(data)
    for witness in witnesses:
        assert collation.apparatus.text_of(witness.siglum) == witness.text


def test_lem_with_nested_locations_seeds(tmp_path: Path) -> None:
    witnesses = collate.read_witnesses([SEEDS])
    base = witnesses[1].siglum
    data = collate.render(_with_base(witnesses, base), "tei")
    assert _check_lemmata(data, "w" + base) > 0
    assert_tei_valid(data)
    path = tmp_path / "seeds.xml"
    path.write_bytes(data)
    for witness in witnesses:
        assert collate.extract(path, witness.siglum).data.decode("utf-8") == witness.text
    plain = collate.render(collate.collate(witnesses), "tei")
    assert b"<lem" not in plain  # without a base, the positive apparatus stays


def test_lemma_entries_read_like_a_printed_apparatus() -> None:
    collation = _with_base(
        [Witness("A", "the black cat sat\non the mat"), Witness("B", "the cat sat\non a mat")],
        "A",
    )
    lines = collate.render(collation, "lemma").decode().splitlines()
    assert lines[-2:] == ["1 black] A; om. B", "2 the] A; a B"]
    other = _with_base(
        [Witness("A", "the black cat sat\non the mat"), Witness("B", "the cat sat\non a mat")],
        "B",
    )
    lines = collate.render(other, "lemma").decode().splitlines()
    assert lines[-2:] == ["1 the] B; add. black A", "2 a] B; the A"]


def test_chaucer_lemma_apparatus(tmp_path: Path) -> None:
    out = tmp_path / "app.txt"
    code, _, stderr = run("run", CHAUCER, "--format", "lemma", "-o", out)
    assert code == 0, stderr
    text = out.read_text()
    assert text.startswith("The General Prologue, lines 1–10: three spellings\n")
    assert "Base text: El\n" in text
    assert "1 Whan] El Hg; Whanne Cx¹\n" in text
    assert "3 every] El; euery Cx¹ Hg\n" in text
    assert "9 foweles] El; briddes Cx¹; add. / Hg\n" in text
    assert "3 swich] El Hg; swiche Cx¹\n3 licour] El; lycour Cx¹ Hg\n" in text


def test_the_lemma_ending_chooses_the_lemma_apparatus(tmp_path: Path) -> None:
    by_name, by_ending = tmp_path / "app.txt", tmp_path / "app.lemma"
    assert run("run", CHAUCER, "--format", "lemma", "-o", by_name)[0] == 0
    code, _, stderr = run("run", CHAUCER, "-o", by_ending)
    assert code == 0, stderr
    assert by_ending.read_bytes() == by_name.read_bytes()


def test_markdown_footnotes_carry_the_base_text(tmp_path: Path) -> None:
    witnesses = collate.read_witnesses([CHAUCER])
    collation = _with_base(witnesses, "Hg")
    markdown = collate.render(collation, "markdown").decode()
    body, _, notes = markdown.partition("\n\n[^1]:")
    body = body.split("\n\n", 3)[3]  # the title, the base, the list of sigla
    numbers = re.findall(r"\[\^(\d+)\]", body)
    # a location where the base reads nothing, right after another, is an addition in
    # that one's note
    folded, previous = set(), None
    for segment in collation.apparatus.segments:
        if isinstance(segment, SharedText):
            previous = previous if not segment.text.strip() else None
            continue
        if previous is not None and not segment.reading_of("Hg").text:
            folded.add(segment.number)
        else:
            previous = segment.number
    locations = collation.apparatus.variant_locations
    assert [int(n) for n in numbers] == [
        loc.number for loc in locations if loc.number not in folded
    ]
    assert notes.count("\n[^") + 1 == len(numbers)
    plain = re.sub(r"\[\^\d+\]", "", body).replace("  \n", "\n")
    plain = re.sub(r"\\(.)", r"\1", plain)
    hengwrt = (CHAUCER / "Hg.txt").read_text()
    assert plain == hengwrt.rstrip()


def test_lemma_base_is_the_named_or_first_witness(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "the cat", "B.txt": "the dog"})
    out = tmp_path / "app.md"
    assert run("run", folder, "-o", out, "--base", "B")[0] == 0
    assert "dog] B; cat A" in out.read_text()
    assert run("run", folder, "-o", out)[0] == 0  # no base: the first witness
    assert "Base text: A." in out.read_text()
    code, _, stderr = run("run", folder, "-o", out, "--base", "Q")
    assert_one_line_error(code, stderr, "--base 'Q' is no witness")
    assert run("run", folder, "-o", out, "--base", "A")[0] == 0
    assert "cat] A; dog B" in out.read_text()


def test_wit_start_switch(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "the cat", "B.txt": "the dog"})
    out = tmp_path / "app.xml"
    assert run("run", folder, "-o", out)[0] == 0
    assert b"witStart" not in out.read_bytes()
    assert run("run", folder, "-o", out, "--wit-start")[0] == 0
    data = out.read_bytes()
    assert data.count(b"<witStart/>") == 1
    assert_tei_valid(data)
    for siglum, text in (("A", "the cat"), ("B", "the dog")):
        assert collate.extract(out, siglum).data.decode() == text


def test_every_location_is_cited_by_its_line() -> None:
    """`<app loc>`: the line of the base (else the first witness) the location is on."""
    witnesses = collate.read_witnesses([CHAUCER])
    for base, expected in (("Hg", {"foweles": "9", "Aueryll": "1", "Iye": "10"}), (None, {})):
        edition = Edition(base=base)
        data = collate.render(collate.collate(witnesses, edition=edition), "tei")
        apps = list(etree.fromstring(data).iter("{http://www.tei-c.org/ns/1.0}app"))
        assert apps and all(a.get("loc", "").isdigit() for a in apps)
        for word, line in expected.items():
            (app,) = [a for a in apps if word in "".join(a.itertext())]
            assert app.get("loc") == line
        assert_tei_valid(data)


def test_json_lists_the_locations_with_their_references() -> None:

    collation = _with_base(collate.read_witnesses([CHAUCER]), "Hg")
    rendered = collate.render(collation, "json").decode()
    assert (
        rendered
        == json.dumps(table(collation), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    )
    data = json.loads(rendered)
    assert data["reference_witness"] == "Hg"
    tei = etree.fromstring(collate.render(collation, "tei"))
    # an app cites the line its first location begins on (one of locations that only
    # whitespace separates may stand on the next line)
    apps = list(tei.iter("{http://www.tei-c.org/ns/1.0}app"))
    locs = {str(app.get("n")).split()[0]: app.get("loc") for app in apps}
    assert {n for app in apps for n in str(app.get("n")).split()} == {
        str(loc["number"]) for loc in data["locations"]
    }
    assert [str(loc["loc"]) for loc in data["locations"] if str(loc["number"]) in locs] == [
        locs[str(loc["number"])] for loc in data["locations"] if str(loc["number"]) in locs
    ]
    assert len(data["locations"]) == len(collation.apparatus.variant_locations)


def test_tsv_rows_carry_the_location_and_line() -> None:
    collation = _with_base(collate.read_witnesses([CHAUCER]), "Hg")
    lines = collate.render(collation, "tsv").decode().splitlines()
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    assert header[-2:] == ["location", "line"]
    first_rows: dict[int, list[str]] = {}
    for row in rows:
        if row[-2]:
            first_rows.setdefault(int(row[-2]), row)
    json_locations = json.loads(collate.render(collation, "json"))["locations"]
    assert {n: int(r[-1]) for n, r in first_rows.items()} == {
        loc["number"]: loc["loc"] for loc in json_locations
    }
    assert rows[-1][-1] == "10"  # Hengwrt's tenth line
