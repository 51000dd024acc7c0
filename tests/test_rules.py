"""Normalisation rules (collate/rules.py): the file format, the order, case and
diacritics, and the errors a user meets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import collate
from collate import Normalization, RulesError, parse_rules, read_rules
from collate.normalize import fired_rules

from .test_cli import MakeFolder, assert_one_line_error, run

MIDDLE_ENGLISH = """\
# Middle English spelling
-wt- = with     # an abbreviation, the whole word only
u = v
i = j = y       # two left sides
-e =            # word-final e
/(.)\\1/ = \\1    # doubled letters; the # inside /.../ would be the pattern's
"""


def test_each_kind_of_rule() -> None:
    rules = parse_rules(MIDDLE_ENGLISH)
    assert [r.source for r in rules.rules] == [
        "-wt- = with",
        "u = v",
        "i = j = y",
        "-e =",
        "/(.)\\1/ = \\1",
    ]
    norm = Normalization(rules=rules)
    assert norm("wt") == norm("with") == "wyth"  # i = j = y applies after the abbreviation
    assert norm("wtout") == "wtovt"  # not the whole word: the abbreviation rule passes
    assert norm("euery") == "every"
    assert norm("Iye") == "y"  # i -> y, final e dropped, yy -> y
    assert norm("holte") == norm("holt") == "holt"
    assert norm("soote") == norm("sote")
    assert norm("ende") == "end"  # only the final e


def test_rules_apply_in_order() -> None:
    assert Normalization(rules=parse_rules("a = b\nb = c"))("a") == "c"
    assert Normalization(rules=parse_rules("b = c\na = b"))("a") == "b"


def test_word_start_and_regex() -> None:
    norm = Normalization(rules=parse_rules("y- =\n/^(.*)ize$/ = \\1ise"))
    assert norm("yronne") == "ronne"
    assert norm("fully") == "fully"  # y not at the start
    assert norm("organize") == "organise"


def test_case_folding_folds_the_rules_too() -> None:
    assert Normalization(rules=parse_rules("U = V"))("euery") == "every"


def test_without_case_folding_lower_case_rules_keep_the_case() -> None:
    norm = Normalization(case_fold=False, rules=parse_rules("u = v"))
    assert norm("Uenus") == "Venvs"
    assert norm("UENUS") == "VENVS"
    assert norm("euery") == "every"
    exact = Normalization(case_fold=False, rules=parse_rules("U = V"))
    assert exact("Uenus") == "Venus"  # a capital in the rule matches exactly
    assert exact("euery") == "euery"


def test_rules_read_for_one_case_setting_serve_the_other() -> None:
    rules = parse_rules("u = v")  # folded by default
    assert Normalization(case_fold=False, rules=rules)("Uenus") == "Venvs"


def test_a_letter_with_a_mark_is_not_the_letter() -> None:
    norm = Normalization(rules=parse_rules("u = v"))
    assert norm("ü") == "ü"
    assert norm("u\u0308") == "ü"  # decomposed input is composed first (NFC)
    decomposed = Normalization(unicode_form="NFD", rules=parse_rules("u = v"))
    assert decomposed("u\u0308u") == "u\u0308v"
    stripped = Normalization(strip_diacritics=True, rules=parse_rules("u = v"))
    assert stripped("ü") == "v"
    assert Normalization(rules=parse_rules("é = e"))("e\u0301te") == "ete"


def test_the_rules_that_fired_are_named() -> None:
    norm = Normalization(rules=parse_rules(MIDDLE_ENGLISH))
    assert [r.number for r in fired_rules("euery", norm)] == [2]
    assert [r.number for r in fired_rules("Aprille", norm)] == [3, 4, 5]
    assert [r.number for r in fired_rules("holte", norm)] == [4]
    assert fired_rules("March", norm) == ()


def test_a_python_function() -> None:
    norm = Normalization(function=lambda word: word.replace("ou", "o"))
    assert norm("Colour") == "color"
    assert "function=" in norm.describe()
    result = collate.collate(
        [collate.Witness("A", "the colour red"), collate.Witness("B", "the color red")],
        normalization=Normalization(function=lambda word: word.replace("ou", "o")),
    )
    (location,) = result.apparatus.variant_locations
    assert location.type == "orthographic"
    assert [e.name for e in location.groups[0].basis] == ["function"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("u v", "is no rule"),
        ("= v", "a left side is empty"),
        ("/(/ = x", "not a regular expression"),
        ("/a(b)/ = \\2", "not a regular expression"),
        ("/abc = x", "no closing slash"),
        ("/abc/ x", "write '/PATTERN/ = REPLACEMENT'"),
    ],
)
def test_a_bad_line_is_named(line: str, problem: str) -> None:
    with pytest.raises(RulesError, match=rf"my\.rules, line 2: .*{problem}"):
        parse_rules(f"u = v\n{line}\n", "my.rules")


@given(st.text(alphabet="aeiouvyjw-", max_size=12))
def test_rules_never_fail_on_a_word(word: str) -> None:
    norm = Normalization(rules=parse_rules(MIDDLE_ENGLISH))
    assert isinstance(norm(word), str)


def test_cli_rules_errors(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({"A.txt": "the cat", "B.txt": "the dog"})
    bad = tmp_path / "bad.rules"
    bad.write_text("u = v\nnonsense\n")
    code, _, stderr = run("run", folder, "-o", tmp_path / "x.xml", "--rules", bad)
    assert_one_line_error(code, stderr, "bad.rules, line 2")
    assert code == 1 and not (tmp_path / "x.xml").exists()
    code, _, stderr = run("run", folder, "-o", tmp_path / "x.xml", "--rules", tmp_path / "no")
    assert_one_line_error(code, stderr, "cannot be read")
    inside = folder / "rules.txt"
    inside.write_text("u = v\n")
    code, _, stderr = run("run", folder, "-o", tmp_path / "x.xml", "--rules", inside)
    assert_one_line_error(code, stderr, "would be read as a witness")


def test_read_rules_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "me.rules"
    path.write_bytes(b"\xef\xbb\xbfu = v\n")  # a byte-order mark is passed over
    assert [r.source for r in read_rules(path).rules] == ["u = v"]
