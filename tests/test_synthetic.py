"""The synthetic-tradition generator: deterministic, lossless, and true to its history."""

from __future__ import annotations

import pytest

from collate import Alignment
from collate.tokenize import tokenize

from .conftest import outputs_under_hash_seeds
from .synthetic import SyntheticTradition, generate, orthographic_variant


@pytest.fixture(scope="module")
def tradition() -> SyntheticTradition:
    return generate(7, 1200, 8, moved_blocks=0.001, contamination=0.3)


def test_same_seed_same_tradition() -> None:
    assert generate(3, 300, 5) == generate(3, 300, 5)
    assert generate(3, 300, 5).witnesses != generate(4, 300, 5).witnesses


def test_same_tradition_under_any_hash_seed() -> None:
    script = (
        "import hashlib; from tests.synthetic import generate;"
        "t = generate(11, 400, 6, contamination=0.5);"
        "print(hashlib.sha256(repr((t.witnesses, sorted(t.parents.items()))).encode()).hexdigest())"
    )
    assert len(outputs_under_hash_seeds(script)) == 1


def test_origins_follow_the_tokenizer(tradition: SyntheticTradition) -> None:
    assert [w.siglum for w in tradition.witnesses] == [f"W{k:02d}" for k in range(1, 9)]
    for witness in tradition.witnesses:
        tokens = tokenize(witness).tokens
        assert len(tokens) == len(tradition.origins[witness.siglum])
        assert len(set(tradition.origins[witness.siglum])) == len(tokens)


def test_text_has_frequent_words_and_punctuation(tradition: SyntheticTradition) -> None:
    normals = [t.normal for t in tokenize(tradition.witnesses[0]).tokens]
    share = sum(n in ("the", "of", "and", ",", ".") for n in normals) / len(normals)
    assert 0.1 < share < 0.4


def test_history_is_a_rooted_tree_with_lost_and_extant_ancestors(
    tradition: SyntheticTradition,
) -> None:
    parents = tradition.parents
    assert tradition.extant == {w.siglum for w in tradition.witnesses}
    roots = [node for node, ps in parents.items() if not ps]
    assert len(roots) == 1
    lost = set(parents) - tradition.extant
    exemplars = {p for ps in parents.values() for p in ps}
    assert lost and lost <= exemplars  # every lost node has descendants
    assert any(len(ps) == 2 for ps in parents.values())  # contamination
    for node in parents:  # every node reaches the archetype
        seen = set()
        while parents[node]:
            assert node not in seen
            seen.add(node)
            node = parents[node][0]
    no_ancestors = generate(2, 200, 6, extant_ancestors=False)
    exemplars = {p for ps in no_ancestors.parents.values() for p in ps}
    assert not exemplars & no_ancestors.extant


def test_true_alignment_puts_each_origin_in_one_column(tradition: SyntheticTradition) -> None:
    alignment = tradition.true_alignment()
    sigla = alignment.sigla
    origin_columns: dict[int, set[int]] = {}
    for number, column in enumerate(alignment.columns):
        origins = {
            tradition.origins[sigla[w]][cell] for w, cell in enumerate(column) if cell is not None
        }
        assert len(origins) == 1
        origin_columns.setdefault(origins.pop(), set()).add(number)
    assert alignment.transpositions
    for transposition in alignment.transpositions:
        for here, there in transposition.links:
            assert origin_columns_of(alignment, tradition, here) == origin_columns_of(
                alignment, tradition, there
            )


def origin_columns_of(alignment: Alignment, tradition: SyntheticTradition, column: int) -> set[int]:
    return {
        tradition.origins[alignment.sigla[w]][cell]
        for w, cell in enumerate(alignment.columns[column])
        if cell is not None
    }


def test_moved_ranges_are_the_moved_tokens(tradition: SyntheticTradition) -> None:
    assert any(tradition.moved.values())
    for siglum, ranges in tradition.moved.items():
        flagged = {i for start, stop in ranges for i in range(start, stop)}
        assert flagged == {i for i, p in enumerate(tradition.placements[siglum]) if p}


def test_no_moves_when_none_are_asked_for() -> None:
    quiet = generate(5, 500, 4, moved_blocks=0.0, swap=0.0)
    assert not any(quiet.moved.values())
    assert quiet.true_alignment().transpositions == ()


def test_orthographic_variants_are_near_spellings() -> None:
    import random

    rng = random.Random(0)
    assert orthographic_variant("defence", rng) == "defense"
    assert orthographic_variant("colour", rng) == "color"
    assert orthographic_variant("xyz", rng) is None
