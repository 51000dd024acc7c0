"""Short transpositions: words that changed places over a short distance.

A moved passage long and heavy enough is found among the anchors (`_anchor_match`);
a swapped pair of words ("the cat and the dog" / "the dog and the cat") or a phrase of
a few words moved a little way is not, and the gap alignment leaves it as an omission
plus an addition (or pairs it with whatever stands in its place). Here such words are
linked when the evidence is clear: the same word (or run of words) is unmatched on both
sides, near where the alignment around it expects it, and nowhere else nearby; a lone
function word only when it moved by a word or two, punctuation never.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Final

#: (profile position, witness position)
Pair = tuple[int, int]
#: (profile range, witness range, pairs): a passage the witness has elsewhere
ShortMove = tuple[tuple[int, int], tuple[int, int], tuple[Pair, ...]]

#: how far (in tokens) from where the alignment expects it a word may have moved
REACH: Final = 12
#: a word moved at most this far may be a function word
NEIGHBOUR: Final = 2
#: a run of moved words needs a word this informative (bits: a rare word, not one the
#: text is about), unless it swapped places with a neighbour
WORD_BITS: Final = 8.0


def short_moves(
    pairs: Sequence[Pair],
    firm_pairs: Sequence[Pair],
    witness: Sequence[int],
    profile: Sequence[int],
    readings: Callable[[int], Sequence[int]],
    weight: Callable[[int], float],
    word: Callable[[int], bool],
    taken_p: list[bool],
    taken_w: list[bool],
) -> tuple[list[Pair], list[ShortMove]]:
    """The pairs without those the moves replace, and the moves.

    `firm_pairs`: the pairs that are matches, not substitutions; `witness`, `profile`:
    the symbols of each side (a column's main reading); `readings(p)`: all the symbols
    profile position p holds; `weight(w)`: a witness
    token's bits; `word(w)`: it is a word, not punctuation; `taken_*`: positions
    already in a move.
    """
    w_length, p_length = len(witness), len(profile)
    # over lists of bools: a compiled loop of machine flags, no call per position
    loose_p = [not taken for taken in taken_p]
    loose_w = [not taken for taken in taken_w]
    # a firm pair's two positions are no longer loose (a compiled loop, a pair per
    # token: a chain of maps would call a function per pair and step); their witness
    # positions taken out in C (the compiled build would make each int anew)
    for p, w in firm_pairs:
        loose_p[p] = loose_w[w] = False
    firm_w = list(map(itemgetter(1), firm_pairs))
    ends = (p_length, w_length)
    moves: list[ShortMove] = []
    for w in _candidates(firm_w, loose_w):
        symbol = witness[w]
        if not loose_w[w]:
            continue
        centre = _expected(w, firm_w, firm_pairs, ends)
        found = _near(profile, symbol, centre, loose_p)
        if len(found) != 1 or found[0] == centre or len(_near(witness, symbol, w, loose_w)) != 1:
            continue
        p, length = found[0], 1
        while (
            w + length < w_length
            and p + length < p_length
            and loose_w[w + length]
            and loose_p[p + length]
            and witness[w + length] in readings(p + length)
        ):
            length += 1
        words = [x for x in range(w, w + length) if word(x)]
        telling = any(weight(x) >= WORD_BITS for x in words)
        swapped = abs(p - centre) <= NEIGHBOUR and _held(w, length, firm_w, w_length)
        if words and (telling or swapped):
            run = tuple((p + t, w + t) for t in range(length))
            moves.append(((p, p + length), (w, w + length), run))
            for t in range(length):
                loose_p[p + t] = loose_w[w + t] = False
    if not moves:
        return list(pairs), []
    # only substitutions can involve a moved word: drop those, by their witness side
    # (the pairs increase on both sides: looked up by position, not scanned)
    dropped: set[int] = set()
    for (p_start, p_stop), w_range, _ in moves:
        first = bisect.bisect_left(pairs, p_start, key=itemgetter(0))
        last = bisect.bisect_left(pairs, p_stop, key=itemgetter(0))
        dropped.update(map(itemgetter(1), pairs[first:last]))
        dropped.update(range(*w_range))
    ordered = sorted(dropped)
    places = [bisect.bisect_left(pairs, w, key=itemgetter(1)) for w in ordered]
    at = [x for x, w in zip(places, ordered, strict=True) if x < len(pairs) and pairs[x][1] == w]
    kept: list[Pair] = []
    for start, stop in zip([-1, *at], [*at, len(pairs)], strict=True):
        kept.extend(pairs[start + 1 : stop])
    return kept, moves


# Module functions, not closures: the compiled build calls these directly, a closure
# through Python.


def _expected(w: int, firm_w: list[int], firm_pairs: Sequence[Pair], ends: Pair) -> int:
    """Where the alignment around w puts it in the profile (w is a candidate: see
    `_candidates`); `ends`: the lengths of the profile and the witness."""
    at = bisect.bisect_left(firm_w, w)
    if at:
        before = firm_pairs[at - 1]
        return before[0] + (w - before[1])
    after = firm_pairs[at] if at < len(firm_pairs) else ends
    return after[0] - (after[1] - w)


def _near(side: Sequence[int], symbol: int, centre: int, loose: Sequence[bool]) -> list[int]:
    """Where `symbol` stands loose on a side, at most REACH from centre (sought in C
    first: most often it is not there at all)."""
    low, high = max(centre - REACH, 0), min(centre + REACH + 1, len(side))
    if symbol not in side[low:high]:
        return []
    return [x for x in range(low, high) if side[x] == symbol and loose[x]]


def _candidates(firm_w: Sequence[int], loose_w: Sequence[bool]) -> list[int]:
    """The loose witness positions inside aligned text: a matched neighbour (or the
    text's edge) at most REACH away on each side. A word in a longer stretch the two
    texts do not share moved nowhere, so only the short stretches between matches are
    visited (found in C), not every loose word of a long addition."""
    found: list[int] = []
    before = -1
    for after in [*firm_w, len(loose_w)]:
        if after - before > 1:
            for w in range(max(before + 1, after - REACH), min(after, before + REACH + 1)):
                if loose_w[w]:
                    found.append(w)
        before = after
    return found


def _held(w: int, length: int, firm_w: list[int], w_length: int) -> bool:
    """Whether a witness's run is held in place by matched neighbours on both sides (or
    the text's ends): a swap with a neighbour, not a word come from somewhere else.
    `firm_w`: the firm pairs' witness positions, in order (sought by bisection: a few
    runs are asked about, a set of them all would cost more)."""
    before = w == 0 or _among(firm_w, w - 1)
    return before and (w + length == w_length or _among(firm_w, w + length))


def _among(ordered: list[int], x: int) -> bool:
    at = bisect.bisect_left(ordered, x)
    return at < len(ordered) and ordered[at] == x
