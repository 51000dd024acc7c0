"""Pairwise matching for the anchor engine: one witness against the alignment so far.

Both sides are sequences of symbol ids (normal forms). Matching goes from trustworthy to
loose, each step working only inside the gaps the previous one left:

1. anchors: runs of token n-grams that occur exactly once on each side and carry enough
   information (bits, from how rare their words are) that a chance match is unlikely;
2. the heaviest chain of anchors in the same order on both sides is the backbone; heavy
   runs off the chain are passages that moved;
3. inside each gap, anchors again, unique within the gap, with shorter n-grams;
4. what is left is aligned by a scored dynamic programme over the equal and near-equal
   tokens (`_gap_align`), with substitutions between its matches; in a long stretch
   that is not similar, function words and punctuation are matched only near a telling
   match, so unshared text becomes additions and omissions, not a scatter of "the"s.
"""

from __future__ import annotations

import bisect
import math
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import compress
from operator import itemgetter, not_
from typing import Any, Final, NamedTuple

from ._gap_align import FUNCTION_BITS, NEAR_RATIO, Candidate, near_points, sound_matches, within
from ._indel import normalized_similarity, ratio
from ._short_moves import short_moves

#: (profile position, witness position)
Pair = tuple[int, int]

#: per matching level inside gaps: n-gram length and the least information an anchor
#: must carry whatever the gap's size
GAP_LEVELS: tuple[tuple[int, float], ...] = ((4, 20.0), (3, 18.0), (2, 16.0), (1, 11.0))
TOP_LEVEL: tuple[int, float] = (4, 20.0)
#: an anchor must beat the chance of a random match among all n x m pairs by this much
MARGIN_BITS: Final = 4.0
#: a moved passage needs this much information, and this many tokens, to count as one
MOVE_BITS: Final = 36.0
MOVE_TOKENS: Final = 5
#: ...and is no move when its words also match in place, this share as many of them
IN_PLACE_SHARE: Final = 0.8
#: pieces of a moved passage at most this many tokens apart on both sides are one passage
PIECE_GAP: Final = 3
#: gaps up to this long on both sides are aligned by edit operations unconditionally;
#: longer ones only when their token sequences are at least SIMILAR alike
SMALL_GAP: Final = 6
SIMILAR: Final = 0.5
#: ...and so are gaps with at most this many tokens on one side
SHORT_SIDE: Final = 3
#: between the islands of a dissimilar gap, substitutions of at most this many words
SUBSTITUTION_INSIDE: Final = 2
#: in a longer gap, an island of matches needs this much information at least (and
#: more in a large gap, as an anchor does)
ISLAND_BITS: Final = 11.0
#: n-grams of sequences this long together are matched in arrays (`_starts_in_arrays`)
ARRAY_TOKENS = 20_000  # not Final: tests set it to 0, to take the arrays' path
#: ...and from this many once numpy is loaded: arrays are faster from here, but loading
#: numpy for a short text would cost more than they save
LOADED_ARRAY_TOKENS = 4_000
#: one side's n-grams this many times the other's: only those the other has are sorted
_LOPSIDED: Final = 8
#: above this size a replace block is not searched for near matches
NEAR_LIMIT: Final = 400


class Run(NamedTuple):
    """Tokens a[i:i+length] equal b[j:j+length], found through unique n-grams (a
    tuple: a long text has tens of thousands)."""

    i: int
    j: int
    length: int
    weight: float


class Move(NamedTuple):
    """A passage matched away from the backbone: witness positions `w_range` hold what
    the profile has at `p_range`; `pairs` align it with itself."""

    p_range: tuple[int, int]
    w_range: tuple[int, int]
    pairs: tuple[Pair, ...]


class Scorer(NamedTuple):
    """What matching knows about symbols: their information and their spelling."""

    weights: list[float]
    spellings: Sequence[str]

    def weight(self, symbols: Sequence[int]) -> float:
        return sum(map(self.weights.__getitem__, symbols))


def _unique_grams(seq: Sequence[int], k: int) -> dict[Any, int]:
    # one-grams are the symbols themselves: no tuples needed to tell them apart
    grams = list(seq) if k == 1 else list(zip(*(seq[o:] for o in range(k)), strict=False))
    # most n-grams of a text occur once: keep them all (in C), then drop the repeated
    at = dict(zip(grams, range(len(grams)), strict=True))
    if len(at) != len(grams):
        counts = Counter(grams)
        for gram in [g for g, count in counts.items() if count > 1]:
            del at[gram]
    return at


def _unique_codes(seq: Sequence[int], k: int, base: int) -> dict[int, int]:
    """`_unique_grams`, each n-gram numbered by its symbols as the digits of a number
    in `base` (above every symbol): one n-gram, one number, so the same n-grams
    found once, at the same places, in the same order (of first appearance)."""
    symbols = list(seq)
    at: dict[int, int] = {}
    repeated: set[int] = set()
    for x in range(len(symbols) - k + 1):
        code = symbols[x]
        for offset in range(1, k):
            code = code * base + symbols[x + offset]
        # one look-up, not a test and then a store: the compiled build makes the code's
        # int object anew for each
        if at.setdefault(code, x) != x:
            repeated.add(code)
    for code in repeated:
        del at[code]
    return at


