"""Where the stemma begins: the evidence that tells a copy from its exemplar.

Each mechanism on its own, on inputs small enough to check by hand: eye-skips that the
apparatus splits over several locations, the copying-rate model that finds a lost
archetype on a long edge, and copyists' habits whose direction is learned rather than
assumed.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate import Witness
from collate.stemma import infer_stemma
from collate.stemma.build import _edge_lengths, _place_exemplars, characters, habits
from collate.stemma.evidence import Tradition, word_change
from collate.stemma.habits import PASSAGE_LOST, Habit, Habits
from collate.stemma.root import Directional, Rooting, ancestors_of, rooted_parents
from collate.stemma.tree import Fitch, Tree

from . import test_stemma_tree_search as tree_search

ENGINE = "anchor"


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = "ka lo mi ne ru ta si po de ga vu re".split()
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(count)]


# --------------------------------------------------------------------------- one-word changes


def test_word_change_keeps_only_what_differs() -> None:
    assert word_change(("the", "colour"), ("the", "color")) == ("u", "")
    assert word_change(("defence",), ("defense",)) == ("c", "s")
    assert word_change(("centre",), ("center",)) == ("re", "er")
    assert word_change(("hath",), ("has",)) == ("th", "s")


def test_word_change_is_none_unless_one_word_differs() -> None:
    assert word_change(("a", "b"), ("a", "b", "c")) is None
    assert word_change(("a", "b"), ("c", "d")) is None
    assert word_change(("a",), ("a",)) is None


# --------------------------------------------------------------------------- eye-skips


def _split_eye_skip(last: str = "vera") -> tuple[list[str], list[str], list[str], list[str]]:
    """A text with a passage between two occurrences of "vera"; B leaves the passage
    out as an eye leaping from the first "vera" to the second would, while C and D
    vary inside it, so the apparatus cuts B's gap into several locations."""
    a = _words(200, seed=5)
    a[80], a[100] = "vera", last
    b = a[:81] + a[101:]
    c, d = list(a), list(a)
    c[85], c[95] = "xcx1", "xcx2"
    d[90] = "xdx1"
    return a, b, c, d


def test_an_eye_skip_split_over_locations_is_still_an_eye_skip() -> None:
    a, b, c, d = _split_eye_skip()
    witnesses = [Witness(s, " ".join(t)) for s, t in zip("ABCD", (a, b, c, d), strict=True)]
    tradition = Tradition(collate.collate(witnesses, engine=ENGINE).apparatus)
    lacking = [
        index
        for index, site in enumerate(tradition.sites)
        if not site.readings[site.states[1]] and any(site.readings)
    ]
    assert len(lacking) >= 3, "the gap should be cut into several locations"
    everyone = range(4)
    shares = [tradition.lacuna_skip(i, tradition.sites[i].states[1], everyone) for i in lacking]
    assert all(share > 0 for share, _ in shares)
    assert [opens for _, opens in shares] == [True] + [False] * (len(lacking) - 1)
    found = [c for c in characters(tradition, everyone) if c.members == 0b10 and c.lacks]
    assert found
    # one eye-skip, counted once however many locations it spans
    assert sum(c.skips for c in found) == 1
    # restoring the passage costs more than losing it
    assert all(c.loss > c.gain for c in found)


def test_another_witness_addition_next_to_an_eye_skip_does_not_hide_it() -> None:
    """E adds a word just after the passage B skips, so B's gap meets another
    witness's addition: the eye-skip is still found, and counted once."""
    a, b, c, d = _split_eye_skip()
    e = a[:101] + ["xex1"] + a[101:]
    texts = (a, b, c, d, e)
    witnesses = [Witness(s, " ".join(t)) for s, t in zip("ABCDE", texts, strict=True)]
    tradition = Tradition(collate.collate(witnesses, engine=ENGINE).apparatus)
    found = [c for c in characters(tradition, range(5)) if c.members == 0b10 and c.lacks]
    assert found and all(c.loss > c.gain for c in found)
    assert sum(c.skips for c in found) == 1


