from __future__ import annotations

import doctest
import json

import pytest

import collate
from collate import Collation, UnknownFormatError
from collate.formats import format_for
from collate.formats.tsv import escape

from .conftest import SHARED, sigla_witnesses


@pytest.fixture(scope="module")
def small() -> Collation:
    return collate.collate(
        sigla_witnesses("The cat\tsat.\n", "The dog sat.\r\n", "The sat."), engine="collatex"
    )


def test_json_is_the_collatex_alignment_table(small: Collation) -> None:
    table = json.loads(collate.render(small, "json"))
    assert table["witnesses"] == ["A", "B", "C"]
    rows = table["table"]
    assert len({len(row) for row in rows}) == 1  # one token-level column per position
    column = [row[1] for row in rows]
    assert column == [[{"t": "cat\t", "n": "cat"}], [{"t": "dog ", "n": "dog"}], None]
    for witness, row in zip(small.witnesses, rows, strict=True):
        assert "".join(t["t"] for cell in row if cell for t in cell) == witness.text


def test_tsv_has_a_row_per_position_and_escapes_whitespace(small: Collation) -> None:
    lines = collate.render(small, "tsv").decode().splitlines()
    assert lines[0].split("\t") == ["position", "variant", "A", "B", "C", "location", "line"]
    assert lines[2].split("\t") == ["2", "yes", "cat\\t", "dog ", "-", "1", "1"]
    assert len(lines) == 1 + len(small.alignment.columns)
    assert escape("a\\b\n") == "a\\\\b\\n"


def test_text_table_has_a_row_per_witness_and_marks_variant_positions(small: Collation) -> None:
    lines = collate.render(small, "text").decode().splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["A", "B", "C"]
    assert lines[1].split()[1:] == ["The", "cat\\t", "sat", ".\\n"]
    assert lines[3].split()[1:] == ["The", "-", "sat", "."]
    assert lines[0].split()[0] == "1"  # the first position of the block
    assert lines[1][lines[0].index("*") :].startswith("cat")  # "The" is shared, unmarked


def test_format_choice() -> None:
    assert format_for("a.XML") == "tei" and format_for("a.tsv") == "tsv"
    assert format_for("a.anything", "json") == "json"
    with pytest.raises(UnknownFormatError, match="use an ending"):
        format_for("a.docx")
    with pytest.raises(UnknownFormatError, match="choose one of: tei, json"):
        format_for("a.xml", "pdf")


def test_the_package_docstring_example_runs() -> None:
    failures, tried = doctest.testmod(collate, raise_on_error=False)
    assert tried > 0 and failures == 0


def test_csv_carries_tokens_exactly(small: Collation) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(collate.render(small, "csv").decode(), newline="")))
    assert rows[0] == ["position", "variant", "A", "B", "C", "location", "line"]
    assert rows[2] == ["2", "yes", "cat\t", "dog ", "-", "1", "1"]
    for w, witness in enumerate(small.witnesses):
        assert "".join(r[2 + w] for r in rows[1:] if r[2 + w] != "-") == witness.text


def test_dot_variant_graph_follows_every_witness(small: Collation) -> None:
    import re

    text = collate.render(small, "dot").decode()
    labels = dict(re.findall(r'  (n\d+) \[label="((?:[^"\\]|\\.)*)"\];', text))
    edges = re.findall(r'  (n\d+) -> (n\d+) \[label="([^"]*)"\];', text)
    for witness in small.witnesses:
        node, words = "n0", []
        while labels[node] != "end":
            (node,) = [
                b for a, b, sigla in edges if a == node and witness.siglum in sigla.split(", ")
            ]
            words.append(labels[node])
        # the witness's characters in order (labels keep its spacing of punctuation)
        assert "".join("".join(words[:-1]).split()) == "".join(witness.text.split())


def test_progress_is_reported_by_stage_and_never_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stages: list[str] = []
    collate.collate(sigla_witnesses("a b", "a c"), engine="collatex", progress=stages.append)
    assert [s.split()[0] for s in stages] == ["tokenising", "aligning", "building"]
    assert capsys.readouterr() == ("", "")


def test_a_dash_token_is_no_gap_in_the_tables() -> None:
    collation = collate.collate(sigla_witnesses("a b -", "a b"))
    row = collate.render(collation, "tsv").decode().splitlines()[3].split("\t")
    assert row[2:4] == ["\\-", "-"]  # A's dash, B's gap
    text = collate.render(collation, "text").decode().splitlines()
    assert text[1].split()[-1] == "\\-" and text[2].split()[-1] == "-"


@pytest.mark.skipif(not (SHARED / "corpora" / "darwin-ch1").is_dir(), reason="no shared corpora")
def test_the_tables_variant_column_is_the_apparatus() -> None:
    """A position is variant where it lies in a variant location: whitespace alone, which
    the default spacing mode does not count, marks none (Darwin ch. 1 had 122)."""
    collation = collate.collate_files([SHARED / "corpora" / "darwin-ch1"])
    lines = collate.render(collation, "tsv").decode().splitlines()
    header = lines[0].split("\t")
    variant, location = header.index("variant"), header.index("location")
    rows = [line.split("\t") for line in lines[1:]]
    assert sum(row[variant] == "yes" for row in rows) > 1000
    assert all((row[variant] == "yes") == (row[location] != "") for row in rows)
