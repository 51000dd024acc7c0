"""Figures about a collation: per witness (size, singular readings, gaps) and per pair
of witnesses (how far they agree), for reports and for anyone comparing witnesses.

Pairwise figures are counted with numpy over a compact table of codes (one small int
per witness per column or location), so a thousand witnesses cost a matrix product, not
a million Python dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from .absences import absences
from .lacunae import only_signs
from .model import Apparatus, Collation

Counts = npt.NDArray[np.int64]


@dataclass(frozen=True)
class WitnessFigures:
    """What the witness list shows for one witness."""

    siglum: str
    source: str
    size: int
    characters: int
    tokens: int
    date: str
    #: variant locations where no other witness reads alike (up to normalisation); where
    #: its text is lost (a lacuna, a fragment's lost end) it has no reading to count
    singular: int
    #: variant locations where it has no text (the sign of a lacuna is none)
    gaps: int


def witness_figures(
    collation: Collation, lost: dict[str, dict[int, str]] | None = None
) -> tuple[WitnessFigures, ...]:
    """`lost`: the apparatus's `absences`, where the caller has them already."""
    apparatus = collation.apparatus
    singular = dict.fromkeys(apparatus.sigla, 0)
    gaps = dict.fromkeys(apparatus.sigla, 0)
    tokens = {w.siglum: len(w.tokens) for w in collation.alignment.witnesses}
    marker = collation.edition.lacuna_marker
    if lost is None:
        lost = absences(apparatus, marker)
    for location in apparatus.variant_locations:
        signed = {id(r) for r in location.readings if only_signs(r.text, marker)}
        if all(id(r) in signed or not r.text for r in location.readings):
            # a lacuna's sign against nothing: the witnesses beside it lack no text, and
            # the sign is no reading (its witness's gap is the text the sign stands for)
            for reading in location.readings:
                for siglum in reading.sigla if id(reading) in signed else ():
                    gaps[siglum] += 1
            continue
        for group in location.groups:
            for reading in group.readings:
                for siglum in reading.sigla:
                    if id(reading) in signed or (
                        not reading.text and location.number in lost.get(siglum, ())
                    ):
                        gaps[siglum] += 1  # text it lacks: no reading of its own
                        continue
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


#: above this many witnesses the pairs are counted by a matrix product rather than pair
#: by pair (both give the same integers)
_PAIRWISE_LIMIT = 16


def agreeing(codes: npt.NDArray[np.int32]) -> Counts:
    """For rows of codes (one per witness; equal codes in a row mean the same reading,
    -1 means none), how many rows each pair of witnesses shares a code in: a symmetric
    witnesses x witnesses matrix (its diagonal: the rows where a witness has a code)."""
    rows, width = codes.shape
    counts: Counts = np.zeros((width, width), dtype=np.int64)
    if width <= _PAIRWISE_LIMIT:
        present = codes >= 0
        for a in range(width):
            counts[a, a] = np.count_nonzero(present[:, a])
            for b in range(a + 1, width):
                same = np.count_nonzero(present[:, a] & (codes[:, a] == codes[:, b]))
                counts[a, b] = counts[b, a] = same
        return counts
    # one-hot: a column per (row, code); witnesses x one-hot columns times its transpose
    # counts the shared ones. In blocks of rows, so the one-hot matrix stays small.
    offsets = np.concatenate(([0], np.cumsum(codes.max(axis=1).astype(np.int64) + 1)))
    block = max(1, (1 << 23) // max(1, width))  # about 32 MB of float32 per block
    start = 0
    while start < rows:
        stop = start + 1
        while stop < rows and offsets[stop + 1] - offsets[start] <= block:
            stop += 1
        part = codes[start:stop]
        hot = np.zeros((width, int(offsets[stop] - offsets[start])), dtype=np.float32)
        w, r = np.nonzero(part.T >= 0)
        hot[w, offsets[start:stop][r] - offsets[start] + part[r, w]] = 1.0
        counts += np.rint(hot @ hot.T).astype(np.int64)  # exact: each entry < 2**24
        start = stop
    return counts


def token_codes(collation: Collation) -> npt.NDArray[np.int32]:
    """Per alignment column, per witness: the code of its token's normal form, counted
    from 0 in each column (-1 for a gap)."""
    alignment = collation.alignment
    normals = [[token.normal for token in w.tokens] for w in alignment.witnesses]
    codes = np.full((len(alignment.columns), len(normals)), -1, dtype=np.int32)
    for c, column in enumerate(alignment.columns):
        seen: dict[str, int] = {}
        row = codes[c]
        for w, cell in enumerate(column):
            if cell is not None:
                row[w] = seen.setdefault(normals[w][cell], len(seen))
    return codes


def location_codes(apparatus: Apparatus) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
    """Per variant location, per witness: its reading group when it has text (else -1),
    and 0 when it has none (else -1), for counting agreement and shared absence apart."""
    index = {siglum: i for i, siglum in enumerate(apparatus.sigla)}
    locations = apparatus.variant_locations
    groups = np.full((len(locations), len(index)), -1, dtype=np.int32)
    absent = np.full((len(locations), len(index)), -1, dtype=np.int32)
    for row, location in enumerate(locations):
        for g, group in enumerate(location.groups):
            for reading in group.readings:
                target, code = (groups, g) if reading.text else (absent, 0)
                for siglum in reading.sigla:
                    target[row, index[siglum]] = code
    return groups, absent


@dataclass(frozen=True)
class PairFigures:
    """How far each pair of witnesses agrees, as witnesses x witnesses matrices."""

    sigla: tuple[str, ...]
    #: share of the two witnesses' tokens the alignment puts in one column with the same
    #: normal form: 2 * shared / (tokens of a + of b)
    tokens: npt.NDArray[np.float64]
    #: variant locations where both have text and read alike (up to normalisation)
    alike: Counts
    #: variant locations where neither has text (a shared omission, not a shared reading)
    absent: Counts
    #: how many variant locations there are
    locations: int


def pair_figures(collation: Collation) -> PairFigures:
    codes = token_codes(collation)
    shared = agreeing(codes).astype(np.float64)
    sizes = np.diagonal(shared)
    total = sizes[:, None] + sizes[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        tokens = np.where(total > 0, 2 * shared / np.where(total > 0, total, 1), 1.0)
    groups, absent = location_codes(collation.apparatus)
    return PairFigures(
        collation.apparatus.sigla,
        tokens,
        agreeing(groups),
        agreeing(absent),
        len(groups),
    )


def token_agreement(collation: Collation) -> dict[tuple[int, int], float]:
    """For each pair of witnesses (by index), the share of their tokens the alignment
    puts in one column with the same normal form: 2 * shared / (tokens of a + of b)."""
    tokens = pair_figures(collation).tokens
    return {(a, b): float(tokens[a, b]) for a, b in combinations(range(len(tokens)), 2)}


def location_agreement(apparatus: Apparatus) -> dict[tuple[int, int], int]:
    """For each pair of witnesses (by index), the variant locations where both have text
    and read alike (in one reading group, so alike up to normalisation). Places where
    neither has text are not agreement in a reading: see `shared_absence`."""
    alike = agreeing(location_codes(apparatus)[0])
    return {(a, b): int(alike[a, b]) for a, b in combinations(range(len(alike)), 2)}


def shared_absence(apparatus: Apparatus) -> dict[tuple[int, int], int]:
    """For each pair of witnesses (by index), the variant locations where neither has text."""
    absent = agreeing(location_codes(apparatus)[1])
    return {(a, b): int(absent[a, b]) for a, b in combinations(range(len(absent)), 2)}
