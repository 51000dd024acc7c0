"""Lossless tokenisation: words and punctuation marks, each with the whitespace after it.

Every character of the witness ends up in exactly one token's `text` or `whitespace`,
so joining the tokens gives the witness back byte for byte. Whitespace before the
first word is kept in a token with empty text.

Tokens are immutable, so one `Token` object stands for every occurrence of the same
word with the same whitespace after it, across all the witnesses tokenised together:
each distinct form is normalised and built once, and a witness is a tuple of
references to them.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterable
from functools import partial
from itertools import chain, compress, starmap
from operator import is_

from .errors import InvalidTokenPatternError
from .marks import needs_all_marks, with_all_marks
from .model import Token, TokenizedWitness, Witness
from .normalize import DEFAULT_NORMALIZATION, Normalization

# Combining marks belong to the letter before them (decomposed accents), so they count as
# word characters; Python's \w does not include them. The Latin blocks here; a text with
# marks of other scripts is split with all of them (`collate.marks`).
_MARK = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[\w{_MARK}]+"
#: A word: letters and digits, joined by inner apostrophes or hyphens ("That's", "well-being"),
#: or a number with inner separators ("4,000", "0.05"); otherwise one punctuation mark.
#: The lacuna marker `[...]` (`collate.lacunae`; an editor's bracketed ellipsis) is one
#: sign: cut into five marks it would weigh as five tokens of text in the alignment.
DEFAULT_PATTERN = (
    r"\[(?:\.\.\.|\u2026)\]"
    rf"|\d+(?:[.,:/]\d+)+"
    rf"|{_WORD}(?:['\u2019\u02bc\-\u2010\u2011]{_WORD})*"
    rf"|[^\w\s{_MARK}][{_MARK}]*"
)
_LEADING_WHITESPACE = re.compile(r"\s*")
_ONE_CHARACTER = re.compile(r"\S")
_IS_NONE = partial(is_, None)


#: flags such as `(?i)` at the start of a pattern, which Python takes only there
_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))+")


def _split_flags(pattern: str) -> tuple[str, str]:
    """The pattern's leading global flags, and the rest, so that the rest can be put in
    a group."""
    flags = _GLOBAL_FLAGS.match(pattern)
    return (flags.group(), pattern[flags.end() :]) if flags else ("", pattern)


def token_regex(pattern: str = DEFAULT_PATTERN) -> re.Pattern[str]:
    """The regular expression for one token, or any one non-space character; a pattern
    that is no regular expression, or that could take exponential time on some text
    (`collate.regex_guard`), raises InvalidTokenPatternError."""
    lead, body = _split_flags(pattern)
    try:
        regex = re.compile(rf"{lead}(?:{body})|\S")
    except re.error as error:
        raise InvalidTokenPatternError(
            f"`pattern` {pattern!r} is not a regular expression: {error}", parameter="pattern"
        ) from None
    if pattern != DEFAULT_PATTERN and pattern != _all_marks_pattern():
        from .regex_guard import ambiguous_repeat

        problem = ambiguous_repeat(regex.pattern)
        if problem:
            raise InvalidTokenPatternError(
                f"`pattern` {pattern!r} could take for ever on some texts: {problem} "
                "(make that part possessive, `++`, or atomic, `(?>...)`)",
                parameter="pattern",
            )
    return regex


def pattern_for(text: str, pattern: str) -> str:
    """The pattern a text is split by: the default one with every script's combining
    marks where the text holds marks beyond the Latin blocks (Hebrew points, Devanagari
    signs: `collate.marks`), else the pattern given."""
    if pattern == DEFAULT_PATTERN and needs_all_marks(text, _MARK):
        return _all_marks_pattern()
    return pattern


@functools.cache
def _all_marks_pattern() -> str:
    return with_all_marks(DEFAULT_PATTERN, _MARK)


#: words a token pattern is tried on before a run uses it: one that matches nothing or
#: whitespace at a word's start would silently cut every text into single characters
#: (the tokeniser never loses text, but such a collation is no collation of words)
_PROBE = "When the dog's bark, in 1859 \u2014 ended.\tYes"


def check_token_pattern(pattern: str) -> None:
    """Refuse a token pattern that is no regular expression, could run for ever, or
    matches an empty token or whitespace at the start of a word (InvalidTokenPatternError)."""
    if pattern == DEFAULT_PATTERN:  # known good: compiling it to check takes 1.5 ms
        return
    token_regex(pattern)
    regex = re.compile(pattern)
    for word in re.finditer(r"\S+", _PROBE):
        match = regex.match(_PROBE, word.start())
        if match is None:
            continue
        # an empty match before a sign (`\w*` at a dash) only leaves it a token of its own
        problem = "an empty token" if not match.group() and word.group()[0].isalnum() else None
        if any(character.isspace() for character in match.group()):
            problem = f"whitespace ({match.group()!r})"
        if problem:
            raise InvalidTokenPatternError(
                f"`pattern` {pattern!r} matches {problem} at {word.group()!r}: a token is "
                "a word or sign between whitespace (collate keeps the whitespace apart)",
                parameter="pattern",
            )


class _Forms:
    """The tokens made so far, by word and the whitespace after it, so that each
    distinct form is normalised and built once and then shared."""

    def __init__(self, normalization: Normalization) -> None:
        self.normalization = normalization
        self.normals: dict[str, str] = {}
        self.tokens: dict[tuple[str, str], Token] = {}
        #: the same tokens by their surface (word and whitespace as one string): one
        #: string to hash per occurrence rather than two and a tuple (`_all_at_once`)
        self.surfaces: dict[str, Token] = {}

    def normal(self, word: str) -> str:
        normal = self.normals.get(word)
        if normal is None:
            normal = self.normals[word] = self.normalization(word)
        return normal

    def known(self, word: str, whitespace: str, normal: str) -> Token:
        """The token of a form whose normal form was found elsewhere (another process:
        `collate.tokenize_parts`)."""
        token = self.tokens.get((word, whitespace))
        if token is None:
            token = self.tokens[word, whitespace] = Token(word, whitespace, normal)
        return token

    def token(self, word: str, whitespace: str) -> Token:
        token = self.tokens.get((word, whitespace))
        if token is None:
            token = Token(word, whitespace, self.normal(word) if word else "")
            self.tokens[word, whitespace] = token
        return token

    def surface(self, surface: str) -> Token:
        """The token of a word and the whitespace after it, given as one string (a
        token of the default patterns holds no whitespace: the whitespace is the
        string's end, as `str.rstrip` finds it, which is what `\\s` matches)."""
        word = surface.rstrip()
        token = self.surfaces[surface] = self.token(word, surface[len(word) :])
        return token


def tokenize(
    witness: Witness,
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
) -> TokenizedWitness:
    """Split a witness into tokens; `pattern` says what one token (without whitespace) is.

    Characters the pattern does not cover still end up in a token, one at a time, so no
    pattern can lose text. A witness that came with its own tokens keeps them.
    """
    return _tokenize(witness, _Forms(normalization), pattern)


def tokenize_all(
    witnesses: Iterable[Witness],
    normalization: Normalization = DEFAULT_NORMALIZATION,
    pattern: str = DEFAULT_PATTERN,
) -> tuple[TokenizedWitness, ...]:
    """`tokenize` for each witness, the same word with the same whitespace one `Token`
    throughout (in several processes: `collate.tokenize_parts`)."""
    forms = _Forms(normalization)  # shared: the witnesses of one text share their words
    return tuple(_tokenize(w, forms, pattern) for w in witnesses)


def _tokenize(witness: Witness, forms: _Forms, pattern: str) -> TokenizedWitness:
    if witness.tokens is not None:
        return TokenizedWitness(witness, tuple(_with_normal(t, forms) for t in witness.tokens))
    pattern = pattern_for(witness.text, pattern)
    tokens = _all_at_once(witness.text, forms, pattern)
    if tokens is not None:  # their surfaces were joined and checked against the text
        return TokenizedWitness.checked(witness, tuple(tokens))
    tokens = _one_by_one(witness.text, forms, token_regex(pattern))
    return TokenizedWitness(witness, tuple(tokens))


def _with_normal(token: Token, forms: _Forms) -> Token:
    if token.normal or not token.text:
        return token
    return Token(token.text, token.whitespace, forms.normal(token.text), token.properties)


def _all_at_once(text: str, forms: _Forms, pattern: str) -> list[Token] | None:
    """The tokens from one pass of the regular expression engine over the text, or None
    where the pattern needs the careful path: it has groups of its own, or it matched an
    empty token or one that begins or ends with whitespace. The default patterns, known
    to have no groups, are compiled only as this pass reads them (each compiling costs
    0.7 ms: their classes of word characters are large).

    The tokens returned rebuild the text: the pieces the pass found are joined and
    compared with it here, before any token is made (a pass that skipped a character
    goes the careful way). That join of a few hundred thousand strings costs a fifth
    of the model's own check (`TokenizedWitness`), which joins each token's text and
    whitespace again, so the caller need not ask for it (`TokenizedWitness.checked`)."""
    default = pattern == DEFAULT_PATTERN or pattern == _all_marks_pattern()
    if not default and token_regex(pattern).groups:  # they would shift the groups read here
        return None
    start = _LEADING_WHITESPACE.match(text).end()  # type: ignore[union-attr]
    tokens = [forms.token("", text[:start])] if start else []
    made = len(forms.tokens)
    lead, body = _split_flags(pattern)
    found: list[Token | None]
    if default:
        # no token of these holds whitespace: each is found by its surface, one string
        surfaces = re.compile(rf"{lead}(?:(?:{body})|\S)\s*").findall(text, start)
        if not _rebuilds(text, start, surfaces):
            return None
        found = list(map(forms.surfaces.get, surfaces))
        if any(map(_IS_NONE, found)):  # the new forms made once each, then found again in C
            deque(map(forms.surface, dict.fromkeys(compress(surfaces, map(_IS_NONE, found)))), 0)
            found = list(map(forms.surfaces.__getitem__, surfaces))
    else:
        pairs = re.compile(rf"{lead}((?:{body})|\S)(\s*)").findall(text, start)
        if not _rebuilds(text, start, chain.from_iterable(pairs)):
            return None
        # the forms seen before found in C; only the first occurrences are made here
        found = list(map(forms.tokens.get, pairs))
        if any(map(_IS_NONE, found)):
            deque(starmap(forms.token, dict.fromkeys(compress(pairs, map(_IS_NONE, found)))), 0)
            found = list(map(forms.tokens.__getitem__, pairs))
    tokens += found  # type: ignore[arg-type]  # none is None now
    # A token made for the first time here is checked once, as the careful path would;
    # each later occurrence is the same token. A pattern that matched badly once would
    # have left its token behind, so the check covers the whole text.
    new = list(forms.tokens)[made:]
    if any(not word or word.strip() != word for word, _ in new):
        for form in new:  # never to be found by a later witness
            del forms.tokens[form]
            forms.surfaces.pop("".join(form), None)
        return None
    return tokens


def _rebuilds(text: str, start: int, pieces: Iterable[str]) -> bool:
    """Whether the pieces, joined, are the text from `start` on."""
    joined = "".join(pieces)
    return len(joined) == len(text) - start and text.endswith(joined)


def _one_by_one(text: str, forms: _Forms, token_re: re.Pattern[str]) -> list[Token]:
    """The careful path: one match at a time, one character where the pattern fails."""
    tokens: list[Token] = []
    position = _LEADING_WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if position:
        tokens.append(forms.token("", text[:position]))
    while position < len(text):
        match = token_re.match(text, position)
        if match is None or match.end() == position or match.group().strip() != match.group():
            # the pattern matched nothing, nothing at all, or swallowed whitespace
            match = _ONE_CHARACTER.match(text, position)
            assert match is not None
        end = match.end()
        gap = _LEADING_WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        tokens.append(forms.token(text[position:end], text[end:gap]))
        position = gap
    return tokens
