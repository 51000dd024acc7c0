"""What `collate.absences` asks of each site for each witness, worked out once per site
(`_Tallied`, `_Present`), must answer as the plain reading of every other witness does:
the majority reading's words (ties to the first witness met), whether another witness
has text, and whether every other witness not at one of its empty ends has text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from collate.absences import (
    _majority_words,
    _Present,
    _Site,
    _Tallied,
    find_fragments,
)

_READINGS = [(), ("a",), ("b", "c"), ("d", "e", "f"), ("g",)]


@st.composite
def _site_lists(draw: st.DrawFn) -> tuple[list[_Site], list[set[int]]]:
    witnesses = draw(st.integers(1, 9))
    sites = []
    for number in range(1, draw(st.integers(1, 8)) + 1):
        chosen = [draw(st.sampled_from(_READINGS)) for _ in range(witnesses)]
        distinct = list(dict.fromkeys(chosen))
        states = tuple(distinct.index(r) for r in chosen)
        sites.append(_Site(number, states, tuple(distinct), draw(st.integers(0, 4))))
    indices = st.sets(st.integers(0, len(sites) - 1))
    absent = [draw(indices) for _ in range(witnesses)]
    return sites, absent


def _plain_others_have_text(site: _Site, index: int, w: int, absent: list[set[int]]) -> bool:
    present = [s for v, s in enumerate(site.states) if v != w and index not in absent[v]]
    return bool(present) and all(site.readings[s] for s in present)


@given(_site_lists())
def test_tallies_answer_as_reading_every_other_witness(
    drawn: tuple[list[_Site], list[set[int]]],
) -> None:
    sites, absent = drawn
    present = _Present([_Tallied(site) for site in sites], absent)
    for index, site in enumerate(sites):
        tallied = _Tallied(site)
        # asked in a scrambled order, so a cached answer is reused for other witnesses
        for w in sorted(range(len(site.states)), key=lambda v: (v * 7) % 5):
            assert tallied.others_words(w) == _majority_words(site, w)
            assert tallied.other_has_text(w) == any(
                site.readings[s] for v, s in enumerate(site.states) if v != w
            )
            assert present.others_have_text(index, w) == _plain_others_have_text(
                site, index, w, absent
            )


def test_among_a_thousand_copies_the_one_that_breaks_off_is_the_fragment() -> None:
    # 1,000 copies that agree but for one slip each; the last breaks off halfway
    witnesses, count = 1000, 40
    sites = []
    for number in range(count):
        states = tuple(1 if w % count == number else 0 for w in range(witnesses))
        readings: tuple[tuple[str, ...], ...] = (("x", "x"), ("y", "y"))
        if number >= count // 2:
            states, readings = (*states[:-1], 2), (*readings, ())
        # the text it lost holds no text every witness reads: no words between sites
        sites.append(_Site(number + 1, states, readings, 0 if number >= count // 2 else 2))
    found = find_fragments(sites, 0, witnesses, 4 * count)
    assert list(found) == [witnesses - 1]
    assert found[witnesses - 1].end == tuple(range(count // 2, count))
    assert not found[witnesses - 1].start
