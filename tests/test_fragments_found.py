"""Fragments found where the alignment or a lacuna makes them hard to see, and a real
revision chain with a fragment and a lacuna in it (`collate.absences`,
`collate.stemma.fragments`): what a witness lacks is no omission, and it does not
break the chain."""

from __future__ import annotations

from pathlib import Path

import pytest

import collate
from collate.absences import _Site, find_fragments  # the sites find_fragments reads
from collate.lacunae import MARKER, marker_words
from collate.stemma import infer_stemma

from .conftest import SHARED

DARWIN = SHARED / "corpora" / "darwin-ch1"
ENGINE = "anchor" if "anchor" in collate.ENGINE_NAMES else "collatex"


def _tradition(stray: int) -> list[_Site]:
    """Four witnesses; D lost the last half (no text shared there, so no shared text
    between the locations either), marks a lacuna in what it keeps, and, with
    `stray`, has its last words aligned to the text's very last location."""
    sites = []
    for number in range(30):
        if 10 <= number < 15:
            # D's lacuna: the marker, then the locations it took
            reading = marker_words(MARKER) if number == 10 else ()
            sites.append(
                _Site(number, (0, 0, 0, 1), (("word", "here"), reading), 0 if number > 10 else 5)
            )
        else:
            sites.append(_Site(number, (0, 1, 0, 0), (("alpha",), ("beta",)), 5))
    for number in range(30, 60):
        sites.append(_Site(number, (0, 0, 0, 1), (("the", "lost", "four", "words"), ()), 0))
    if stray:
        words = tuple(f"last{i}" for i in range(stray))
        sites.append(_Site(60, (0, 0, 0, 0), (words,), 0))
        sites.append(_Site(61, (0, 1, 0, 0), (("end",), ("ends",)), 0))
    return sites


def test_a_lacunose_fragment_is_a_fragment() -> None:
    # before: the lacuna's empty readings counted as text D leaves out between its ends,
    # so D looked like a rewriting, not a fragment, and its lost half read as omissions
    sites = _tradition(stray=0)
    found = find_fragments(sites, 0, 4, 250)
    assert set(found) == {3}
    assert found[3].end == tuple(range(30, 60))
    assert set(found[3].inside) >= set(range(10, 15))


@pytest.mark.parametrize("stray", [3, 6])
def test_a_copy_with_its_last_words_aligned_to_the_end_is_a_fragment(stray: int) -> None:
    # before: D's last words, put beside the text's last words, hid its lost end
    sites = _tradition(stray)
    found = find_fragments(sites, 0, 4, 250, stranded=True)
    assert found[3].end == tuple(range(30, 60))
    # a whole witness is never made a fragment by the rule
    assert set(found) == {3}


def test_stray_words_end_the_stretch_a_revision_lacks(stray: int = 3) -> None:
    # where the witnesses may be revisions, the words a state keeps of a later cut
    # section end what it lacks: it is no fragment there
    found = find_fragments(_tradition(stray), 0, 4, 250)
    assert 3 not in found or not found[3].end


def test_stray_words_as_long_as_the_gap_are_no_fragment_end() -> None:
    # a witness that shares a long reading at the end after a long gap left out
    # something in the middle: that is an omission the stemma must count
    sites = _tradition(stray=10)
    sites[60] = _Site(60, (0, 0, 0, 0), (tuple(f"w{i}" for i in range(10)),), 0)
    long_tail = [_Site(61 + i, (0, 0, 0, 0), (("more",) * 3,), 0) for i in range(5)]
    found = find_fragments([*sites[:61], *long_tail], 0, 4, 250, stranded=True)
    assert 3 not in found or not found[3].end


def test_darwin_with_a_fragment_and_a_lacuna_keeps_its_chain(tmp_path: Path) -> None:
    """Darwin's chapter 1 in six editions, 1866 cut to its first 55% (plain text, no
    marker) and three paragraphs of 1861 replaced by the lacuna marker: the chain
    1859 -> 1860 -> 1861 -> 1866 -> 1869 -> 1872 stands, and both are reported."""
    if not DARWIN.is_dir():
        pytest.skip(f"no Darwin corpus at {DARWIN} (set COLLATE_SHARED)")
    for source in sorted(DARWIN.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        if source.stem == "1866":
            words = text.split(" ")
            text = " ".join(words[: int(len(words) * 0.55)])
        if source.stem == "1861":
            paragraphs = text.split("\n\n")
            third = len(paragraphs) // 3
            paragraphs[third : third + 3] = [MARKER]
            text = "\n\n".join(paragraphs)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    stemma = infer_stemma(collate.collate_files([tmp_path], engine=ENGINE).apparatus)
    # before: rooted at 1869 through a lost exemplar, 1860 -> 1859, edges at 0.97
    edges = {(e.source, e.target) for e in stemma.edges}
    years = ["1859", "1860", "1861", "1866", "1869", "1872"]
    assert edges == set(zip(years, years[1:], strict=False))
    notes = {node.id: node.fragment or "" for node in stemma.nodes}
    assert notes["1866"].startswith("a fragment: it ends before")
    assert "lacuna" in notes["1861"]
    assert not any(notes[y] for y in ("1859", "1860", "1869", "1872"))
