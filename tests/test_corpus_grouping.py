"""Candidate pairs and groups of versions: invariants, whatever the links."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.corpus.candidates import candidate_pairs, fingerprint
from collate.corpus.grouping import GROUP_SHARE, LINKED_SHARE, group_versions
from collate.corpus.partitions import SpilledIndex
from collate.corpus.verification import VERSION_SHARE, Link, LinkKind

from .conftest import SEEDS


def link(a: int, b: int, strength: float) -> Link:
    kind: LinkKind = "version" if strength >= VERSION_SHARE else "reuse"
    return Link(min(a, b), max(a, b), kind, 50, 50, strength, strength)


#: a number of documents, and link strengths by pair
Case = tuple[int, dict[tuple[int, int], float]]

links_strategy = st.integers(2, 12).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.dictionaries(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
            st.floats(0.05, 1.0),
            max_size=40,
        ),
    )
)


@given(links_strategy, st.randoms())
@settings(max_examples=150, deadline=None)
def test_groups_do_not_depend_on_the_order_of_the_links(case: Case, rng: random.Random) -> None:
    n, strengths = case
    links = [link(a, b, s) for (a, b), s in strengths.items()]
    shuffled = list(links)
    rng.shuffle(shuffled)
    assert group_versions(n, links) == group_versions(n, shuffled)


@given(links_strategy)
@settings(max_examples=150, deadline=None)
def test_every_group_is_mostly_linked_and_shares_enough(case: Case) -> None:
    """The average rule's groups; what the revision-chain joins add to them is checked
    in test_corpus_chains.py."""
    n, strengths = case
    groups = group_versions(n, [link(a, b, s) for (a, b), s in strengths.items()], chains=False)
    seen: set[int] = set()
    for members in groups:
        assert len(members) >= 2 and not seen & set(members)
        seen |= set(members)
        pairs = [(a, b) for a in members for b in members if a < b]
        linked = [strengths[p] for p in pairs if p in strengths]
        assert len(linked) > LINKED_SHARE * len(pairs)
        assert sum(linked) / len(pairs) >= GROUP_SHARE - 1e-9
        assert any(strengths[p] >= VERSION_SHARE for p in pairs if p in strengths)


@given(st.integers(3, 30), st.lists(st.floats(VERSION_SHARE, 1.0), min_size=29, max_size=29))
@settings(max_examples=100, deadline=None)
def test_a_chain_of_links_never_joins_its_far_ends(n: int, strengths: list[float]) -> None:
    """Document i shares most of its text with i + 1 only: however strong each link,
    no group holds two documents that are not linked."""
    links = [link(i, i + 1, strengths[i]) for i in range(n - 1)]
    for members in group_versions(n, links):
        assert len(members) == 2 and members[1] == members[0] + 1


def test_candidates_do_not_depend_on_how_the_documents_were_split() -> None:
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    whole = candidate_pairs([fingerprint(0, texts)])
    parts = candidate_pairs(
        [fingerprint(0, texts[:1]), fingerprint(1, texts[1:3]), fingerprint(3, texts[3:])]
    )
    assert whole == parts
    assert (0, 1) in {(a, b) for a, b, _ in whole}


def test_a_quotation_is_a_candidate_but_unrelated_texts_are_not() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    story = " ".join(rng.choice(vocabulary) for _ in range(400))
    other = " ".join(rng.choice(vocabulary) for _ in range(400))
    quoting = " ".join(rng.choice(vocabulary) for _ in range(300)) + " " + story[:200]
    pairs = {(a, b) for a, b, _ in candidate_pairs([fingerprint(0, [story, other, quoting])])}
    assert pairs == {(0, 2)}


def _texts_sharing_passages(seed: int) -> list[str]:
    """Stories, copies cut and reworded, and stubs of a few words from them."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    stories = [[rng.choice(vocabulary) for _ in range(rng.randint(60, 300))] for _ in range(12)]
    texts = [" ".join(s) for s in stories]
    for _ in range(30):
        story = rng.choice(stories)
        start = rng.randrange(len(story) // 2)
        copy = [w if rng.random() > 0.1 else rng.choice(vocabulary) for w in story[start:]]
        texts.append(" ".join(copy[: rng.randint(8, len(copy))]))
    return texts


@given(st.integers(0, 10_000), st.integers(2, 5), st.integers(1, 20))
@settings(max_examples=25, deadline=None)
def test_a_partitioned_index_finds_the_same_candidates(
    seed: int, partitions: int, step: int
) -> None:
    texts = _texts_sharing_passages(seed)
    parts = [
        fingerprint(start, texts[start : start + step]) for start in range(0, len(texts), step)
    ]
    whole = candidate_pairs(parts)
    with SpilledIndex(partitions) as spilled:
        for part in reversed(parts):
            spilled.add(part)
        assert spilled.candidate_pairs() == whole
    assert len(whole) > 10
