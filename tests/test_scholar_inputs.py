"""What a textual scholar's own files say is kept and honoured: a witness's description
and date range, text the transcriber supplied, a CollateX file that says two things,
a token pattern that would collate letters, and a damaged apparatus read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import collate

from .test_hostile import MakeFolder, cli, cli_stdout, refused, works

_HEADER = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{siglum}'
    "</title></titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc>{source}"
    "</sourceDesc></fileDesc></teiHeader><text><body><p>{body}</p></body></text></TEI>"
)


def _transcription(siglum: str, body: str, source: str = "<p>x</p>") -> str:
    return _HEADER.format(siglum=siglum, body=body, source=source)


def test_a_description_in_witnesses_csv_reaches_the_tei_and_the_report(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {
            "A.txt": "the quick brown fox jumps\n",
            "B.txt": "the quick red fox leaps\n",
            "witnesses.csv": "siglum,date,description\nA,1859,First edition\nB,,Second one\n",
        }
    )
    (witness,) = (w for w in collate.read_witnesses([folder]) if w.siglum == "A")
    assert (witness.date, witness.description) == ("1859", "First edition")
    works([folder], tmp_path / "out.xml")
    works([folder], tmp_path / "out.html")
    tei = (tmp_path / "out.xml").read_text(encoding="utf-8")
    assert '<note type="description">First edition</note>' in tei
    assert '<note type="description">Second one</note>' in tei
    assert "First edition" in (tmp_path / "out.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("date", "recorded"),
    [
        ('<date notBefore="1430" notAfter="1450">s. xv med.</date>', "1430/1450"),
        ('<date from="1401-03" to="1402">1401-2</date>', "1401-03/1402"),
        ('<date when="1430">1430</date>', "1430"),
        ('<date notBefore="1450" notAfter="1430">?</date>', None),  # ends before it begins
        ('<date notBefore="1430">after 1430</date>', None),  # open: no range to record
    ],
)
def test_a_transcription_s_date_range_is_read(
    write_files: MakeFolder, date: str, recorded: str | None
) -> None:
    source = f"<msDesc><history><origin>{date}</origin></history></msDesc>"
    folder = write_files(
        {
            "A.txt": "the quick red fox\n",
            "B.xml": _transcription("B", "the quick brown fox", source),
        }
    )
    (witness,) = (w for w in collate.read_witnesses([folder]) if w.siglum == "B")
    assert witness.date == recorded


def test_supplied_text_is_no_reading_of_the_witness(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    body = (
        'In the <supplied reason="damage">beginning</supplied> was the word and '
        '<supplied reason="omitted">the</supplied> word was with god'
    )
    folder = write_files(
        {
            "P.xml": _transcription("P", body),
            "Q.txt": "In the beginning was the word and the word was with god\n",
        }
    )
    witnesses = {w.siglum: w for w in collate.read_witnesses([folder])}
    words = witnesses["P"].text.split()
    # damaged and supplied: a lacuna; left out by the scribe and supplied: not there
    assert "beginning" not in words and "[...]" in words
    assert words[words.index("and") + 1] == "word"
    works([folder], tmp_path / "out.xml")
    tei = (tmp_path / "out.xml").read_text(encoding="utf-8")
    assert '<gap reason="lacuna"/><milestone unit="lacuna" ed="#P" n="supplied: beginning"/>' in tei
    code, data = cli_stdout("extract", tmp_path / "out.xml", "P")
    assert code == 0 and data.decode() == witnesses["P"].text


def test_extract_refuses_an_apparatus_that_names_a_witness_nowhere(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"A.txt": "the quick brown fox\n", "B.txt": "the slow brown fox\n"})
    apparatus = tmp_path / "out.xml"
    works([folder], apparatus)
    code, data = cli_stdout("extract", apparatus, "A")
    assert code == 0 and data == b"the quick brown fox\n"
    tei = apparatus.read_text(encoding="utf-8")
    broken = tei.replace('<rdg wit="#A">quick</rdg>', '<rdg wit="#B">quick</rdg>')
    assert broken != tei
    apparatus.write_text(broken.replace('<rdg wit="#B">slow</rdg>', ""), encoding="utf-8")
    code, stderr = cli("extract", apparatus, "A")
    lines = stderr.strip().splitlines()
    assert code == 1 and len(lines) == 1, stderr
    assert "not a sound apparatus" in lines[0] and "app 1 (line" in lines[0]
    assert "'A'" in lines[0] and "named by no reading" in lines[0]


def test_a_collatex_file_whose_content_and_tokens_differ_is_refused(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    same = {"id": "a", "content": "x y", "tokens": [{"t": "x"}, {"t": "y"}]}
    other = {"id": "b", "content": "x z"}
    folder = write_files({"w.json": json.dumps({"witnesses": [same, other]})})
    works([folder], tmp_path / "ok.xml")
    differ = {"id": "a", "content": "x y", "tokens": [{"t": "q"}]}
    folder = write_files({"w.json": json.dumps({"witnesses": [differ, other]})})
    refused([folder], tmp_path / "out.xml", "w.json", "witness 'a'", '"content" and "tokens"')


def test_an_alignment_table_is_named_as_such(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "the quick brown fox\n", "B.txt": "the slow brown fox\n"})
    works([folder], tmp_path / "table.json")
    refused([tmp_path / "table.json"], tmp_path / "out.xml", "table.json", "alignment table")


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [(r"\S+\s*", "whitespace"), ("x*", "an empty token"), (".+", "whitespace")],
)
def test_a_token_pattern_that_would_collate_letters_is_refused(
    write_files: MakeFolder, tmp_path: Path, pattern: str, problem: str
) -> None:
    folder = write_files({"A.txt": "the quick brown fox\n", "B.txt": "the slow brown fox\n"})
    output = tmp_path / "out.xml"
    code, stderr = cli("run", folder, "-o", output, "--token-pattern", pattern)
    assert code == 2 and stderr.count("\n") == 1, stderr
    assert f"--token-pattern {pattern!r}" in stderr and problem in stderr
    assert not output.exists()


@pytest.mark.parametrize("pattern", [r"\w*", r"(?i)the|\w+", r"[\w']+|[^\w\s]", r"\d+"])
def test_a_token_pattern_that_only_misses_some_signs_is_taken(
    write_files: MakeFolder, tmp_path: Path, pattern: str
) -> None:
    folder = write_files({"A.txt": "the quick — brown fox\n", "B.txt": "the slow brown fox\n"})
    works([folder], tmp_path / "out.xml", ("--token-pattern", pattern))


def test_a_corpus_reports_a_member_s_unusable_date(tmp_path: Path) -> None:
    text = "The quick brown fox jumps over the lazy dog near the river bank today and {}"
    rows = [
        {"id": "a", "text": text.format("tomorrow"), "date": "yesterday"},
        {"id": "b", "text": text.format("again"), "date": "2020-01-02"},
    ]
    table = tmp_path / "news.jsonl"
    table.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    code, stderr = cli("corpus", table, "-o", tmp_path / "out", "-q")
    assert code == 0, stderr
    with (tmp_path / "out" / "index.csv").open(encoding="utf-8") as handle:
        (group,) = (row for row in csv.DictReader(handle) if row["kind"] == "group")
    assert group["members"] == "a; b" and group["dates"] == "; 2020-01-02"
    assert group["problem"].startswith("a: date 'yesterday' is not an ISO 8601 date")


def test_nexus_says_where_readings_outnumber_its_state_symbols(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({f"W{i:02}.txt": f"the word{i} stands here\n" for i in range(40)})
    code, stderr = cli("stemma", folder, "-o", tmp_path / "x.nex", "-q")
    assert code == 0, stderr
    nexus = (tmp_path / "x.nex").read_text(encoding="utf-8")
    assert "[Coded ? (missing) past the 36th reading: L1 (40 readings)]" in nexus
    matrix = nexus[nexus.index("MATRIX") :].splitlines()
    rows = dict(line.split() for line in matrix if line.strip().startswith("W"))
    assert rows["W00"] == "0" and rows["W35"] == "Z" and rows["W39"] == "?"


def test_utf16_without_its_mark_is_named_with_the_fix(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {"A.txt": "the quick brown fox\n".encode("utf-16-le"), "B.txt": "the slow fox\n"}
    )
    refused([folder], tmp_path / "out.xml", "A.txt", "UTF-16 without a byte-order mark")
    folder = write_files({"A.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "B.txt": "the fox\n"})
    refused([folder], tmp_path / "out.xml", "A.txt", "binary file")


def test_extract_names_a_transcription_as_such(write_files: MakeFolder) -> None:
    folder = write_files({"P.xml": _transcription("P", "the quick brown fox")})
    code, stderr = cli("extract", folder / "P.xml", "P")
    assert code == 1 and "a TEI transcription, not an apparatus" in stderr, stderr


def test_a_scheduler_that_is_no_address_is_a_bad_command_line(tmp_path: Path) -> None:
    table = tmp_path / "news.jsonl"
    table.write_text('{"id": "a", "text": "the quick brown fox"}\n', encoding="utf-8")
    code, stderr = cli("corpus", table, "-o", tmp_path / "out", "--scheduler", "foo")
    assert code == 2 and "--scheduler 'foo' is not a scheduler address" in stderr, stderr
    assert not (tmp_path / "out" / "index.csv").exists()


def test_the_words_beside_a_lacuna_still_align(write_files: MakeFolder) -> None:
    """A lacuna marker weighs as one sign, so the words between two lacunae are matched
    with the other witness's, not read as omitted beside a rewritten passage."""
    folder = write_files(
        {
            "P.txt": "In the beginning was the word and the word was with god\n[...]\namen\n"
            "[...]\nend\n",
            "Q.txt": "In the beginning was the word and the word was with god amen and more "
            "words end\n",
        }
    )
    collation = collate.collate(collate.read_witnesses([folder]))
    readings = [
        {r.text.strip(): r.sigla for r in location.readings}
        for location in collation.apparatus.variant_locations
    ]
    assert readings == [{"[...]": ("P",), "": ("Q",)}, {"[...]": ("P",), "and more words": ("Q",)}]


def test_metadata_given_on_the_command_line_wins_over_the_folders(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {
            "A.txt": "the quick brown fox jumps\n",
            "B.txt": "the quick red fox leaps\n",
            "witnesses.csv": "siglum,date,description\nA,1859,First\nB,1860,Second\n",
        }
    )
    given = tmp_path / "meta.csv"
    given.write_text("siglum,date\nA,1858\n", encoding="utf-8")
    found = {
        w.siglum: (w.date, w.description)
        for w in collate.read_witnesses([folder], metadata=[given])
    }
    assert found == {"A": ("1858", "First"), "B": ("1860", "Second")}
    works([folder], tmp_path / "out.xml", extra=("--metadata", str(given)))
    twice = tmp_path / "twice.csv"
    twice.write_text("siglum,date\nA,1857\n", encoding="utf-8")
    with pytest.raises(collate.WitnessError, match="also given in"):
        collate.read_witnesses([folder], metadata=[given, twice])  # two of one kind still clash
