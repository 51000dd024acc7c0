"""Where a witness lacks the text (a fragment, a lacuna), it is no evidence there.

The stemma reads a witness at the locations it lacks as its closest relative reads
(`collate.stemma.fragments`), so that every location has a reading; these tests hold
that the reading so given draws the witness towards no one: not in the tree search
(Fitch parsimony), not in the rooting (Sankoff parsimony), and not in the length of an
edge, which the copying-rate model reads as a number of acts of copying.
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.stemma.build import _edge_lengths
from collate.stemma.root import Directional, Rooting
from collate.stemma.tree import Characters, Fitch, Tree

#: Six witnesses; 1 is an extant exemplar inside the tree (of 2), 6 and 7 are lost.
TREE: Tree = {
    0: [6],
    1: [6, 2],
    2: [1],
    3: [7],
    4: [7],
    5: [7],
    6: [0, 1, 7],
    7: [3, 4, 5, 6],
}
WITNESSES = 6

characters = st.lists(st.integers(1, (1 << WITNESSES) - 2), min_size=1, max_size=40)


@given(characters, st.sampled_from([0, 1, 2, 3]), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_a_witness_is_no_evidence_where_it_lacks_the_text(
    members: list[int], witness: int, rng: random.Random
) -> None:
    """Whatever reading a witness is given where it lacks the text, the tree costs the
    same: its state there is missing data, for a leaf and for an extant exemplar with
    copies of its own (witness 1) alike."""
    count = len(members)
    lacking = sum(1 << c for c in range(count) if rng.random() < 0.5)
    unknown = [lacking if w == witness else 0 for w in range(WITNESSES)]
    flipped = [m ^ (1 << witness) if lacking >> c & 1 else m for c, m in enumerate(members)]
    weights = [1.0 + (c % 3) for c in range(count)]

    def fitch(chars: list[int]) -> Fitch:
        return Fitch(Characters.build(chars, weights, WITNESSES, unknown), WITNESSES)

    assert fitch(members).score(TREE) == fitch(flipped).score(TREE)
    assert fitch(members).missing(TREE, witness, TREE[witness][0]) & lacking == 0

    def rooting(chars: list[int]) -> dict[tuple[int, int], float]:
        directional = [
            Directional(m, 1.0 + c % 2, 1.5, sum((u >> c & 1) << w for w, u in enumerate(unknown)))
            for c, m in enumerate(chars)
        ]
        lengths = {(a, b): 10.0 for a in TREE for b in TREE[a]}
        return Rooting(TREE, WITNESSES, directional, [None] * WITNESSES, lengths).costs

    before, after = rooting(members), rooting(flipped)
    assert {r: round(v, 9) for r, v in before.items()} == {r: round(v, 9) for r, v in after.items()}


def test_an_edge_beside_a_fragment_is_not_read_as_two_copies() -> None:
    """Witness 1 lost the first half of the text, so there the lost node 4 joins only
    witness 0 and the lost node 5, and the edges 0-4 and 4-5 read as one. Each edge is
    one act of copying with 20 changes; measured where it can be seen, neither edge
    takes the other's changes of the first half (which made it half as long again, and
    the copying-rate model then put a lost archetype in its middle)."""
    tree: Tree = {0: [4], 1: [4], 2: [5], 3: [5], 4: [0, 1, 5], 5: [2, 3, 4]}
    below = {(0, 4): 0b1110, (1, 4): 0b0010, (4, 5): 0b1100, (2, 5): 0b0100, (3, 5): 0b1000}
    members: list[int] = []
    for _ in range(20):
        members.extend(below[edge] for edge in sorted(below))
    half = len(members) // 2
    # where it lacks the text, witness 1 is read as its closest relative, 0, reads
    members = [m & ~0b10 | (m & 1) << 1 if c < half else m for c, m in enumerate(members)]
    unknown = [0, (1 << half) - 1, 0, 0]
    fitch = Fitch(Characters.build(members, [1.0] * len(members), 4, unknown), 4)
    lengths = _edge_lengths(tree, fitch)
    for a, b in below:
        assert 17 <= lengths[a, b] <= 23, (a, b, lengths[a, b])


def test_a_witness_that_lacks_the_text_is_no_freer_an_archetype_than_a_lost_one() -> None:
    """Witness 1 is the exemplar of witness 0 alone and lacks the text wherever 0 has
    readings of its own (passages it has and the rest lack, which the copying model
    takes for lost by the rest more readily than added by 0). As the archetype, 1 would
    read there as the others do: 0 added the passages, as under the lost archetype 4.
    Left free, 1 would take the cheaper way round for each, passages lost on the edge
    1-4, and stand as an archetype that the readings favour for nothing it has."""
    tree: Tree = {0: [1], 1: [0, 4], 2: [4], 3: [4], 4: [1, 2, 3]}
    own = [Directional(0b0001, 2.0, 1.5, 0b0010) for _ in range(6)]
    others = [Directional(1 << w, 1.5, 2.0) for w in (2, 3) for _ in range(3)]
    lengths = {(a, b): 6.0 for a in tree for b in tree[a]}
    rooting = Rooting(tree, 4, [*own, *others], [None] * 4, lengths)
    assert rooting._at_node(1) == rooting._at_node(4)
    assert rooting._at_node(0) < rooting._at_node(1)
