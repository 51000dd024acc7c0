"""Evidence of direction whose sign is the same for copying and for revision.

Scribes copying a text tend to lose some of it; authors and editors revising one
tend to add and rewrite. So whether a tradition's text grew or shrank says which end
is older only once the process is known, and the readings alone cannot say which it
was (a chain read backwards undoes each change with one change). Some evidence points
the same way under either process, and anchors the direction:

- **dates mentioned in the text.** A text is no older than the newest date it names
  (its terminus post quem). Of two neighbours, one names a later date than any the
  other names: either that passage was added (a reviser records what happened since)
  or the other lost it (a copy dropped the passage holding the newest date). Under
  copying, the dates a text names are spread over its passages without regard to
  which a copyist happens to lose, so a loss takes the newest of k + 1 dates with a
  chance of about 1 in k + 1; an addition written later names a later date as a matter
  of course. So the later date is evidence that the state naming it is the later,
  with a likelihood ratio of k + 1, k the distinct dates the other state names
  (`date_votes`): none where the other names no date at all (then the newer date
  tells no more than the longer text does);
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

from ..dates import is_later

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH = "|".join(_MONTHS) + "|" + "|".join(m[:3] for m in _MONTHS)
_YEAR = r"(1\d{3}|20\d{2})"
#: "12 May 2007", "May 12, 2007", "2007-05-12", or a year alone (as its first day).
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})\.?,?\s+{_YEAR}\b", re.IGNORECASE)
#: (a pattern that looks ahead at its first character is tried only where that
#: character stands: on the whole *Origin*, three times faster)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?=[adfjmnos])({_MONTH})\.?\s+(\d{{1,2}}),?\s+{_YEAR}\b", re.IGNORECASE
)
_ISO = re.compile(rf"\b{_YEAR}-(\d{{2}})-(\d{{2}})\b")
#: a year alone, not part of a longer number or a ratio ("1 in 2048")
_BARE_YEAR = re.compile(rf"(?=[12])(?<![\d.,])(?<!\d in ){_YEAR}(?![\d.,]\d)")

#: what every pattern above holds
_ANY_YEAR = re.compile(_YEAR)
#: a month's name or its abbreviation ending where the search may end (no name is
#: the end of another: one name can end there)
_MONTH_ENDS = re.compile(rf"(?:{_MONTH})\Z", re.IGNORECASE)
#: what follows the year in `_ISO`
_ISO_TAIL = re.compile(r"-\d{2}-\d{2}")

Day = tuple[int, int, int]


def _month(name: str) -> int:
    return [m[:3] for m in _MONTHS].index(name[:3].casefold()) + 1


def dates_mentioned(text: str) -> frozenset[Day]:
    """The days the text mentions, as (year, month, day), a month or day of 0 standing
    for one not given (a year alone is its earliest day). Years are read between 1000
    and 2099."""
    return _dates_mentioned(text)


@functools.lru_cache(maxsize=256)
def _dates_mentioned(text: str) -> frozenset[Day]:
    # a year begins with a "1" or a "2": the years, and the years alone, are read
    # where one stands (found by `str.find`), not by the patterns' own search, which
    # tries them at every character of a book (the dates Darwin's three editions
    # name were a sixth of their stemma)
    starts = _ones_and_twos(text)
    years = [match.start() for match in _matches(_ANY_YEAR, text, starts)]
    if not years:  # each pattern names a year: most texts name none
        return frozenset()
    found: list[Day] = [(int(m.group(1)), 0, 0) for m in _matches(_BARE_YEAR, text, starts)]
    # Each full date is read only from a text where some year stands as that pattern
    # has it stand (a whole book is read once for its years, not three times more for
    # dates it rarely holds). Every year the three patterns can read follows a
    # character that is no part of a word, so no year found here hides one of theirs.
    if any(_after_month(text, year) for year in years):
        found += [(int(y), _month(m), int(d)) for d, m, y in _DAY_MONTH_YEAR.findall(text)]
    found += [(int(y), _month(m), int(d)) for m, d, y in _month_day_years(text, years)]
    if any(_ISO_TAIL.match(text, year + 4) for year in years):
        found += [(int(y), int(m), int(d)) for y, m, d in _ISO.findall(text)]
    return frozenset(found)


def _month_day_years(text: str, years: Sequence[int]) -> list[tuple[str, str, str]]:
    """What `_MONTH_DAY_YEAR.findall(text)` finds, read only around the `years` (all
    the text's) that a day's number comes before (`_after_day`): each such date ends
    with one of them (and no two overlap), so it stands in the window from a month's
    name before the day's number to the year, read with a character either side for
    the pattern's word boundaries. (Read over a whole book that named one such date,
    the pattern was two thirds of the dates it names.)"""
    found = []
    for year in years:
        if not _after_day(text, year):
            continue
        start = _before_the_year(text, year)  # where the day's number ends
        for _ in range(2):  # its digits
            if start > 0 and text[start - 1].isdecimal():
                start -= 1
        while start > 0 and text[start - 1].isspace():
            start -= 1
        start = max(0, start - len("september.") - 1)  # a name and its full stop
        window = text[max(0, start - 1) : year + 5]
        found += _MONTH_DAY_YEAR.findall(window, 1 if start else 0)
    return found


def _ones_and_twos(text: str) -> list[int]:
    """Where a "1" or a "2" stands in the text, in order."""
    found = []
    for digit in "12":
        at = text.find(digit)
        while at >= 0:
            found.append(at)
            at = text.find(digit, at + 1)
    return sorted(found)


def _matches(pattern: re.Pattern[str], text: str, starts: Sequence[int]) -> list[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern that matches only at one of
    the `starts` (each match from the first start where the last one ended)."""
    found = []
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            found.append(match)
            end = match.end()
    return found


