"""`collate.run`, the whole job as a library call: every check before the witnesses are
read, both outputs written, and the named errors with the parameter that fixes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import collate
from collate import (
    CollateError,
    InvalidNormalizationError,
    InvalidTokenPatternError,
    InvalidWitnessError,
    OutputError,
    UnknownEngineError,
    UnknownFormatError,
    Witness,
)

from .conftest import SEEDS

MakeFolder = Callable[[dict[str, "str | bytes"]], Path]


def unreadable_witnesses(write_files: MakeFolder) -> Path:
    """Witnesses that fail as soon as they are read, so an error that comes instead
    shows the check was made before reading."""
    return write_files({"A.txt": b"\x00binary", "B.txt": "two"})


@pytest.mark.parametrize(
    ("output", "options", "error"),
    [
        ("out.docx", {}, UnknownFormatError),
        ("out.xml", {"format": "pdf"}, UnknownFormatError),
        ("missing/out.xml", {}, OutputError),
        ("out.xml", {"stemma_output": "s.png"}, UnknownFormatError),
        ("out.json", {"stemma_output": "out.json"}, OutputError),
        ("out.xml", {"engine": "nope"}, UnknownEngineError),
        ("out.xml", {"pattern": "(["}, InvalidTokenPatternError),
    ],
)
def test_everything_is_checked_before_the_witnesses_are_read(
    write_files: MakeFolder,
    tmp_path: Path,
    output: str,
    options: dict[str, str],
    error: type[CollateError],
) -> None:
    folder = unreadable_witnesses(write_files)
    paths = {k: tmp_path / v if k == "stemma_output" else v for k, v in options.items()}
    with pytest.raises(error):
        collate.run([folder], tmp_path / output, **paths)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["witnesses0"]
    with pytest.raises(collate.WitnessError, match="binary"):
        collate.run([folder], tmp_path / "out.xml")


def test_run_writes_the_collation_and_the_stemma(tmp_path: Path) -> None:
    output, stemma = tmp_path / "a.xml", tmp_path / "s.json"
    stages: list[str] = []
    collation = collate.run([SEEDS], output, stemma_output=stemma, progress=stages.append)
    assert collation.stemma is not None
    assert output.read_bytes() == collate.render(collation, "tei")
    assert stemma.read_text(encoding="utf-8") == collate.render_stemma(collation.stemma, "json")
    assert stages[0] == "reading witnesses" and "inferring the stemma" in stages
    assert b"<standOff>" in output.read_bytes()


def test_run_can_only_infer(tmp_path: Path) -> None:
    collation = collate.run([SEEDS], stemma=True, engine="anchor")
    assert collation.stemma is not None and not list(tmp_path.iterdir())
    assert collate.run([SEEDS]).stemma is None


def test_run_refuses_to_write_over_a_witness(write_files: MakeFolder) -> None:
    folder = write_files({"A.txt": "one", "B.txt": "two"})
    with pytest.raises(OutputError, match="would overwrite the witness"):
        collate.run([folder], folder / "A.txt", format="text")
    assert (folder / "A.txt").read_text() == "one"


@pytest.mark.parametrize(
    ("make", "error", "parameter"),
    [
        (lambda: Witness(" A", "text"), InvalidWitnessError, None),
        (lambda: Witness("", "text"), InvalidWitnessError, None),
        (lambda: collate.Normalization("NFX"), InvalidNormalizationError, "unicode_form"),  # type: ignore[arg-type]
        (lambda: collate.tokenize.token_regex("(["), InvalidTokenPatternError, "pattern"),
    ],
)
def test_model_checks_raise_named_errors(
    make: Callable[[], object], error: type[CollateError], parameter: str | None
) -> None:
    with pytest.raises(error) as raised:
        make()
    assert isinstance(raised.value, ValueError)  # a bad value, as Python expects
    assert raised.value.parameter == parameter
    if parameter is not None:
        message = raised.value.naming({parameter: "--the-option"})
        assert "--the-option" in message and f"`{parameter}`" in str(raised.value)


def test_an_unknown_engine_is_a_bad_value(tmp_path: Path) -> None:
    """The README: errors about a bad value are ValueErrors too."""
    with pytest.raises(ValueError, match="nope"):
        collate.run([SEEDS], tmp_path / "x.xml", engine="nope")
