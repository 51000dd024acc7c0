"""Issue 12: dates. An invalid TEI date in a witness is never copied into an apparatus,
and `collate validate` finds one that is there, as tei_all would."""

from __future__ import annotations

from pathlib import Path

import collate
from collate.validate import check_file

from .conftest import assert_tei_valid
from .test_hostile import MakeFolder, cli, works

TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
    "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><bibl>"
    '<date when="{when}">{when}</date></bibl></sourceDesc></fileDesc></teiHeader><text><body>'
    "<p>the cat sat</p></body></text></TEI>"
)


def test_an_invalid_when_in_a_witness_is_not_copied(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"A.xml": TEI.format(when="yesterday"), "B.txt": "the dog sat"})
    output = tmp_path / "apparatus.xml"
    works([folder], output)
    assert b"yesterday" not in output.read_bytes()
    assert_tei_valid(output.read_bytes())
    assert check_file(output) == []


def test_a_valid_when_is_kept(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.xml": TEI.format(when="1859-11-24"), "B.txt": "the dog sat"})
    output = tmp_path / "apparatus.xml"
    works([folder], output)
    assert_tei_valid(output.read_bytes())
    dates = {w.siglum: w.date for w in collate.read_witnesses([output])}
    assert dates == {"A": "1859-11-24", "B": None}


def test_a_date_range_from_metadata_is_valid_tei_and_reads_back(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {
            "A.txt": "the cat sat",
            "B.txt": "the dog sat",
            "witnesses.csv": "siglum,date\nA,1859/1860\nB,1872\n",
        }
    )
    output = tmp_path / "apparatus.xml"
    works([folder], output)
    data = output.read_bytes()
    assert b'notBefore="1859"' in data and b'notAfter="1860"' in data
    assert_tei_valid(data)
    dates = {w.siglum: w.date for w in collate.read_witnesses([output])}
    assert dates == {"A": "1859/1860", "B": "1872"}


def test_a_witness_dated_by_hand_is_written_as_text_only(tmp_path: Path) -> None:
    collation = collate.collate(
        [collate.Witness("A", "the cat", date="yesterday"), collate.Witness("B", "a cat")],
        engine="anchor",
    )
    data = collate.render(collation, "tei")
    assert b">yesterday</date>" in data and b'when="yesterday"' not in data
    assert_tei_valid(data)


def test_validate_finds_an_invalid_date_and_reports_each_file(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    good = tmp_path / "good.xml"
    works([write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})], good)
    bad = tmp_path / "bad.xml"
    bad.write_bytes(
        good.read_bytes().replace(b"<sourceDesc>", b'<sourceDesc><p><date when="yesterday"/></p>')
    )
    problems = check_file(bad)
    assert len(problems) == 1 and "'yesterday' is not a W3C date" in problems[0], problems
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI><unclosed>")
    code, stderr = cli("validate", bad, broken, good)
    assert code == 1, stderr
    lines = stderr.strip().splitlines()
    assert any("bad.xml" in line and "yesterday" in line for line in lines), lines
    assert any("broken.xml" in line and "not well-formed" in line for line in lines), lines
