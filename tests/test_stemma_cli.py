"""`collate stemma DIR` and `collate run --stemma FILE`, in process."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from collate.cli import app
from collate.stemma.formats import from_json

from .conftest import SEEDS, assert_tei_valid

runner = CliRunner()
ENGINE = "anchor"


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_stemma_command_prints_the_evidence(tmp_path: Path) -> None:
    code, out, err = invoke("stemma", SEEDS, "--engine", ENGINE, "-o", tmp_path / "s.dot")
    assert code == 0, err
    assert "001_6f72a84d533a16ee  (root)" in out
    assert "└── 000_6bce61cbdfc5750d  confidence" in out
    assert "e.g. variant locations" in out
    assert "002_5aca4944ab0bf47b stands alone" in out
    dot = (tmp_path / "s.dot").read_text(encoding="utf-8")
    assert '"001_6f72a84d533a16ee" -> "000_6bce61cbdfc5750d"' in dot


def test_run_writes_the_stemma_and_embeds_it_in_the_tei(tmp_path: Path) -> None:
    apparatus, stemma = tmp_path / "a.xml", tmp_path / "s.json"
    code, _, err = invoke(
        "run", SEEDS, "-o", apparatus, "--stemma", stemma, "--engine", ENGINE, "-q"
    )
    assert code == 0, err
    data = apparatus.read_bytes()
    assert b'<graph type="directed" subtype="stemma"' in data
    assert_tei_valid(data)
    read = from_json(stemma.read_text(encoding="utf-8"))
    # a pair's direction is a coin toss (`collate.stemma.pair`); its support is high
    assert read.edge("001_6f72a84d533a16ee", "000_6bce61cbdfc5750d").evidence.support >= 0.9
    assert json.loads(stemma.read_text(encoding="utf-8"))["root"] is None


def test_run_without_stemma_leaves_the_tei_as_it_was(tmp_path: Path) -> None:
    code, _, err = invoke("run", SEEDS, "-o", tmp_path / "a.xml", "--engine", ENGINE, "-q")
    assert code == 0, err
    assert b"standOff" not in (tmp_path / "a.xml").read_bytes()


def test_a_stemma_file_with_an_unknown_ending_fails_before_collating(tmp_path: Path) -> None:
    code, _, err = invoke(
        "run", SEEDS, "-o", tmp_path / "a.xml", "--stemma", tmp_path / "s.png", "-q"
    )
    assert code == 2  # a bad command line
    assert err.startswith("collate: error:") and "stemma format" in err and err.count("\n") == 1
    assert not (tmp_path / "a.xml").exists()
