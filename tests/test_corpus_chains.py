"""Groups of versions along revision chains: a stub or a late revision that shares its
text with the nearest revisions only joins its group, and nothing of the kind bridges
two stories (`collate.corpus.grouping`, rules 4 and 5)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.corpus.candidates import candidate_pairs, fingerprint
from collate.corpus.grouping import CHAIN_SHARE, group_versions
from collate.corpus.verification import VERSION_SHARE, Link, LinkKind, verify_batch

from .conftest import SHARED

WIKIPEDIA = SHARED / "corpora" / "wikipedia-versions"


def link(a: int, b: int, strength: float, shared: int) -> Link:
    kind: LinkKind = "version" if strength >= VERSION_SHARE else "reuse"
    return Link(min(a, b), max(a, b), kind, shared, shared, strength, strength)


links_strategy = st.integers(2, 12).flatmap(
    lambda n: st.tuples(
        st.just(n),
        st.dictionaries(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
            st.tuples(st.floats(0.05, 1.0), st.integers(15, 400)),
            max_size=40,
        ),
    )
)


@given(links_strategy)
@settings(max_examples=200, deadline=None)
def test_a_chain_join_adds_lone_documents_each_in_a_triangle_of_versions(
    case: tuple[int, dict[tuple[int, int], tuple[float, int]]],
) -> None:
    """Every group is a group of the average rule plus documents that rule left alone,
    each strongly linked to a member x and linked (a version or a shared passage) to
    another member linked to x."""
    n, found = case
    links = [link(a, b, s, w) for (a, b), (s, w) in found.items()]
    near = {(lk.a, lk.b): lk for lk in links} | {(lk.b, lk.a): lk for lk in links}
    average = group_versions(n, links, chains=False)
    grouped = {m for members in average for m in members}
    for members in group_versions(n, links):
        cores = [g for g in average if set(g) <= set(members)]
        assert len(cores) == 1
        for joined in set(members) - set(cores[0]):
            assert joined not in grouped
            assert any(
                (x, joined) in near
                and near[x, joined].kind == "version"
                and near[x, joined].strength >= CHAIN_SHARE
                and any(
                    (y, joined) in near and (x, y) in near for y in members if y not in (x, joined)
                )
                for x in members
                if x != joined
            )


def _groups(texts: list[str], chains: bool = True) -> list[list[int]]:
    """The groups of versions among texts, through the corpus stages themselves."""
    pairs = [(a, b) for a, b, _ in candidate_pairs([fingerprint(0, texts)])]
    links = verify_batch(pairs, dict(enumerate(texts)))
    return group_versions(len(texts), links, chains)


def _passage(rng: random.Random, words: int) -> str:
    return " ".join(f"w{rng.randrange(20_000)}" for _ in range(words))


def test_a_late_revision_that_cut_the_early_text_joins_its_group() -> None:
    """A page grows from a stub, then its oldest sections are cut: the last revision
    shares nothing with the first two, yet is one text with the revisions before it."""
    rng = random.Random(3)
    a, b, c, d = (_passage(rng, n) for n in (120, 160, 200, 40))
    revisions = [a[: len(a) // 2], a, f"{a} {b}", f"{a} {b} {c}", f"{b} {c} {d}"]
    assert _groups(revisions, chains=False) == [[0, 1, 2, 3]]  # the average rule alone
    assert _groups(revisions) == [[0, 1, 2, 3, 4]]


def _bridges(kind: str) -> list[str]:
    """Stories A and C, three versions each (numbers 0-2 and 3-5), and what links them:
    a version of A quoting a passage of C, a document made of half of each, or a
    compilation holding both whole with a copy of it."""
    rng = random.Random(5)
    story_a, story_c = _passage(rng, 300).split(), _passage(rng, 300).split()

    def versions(story: list[str]) -> list[str]:
        return [" ".join(story[: len(story) - cut]) for cut in (0, 40, 80)]

    texts = versions(story_a) + versions(story_c)
    if kind == "quotation":
        return [*texts, " ".join(story_a[:260] + story_c[100:130])]
    if kind == "merger":
        return [*texts, " ".join(story_a[:150] + story_c[150:])]
    compilation = " ".join(story_a + story_c)
    return [*texts, compilation, f"{compilation} {_passage(rng, 20)}"]


@pytest.mark.parametrize("kind", ["quotation", "merger", "compilation"])
def test_two_stories_bridged_by_a_quotation_or_a_merger_stay_apart(kind: str) -> None:
    groups = _groups(_bridges(kind))
    assert any(set(members) >= {0, 1, 2} for members in groups)
    assert any(set(members) >= {3, 4, 5} for members in groups)
    for members in groups:
        assert not {0, 1, 2} & set(members) or not {3, 4, 5} & set(members), groups


def test_a_lone_text_held_whole_in_a_compilation_does_not_join_its_group() -> None:
    """Story C, a single document, is held whole in a compilation that joined story
    A's group: strongly linked to the compilation, C is still no version of the
    compilation's nearest member (a version of A), so it stays alone."""
    texts = _bridges("compilation")
    texts = [*texts[:3], texts[3], texts[6]]
    assert _groups(texts) == [[0, 1, 2, 4]]


def _article(name: str) -> tuple[list[str], list[str]]:
    folder = WIKIPEDIA / name / "witnesses"
    if not folder.is_dir():
        pytest.skip(f"no Wikipedia revisions at {folder} (set COLLATE_SHARED)")
    paths = sorted(folder.glob("*.txt"))
    return [p.stem for p in paths], [p.read_text("utf-8") for p in paths]


@pytest.mark.parametrize(
    ("article", "revision"),
    [
        # a 1,654-word revision that cut the page's early discussion (Hertfordshire's
        # 65-word stub was the other case: now a candidate of every later revision, it
        # joins by the average rule, tests/test_corpus_recall.py)
        ("Talk_Hardcore", "v_ac6f3a29"),
    ],
)
def test_a_wikipedia_revision_joins_its_page_along_the_chain(article: str, revision: str) -> None:
    names, texts = _article(article)
    alone = names.index(revision)
    before = _groups(texts, chains=False)
    assert all(alone not in members for members in before)
    after = _groups(texts)
    assert len(after) == 1 and alone in after[0]
    assert set(after[0]) >= set(before[0])
    # the other revisions are not merged by the chain join; each stays where it was
    assert sum(len(members) for members in after) == sum(len(m) for m in before) + 1
