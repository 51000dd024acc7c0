"""What a scholar new to the tool ran into on first use: each case is refused in one
line naming the file and the problem (exit 1, nothing written), or works as the README
says it does."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate.corpus.run import CorpusSummary
from collate.metadata import check_date
from collate.rules import RulesError, parse_rules

from .test_hostile import MakeFolder, cli, refused, works

# ------------------------------------------------------------ rules: runaway patterns


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)+b", "(\\w+\\s?)*x", "(.*a){20}"])
def test_a_rule_that_could_backtrack_for_ever_is_refused(pattern: str) -> None:
    with pytest.raises(RulesError) as error:
        parse_rules(f"u = v\n/{pattern}/ = x\n", "spelling.rules")
    message = str(error.value)
    assert message.startswith("spelling.rules, line 2: ") and "for ever" in message
    assert "\n" not in message


def test_a_safe_rule_pattern_is_still_taken() -> None:
    rules = parse_rules("/(.)\\1/ = \\1\n/a++$/ = x\n/^(?:ab)+c/ = y\n")
    assert rules.apply("aabb") == "ab" and rules.apply("ba") == "bx"


def test_the_cli_refuses_a_runaway_rule_before_reading(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"A.txt": "the " + "a" * 12 + "b end", "B.txt": "the b end"})
    rules = tmp_path / "spelling.rules"
    rules.write_text("# doubled letters\n/(a+)+$/ = x\n", encoding="utf-8")
    refused([folder], tmp_path / "out.xml", "spelling.rules, line 2", extra=("--rules", str(rules)))


def test_a_project_file_s_runaway_rule_is_refused(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {
            "A.txt": "the aab end",
            "B.txt": "the b end",
            "spelling.rules": "/(a|aa)+b/ = x\n",
            "collate.toml": 'rules = "spelling.rules"\n',
        }
    )
    refused([folder], tmp_path / "out.xml", "spelling.rules, line 1", "for ever")


# ------------------------------------------------------------ dates: the calendar's


@pytest.mark.parametrize(
    ("date", "problem"),
    [
        ("1859-13-45", "no month 13"),
        ("1859-13", "no month 13"),
        ("1859-00", "no month 00"),
        ("1859-02-30", "not 30"),
        ("1900-02-29", "not 29"),
        ("1859-04-31", "not 31"),
        ("1859-11-00", "not 00"),
        ("1400/1859-13", "no month 13"),
        ("1859-02-30/1860", "not 30"),
    ],
)
def test_an_impossible_calendar_date_is_refused(date: str, problem: str) -> None:
    message = check_date(date) or ""
    assert "not a calendar date" in message and problem in message


@pytest.mark.parametrize(
    "date", ["1859", "1859-11", "1859-11-24", "1860-02-29", "2000-02-29", "-0044-03-15", "0000"]
)
def test_a_real_calendar_date_is_taken(date: str) -> None:
    assert check_date(date) is None
    assert check_date(f"{date}/2001-12-31") is None


def test_a_project_file_s_impossible_date_is_refused(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {
            "A.txt": "the cat",
            "B.txt": "the dog",
            "collate.toml": '[witnesses."A.txt"]\ndate = "1859-13-45"\n',
        }
    )
    refused([folder], tmp_path / "out.xml", "collate.toml", "A.txt", "1859-13-45", "month 13")


def test_a_metadata_file_s_impossible_date_is_refused(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {"A.txt": "the cat", "B.txt": "the dog", "witnesses.csv": "siglum,date\nA,1859-02-30\n"}
    )
    refused([folder], tmp_path / "out.xml", "witnesses.csv, line 2", "(witness 'A')", "1859-02-30")


def test_a_leap_day_is_written(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {"A.txt": "the cat", "B.txt": "the dog", "witnesses.csv": "siglum,date\nA,1860-02-29\n"}
    )
    output = tmp_path / "out.xml"
    works([folder], output)
    assert {w.siglum: w.date for w in collate.read_witnesses([output])}["A"] == "1860-02-29"


# ------------------------------------------------------------ one name in two folders


def _two_folders(tmp_path: Path) -> Path:
    root = tmp_path / "edition"
    for folder, text in (("d1", "the cat sat"), ("d2", "the dog sat")):
        (root / folder).mkdir(parents=True)
        (root / folder / "X.txt").write_text(text + "\n", encoding="utf-8")
    return root


def test_one_name_in_two_folders_is_refused_with_the_remedy(tmp_path: Path) -> None:
    root = _two_folders(tmp_path)
    refused(
        [root / "d1" / "X.txt", root / "d2" / "X.txt"],
        tmp_path / "out.xml",
        "duplicate siglum 'X'",
        "collate.toml",
        "siglum = ",
    )


def test_the_project_gives_sigla_by_path(tmp_path: Path) -> None:
    root = _two_folders(tmp_path)
    project = root / "collate.toml"
    project.write_text(
        '[witnesses."d1/X.txt"]\nsiglum = "X1"\n[witnesses."./d2//X.txt"]\nsiglum = "X2"\n'
        'date = "1860"\n',
        encoding="utf-8",
    )
    output = tmp_path / "out.xml"
    works([root / "d1" / "X.txt", root / "d2" / "X.txt"], output, ("--project", str(project)))
    dates = {w.siglum: w.date for w in collate.read_witnesses([output])}
    assert dates == {"X1": None, "X2": "1860"}
    assert collate.extract(output, "X2").data == (root / "d2" / "X.txt").read_bytes()
    # the project's own inputs, and folders given to it, are matched the same way
    project.write_text('inputs = ["d1", "d2"]\n' + project.read_text(), encoding="utf-8")
    collation = collate.run(project=project)
    assert [w.siglum for w in collation.alignment.witnesses] == ["X1", "X2"]


def test_a_path_key_that_names_no_witness_is_refused(tmp_path: Path) -> None:
    root = _two_folders(tmp_path)
    project = root / "collate.toml"
    project.write_text('[witnesses."d3/X.txt"]\nsiglum = "X3"\n', encoding="utf-8")
    refused(
        [root / "d1" / "X.txt", root / "d2" / "X.txt"],
        tmp_path / "out.xml",
        "collate.toml",
        "d3/X.txt",
        "is no witness here",
        extra=("--project", str(project)),
    )


# ------------------------------------------------------------ an encoding per witness

LATIN = "café crème brûlée\n"


def _mixed_encodings(write_files: MakeFolder, project: str) -> Path:
    return write_files(
        {
            "U.txt": "café crème\n",
            "L.txt": LATIN.encode("latin-1"),
            "collate.toml": project,
        }
    )


@pytest.mark.parametrize("key", ["L.txt", "L"])
def test_a_witness_s_own_encoding(write_files: MakeFolder, tmp_path: Path, key: str) -> None:
    folder = _mixed_encodings(write_files, f'[witnesses."{key}"]\nencoding = "latin-1"\n')
    output = tmp_path / "out.xml"
    works([folder], output)
    texts = {w.siglum: w.text for w in collate.read_witnesses([output])}
    assert texts == {"L": LATIN, "U": "café crème\n"}
    assert collate.extract(output, "L").data == (folder / "L.txt").read_bytes()


def test_a_witness_s_encoding_wins_over_the_run_s(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = _mixed_encodings(write_files, '[witnesses."U.txt"]\nencoding = "utf-8"\n')
    output = tmp_path / "out.xml"
    works([folder], output, ("--encoding", "latin-1"))
    texts = {w.siglum: w.text for w in collate.read_witnesses([output])}
    assert texts == {"L": LATIN, "U": "café crème\n"}


def test_a_byte_order_mark_wins_over_a_witness_s_encoding(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(
        {
            "U.txt": "\ufeffcafé crème\n",
            "B.txt": "café noir\n",
            "collate.toml": '[witnesses."U.txt"]\nencoding = "latin-1"\n',
        }
    )
    output = tmp_path / "out.xml"
    works([folder], output)
    assert {w.siglum: w.text for w in collate.read_witnesses([output])}["U"] == "café crème\n"
    assert collate.extract(output, "U").data == (folder / "U.txt").read_bytes()


@pytest.mark.parametrize(
    ("encoding", "problem"),
    [("latin-9x", "unknown encoding 'latin-9x'"), ("base64", "not a text encoding")],
)
def test_a_bad_witness_encoding_is_the_project_file_s_error(
    write_files: MakeFolder, tmp_path: Path, encoding: str, problem: str
) -> None:
    folder = _mixed_encodings(write_files, f'[witnesses."L.txt"]\nencoding = "{encoding}"\n')
    refused([folder], tmp_path / "out.xml", "collate.toml", "L.txt", problem)


def test_without_its_encoding_a_latin_witness_points_to_the_project_file(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = _mixed_encodings(write_files, 'title = "t"\n')
    refused([folder], tmp_path / "out.xml", "L.txt", "--encoding", "collate.toml")


def test_a_utf8_witness_is_not_read_in_the_run_s_other_encoding(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    # following the hint for L.txt with --encoding would turn U.txt's "café" into
    # "cafÃ©", a variant at every accent: U.txt is named, with the way out
    folder = _mixed_encodings(write_files, 'title = "t"\n')
    refused(
        [folder],
        tmp_path / "out.xml",
        *("U.txt", "UTF-8", "café as cafÃ©", "collate.toml"),
        extra=("--encoding", "latin-1"),
    )


def test_a_transcription_with_an_app_is_told_how_to_be_read(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    body = "<l>I row the <app><lem>river</lem><rdg>ryver</rdg></app> at night</l>"
    tei = (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>T</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc>"
        f"<p/></sourceDesc></fileDesc></teiHeader><text><body><lg>{body}</lg></body></text></TEI>"
    )
    folder = write_files({"T1.xml": tei, "P.txt": "I row the river at night\n"})
    refused([folder], tmp_path / "out.xml", "T1.xml", "<listWit>", "<subst>", "<choice>")


# ------------------------------------------------------------ one file by two paths


@pytest.mark.parametrize("link", ["symbolic", "hard", "dotted"])
def test_one_file_by_two_paths_is_named_twice(
    write_files: MakeFolder, tmp_path: Path, link: str
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})
    other = folder / "Alink.txt"
    if link == "symbolic":
        other.symlink_to("A.txt")
    elif link == "hard":
        other.hardlink_to(folder / "A.txt")
    else:
        other = folder / "sub" / ".." / "A.txt"
        (folder / "sub").mkdir()
    refused(
        [folder / "A.txt", other, folder / "B.txt"],
        tmp_path / "out.xml",
        "named twice among the witnesses",
    )


def test_a_link_to_a_witness_in_its_folder_is_named_twice(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})
    (folder / "C.txt").symlink_to("A.txt")
    refused([folder], tmp_path / "out.xml", "C.txt", "named twice", "A.txt")


# ------------------------------------------------------------ messages that say what is wrong

TRANSCRIPTION = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>"
    "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
    "<text><body><p>the cat sat</p></body></text></TEI>"
)


def test_a_tei_root_without_its_namespace_is_named(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.xml": "<TEI>" + TRANSCRIPTION, "B.txt": "the dog sat"})
    refused([folder], tmp_path / "out.xml", "A.xml", 'xmlns="http://www.tei-c.org/ns/1.0"')
    code, stderr = cli("validate", folder / "A.xml")
    assert code == 1 and stderr.count("\n") == 1 and "lacks the TEI namespace" in stderr


def test_validate_says_a_transcription_is_no_apparatus(write_files: MakeFolder) -> None:
    folder = write_files({"A.xml": '<TEI xmlns="http://www.tei-c.org/ns/1.0">' + TRANSCRIPTION})
    code, stderr = cli("validate", folder / "A.xml")
    assert code == 1, stderr
    assert stderr.count("\n") == 1 and "A.xml" in stderr
    assert "transcription, not an apparatus" in stderr and "nothing to validate" in stderr


@pytest.mark.parametrize("option", ["-o", "--stemma"])
def test_an_output_that_is_a_folder_is_named_a_folder(
    write_files: MakeFolder, tmp_path: Path, option: str
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})
    target = tmp_path / "results"
    target.mkdir()
    extra = ("-o", str(tmp_path / "out.xml")) if option == "--stemma" else ()
    code, stderr = cli("run", folder, option, target, *extra)
    assert code == 2, stderr  # the command line names the wrong thing: nothing read was bad
    assert stderr.count("\n") == 1 and "results: cannot write: it is a folder" in stderr
    assert list(target.iterdir()) == [] and not (tmp_path / "out.xml").exists()


def test_one_variant_location_is_said_in_the_singular(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})
    code, stderr = cli("run", folder, "-o", tmp_path / "out.xml")
    assert code == 0 and "2 witnesses, 1 variant location (1 substantive);" in stderr
    folder = write_files({"A.txt": "the cat sat", "B.txt": "a cat sat still"})
    code, stderr = cli("run", folder, "-o", tmp_path / "out.xml")
    assert code == 0 and ", 2 variant locations (" in stderr


def test_a_corpus_summary_counts_one_in_the_singular() -> None:
    text = CorpusSummary(1, 0, 1, 1, 0, 1, 1, 1, 0, 0).describe()
    assert text.startswith("1 document used, 0 not usable; 1 candidate pair verified: ")
    assert "1 version and 0 reuse link;" in text and "1 group of versions, 1 document alone" in text
    assert "2 documents" in CorpusSummary(2, 0, 0, 0, 0, 0, 2, 0, 0, 0).describe()


def test_a_metadata_row_gives_a_witness_s_encoding(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {
            "U.txt": "café crème\n",
            "L.txt": LATIN.encode("latin-1"),
            "witnesses.csv": "siglum,date,encoding\nL,1860,latin-1\n",
        }
    )
    output = tmp_path / "out.xml"
    works([folder], output)
    texts = {w.siglum: w.text for w in collate.read_witnesses([output])}
    assert texts == {"L": LATIN, "U": "café crème\n"}
    assert collate.extract(output, "L").data == (folder / "L.txt").read_bytes()
    (folder / "witnesses.csv").write_text("siglum,encoding\nL,rot13\n", encoding="utf-8")
    refused([folder], output, "witnesses.csv, line 2", "not a text encoding", "(witness 'L')")
