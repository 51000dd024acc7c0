"""Witness dates: what counts as one, and which of two is surely the later.

A date is ISO 8601 text: a year, a month or a day (`1859`, `1859-11`, `1859-11-24`),
a day with a time of day (`2004-05-01T10:00`, seconds, fractions and a zone `Z` or
`+02:00` optional: revisions of one page are often made on one day), or a range
between two of them, `1400/1450` (ISO 8601's interval form), for "made between". Each
must name a day of the (proleptic Gregorian) calendar: `1859-13` and `1859-02-30` are
no dates.

Dates are a hard constraint on the stemma (no witness derives from a later one), so
anything that is not a date is refused where it is given (witnesses.csv, the library's
`Witness`) or passed over where it is only found (a TEI header, a corpus table), and
never compared as if it were one.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # loaded when a time of day is first read: most runs have no dates
    from datetime import datetime

_DAY = r"-?\d{4}(?:-\d{2}(?:-\d{2})?)?"
#: a day with a time of day, and perhaps a zone
_TIMED = r"^(-?\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$"


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    """A pattern compiled when a date is first read, not when the module loads: most
    runs have no dates, and compiling these costs a start-up 3 ms."""
    return re.compile(source)


#: sorts after every time of a day, so that a day's latest moment is its end
_END_OF_DAY = "T99"


def days_in_month(year: int, month: int) -> int:
    """How many days a month has in the proleptic Gregorian calendar ISO 8601 counts
    in (year 0 is 1 BC, and a leap year)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _calendar_problem(date: str) -> str | None:
    """Why a date of the right shape names no day of the calendar (`1859-13`,
    `1859-02-30`), or None."""
    year, *rest = (int(part) for part in date.lstrip("-").split("-"))
    year = -year if date.startswith("-") else year
    month = rest[0] if rest else 1
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if len(rest) > 1:
        days = days_in_month(year, month)
        if not 1 <= rest[1] <= days:
            return f"{date[: date.rindex('-')]} has days 01 to {days}, not {rest[1]:02d}"
    return None


def _moment(timed: re.Match[str]) -> datetime | None:
    """A day and time as a datetime (in UTC where a zone is given), or None when the
    time names no moment (`25:00`)."""
    day, time, zone = timed.groups()
    if day.startswith("-"):
        return None
    zone = "+00:00" if zone == "Z" else zone or ""
    if zone and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(f"{day}T{time}{zone}")
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if zone else moment


def _part_problem(part: str) -> str | None:
    timed = _pattern(_TIMED).match(part)
    if timed:
        problem = _calendar_problem(timed.group(1))
        if problem is None and _moment(timed) is None:
            problem = f"{timed.group(2)}{timed.group(3) or ''} is no time of day"
        return problem
    if not _pattern(rf"^{_DAY}$").match(part):
        return "shape"
    return _calendar_problem(part)


def check_date(date: str) -> str | None:
    """What is wrong with a date or a date range, or None."""
    parts = [p.strip() for p in date.split("/")]
    problems = [_part_problem(p) for p in parts] if len(parts) <= 2 else ["shape"]
    if "shape" in problems:
        return (
            f"date {date!r} is not an ISO 8601 date (1859, 1859-11, 1859-11-24, "
            "2004-05-01T10:00) or a range a/b"
        )
    for problem in problems:
        if problem:
            return f"date {date!r} is not a calendar date: {problem}"
    if len(parts) == 2 and date_range(parts[0])[0] > date_range(parts[1])[1]:
        return f"date range {date!r} ends before it begins"
    return None


def date_range(date: str) -> tuple[str, str]:
    """The earliest and latest moment a date or a range `a/b` allows, as comparable
    ISO text: `1859` is 1859-01-01 to the end of 1859-12-31; a time with a zone is
    compared in UTC."""
    first, _, last = date.partition("/")
    last = last or first
    return _comparable(first, "-01-01", ""), _comparable(last, "-12-31", _END_OF_DAY)


def _comparable(date: str, fill: str, end_of_day: str) -> str:
    date = date.strip()
    timed = _pattern(_TIMED).match(date)
    if timed:
        moment = _moment(timed)
        return moment.isoformat(timespec="microseconds") if moment else date
    body = date.lstrip("-")
    return (date + fill[len(body) - 4 :] if len(body) < 10 else date) + end_of_day


def is_later(first: str | None, second: str | None) -> bool:
    """Whether `first` is surely later than `second`: its earliest possible moment
    falls after the latest possible moment of `second` (undated, overlapping, or not
    a date at all: not surely)."""
    if not first or not second:
        return False
    earliest, latest = _bounds(first), _bounds(second)
    return earliest is not None and latest is not None and earliest[0] > latest[1]


@functools.lru_cache(maxsize=4096)
def _bounds(date: str) -> tuple[str, str] | None:
    """`date_range` of a date, or None for what is not one (the stemma asks often)."""
    return None if check_date(date) else date_range(date)