def _shared_starts(a: list[int], b: list[int], k: int, base: int) -> list[tuple[int, int]]:
    """The (j, i) starts of the n-grams found once in `a` (at i) and once in `b` (at j),
    sorted: what `_unique_codes` of both sides give, but `a`'s n-grams are kept only
    where `b` has them (a gap's sides share few: no dict entry made for the others)."""
    in_b = _unique_codes(b, k, base)
    at: dict[int, int] = {}
    repeated: set[int] = set()
    for x in range(len(a) - k + 1):
        code = a[x]
        for offset in range(1, k):
            code = code * base + a[x + offset]
        if code in in_b and at.setdefault(code, x) != x:
            repeated.add(code)
    return sorted([(in_b[code], x) for code, x in at.items() if code not in repeated])


def _starts_in_arrays(a: Sequence[int], b: Sequence[int], k: int) -> list[tuple[int, int]] | None:
    """The (j, i) starts of the n-grams found once in `a` (at i) and once in `b` (at j),
    in order of j: what `_unique_grams` gives on both sides, worked out in numpy for
    whole texts (each n-gram one int, sorted, not a tuple in a dict). None where the
    n-grams do not fit an int64."""
    found = _start_arrays(a, b, k)
    if found is None:
        return None
    j, i = found
    return list(zip(j.tolist(), i.tolist(), strict=True))


def _start_arrays(a: Sequence[int], b: Sequence[int], k: int) -> tuple[Any, Any] | None:
    """`_starts_in_arrays` as two numpy arrays, j and i."""
    import numpy as np  # loaded only for long texts: a short run starts faster without

    # from a list, `fromiter` makes the same array as `asarray`, a fifth faster
    array_a = np.fromiter(a, dtype=np.int64, count=len(a))
    array_b = np.fromiter(b, dtype=np.int64, count=len(b))
    base = max(int(array_a.max()), int(array_b.max())) + 1
    if base**k >= 2**63:
        return None

    def all_codes(array: Any) -> Any:
        """Every n-gram of a side, one int each, in order."""
        n = len(array) - k + 1
        codes = np.zeros(n, dtype=np.int64)
        for offset in range(k):
            codes = codes * base + array[offset : offset + n]
        return codes

    def unique_codes(codes: Any, places: Any = None) -> tuple[Any, Any]:
        """The n-grams found once among `codes`, sorted, and where each is (`places`:
        where each of `codes` is, if not at its index)."""
        # the order among equal codes is of no matter (those are dropped), so the
        # sort need not be stable, as `np.unique`'s with indices is
        at = np.argsort(codes)
        ordered = codes[at]
        once = np.ones(len(codes), dtype=bool)
        repeated = ordered[1:] == ordered[:-1]
        once[1:] &= ~repeated
        once[:-1] &= ~repeated
        at = at[once]
        return ordered[once], at if places is None else places[at]

    def shared_with(codes: Any, sorted_codes: Any) -> Any:
        """The indices of `codes` that are among `sorted_codes` (sorted, distinct)."""
        if not len(sorted_codes):
            return np.zeros(0, dtype=np.intp)
        where = np.minimum(np.searchsorted(sorted_codes, codes), len(sorted_codes) - 1)
        return np.flatnonzero(sorted_codes[where] == codes)

    codes_a, codes_b = all_codes(array_a), all_codes(array_b)
    # Where one side is much the longer (a long addition against a few words), only
    # its n-grams that the other has can be shared: those are picked out by bisection
    # first, and only they are sorted. A code is picked wherever it stands, so one
    # found once among them is found once on its whole side: the same n-grams.
    if len(codes_b) >= _LOPSIDED * len(codes_a) and len(codes_a):
        codes_a, at_a = unique_codes(codes_a)
        picked = shared_with(codes_b, codes_a)
        codes_b, at_b = unique_codes(codes_b[picked], picked)
    elif len(codes_a) >= _LOPSIDED * len(codes_b) and len(codes_b):
        codes_b, at_b = unique_codes(codes_b)
        picked = shared_with(codes_a, codes_b)
        codes_a, at_a = unique_codes(codes_a[picked], picked)
    else:
        codes_a, at_a = unique_codes(codes_a)
        codes_b, at_b = unique_codes(codes_b)
    # the codes both sides have, found by bisection in a's (both are sorted and distinct)
    where = np.searchsorted(codes_a, codes_b)
    shared = codes_a[np.minimum(where, len(codes_a) - 1)] == codes_b if len(codes_a) else where < 0
    i, j = at_a[where[shared]], at_b[shared]
    order = np.argsort(j)  # each j once: in order of j is sorted (j, i)
    return j[order], i[order]


