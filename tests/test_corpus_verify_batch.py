"""Verification's batch path (`verification._Batch`: a batch's documents numbered,
counted and indexed once for every pair they are in) pairs exactly the words that
`shared_words`, which numbers and weighs each pair afresh, pairs."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.corpus.candidates import words
from collate.corpus.verification import _Batch, shared_words, verify, verify_batch

_VOCABULARY = ["the", "of", "a", "cat", "sat", "mat", "on", "dog", "ran", "far", "x", "y"]
_DOCUMENT = st.lists(st.sampled_from(_VOCABULARY), max_size=80)


@settings(max_examples=60, deadline=None)
@given(st.lists(_DOCUMENT, min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_a_batchs_counts_are_each_pairs_own(documents: list[list[str]], rng: random.Random) -> None:
    batch = _Batch(dict(enumerate(documents)))
    pairs = [(a, b) for a in range(len(documents)) for b in range(a + 1, len(documents))]
    # in any order: what one pair leaves in the batch's weights is never read by another
    rng.shuffle(pairs)
    for a, b in pairs:
        assert batch.shared_words(a, b) == shared_words(documents[a], documents[b])


def _versions(seed: int) -> list[str]:
    """A text, rewritten and cut versions of it, and an unrelated text quoting it."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(400)] + ["the", "of", "and", "a"] * 20
    source = [rng.choice(vocabulary) for _ in range(300)]
    reworded = [rng.choice(vocabulary) if rng.random() < 0.15 else w for w in source]
    cut = source[40:120] + source[200:260]
    moved = source[150:] + source[:150]
    other = [rng.choice(vocabulary) for _ in range(200)]
    quoting = other[:100] + source[10:40] + other[100:]
    return [" ".join(text) for text in (source, reworded, cut, moved, other, quoting)]


def test_a_batch_of_versions_gives_every_link_that_verifying_each_pair_gives() -> None:
    for seed in range(3):
        texts = _versions(seed)
        pairs = [(a, b) for a in range(len(texts)) for b in range(a + 1, len(texts))]
        expected = [
            link
            for a, b in pairs
            if (link := verify(a, b, words(texts[a]), words(texts[b]))) is not None
        ]
        found = verify_batch(pairs, dict(enumerate(texts)))
        assert found == expected
        kinds = {(link.a, link.b): link.kind for link in found}
        # the test means something: versions, reuse and unrelated texts are all here
        assert kinds[(0, 1)] == kinds[(0, 2)] == kinds[(0, 3)] == "version"
        assert kinds[(0, 5)] == "reuse"
        assert (0, 4) not in kinds
