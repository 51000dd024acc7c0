"""The `.txt` alignment table (issue 15): witnesses as rows, wrapped to the terminal's
width, every token in its place."""

from __future__ import annotations

import pytest

import collate
from collate import Collation
from collate.formats import text

from .conftest import sigla_witnesses


@pytest.fixture(scope="module")
def seeds(seed_witnesses: tuple[collate.Witness, ...]) -> Collation:
    return collate.collate(seed_witnesses)


def blocks(table: str) -> list[list[str]]:
    return [block.splitlines() for block in table.split("\n\n")]


@pytest.mark.parametrize("width", [40, 80, 132])
def test_lines_fit_the_width_and_every_witness_is_a_row(seeds: Collation, width: int) -> None:
    table = "".join(text.chunks(seeds, width))
    sigla = list(seeds.alignment.sigla)
    for block in blocks(table):
        assert [line.split()[0] for line in block[1:]] == sigla
        for line in block:
            assert len(line) <= width, line


def test_the_positions_read_in_order_and_each_witness_reads_its_tokens(
    seeds: Collation,
) -> None:
    table = "".join(text.chunks(seeds, 60))
    firsts = [int(block[0].split()[0]) for block in blocks(table)]
    assert firsts[0] == 1 and firsts == sorted(firsts) and len(set(firsts)) == len(firsts)
    for row, witness in enumerate(seeds.alignment.witnesses, start=1):
        cells = [cell for block in blocks(table) for cell in block[row].split()[1:]]
        words = [token.text for token in witness.tokens if token.text]
        shown = [cell for cell in cells if cell != "-"]
        # long tokens are cut with "…"; every other token stands as it is
        assert len(shown) == len(words)
        for cell, word in zip(shown, words, strict=True):
            assert cell.replace("\\n", "").replace("\\t", "").rstrip("…") in word


def test_the_width_follows_columns(seeds: Collation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    assert max(map(len, collate.render(seeds, "text").decode().splitlines())) <= 50
    monkeypatch.setenv("COLUMNS", "200")
    assert max(map(len, collate.render(seeds, "text").decode().splitlines())) > 100


def test_the_table_is_a_small_multiple_of_the_input(seeds: Collation) -> None:
    """Not one token per line: the seeds' table was 182 KB for 16 KB of text."""
    size = len(collate.render(seeds, "text"))
    source = sum(len(w.text.encode()) for w in seeds.witnesses)
    assert size < 8 * source


def test_a_token_wider_than_the_block_still_shows() -> None:
    collation = collate.collate(sigla_witnesses("a " + "x" * 300 + " b", "a y b"))
    table = "".join(text.chunks(collation, 30))
    assert "xxxxxxxxxx" in table and max(map(len, table.splitlines())) <= 30