def find_runs(
    a: Sequence[int],
    b: Sequence[int],
    k: int,
    min_bits: float,
    scorer: Scorer,
    grams: tuple[dict[Any, int], dict[Any, int]] | None = None,
) -> list[Run]:
    """Maximal runs of n-grams unique on both sides, heavy enough to trust. `grams`:
    `_unique_grams(a, k)` and `_unique_grams(b, k)`, where the caller has them."""
    if len(a) < k or len(b) < k:
        return []
    symbols = _listed(b)
    tokens = len(a) + len(b)
    in_arrays = tokens >= ARRAY_TOKENS or (tokens >= LOADED_ARRAY_TOKENS and "numpy" in sys.modules)
    if in_arrays and (found := _start_arrays(a, b, k)) is not None:
        runs = _runs_in_arrays(found[0], found[1], k, symbols, scorer)
        return [r for r in runs if r.weight >= min_bits]
    if grams is not None:
        in_a, in_b = grams
        # the n-grams unique on both sides, found in C (a gap's sides share few of them)
        starts = sorted([(in_b[g], in_a[g]) for g in in_b.keys() & in_a.keys()])
    else:  # each n-gram one int, not a tuple: no tuple made, hashed and freed per token
        starts = _shared_starts(_listed(a), symbols, k, max(max(a), max(b)) + 1)
    runs = []
    first = previous = (-2, -2)
    for j, i in starts:
        if (j, i) != (previous[0] + 1, previous[1] + 1):
            if previous[0] >= 0:
                runs.append(_run(first, previous, k, symbols, scorer))
            first = (j, i)
        previous = (j, i)
    if previous[0] >= 0:
        runs.append(_run(first, previous, k, symbols, scorer))
    return [r for r in runs if r.weight >= min_bits]


def _runs_in_arrays(j: Any, i: Any, k: int, b: list[int], scorer: Scorer) -> list[Run]:
    """The runs of consecutive starts (both j and i one on), found in numpy: a long
    text has hundreds of thousands of starts and a few thousand runs."""
    import numpy as np

    if not len(j):
        return []
    # a run ends where the next start is not one on from it on both sides
    ends = np.flatnonzero((np.diff(j) != 1) | (np.diff(i) != 1))
    firsts = np.concatenate(([0], ends + 1))
    lasts = np.concatenate((ends, [len(j) - 1]))
    # only the runs' ends made into lists, not every start (on the *Origin* a list of
    # each start was 160 M instructions of the alignment's serial part)
    first_j, first_i = j[firsts].tolist(), i[firsts].tolist()
    last_j, last_i = j[lasts].tolist(), i[lasts].tolist()
    return [
        _run((first_j[r], first_i[r]), (last_j[r], last_i[r]), k, b, scorer)
        for r in range(len(first_j))
    ]


def _run(
    first: tuple[int, int], last: tuple[int, int], k: int, b: list[int], scorer: Scorer
) -> Run:
    (j, i), length = first, last[0] - first[0] + k
    weight = _summed(scorer.weights, b, j, j + length)
    # the tuple made directly: `Run(...)` runs the NamedTuple's `__new__` in Python
    return tuple.__new__(Run, (i, j, length, weight))


def _summed(weights: list[float], symbols: list[int], start: int, stop: int) -> float:
    """What `symbols[start:stop]` weigh together (at least one symbol), added in order
    as a compiled loop over machine floats (no slice, no call per word): the sum that
    `sum(map(weights.__getitem__, symbols[start:stop]))` makes on Python 3.11. (From
    3.12 `sum` compensates its rounding, in the last bit; this loop adds the same way
    on every Python, so an alignment does not depend on which one runs it.)"""
    total = 0.0
    for x in range(start, stop):
        total += weights[symbols[x]]
    return total


def _listed(symbols: Sequence[int]) -> list[int]:
    """The symbols as a list (they are one already, but for a caller's own sequence):
    the compiled build indexes a list with machine ints, any other sequence with a
    new int object per look-up."""
    return symbols if isinstance(symbols, list) else list(symbols)


def heaviest_chain(runs: Sequence[Run]) -> list[Run]:
    """The heaviest set of runs in the same order on both sides, without overlaps
    (a weighted longest increasing subsequence, with a Fenwick tree of maxima)."""
    if not runs:
        return []
    ordered = sorted(runs, key=itemgetter(1, 0))  # by (j, i)
    ranks = {i: rank for rank, i in enumerate(sorted({r.i for r in ordered}), start=1)}
    # the tree's (weight, index) maxima in two lists: no tuple made per comparison;
    # ties go to the later index, as the tuples' maximum would
    size = len(ranks) + 1
    tree_bits, tree_at = [0.0] * size, [-1] * size
    best: list[float] = []
    back: list[int] = []
    for index, run in enumerate(ordered):
        at, top, came = ranks[run.i] - 1, 0.0, -1
        while at > 0:
            if tree_bits[at] > top or (tree_bits[at] == top and tree_at[at] > came):
                top, came = tree_bits[at], tree_at[at]
            at -= at & -at
        value = top + run.weight
        best.append(value)
        back.append(came)
        at = ranks[run.i]
        while at < size:
            if value > tree_bits[at] or (value == tree_bits[at] and index > tree_at[at]):
                tree_bits[at], tree_at[at] = value, index
            at += at & -at
    index = max(range(len(best)), key=lambda x: (best[x], -x))
    chain = []
    while index >= 0:
        chain.append(ordered[index])
        index = back[index]
    return _without_overlaps(chain[::-1])


