"""Sound matches inside a gap: what the anchors left between them, aligned by a scored
dynamic programme over the tokens that can match at all.

Only pairs of equal tokens and of near spellings can be matched, so the programme runs
over those points alone (a sparse chaining, Needleman–Wunsch with affine gaps where
the cells that cannot match are skipped), which keeps the work per gap bounded by the
number of such points, not by the gap's area. A chain of matches scores the
information of its words (bits) less what the unmatched stretches between them cost:
a stretch as long on both sides is a run of substitutions (cheap), a stretch longer on
one side is an addition or omission (an opening cost, then per token).

Function words and punctuation are shared by any two sentences, so they alone never
show that two passages are the same. In a long gap that is not alike as a whole,
matches are kept in islands (matches near one another), and an island stands only if
it holds a telling match: a word more informative than a function word, or two
spellings of one word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from ._indel import near_each

#: (profile index, witness index) within the gap
Point = tuple[int, int]

#: unmatched stretches, in bits: a substitution (per pair), opening an addition or
#: omission, and each token of it
SUBSTITUTION_BITS: Final = 0.5
OPEN_BITS: Final = 2.0
EXTEND_BITS: Final = 0.5
#: the least ratio (0-100, `_indel.ratio`) for two spellings of one word
NEAR_RATIO: Final = 60.0
#: two spellings this alike are telling evidence (less alike ones join an island only)
TELLING_RATIO: Final = 75.0
#: a near match counts this share of the lighter word's information
NEAR_SHARE: Final = 0.6
#: a token at most this heavy is a function word or punctuation (their weights are
#: capped at 5 bits): it shows nothing alone
FUNCTION_BITS: Final = 5.0
#: matches further apart than this (on either side) are in different islands
ISLAND_GAP: Final = 4
#: a point's predecessor is sought exactly this many profile tokens back, among at
#: most SCAN points
WINDOW: Final = 24
SCAN: Final = 48
#: the most equal-word points one gap is chained over (the heaviest words first)
MAX_POINTS: Final = 2_000
#: near matches are sought only in gaps up to this many cells (profile x witness)
NEAR_CELLS: Final = 4_000
#: a word must be this long to be near-matched (short words are near everything)
NEAR_LENGTH: Final = 3


#: a point that can match: (profile index, witness index, score, telling). A plain
#: tuple: a gap makes thousands, which the compiled build makes in C, where a
#: NamedTuple is made by its constructor in Python (a sixth of the seeds' matching),
#: and its class costs a run half a million instructions to create at import
Candidate = tuple[int, int, float, bool]


def stretch_cost(di: int, dj: int) -> float:
    """What an unmatched stretch of `di` profile and `dj` witness tokens costs."""
    if di == dj:
        return SUBSTITUTION_BITS * di
    # the difference as max less min: the compiled build calls `abs` of an int through
    # Python
    return SUBSTITUTION_BITS * min(di, dj) + OPEN_BITS + EXTEND_BITS * (max(di, dj) - min(di, dj))


def sound_matches(
    a: Sequence[int],
    b: Sequence[int],
    weights: Sequence[float],
    spellings: Sequence[str],
    least_bits: float | None,
    near: Sequence[Candidate] | None = None,
) -> list[Point]:
    """The best-scoring order-keeping matches of equal or near-equal tokens between `a`
    (the profile's symbols over the gap) and `b` (the witness's). Given `least_bits`,
    only the islands that hold a telling match and score at least that much. `near`:
    `near_points(a, b, ...)`, where the caller has them."""
    points = _points(a, b, weights, spellings, near)
    if not points:
        return []
    chain = _chain(points, len(a), len(b))
    if least_bits is None:
        return [(i, j) for i, j, _, _ in chain]
    return [(i, j) for i, j, _, _ in _telling_islands(chain, least_bits)]


def _points(
    a: Sequence[int],
    b: Sequence[int],
    weights: Sequence[float],
    spellings: Sequence[str],
    near: Sequence[Candidate] | None,
) -> list[Candidate]:
    """The cells that can match. In a large gap, the words that would give the most
    points are the commonest and tell the least: the heaviest words are taken first
    until MAX_POINTS is reached."""
    in_a = _places(a)
    in_b: dict[int, list[int]] = {}
    for j, symbol in enumerate(b):
        if symbol in in_a:
            places = in_b.get(symbol)
            if places is None:
                in_b[symbol] = [j]
            else:
                places.append(j)
    if sum(len(in_a[s]) * len(js) for s, js in in_b.items()) > MAX_POINTS:
        chosen = sorted(in_b, key=lambda s: (-weights[s], s))
        budget = MAX_POINTS
        for at, symbol in enumerate(chosen):
            budget -= len(in_a[symbol]) * len(in_b[symbol])
            if budget < 0:
                in_b = {s: in_b[s] for s in chosen[:at]}
                break
    # made in order of (i, j): along `a`, each token's places in `b` (in order)
    points: list[Candidate] = []
    for i, symbol in enumerate(a):
        places = in_b.get(symbol)
        if places is not None:
            score = weights[symbol]
            telling = score > FUNCTION_BITS
            for j in places:
                points.append((i, j, score, telling))
    if len(a) * len(b) <= NEAR_CELLS:
        found = near if near is not None else _near_points(a, b, weights, spellings)
        if found:
            # by (i, j): no two points share a cell (an equal pair is never a near
            # one), so the tuples' own order, which compares i and j first, is that
            # order
            points.extend(found)
            points.sort()
    return points


def near_points(
    a: Sequence[int], b: Sequence[int], weights: Sequence[float], spellings: Sequence[str]
) -> list[Candidate] | None:
    """The near spellings `sound_matches` would pair in this gap, or None where the gap
    is too large for them to be sought."""
    if len(a) * len(b) > NEAR_CELLS:
        return None
    return _near_points(a, b, weights, spellings)


def within(points: Sequence[Candidate], i: range, j: range) -> list[Candidate]:
    """The points in a stretch of a gap (profile indices `i`, witness indices `j`),
    numbered from the stretch's start: a gap's near points, of a stretch of it, are
    exactly those that the stretch alone has (the same words, the same spellings)."""
    return [
        (x - i.start, y - j.start, score, telling)
        for x, y, score, telling in points
        if x in i and y in j
    ]


def _near_points(
    a: Sequence[int], b: Sequence[int], weights: Sequence[float], spellings: Sequence[str]
) -> list[Candidate]:
    """Two spellings of one word: alike enough, and not both function words."""
    in_a, in_b = _words(a, spellings), _words(b, spellings)
    choices = {y: spellings[y] for y in in_b}
    found: list[Candidate] = []
    # each spelling against all the others (see `_indel`)
    alike = near_each([spellings[x] for x in in_a], choices, NEAR_RATIO)
    for (x, xs), near in zip(in_a.items(), alike, strict=True):
        for y, ratio in near:
            if x == y or max(weights[x], weights[y]) <= FUNCTION_BITS:
                continue
            score = NEAR_SHARE * ratio / 100 * min(weights[x], weights[y])
            telling = _telling(spellings[x], spellings[y], ratio)
            found.extend((i, j, score, telling) for i in xs for j in in_b[y])
    return found


def _words(side: Sequence[int], spellings: Sequence[str]) -> dict[int, list[int]]:
    """`_places` of the words long enough to be near-matched (a module function: the
    compiled build calls a nested one through Python)."""
    return {s: at for s, at in _places(side).items() if _nearable(spellings[s])}


def _nearable(spelling: str) -> bool:
    return len(spelling) >= NEAR_LENGTH and (
        spelling.isalpha() or any(c.isalpha() for c in spelling)
    )


def _places(side: Sequence[int]) -> dict[int, list[int]]:
    """Per symbol, where it stands on a side, in order of first appearance (a look-up
    and an append per token: the compiled `setdefault(s, [])` makes a list each time)."""
    where: dict[int, list[int]] = {}
    for at, symbol in enumerate(side):
        places = where.get(symbol)
        if places is None:
            where[symbol] = [at]
        else:
            places.append(at)
    return where


def _telling(x: str, y: str, ratio: float) -> bool:
    """Two spellings telling of one word: very alike, or one the stem of the other
    ("wait", "waiting")."""
    short, long = sorted((x, y), key=len)
    return ratio >= TELLING_RATIO or (len(short) >= NEAR_LENGTH + 1 and long.startswith(short))


def _chain(points: Sequence[Candidate], n: int, m: int) -> list[Candidate]:
    """The heaviest chain of points increasing on both sides, each stretch between
    them (and to the gap's ends) paid for by `stretch_cost`.

    A point's predecessor is sought exactly among the points up to WINDOW profile
    tokens before it; further back, only the one that would be best if the stretch
    cost only its profile side is tried (a prefix maximum over the witness side), so
    the work is about the number of points times those in a window."""
    best: list[float] = []
    back: list[int] = []
    far = _PrefixMax(m)
    # plain lists of ints and floats, and index loops over them: the compiled build
    # runs these as machine arithmetic (a NamedTuple's fields, a loop over a tuple of
    # candidates made for each point, are looked up as Python objects)
    pi = [point[0] for point in points]
    pj = [point[1] for point in points]
    scores = [point[2] for point in points]
    added = 0  # points[:added] are in `far`
    start = 0  # the first point inside the window
    row = 0  # the first point on this one's profile token: none from there on precedes it
    sub, opening, extend = SUBSTITUTION_BITS, OPEN_BITS, EXTEND_BITS
    for k in range(len(points)):
        i, j = pi[k], pj[k]
        if pi[row] != i:
            row = k
        while pi[added] < i - WINDOW:
            far.put(pj[added], best[added] + extend * pi[added], added)
            added += 1
        while pi[start] < i - WINDOW:
            start += 1
        start = max(start, k - SCAN)
        top, came = -stretch_cost(i, j), -1
        # the candidates in the window (start..row), then the best further back (if
        # any: it is before j, as `far` is asked for, and before the window)
        further = far.get(j - 1) if j else -1
        # a loop over a range, the one further back (if any) as its last step: the
        # compiled build runs a range as a machine int (the window may start past
        # `row`, on a row of more than SCAN points: then it is empty)
        for x in range(min(start, row), row + 1 if further >= 0 else row):
            at = x if x < row else further
            dj = j - pj[at] - 1
            if dj < 0:
                continue
            di = i - pi[at] - 1
            if di == dj:
                value = best[at] - sub * di
            elif di < dj:
                value = best[at] - (sub * di + opening + extend * (dj - di))
            else:
                value = best[at] - (sub * dj + opening + extend * (di - dj))
            if value > top:
                top, came = value, at
        best.append(top + scores[k])
        back.append(came)
    end, last = -stretch_cost(n, m), -1
    for k in range(len(points)):
        value = best[k] - stretch_cost(n - pi[k] - 1, m - pj[k] - 1)
        if value > end:
            end, last = value, k
    chain = []
    while last >= 0:
        chain.append(points[last])
        last = back[last]
    return chain[::-1]


class _PrefixMax:
    """Fenwick tree: the index with the largest key among positions 0..at (the
    earliest index among equal keys)."""

    def __init__(self, size: int) -> None:
        self.keys: list[float] = [-math.inf] * (size + 1)
        self.indices: list[int] = [-1] * (size + 1)

    def put(self, at: int, key: float, index: int) -> None:
        keys, indices = self.keys, self.indices
        at += 1
        while at < len(keys):
            if key > keys[at] or (key == keys[at] and index < indices[at]):
                keys[at], indices[at] = key, index
            at += at & -at

    def get(self, at: int) -> int:
        keys, indices = self.keys, self.indices
        at += 1
        top, found = -math.inf, -1
        while at > 0:
            if keys[at] > top or (keys[at] == top and indices[at] < found):
                top, found = keys[at], indices[at]
            at -= at & -at
        return found


def _telling_islands(chain: Sequence[Candidate], least_bits: float) -> list[Candidate]:
    """The islands of the chain that show the passages are one: a telling match, and
    as much information, less the stretches inside, as an anchor would need. (A
    match's fields by index: 0 and 1 its place, 2 its score, 3 whether it tells.)"""
    kept: list[Candidate] = []
    island: list[Candidate] = []
    for match in [*chain, None]:
        if island and (
            match is None
            or max(match[0] - island[-1][0], match[1] - island[-1][1]) > ISLAND_GAP + 1
        ):
            inside = sum(
                stretch_cost(y[0] - x[0] - 1, y[1] - x[1] - 1)
                for x, y in zip(island, island[1:], strict=False)
            )
            score = sum(m[2] for m in island) - inside
            if any(m[3] for m in island) and score >= least_bits:
                kept.extend(island)
            island = []
        if match is not None:
            island.append(match)
    return kept
