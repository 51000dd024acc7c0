"""Dense traditions: many witnesses, each with a few slips of its own. Each slip stands
at its own word; shared words are not lumped into a location because another witness
varies beside them, and a location holds several words only where one witness's own
slips touch (its reading of them is one reading, not cut in two)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import collate
from benchmarks.stemma_many_witnesses import POEM, copies
from collate.apparatus import build_apparatus
from collate.model import Alignment, Collation, Witness
from collate.tokenize import tokenize

WORDS = POEM.split()


def _expected(slipped: Sequence[dict[int, str | None]], words: Sequence[str]) -> list[set[int]]:
    """The locations an editor expects, as sets of word numbers of the original: each
    word some copy reads otherwise, joined with the next only where one copy reads
    both otherwise."""
    seen = [{p for p, reading in slips.items() if reading != words[p]} for slips in slipped]
    varied = sorted(set().union(*seen))
    locations: list[set[int]] = []
    for place in varied:
        if locations and any({place - 1, place} <= own for own in seen):
            locations[-1].add(place)
        else:
            locations.append({place})
    return locations


def _found(
    collation: Collation, slipped: Sequence[dict[int, str | None]], words: Sequence[str] = WORDS
) -> list[set[int]]:
    """Each location as the set of word numbers of the original that its columns hold
    (from where each copy's words stand in the original)."""
    alignment = collation.alignment
    places: list[dict[int, int]] = []  # per witness: token number -> word of the original
    for tokenized, slips in zip(alignment.witnesses, slipped, strict=True):
        kept = iter(p for p in range(len(words)) if slips.get(p, "") is not None)
        places.append({i: next(kept) for i, t in enumerate(tokenized.tokens) if t.text})
    found = []
    for location in collation.apparatus.variant_locations:
        held = set()
        for column in alignment.columns[slice(*location.columns)]:
            held |= {places[w][i] for w, i in enumerate(column) if i in places[w]}
        found.append(held)
    return found


def _copies(count: int, folder: Path) -> tuple[Collation, list[dict[int, str | None]]]:
    slipped = copies(count, folder)
    return collate.collate(collate.read_witnesses([folder])), slipped


@pytest.mark.parametrize("count", [20, 100])
def test_each_copys_slip_is_a_location_of_its_own(count: int, tmp_path: Path) -> None:
    collation, slipped = _copies(count, tmp_path)
    found = _found(collation, slipped)
    expected = _expected(slipped, WORDS)
    assert found == expected
    # measured: 20 copies 53 locations, 100 copies 48 (before: 14, and 1 for the whole)
    assert len(found) >= 40


def test_a_location_never_spans_two_copies_slips_apart(tmp_path: Path) -> None:
    """Between two words of one location, some copy reads both otherwise: never a
    word every copy reads alike, and never two copies' slips side by side alone."""
    collation, slipped = _copies(20, tmp_path)
    for held in _found(collation, slipped):
        for place in range(min(held), max(held)):
            assert any(
                slips.get(place, WORDS[place]) != WORDS[place]
                and slips.get(place + 1, WORDS[place + 1]) != WORDS[place + 1]
                for slips in slipped
            ), (sorted(held), place)


_VOCABULARY = (
    "whose woods these are think know house village though will not see stopping "
    "here watch fill snow little horse must queer stop without farmhouse near"
).split()


@st.composite
def _traditions(draw: st.DrawFn) -> tuple[list[str], list[dict[int, str | None]], list[str]]:
    """Words of an original (all different), copies with slips, no two of one copy side
    by side (fewer than half the copies slip at any word, so the original is the most
    common reading everywhere), and the copies' texts with whitespace of their own."""
    length = draw(st.integers(6, 14))
    words = draw(st.permutations(_VOCABULARY))[:length]
    count = draw(st.integers(3, 7))
    slipped: list[dict[int, str | None]] = []
    for _ in range(count):
        places = draw(st.sets(st.integers(0, length - 1), max_size=3))
        kinds = draw(st.lists(st.sampled_from("eUd"), min_size=len(places), max_size=len(places)))
        slips: dict[int, str | None] = {}
        for place, kind in zip(sorted(places), kinds, strict=True):
            already = sum(place in s for s in slipped)
            if 2 * (already + 1) >= count or place - 1 in slips:
                continue
            word = words[place]
            slips[place] = None if kind == "d" else word + "e" if kind == "e" else word.upper()
        slipped.append(slips)
    texts = []
    for slips in slipped:
        kept = [slips.get(p, w) for p, w in enumerate(words)]
        spaces = draw(
            st.lists(st.sampled_from([" ", " ", "\n", "  "]), min_size=length, max_size=length)
        )
        texts.append("".join(w + s for w, s in zip(kept, spaces, strict=True) if w).rstrip())
    return words, slipped, texts


def _truly_aligned(
    witnesses: Sequence[Witness], slipped: Sequence[dict[int, str | None]], length: int
) -> Collation:
    """The copies aligned as they were made, a column per word of the original (so that
    what is tested is the apparatus, not an aligner's choices), and their apparatus."""
    tokenized = tuple(tokenize(w) for w in witnesses)
    cells: list[list[int | None]] = [[None] * len(witnesses) for _ in range(length)]
    for w, (own, slips) in enumerate(zip(tokenized, slipped, strict=True)):
        kept = [p for p in range(length) if slips.get(p, "") is not None]
        assert [t.text for t in own.tokens if t.text] == [t.text for t in own.tokens]
        for index, place in enumerate(kept):
            cells[place][w] = index
    alignment = Alignment(tokenized, tuple(tuple(c) for c in cells), engine="truth")
    return Collation(alignment, build_apparatus(alignment))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_traditions())
def test_dense_traditions_keep_each_slip_and_every_witness(
    tradition: tuple[list[str], list[dict[int, str | None]], list[str]],
) -> None:
    """Where no copy's slips touch, each word some copy reads otherwise is a location
    of its own, whatever the number of copies and their slips side by side; and every
    copy comes back byte for byte from the TEI."""
    words, slipped, texts = tradition
    witnesses = [Witness(f"w{n}", text) for n, text in enumerate(texts)]
    collation = _truly_aligned(witnesses, slipped, len(words))
    found = _found(collation, slipped, words)
    assert found == _expected(slipped, words)
    assert all(len(held) == 1 for held in found)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "dense.xml"
        path.write_bytes(collate.render(collation, "tei"))
        for witness in witnesses:
            assert collate.extract(path, witness.siglum).data == witness.text.encode()
