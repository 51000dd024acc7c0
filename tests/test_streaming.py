"""The table formats are written in pieces: the pieces make exactly the file the whole
table would, and a failure while making them leaves no file and the old one intact."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest

import collate
from collate import Collation, OutputError, Token, Witness
from collate.formats import csv as csv_format
from collate.formats import json as json_format
from collate.formats import text as text_format
from collate.formats import tsv as tsv_format
from collate.output import encoded, write_atomic

from .synthetic import generate


@pytest.fixture(scope="module")
def moved() -> Collation:
    """Six witnesses with moved blocks, so the alignment has transpositions."""
    tradition = generate(5, 600, 6, moved_blocks=0.004)
    collation = collate.collate(tradition.witnesses)
    assert collation.alignment.transpositions
    return collation


def _pretokenised(siglum: str, words: list[tuple[str, dict[str, object]]]) -> Witness:
    tokens = tuple(Token(w, " ", "", p) for w, p in words)
    return Witness(siglum, "".join(t.surface for t in tokens), tokens=tokens)


@pytest.fixture(scope="module")
def with_properties() -> Collation:
    return collate.collate(
        [
            _pretokenised("A", [("Ein", {"page": 1}), ("Haus", {"tags": ["n", {"x": None}]})]),
            _pretokenised("B", [("Ein", {"page": 2.5}), ("Hause", {}), ("groß", {"é": True})]),
        ]
    )


def _reference_json(collation: Collation) -> bytes:
    document = json.dumps(
        json_format.table(collation), ensure_ascii=False, sort_keys=True, indent=1
    )
    return (document + "\n").encode("utf-8")


def test_streamed_json_is_what_json_dumps_writes(
    moved: Collation, with_properties: Collation, seed_witnesses: tuple[Witness, ...]
) -> None:
    for collation in (moved, with_properties, collate.collate(seed_witnesses)):
        assert json_format.write(collation) == _reference_json(collation)
    cells = [c for row in json_format.table(moved)["table"] for c in row if c]
    assert any("transposition" in cell[0] for cell in cells)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_json_refuses_nan_and_infinity(value: float) -> None:
    collation = collate.collate(
        [_pretokenised("A", [("a", {"weight": value})]), _pretokenised("B", [("a", {})])]
    )
    with pytest.raises(OutputError, match="NaN or infinite"):
        json_format.write(collation)


@pytest.mark.parametrize("module", [json_format, tsv_format, csv_format, text_format])
def test_small_pieces_make_the_same_file(
    module: object, moved: Collation, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = module.write(moved)  # type: ignore[attr-defined]
    monkeypatch.setattr(tsv_format, "ROWS_PER_CHUNK", 3)  # the three table formats'
    monkeypatch.setattr(json_format, "_CELLS_PER_CHUNK", 3)
    pieces = list(module.chunks(moved))  # type: ignore[attr-defined]
    assert len(pieces) > 10
    assert "".join(pieces).encode("utf-8") == whole


def test_a_failure_while_streaming_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.tsv"
    target.write_bytes(b"old")

    def pieces() -> Iterator[str]:
        yield "first piece\n"
        raise OutputError("made up")

    with pytest.raises(OutputError):
        write_atomic(target, encoded(pieces()))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tsv"]


def test_streamed_write_replaces_the_file_whole(moved: Collation, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    write_atomic(target, encoded(json_format.chunks(moved)))
    assert target.read_bytes() == json_format.write(moved)
