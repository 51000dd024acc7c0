"""Normal forms: what a token is matched by, while its original text is kept untouched.

Each fold is a switch in `Normalization`, so a scholar can say exactly which
differences count as variation. The folds are applied in a fixed order; `classify`
uses the same steps to tell *how* two readings with one normal form differ.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, get_args

from .errors import InvalidNormalizationError

UnicodeForm = Literal["NFC", "NFD", "NFKC", "NFKD", "none"]
#: The Unicode normalisation forms, listed once; "none" leaves the text as it is.
UNICODE_FORMS: tuple[UnicodeForm, ...] = get_args(UnicodeForm)

# Typographic quotes, apostrophes and dashes that editions and word processors swap freely.
_QUOTES = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
}
_DASHES = dict.fromkeys(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d", "-"
)
_PUNCTUATION_TABLE = str.maketrans({**_QUOTES, **_DASHES})


@dataclass(frozen=True)
class Normalization:
    """Which differences between tokens are *not* variation for matching purposes."""

    unicode_form: UnicodeForm = "NFC"
    case_fold: bool = True
    fold_punctuation: bool = True
    #: drop combining marks (accents): off by default, as they often carry meaning
    strip_diacritics: bool = False

    def __post_init__(self) -> None:
        if self.unicode_form not in UNICODE_FORMS:
            raise InvalidNormalizationError(
                f"unknown `unicode_form` {self.unicode_form!r}; choose "
                f"{', '.join(UNICODE_FORMS[:-1])} or {UNICODE_FORMS[-1]}",
                parameter="unicode_form",
            )

    def describe(self) -> str:
        """A compact, stable description, written into the TEI header."""
        return (
            f"unicode={self.unicode_form}; case-fold={'yes' if self.case_fold else 'no'}; "
            f"fold-quotes-and-dashes={'yes' if self.fold_punctuation else 'no'}; "
            f"strip-diacritics={'yes' if self.strip_diacritics else 'no'}"
        )

    def __call__(self, text: str) -> str:
        return normalize(text, self)


DEFAULT_NORMALIZATION = Normalization()


def _unicode(text: str, form: UnicodeForm) -> str:
    return text if form == "none" else unicodedata.normalize(form, text)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def normalize(text: str, settings: Normalization = DEFAULT_NORMALIZATION) -> str:
    """The normal form of `text` under `settings`."""
    text = _unicode(text, settings.unicode_form)
    if settings.fold_punctuation:
        text = text.translate(_PUNCTUATION_TABLE)
    if settings.strip_diacritics:
        text = _strip_marks(text)
    if settings.case_fold:
        text = text.casefold()
    return text


_WORDS = re.compile(r"\w+")


def classify(a: str, b: str) -> Literal["whitespace", "case", "punctuation", "orthographic"]:
    """How two different strings that share a normal form differ, by the mildest fold
    that already makes them equal (after whitespace is collapsed)."""
    squeeze_a, squeeze_b = " ".join(a.split()), " ".join(b.split())
    if squeeze_a == squeeze_b:
        return "whitespace"
    if "".join(a.split()) == "".join(b.split()) and _WORDS.findall(a) == _WORDS.findall(b):
        return "whitespace"  # a space before a mark or not ("followed , and"), same words
    if squeeze_a.casefold() == squeeze_b.casefold():
        return "case"
    folded_a = squeeze_a.translate(_PUNCTUATION_TABLE).casefold()
    if folded_a == squeeze_b.translate(_PUNCTUATION_TABLE).casefold():
        return "punctuation"
    return "orthographic"