def _without_overlaps(chain: Sequence[Run]) -> list[Run]:
    kept: list[Run] = []
    for run in chain:
        if kept:
            last = kept[-1]
            cut = max(last.i + last.length - run.i, last.j + last.length - run.j, 0)
            if cut:
                if cut >= run.length:
                    continue
                # the weight is only used to choose the chain, which is already chosen
                run = tuple.__new__(Run, (run.i + cut, run.j + cut, run.length - cut, run.weight))
        kept.append(run)
    return kept


# --------------------------------------------------------------------------- moves


def _blocks(off_chain: Sequence[Run]) -> list[list[Run]]:
    """Off-chain runs grouped into passages: near one another, on about one diagonal."""
    blocks: list[list[Run]] = []
    for run in sorted(off_chain, key=lambda r: (r.j, r.i)):
        if blocks:
            last = blocks[-1][-1]
            if (
                abs((run.i - run.j) - (last.i - last.j)) <= 10
                and 0 <= run.j - (last.j + last.length) <= 20
            ):
                blocks[-1].append(run)
                continue
        blocks.append([run])
    return blocks


class _Spans:
    """Disjoint half-open spans, kept sorted, for quick overlap tests."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def free(self, span: tuple[int, int]) -> bool:
        at = bisect.bisect_right(self.spans, span)
        before_ok = at == 0 or self.spans[at - 1][1] <= span[0]
        after_ok = at == len(self.spans) or span[1] <= self.spans[at][0]
        return before_ok and after_ok

    def add(self, span: tuple[int, int]) -> None:
        bisect.insort(self.spans, span)

    def overhang(self, span: tuple[int, int]) -> tuple[int, int]:
        """How many positions at the front and at the back of `span` are taken (only
        what touches its ends: a block that straddles a whole span is not trimmed)."""
        start, stop = span
        at = bisect.bisect_right(self.spans, (start, math.inf))
        front = max(self.spans[at - 1][1] - start, 0) if at else 0
        at = bisect.bisect_left(self.spans, (stop, -math.inf))
        back = max(stop - self.spans[at - 1][0], 0) if at and self.spans[at - 1][0] >= start else 0
        return front, back


def find_moves(
    runs: Sequence[Run], chain: Sequence[Run]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Passages matched off the backbone, heavy enough to be a real move, as
    (profile range, witness range); none overlaps the backbone or another."""
    # chained runs may have lost their front to a neighbour, never their end
    on_chain = {(r.i + r.length, r.j + r.length) for r in chain}
    taken_p = _Spans([(r.i, r.i + r.length) for r in chain])
    taken_w = _Spans([(r.j, r.j + r.length) for r in chain])
    moves = []
    candidates = _blocks([r for r in runs if (r.i + r.length, r.j + r.length) not in on_chain])
    candidates.sort(key=lambda b: (-sum(r.weight for r in b), b[0].j))
    for block in candidates:
        p = (min(r.i for r in block), max(r.i + r.length for r in block))
        w = (block[0].j, max(r.j + r.length for r in block))
        if sum(r.weight for r in block) < MOVE_BITS:
            continue
        # a move often shares a token or two with the backbone at its edges ("." etc.)
        (front_p, back_p), (front_w, back_w) = taken_p.overhang(p), taken_w.overhang(w)
        front, back = max(front_p, front_w), max(back_p, back_w)
        p, w = (p[0] + front, p[1] - back), (w[0] + front, w[1] - back)
        if min(p[1] - p[0], w[1] - w[0]) < MOVE_TOKENS:
            continue
        if taken_p.free(p) and taken_w.free(w):
            taken_p.add(p)
            taken_w.add(w)
            moves.append((p, w))
    return sorted(moves, key=lambda m: m[1])


# --------------------------------------------------------------------------- matching