def _before_the_year(text: str, year: int) -> int:
    """Where the year's whitespace and the comma before it begin (the year itself
    where no whitespace comes before it)."""
    start = year
    while start > 0 and text[start - 1].isspace():  # `\s` is `str.isspace`
        start -= 1
    if start == year:
        return year
    return start - 1 if text[start - 1 : start] == "," else start


def _after_month(text: str, year: int) -> bool:
    """Whether a day's number, whitespace and a month's name (and a full stop) come
    before the year and its whitespace, as in "12 May 2007" (`_DAY_MONTH_YEAR`)."""
    end = _before_the_year(text, year)
    if end == year:
        return False
    if text[end - 1 : end] == ".":
        end -= 1
    # the patterns' own test of the name, in case as they ignore it
    month = _MONTH_ENDS.search(text, max(0, end - 9), end)
    if month is None:
        return False
    start = month.start()
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return start < month.start() and start > 0 and text[start - 1].isdecimal()


def _after_day(text: str, year: int) -> bool:
    """Whether a day's number comes before the year and its whitespace, as in "May
    12, 2007" (`_MONTH_DAY_YEAR`)."""
    end = _before_the_year(text, year)
    return end < year and end > 0 and text[end - 1].isdecimal()  # `\d` is `isdecimal`


def terminus_post_quem(text: str) -> Day | None:
    """The newest day the text mentions (`dates_mentioned`), None when it names none."""
    return max(dates_mentioned(text), default=None)


def later_date_evidence(older: str, newer: str) -> float:
    """The log-likelihood ratio that `newer` is the later of two texts rather than
    `older`, from the dates they name: log(k + 1) when `newer` names a later date than
    any of the k distinct dates `older` names, its negative the other way round, 0
    when they name the same newest date (or none)."""
    first, second = dates_mentioned(older), dates_mentioned(newer)
    if max(first, default=None) == max(second, default=None):
        return 0.0
    if not first or second and max(second) > max(first):
        return math.log1p(len(first))
    return -math.log1p(len(second))


def date_votes(texts: Sequence[str], order: Sequence[int]) -> tuple[float, ...]:
    """Per link of `order` (a, b): the log-likelihood ratio that b is the later state
    rather than a, by the dates they name (`later_date_evidence`)."""
    return tuple(
        later_date_evidence(texts[a], texts[b]) for a, b in zip(order, order[1:], strict=False)
    )


def growth_log_odds(texts: Sequence[str]) -> float:
    """The log-odds that the witnesses' text grew with time rather than shrank: over
    every two that differ in length, the evidence of their dates named
    (`later_date_evidence`) that the longer is the later. Which way a tradition's
    length moves is what the process (revising, copying) decides; the dates named say
    which way that is, where the readings cannot."""
    lengths = [len(text.split()) for text in texts]
    total = 0.0
    for i, text in enumerate(texts):
        for j in range(i):
            if lengths[i] != lengths[j]:
                shorter, longer = (texts[j], text) if lengths[i] > lengths[j] else (text, texts[j])
                total += later_date_evidence(shorter, longer)
    return total


def growth_by_dates_given(texts: Sequence[str], dates: Sequence[str | None]) -> int:
    """Whether the witnesses' text grew or shrank with time by the dates their metadata
    gives: over every two that the dates order and that differ in length, +1 where the
    later is the longer, -1 where it is the shorter. The dates given are facts, not
    evidence to be weighed as the dates a text names are: where they order witnesses
    of different lengths they show which way the process ran (revisers add, copyists
    and editors cutting to length lose) without assuming it."""
    # only the dated witnesses' lengths (a book's words are many: most traditions
    # date none of its witnesses, and each call here split every text)
    dated = [w for w, date in enumerate(dates) if date]
    if len(dated) < 2:
        return 0
    lengths = {w: len(texts[w].split()) for w in dated}
    total = 0
    for i in dated:
        for j in dated:
            if lengths[i] > lengths[j]:
                if is_later(dates[i], dates[j]):
                    total += 1
                elif is_later(dates[j], dates[i]):
                    total -= 1
    return total
