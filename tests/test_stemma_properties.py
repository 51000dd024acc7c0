"""Invariants of every stemma, over random synthetic traditions: a rooted DAG holding
every witness exactly once, confidences in [0, 1], outputs that read back, and no
dependence on the order of the witnesses."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collate import Apparatus
from collate.apparatus import build_apparatus
from collate.model import Reading, ReadingGroup, VariantLocation
from collate.stemma import Stemma, infer_stemma
from collate.stemma.formats import from_json, to_json

from .synthetic import SyntheticTradition, generate

traditions = st.builds(
    lambda seed, words, witnesses, noise, contamination: generate(
        seed,
        words,
        witnesses,
        substitution=0.008 * noise,
        omission=0.003 * noise,
        insertion=0.003 * noise,
        eye_skip=0.0015 * noise,
        contamination=contamination,
    ),
    st.integers(0, 10_000),
    st.integers(20, 400),
    st.integers(1, 9),
    st.sampled_from([0.5, 1.0, 3.0]),
    st.sampled_from([0.0, 0.0, 0.5]),
)


def check_invariants(stemma: Stemma, sigla: set[str]) -> None:
    extant = [n.id for n in stemma.nodes if n.extant]
    assert sorted(extant) == sorted(sigla)  # every witness exactly once
    assert len({n.id for n in stemma.nodes}) == len(stemma.nodes)
    main = [e for e in stemma.edges if e.kind == "descent"]
    assert len({e.target for e in main}) == len(main)  # one main exemplar at most
    assert len(stemma.roots) + len(main) == len(stemma.nodes)  # a forest
    for node in stemma.nodes:
        assert node.id not in stemma.ancestors(node.id)  # acyclic, contamination included
        if not node.extant:
            # a lost exemplar is posited only above copies
            assert stemma.children(node.id), node.id
    for edge in stemma.edges:
        assert 0.0 <= edge.confidence <= 1.0
        assert 0.0 <= edge.evidence.support <= 1.0 and 0.0 <= edge.evidence.direction <= 1.0
    assert from_json(to_json(stemma)) == stemma
    json.loads(to_json(stemma))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(traditions)
def test_every_stemma_is_a_rooted_dag_of_the_witnesses(tradition: SyntheticTradition) -> None:
    apparatus = build_apparatus(tradition.true_alignment())
    check_invariants(infer_stemma(apparatus), set(apparatus.sigla))


def _reorder(apparatus: Apparatus, order: list[int]) -> Apparatus:
    """The same apparatus with its witnesses (and every reading's sigla) reordered."""
    witnesses = tuple(apparatus.witnesses[i] for i in order)
    rank = {w.siglum: k for k, w in enumerate(witnesses)}
    segments = []
    for segment in apparatus.segments:
        if isinstance(segment, VariantLocation):
            groups = tuple(
                ReadingGroup(
                    g.normal,
                    tuple(
                        Reading(tuple(sorted(r.sigla, key=rank.__getitem__)), r.text, r.normal)
                        for r in g.readings
                    ),
                    g.type,
                )
                for g in segment.groups
            )
            segment = VariantLocation(
                segment.number, segment.columns, groups, segment.type, segment.transposed_with
            )
        segments.append(segment)
    return Apparatus(witnesses, tuple(segments), apparatus.engine, apparatus.normalization)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(traditions, st.randoms(use_true_random=False))
def test_witness_order_does_not_matter(tradition: SyntheticTradition, rng: random.Random) -> None:
    apparatus = build_apparatus(tradition.true_alignment())
    order = list(range(len(apparatus.witnesses)))
    rng.shuffle(order)
    assert to_json(infer_stemma(_reorder(apparatus, order))) == to_json(infer_stemma(apparatus))
