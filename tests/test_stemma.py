"""The stemma: the seeds' one line of descent, hand-made traditions whose history is
plain, and synthetic traditions with a known history."""

from __future__ import annotations

import random
import statistics
from dataclasses import replace

import pytest

import collate
from benchmarks.stemma_eval import Graph, neighbour_joining_baseline, rates, score
from collate import Apparatus, Collation, Reading, VariantLocation, Witness
from collate.apparatus import build_apparatus
from collate.stemma import Stemma, infer_stemma

from .synthetic import generate

SEED_COPY, SEED_SOURCE = "000_6bce61cbdfc5750d", "001_6f72a84d533a16ee"
ENGINE = "anchor"


@pytest.fixture(scope="session")
def seed_fast_collation(seed_witnesses: tuple[Witness, ...]) -> Collation:
    return collate.collate(seed_witnesses, engine=ENGINE)


def descent(stemma: Stemma) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in stemma.edges if e.kind == "descent"}


# --------------------------------------------------------------------------- the seeds


def check_seed_stemma(stemma: Stemma) -> None:
    edge = stemma.edge(SEED_SOURCE, SEED_COPY)
    # two related reports are a pair: the copying model draws 001 -> 000 (000 leaves out
    # far more than it adds), but two witnesses cannot show the process, so the
    # direction is a coin toss (`collate.stemma.pair`, measured in benchmarks/stemma_pairs)
    assert edge.evidence.direction == 0.5, edge.evidence.summary
    assert edge.evidence.support >= 0.9, edge.evidence.summary
    assert edge.evidence.omissions > edge.evidence.additions
    # the two other reports share only quotations: no line of descent anywhere else
    assert descent(stemma) == {(SEED_SOURCE, SEED_COPY)}
    assert not [e for e in stemma.edges if e.kind == "contamination"]
    assert stemma.root is None
    assert set(stemma.roots) == {SEED_SOURCE, "002_5aca4944ab0bf47b", "003_687f2fd177585844"}


def test_seed_copy_found_with_the_fast_engine(seed_fast_collation: Collation) -> None:
    check_seed_stemma(infer_stemma(seed_fast_collation.apparatus))


def test_seed_copy_found_with_collatex(seed_collation: Collation) -> None:
    """CollateX cuts the seeds into eleven long locations; the word-by-word comparison
    of readings still finds the copy."""
    check_seed_stemma(infer_stemma(seed_collation.apparatus))


# --------------------------------------------------------------------------- hand-made


def _base(words: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    syllables = "ka lo mi ne ru ta si po de ga vu re".split()
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(words)]


def _copy(text: list[str], seed: int, substitutions: int = 12, omissions: int = 3) -> list[str]:
    """A copy with its own innovations: new words, and short passages left out."""
    rng = random.Random(seed)
    copy = list(text)
    for _ in range(substitutions):
        at = rng.randrange(len(copy))
        copy[at] = f"x{seed}x{at}"
    for _ in range(omissions):
        at = rng.randrange(len(copy) - 4)
        del copy[at : at + rng.randint(1, 3)]
    return copy


def _stemma(**texts: list[str]) -> Stemma:
    witnesses = [Witness(siglum, " ".join(words)) for siglum, words in texts.items()]
    return infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)


def test_an_extant_exemplar_of_two_copies_is_their_parent() -> None:
    a = _base(1500)
    b, c = _copy(a, 1), _copy(a, 2)
    d = _copy(b, 3)
    stemma = _stemma(A=a, B=b, C=c, D=d)
    assert descent(stemma) >= {("A", "C"), ("B", "D")}
    assert stemma.ancestors("D") >= {"B", "A"}
    assert all(node.extant for node in stemma.nodes)


def test_a_lost_exemplar_is_posited_for_shared_innovations() -> None:
    base = _base(1500)
    lost = _copy(base, 10, substitutions=15)
    stemma = _stemma(
        A=_copy(lost, 11),
        B=_copy(lost, 12),
        C=_copy(lost, 13),
        D=_copy(base, 14),
        E=_copy(base, 15),
    )
    parents = {s: stemma.exemplars(s)[0] for s in "ABC"}
    assert len(set(parents.values())) == 1
    group_exemplar = stemma.node(parents["A"])
    assert not group_exemplar.extant
    assert all(stemma.exemplars(s)[0] != parents["A"] for s in "DE")


def test_unrelated_texts_are_not_forced_into_a_line_of_descent() -> None:
    quotation = "the quality of mercy is not strained it droppeth as the gentle rain".split()
    first, second = _base(300, seed=1), _base(300, seed=2)
    stemma = _stemma(
        A=first[:150] + quotation + first[150:], B=second[:100] + quotation + second[100:]
    )
    assert not stemma.edges
    assert set(stemma.roots) == {"A", "B"}


def test_dates_decide_what_the_text_cannot() -> None:
    a = _base(300)
    b = _copy(a, 4, omissions=0)  # substitutions only: no direction in the text
    for early, late in (("A", "B"), ("B", "A")):
        dates = {early: "1450", late: "1520"}
        witnesses = [
            Witness("A", " ".join(a), date=dates["A"]),
            Witness("B", " ".join(b), date=dates["B"]),
        ]
        stemma = infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)
        assert descent(stemma) == {(early, late)}


