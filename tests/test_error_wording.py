"""Error lines say the problem in the user's terms: the system's reason for a missing
file (not libxml2's "external entity"), a place given once, a file where a folder
should be, a witness named twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SEEDS
from .test_cli import assert_one_line_error, run


@pytest.mark.parametrize("command", [("validate",), ("extract",)])
def test_a_missing_apparatus(tmp_path: Path, command: tuple[str, ...]) -> None:
    code, _, stderr = run(*command, tmp_path / "nope.xml", *(["A"] if "extract" in command else []))
    assert_one_line_error(code, stderr, "nope.xml: cannot be read (No such file or directory)")
    assert "external entity" not in stderr and code == 1


def test_a_folder_given_as_the_apparatus(tmp_path: Path) -> None:
    code, _, stderr = run("validate", tmp_path)
    assert_one_line_error(code, stderr, "is a folder, not an XML file")


def test_the_place_of_an_xml_error_is_said_once(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<a>\n<b>\n")
    code, _, stderr = run("validate", bad)
    assert_one_line_error(code, stderr, "not well-formed XML")
    assert stderr.count("line 3") == 1, stderr


def test_a_missing_metadata_file(tmp_path: Path) -> None:
    code, _, stderr = run("run", SEEDS, "-o", tmp_path / "x.xml", "--metadata", tmp_path / "no.csv")
    assert_one_line_error(code, stderr, "no.csv: cannot be read (No such file or directory)")
    assert "Errno" not in stderr


def test_an_output_inside_a_file(tmp_path: Path) -> None:
    (tmp_path / "img.png").write_bytes(b"\x89PNG")
    code, _, stderr = run("run", SEEDS, "-o", tmp_path / "img.png" / "x.xml")
    assert_one_line_error(code, stderr, "img.png is a file, not a folder")


def test_a_folder_named_twice(tmp_path: Path) -> None:
    code, _, stderr = run("run", SEEDS, SEEDS, "-o", tmp_path / "x.xml")
    assert_one_line_error(code, stderr, "named twice among the witnesses")
    assert not (tmp_path / "x.xml").exists()
