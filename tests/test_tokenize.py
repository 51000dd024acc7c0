from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import collate
from collate import Normalization, Token, TokenizedWitness, Witness
from collate.normalize import DEFAULT_NORMALIZATION, classify, normalize
from collate.tokenize import (
    DEFAULT_PATTERN,
    _Forms,
    _one_by_one,
    _rebuilds,
    pattern_for,
    token_regex,
    tokenize,
    tokenize_all,
)


def texts(tokens: tuple[Token, ...]) -> list[str]:
    return [t.text for t in tokens]


def test_words_punctuation_and_numbers() -> None:
    tokens = tokenize(Witness("A", "He said: “That’s 4,000 well-being—0.05 per cent.”\n")).tokens
    assert texts(tokens) == [
        "He",
        "said",
        ":",
        "“",
        "That’s",
        "4,000",
        "well-being",
        "—",
        "0.05",
        "per",
        "cent",
        ".",
        "”",
    ]
    assert tokens[-1].whitespace == "\n"
    assert tokens[0].whitespace == " " and tokens[1].whitespace == ""


def test_leading_whitespace_is_kept_in_an_empty_token() -> None:
    tokens = tokenize(Witness("A", "\n\n  Soldiers will")).tokens
    assert (tokens[0].text, tokens[0].whitespace, tokens[0].normal) == ("", "\n\n  ", "")
    assert texts(tokens[1:]) == ["Soldiers", "will"]


def test_decomposed_accents_stay_inside_their_word() -> None:
    tokens = tokenize(Witness("A", "cafe\u0301 noir")).tokens
    assert texts(tokens) == ["cafe\u0301", "noir"]
    assert tokens[0].normal == "café"  # NFC


def test_normal_form_folds_case_quotes_and_dashes() -> None:
    assert normalize("“That’s”—OK") == '"that\'s"-ok'
    strict = Normalization(case_fold=False, fold_punctuation=False)
    assert normalize("“That’s”", strict) == "“That’s”"


def test_strip_diacritics_is_optional() -> None:
    assert normalize("Café") == "café"
    assert normalize("Café", Normalization(strip_diacritics=True)) == "cafe"


def test_classify_names_the_mildest_difference() -> None:
    assert classify("the  cat", "the cat") == "whitespace"
    assert classify("The", "the") == "case"
    assert classify("that’s", "that's") == "punctuation"
    # composed against decomposed: the same letters, which no reader can tell apart
    assert classify("café", "cafe\u0301") == "encoding"
    # composed first, so a capital is a difference of case, not a spelling
    assert classify("Café", "cafe\u0301") == "case"
    assert classify("Café’s", "cafe\u0301's") == "punctuation"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["café", "Zürich", "naïve", "the", "Ångström", "cat", "."]),
        min_size=1,
        max_size=12,
    )
)
def test_a_text_against_itself_decomposed_differs_in_encoding_alone(words: list[str]) -> None:
    # the whole pipeline: wherever the letters are written otherwise, the place is of
    # type "encoding"; elsewhere there is none
    text = " ".join(words) + "\n"
    composed, decomposed = unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)
    apparatus = collate.collate([Witness("A", composed), Witness("B", decomposed)]).apparatus
    types = {location.type for location in apparatus.variant_locations}
    assert types == ({"encoding"} if composed != decomposed else set())


def test_a_custom_pattern_cannot_lose_text() -> None:
    text = "abc, def!  ghi"
    witness = tokenize(Witness("A", text), pattern=r"[a-z]")  # one letter per token
    assert "".join(t.surface for t in witness.tokens) == text
    assert texts(witness.tokens)[:3] == ["a", "b", "c"]
    greedy = tokenize(Witness("A", text), pattern=r".+")  # would swallow whitespace
    assert "".join(t.surface for t in greedy.tokens) == text


hostile = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=200)


@given(hostile)
def test_tokens_rebuild_any_text_exactly(text: str) -> None:
    witness = tokenize(Witness("A", text))
    assert "".join(t.surface for t in witness.tokens) == text
    for index, token in enumerate(witness.tokens):
        assert token.text.strip() == token.text
        assert not token.whitespace.strip()
        assert token.text or index == 0


@given(hostile)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


patterns = st.sampled_from(
    [DEFAULT_PATTERN, r"[a-z]", r".+", r"\w*", r"x?", r"\w+\s?", r"(\w)\1", r"[^,]+", r"\S+"]
)


@given(st.lists(hostile, min_size=1, max_size=3), patterns)
def test_one_pass_and_careful_tokenisation_agree(texts: list[str], pattern: str) -> None:
    """The one-pass tokeniser gives exactly the tokens of the careful, one-match-at-a-time
    one, or hands over to it; forms shared between witnesses do not leak between them."""
    fast = tokenize_all([Witness(f"W{i}", t) for i, t in enumerate(texts)], pattern=pattern)
    for text, tokenized in zip(texts, fast, strict=True):
        regex = token_regex(pattern_for(text, pattern))  # the pattern the text is split by
        careful = _one_by_one(text, _Forms(DEFAULT_NORMALIZATION), regex)
        assert [(t.text, t.whitespace, t.normal) for t in tokenized.tokens] == [
            (t.text, t.whitespace, t.normal) for t in careful
        ]


@given(st.lists(hostile, min_size=1, max_size=3), patterns)
def test_tokens_of_the_one_pass_pass_the_models_own_check(texts: list[str], pattern: str) -> None:
    """The one pass checks its pieces against the text itself and hands its tokens
    over unchecked (`TokenizedWitness.checked`): the model's own check, a join of every
    token, must find nothing wrong with them."""
    for tokenized in tokenize_all(
        [Witness(f"W{i}", t) for i, t in enumerate(texts)], pattern=pattern
    ):
        TokenizedWitness(tokenized.witness, tokenized.tokens)  # raises if they do not rebuild


def test_the_one_pass_refuses_pieces_that_do_not_rebuild_the_text() -> None:
    text = "  a b,c"
    assert _rebuilds(text, 2, ["a ", "b", ",", "c"])
    assert not _rebuilds(text, 2, ["a ", "b", "c"])  # a character skipped
    assert not _rebuilds(text, 2, ["a ", "b", ",", "c", " "])  # one too many
    assert not _rebuilds(text, 2, ["a ", "b", ".", "c"])  # the same length, other text


def test_one_token_object_per_distinct_form() -> None:
    a, b = tokenize_all([Witness("A", "the cat, the dog"), Witness("B", "The dog, the cat")])
    assert a.tokens[0] is a.tokens[3] is b.tokens[3]
    assert a.tokens[1].normal == "cat" and b.tokens[0].normal == "the"
