"""Verification: how much of each document of a candidate pair the shared passages cover.

Each candidate pair goes through the anchor engine's pairwise matcher
(`collate.engines._anchor_match.Matcher`): rare shared n-grams as anchors, the heaviest
chain of them in order, moved passages, then the gaps between anchors searched for
shorter runs, level by level. The words it pairs are the shared text; moved passages
count too (a reordered version still shares them). One step of the engine is left out
(`_Counting`): aligning word by word a gap longer than a word or two on either side.
A collation must print those pairs; a count of shared text is better without them
(paired in place, two unrelated stretches would count as shared) and they took three
fifths of the time (600 news documents' 2,074 candidate pairs: 18.6 -> 7.8 ms CPU per
document; 18 version links became reuse links and 15 reuse links fell below 15 words,
none the other way; the Wikipedia revisions grouped the same). A pair of documents is then one of:

- a *version* link: at least `VERSION_SHARE` of the shorter document, and at least
  `VERSION_WORDS` words, are shared with the other (one text, rewritten, shortened,
  reordered);
- a *reuse* link: less than that, but at least `REUSE_WORDS` words are shared (a
  quotation or a passage taken over into an otherwise different text);
- nothing: the candidate's shared n-grams were chance or boilerplate.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, itemgetter
from typing import Any, Literal

from ..engines._anchor_match import (
    LOADED_ARRAY_TOKENS,
    SUBSTITUTION_INSIDE,
    TOP_LEVEL,
    Matcher,
    Scorer,
    _unique_grams,
)
from ..engines._gap_align import Candidate
from .candidates import words

#: share of the shorter document that must be shared for the pair to be versions
VERSION_SHARE = 0.5
#: the fewest shared words that make a reuse link
REUSE_WORDS = 15
#: ...and a version link: a stub of a few sentences can be a version of its article
VERSION_WORDS = 8
#: words added to the pair's word count when weighing words, as the anchor engine does:
#: in two short texts every word would otherwise look rare
_PADDING_WORDS = 2048
#: the most a very common word can weigh, so that anchors rest on content words
_COMMON_BITS = 5.0
_COMMON_SHARE = 0.01

LinkKind = Literal["version", "reuse"]


@dataclass(frozen=True, slots=True)
class Link:
    """Documents `a` < `b` (numbers), what they share and what that makes them."""

    a: int
    b: int
    kind: LinkKind
    #: words of each paired with the other
    shared_a: int
    shared_b: int
    #: share of each document's words that the other shares
    coverage_a: float
    coverage_b: float

    @property
    def strength(self) -> float:
        """The share of the shorter document that is shared (what makes a version)."""
        return max(self.coverage_a, self.coverage_b)


def _symbols(a: Sequence[str], b: Sequence[str]) -> tuple[list[int], list[int], Scorer]:
    # symbols numbered by first appearance, a then b; words counted in C (a pair of
    # 500-word texts has a few hundred distinct words, only those are weighed here)
    spellings = list(dict.fromkeys(itertools.chain(a, b)))
    ids = dict(zip(spellings, range(len(spellings)), strict=True))
    counts = Counter(a)
    counts.update(b)
    bits_of = _bits_of(set(counts.values()), len(a) + len(b) + _PADDING_WORDS)
    weights = list(map(bits_of.__getitem__, map(counts.__getitem__, spellings)))
    return list(map(ids.__getitem__, a)), list(map(ids.__getitem__, b)), Scorer(weights, spellings)


def _bits_of(counts: Iterable[int], total: int) -> dict[int, float]:
    """A word's weight by its count in a pair of `total` words (padded): it depends on
    its count only, so it is worked out once per count (a pair's few hundred words have
    a few dozen counts), then looked up in C."""
    bits_of = {}
    for count in counts:
        bits = math.log2(total / count)
        # a word making up a percent of the pair's text is a function word here
        bits_of[count] = min(bits, _COMMON_BITS) if count / total >= _COMMON_SHARE else bits
    return bits_of


class _Counting(Matcher):
    """The anchor matcher, with the gaps that remain after every level of runs paired
    in place where they are a word or two on both sides (a word replaced by another
    between shared runs: rewording), else left unpaired: a longer stretch paired in
    place could be two unrelated texts side by side."""

    def edit_pairs(
        self,
        a: Sequence[int],
        b: Sequence[int],
        inside: bool = False,
        near: Sequence[Candidate] | None = None,
    ) -> list[tuple[int, int]]:
        if len(a) == len(b) <= SUBSTITUTION_INSIDE:
            return [(x, x) for x in range(len(a))]
        return []

    def _profile_symbols(self, p_pos: Sequence[int], wanted: set[int]) -> list[int]:
        # two plain texts: no column holds another reading than its own
        return list(map(self.profile.__getitem__, p_pos))


def shared_words(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """How many words of `a`, and of `b`, the matcher pairs with the other."""
    if not a or not b:
        return 0, 0
    first, second, scorer = _symbols(a, b)
    return _counted(scorer, first, second)


def _counted(
    scorer: Scorer,
    first: Sequence[int],
    second: Sequence[int],
    grams: tuple[dict[Any, int], dict[Any, int]] | None = None,
) -> tuple[int, int]:
    """How many symbols of each side the matcher pairs with the other (`grams`: each
    side's n-grams found once in it, at the matcher's first level, if known)."""
    matcher = _Counting(scorer, first, second, {}, range(len(first)), 1, grams)
    pairs, moves = matcher.match()
    in_a = set(map(itemgetter(0), pairs))
    in_b = set(map(itemgetter(1), pairs))
    for move in moves:
        in_a.update(map(itemgetter(0), move.pairs))
        in_b.update(map(itemgetter(1), move.pairs))
    return len(in_a), len(in_b)


def verify(a: int, b: int, words_a: Sequence[str], words_b: Sequence[str]) -> Link | None:
    """The link between documents `a` and `b`, or None if they share too little."""
    return _link(a, b, *shared_words(words_a, words_b), len(words_a), len(words_b))


def _link(
    a: int, b: int, shared_a: int, shared_b: int, length_a: int, length_b: int
) -> Link | None:
    coverage_a = shared_a / length_a if length_a else 0.0
    coverage_b = shared_b / length_b if length_b else 0.0
    if max(coverage_a, coverage_b) >= VERSION_SHARE and min(shared_a, shared_b) >= VERSION_WORDS:
        kind: LinkKind = "version"
    elif min(shared_a, shared_b) >= REUSE_WORDS:
        kind = "reuse"
    else:
        return None
    return Link(a, b, kind, shared_a, shared_b, round(coverage_a, 4), round(coverage_b, 4))


def verify_batch(pairs: Sequence[tuple[int, int]], texts: dict[int, str]) -> list[Link]:
    """The links among a batch of candidate pairs (one executor task); `texts` holds
    every document the batch names, by number."""
    batch = _Batch({number: words(text) for number, text in texts.items()})
    found = []
    for a, b in pairs:
        link = _link(a, b, *batch.shared_words(a, b), batch.lengths[a], batch.lengths[b])
        if link is not None:
            found.append(link)
    return found


class _Batch:
    """A batch's documents, each numbered and counted once for all the pairs it is in
    (a document is in seven pairs on average, and numbering a pair's words was a
    seventh of its verification).

    Symbols are numbered over the whole batch, not per pair: the matcher asks only
    whether two symbols are equal and what a symbol weighs and is spelled, never how
    it compares with another, so any numbering pairs the same words. A pair's weights
    are written into one list for the batch at its own symbols' places; the matcher
    never looks up a symbol the pair does not have, so what other pairs left there is
    never read. `tests/test_corpus_verify_batch.py` checks the counts against
    `shared_words`, which numbers each pair afresh."""

    def __init__(self, tokens: dict[int, list[str]]) -> None:
        ids: dict[str, int] = {}
        self.symbols: dict[int, list[int]] = {}
        self.counts: dict[int, dict[int, int]] = {}
        self.lengths = {number: len(spelled) for number, spelled in tokens.items()}
        for number, spelled in tokens.items():
            # a new word takes the next number, a word seen before keeps its own
            symbols = [ids.setdefault(w, len(ids)) for w in spelled]
            self.symbols[number] = symbols
            self.counts[number] = Counter(symbols)
        self.spellings = list(ids)
        self.weights = [0.0] * len(ids)
        self._grams: dict[int, dict[Any, int]] = {}

    def _top_grams(self, number: int) -> dict[Any, int]:
        """The document's n-grams found once in it, at the matcher's first level."""
        found = self._grams.get(number)
        if found is None:
            found = self._grams[number] = _unique_grams(self.symbols[number], TOP_LEVEL[0])
        return found

    def shared_words(self, a: int, b: int) -> tuple[int, int]:
        """`shared_words` of documents `a` and `b`."""
        first, second = self.symbols[a], self.symbols[b]
        if not first or not second:
            return 0, 0
        counts_a, counts_b = self.counts[a], self.counts[b]
        present = list(counts_a.keys() | counts_b.keys())
        counts = list(
            map(add, map(counts_a.get, present, repeat(0)), map(counts_b.get, present, repeat(0)))
        )
        bits_of = _bits_of(set(counts), len(first) + len(second) + _PADDING_WORDS)
        weights = self.weights
        deque(map(weights.__setitem__, present, map(bits_of.__getitem__, counts)), maxlen=0)
        # two long texts are matched in arrays (`find_runs`), without these
        short = len(first) + len(second) < LOADED_ARRAY_TOKENS
        grams = (self._top_grams(a), self._top_grams(b)) if short else None
        return _counted(Scorer(weights, self.spellings), first, second, grams)