def test_a_gap_that_is_no_eye_skip_is_not_called_one() -> None:
    a, b, c, d = _split_eye_skip(last="nomen")  # the passage does not end with "vera"
    witnesses = [Witness(s, " ".join(t)) for s, t in zip("ABCD", (a, b, c, d), strict=True)]
    tradition = Tradition(collate.collate(witnesses, engine=ENGINE).apparatus)
    assert all(
        tradition.lacuna_skip(index, site.states[1], range(4))[0] == 0
        for index, site in enumerate(tradition.sites)
    )


# --------------------------------------------------------------------------- copying rates

#: Four witnesses, 0-3, in two pairs joined by the edge 4-5.
PAIRS: Tree = {0: [4], 1: [4], 2: [5], 3: [5], 4: [0, 1, 5], 5: [2, 3, 4]}


def _lengths(tree: Tree, lengths: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    both = dict(lengths)
    both.update({(b, a): v for (a, b), v in lengths.items()})
    assert set(both) == {(a, b) for a in tree for b in tree[a]}
    return both


def test_a_long_edge_between_two_groups_holds_the_lost_archetype() -> None:
    """Every edge is one act of copying, about 100 changes each, but the edge 4-5 has
    twice that: two copies, made from a lost archetype between them."""
    tree: Tree = {
        0: [6],
        1: [6],
        2: [6],
        3: [7],
        4: [7],
        5: [7],
        6: [0, 1, 2, 7],
        7: [3, 4, 5, 6],
    }
    edges = {(0, 6): 95, (1, 6): 104, (2, 6): 99, (3, 7): 101, (4, 7): 97, (5, 7): 103}
    rooting = Rooting(tree, 6, [], [None] * 6, _lengths(tree, {**edges, (6, 7): 200}))
    assert rooting.cheapest == (6, 7)
    assert 0.3 < rooting.shares[(6, 7)] < 0.7
    # the same edge at a single copy's length: no reason to split it
    rooting = Rooting(tree, 6, [], [None] * 6, _lengths(tree, {**edges, (6, 7): 100}))
    assert rooting.cheapest[0] == rooting.cheapest[1]


# --------------------------------------------------------------------------- habits


def _modernising_pairs() -> list[Habit]:
    """Witnesses 0 and 1 modernised five spellings in common, 2 and 3 five others, and
    each witness three more on its own, every one "colour" to "color"."""
    habits = [Habit(0b0011, ("u", ""))] * 5 + [Habit(0b1100, ("u", ""))] * 5
    return habits + [Habit(1 << w, ("u", "")) for w in range(4) for _ in range(3)]


def _habit_cost_by_root(habits: list[Habit]) -> dict[tuple[int, int], float]:
    found = Habits(PAIRS, 4, habits)
    roots = [(n, n) for n in PAIRS] + [(4, 5)]
    return {root: found.cost(root, 0.5) for root in roots}


def test_habits_that_run_one_way_point_at_the_root() -> None:
    """Witnesses 0 and 1 modernised five spellings in common, 2 and 3 five others, and
    each witness a few more on its own: every change "colour" to "color". Read from
    the middle of the edge between the pairs, all run one way; from anywhere else,
    some run back."""
    habits = _modernising_pairs()
    costs = _habit_cost_by_root(habits)
    assert min(costs, key=costs.__getitem__) == (4, 5)
    assert all(costs[(4, 5)] + 2 < costs[root] for root in costs if root != (4, 5))


def test_the_direction_of_a_habit_is_learned_not_assumed() -> None:
    """The same history with every change the other way round ("color" to "colour")
    points at the same root: nothing says which spelling is the older."""
    habits = _modernising_pairs()
    reversed_habits = [Habit(h.members, (h.change[1], h.change[0])) for h in habits]
    assert _habit_cost_by_root(habits) == _habit_cost_by_root(reversed_habits)


def test_a_change_seen_once_says_nothing() -> None:
    costs = _habit_cost_by_root([Habit(0b0001, ("u", "")), Habit(0b0010, PASSAGE_LOST)])
    assert set(costs.values()) == {0.0}


def test_a_spelling_habit_roots_a_tradition_through_the_engine() -> None:
    """A chain A -> B -> C with no dates, no eye-skips and no omissions: the copyists
    only replace words, and modernise "-our" to "-or" as they go. Without the habit,
    B (the middle, with no readings of its own) would be taken for the source of
    both. Read from B, the habit runs both ways; read from either end, one way: the
    stemma is a chain. Which end is the older the habit cannot tell, since its
    direction is learned, not assumed (dates would tell)."""
    rng = random.Random(11)
    a = [w + "our" if rng.random() < 0.3 else w for w in _words(1500, seed=9)]
    spelled = [i for i, w in enumerate(a) if w.endswith("our")]
    rng.shuffle(spelled)

    def copy(text: list[str], modernise: list[int], tag: str) -> list[str]:
        out = list(text)
        for i in modernise:
            out[i] = out[i][:-3] + "or"
        for k in range(10):
            out[rng.randrange(len(out))] = f"{tag}x{k}"
        return out

    b = copy(a, spelled[0:25], "b")
    c = copy(b, spelled[25:50], "c")
    texts = {"A": a, "B": b, "C": c}
    witnesses = [Witness(s, " ".join(t)) for s, t in texts.items()]
    stemma = infer_stemma(collate.collate(witnesses, engine=ENGINE).apparatus)
    found = {(e.source, e.target) for e in stemma.edges}
    assert found in ({("A", "B"), ("B", "C")}, {("C", "B"), ("B", "A")})
    # each edge shows the habit as evidence: its changes all run one way
    assert all(e.evidence.habitual >= 20 and not e.evidence.against_habit for e in stemma.edges)
    assert all("recurring change" in e.evidence.summary for e in stemma.edges)


# --------------------------------------------------------------------------- moved passages


def test_a_moved_passage_the_engine_does_not_link_is_no_omission() -> None:
    """CollateX does not link moved passages: B's moved block stands as an omission at
    one place and an addition at the other. Paired by their words, both are a move,
    with no direction to give and no habit to feed."""
    a = _words(120, seed=4)
    block = a[60:72]
    b = a[:20] + block + a[20:60] + a[72:]
    witnesses = [Witness("A", " ".join(a)), Witness("B", " ".join(b)), Witness("C", " ".join(a))]
    tradition = Tradition(collate.collate(witnesses, engine="collatex").apparatus)
    gaps = [c for c in characters(tradition, range(3)) if c.members == 0b010]
    assert any(c.lacks for c in gaps) and any(c.adds for c in gaps)
    assert all(c.moved and c.gain == c.loss for c in gaps if c.lacks or c.adds)
    assert not habits([c for c in gaps if c.lacks or c.adds])


# ----------------------------------------------------------- a lost archetype on an edge


#: Six witnesses: 6 joins 0, 1 and 7; 7 joins 2 and 8; 8 joins 3, 4 and 5.
DEEP: Tree = {
    0: [6],
    1: [6],
    2: [7],
    3: [8],
    4: [8],
    5: [8],
    6: [0, 1, 7],
    7: [2, 6, 8],
    8: [3, 4, 5, 7],
}


@given(
    st.lists(
        st.tuples(
            st.integers(1, 62),
            st.floats(0.5, 4.0),
            st.floats(0.5, 4.0),
        ),
        max_size=12,
    ),
    st.sampled_from([0, 1, 3, 4, 5]),
    st.floats(1.0, 3.0),
    st.floats(0.0, 0.5),
)
@settings(max_examples=30, deadline=None)
def test_a_reading_of_one_witness_does_not_move_the_lost_archetype(
    others: list[tuple[int, float, float]], witness: int, gain: float, cheaper: float
) -> None:
    """A singular reading of one witness is a change on that witness's own edge,
    wherever the archetype stands elsewhere in the tree. Where it is an addition (its
    loss cheaper than its gain), its exemplar is nearly as cheap with the reading as
    without it; that near tie once counted it as a change beside an archetype on the
    edge above, and charged it for standing on one half of that edge (seed 214 of the
    synthetic traditions, undamaged: the root went to an extant exemplar instead of
    the lost archetype above it)."""
    characters = [Directional(members, g, loss) for members, g, loss in others]
    lengths = _lengths(
        DEEP,
        {
            (0, 6): 10,
            (1, 6): 12,
            (2, 7): 9,
            (3, 8): 11,
            (4, 8): 10,
            (5, 8): 13,
            (6, 7): 21,
            (7, 8): 10,
        },
    )
    before = Rooting(DEEP, 6, characters, [None] * 6, lengths)
    singular = Directional(1 << witness, gain, gain - cheaper)
    after = Rooting(DEEP, 6, [*characters, singular], [None] * 6, lengths)
    own_edge = {witness, DEEP[witness][0]}
    roots = [r for r in before.costs if r[0] != witness and set(r) != own_edge]
    added = {round(after.costs[r] - before.costs[r], 6) for r in roots}
    assert len(added) == 1


def test_an_extant_archetype_is_no_farther_from_the_rest_than_its_copy() -> None:
    """Witness 0 stands at a leaf beside the lost node 4, through which every other
    witness descends. As the archetype, 0 has every other witness one copy farther
    away than 4 has them, all alike, so the midpoint term (no witness far farther from
    the archetype than the rest) cannot tell 0 from 4 as the root: it used to charge 0
    a whole copy's length (seed 215 of the synthetic traditions, undamaged: its extant
    archetype was drawn as a copy of its own copy)."""
    tree: Tree = {0: [4], 1: [4], 2: [5], 3: [5], 4: [0, 1, 5], 5: [2, 3, 4]}
    lengths = _lengths(tree, {(0, 4): 100, (1, 4): 100, (4, 5): 100, (2, 5): 100, (3, 5): 100})
    rooting = Rooting(tree, 4, [], [None] * 4, lengths)
    assert rooting.costs[(0, 0)] == rooting.costs[(4, 4)]


# --------------------------------------------------------------------------- the best root


def _best_as_first_written(rooting: Rooting) -> tuple[int, int]:
    """`Rooting.best` as first written: each root's claims a set of pairs."""
    weights = rooting.weights()
    likely = [r for r in sorted(weights) if weights[r] > 1e-4]

    def claims(root: tuple[int, int]) -> frozenset[tuple[int, int]]:
        parents = rooted_parents(rooting.tree, root)
        return frozenset(
            (a, w)
            for w in range(rooting.witnesses)
            if w in parents
            for a in ancestors_of(parents, w)
            if 0 <= a < rooting.witnesses
        )

    found = {r: claims(r) for r in likely}

    def f1(ours: frozenset[tuple[int, int]], theirs: frozenset[tuple[int, int]]) -> float:
        if not ours and not theirs:
            return 1.0
        return 2 * len(ours & theirs) / (len(ours) + len(theirs))

    def expected(r: tuple[int, int]) -> float:
        return sum(weights[o] * f1(found[r], found[o]) for o in likely)

    return max(
        likely,
        key=lambda r: (round(expected(r), 9), r == rooting.cheapest, r[0] == r[1], [-x for x in r]),
    )


@settings(max_examples=200, deadline=None)
@given(
    tree_search.traditions(),
    st.lists(st.floats(min_value=0.1, max_value=4.0), min_size=120, max_size=120),
    st.lists(st.sampled_from((None, "1850", "1860", "1870")), min_size=16, max_size=16),
    st.lists(st.floats(min_value=0.0, max_value=10.0), min_size=16, max_size=16),
)
def test_the_best_root_is_the_one_first_found(
    tradition: tuple[Tree, Fitch],
    costs: list[float],
    dates: list[str | None],
    departures: list[float],
) -> None:
    tree, fitch = tradition
    n = fitch.witnesses
    # witnesses with few departures of their own stand in for the lost nodes above them
    tree = _place_exemplars(tree, departures[:n], n)
    chars = fitch.characters
    members = [sum(1 << w for w in range(n) if chars.ones[w] >> c & 1) for c in range(chars.count)]
    directional = [
        Directional(mask, costs[2 * c % 120], costs[(2 * c + 1) % 120], 0)
        for c, mask in enumerate(members)
    ]
    rooting = Rooting(tree, n, directional, dates[:n], _edge_lengths(tree, fitch))
    assert rooting.best == _best_as_first_written(rooting)