class Matcher(NamedTuple):
    """Matches one witness's symbols against the profile's."""

    scorer: Scorer
    #: the profile's representative symbols, and the witness's symbols
    profile: Sequence[int]
    witness: Sequence[int]
    #: profile position -> other symbols its column holds (most frequent first)
    alternatives: Mapping[int, tuple[int, ...]]
    #: the profile positions anchors are sought in, in order
    backbone: Sequence[int]
    #: how many processes may align the gaps (the same pairs for any number)
    jobs: int = 1
    #: `_unique_grams` of the backbone's symbols and of the witness's at the top
    #: level's n-gram length, where the caller has them: a corpus's verification
    #: matches each document against several others
    top_grams: tuple[dict[Any, int], dict[Any, int]] | None = None

    def match(self) -> tuple[list[Pair], list[Move]]:
        """The backbone-and-gaps pairs (increasing on both sides) and the moves."""
        k, floor = TOP_LEVEL
        kept, witness = self.backbone, self.witness
        # anchors are sought among the well-attested columns only, so that another
        # witness's addition does not break a run the new witness shares with the rest
        a = list(map(self.profile.__getitem__, kept))  # in C: no int made anew per token
        least = _threshold(floor, len(a), len(witness))
        runs = find_runs(a, witness, k, least, self.scorer, self.top_grams)
        chain = heaviest_chain(runs)
        found = [
            Move(p, w, tuple(self.stretch(list(range(*p)), list(range(*w)), 0)))
            for p, w in (((kept[p[0]], kept[p[1] - 1] + 1), w) for p, w in find_moves(runs, chain))
        ]
        moves = self._moved_elsewhere(found, chain)
        taken_p = _taken(len(self.profile), [m.p_range for m in moves])
        taken_w = _taken(len(witness), [m.w_range for m in moves])
        # the gaps before each run of the chain (and after the last), without the moves
        ends = [*chain, Run(len(kept), len(witness), 0, 0.0)]
        gaps = []
        p_at = w_at = 0
        for run in ends:
            p_stop = kept[run.i] if run.i < len(kept) else len(self.profile)
            p_gap = [p for p in range(p_at, p_stop) if not taken_p[p]]
            w_gap = [w for w in range(w_at, run.j) if not taken_w[w]]
            gaps.append((p_gap, w_gap))
            if run.length:
                p_at, w_at = kept[run.i + run.length - 1] + 1, run.j + run.length
        pairs: list[Pair] = []
        for run, in_gap in zip(ends, self._stretches(gaps), strict=True):
            pairs.extend(in_gap)
            run_p, run_w = kept[run.i : run.i + run.length], range(run.j, run.j + run.length)
            pairs.extend(zip(run_p, run_w, strict=True))
        pairs, short = self._short_moves(pairs, taken_p, taken_w)
        return pairs, [m for m in moves if m.pairs] + short

    def _stretches(self, gaps: Sequence[tuple[list[int], list[int]]]) -> list[list[Pair]]:
        """Each gap's pairs, in order: with `jobs` processes for a long text's gaps."""
        if self.jobs > 1:
            from ._workers import stretch_all  # multiprocessing only where it is asked for

            return stretch_all(self.stretch, gaps, self.jobs)
        # most gaps between anchors are empty on one side: no pairs, and no call
        # (a method of this NamedTuple is called through Python)
        return [self.stretch(p_gap, w_gap, 0) if p_gap and w_gap else [] for p_gap, w_gap in gaps]

    def _short_moves(
        self, pairs: list[Pair], taken_p: list[bool], taken_w: list[bool]
    ) -> tuple[list[Pair], list[Move]]:
        """Swapped words and short moved phrases, linked where the evidence is clear
        (see `_short_moves`)."""
        weights, spellings = self.scorer.weights, self.scorer.spellings
        profile, witness, alternatives = self.profile, self.witness, self.alternatives
        # most pairs read the same on both sides; the rest are judged (one compiled
        # loop: a chain of maps is a call per pair and step). The sides as lists, and
        # the pairs kept by `compress`: the compiled build indexes a list with machine
        # ints, and would make each kept pair (and its ints) anew to append it
        on_p, on_w = _listed(profile), _listed(witness)
        is_firm: list[bool] = []
        for p, w in pairs:
            here, there = on_w[w], on_p[p]
            is_firm.append(
                here == there
                or here in alternatives.get(p, ())
                or ratio(spellings[there], spellings[here]) >= NEAR_RATIO
            )
        firm = list(compress(pairs, is_firm))
        kept, found = short_moves(
            pairs,
            firm,
            witness,
            profile,
            *_move_judges(profile, witness, alternatives, weights, spellings),
            taken_p,
            taken_w,
        )
        return kept, [Move(p, w, run) for p, w, run in found]

    def _moved_elsewhere(self, moves: list[Move], chain: Sequence[Run]) -> list[Move]:
        """The moves that stand: a passage found elsewhere in the profile is no move
        when it also stands where the witness has it, matched nearly as well. The
        elsewhere is then most likely another witness's moved copy, which this witness
        resembles more closely (a sibling sharing its readings) than the columns most
        witnesses fill. Pieces of one passage (in a row on both sides) go together."""
        passages: list[list[Move]] = []
        for move in sorted(moves, key=lambda m: m.w_range):
            if passages:
                last = passages[-1][-1]
                w_apart = move.w_range[0] - last.w_range[1]
                p_apart = move.p_range[0] - last.p_range[1]
                if 0 <= w_apart <= PIECE_GAP and 0 <= p_apart <= PIECE_GAP:
                    passages[-1].append(move)
                    continue
            passages.append([move])
        kept: list[Move] = []
        ends = [r.j + r.length for r in chain]
        for passage in passages:
            others = [move for other in passages if other is not passage for move in other]
            if not self._fits_in_place(passage, chain, ends, others):
                kept.extend(passage)
        return kept

    def _fits_in_place(
        self,
        passage: Sequence[Move],
        chain: Sequence[Run],
        ends: Sequence[int],
        others: Sequence[Move],
    ) -> bool:
        p0, w0 = passage[0].p_range[0], passage[0].w_range[0]
        w1 = passage[-1].w_range[1]
        # the chain is in order on both sides: the runs before the passage, then after
        cut = bisect.bisect_right(ends, w0)
        before, after = chain[:cut], chain[cut:]
        if after and after[0].j < w1:
            return False  # the backbone runs through the passage: not a clean gap
        kept = self.backbone
        start = kept[before[-1].i + before[-1].length - 1] + 1 if before else 0
        stop = kept[after[0].i] if after else len(self.profile)
        if start <= p0 < stop:
            return False  # its other place is in this very gap: a local move, kept as found
        taken_p = {p for other in others for p in range(*other.p_range)}
        taken_w = {w for other in others for w in range(*other.w_range)}
        # the gap as the alignment will see it without this move
        w_start = before[-1].j + before[-1].length if before else 0
        w_stop = after[0].j if after else len(self.witness)
        # only the passage's own words' pairs are counted (its pieces lie within w0
        # to w1): the stretches between anchors that hold none of them are not aligned
        in_place = self.stretch(
            [p for p in range(start, stop) if p not in taken_p],
            [w for w in range(w_start, w_stop) if w not in taken_w],
            0,
            range(w0, w1),
        )
        own = {w for move in passage for w in range(*move.w_range)}
        placed = sum(1 for _, w in in_place if w in own)
        return placed >= IN_PLACE_SHARE * sum(len(move.pairs) for move in passage)

    def stretch(
        self, p_pos: list[int], w_pos: list[int], level: int, wanted: range | None = None
    ) -> list[Pair]:
        """Pairs inside one gap (positions listed on each side), from `level` down.
        `wanted`: the witness positions whose pairs are asked for, if not all: the
        pairs of others may then be left out (the stretches between anchors that hold
        none of them are not aligned)."""
        if not p_pos or not w_pos:
            return []
        b = list(map(self.witness.__getitem__, w_pos))
        a = self._profile_symbols(p_pos, set(b))
        if a == b:
            return list(zip(p_pos, w_pos, strict=True))
        bounds = _RunBounds(a, b, self.scorer.weights)
        for depth in range(level, len(GAP_LEVELS)):
            k, floor = GAP_LEVELS[depth]
            least = _threshold(floor, len(a), len(b))
            if bounds.all_shared() < least - _ROUNDING - _SUM_ORDER:
                continue  # all the shared words together are too light: no run is heavy
            if bounds.heaviest(k) < least - _ROUNDING:
                continue  # no run of k shared words here is heavy enough: none found
            chain = heaviest_chain(find_runs(a, b, k, least, self.scorer))
            if chain:
                return self._around(chain, p_pos, w_pos, depth + 1, wanted)
        return [(p_pos[i], w_pos[j]) for i, j in self.edit_pairs(a, b)]

    def _around(
        self,
        chain: Sequence[Run],
        p_pos: list[int],
        w_pos: list[int],
        level: int,
        wanted: range | None = None,
    ) -> list[Pair]:
        pairs: list[Pair] = []
        i_at = j_at = 0
        for run in [*chain, tuple.__new__(Run, (len(p_pos), len(w_pos), 0, 0.0))]:
            # the positions are in order: a stretch holds a wanted one unless it ends
            # before them or starts after them
            if wanted is None or (
                j_at < run.j and w_pos[j_at] < wanted.stop and w_pos[run.j - 1] >= wanted.start
            ):
                pairs.extend(self.stretch(p_pos[i_at : run.i], w_pos[j_at : run.j], level, wanted))
            run_p, run_w = p_pos[run.i : run.i + run.length], w_pos[run.j : run.j + run.length]
            pairs.extend(zip(run_p, run_w, strict=True))
            i_at, j_at = run.i + run.length, run.j + run.length
        return pairs

    def _profile_symbols(self, p_pos: Sequence[int], wanted: set[int]) -> list[int]:
        """The profile's symbols over a gap, each column showing the reading the witness
        has, if that column holds it: a witness may agree with a minority reading."""
        symbols = list(map(self.profile.__getitem__, p_pos))
        get = self.alternatives.get
        # only a column whose main reading the witness lacks can show another (found in C)
        for x in compress(range(len(p_pos)), map(not_, map(wanted.__contains__, symbols))):
            others = get(p_pos[x])
            if others:
                symbols[x] = next((s for s in others if s in wanted), symbols[x])
        return symbols

    # ------------------------------------------------------------------ edit operations

    def edit_pairs(
        self,
        a: Sequence[int],
        b: Sequence[int],
        inside: bool = False,
        near: Sequence[Candidate] | None = None,
    ) -> list[Pair]:
        """Local pairs: the sound matches (equal words and near spellings, see
        `_gap_align`), then the substitutions between them. In a stretch that is not
        alike as a whole, only islands of matches around a telling one are kept at
        first; the stretches between them are then aligned the same way in turn
        (`inside`), with substitutions of a word or two only: around them the text
        differs. `near`: the stretch's near spellings (`near_points`), where known."""
        if len(a) == len(b) and _substituted_in_place(a, b):
            return [(x, x) for x in range(len(a))]
        weights, spellings = self.scorer.weights, self.scorer.spellings
        if self._alike(a, b):
            if not set(a).intersection(b):  # only near spellings can match
                return self._between(a, b, (), SUBSTITUTION_INSIDE if inside else None)
            fixed = sound_matches(a, b, weights, spellings, None, near)
            return self._between(a, b, fixed, SUBSTITUTION_INSIDE if inside else None)
        least = _threshold(ISLAND_BITS, len(a), len(b))
        # the stretches between the islands seek near spellings again: found once here
        if near is None:
            near = near_points(a, b, weights, spellings)
        fixed = sound_matches(a, b, weights, spellings, least, near)
        pairs: list[Pair] = []
        i_at = j_at = 0
        for i, j in [*fixed, (len(a), len(b))]:
            if fixed and (i - i_at) * (j - j_at):
                inner = within(near, range(i_at, i), range(j_at, j)) if near is not None else None
                found = self.edit_pairs(a[i_at:i], b[j_at:j], True, inner)
                pairs.extend((i_at + x, j_at + y) for x, y in found)
            if i < len(a):
                pairs.append((i, j))
            i_at, j_at = i + 1, j + 1
        return pairs

    @staticmethod
    def _alike(a: Sequence[int], b: Sequence[int]) -> bool:
        """Whether a stretch is aligned in full: it is small, or alike as a whole, or
        one side is so short that what it shares with the other is no chance."""
        return (
            max(len(a), len(b)) <= SMALL_GAP
            or min(len(a), len(b)) <= SHORT_SIDE
            or normalized_similarity(a, b) >= SIMILAR
        )

    def _between(
        self, a: Sequence[int], b: Sequence[int], fixed: Sequence[Pair], longest: int | None
    ) -> list[Pair]:
        """The matches, and the substitutions and near spellings between them."""
        pairs: list[Pair] = []
        i_at = j_at = 0
        for i, j in [*fixed, (len(a), len(b))]:
            between = self.near_pairs(a[i_at:i], b[j_at:j], longest)
            pairs.extend((i_at + x, j_at + y) for x, y in between)
            if i < len(a):
                pairs.append((i, j))
            i_at, j_at = i + 1, j + 1
        return pairs

    def near_pairs(
        self, a: Sequence[int], b: Sequence[int], longest: int | None = None
    ) -> list[Pair]:
        """Readings that stand in for one another: one for one when the two sides are
        as long (unless words were swapped: "X Y" against "Y X" pairs one of the words
        with itself, not X with Y; and up to `longest` words, if given), otherwise the
        order-keeping pairing of the most alike spellings."""
        one_for_one = longest is None or len(a) <= longest
        if len(a) == len(b) and one_for_one and not set(a) & set(b):
            return [(x, x) for x in range(len(a))]
        if len(a) * len(b) > NEAR_LIMIT:
            return []
        spell = self.scorer.spellings
        found = _best_pairing(len(a), len(b), _spelling_ratio(spell, a, b))
        if not found and sorted((len(a), len(b))) == [1, 2] and one_for_one:
            return [self._one_for_two(a, b)]
        return found

    def _one_for_two(self, a: Sequence[int], b: Sequence[int]) -> Pair:
        """A word standing for two ("trusted" / "relied on", "ran" / "walked slowly")
        stands with the one of them that is a content word, or else the one spelled
        more like it."""
        one, two = (a, b) if len(a) == 1 else (b, a)
        weights, spell = self.scorer.weights, self.scorer.spellings
        content = [weights[s] > FUNCTION_BITS for s in two]
        if content[0] != content[1]:
            pick = content.index(True)
        else:
            ratios = [ratio(spell[one[0]], spell[s]) for s in two]
            pick = 1 if ratios[1] > ratios[0] else 0
        return (0, pick) if len(a) == 1 else (pick, 0)


