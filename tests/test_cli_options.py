"""The command line as a newcomer meets it (issue 15): a summary after `run`, choices in
any letter case or by a common synonym, option values checked with exit 2, `-o -`,
help readable at 80 columns with an example per command, skipped files named, short
reprs and a docstring on every public name."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import collate
from collate import FORMATS
from collate.cli import app

from .conftest import SEEDS, command

MakeFolder = Callable[[dict[str, "str | bytes"]], Path]
TWO: dict[str, str | bytes] = {"A.txt": "the cat sat on the mat", "B.txt": "the dog sat on a mat"}


def invoke_bytes(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=env, prog_name="collate")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    code, stdout, stderr = invoke_bytes(*args, env=env)
    return code, stdout.decode("utf-8"), stderr


def one_line_error(code: int, stderr: str, expected_code: int, *fragments: str) -> None:
    assert code == expected_code, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("collate: error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


# --------------------------------------------------------------------------- summary


def test_run_prints_one_summary_line(write_files: MakeFolder, tmp_path: Path) -> None:
    output = tmp_path / "out.xml"
    code, stdout, stderr = invoke("run", write_files(TWO), "-o", output)
    assert code == 0 and stdout == ""
    [line] = stderr.splitlines()
    apparatus = collate.read_witnesses  # the summary's counts, checked against the library
    collation = collate.collate(apparatus([output.parent / "witnesses0"]))
    kinds = sorted({loc.type for loc in collation.apparatus.variant_locations})
    count = len(collation.apparatus.variant_locations)
    assert re.fullmatch(
        rf"collate: 2 witnesses, {count} variant locations \(.*\); wrote {re.escape(str(output))}"
        r" in \d+\.\d s",
        line,
    ), line
    for kind in kinds:
        assert kind in line


def test_quiet_silences_the_summary(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({**TWO, "notes.pdf": b"%PDF-1.4"})
    for flag in ("-q", "--quiet"):
        code, stdout, stderr = invoke("run", folder, "-o", tmp_path / "out.xml", flag)
        assert (code, stdout, stderr) == (0, "", "")


def test_the_summary_names_the_stemma_file(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({**TWO, "C.txt": "the dog sat on a rug"})
    code, _, stderr = invoke(
        "run", folder, "-o", tmp_path / "o.xml", "--stemma", tmp_path / "s.json"
    )
    assert code == 0 and f"wrote {tmp_path / 'o.xml'} and {tmp_path / 's.json'} in" in stderr


# --------------------------------------------------------------------------- choices


@pytest.mark.parametrize(
    ("option", "value", "same_as"),
    [
        ("--engine", "CollateX", "collatex"),
        ("--engine", "ANCHOR", "anchor"),
        ("--format", "TEI", "tei"),
        ("--format", "xml", "tei"),
        ("--format", "htm", "html"),
        ("--format", "txt", "text"),
        ("--format", "Json", "json"),
        ("--format", "gv", "dot"),
        ("--unicode-form", "nfkc", "NFKC"),
        ("--whitespace", "Variants", "variants"),
    ],
)
def test_choices_in_any_case_and_by_synonym(
    write_files: MakeFolder, tmp_path: Path, option: str, value: str, same_as: str
) -> None:
    folder = write_files(TWO)
    given, canonical = tmp_path / "given.out", tmp_path / "canonical.out"
    fixed = [] if option == "--format" else ["--format", "json"]
    assert invoke("run", folder, "-o", given, option, value, *fixed, "-q")[0] == 0
    assert invoke("run", folder, "-o", canonical, option, same_as, *fixed, "-q")[0] == 0
    assert given.read_bytes() == canonical.read_bytes()


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (["--engine", "nope"], ["unknown --engine 'nope'", "anchor, collatex"]),
        (["--format", "docx"], ["unknown --format 'docx'", "tei, json"]),
        (["--encoding", "base64"], ["--encoding 'base64' is not a text encoding"]),
        (["--encoding", "rot13"], ["--encoding 'rot13' is not a text encoding"]),
        (["--encoding", "hex"], ["--encoding 'hex' is not a text encoding"]),
        (["--encoding", "no-such-codec"], ["unknown --encoding 'no-such-codec'"]),
        (["--whitespace", "lines"], ["unknown --whitespace 'lines'", "spacing, variants"]),
        (["--unicode-form", "NFX"], ["unknown --unicode-form 'NFX'"]),
        (["--max-input-mib", "0"], ["--max-input-mib", "greater than or equal to 1"]),
        (["--no-such-option"], ["--no-such-option", "collate run --help"]),
    ],
)
def test_bad_option_values_are_a_bad_command_line(
    write_files: MakeFolder, tmp_path: Path, options: list[str], fragments: list[str]
) -> None:
    output = tmp_path / "out.xml"
    code, _, stderr = invoke("run", write_files(TWO), "-o", output, *options)
    one_line_error(code, stderr, 2, *fragments)
    assert not output.exists()


def test_a_missing_option_is_one_line(write_files: MakeFolder) -> None:
    code, _, stderr = invoke("run", write_files(TWO))
    one_line_error(code, stderr, 2, "--output")


def test_a_bad_token_pattern_is_refused_before_any_input_is_read(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    """The input here could not be read either (a binary file): the pattern is the
    first thing wrong, so that is what is reported."""
    folder = write_files({"A.txt": b"\x89PNG\r\n\x1a\n\x00\x00", "B.txt": "text"})
    code, _, stderr = invoke("run", folder, "-o", tmp_path / "o.xml", "--token-pattern", "(a")
    one_line_error(code, stderr, 2, "--token-pattern '(a'", "not a regular expression")


def test_encoding_aliases_are_accepted(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "caf\xe9".encode("cp1252"), "B.txt": b"the"})
    code, _, stderr = invoke("run", folder, "-o", tmp_path / "o.xml", "--encoding", "Windows-1252")
    assert code == 0, stderr


# --------------------------------------------------------------------------- -o -


@pytest.mark.parametrize("format", sorted(FORMATS))
def test_dash_writes_to_standard_output(
    write_files: MakeFolder, tmp_path: Path, format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_files(TWO)
    file = tmp_path / "out.file"
    assert invoke("run", folder, "-o", file, "--format", format, "-q")[0] == 0
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = invoke_bytes("run", folder, "-o", "-", "--format", format)
    assert code == 0, stderr
    assert stdout == file.read_bytes()
    assert "wrote standard output" in stderr
    assert not (tmp_path / "-").exists()


def test_dash_without_a_format_writes_tei(write_files: MakeFolder) -> None:
    code, stdout, _ = invoke("run", write_files(TWO), "-o", "-", "-q")
    assert code == 0 and stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_the_stemma_cannot_go_to_standard_output(write_files: MakeFolder, tmp_path: Path) -> None:
    code, _, stderr = invoke("run", write_files(TWO), "-o", tmp_path / "o.xml", "--stemma", "-")
    one_line_error(code, stderr, 2, "--stemma", "standard output")
    assert not (tmp_path / "o.xml").exists() and not Path("-").exists()


def test_dash_in_a_real_pipe(tmp_path: Path) -> None:
    done = subprocess.run(
        command("run", SEEDS, "-o", "-", "--format", "json", "-q"),
        capture_output=True,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and done.stderr == b""
    assert done.stdout.startswith(b"{") and not (tmp_path / "-").exists()


# --------------------------------------------------------------------------- help


def commands() -> list[str]:
    assert isinstance(app, click.Group)
    return list(app.commands)


@pytest.mark.parametrize("words", [[], *([name] for name in commands())])
def test_help_is_readable_at_80_columns(words: list[str]) -> None:
    code, stdout, _ = invoke(*words, "--help", env={"COLUMNS": "80"})
    assert code == 0 and stdout.startswith("Usage: collate")
    for line in stdout.splitlines():
        assert len(line) <= 80, line
    # no type labels of typer's own, no box drawing
    for label in ("<bool>", "<str>", "<path>", "<list[", "<int", "╭", "│"):
        assert label not in stdout, label
    assert not re.search(r"\{[\w|.]+\}", stdout)  # typer's "{inputs}..."
    if words:
        assert "Example" in stdout
        assert re.search(rf"^\s+collate {words[0]} ", stdout, re.MULTILINE)
    # descriptions are a readable width (at least 40 columns), not 16 characters
    for line in stdout.splitlines():
        assert len(line) - len(line.lstrip()) <= 40, line


def test_collate_alone_prints_the_help() -> None:
    assert invoke() == invoke("--help")
    code, stdout, _ = invoke()
    assert code == 0 and "Commands:" in stdout


def test_run_help_names_every_witness_format() -> None:
    _, stdout, _ = invoke("run", "--help", env={"COLUMNS": "80"})
    text = " ".join(stdout.split())
    for ending in (".txt", ".xml", ".tei", ".json"):
        assert ending in text
    assert "A folder of witness files (.txt)" not in text


def test_help_examples_are_real_commands() -> None:
    """Every example in the help parses: right command, known options."""
    for name in commands():
        _, stdout, _ = invoke(name, "--help", env={"COLUMNS": "80"})
        examples = re.findall(rf"^\s+(collate {name} .*)$", stdout, re.MULTILINE)
        assert examples, name
        assert isinstance(app, click.Group)
        known = {opt for p in app.commands[name].params for opt in getattr(p, "opts", [])}
        known |= {opt for p in app.commands[name].params for opt in p.secondary_opts}
        for example in examples:
            for word in example.split("|")[0].split()[2:]:
                if word.startswith("-") and word != "-":
                    assert word in known, (example, word)


# --------------------------------------------------------------------------- skipped


def test_skipped_files_are_listed_in_one_line(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(
        {**TWO, "scan.pdf": b"%PDF-1.4", "page.png": b"\x89PNG", ".hidden.txt": "x"}
    )
    code, _, stderr = invoke("run", folder, "-o", tmp_path / "o.xml")
    assert code == 0
    lines = stderr.splitlines()
    assert len(lines) == 2 and lines[1].startswith("collate: 2 witnesses")
    assert lines[0] == (
        f"collate: skipped 2 files that are not witnesses: {folder / 'page.png'} "
        f"(not a witness file), {folder / 'scan.pdf'} (not a witness file)"
    )


def test_many_skipped_files_are_counted_and_verbose_lists_all(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    extra = {f"scan{i}.jpg": b"\xff\xd8" for i in range(6)}
    folder = write_files({**TWO, **extra})
    _, _, stderr = invoke("run", folder, "-o", tmp_path / "o.xml")
    first = stderr.splitlines()[0]
    assert "skipped 6 files" in first and "and 3 more (-v lists them)" in first
    _, _, stderr = invoke("run", folder, "-o", tmp_path / "o.xml", "-v")
    first = stderr.splitlines()[0]
    assert all(f"scan{i}.jpg" in first for i in range(6)) and "more" not in first


def test_own_outputs_and_metadata_are_not_reported_as_skipped(
    write_files: MakeFolder,
) -> None:
    folder = write_files({**TWO, "witnesses.csv": "siglum,date\nA,1850\n"})
    code, _, stderr = invoke("run", folder, "-o", folder / "table.txt")
    assert code == 0 and "skipped" not in stderr  # the file it writes was not there yet
    code, _, stderr = invoke("run", folder, "-o", folder / "table.txt")
    assert code == 0
    assert "table.txt (collate's own output)" in stderr and "witnesses.csv" not in stderr
    assert "skipped 1 file that is not a witness: " in stderr


def test_an_output_beside_witness_files_named_is_not_read_back(write_files: MakeFolder) -> None:
    folder = write_files(TWO)
    files = sorted(folder.iterdir())
    code, _, stderr = invoke("run", *files, "-o", folder / "apparatus.txt", "--format", "tsv")
    assert code == 0, stderr
    code, _, stderr = invoke("run", folder, "-o", folder.parent / "again.xml")
    assert code == 0, stderr
    assert "apparatus.txt (collate's own output)" in stderr


# --------------------------------------------------------------------------- library


def test_reprs_are_short(seed_witnesses: tuple[collate.Witness, ...]) -> None:
    collation = collate.add_stemma(collate.collate(seed_witnesses))
    assert collation.stemma is not None
    for value in (
        collation,
        collation.apparatus,
        collation.alignment,
        collation.stemma,
        *collation.witnesses,
        *collation.alignment.witnesses,
    ):
        text = repr(value)
        assert len(text) < 400, text
        assert text.startswith(type(value).__name__ + "(")
    assert f"{len(collation.apparatus.variant_locations):,} variant locations" in repr(collation)


def test_every_public_function_class_and_method_has_a_docstring() -> None:
    missing = []
    for name in collate.__all__:
        value = getattr(collate, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            doc = value.__doc__ or ""
            if inspect.isclass(value) and doc.startswith(value.__name__ + "("):
                doc = ""  # the one dataclass makes up is no documentation
            if not doc.strip():
                missing.append(name)
        if inspect.isclass(value):  # and their public methods and properties
            for attribute, member in vars(value).items():
                if attribute.startswith("_") or not (
                    inspect.isfunction(member) or isinstance(member, property)
                ):
                    continue
                if not (member.__doc__ or "").strip():
                    missing.append(f"{name}.{attribute}")
    assert missing == []


def test_the_docstring_check_finds_a_missing_one() -> None:
    def undocumented() -> None:
        pass

    assert not inspect.getdoc(undocumented) and inspect.getdoc(collate.run)


def test_no_summary_line_when_stderr_is_not_wanted(tmp_path: Path) -> None:
    done = subprocess.run(
        command("run", SEEDS, "-o", tmp_path / "o.xml", "-q"),
        capture_output=True,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0 and done.stderr == b"" and done.stdout == b""
