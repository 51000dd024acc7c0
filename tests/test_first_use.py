"""What a scholar new to the tool ran into on first use: each case is refused in one
line naming the file and the problem (exit 1, nothing written), or works as the README
says it does."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate.metadata import check_date
from collate.rules import RulesError, parse_rules

from .test_hostile import MakeFolder, refused, works

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
