"""A fragment that lost its beginning (an acephalous copy, common among manuscripts) in
a real revision chain: its place is read from the text it has, not from the text it
lacks, which over the whole texts reads as text all the others added. So too a short
excerpt from the middle of a text, where the text every witness has is too short to
order the others by."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate.stemma import infer_stemma

from .conftest import SHARED

DARWIN = SHARED / "corpora" / "darwin-ch1"
YEARS = ["1859", "1860", "1861", "1866", "1869", "1872"]


@pytest.mark.parametrize("cut", ["1861", "1869"])
def test_darwin_with_an_acephalous_edition_keeps_its_chain(tmp_path: Path, cut: str) -> None:
    if not DARWIN.is_dir():
        pytest.skip(f"no Darwin corpus at {DARWIN} (set COLLATE_SHARED)")
    for source in sorted(DARWIN.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        if source.stem == cut:  # plain text: nothing marks what it lost
            text = text[int(len(text) * 0.45) :]
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    stemma = infer_stemma(collate.collate_files([tmp_path]).apparatus)
    # before: the fragment was the root of the chain (1861 -> 1859 at 0.85)
    edges = {(e.source, e.target) for e in stemma.edges}
    assert edges == set(zip(YEARS, YEARS[1:], strict=False))
    notes = {node.id: node.fragment or "" for node in stemma.nodes}
    assert notes[cut].startswith("a fragment: it begins after")


@pytest.mark.parametrize(
    ("cut", "lines"),
    [
        ("1866", (40, 80)),
        ("1866", (20, 40)),
        ("1861", (5, 25)),
        # the collation scatters a few of its words over the stretch it lost
        ("1866", (60, 85)),
        # ... or places its first words before the chapter's beginning
        ("1869", (5, 25)),
        # the text every witness has is a third of the chapter, which shrank there
        ("1860", (30, 70)),
    ],
)
def test_darwin_with_an_excerpt_of_one_edition_keeps_its_chain(
    tmp_path: Path, cut: str, lines: tuple[int, int]
) -> None:
    if not DARWIN.is_dir():
        pytest.skip(f"no Darwin corpus at {DARWIN} (set COLLATE_SHARED)")
    for source in sorted(DARWIN.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        if source.stem == cut:  # a few paragraphs of the chapter, nothing marked
            text = "".join(text.splitlines(keepends=True)[lines[0] - 1 : lines[1]])
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    stemma = infer_stemma(collate.collate_files([tmp_path]).apparatus)
    # before: the excerpt was the root (1866 -> 1859) or a copy of 1872, at 0.78-0.85
    edges = {(e.source, e.target) for e in stemma.edges}
    assert edges == set(zip(YEARS, YEARS[1:], strict=False))
