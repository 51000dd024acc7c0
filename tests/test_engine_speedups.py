"""Issue 13, the anchor engine's CPU: each shortcut gives what the long way gives.

The profile counts a column's readings only once it has two (`_Profile._count` against
a dict per column); short moves visit only the loose words within reach of matched text
(`_candidates` against the test on every loose word); the gaps aligned in worker
processes come back in order, and a whole collation is the same for any number of
workers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate import Witness, collate, read_witnesses
from collate.engines import _workers, get_engine
from collate.engines._short_moves import REACH, _candidates
from collate.engines.anchor import ENGINE, _Profile
from collate.tokenize import tokenize_all

SHARED = Path(os.environ.get("COLLATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def _counted_the_long_way(
    witnesses: Sequence[Sequence[tuple[int, int]]], first: Sequence[int]
) -> tuple[list[dict[int, int]], list[int]]:
    """Per column, how often each symbol is read, and the most read (the earlier
    reading keeps its place on a tie), one token at a time."""
    counts = [{symbol: 1} for symbol in first]
    representative = list(first)
    for tokens in witnesses:
        for column, symbol in tokens:
            here = counts[column][symbol] = counts[column].get(symbol, 0) + 1
            if here > counts[column][representative[column]]:
                representative[column] = symbol
    return counts, representative


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=12).flatmap(
        lambda width: st.tuples(
            st.lists(st.integers(0, 3), min_size=width, max_size=width),
            st.lists(
                st.lists(st.tuples(st.integers(0, width - 1), st.integers(0, 3)), max_size=width),
                max_size=6,
            ),
        )
    )
)
def test_counts_kept_only_for_columns_of_two_readings_are_the_counts(
    case: tuple[list[int], list[list[tuple[int, int]]]],
) -> None:
    first, witnesses = case
    # a witness has at most one token in a column
    witnesses = [list(dict(tokens).items()) for tokens in witnesses]
    profile = _Profile()
    profile.new_columns(first)
    for tokens in witnesses:
        profile._count([c for c, _ in tokens], [s for _, s in tokens])
    counts, representative = _counted_the_long_way(witnesses, first)
    assert profile.representative == representative
    assert profile.support == [sum(c.values()) for c in counts]
    for column, readings in enumerate(counts):
        if len(readings) > 1:
            assert profile.readings[column] == readings
        else:
            assert column not in profile.readings


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=0, max_value=80).flatmap(
        lambda length: st.tuples(
            st.lists(st.booleans(), min_size=length, max_size=length),
            st.lists(st.booleans(), min_size=length, max_size=length),
        )
    )
)
def test_short_move_candidates_are_the_loose_words_within_reach(
    case: tuple[list[bool], list[bool]],
) -> None:
    firm, taken = case
    firm_w = [w for w, f in enumerate(firm) if f]
    loose = [not f and not t for f, t in zip(firm, taken, strict=True)]
    edges = [-1, *firm_w, len(firm)]
    expected = [
        w
        for w in range(len(firm))
        if loose[w]
        and w - max(e for e in edges if e < w) <= REACH
        and min(e for e in edges if e > w) - w <= REACH
    ]
    assert _candidates(firm_w, loose) == expected


def test_gaps_from_workers_come_back_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each gap's pairs in the gaps' order, made in processes other than this one."""
    monkeypatch.setattr(_workers, "PARALLEL_TOKENS", 0)
    gaps: list[tuple[list[int], list[int]]] = [
        (list(range(size)), [size]) for size in (5, 0, 300, 1, 2, 40, 7, 7, 100, 3)
    ]

    def stretch(p_gap: list[int], w_gap: list[int], level: int) -> list[tuple[int, int]]:
        return [(len(p_gap), w_gap[0]), (level, os.getpid())]

    aligned = _workers.stretch_all(stretch, gaps, 2)
    assert [pairs[0] for pairs in aligned] == [(len(p), w[0]) for p, w in gaps]
    # the first share aligned here, the rest in a worker, its pairs packed and unpacked
    made_in = [pairs[1][1] for pairs in aligned]
    assert made_in[0] == os.getpid() and made_in[-1] != os.getpid()
    assert made_in == sorted(made_in, key=lambda pid: pid != os.getpid())
    assert _workers.stretch_all(stretch, gaps, 1) == [stretch(p, w, 0) for p, w in gaps]


def test_pieces_cover_every_gap_once_in_order() -> None:
    gaps: list[tuple[list[int], list[int]]] = [
        ([0] * size, []) for size in (9, 1, 1, 1, 30, 2, 2, 0, 5)
    ]
    for count in range(1, 12):
        pieces = _workers._pieces(gaps, count)
        assert [at for piece in pieces for at in piece] == list(range(len(gaps)))
        assert len(pieces) <= count


@pytest.mark.skipif(
    not (SHARED / "corpora" / "darwin-ch1").is_dir(), reason="needs ../shared/corpora"
)
def test_workers_give_the_same_alignment_on_darwin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Darwin's first chapter in three editions, its gaps aligned by two workers: the
    same columns and transpositions as in one process."""
    monkeypatch.setattr(_workers, "PARALLEL_TOKENS", 0)
    folder = SHARED / "corpora" / "darwin-ch1"
    witnesses = tokenize_all(
        read_witnesses([folder / name for name in ("1859.txt", "1860.txt", "1872.txt")])
    )
    alone = ENGINE.align(witnesses)
    shared = replace(ENGINE, jobs=2).align(witnesses)
    assert shared.columns == alone.columns
    assert shared.transpositions == alone.transpositions
    assert get_engine("anchor", jobs=3).jobs == 3  # type: ignore[attr-defined]


def test_collate_with_workers_is_collate_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_workers, "PARALLEL_TOKENS", 0)
    witnesses = [
        Witness("A", "the quick brown fox jumps over the lazy dog near the old river bank"),
        Witness("B", "the quick red fox leaps over the lazy dog by the old river bank"),
        Witness("C", "over the lazy dog the quick brown fox jumps near the river bank"),
    ]
    assert collate(witnesses, jobs=2) == collate(witnesses)
