"""The anchor engine's cheaper paths (issue 13, whole-run speed) give exactly what the
plain computations they stand for give: n-gram starts of a lopsided gap (the long side
cut to what the short one has before sorting), a gap's pairs asked for only in part,
weights summed in a loop, forms numbered in C, the merged reading order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.engines import _anchor_match as match
from collate.engines.anchor import _numbered, _Profile, _symbols

#: small alphabets, so that texts repeat n-grams and share runs of them
symbols = st.lists(st.integers(min_value=0, max_value=9), max_size=60)
long_symbols = st.lists(st.integers(min_value=0, max_value=9), min_size=100, max_size=700)


def _plain_starts(a: list[int], b: list[int], k: int) -> list[tuple[int, int]]:
    in_a, in_b = match._unique_grams(a, k), match._unique_grams(b, k)
    return sorted((j, i) for g, j in in_b.items() if (i := in_a.get(g)) is not None)


@settings(max_examples=150, deadline=None)
@given(symbols, long_symbols, st.integers(min_value=1, max_value=4), st.booleans())
def test_lopsided_starts_are_the_dictionary_starts(
    short: list[int], long: list[int], k: int, short_first: bool
) -> None:
    a, b = (short, long) if short_first else (long, short)
    if len(a) < k or len(b) < k:
        return
    assert match._starts_in_arrays(a, b, k) == _plain_starts(a, b, k)


def test_a_lopsided_gap_finds_its_one_shared_passage() -> None:
    # a long addition holding once the few words the other side has, and at its end
    # "2 3 4" twice: that n-gram is not unique on the long side, so no start there
    short = [1, 2, 3, 4, 5, 6]
    long = [7, 8] * 200 + [1, 2, 3, 4, 5, 6] + [9] * 100 + [2, 3, 4, 2, 3, 4]
    found = match._starts_in_arrays(short, long, 3)
    assert found == _plain_starts(short, long, 3)
    assert found == [(400, 0), (402, 2), (403, 3)]


def _matcher(profile: list[int], witness: list[int]) -> match.Matcher:
    weights = [2.0 + (s % 5) * 1.5 for s in range(10)]
    scorer = match.Scorer(weights, [f"w{s}" for s in range(10)])
    return match.Matcher(scorer, profile, witness, {}, range(len(profile)))


@settings(max_examples=150, deadline=None)
@given(symbols, symbols, st.data())
def test_a_gap_asked_for_in_part_gives_those_pairs_of_the_whole(
    profile: list[int], witness: list[int], data: st.DataObject
) -> None:
    matcher = _matcher(profile, witness)
    start = data.draw(st.integers(0, len(witness)))
    stop = data.draw(st.integers(start, len(witness)))
    p_pos, w_pos = list(range(len(profile))), list(range(len(witness)))
    whole = matcher.stretch(p_pos, w_pos, 0)
    part = matcher.stretch(p_pos, w_pos, 0, range(start, stop))
    assert [pair for pair in part if start <= pair[1] < stop] == [
        pair for pair in whole if start <= pair[1] < stop
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(0.0, 40.0), min_size=1, max_size=12),
    st.lists(st.integers(0, 11), min_size=1, max_size=50),
    st.data(),
)
def test_summed_weights_are_those_of_sum(
    weights: list[float], picks: list[int], data: st.DataObject
) -> None:
    seq = [p % len(weights) for p in picks]
    start = data.draw(st.integers(0, len(seq) - 1))
    stop = data.draw(st.integers(start + 1, len(seq)))
    # the very same float, not one as close: weights decide between chains of anchors
    assert match._summed(weights, seq, start, stop) == sum(
        map(weights.__getitem__, seq[start:stop])
    )


forms = st.lists(st.sampled_from(["a", "b", "c", "d", ",", "the", "of"]), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(forms, min_size=1, max_size=5))
def test_forms_numbered_as_they_first_appear(normals: list[list[str]]) -> None:
    distinct, numbered = _numbered(normals)
    assert distinct == list(dict.fromkeys(f for forms in normals for f in forms))
    assert numbered == [[distinct.index(f) for f in forms] for forms in normals]
    # renumbered in another order of the witnesses: again by first appearance, counted
    order = list(reversed(range(len(normals))))
    sequences, scorer = _symbols(distinct, [numbered[i] for i in order])
    seen = list(dict.fromkeys(f for i in order for f in normals[i]))
    assert list(scorer.spellings) == seen
    assert sequences == [[seen.index(f) for f in normals[i]] for i in order]


def _plain_merged(old: list[int], pairs: list[tuple[int, int]], placed: list[int]) -> list[int]:
    """The reading order as the token-by-token merge made it."""
    order: list[int] = []
    p_at = w_at = 0
    for p, w in [*pairs, (len(old) - 1, len(placed))]:
        order.extend(placed[w_at:w])
        order.extend(old[p_at : p + 1])
        p_at, w_at = p + 1, w + 1
    return order


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.data())
def test_merged_order_is_the_token_by_token_order(
    old_length: int, new_length: int, data: st.DataObject
) -> None:
    ps = sorted(data.draw(st.sets(st.integers(0, max(old_length - 1, 0)), max_size=old_length)))
    ws = sorted(data.draw(st.sets(st.integers(0, max(new_length - 1, 0)), max_size=new_length)))
    count = min(len(ps), len(ws)) if old_length and new_length else 0
    pairs = list(zip(ps[:count], ws[:count], strict=True))
    profile = _Profile()
    profile.order = [100 + c for c in range(old_length)]
    profile.representative = [0] * (100 + old_length)
    profile.support = [1] * (100 + old_length)
    placed: list[int | None] = [None] * new_length
    for p, w in pairs:
        placed[w] = profile.order[p]
    merged = profile._merged(pairs, placed, [0] * new_length)
    filled = [column for column in placed if column is not None]  # new columns given
    assert len(filled) == new_length
    assert merged == _plain_merged([100 + c for c in range(old_length)], pairs, filled)
