"""The families of a run of locations (`collate.formats.tei_body._families`): the
greedy merging pair by pair, and the same merging through a matrix for runs of many
families, must both merge exactly as the merging first written did (by sets of
witnesses as bits, the words all of a set read alike counted once per set)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.formats.tei_body import _merge_by_matrix, _merge_by_pairs


def _first_written(
    alike: list[list[int]], extents: list[int], lengths: list[list[int]], always: int
) -> list[list[int]]:
    """The merging as `_families` first did it, each family one bit."""
    readings = [
        [(sum(1 << f for f, row in enumerate(alike) if row[at] == r), n) for r, n in enumerate(ns)]
        for at, ns in enumerate(lengths)
    ]

    def shared(members: int) -> int:
        count = always
        for here in readings:
            for who, length in here:
                if members & who == members:
                    count += length
                    break
        return count

    families = [[f] for f in range(len(alike))]
    masks = [1 << f for f in range(len(alike))]
    extents = list(extents)
    while len(families) > 2:
        best: tuple[int, int, int] | None = None
        for i in range(len(families)):
            for j in range(i + 1, len(families)):
                count = shared(masks[i] | masks[j])
                if count and 2 * count >= min(extents[i], extents[j]):
                    if best is None or count > best[0]:
                        best = (count, i, j)
        if best is None:
            break
        _, i, j = best
        families[i] = sorted(families[i] + families[j])
        masks[i] |= masks[j]
        extents[i] = max(extents[i], extents[j])
        del families[j], masks[j], extents[j]
    return families


@st.composite
def _runs(draw: st.DrawFn) -> tuple[list[list[int]], list[int], list[list[int]], int]:
    families = draw(st.integers(1, 14))
    locations = draw(st.integers(0, 6))
    lengths = [draw(st.lists(st.integers(1, 4), min_size=1, max_size=4)) for _ in range(locations)]
    # each family reads one reading or none (-1) at each location
    alike = [[draw(st.integers(-1, len(ns) - 1)) for ns in lengths] for _ in range(families)]
    extents = [draw(st.integers(0, 20)) for _ in range(families)]
    return alike, extents, lengths, draw(st.integers(0, 3))


@settings(max_examples=300, deadline=None)
@given(_runs())
def test_both_mergings_merge_as_first_written(
    run: tuple[list[list[int]], list[int], list[list[int]], int],
) -> None:
    expected = _first_written(*run)
    # the members of a family are put in the sigla's order afterwards
    assert [sorted(family) for family in _merge_by_pairs(*run)] == expected
    assert [sorted(family) for family in _merge_by_matrix(*run)] == expected
