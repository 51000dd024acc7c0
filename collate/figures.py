"""Figures about a collation: per witness (size, singular readings, gaps) and per pair
of witnesses (how far they agree), for reports and for anyone comparing witnesses."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from .model import Apparatus, Collation


@dataclass(frozen=True)
class WitnessFigures:
    """What the witness list shows for one witness."""

    siglum: str
    source: str
    size: int
    characters: int
    tokens: int
    date: str
    #: variant locations where no other witness reads alike (up to normalisation)
    singular: int
    #: variant locations where it has no text
    gaps: int


def witness_figures(collation: Collation) -> tuple[WitnessFigures, ...]:
    apparatus = collation.apparatus
    singular = dict.fromkeys(apparatus.sigla, 0)
    gaps = dict.fromkeys(apparatus.sigla, 0)
    tokens = {w.siglum: len(w.tokens) for w in collation.alignment.witnesses}
    for location in apparatus.variant_locations:
        for group in location.groups:
            for reading in group.readings:
                for siglum in reading.sigla:
                    singular[siglum] += len(group.readings) == len(reading.sigla) == 1
                    gaps[siglum] += not reading.text
    return tuple(
        WitnessFigures(
            witness.siglum,
            witness.source or "",
            witness.size if witness.size is not None else len(witness.text.encode("utf-8")),
            len(witness.text),
            tokens[witness.siglum],
            witness.date or "",
            singular[witness.siglum],
            gaps[witness.siglum],
        )
        for witness in apparatus.witnesses
    )


def token_agreement(collation: Collation) -> dict[tuple[int, int], float]:
    """For each pair of witnesses (by index), the share of their tokens the alignment
    puts in one column with the same normal form: 2 * shared / (tokens of a + of b)."""
    alignment = collation.alignment
    normals = [[token.normal for token in w.tokens] for w in alignment.witnesses]
    shared = dict.fromkeys(combinations(range(len(normals)), 2), 0)
    for column in alignment.columns:
        by_normal: dict[str, list[int]] = {}
        for w, cell in enumerate(column):
            if cell is not None:
                by_normal.setdefault(normals[w][cell], []).append(w)
        for members in by_normal.values():
            for pair in combinations(members, 2):
                shared[pair] += 1
    sizes = [len(tokens) for tokens in normals]
    return {
        (a, b): 2 * count / (sizes[a] + sizes[b]) if sizes[a] + sizes[b] else 1.0
        for (a, b), count in shared.items()
    }


def location_agreement(apparatus: Apparatus) -> dict[tuple[int, int], int]:
    """For each pair of witnesses (by index), the variant locations where they read
    alike (in one reading group, so alike up to normalisation)."""
    index = {siglum: i for i, siglum in enumerate(apparatus.sigla)}
    agree = dict.fromkeys(combinations(range(len(index)), 2), 0)
    for location in apparatus.variant_locations:
        for group in location.groups:
            for pair in combinations(sorted(index[s] for s in group.sigla), 2):
                agree[pair] += 1
    return agree
