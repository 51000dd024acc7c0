"""Witnesses that read alike: a copy with no reading of its own.

A witness that reads as another does at every variant location (a second print of
the same setting, a file saved twice, a copy without a slip) adds nothing to the
evidence: every grouping and every direction the one shows, the other shows too.
Left in the tree search, such twins did harm. Beside a third witness two states read
as a revision chain that neither shows alone (the seeds' copy and its exemplar, with
the exemplar saved twice, came out reversed at 0.85); and in the branching model the
exemplar found beside its twin was charged with having "as many readings of its own
as a typical copy", which took the support of its edges to 0.

So the stemma is inferred on one witness of each set of twins, the *representative*,
and every other hangs from it: "C reads as P does at every variant location", its
direction a coin toss unless the witnesses' dates decide it. Which of two identical
texts is the older no reading can tell; that C derives from P's line, the readings
show as surely as anything in the stemma.

A fragment (or a witness with a marked lacuna) that reads as another wherever it has
text, where that other has text too, is its twin as well: what it lacks is set aside
(`collate.stemma.fragments`), and what it has is the other's. It hangs from the
witness with the most text, never the other way round. A fragment that reads as two
witnesses that differ from each other (it lacks the text where they differ) is no
one's twin: the tree places it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dates import is_later
from .evidence import Tradition


def twins(tradition: Tradition) -> dict[int, int]:
    """Per witness that reads as another does (where it has text): that other, its
    representative, which is no one's twin itself. Deterministic: representatives
    are taken with the most text first, then the earliest by date, then by siglum."""
    n = len(tradition.sigla)
    lacking = [_lacking(tradition, w) for w in range(n)]
    readings = [tuple(site.states[w] for site in tradition.sites) for w in range(n)]
    order = sorted(range(n), key=lambda w: (len(lacking[w]), w))
    representatives: list[int] = []
    found: dict[int, int] = {}
    for w in order:
        matches = [
            r
            for r in representatives
            if lacking[r] <= lacking[w]
            and all(
                readings[w][s] == readings[r][s]
                for s in range(len(tradition.sites))
                if s not in lacking[w]
            )
        ]
        if len(matches) == 1 and not is_later(tradition.dates[matches[0]], tradition.dates[w]):
            found[w] = matches[0]
        elif len(matches) == 1 and lacking[matches[0]] == lacking[w]:
            # the same text, the representative dated later: the earlier stands for both
            representative = matches[0]
            representatives[representatives.index(representative)] = w
            found = {d: (w if r == representative else r) for d, r in found.items()}
            found[representative] = w
        else:
            # no twin, or a fragment that reads as several witnesses that differ (the
            # tree places it), or one dated before a fuller text it reads as
            representatives.append(w)
    return found


def _lacking(tradition: Tradition, witness: int) -> frozenset[int]:
    """The sites (indices) at which the witness has no text of its own."""
    fragment = tradition.fragments.get(witness)
    if fragment is None:
        return frozenset()
    return frozenset((*fragment.start, *fragment.end, *fragment.inside))


def family(found: dict[int, int], witnesses: Sequence[int]) -> list[tuple[int, int]]:
    """(representative, twin) for every twin of the given witnesses, in siglum order."""
    members = set(witnesses)
    return sorted((r, w) for w, r in found.items() if r in members)
