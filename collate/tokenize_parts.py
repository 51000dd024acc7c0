"""Witnesses tokenised in several processes (`collate.parallel`), with the tokens one
process makes.

This process tokenises the first share of the witnesses, as `tokenize_all` does, while
each worker tokenises another share and sends back what is small to pickle: its
distinct forms (word, whitespace after it, normal form) and, per witness, the number of
each token's form in an array. Here those forms are made tokens once each, the same
word and whitespace one `Token` across all the witnesses, as `tokenize_all` makes them
in one process. A worker has checked that its witnesses' tokens rebuild their texts;
the tokens made here of the same forms in the same order are not checked again (a join
of the whole text, a fifth of tokenising it).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Sequence
from functools import partial
from operator import attrgetter

from .model import TokenizedWitness, Witness
from .normalize import Normalization
from .parallel import alongside, share_ends
from .tokenize import _Forms, _tokenize, tokenize_all

#: per witness, the numbers of its tokens' forms; and the forms
_Share = tuple[list["array[int]"], list[tuple[str, str, str]]]
_FORM = attrgetter("text", "whitespace", "normal")


def tokenize_in_parts(
    witnesses: Sequence[Witness], normalization: Normalization, pattern: str, jobs: int
) -> tuple[TokenizedWitness, ...]:
    """`tokenize_all`, the witnesses split among up to `jobs` processes (those that
    came with tokens of their own are all taken here)."""
    if jobs <= 1 or len(witnesses) < 2 or any(w.tokens is not None for w in witnesses):
        return tokenize_all(witnesses, normalization, pattern)
    first, *others = _shares(witnesses, jobs)
    forms = _Forms(normalization)
    tokenized, found = alongside(
        partial(_tokenize_here, forms, pattern, first),
        partial(_tokenize_share, normalization, pattern),
        others,
        jobs,
    )
    for share, (numbers_of, share_forms) in zip(others, found, strict=True):
        tokens = [forms.known(*form) for form in share_forms]
        for witness, numbers in zip(share, numbers_of, strict=True):
            tokenized.append(
                TokenizedWitness.checked(witness, tuple(map(tokens.__getitem__, numbers)))
            )
    return tuple(tokenized)


def _shares(witnesses: Sequence[Witness], count: int) -> list[list[Witness]]:
    """The witnesses in order, in up to `count` runs of about the lengths of text
    `collate.parallel.share_ends` gives, this process's first."""
    ends = share_ends(count)
    total = max(sum(len(w.text) for w in witnesses), 1)
    shares: list[list[Witness]] = [[] for _ in range(count)]
    start = 0
    for witness in witnesses:
        # by the middle of the witness's text: a witness goes whole to the share that
        # holds most of it, so a long one may have a share alone
        middle = (start + len(witness.text) / 2) / total
        shares[min(count - 1, bisect_right(ends, middle))].append(witness)
        start += len(witness.text)
    return [share for share in shares if share]


def _tokenize_here(
    forms: _Forms, pattern: str, witnesses: Sequence[Witness]
) -> list[TokenizedWitness]:
    """This process's share, tokenised into the forms the others' are added to."""
    return [_tokenize(witness, forms, pattern) for witness in witnesses]


def _tokenize_share(
    normalization: Normalization, pattern: str, witnesses: Sequence[Witness]
) -> _Share:
    """A worker's share, as the forms and their numbers."""
    forms = _Forms(normalization)
    tokens_of = [_tokenize(witness, forms, pattern).tokens for witness in witnesses]
    made = list(forms.tokens.values())
    number = {id(token): n for n, token in enumerate(made)}
    numbers_of = [array("q", map(number.__getitem__, map(id, tokens))) for tokens in tokens_of]
    return numbers_of, list(map(_FORM, made))
