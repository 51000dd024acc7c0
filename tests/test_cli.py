"""The command line, as a user meets it: exit codes, one-line errors, no tracebacks,
no output file after a failure, and an existing output left as it was."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import collate
from collate.cli import app

from .conftest import SEEDS, command

runner = CliRunner()
MakeFolder = Callable[[dict[str, "str | bytes"]], Path]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, stderr: str, *fragments: str) -> None:
    assert code != 0
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("collate: error: ")
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_run_on_the_seeds_as_a_user_would(tmp_path: Path) -> None:
    """The README's command, in a real process."""
    output = tmp_path / "apparatus.xml"
    done = subprocess.run(
        command("run", SEEDS, "-o", output, "--engine", "collatex"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    # nothing on stdout; on stderr only the summary line
    assert done.stdout == "" and done.stderr.startswith("collate: 4 witnesses, ")
    assert len(done.stderr.splitlines()) == 1
    assert output.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    for source in SEEDS.glob("*.txt"):
        extracted = subprocess.run(
            command("extract", output, source.stem),
            capture_output=True,
            check=True,
        )
        assert extracted.stdout == source.read_bytes()
    checked = subprocess.run(
        command("validate", output),
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0 and "valid" in checked.stdout


@pytest.mark.parametrize("suffix", [".json", ".tsv", ".txt"])
def test_output_format_follows_the_ending(
    write_files: MakeFolder, suffix: str, tmp_path: Path
) -> None:
    folder = write_files({"A.txt": "the cat sat", "B.txt": "the dog sat"})
    output = tmp_path / f"out{suffix}"
    code, _, stderr = run("run", folder, "-o", output, "--engine", "collatex")
    assert code == 0, stderr
    content = output.read_text(encoding="utf-8")
    if suffix == ".json":
        assert json.loads(content)["witnesses"] == ["A", "B"]
    else:
        assert "cat" in content and "dog" in content


@pytest.mark.parametrize(
    ("files", "fragments"),
    [
        ({"A.txt": "only one"}, ["at least two witnesses"]),
        ({"A.txt": "", "B.txt": "text"}, ["A.txt", "empty"]),
        ({"A.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "B.txt": "text"}, ["A.txt", "binary"]),
        ({"A.txt": "caf\xe9".encode("latin-1"), "B.txt": "text"}, ["A.txt", "--encoding"]),
        ({" A.txt": "one", "B.txt": "two"}, [" A.txt", "invalid siglum ' A'"]),
    ],
)
def test_bad_witness_files(
    write_files: MakeFolder, tmp_path: Path, files: dict[str, str | bytes], fragments: list[str]
) -> None:
    output = tmp_path / "out.xml"
    code, _, stderr = run("run", write_files(files), "-o", output)
    assert_one_line_error(code, stderr, *fragments)
    assert not output.exists()


def test_missing_folder(tmp_path: Path) -> None:
    code, _, stderr = run("run", tmp_path / "missing", "-o", tmp_path / "out.xml")
    assert_one_line_error(code, stderr, "missing", "no such file or folder")


def test_duplicate_sigla(write_files: MakeFolder, tmp_path: Path) -> None:
    one, two = write_files({"A.txt": "one"}), write_files({"A.txt": "two"})
    code, _, stderr = run("run", one, two, "-o", tmp_path / "out.xml")
    # the two files by their paths: their names alone are the same
    assert_one_line_error(code, stderr, "duplicate siglum 'A'", str(one), str(two))


def test_unknown_engine_lists_the_valid_ones(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two"})
    code, _, stderr = run("run", folder, "-o", tmp_path / "o.xml", "--engine", "nope")
    assert_one_line_error(code, stderr, "unknown --engine 'nope'", "collatex")


@pytest.mark.parametrize("name", ["lemma", "html", "markdown"])
def test_a_format_typed_as_an_option_is_answered_with_how_to_ask_for_it(
    tmp_path: Path, name: str
) -> None:
    """`--lemma` is no option: click's nearest spelling (`--stemma`) would mislead."""
    code, _, stderr = run("run", SEEDS, f"--{name}", "-o", tmp_path / "x.xml")
    assert_one_line_error(code, stderr, f"--{name}", f"--format {name}")
    assert code == 2 and "--stemma" not in stderr and not (tmp_path / "x.xml").exists()


def test_unknown_output_ending(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two"})
    code, _, stderr = run("run", folder, "-o", tmp_path / "out.docx")
    assert_one_line_error(code, stderr, "--format")
    assert code == 2  # a bad command line, as an unknown --format is


@pytest.mark.parametrize(
    ("options", "fragments", "exit_code"),
    [
        # a wrong value on the command line: exit 2, as the README says
        (["--token-pattern", "(["], ["--token-pattern '(['", "not a regular expression"], 2),
        (["--unicode-form", "NFX"], ["unknown --unicode-form 'NFX'", "NFKD, none"], 2),
        # input too big for the limit set: bad input, exit 1
        (["--max-input-mib", "1"], ["MiB", "--max-input-mib"], 1),
    ],
)
def test_bad_options_name_the_option(
    write_files: MakeFolder,
    tmp_path: Path,
    options: list[str],
    fragments: list[str],
    exit_code: int,
) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two " * 300_000})
    output = tmp_path / "out.xml"
    code, _, stderr = run("run", folder, "-o", output, *options)
    assert code == exit_code
    assert_one_line_error(code, stderr, *fragments)
    assert "`" not in stderr  # the library's parameter names are all mapped to options
    assert not output.exists()


def unwritable_folder(tmp_path: Path) -> Path:
    if os.geteuid() == 0:  # root ignores permissions; /proc refuses new files to anyone
        return Path("/proc")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


@pytest.mark.parametrize("where", ["missing folder", "read-only folder", "below a file"])
def test_unwritable_output(write_files: MakeFolder, tmp_path: Path, where: str) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two"})
    target = {
        "missing folder": tmp_path / "no" / "such" / "out.xml",
        "read-only folder": unwritable_folder(tmp_path) / "out.xml",
        "below a file": folder / "A.txt" / "out.xml",
    }[where]
    code, _, stderr = run("run", folder, "-o", target, "--engine", "collatex")
    assert_one_line_error(code, stderr, "cannot write")
    assert not target.exists()


def test_output_may_not_overwrite_a_witness(write_files: MakeFolder) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two"})
    code, _, stderr = run("run", folder, "-o", folder / "A.txt")
    assert_one_line_error(code, stderr, "would overwrite the witness")
    assert (folder / "A.txt").read_text() == "one"


def test_a_failed_run_leaves_an_existing_output_untouched(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    output = tmp_path / "out.xml"
    output.write_text("previous result")
    folder = write_files({"A.txt": "one", "B.txt": ""})
    code, _, _ = run("run", folder, "-o", output)
    assert code != 0
    assert output.read_text() == "previous result"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_extract_unknown_siglum_and_malformed_xml(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI><unclosed>")
    code, _, stderr = run("extract", broken, "A")
    assert_one_line_error(code, stderr, "broken.xml", "not well-formed")
    code, _, stderr = run("validate", broken)
    assert_one_line_error(code, stderr, "not well-formed")


def test_validate_reports_an_invalid_file(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"/>')
    code, stdout, stderr = run("validate", other)
    assert code == 3 and "other.xml: line 1" in stderr and stdout == ""


@pytest.mark.parametrize("words", [[], ["run"], ["extract"], ["validate"]])
def test_every_command_prints_help(words: list[str]) -> None:
    code, stdout, _ = run(*words, "--help")
    assert code == 0 and "Usage:" in stdout


def test_every_command_argument_and_option_is_documented() -> None:
    assert isinstance(app, click.Group) and app.commands
    for name, subcommand in app.commands.items():
        assert subcommand.help, name
        for parameter in subcommand.params:
            assert getattr(parameter, "help", None), f"{name} {parameter.name}"


def test_too_few_witnesses_names_the_input(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "only one"})
    code, _, stderr = run("stemma", folder)
    assert_one_line_error(code, stderr, "at least two witnesses", "got 1", str(folder))


def test_the_help_names_every_formats_ending() -> None:
    code, stdout, _ = run("run", "--help")
    assert code == 0
    text = " ".join(stdout.split())
    for name, suffixes in collate.FORMATS.items():
        assert suffixes[0] in text, (name, suffixes[0])


@pytest.mark.parametrize("command", [(), ("run",), ("stemma",), ("validate",)])
def test_dash_h_is_help(command: tuple[str, ...]) -> None:
    code, stdout, _ = run(*command, "-h")
    assert code == 0 and stdout.startswith("Usage: ")
    assert (code, stdout) == run(*command, "--help")[:2]
