"""Issue 12: another tool's apparatus read back. Every witness's text is read, or the
file is refused in one line; no text is dropped in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate import ApparatusFileError, WitnessError
from collate.validate import check_file

from .test_hostile import cli

HEADER = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc>{wits}</sourceDesc>"
    "</fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
)
THREE = (
    '<listWit><witness xml:id="A">A</witness><witness xml:id="B">B</witness>'
    '<witness xml:id="C">C</witness></listWit>'
)


def apparatus(tmp_path: Path, body: str, wits: str = THREE) -> Path:
    path = tmp_path / "other.xml"
    path.write_text(HEADER.format(wits=wits, body=body), encoding="utf-8")
    return path


def texts(path: Path) -> dict[str, str]:
    return {w.siglum: w.text for w in collate.read_witnesses([path])}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a lemma without @wit: the witnesses no reading names
            '<ab>the <app><lem>black</lem><rdg wit="#B">white</rdg></app> cat</ab>',
            {"A": "the black cat", "B": "the white cat", "C": "the black cat"},
        ),
        (  # the same inside a reading group
            '<ab>the <app><lem>black</lem><rdgGrp><rdg wit="#B #C">grey</rdg></rdgGrp></app>'
            " cat</ab>",
            {"A": "the black cat", "B": "the grey cat", "C": "the grey cat"},
        ),
        (  # @wit with bare ids, no '#'
            '<ab>the <app><rdg wit="A C">black</rdg><rdg wit="B">white</rdg></app> cat</ab>',
            {"A": "the black cat", "B": "the white cat", "C": "the black cat"},
        ),
    ],
    ids=["lem-without-wit", "lem-without-wit-and-rdgGrp", "wit-without-hash"],
)
def test_readings_of_other_tools_are_credited(
    tmp_path: Path, body: str, expected: dict[str, str]
) -> None:
    path = apparatus(tmp_path, body)
    assert texts(path) == expected
    for siglum, text in expected.items():
        assert collate.extract(path, siglum).data == text.encode()
    assert check_file(path) == []  # validate reads the file the same way


def test_a_wit_naming_a_list_of_witnesses(tmp_path: Path) -> None:
    wits = (
        '<listWit><listWit xml:id="alpha"><witness xml:id="A">A</witness>'
        '<witness xml:id="B">B</witness></listWit><witness xml:id="C">C</witness></listWit>'
    )
    body = '<ab>the <app><rdg wit="#alpha">black</rdg><rdg wit="#C">white</rdg></app> cat</ab>'
    path = apparatus(tmp_path, body, wits)
    assert texts(path) == {"A": "the black cat", "B": "the black cat", "C": "the white cat"}
    assert check_file(path) == []


def test_paragraphs_heads_and_lines_are_every_witness_s_text(tmp_path: Path) -> None:
    """`p`, `l` and `head` are text blocks like `ab` (collate writes the structure every
    witness shares as them), so their text outside every `<app>` is every witness's; where
    the file does not preserve its whitespace, a block's end is a line's end."""
    body = (
        '<div><head>Chapter one</head><lg><l>the <app><rdg wit="#A #B">cat</rdg>'
        '<rdg wit="#C">dog</rdg></app></l></lg><p>sat on the mat</p></div>'
    )
    path = apparatus(tmp_path, body)
    expected = "Chapter one\nthe {}\nsat on the mat"
    assert texts(path) == {
        "A": expected.format("cat"),
        "B": expected.format("cat"),
        "C": expected.format("dog"),
    }
    assert check_file(path) == []


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (
            '<ab>the <app><rdg wit="#A #B #C">cat</rdg></app></ab><lg>sat on the mat</lg>',
            "sat on",
        ),
        ('<ab>the <app><rdg wit="#A #B #C">cat</rdg></app></ab>and more', "and more"),
        (
            '<div>Chapter one<ab>the <app><rdg wit="#A #B #C">cat</rdg></app></ab></div>',
            "Chapter one",
        ),
        ('<ab>the <app><rdg wit="#A #B">cat</rdg><rdg wit="#D">dog</rdg></app></ab>', "'D'"),
    ],
    ids=["lg-after-ab", "tail-after-ab", "div-text-before-ab", "unknown-witness"],
)
def test_text_for_no_witness_is_refused_in_one_line(
    tmp_path: Path, body: str, fragment: str
) -> None:
    path = apparatus(tmp_path, body)
    with pytest.raises(WitnessError) as read_error:
        collate.read_witnesses([path])
    assert fragment in str(read_error.value) and str(path) in str(read_error.value)
    with pytest.raises(ApparatusFileError) as extract_error:
        collate.extract(path, "A")
    assert fragment in str(extract_error.value)
    code, stderr = cli("extract", path, "A")
    assert code == 1 and len(stderr.strip().splitlines()) == 1 and fragment in stderr, stderr
    assert check_file(path)  # validate calls it invalid too
