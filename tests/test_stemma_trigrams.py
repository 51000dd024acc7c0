"""The revision chain's trigrams, passages and bootstrap in numpy
(`collate.stemma.trigrams`, `collate.stemma.chain`), against the plain Python they
replace: the same passages, the same replicates, the same bootstrap support."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.stemma.chain import (
    BOOTSTRAP,
    BOOTSTRAP_SEED,
    _best_order,
    _Changes,
    _patterns,
    chain_support,
    passages,
)
from collate.stemma.trigrams import Passages, cut_into_passages, fold, shingles_in_order

_TEXTS = st.lists(
    st.lists(st.sampled_from("ka lo mi ne ru ta".split()), min_size=0, max_size=40).map(" ".join),
    min_size=1,
    max_size=5,
)


def _reference_passages(texts: list[str]) -> list[tuple[int, int]]:
    """Runs of consecutive trigrams that the same witnesses have, each once (read in
    the first witness that has it), with trigrams as tuples of strings."""
    holders: dict[tuple[tuple[str, ...], int], int] = {}
    ordered = [shingles_in_order(text) for text in texts]
    for w, grams in enumerate(ordered):
        for gram in grams:
            holders[gram] = holders.get(gram, 0) | 1 << w
    found: list[tuple[int, int]] = []
    for w, grams in enumerate(ordered):
        mask, length = 0, 0
        for gram in grams:
            if holders[gram] != mask:
                if length and mask & -mask == 1 << w:
                    found.append((mask, length))
                mask, length = holders[gram], 0
            length += 1
        if length and mask & -mask == 1 << w:
            found.append((mask, length))
    return found


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_passages_are_those_of_the_plain_definition(texts: list[str]) -> None:
    assert passages(texts) == _reference_passages(texts)


def test_passages_of_more_witnesses_than_one_int64_holds() -> None:
    rng = random.Random(4)
    words = [rng.choice("ka lo mi ne ru ta si po".split()) for _ in range(200)]
    texts = []
    for _ in range(70):
        words = list(words)
        words[rng.randrange(len(words))] = rng.choice(["x", "y", "z"])
        texts.append(" ".join(words))
    found = passages(texts)
    assert found == _reference_passages(texts)
    assert any(mask >> 64 for mask, _ in found)


@settings(max_examples=40, deadline=None)
@given(_TEXTS, st.integers(min_value=0, max_value=2**32))
def test_replicates_draw_as_random_choices_does(texts: list[str], seed: int) -> None:
    cut = cut_into_passages(texts)
    listed = cut.as_list()
    drawn = cut.replicates(3, seed)
    rng = random.Random(seed)
    for row in drawn.tolist():
        expected = _patterns(rng.choices(listed, k=len(listed))) if listed else Counter()
        assert {cut.masks[m]: c for m, c in enumerate(row) if c} == dict(expected)


def _states(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = [rng.choice("ka lo mi ne ru ta si po de ga".split()) for _ in range(300)]
    states = [" ".join(words)]
    for _ in range(count - 1):
        words = list(words)
        at = rng.randrange(len(words))
        words[at:at] = [rng.choice(["vu", "re", "xo"]) for _ in range(rng.randint(3, 12))]
        words[rng.randrange(len(words))] = "q"
        states.append(" ".join(words))
    return states


@settings(max_examples=3, deadline=None)
@given(st.integers(min_value=3, max_value=6), st.integers(min_value=0, max_value=10_000))
def test_bootstrap_support_is_that_of_one_replicate_at_a_time(n: int, seed: int) -> None:
    """All replicates ordered at once give what ordering each alone gives."""
    cut = passages(_states(n, seed))
    dates: list[str | None] = [None] * n
    rng = random.Random(BOOTSTRAP_SEED)
    counts: Counter[frozenset[int]] = Counter()
    for _ in range(BOOTSTRAP):
        order = _best_order(_Changes(_patterns(rng.choices(cut, k=len(cut))), n), dates)
        counts.update(frozenset(pair) for pair in zip(order, order[1:], strict=False))
    expected = {pair: count / BOOTSTRAP for pair, count in counts.items()}
    assert chain_support(cut, n, dates) == expected
    assert chain_support(Passages.of(cut), n, dates) == expected


def test_folding_conventions_and_plain_ascii() -> None:
    assert fold("Gärtner's palæontology &c. a^{14}") == "gartner's palaeontology etc. a14"
    assert fold("Plain ASCII, kept") == "plain ascii, kept"
