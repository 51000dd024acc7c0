"""Lossless tokenisation: words and punctuation marks, each with the whitespace after it.

Every character of the witness ends up in exactly one token's `text` or `whitespace`,
so joining the tokens gives the witness back byte for byte. Whitespace before the
first word is kept in a token with empty text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import InvalidTokenPatternError
from .model import Token, TokenizedWitness, Witness
from .normalize import DEFAULT_NORMALIZATION, Normalization

# Combining marks belong to the letter before them (decomposed accents), so they count as
# word characters; Python's \w does not include them.
_MARK = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[\w{_MARK}]+"
#: A word: letters and digits, joined by inner apostrophes or hyphens ("That's", "well-being"),
#: or a number with inner separators ("4,000", "0.05"); otherwise one punctuation mark.
DEFAULT_PATTERN = (
    rf"\d+(?:[.,:/]\d+)+"
    rf"|{_WORD}(?:['\u2019\u02bc\-\u2010\u2011]{_WORD})*"
    rf"|[^\w\s{_MARK}][{_MARK}]*"
)
_LEADING_WHITESPACE = re.compile(r"\s*")
_ONE_CHARACTER = re.compile(r"\S")


def token_regex(pattern: str = DEFAULT_PATTERN) -> re.Pattern[str]:
    """The regular expression for one token, or any one non-space character; a pattern
    that is no regular expression raises InvalidTokenPatternError."""
    try:
        return re.compile(rf"(?:{pattern})|\S")
    except re.error as error:
        raise InvalidTokenPatternError(
            f"`pattern` {pattern!r} is not a regular expression: {error}", parameter="pattern"
        ) from None


def tokenize(
    witness: Witness,
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
) -> TokenizedWitness:
    """Split a witness into tokens; `pattern` says what one token (without whitespace) is.

    Characters the pattern does not cover still end up in a token, one at a time, so no
    pattern can lose text. A witness that came with its own tokens keeps them.
    """
    if witness.tokens is not None:
        return TokenizedWitness(
            witness, tuple(_with_normal(t, normalization) for t in witness.tokens)
        )
    text = witness.text
    token_re = token_regex(pattern)
    tokens: list[Token] = []
    position = _LEADING_WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if position:
        tokens.append(Token("", text[:position], ""))
    while position < len(text):
        match = token_re.match(text, position)
        if match is None or match.end() == position or match.group().strip() != match.group():
            # the pattern matched nothing, nothing at all, or swallowed whitespace
            match = _ONE_CHARACTER.match(text, position)
            assert match is not None
        end = match.end()
        gap = _LEADING_WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        word = text[position:end]
        tokens.append(Token(word, text[end:gap], normalization(word)))
        position = gap
    return TokenizedWitness(witness, tuple(tokens))


def _with_normal(token: Token, normalization: Normalization) -> Token:
    if token.normal or not token.text:
        return token
    return Token(token.text, token.whitespace, normalization(token.text), token.properties)


def tokenize_all(
    witnesses: Iterable[Witness],
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
) -> tuple[TokenizedWitness, ...]:
    return tuple(tokenize(w, normalization, pattern) for w in witnesses)
