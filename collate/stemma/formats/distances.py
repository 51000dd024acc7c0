"""The distances between the witnesses, as a tab-separated matrix.

The distance is the one the stemma starts from (`collate.stemma.evidence.Pair`): per
variant location where two witnesses differ, 1 for a substantive change, 0.3 for a
spelling, 1 + log2(length) for a passage one has and the other lacks. The first row
and column name the witnesses.
"""

from __future__ import annotations

from ...lacunae import MARKER
from ...model import Apparatus
from ..evidence import Tradition


def render(apparatus: Apparatus, lacuna_marker: str = MARKER) -> bytes:
    tradition = Tradition(apparatus, lacuna_marker)
    sigla = tradition.sigla
    n = len(sigla)
    distance = [[0.0] * n for _ in range(n)]
    for (x, y), pair in tradition.pairs().items():
        distance[x][y] = distance[y][x] = pair.distance
    lines = ["\t".join(["witness", *sigla])]
    for x, siglum in enumerate(sigla):
        lines.append("\t".join([siglum, *(f"{d:.4g}" for d in distance[x])]))
    return ("\n".join(lines) + "\n").encode("utf-8")