def _threshold(floor: float, n: int, m: int) -> float:
    """The least an anchor between n and m tokens must weigh (a module function: the
    compiled build calls a method of the matcher, a NamedTuple, through Python)."""
    return max(floor, math.log2(max(n * m, 1)) + MARGIN_BITS)


def _move_judges(
    profile: Sequence[int],
    witness: Sequence[int],
    alternatives: Mapping[int, tuple[int, ...]],
    weights: Sequence[float],
    spellings: Sequence[str],
) -> tuple[Callable[[int], tuple[int, ...]], Callable[[int], float], Callable[[int], bool]]:
    """What `short_moves` asks of a profile or witness position (closures made out of
    a class's methods, which the compiled build cannot hold)."""
    return (
        lambda p: (profile[p], *alternatives.get(p, ())),
        lambda w: weights[witness[w]],
        lambda w: any(c.isalnum() for c in spellings[witness[w]]),
    )


def _spelling_ratio(
    spell: Sequence[str], a: Sequence[int], b: Sequence[int]
) -> Callable[[int, int], float]:
    return lambda x, y: ratio(spell[a[x]], spell[b[y]])


def _substituted_in_place(a: Sequence[int], b: Sequence[int]) -> bool:
    """Whether two stretches as long differ only by words replaced where they stand (no
    word replaced is found on the other side): then they pair one for one, and the
    dynamic programme has nothing to choose."""
    changed = [x for x in range(len(a)) if a[x] != b[x]]
    return not ({a[x] for x in changed} & set(b) or {b[x] for x in changed} & set(a))