def test_eye_skips_show_which_text_was_copied() -> None:
    a = _base(500, seed=3)
    # a passage between two occurrences of one word, left out the way an eye skips
    a[100], a[109] = "vera", "vera"
    a[300], a[312] = "nomen", "nomen"
    b = _copy(a, 5, omissions=0)
    del b[301:313]
    del b[101:110]
    edge = _stemma(A=a, B=b).edge("A", "B")
    assert edge.evidence.eye_skips >= 1
    # two witnesses alone cannot show the process, so the arrow the eye-skips draw is
    # reported at a coin toss (`collate.stemma.pair`: Darwin's 1859 lacks a passage of
    # 1872 in an eye-skip's shape, though it is the older)
    assert edge.evidence.direction == 0.5


def _shuffled(apparatus: Apparatus, rng: random.Random) -> Apparatus:
    """The same apparatus with its witnesses, and each reading's sigla, in another order
    (`collate` itself sorts the witnesses, so shuffling its input would test nothing)."""
    witnesses = list(apparatus.witnesses)
    rng.shuffle(witnesses)
    segments = tuple(
        replace(
            segment,
            groups=tuple(
                replace(group, readings=tuple(_shuffled_reading(r, rng) for r in group.readings))
                for group in segment.groups
            ),
        )
        if isinstance(segment, VariantLocation)
        else segment
        for segment in apparatus.segments
    )
    return replace(apparatus, witnesses=tuple(witnesses), segments=segments)


def _shuffled_reading(reading: Reading, rng: random.Random) -> Reading:
    sigla = list(reading.sigla)
    rng.shuffle(sigla)
    return replace(reading, sigla=tuple(sigla))


def test_the_stemma_does_not_depend_on_witness_order() -> None:
    tradition = generate(3, 600, 7)
    apparatus = build_apparatus(tradition.true_alignment())
    expected = infer_stemma(apparatus)
    assert {n.id for n in expected.nodes if n.extant} == set(tradition.extant)
    rng = random.Random(1)
    for _ in range(3):
        shuffled = _shuffled(apparatus, rng)
        assert shuffled.sigla != apparatus.sigla
        assert infer_stemma(shuffled) == expected


# --------------------------------------------------------------------------- synthetic


def _scores(seed: int, **options: float) -> tuple[float, float, float, float]:
    tradition = generate(seed, 3000, 10, **rates("moderate"), **options)
    apparatus: Apparatus = build_apparatus(tradition.true_alignment())
    true = Graph.from_tradition(tradition)
    ours = score(true, Graph.from_stemma(infer_stemma(apparatus)))
    unrooted, _ = neighbour_joining_baseline(apparatus)
    nj = score(true, unrooted)
    return ours.skeleton, nj.skeleton, ours.ancestor_f1, ours.parent_f1


def test_synthetic_traditions_beat_neighbour_joining() -> None:
    """Over several generator seeds (moderate noise, lost intermediaries, extant
    ancestors), the stemma's skeleton beats neighbour joining's on average and its
    claims of descent meet the issue's 0.85. One misplaced root costs a tradition most
    of its claims, so eight traditions are a noisy sample; benchmarks/stemma_eval.py
    measures more and larger ones (measured here: skeleton 0.97 against 0.85,
    ancestor-descendant F1 0.94, parent F1 0.94)."""
    runs = [_scores(seed) for seed in range(1, 9)]
    ours, theirs = statistics.mean(r[0] for r in runs), statistics.mean(r[1] for r in runs)
    assert ours > theirs + 0.05
    assert statistics.mean(r[2] for r in runs) >= 0.85
    assert statistics.mean(r[3] for r in runs) >= 0.85


def test_contamination_is_reported_when_a_copy_follows_two_exemplars() -> None:
    found = 0
    for seed in range(1, 7):
        tradition = generate(seed, 3000, 10, contamination=0.5, **rates("moderate"))
        stemma = infer_stemma(build_apparatus(tradition.true_alignment()))
        mixed = [e for e in stemma.edges if e.kind == "contamination"]
        truly = {c for c, parents in tradition.parents.items() if len(parents) == 2}
        found += any(
            e.target in truly or Graph.from_tradition(tradition).ancestors(e.target) & truly
            for e in mixed
        )
    assert found >= 4


def test_no_contamination_is_claimed_in_clean_traditions() -> None:
    claimed = 0
    for seed in range(1, 7):
        tradition = generate(seed, 3000, 10, **rates("moderate"))
        stemma = infer_stemma(build_apparatus(tradition.true_alignment()))
        claimed += sum(1 for e in stemma.edges if e.kind == "contamination")
    assert claimed <= 1


def test_a_tradition_of_exemplars_keeps_its_archetype() -> None:
    """O has two copies, A and C, each copied again (B, D): three of the five
    witnesses are exemplars, so a typical copy's own readings must be judged from the
    copies, not from the median witness. The stemma is O's, with no lost node."""
    o = _base(800, seed=21)
    a, c = _copy(o, 31), _copy(o, 32)
    b, d = _copy(a, 33), _copy(c, 34)
    stemma = _stemma(O=o, A=a, B=b, C=c, D=d)
    assert descent(stemma) == {("O", "A"), ("A", "B"), ("O", "C"), ("C", "D")}
    assert all(node.extant for node in stemma.nodes)


def test_identical_texts_are_said_to_be_identical() -> None:
    text = _base(300, seed=5)
    stemma = _stemma(X=text, Y=list(text), Z=_copy(text, 6))
    (edge,) = [e for e in stemma.edges if {e.source, e.target} == {"X", "Y"}]
    assert (
        "reads as" in edge.evidence.summary and "at every variant location" in edge.evidence.summary
    )
    assert edge.evidence.innovations == 0
