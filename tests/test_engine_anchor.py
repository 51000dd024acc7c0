"""The anchor engine on real and synthetic traditions: what it aligns, what it leaves
apart, moved passages, and the guarantees every engine owes (lossless, valid TEI,
independent of witness order and hash seed)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from benchmarks.accuracy import engine_pairs, score
from collate import Alignment, Collation, Witness
from collate.engines import get_engine
from collate.readers.apparatus import extract_witness
from collate.tokenize import tokenize
from collate.xmltools import TEI_NS

from .conftest import SHARED, assert_tei_valid, outputs_under_hash_seeds, sigla_witnesses
from .synthetic import generate

ENGINE = get_engine("anchor")


def align(*texts: str) -> Alignment:
    return ENGINE.align(tuple(tokenize(w) for w in sigla_witnesses(*texts)))


def column_of(alignment: Alignment, siglum: str, word: str) -> int:
    """The column holding the first token of `siglum` whose text is `word`."""
    w = alignment.sigla.index(siglum)
    for number, column in enumerate(alignment.columns):
        cell = column[w]
        if cell is not None and alignment.witnesses[w].tokens[cell].text == word:
            return number
    raise AssertionError(f"{siglum} has no {word!r}")


def same_column(alignment: Alignment, *placed: tuple[str, str]) -> bool:
    return len({column_of(alignment, siglum, word) for siglum, word in placed}) == 1


def cells_by_siglum(alignment: Alignment) -> list[dict[str, int | None]]:
    return [dict(zip(alignment.sigla, column, strict=True)) for column in alignment.columns]


# --------------------------------------------------------------------------- behaviour


def test_substitution_stands_in_one_variant_location() -> None:
    a = align("The cat sat on the mat.", "The dog sat on the mat.")
    assert same_column(a, ("A", "cat"), ("B", "dog"))
    assert len(a.columns) == 7


def test_orthographic_variants_stand_together() -> None:
    a = align(
        "The Ministry of Defence sent soldiers to the neighbouring county at once.",
        "The Ministry of Defense sent soldiers to the neighboring county at once.",
        "The Ministry of Defence sent its soldiers to neighbouring counties at once.",
    )
    assert same_column(a, ("A", "Defence"), ("B", "Defense"), ("C", "Defence"))
    assert same_column(a, ("A", "neighbouring"), ("B", "neighboring"), ("C", "neighbouring"))


def test_near_match_pairs_the_spelling_not_the_neighbour() -> None:
    # one side has an extra word: the spelling variant, not the first word, is paired
    a = align(
        "It was said that the armed officers from neighbouring forces came in to help.",
        "It was said that the armed officers from small neighboring forces came in to help.",
    )
    assert same_column(a, ("A", "neighbouring"), ("B", "neighboring"))


def test_content_words_win_over_punctuation() -> None:
    # edit distance alone would pair the commas and leave "hare" on its own
    a = align("He saw a fox , hare and deer", "He saw a hare , and deer")
    assert same_column(a, ("A", "hare"), ("B", "hare"))


def test_unshared_text_is_not_aligned_word_by_word() -> None:
    shared = "let the police police and give them the legal protection they need"
    a = align(
        f"In a letter to the minister the commissioner of the force said it was time to {shared}. "
        "Officers of the unit met on Sunday at the station.",
        "The union of the officers, in a statement on the website of the federation, "
        f"asked her to {shared}.",
    )
    # the quotation is aligned word by word ...
    for word in ("police", "legal", "protection"):
        assert same_column(a, ("A", word), ("B", word))
    # ... but the unrelated openings do not share their common words
    shared_columns = [c for c in a.columns if None not in c]
    assert len(shared_columns) <= len(tokenize(Witness("x", shared)).tokens) + 2


def test_moved_passage_is_a_linked_transposition() -> None:
    moved = "the soldiers will not carry out routine police duties"
    rest = (
        "The review of armed policing begins on Monday and ends in spring, and its report "
        "goes to the home secretary before the summer recess."
    )
    a = align(
        f"Troops are on standby. {moved.capitalize()}. {rest}",
        f"Troops are on standby. {rest} {moved.capitalize()}.",
        f"Troops are on standby. {moved.capitalize()}. {rest}",
    )
    assert len(a.transpositions) == 1
    (transposition,) = a.transpositions
    assert len(transposition.links) >= len(moved.split())
    rows = cells_by_siglum(a)
    for here, there in transposition.links:
        a_cell, b_cell = rows[here]["A"], rows[there]["B"]
        assert a_cell is not None and b_cell is not None
        assert a.witnesses[0].tokens[a_cell].normal == a.witnesses[1].tokens[b_cell].normal
        assert rows[here]["B"] is None and rows[there]["A"] is None


def test_a_sibling_of_a_moved_passage_stays_in_place() -> None:
    """B and C share readings inside a passage that B alone moved. Added after B, C
    resembles B's moved copy more than the columns the other witnesses fill, but it
    has the passage where they have it: it is aligned there, with no move of its own."""
    words = [f"w{k}" for k in range(200)]
    shared = list(words)
    shared[110], shared[115], shared[120] = "bcx1", "bcx2", "bcx3"  # B and C's readings
    block = shared[105:135]
    moved = shared[:40] + block + shared[40:105] + shared[135:]
    sibling = [f"c{k}" if k % 5 == 0 and not 100 <= k < 140 else w for k, w in enumerate(shared)]
    # C differs most from the rest, so it is added last, after B's move
    a = align(" ".join(words), " ".join(moved), " ".join(sibling), " ".join(words))
    assert len(a.transpositions) == 1
    for word in ("w104", "w108", "w125", "w134", "w135"):
        # C's tokens stand with the columns A and D fill, in reading order
        assert same_column(a, ("C", word), ("A", word), ("D", word))
    rows = cells_by_siglum(a)
    texts = a.witnesses[0].tokens
    in_block = [r for r in rows if r["A"] is not None and 105 <= int(texts[r["A"]].text[1:]) < 135]
    assert len(in_block) == 30 and all(r["C"] is not None for r in in_block)


def test_moved_passage_in_json_and_tei() -> None:
    moved = "officers need legal protection to do their jobs"
    rest = (
        "It was sent on Sunday to the home secretary, who has ordered a review of armed "
        "policing that will report to Parliament before the summer."
    )
    witnesses = sigla_witnesses(
        f"He wrote a letter. {moved}. {rest}", f"He wrote a letter. {rest} {moved}."
    )
    collation = collate.collate(witnesses, engine="anchor")
    table = json.loads(collate.render(collation, "json"))
    flagged = {
        siglum: [cell[0]["t"].strip() for cell in row if cell and "transposition" in cell[0]]
        for siglum, row in zip(table["witnesses"], table["table"], strict=True)
    }
    assert flagged["A"] == flagged["B"]
    assert " ".join(flagged["A"]).startswith(moved)
    data = collate.render(collation, "tei")
    apps = etree.fromstring(data).findall(f".//{{{TEI_NS}}}app[@type='transposition']")
    assert len(apps) == 2
    ids = {app.get("{http://www.w3.org/XML/1998/namespace}id"): app.get("corresp") for app in apps}
    first, second = ids
    assert ids[first] == f"#{second}" and ids[second] == f"#{first}"
    assert_tei_valid(data)


def test_seeds_share_quotations_wherever_they_stand(seed_witnesses: tuple[Witness, ...]) -> None:
    collation = collate.collate(seed_witnesses, engine="anchor")
    a = collation.alignment
    assert a.transpositions  # the reports quote the letter at different places
    text = "\n".join(
        " ".join(t.normal for t in a.tokens(c) if t is not None) for c in range(len(a.columns))
    )
    assert "the the" in text  # "the" of two reports in one column, inside a shared quotation
    assert_tei_valid(collate.render(collation, "tei"))


def test_engines_agree_on_simple_linear_traditions() -> None:
    traditions = [
        sigla_witnesses(
            "The cat sat on the mat.", "The dog sat on the mat.", "The cat sat on a mat."
        ),
        sigla_witnesses(
            "In the beginning was the word, and the word was with God.",
            "In the beginning was the word and the word was with God.",
            "In the beginning was the Word, and the Word was God.",
        ),
    ]
    quiet = generate(5, 150, 4, insertion=0, omission=0, eye_skip=0, swap=0, moved_blocks=0)
    traditions.append(list(quiet.witnesses))
    for witnesses in traditions:
        tokenized = tuple(tokenize(w) for w in witnesses)
        ours, theirs = ENGINE.align(tokenized), get_engine("collatex").align(tokenized)
        assert engine_pairs(ours) == engine_pairs(theirs)


def test_synthetic_tradition_is_aligned_like_the_truth() -> None:
    tradition = generate(3, 600, 6, moved_blocks=0.002)
    alignment = ENGINE.align(tuple(tokenize(w) for w in tradition.witnesses))
    result = score(tradition, alignment)
    assert result.precision > 0.98 and result.recall > 0.97
    assert alignment.transpositions


# --------------------------------------------------------------------------- guarantees


def _digest(alignment: Alignment) -> str:
    rows = [
        [(s, cell) for s, cell in sorted(zip(alignment.sigla, column, strict=True))]
        for column in alignment.columns
    ]
    return hashlib.sha256(repr((rows, alignment.transpositions)).encode()).hexdigest()


def test_order_of_witnesses_does_not_matter() -> None:
    tradition = generate(8, 300, 5, moved_blocks=0.003)
    tokenized = [tokenize(w) for w in tradition.witnesses]
    digests = {
        _digest(ENGINE.align(tuple(tokenized[i] for i in order)))
        for order in ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3])
    }
    assert len(digests) == 1


def test_same_alignment_under_any_hash_seed() -> None:
    script = (
        "from tests.test_engine_anchor import ENGINE, _digest;"
        "from tests.synthetic import generate; from collate.tokenize import tokenize;"
        "t = generate(9, 300, 4, moved_blocks=0.003);"
        "print(_digest(ENGINE.align(tuple(tokenize(w) for w in t.witnesses))))"
    )
    assert len(outputs_under_hash_seeds(script)) == 1


_WORDS = st.sampled_from(
    "the of and a fox hare deer cat sat mat Defence Defense , . ; \n".split(" ")
)
_TEXTS = st.lists(_WORDS, min_size=1, max_size=25).map(" ".join).filter(str.strip)


def test_empty_witnesses_align() -> None:
    assert len(align("", "a b").columns) == 2
    assert align("", "").columns == ()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=2, max_size=5))
def test_any_witnesses_align_and_round_trip(texts: Sequence[str]) -> None:
    witnesses = sigla_witnesses(*texts)
    tokenized = tuple(tokenize(w) for w in witnesses)
    alignment = ENGINE.align(tokenized)  # the Alignment checks its own invariants
    assert _digest(ENGINE.align(tokenized[::-1])) == _digest(alignment)
    collation = collate.collate(witnesses, engine="anchor")
    data = collate.render(collation, "tei")
    document = etree.ElementTree(etree.fromstring(data))
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000))
def test_synthetic_traditions_give_valid_tei(seed: int) -> None:
    tradition = generate(seed, 120, 4, moved_blocks=0.01, swap=0.01)
    collation = collate.collate(tradition.witnesses, engine="anchor")
    data = collate.render(collation, "tei")
    assert_tei_valid(data)
    document = etree.ElementTree(etree.fromstring(data))
    for witness in tradition.witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text


def test_darwin_opening_is_collated() -> None:
    """The real editions, ~3,000 words of chapter I: aligned and valid."""
    folder = SHARED / "corpora" / "darwin-origin"
    if not folder.is_dir():
        pytest.skip(f"no Darwin corpus at {folder} (set COLLATE_SHARED to the shared folder)")
    witnesses = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        start = text.index("individuals of the same variety")  # chapter I begins
        witnesses.append(Witness(path.name[:4], " ".join(text[start:].split(" ")[:3000])))
    collation: Collation = collate.collate(witnesses, engine="anchor")
    shared = sum(None not in column for column in collation.alignment.columns)
    assert shared > 0.5 * min(len(w.text.split()) for w in witnesses)
    data = collate.render(collation, "tei")
    assert_tei_valid(data)


# ----------------------------------------------------- issue 10: mis-alignments pinned


def test_short_divergent_witness_shares_its_words() -> None:
    a = align(
        "I bought this glass, because it matches those dinner plates.", "I bought those glasses."
    )
    for word in ("I", "bought", "those", "."):
        assert same_column(a, ("A", word), ("B", word))


def test_rare_words_far_apart_are_aligned() -> None:
    a = align("abcd 012345 efgh", "abcd x y z 012345 p q r s efgh")
    for word in ("abcd", "012345", "efgh"):
        assert same_column(a, ("A", word), ("B", word))


CHAUCER = (
    "Whan that Aprille with his shoures soote\nThe droghte of March hath perced to the "
    "roote,\nAnd bathed every veyne in swich licour\nOf which vertu engendred is the flour;",
    "Whan that Aueryll wt his shoures soote\nThe droghte of March / hath perced to the "
    "roote\nAnd bathed euery veyne in swich lycour\nOf which vertu / engendred is the flour",
    "Whan that Apprill with his shouris sote\nAnd the droughte of marche hath perid the "
    "rote\nAnd bathid euery veyne in suche lycour\nOf whiche vertu engendrid is the flour",
)


def test_chaucer_spellings_stand_together() -> None:
    a = align(*CHAUCER)
    for words in (
        ("Aprille", "Aueryll", "Apprill"),
        ("his", "his", "his"),
        ("shoures", "shoures", "shouris"),
        ("soote", "soote", "sote"),
        ("droghte", "droghte", "droughte"),
        ("of", "of", "of"),
        ("March", "March", "marche"),
        ("perced", "perced", "perid"),
        ("bathed", "bathed", "bathid"),
        ("engendred", "engendred", "engendrid"),
    ):
        assert same_column(a, *zip("ABC", words, strict=True)), words
    assert same_column(a, ("A", "with"), ("B", "wt"), ("C", "with"))
    assert same_column(a, ("A", "The"), ("B", "The"), ("C", "the"))


def test_rewritten_sentence_shares_its_function_words() -> None:
    a = align("Wait for him to reappear or not.", "Waiting to see if he would or would not.")
    for word in ("to", "or", "not", "."):
        assert same_column(a, ("A", word), ("B", word))
    assert same_column(a, ("A", "Wait"), ("B", "Waiting"))


def test_a_word_stands_in_one_column_across_witnesses() -> None:
    a = align("the cat", "before the cat", "the black cat", "just before midnight the cat walks")
    assert same_column(a, ("A", "the"), ("B", "the"), ("C", "the"), ("D", "the"))
    assert same_column(a, ("B", "before"), ("D", "before"))


def test_a_doubled_word_does_not_split_the_others() -> None:
    for texts in (
        ("turn left left and stop", "turn left and stop", "turn left and then stop"),
        ("turn left and stop", "turn left left and stop", "turn left and then stop"),
    ):
        a = align(*texts)
        doubled = "A" if texts[0].count("left") == 2 else "B"
        single = [s for s in "ABC" if s != doubled]
        assert same_column(a, *((s, "left") for s in single))


def _linked(alignment: Alignment, first: tuple[str, int], second: tuple[str, int]) -> bool:
    """Whether token `first` and token `second` (siglum, token index) stand in two
    columns a transposition links."""
    w1, w2 = alignment.sigla.index(first[0]), alignment.sigla.index(second[0])
    for transposition in alignment.transpositions:
        for x, y in transposition.links:
            for here, there in ((x, y), (y, x)):
                cells = (alignment.columns[here][w1], alignment.columns[there][w2])
                if cells == (first[1], second[1]):
                    return True
    return False


def test_swapped_words_are_transpositions() -> None:
    a = align("the cat and the dog", "the dog and the cat")
    assert _linked(a, ("A", 1), ("B", 4))  # cat
    assert _linked(a, ("A", 4), ("B", 1))  # dog
    for word in ("and",):
        assert same_column(a, ("A", word), ("B", word))
    b = align("and then he said : go home", "and then said he : go home")
    # one of the two words stands in place, the other is linked to itself
    he, said = (("A", 2), ("B", 3)), (("A", 3), ("B", 2))
    assert (same_column(b, ("A", "said"), ("B", "said")) and _linked(b, *he)) or (
        same_column(b, ("A", "he"), ("B", "he")) and _linked(b, *said)
    )


def test_short_moved_phrase_is_a_transposition() -> None:
    a = align("quickly and quietly he left the house", "he left the house quickly and quietly")
    assert [_linked(a, ("A", k), ("B", 4 + k)) for k in range(3)] == [True] * 3
    assert same_column(a, ("A", "house"), ("B", "house"))


def test_unrelated_function_words_are_not_transpositions() -> None:
    a = align(
        "In a letter to the minister the commissioner of the force said it was time to let "
        "the police police",
        "The union of the officers, in a statement on the website of the federation, asked "
        "her to let the police police",
    )
    assert not a.transpositions
    assert sum(None not in column for column in a.columns) == 5  # to let the police police


def test_hard_cases_are_aligned_as_checked_by_hand() -> None:
    """The benchmark's issue-10 examples, each aligned exactly as its hand-checked table."""
    from benchmarks.hard_cases import CASES, score_case

    quoted = ("glasses", "digits", "beckett", "before-the-cat", "cat-and-dog", "chaucer")
    for case in CASES:
        if case.name in quoted:
            predicted, expected, right, _ = score_case(case, "anchor")
            assert predicted == expected == right, case.name


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 7), max_size=30),
    st.lists(st.integers(0, 7), max_size=30),
    st.booleans(),
)
def test_gap_matches_keep_order_and_match_only_like_words(
    a: list[int], b: list[int], islands: bool
) -> None:
    from rapidfuzz import fuzz

    from collate.engines._gap_align import NEAR_RATIO, sound_matches

    spellings = ["the", "of", ",", "cat", "cats", "dog", "doge", "mat"]
    weights = [5.0, 5.0, 5.0, 11.0, 11.0, 10.0, 10.0, 9.0]
    pairs = sound_matches(a, b, weights, spellings, 11.0 if islands else None)
    for (i, j), (k, m) in zip(pairs, pairs[1:], strict=False):
        assert i < k and j < m
    for i, j in pairs:
        assert a[i] == b[j] or fuzz.ratio(spellings[a[i]], spellings[b[j]]) >= NEAR_RATIO
    if islands:  # function words alone are never kept
        assert not pairs or any(weights[b[j]] > 5.0 or a[i] != b[j] for i, j in pairs)
