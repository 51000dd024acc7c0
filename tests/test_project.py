"""The project file (collate/project.py): read by the CLI and the library, overridden by
the command line, carried into the TEI header; its mistakes are one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

import collate
from collate.xmltools import XML_ID, tei

from .conftest import ROOT
from .test_cli import assert_one_line_error, run

CHAUCER = ROOT / "tests" / "fixtures" / "chaucer"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "chaucer"
    shutil.copytree(CHAUCER, copy)
    return copy


def _header(path: Path) -> etree._Element:
    header = etree.parse(str(path)).find(tei("teiHeader"))
    assert header is not None
    return header


def test_the_project_beside_the_witnesses(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    code, stdout, stderr = run("run", folder, "-o", out)
    assert code == 0, stderr
    header = _header(out)
    assert header.findtext(f".//{tei('title')}") == (
        "The General Prologue, lines 1–10: three spellings"
    )
    assert [e.text for e in header.iter(tei("editor"))] == ["A. Test Editor"]
    witnesses = {w.get("n"): w for w in header.iter(tei("witness"))}
    assert set(witnesses) == {"El", "Hg", "Cx¹"}  # the sigla as the editor wrote them
    assert witnesses["Cx¹"].findtext(tei("abbr")) == "Cx¹"
    assert witnesses["Cx¹"].get(XML_ID) == "Cx_"  # a valid NCName made of it
    notes = {b.get("corresp"): b.findtext(tei("note")) for b in header.iter(tei("bibl"))}
    assert notes["#El"] is not None and notes["#El"].startswith("Ellesmere spelling")
    dates = {b.get("corresp"): b.find(tei("date")) for b in header.iter(tei("bibl"))}
    assert dates["#El"] is not None and dates["#El"].get("notBefore") == "1400"
    # the project's rules were applied: only two substantive locations are left
    apps = list(etree.parse(str(out)).iter(tei("app")))
    assert sum(a.get("type") == "substantive" for a in apps) == 2
    assert collate.extract(out, "Cx¹").data == (folder / "Cx.txt").read_bytes()
    assert collate.validate_file(out, tei_all=True) == []


def test_the_command_line_wins(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    (folder / "collate.toml").write_text(
        (folder / "collate.toml").read_text().replace('engine = "anchor"', 'engine = "collatex"')
        + "\n"
    )
    assert run("run", folder, "-o", out, "--engine", "anchor", "--no-near-spelling")[0] == 0
    text = out.read_text()
    assert "engine: anchor" in text
    assert "near-spelling=no" in text
    assert run("run", folder, "-o", out)[0] == 0
    assert "engine: collatex" in out.read_text()


def test_the_projects_run_settings_reach_the_run(tmp_path: Path) -> None:
    # settings the command line leaves at their defaults come from the project
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "a.txt").write_text("the  cat sat.")
    (folder / "b.txt").write_text("the cat sat!")
    (folder / "collate.toml").write_text('whitespace = "variants"\ntoken-pattern = "\\\\S+"\n')
    out = tmp_path / "out.json"

    def kinds_and_tokens() -> tuple[list[str], list[str]]:
        table = json.loads(out.read_text())
        kinds = [location["type"] for location in table["locations"]]
        return kinds, [token["t"] for cell in table["table"][0] for token in cell]

    code, _, stderr = run("run", folder, "-o", out)
    assert code == 0, stderr
    kinds, tokens = kinds_and_tokens()
    assert "whitespace" in kinds  # the double space is a location of its own
    assert tokens == ["the  ", "cat ", "sat."]  # tokens are the project's \S+
    code, _, stderr = run("run", folder, "-o", out, "--whitespace", "spacing")
    assert code == 0, stderr
    kinds, tokens = kinds_and_tokens()
    assert "whitespace" not in kinds and tokens == ["the  ", "cat ", "sat."]


def test_output_and_inputs_from_the_project(tmp_path: Path) -> None:
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / "a.txt").write_text("the cat sat")
    (tmp_path / "w" / "b.txt").write_text("the dog sat")
    project = tmp_path / "edition.toml"
    project.write_text(
        'inputs = ["w"]\noutput = "app.xml"\ntitle = "Cats"\neditor = "Me"\n'
        '[witnesses."a.txt"]\nsiglum = "A"\n'
    )
    code, _, stderr = run("run", "--project", project)
    assert code == 0, stderr
    assert (tmp_path / "app.xml").is_file()
    collation = collate.run(project=project, output=tmp_path / "lib.xml")
    assert collation.apparatus.sigla == ("A", "b")
    assert collation.edition.title == "Cats" and collation.edition.editors == ("Me",)


def test_without_output_anywhere(folder: Path) -> None:
    code, _, stderr = run("run", folder)
    assert_one_line_error(code, stderr, "-o")
    assert code == 2


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("title = ", "not valid TOML"),
        ("enigne = 'anchor'", "unknown setting 'enigne'"),
        ("engine = 'fast'", "engine 'fast' is not one of"),
        ("case-fold = 'no'", "case-fold must be true or false"),
        ("max-input-mib = true", "must be a whole number"),
        ("editors = [1]", "editors must be a name or a list of names"),
        ("base = 'Zz'", "the base 'Zz' is no witness"),
        ("[witnesses.'Q.txt']\nsiglum = 'Q'", "is no witness here"),
        ("[witnesses.'Hg.txt']\nsiglum = 'El'", "two witnesses would have the siglum 'El'"),
        ("[witnesses.'Hg.txt']\ndate = 'soon'", "is not an ISO 8601 date"),
        ("[witnesses.'Hg.txt']\ntype = 'scroll'", "type 'scroll' is not one of"),
        ("[witnesses.'Hg.txt']\nshelfmark = 'x'", "unknown key 'shelfmark'"),
        ("rules = 'missing.rules'", "cannot be read"),
    ],
)
def test_mistakes_are_one_line_naming_the_file(tmp_path: Path, content: str, problem: str) -> None:
    folder = tmp_path / "w"
    folder.mkdir()
    for name in ("El.txt", "Hg.txt"):
        shutil.copy(CHAUCER / name, folder / name)
    (folder / "collate.toml").write_text(content + "\n")
    out = tmp_path / "out.xml"
    code, _, stderr = run("run", folder, "-o", out)
    assert_one_line_error(code, stderr, problem)
    assert "collate.toml" in stderr or "missing.rules" in stderr
    assert code == 1 and not out.exists()


def test_no_witnesses_and_no_project(tmp_path: Path) -> None:
    code, _, stderr = run("run", "-o", tmp_path / "x.xml")
    assert_one_line_error(code, stderr, "give the witnesses")
    assert code == 2


def test_standard_output_with_a_project(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o -` beside a project file prints TEI; `output = "-"` in the file prints too,
    and neither leaves a file named '-' in the folder or the working directory."""
    monkeypatch.chdir(folder)
    code, stdout, stderr = run("run", folder, "-o", "-", "-q")
    assert code == 0, stderr
    assert stdout.startswith("<?xml") and "<app" in stdout
    (folder / "collate.toml").write_text(
        'output = "-"\nformat = "lemma"\n' + (folder / "collate.toml").read_text()
    )
    for inputs in ([folder], ["."]):
        code, stdout, stderr = run("run", *inputs)
        assert code == 0, stderr
        assert "] " in stdout and "<app" not in stdout  # the lemma apparatus
        assert "wrote standard output" in stderr
    assert not (folder / "-").exists()


def test_a_wrong_base_on_the_command_line_is_not_the_files(folder: Path, tmp_path: Path) -> None:
    code, _, stderr = run("run", folder, "--base", "XX", "-o", tmp_path / "x.xml")
    assert_one_line_error(code, stderr, "the --base 'XX' is no witness's siglum")
    assert code == 2  # a wrong request on the command line, not bad input
    assert "collate.toml" not in stderr


def test_the_project_file_is_not_listed_as_skipped(folder: Path, tmp_path: Path) -> None:
    code, _, stderr = run("run", folder, "-o", tmp_path / "x.xml", "-v")
    assert code == 0, stderr
    assert "README.md" in stderr  # the folder's other files are still named
    assert "collate.toml" not in stderr
