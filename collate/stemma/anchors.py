"""Evidence of direction whose sign is the same for copying and for revision.

Scribes copying a text tend to lose some of it; authors and editors revising one
tend to add and rewrite. So whether a tradition's text grew or shrank says which end
is older only once the process is known, and the readings alone cannot say which it
was (a chain read backwards undoes each change with one change). Some evidence points
the same way under either process, and anchors the direction:

- **dates mentioned in the text.** A text cannot be older than the newest date it
  mentions (its terminus post quem): a state that names a later day or year than its
  neighbour was mostly written after it (a reviser records what happened since; a
  continuator of a chronicle adds its latest years). It is not a proof: a later state
  may drop the passage that held the newest date, a future date may be announced;
  so each pair of neighbours is a vote that is right more often than not, by how
  much being left to the votes themselves (`known_sign_log_odds`);
- dates given in the witnesses' metadata, a hard constraint (`collate.stemma.root`);
- the shape of an eye-skip (`collate.stemma.root`), a loss under either process.

Where a tradition offers such anchors, they decide whether it grew or shrank; where it
offers none, which end of a revision chain is older remains an assumption (revisers
add), and is bounded as such (`collate.stemma.chain.GROWTH_PRIOR`).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = "|".join(_MONTHS) + "|" + "|".join(m[:3] for m in _MONTHS)
_YEAR = r"(1\d{3}|20\d{2})"
#: "12 May 2007", "May 12, 2007", "2007-05-12", or a year alone (as its first day).
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?,?\s+{_YEAR}\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+{_YEAR}\b", re.IGNORECASE)
_ISO = re.compile(rf"\b{_YEAR}-(\d{{2}})-(\d{{2}})\b")
#: a year alone, not part of a longer number or a ratio ("1 in 2048")
_BARE_YEAR = re.compile(rf"(?<![\d.,])(?<!\d in ){_YEAR}(?![\d.,]\d)")

Day = tuple[int, int, int]


def _month(name: str) -> int:
    return [m[:3] for m in _MONTHS].index(name[:3].casefold()) + 1


@functools.lru_cache(maxsize=256)
def terminus_post_quem(text: str) -> Day | None:
    """The newest day the text mentions, as (year, month, day), a month or day of 0
    standing for one not given (a year alone is its earliest day); None when it
    mentions no date. Years are read between 1000 and 2099."""
    found: list[Day] = [(int(y), 0, 0) for y in _BARE_YEAR.findall(text)]
    found += [(int(y), _month(m), int(d)) for d, m, y in _DAY_MONTH_YEAR.findall(text)]
    found += [(int(y), _month(m), int(d)) for m, d, y in _MONTH_DAY_YEAR.findall(text)]
    found += [(int(y), int(m), int(d)) for y, m, d in _ISO.findall(text)]
    return max(found, default=None)


def date_votes(texts: Sequence[str], order: Sequence[int]) -> tuple[int, ...]:
    """Per link of `order` (a, b): +1 when b mentions a later date than any a mentions
    (so b is the later state), -1 when a does, 0 when neither or both the same."""
    votes = []
    for a, b in zip(order, order[1:], strict=False):
        older, newer = terminus_post_quem(texts[a]), terminus_post_quem(texts[b])
        if older is None and newer is None or older == newer:
            votes.append(0)
        elif older is None or newer is not None and newer > older:
            votes.append(1)
        else:
            votes.append(-1)
    return tuple(votes)


#: The rate at which a vote of known sign is right is integrated over this many
#: points of [1/2, 1].
RATE_GRID = 64


def known_sign_log_odds(agree: int, disagree: int) -> float:
    """The log-odds that `agree` votes point the true way rather than the `disagree`
    ones, for votes that are right more often than not, at a rate not known beyond
    that (uniform on [1/2, 1]). One vote alone gives odds of 3 (0.75), three
    unopposed 15 (0.94); equal votes none."""
    if agree == disagree:
        return 0.0

    def marginal(right: int, wrong: int) -> float:
        logs = [
            right * math.log(rate) + wrong * math.log1p(-rate)
            for rate in (0.5 + 0.5 * (k + 0.5) / RATE_GRID for k in range(RATE_GRID))
        ]
        top = max(logs)
        return top + math.log(math.fsum(math.exp(x - top) for x in logs))

    return marginal(agree, disagree) - marginal(disagree, agree)


def growth_votes(texts: Sequence[str]) -> tuple[int, int]:
    """Over every two witnesses that mention different newest dates and differ in
    length: how many times the one naming the later date is the longer (the text grew
    with time), and how many times the shorter (it shrank). Which way a tradition's
    length moves is what the process (revising, copying) decides; the dates mentioned
    say which way that is, where the readings cannot."""
    dated = [
        (day, len(text.split())) for text in texts if (day := terminus_post_quem(text)) is not None
    ]
    grows = shrinks = 0
    for i, (day_a, words_a) in enumerate(dated):
        for day_b, words_b in dated[:i]:
            if day_a == day_b or words_a == words_b:
                continue
            if (day_a > day_b) == (words_a > words_b):
                grows += 1
            else:
                shrinks += 1
    return grows, shrinks
