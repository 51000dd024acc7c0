"""Witness dates (`collate.dates`): a day with a time orders revisions made on one day;
what is no date (`yesterday`, `1859-02-30`, `25:00`) is refused where it is given and
passed over where it is only found, and is never compared as if it were a date."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import collate
from collate import Witness
from collate.corpus.reading import Document, iter_documents
from collate.dates import check_date, date_range, is_later
from collate.stemma import infer_stemma

from .conftest import SEEDS


def test_a_day_with_a_time_is_a_date_and_orders_one_days_revisions() -> None:
    for date in ("2004-05-01T10:00", "2004-05-01T10:00:30.25Z", "2004-05-01 10:00+02:00"):
        assert check_date(date) is None, date
    assert is_later("2004-05-01T10:00Z", "2004-05-01T09:59Z")
    # zones are compared in UTC: 10:00 at +02:00 is 08:00 UTC
    assert not is_later("2004-05-01T10:00+02:00", "2004-05-01T09:00Z")
    # a day lasts until its end: a time on that day is not surely later than the day
    assert not is_later("2004-05-01T23:00", "2004-05-01")
    assert not is_later("2004-05-01", "2004-05-01T01:00")
    assert is_later("2004-05-02", "2004-05-01T23:59")


def test_what_is_no_date_is_named_and_never_later_than_anything() -> None:
    for bad in ("yesterday", "1859-02-30", "1859-13", "2004-05-01T25:00", "1860/1859"):
        assert check_date(bad), bad
        assert not is_later(bad, "1000") and not is_later("3000", bad)


@given(
    st.dates(),
    st.dates(),
    st.times(),
    st.sampled_from(["", "Z", "+05:30", "-08:00"]),
)
def test_a_moment_lies_within_its_day_and_dates_order_as_the_calendar(
    first: object, second: object, time: object, zone: str
) -> None:
    a, b = str(first), str(second)
    assert is_later(a, b) == (a > b)
    moment = f"{a}T{time}{zone}"
    assert check_date(moment) is None
    if not zone:  # without a zone the time is on that day
        low, high = date_range(a)
        assert low <= date_range(moment)[0] <= high


def test_a_date_that_is_no_date_is_kept_as_text_but_never_orders_the_stemma() -> None:
    # a library caller's descriptive date ("yesterday", a catalogue's "s. xv in.") is
    # written as text (tests/test_hostile_dates.py) and bounds nothing
    paths = sorted(SEEDS.glob("00[01]_*"))
    # 000 dated, 001 not: the readings alone put 001 first; a "date" of 001 that, read
    # as text, sorts after 000's would reverse that
    seeds = [
        Witness(p.name[:3], p.read_text(encoding="utf-8"), date=d)
        for p, d in zip(paths, ("2023-03-05", None), strict=True)
    ]
    undated = infer_stemma(collate.collate(seeds).apparatus)
    assert [(e.source, e.target) for e in undated.edges] == [("001", "000")]
    for date in ("yesterday", "2999-02-30"):
        dated = [seeds[0], Witness(seeds[1].siglum, seeds[1].text, date=date)]
        stemma = infer_stemma(collate.collate(dated).apparatus)
        assert [(e.source, e.target, e.confidence) for e in stemma.edges] == [
            (e.source, e.target, e.confidence) for e in undated.edges
        ]


def test_revisions_of_one_day_follow_their_times_in_the_stemma(tmp_path: Path) -> None:
    for name in ("000", "001"):
        (source,) = SEEDS.glob(f"{name}_*.txt")
        (tmp_path / f"{name}.txt").write_bytes(source.read_bytes())
    # the wrong way round on purpose: the times alone decide, against the readings
    (tmp_path / "witnesses.csv").write_text(
        "siglum,date\n000,2023-03-05T09:00Z\n001,2023-03-05T17:30Z\n", encoding="utf-8"
    )
    stemma = collate.run([tmp_path], stemma=True).stemma
    assert stemma is not None
    assert [(e.source, e.target) for e in stemma.edges] == [("000", "001")]


def test_a_corpus_table_names_an_impossible_date_and_does_not_use_it(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        {"id": "a", "text": "the council met on monday", "date": "2026-02-30"},
        {"id": "b", "text": "the council met on tuesday", "date": "2026-02-27T10:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    first, second = iter_documents(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.date is None and first.note and "2026-02 has days 01 to 28" in first.note
    assert second.date == "2026-02-27T10:00:00Z" and second.note is None
