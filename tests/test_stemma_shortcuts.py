"""The stemma's shortcuts (issue 13) against the plain work they stand for: the dates a
text names, read only where a full date can stand; folding by replacing characters, not
by a table; a bitset's bits read off its binary digits; and `collate stemma`, which
leaves the apparatus untyped by spelling, making the same files as a full run."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate import pipeline, render_stemma
from collate.model import Apparatus, SharedText, Spacing, Witness
from collate.stemma import anchors
from collate.stemma.anchors import dates_mentioned
from collate.stemma.evidence import _shared_words, _texts_of, words_of
from collate.stemma.tree import bits
from collate.stemma.trigrams import _WORD, fold, words

from .conftest import SEEDS, SHARED


def _dates_by_every_pattern(text: str) -> frozenset[tuple[int, int, int]]:
    """Each pattern read over the whole text, as `dates_mentioned` did before."""
    month = anchors._month
    found = [(int(y), 0, 0) for y in anchors._BARE_YEAR.findall(text)]
    found += [(int(y), month(m), int(d)) for d, m, y in anchors._DAY_MONTH_YEAR.findall(text)]
    found += [(int(y), month(m), int(d)) for m, d, y in anchors._MONTH_DAY_YEAR.findall(text)]
    found += [(int(y), int(m), int(d)) for y, m, d in anchors._ISO.findall(text)]
    return frozenset(found)


#: pieces of dates, whole and broken, and what a pattern must not read as one
_DATE_PIECES = [
    *"12 3 07 May may. MAY Sept september jan Dec., AUGUſT Aprıl".split(),
    *"2007 1859 1999 2048 2007-05-12 1854-55 1844-- 1999-1-2 a1860 ١٢ 1٨٥٩".split(),
    "1 in 2048",
    "vol. 2, 1859",
    ",",
    ".",
    "-",
    " ",
    "  ",
    "\n",
    "\u00a0",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map("".join))
def test_the_dates_named_are_those_every_pattern_reads(text: str) -> None:
    assert dates_mentioned(text) == _dates_by_every_pattern(text)


def test_the_dates_named_in_real_texts() -> None:
    texts = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    texts += [
        path.read_text("utf-8")
        for path in sorted((SHARED / "corpora" / "darwin-origin").glob("*.txt"))
    ]
    written = ["on November 24, 1859, and", "12 May 2007", "2004-05-01T10:00Z", "in 1844-46"]
    for text in [*texts, *written]:
        assert dates_mentioned(text) == _dates_by_every_pattern(text)
    assert dates_mentioned("on November 24, 1859, and") == {(1859, 11, 24), (1859, 0, 0)}
    assert dates_mentioned("12 May 2007 and 2004-05-01") == {
        (2007, 5, 12),
        (2007, 0, 0),
        (2004, 5, 1),
        (2004, 0, 0),
    }


_TABLE = str.maketrans({"æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


def _fold_by_tables(text: str) -> str:
    """`fold` as a translation table, as it was."""
    text = text.casefold()
    text = re.sub(r"\^\{?(\w+)\}?", r"\1", text) if "^" in text else text
    text = re.sub(r"&c\b", "etc", text) if "&c" in text else text
    if text.isascii():
        return text
    text = text.translate(_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.translate({ord(c): None for c in set(decomposed) if unicodedata.combining(c)})


@given(st.lists(st.sampled_from(list("aAæÆœŒßẞøØđĐłŁéÉüÅﬁ½İǅ^{}&c1 \u0301\u0327")), max_size=30))
def test_folding_is_that_of_the_tables(letters: list[str]) -> None:
    text = "".join(letters)
    assert fold(text) == _fold_by_tables(text)


def _bits_one_at_a_time(mask: int) -> list[int]:
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


@given(st.integers(min_value=0, max_value=2**3000), st.integers(min_value=0, max_value=2**3000))
def test_bits_are_those_taken_one_at_a_time(mask: int, sparser: int) -> None:
    for value in (mask, mask & sparser, mask >> 2900, 1 << mask.bit_length()):
        assert bits(value) == _bits_one_at_a_time(value)


#: pieces of shared text: words, numbers, marks, the lacuna's sign, joiners, whitespace
_TEXT_PIECES = [
    *"a Zed 9 _ 4,000 0.05 1:2/3 That's well-being [...] [\u2026] ﬁn ß İ ǅ ² ½ ١٢".split(),
    *"' \u2019 - \u2010 . , ; ! [ ] \u2026 \u0301 \u0327 \u00d7".split(),
    " ",
    "  ",
    "\n",
    "\t",
    "\u00a0",
    "\u2028",
    "\u3000",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=16).map("".join))
def test_shared_words_are_counted_as_the_pattern_splits_them(text: str) -> None:
    found = words_of(text)
    expected = (len(found), found[0], found[-1]) if found else (0, "", "")
    assert _shared_words(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TEXT_PIECES + ["æ", "É", "^{2}", "&c."]), max_size=16))
def test_the_words_compared_are_those_of_the_unicode_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert words(text) == _WORD.findall(fold(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3),
            st.lists(st.sampled_from(["A", "B", "C", "D"]), max_size=4),
            st.sampled_from(["\n", "  ", "\t\n", ""]),
        ),
        max_size=5,
    )
)
def test_each_witness_text_is_that_the_apparatus_reads_back(
    points: list[tuple[int, list[str], str]],
) -> None:
    # shared text with each space a point where some witnesses (a witness named twice:
    # the first whitespace given counts) have their own whitespace, or none at all
    text = "a b c d e"
    spacing = tuple(
        Spacing(2 * gap + 1, 1, ((tuple(sigla), own),) + ((("A", "B"), " \n"),))
        for gap, (_, sigla, own) in enumerate(sorted(points)[:4])
        if sigla
    )
    sigla = ("A", "B", "C", "D")
    apparatus = Apparatus(
        tuple(Witness(s, "") for s in sigla), (SharedText(text, spacing), SharedText(" f"))
    )
    for chosen in (sigla, ("B", "D"), ("C",)):
        assert _texts_of(apparatus, chosen) == tuple(apparatus.text_of(s) for s in chosen)


def _stemma_files(inputs: list[Path], tmp: Path, **options: Any) -> dict[str, bytes]:
    nexus = tmp / f"{len(list(tmp.iterdir()))}.nex"
    collation = pipeline.run(inputs, stemma=True, jobs=1, **options)
    pipeline.run(inputs, stemma=True, stemma_output=nexus, jobs=1, **options)
    assert collation.stemma is not None
    files = {name: render_stemma(collation.stemma, name).encode() for name in ("json", "dot")}
    return {**files, "nexus": nexus.read_bytes()}


_HUCKLEBERRY = SHARED / "corpora" / "wikipedia-versions" / "Adventures_of_Huckleberry_Finn"


@pytest.mark.parametrize("folder", [SEEDS, _HUCKLEBERRY / "witnesses"], ids=["seeds", "wikipedia"])
def test_the_stemma_alone_makes_the_files_of_a_full_run(folder: Path, tmp_path: Path) -> None:
    """The stemma reads no reading group or type, so `collate stemma` skips typing
    the spellings; a NEXUS matrix orders each location's states by its groups, so it
    is written from a typed apparatus (on this history, untyped, three states move)."""
    if not folder.is_dir():
        pytest.skip(f"no witnesses at {folder} (set COLLATE_SHARED)")
    alone = _stemma_files([folder], tmp_path, only_stemma=True)
    assert alone == _stemma_files([folder], tmp_path)
