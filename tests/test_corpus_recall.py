"""Recall on real revision histories: stubs whose shared runs are a few words long are
candidates of the revisions they are versions of, and a revision chain's far end joins
through a shared passage with the member nearest its exemplar
(`collate.corpus.candidates`, `collate.corpus.grouping` rule 5)."""

from __future__ import annotations

import pytest

from collate.corpus.candidates import candidate_pairs, fingerprint, words
from collate.corpus.grouping import group_versions
from collate.corpus.verification import verify, verify_batch

from .test_corpus_chains import _article, _bridges, _groups


@pytest.mark.parametrize(
    ("article", "stub"),
    [
        # 45 words, two thirds shared with the next revision in runs of 2-7 words
        ("Hedwig", "v_4f32c71d"),
        # 25 words, 16 of them shared with each of the four later revisions
        ("Horsepower", "v_81052fdb"),
        # 65 words, a version of every later revision
        ("Hertfordshire", "v_5a1817e3"),
    ],
)
def test_a_stub_is_a_candidate_of_every_revision_it_is_a_version_of(
    article: str, stub: str
) -> None:
    names, texts = _article(article)
    at = names.index(stub)
    candidates = {(a, b) for a, b, _ in candidate_pairs([fingerprint(0, texts)])}
    tokens = [words(t) for t in texts]
    versions = [
        other
        for other in range(len(texts))
        if other != at
        and (
            link := verify(
                min(at, other), max(at, other), tokens[min(at, other)], tokens[max(at, other)]
            )
        )
        and link.kind == "version"
    ]
    assert versions
    assert all((min(at, o), max(at, o)) in candidates for o in versions)


@pytest.mark.parametrize("article", ["Hedwig", "Horsepower", "Hertfordshire"])
def test_the_whole_revision_history_is_one_group(article: str) -> None:
    """Hedwig's five revisions are a chain (stub -> ... -> last): the last shares
    nothing with the stub, is a version of the fourth and shares a 41-word passage
    with the third, the fourth's nearest revision; it joins along the chain."""
    _, texts = _article(article)
    pairs = [(a, b) for a, b, _ in candidate_pairs([fingerprint(0, texts)])]
    links = verify_batch(pairs, dict(enumerate(texts)))
    assert group_versions(len(texts), links) == [list(range(len(texts)))]


def test_the_limit_of_the_chain_join_a_compilation_whose_nearest_member_quotes_the_text() -> None:
    """What a shared passage as corroboration lets through, pinned so that a change is
    seen: story C, a single document, held whole in a compilation that joined story A's
    group, joins that group when A's versions quote 20 words of C (a verified passage
    with the compilation's nearest member); without the quotation it stays alone
    (tests/test_corpus_chains.py)."""
    texts = _bridges("compilation")
    quoted = " ".join(texts[3].split()[100:120])
    a_versions = [f"{text} {quoted}" for text in texts[:3]]
    texts = [*a_versions, texts[3], texts[6]]
    assert _groups(texts) == [[0, 1, 2, 3, 4]]