def _best_pairing(n: int, m: int, score: Callable[[int, int], float]) -> list[Pair]:
    """The order-keeping pairing with the highest total score, pairs scoring at least
    NEAR_RATIO only (a small dynamic programme: replace blocks are short)."""
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(1, n + 1):
        for y in range(1, m + 1):
            here = score(x - 1, y - 1)
            diagonal = table[x - 1][y - 1] + here if here >= NEAR_RATIO else -1.0
            table[x][y] = max(table[x - 1][y], table[x][y - 1], diagonal)
    pairs: list[Pair] = []
    x, y = n, m
    while x and y:
        if table[x][y] == table[x - 1][y]:
            x -= 1
        elif table[x][y] == table[x][y - 1]:
            y -= 1
        else:
            pairs.append((x - 1, y - 1))
            x, y = x - 1, y - 1
    return pairs[::-1]


#: what summing the same weights in another order may be off by (bits)
_ROUNDING = 1e-9
#: ...and a run's weight against the sum of more words, in another order (a sum of a
#: few dozen bits of thousands of words is off by far less)
_SUM_ORDER = 1e-6
_LONGEST_GRAM = max(k for k, _ in GAP_LEVELS)


class _RunBounds:
    """Per n-gram length k, a bound on the weight of any run `find_runs` can find in a
    gap: the heaviest stretch of `b`, at least k long, that could be text `a` shares
    (each two neighbours neighbours in `a` too; for k = 1, whose runs are of words
    found once on each side, only such words).

    A run lies inside such a stretch and weighs a part of it, so a level whose bound is
    under its threshold finds nothing and need not index its n-grams. Most gaps left
    between anchors are a few reworded words, or text one side lacks, and end there.
    Only the few places where `b` could share text are visited (found in C), and each
    bound is worked out when first asked for."""

    def __init__(self, a: Sequence[int], b: Sequence[int], weights: list[float]) -> None:
        self.a, self.weights = a, weights
        self.b = _listed(b)
        self.shared = set(a).intersection(b)
        self._longer: list[float] | None = None
        self._single: float | None = None
        self._joined: list[int] | None = None
        self._all: float | None = None

    def all_shared(self) -> float:
        """What all of `b`'s shared words weigh together: a bound on every level's,
        found in C (the words are never negative), before any run is traced."""
        if self._all is None:
            weights, shared = self.weights, self.shared
            # the same words summed in the same order as through `map` and `filter`,
            # listed by a compiled comprehension (no call per word)
            self._all = sum([weights[s] for s in self.b if s in shared])
        return self._all

    def heaviest(self, k: int) -> float:
        if not self.shared or min(len(self.a), len(self.b)) < k:
            return 0.0
        if k == 1:
            if self._single is None:
                self._single = self._heaviest_single()
            return self._single
        if self._longer is None:
            self._longer = self._heaviest_longer()
        return self._longer[min(k, len(self._longer) - 1)]

    def _linked(self) -> list[int]:
        """The x where b[x - 1], b[x] stand side by side in `a` as well."""
        if self._joined is None:
            # each neighbouring pair one int (the first times a base above every
            # symbol, plus the second), not a tuple made and hashed per token; the
            # count of symbols is such a base, known without a pass for the largest
            a, b, base = list(self.a), self.b, len(self.weights)
            follows = {a[x - 1] * base + a[x] for x in range(1, len(a))}
            self._joined = [x for x in range(1, len(b)) if b[x - 1] * base + b[x] in follows]
        return self._joined

    def _heaviest_longer(self) -> list[float]:
        """Index k (2 up to the longest of GAP_LEVELS): the bound for runs of k on."""
        heaviest = [0.0] * (_LONGEST_GRAM + 1)
        weights, b = self.weights, self.b
        for first, last in _consecutive(self._linked()):
            total = _summed(weights, b, first - 1, last + 1)
            for k in range(2, min(last - first + 2, _LONGEST_GRAM) + 1):
                heaviest[k] = max(heaviest[k], total)
        return heaviest

    def _heaviest_single(self) -> float:
        a, b = self.a, self.b
        in_a, in_b = Counter(a), Counter(b)
        once = {s for s in self.shared if in_a[s] == 1 and in_b[s] == 1}
        singles = list(compress(range(len(b)), map(once.__contains__, b)))
        if not singles:
            return 0.0
        joined = set(self._linked())
        weights = self.weights
        heaviest = 0.0
        start = previous = -2
        for x in [*singles, -2]:
            if x != previous + 1 or x not in joined:
                if previous >= 0:
                    heaviest = max(heaviest, _summed(weights, b, start, previous + 1))
                start = x
            previous = x
        return heaviest


def _consecutive(positions: Sequence[int]) -> list[tuple[int, int]]:
    """The first and last of each run of consecutive numbers in a sorted list."""
    found = []
    start = previous = -2
    for x in [*positions, -2]:
        if x != previous + 1:
            if previous >= 0:
                found.append((start, previous))
            start = x
        previous = x
    return found


def _taken(length: int, spans: Sequence[tuple[int, int]]) -> list[bool]:
    taken = [False] * length
    for start, stop in spans:
        taken[start:stop] = [True] * (stop - start)
    return taken
