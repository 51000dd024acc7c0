"""Small traditions (`collate.stemma.resample`): with a dozen variant locations chance
decides much of a stemma, and an edge is believed no more than the share of bootstrap
replicates (the variant locations drawn again) whose stemma makes its claim."""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest

from collate import Witness, collate
from collate.stemma import Stemma, infer_stemma
from collate.stemma.infer import _infer
from collate.stemma.resample import REPLICATES, SMALL, claims, holds, recurrence, resampled
from tests.synthetic import SyntheticTradition, generate

from .conftest import SEEDS


def _ancestors(parents: Mapping[str, tuple[str, ...]], node: str) -> set[str]:
    found: set[str] = set()
    frontier = list(parents.get(node, ()))
    while frontier:
        current = frontier.pop()
        if current not in found:
            found.add(current)
            frontier.extend(parents.get(current, ()))
    return found


def _wrong(stemma: Stemma, tradition: SyntheticTradition) -> list[tuple[str, str, float]]:
    """The descent edges whose claim fails in the true history (as
    `benchmarks.stemma_eval.edge_claims` judges them), with their confidence."""
    true = dict(tradition.parents)
    extant = sorted(tradition.extant)
    groups = {frozenset(w for w in extant if node in _ancestors(true, w)) for node in true}
    mine = {e.target: (e.source,) for e in stemma.edges if e.kind == "descent"}
    wrong = []
    for edge in stemma.edges:
        if edge.kind != "descent":
            continue
        if edge.source in tradition.extant:
            below = [w for w in extant if w == edge.target or edge.target in _ancestors(mine, w)]
            holds = all(edge.source in _ancestors(true, w) for w in below)
        else:
            holds = frozenset(w for w in extant if edge.source in _ancestors(mine, w)) in groups
        if not holds:
            wrong.append((edge.source, edge.target, edge.confidence))
    return wrong


@pytest.mark.parametrize("seed", [206, 208])
def test_six_short_copies_claim_no_wrong_edge_at_0_9(seed: int) -> None:
    """Six copies of a 60-word text differ at five to nine variant locations; the
    stemma put a lost archetype above them all at 0.97-0.98, where an extant witness
    is the archetype. Drawn again from its locations, the tradition seldom says so."""
    tradition = generate(seed, 60, 6)
    apparatus = collate(list(tradition.witnesses), engine="anchor").apparatus
    assert len(apparatus.variant_locations) < SMALL
    stemma = infer_stemma(apparatus)
    assert _wrong(stemma, tradition)  # a small tradition: the stemma is not all right
    assert not [w for w in _wrong(stemma, tradition) if w[2] >= 0.9]
    for edge in stemma.edges:
        recurrence = edge.evidence.recurrence
        assert recurrence is not None and edge.confidence <= recurrence + 1e-9
        assert recurrence * REPLICATES == pytest.approx(round(recurrence * REPLICATES))
        if edge.confidence < edge.evidence.support * edge.evidence.direction - 1e-4:
            assert f"of {REPLICATES} replicates make this claim" in edge.evidence.summary


def test_the_replicates_are_the_same_every_time() -> None:
    tradition = generate(206, 60, 6)
    apparatus = collate(list(tradition.witnesses), engine="anchor").apparatus
    assert infer_stemma(apparatus) == infer_stemma(apparatus)


def test_a_tradition_of_many_locations_is_not_resampled() -> None:
    """The seeds' two related reports differ at over 150 variant locations: their
    edge keeps support x direction, unmeasured by replicates."""
    from collate import collate_files

    apparatus = collate_files([SEEDS], engine="anchor").apparatus
    assert len(apparatus.variant_locations) >= SMALL
    stemma = infer_stemma(apparatus)
    assert all(e.evidence.recurrence is None for e in stemma.edges)


def test_a_draw_made_before_is_not_inferred_again() -> None:
    """Four witnesses that differ at two variant locations allow three draws of them
    (the first twice, the second twice, each once): the stemma is inferred once a draw,
    and the shares are those of inferring all fifty replicates one by one."""
    texts = [
        "the quick brown fox jumps over the lazy dog and runs far away into the hills",
        "the quick brown fox leaps over the lazy dog and runs far away into the hills",
        "the quick brown fox leaps over the lazy dog and walks far away into the hills",
        "the quick brown fox jumps over the lazy dog and walks far away into the hills",
    ]
    witnesses = [Witness(f"w{k}", text) for k, text in enumerate(texts)]
    apparatus = collate(witnesses, engine="anchor").apparatus
    assert len(apparatus.variant_locations) == 2
    stemma = _infer(apparatus)
    inferred: list[int] = []

    def counted(again: object) -> Stemma:
        inferred.append(1)
        return _infer(again)  # type: ignore[arg-type]

    shares = recurrence(apparatus, stemma, counted)
    assert len(inferred) == 3
    rng = random.Random(2)
    wanted = claims(stemma)
    one_by_one = dict.fromkeys(wanted, 0)
    for _ in range(REPLICATES):
        replicate = _infer(resampled(apparatus, rng))
        for edge, claim in wanted.items():
            one_by_one[edge] += holds(replicate, claim)
    assert shares == {edge: count / REPLICATES for edge, count in one_by_one.items()}
