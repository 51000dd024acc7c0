"""The TEI body is widened (`tei_body._widen`) in pieces cut inside long shared texts;
the plan must be the one the whole text widened at once gives, wherever the cuts fall
and where a piece takes all the words on its side of a cut (then pieces are merged)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

import collate
from collate import WhitespaceMode, Witness
from collate.formats import tei_body

from .conftest import FIXTURES, SEEDS, SHARED
from .strategies import related_texts


def _items_of(
    witnesses: list[Witness], whitespace: WhitespaceMode
) -> tuple[list[tei_body._Item], tuple[str, ...]]:
    apparatus = collate.collate(witnesses, whitespace=whitespace).apparatus
    sigla = apparatus.sigla
    return tei_body._restrict(tei_body._items(apparatus), sigla), sigla


def _assert_pieces_plan_as_whole(items: list[tei_body._Item], sigla: tuple[str, ...]) -> None:
    whole, _ = tei_body._widen_piece(items, sigla, True)
    assert tei_body._widen(items, sigla, True) == whole
    # cut wherever possible, with a word on each side: most cuts are then emptied
    # by a take and their pieces merged again (passed, not patched: the compiled build
    # reads its own module's constants past the module's dictionary)
    assert tei_body._widen(items, sigla, True, shortest=1, kept=1) == whole


@pytest.mark.parametrize("whitespace", ["spacing", "variants"])
@pytest.mark.parametrize(
    "folder",
    [SEEDS, FIXTURES / "chaucer", FIXTURES / "prologue", SHARED / "corpora" / "darwin-ch1"],
    ids=lambda f: Path(f).name,
)
def test_pieces_plan_as_the_whole_text_on_real_traditions(
    folder: Path, whitespace: WhitespaceMode
) -> None:
    if not folder.exists():
        pytest.skip(f"no corpus at {folder} (set COLLATE_SHARED)")
    witnesses = list(collate.read_witnesses([folder]))
    items, sigla = _items_of(witnesses, whitespace)
    if folder.name == "darwin-ch1":  # long enough to be cut as it is
        assert len(tei_body._pieces(items)) > 10
    _assert_pieces_plan_as_whole(items, sigla)


@settings(max_examples=60, deadline=None)
@given(texts=related_texts())
def test_pieces_plan_as_the_whole_text(texts: list[str]) -> None:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    _assert_pieces_plan_as_whole(*_items_of(witnesses, "spacing"))
