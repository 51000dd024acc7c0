"""Two witnesses: what a stemma of a pair can honestly say.

Two texts cannot show a lost common exemplar: whatever one lacks that the other has was
either lost by the one or added by the other, and with no third witness nothing tells a
lost exemplar between them from one copied from the other (a lost node only moves the
same changes from one edge to two). So a pair is drawn as one witness the exemplar of
the other, and only the direction is in question. That rests on the weakest evidence
the method has: no recurring habits (there are no other edges), no copying rates (one
edge), only the shape of the gaps and the dates the texts name, and which way a gap
runs depends on the process (copyists lose text, revisers add it), which a pair cannot
show. Unless dates in the metadata decide it, the direction is therefore bounded at
`PAIR_BOUND`, measured on every pair of a known history (`benchmarks/stemma_pairs.py`).
"""

from __future__ import annotations

import math

from .root import Root, Rooting

#: A pair's direction by its readings alone. On the pairs of known histories the
#: readings' direction holds 1 of Darwin's 15 chapter-1 pairs and 29% of 84 successive
#: Wikipedia states (revisers add what copyists would lose), and the seeds' one copy
#: (`benchmarks/stemma_pairs.py`): a pair cannot show the process, so its readings
#: cannot show the direction. The arrow is drawn as the copying model reads it, at a
#: coin toss.
PAIR_BOUND = 0.5
#: The most the dates two texts name may be believed. Their likelihood ratio (k + 1)
#: passes 0.9 where the older names eight or more dates, but such pairs of successive
#: Wikipedia states hold 82% of 40 (many dates named go with long, much-revised pages,
#: where a dropped passage takes the newest date more often than by chance); bounded
#: here, pairs of 0.8-0.9 hold 88% of 65 (`benchmarks/stemma_pairs.py`).
NAMED_BOUND = 0.85


def pair_root(rooting: Rooting, named: float = 0.0) -> Root:
    """One of the two witnesses as the root, never a lost archetype: the older by the
    dates the texts name (`named`, the log-likelihood ratio that witness 1 is the later,
    `collate.stemma.anchors.later_date_evidence`) unless the metadata's dates decide,
    else the likelier by the readings."""
    weights = rooting.weights()
    if named and not dates_decide(rooting):
        return (0, 0) if named > 0 else (1, 1)
    return max(((0, 0), (1, 1)), key=lambda r: (round(weights.get(r, 0.0), 12), r == (0, 0)))


def dates_decide(rooting: Rooting) -> bool:
    """Whether the metadata's dates forbid one of the two as the exemplar."""
    first, second = rooting.costs.get((0, 0), math.inf), rooting.costs.get((1, 1), math.inf)
    return math.isinf(first) != math.isinf(second)


def pair_direction(
    rooting: Rooting, parent: int, named: float = 0.0, *, undated: bool = False
) -> float:
    """How probable it is that `parent` is the exemplar of the other: by the metadata's
    dates where they decide (unless `undated`: the texts alone); else by the dates the
    texts name (`named` as in `pair_root`: a likelihood ratio of k + 1, at most
    `NAMED_BOUND`); else a coin toss (`PAIR_BOUND`)."""
    weights = rooting.weights()
    if dates_decide(rooting) and not undated:
        mine = weights.get((parent, parent), 0.0)
        other = weights.get((1 - parent, 1 - parent), 0.0)
        return 0.5 if mine + other <= 0.0 else mine / (mine + other)
    if named:
        toward = named if parent == 0 else -named
        found = 1.0 / (1.0 + math.exp(-toward))
        return min(NAMED_BOUND, max(1.0 - NAMED_BOUND, found))
    found = (rooting.undated_direction if undated else rooting.direction)(parent, 1 - parent)
    return min(PAIR_BOUND, max(1.0 - PAIR_BOUND, found))
