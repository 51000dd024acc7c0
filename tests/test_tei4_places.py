"""The places of the flat text where the first witness's count is wanted
(`tei_structure._Flat.places`), found by counting on through the wanted counts as the
pieces go, are those that a bisection of the wanted counts per piece found."""

from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from collate.formats.tei_structure import _Flat, _Slot

_IDS = ["A", "B", "C"]
_TEI = "http://www.tei-c.org/ns/1.0"
_WORDS = st.text(alphabet="ab ,\n", min_size=0, max_size=12)


@st.composite
def _ab(draw: st.DrawFn) -> bytes:
    """An `<ab>` of shared text, `<app>`s (a reading may be empty, or name several
    witnesses) and milestones."""
    parts = [f'<ab xmlns="{_TEI}">', draw(_WORDS)]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            parts.append("<app>")
            for siglum in _IDS:
                reading = draw(st.text(alphabet="cd ", min_size=0, max_size=4))
                named = f"#{siglum}" + (" #C" if siglum == "A" and draw(st.booleans()) else "")
                parts.append(f'<rdg wit="{named}">{reading}</rdg>')
            parts.append("</app>")
        else:
            parts.append('<milestone unit="whitespace" ed="#B" rend="lf"/>')
        parts.append(draw(_WORDS))
    parts.append("</ab>")
    return "".join(parts).encode()


def _bisected(flat: _Flat, wanted: set[int]) -> dict[tuple[int, ...], _Slot]:
    """`_Flat.places` as it was: the wanted counts in each text piece by bisection."""
    found: dict[tuple[int, ...], _Slot] = {}
    ordered = sorted(wanted)
    for index, piece in enumerate(flat.pieces):
        base = flat.before[index]
        if isinstance(piece, str):
            low = bisect.bisect_left(ordered, base[0])
            high = bisect.bisect_left(ordered, flat.before[index + 1][0])
            if low == high:
                continue
            offsets = [i for i, c in enumerate(piece) if not c.isspace()]
            for target in ordered[low:high]:
                d = target - base[0]
                found.setdefault(tuple(b + d for b in base), (index, offsets[d]))
        elif flat.holds_words[index] and base[0] in wanted:
            found.setdefault(base, (index, 0))
    end = flat.before[-1]
    if end[0] in wanted:
        found.setdefault(end, (len(flat.pieces), 0))
    return found


@settings(max_examples=300, deadline=None)
@given(markup=_ab(), wanted=st.sets(st.integers(-1, 40), max_size=12))
def test_places_counted_on_are_those_bisected(markup: bytes, wanted: set[int]) -> None:
    flat = _Flat(etree.fromstring(markup), _IDS)
    places = flat.places(wanted)
    assert places == _bisected(flat, wanted)
    assert list(places.items()) == list(_bisected(flat, wanted).items())
