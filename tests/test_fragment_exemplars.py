"""A fragment that is itself an exemplar, and two fragments in one tradition
(`collate.stemma.fragments`, `collate.absences`): what a fragment lacks is read neither
as its copies' readings nor as omissions, so it stands inside the stemma above its
copies, not at a leaf beside them."""

from __future__ import annotations

import random

import pytest

import collate
from collate import Witness
from collate.absences import _Site, find_fragments  # the sites find_fragments reads
from collate.stemma import Stemma, infer_stemma

from .test_lacunae import _words


def _copy(words: list[str], seed: int, changes: int = 12) -> list[str]:
    """A copy: a dozen words changed, and a word or three lost here and there."""
    rng = random.Random(seed)
    copy = list(words)
    for n in range(changes):
        copy[rng.randrange(len(copy))] = f"v{seed}x{n}"
    for _ in range(changes // 2):
        at = rng.randrange(len(copy) - 3)
        del copy[at : at + rng.randint(1, 3)]
    return copy


def _stemma(lost: str, second_fragment: bool = False) -> Stemma:
    """A the archetype, B and F its copies, C1-C3 copies of F; F survives without its
    first (or last) 45%; with `second_fragment`, G, a copy of B, without the other end."""
    words = _words(800, seed=11)
    f, b = _copy(words, 1), _copy(words, 2)
    copies = [_copy(f, seed) for seed in (3, 4, 5)]
    cut = int(len(f) * 0.45)
    kept = f[cut:] if lost == "beginning" else f[: len(f) - cut]
    witnesses = [
        Witness("A", " ".join(words) + "\n"),
        Witness("B", " ".join(b) + "\n"),
        Witness("F", " ".join(kept) + "\n"),
        *(Witness(f"C{n}", " ".join(c) + "\n") for n, c in enumerate(copies, 1)),
    ]
    if second_fragment:
        g = _copy(b, 6)
        g_cut = int(len(g) * 0.4)
        g_kept = g[: len(g) - g_cut] if lost == "beginning" else g[g_cut:]
        witnesses.append(Witness("G", " ".join(g_kept) + "\n"))
    return infer_stemma(collate.collate(witnesses).apparatus)


@pytest.mark.parametrize("lost", ["beginning", "end"])
def test_a_fragment_that_is_an_exemplar_stands_above_its_copies(lost: str) -> None:
    # before: F hung as a leaf from a lost exemplar of C1-C3 (or beside one of them),
    # which read as F's exemplar: its lost half had been read as its copies read
    stemma = _stemma(lost)
    parents = {e.target: e.source for e in stemma.edges if e.kind == "descent"}
    assert {parents[c] for c in ("C1", "C2", "C3")} == {"F"}
    assert parents["F"] == "A" and parents["B"] == "A"
    assert "A" not in parents
    notes = {node.id: node.fragment or "" for node in stemma.nodes}
    assert notes["F"].startswith("a fragment")


@pytest.mark.parametrize("lost", ["beginning", "end"])
def test_two_fragments_lacking_opposite_ends_are_both_fragments(lost: str) -> None:
    stemma = _stemma(lost, second_fragment=True)
    notes = {node.id: node.fragment or "" for node in stemma.nodes}
    assert notes["F"].startswith("a fragment") and notes["G"].startswith("a fragment")
    assert not any(notes[s] for s in ("A", "B", "C1", "C2", "C3"))
    parents = {e.target: e.source for e in stemma.edges if e.kind == "descent"}
    assert parents["G"] == "B"
    assert {parents[c] for c in ("C1", "C2", "C3")} == {"F"}


def _short_fragment(omissions: int) -> list[_Site]:
    """Five witnesses over 40 locations with 20 shared words before each; witness 4
    lacks the first 25 locations (a long lost beginning) and, in the 15 it keeps,
    omits a word at `omissions` of them, as any copyist does."""
    sites = []
    for number in range(25):
        sites.append(_Site(number, (0, 0, 0, 0, 1), (("the", "lost", "words"), ()), 0))
    for number in range(25, 40):
        empty = number - 25 < omissions
        sites.append(_Site(number, (0, 1, 0, 0, 2 if empty else 0), (("a",), ("b",), ()), 20))
    return sites


def test_a_short_fragment_with_a_few_omissions_is_a_fragment() -> None:
    # before: 2 of its 15 locations empty read as text lacking all through (a
    # rewriting), though they are 2 words of the 320 it has there
    found = find_fragments(_short_fragment(2), 0, 5, 400, stranded=True)
    assert set(found) == {4} and found[4].start == tuple(range(25))


def test_a_text_lacking_much_between_its_ends_is_no_fragment() -> None:
    # half its text missing between its ends: a rewriting, not a copy that broke off
    sites = _short_fragment(0)
    for number in range(25, 40, 2):
        sites[number] = _Site(number, (0, 0, 0, 0, 1), (tuple(["w"] * 40), ()), 20)
    assert 4 not in find_fragments(sites, 0, 5, 400, stranded=True)
