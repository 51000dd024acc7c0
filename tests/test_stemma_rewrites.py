"""Revision chains through rewrites: a stub rewritten and expanded, a state that shares
little with the one before inside one tradition, a page emptied and begun again. On
real revision histories (the shared Wikipedia corpus, file names hiding the order),
read as texts: no collation is needed to find a chain's order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from collate.stemma.chain import find_chain

from .conftest import SEEDS, SHARED

WIKIPEDIA = SHARED / "corpora" / "wikipedia-versions"
pytestmark = pytest.mark.skipif(not WIKIPEDIA.is_dir(), reason="no shared corpora")


def _history(page: str) -> tuple[list[str], list[str]]:
    """The page's states in file-name order, and their true order (oldest first)."""
    folder = WIKIPEDIA / page
    names = sorted(path.stem for path in (folder / "witnesses").glob("*.txt"))
    texts = [(folder / "witnesses" / f"{name}.txt").read_text(encoding="utf-8") for name in names]
    dot = (folder / "truth.dot").read_text(encoding="utf-8")
    return texts, list(dict.fromkeys(re.findall(r"v_[0-9a-f]+", dot.split("digraph", 1)[1])))


def _order(page: str, *, related: bool = False) -> tuple[list[str], list[str]]:
    texts, truth = _history(page)
    names = sorted(truth)
    chain = find_chain(texts, [None] * len(texts), related=related)
    assert chain is not None
    return [names[w] for w in chain.order], truth


def _same_chain(found: list[str], truth: list[str]) -> bool:
    return found in (truth, truth[::-1])


def test_a_stub_rewritten_and_expanded_stays_in_the_chain() -> None:
    # the first state, 25 trigrams, keeps 16% of itself in the next of 80: too little
    # to call two texts of like length related, no measure for a stub
    found, truth = _order("Heather_Fargo")
    assert _same_chain(found, truth)


def test_unrelated_reports_of_like_length_form_no_chain() -> None:
    # the seeds: one copy and two independent reports sharing 6-19% of their text
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(SEEDS).glob("*.txt"))]
    assert find_chain(texts, [None] * len(texts)) is None


def test_a_rewrite_inside_one_tradition_is_a_link() -> None:
    # two states sharing 28% of the shorter: no chain among texts not known to be
    # related, the chain of the history once they are
    texts, truth = _history("History_of_Russia")
    assert find_chain(texts, [None] * len(texts)) is None
    found, _ = _order("History_of_Russia", related=True)
    assert _same_chain(found, truth)


@pytest.mark.parametrize("page", ["Hedwig", "Talk_Hardcore"])
def test_a_page_cut_at_the_end_stands_after_what_it_was_cut_from(page: str) -> None:
    # the last state keeps a part of the one before: the readings show that plainly,
    # against the belief that the length changes one way along a chain
    found, truth = _order(page)
    assert _same_chain(found, truth)


def test_a_first_state_rewritten_at_the_end_of_a_long_chain_stays_in_it() -> None:
    # Hemlock's first state (141 words) keeps 17% of itself in the next (254 words):
    # not a stub (more than a third as long), but a rewrite at the end of a chain of
    # five related revisions
    found, truth = _order("Hemlock")
    assert _same_chain(found, truth)


def test_an_unrelated_report_beside_a_short_chain_is_no_rewrite() -> None:
    # the seeds' copy and its exemplar with either independent report: the report
    # shares as much as a rewrite keeps, but no chain of related states stands beside it
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(SEEDS).glob("*.txt"))]
    for report in (texts[2], texts[3]):
        subset = [texts[0], texts[1], report]
        assert find_chain(subset, [None] * 3) is None
