"""Normal forms: what a token is matched by, while its original text is kept untouched.

Each fold is a switch in `Normalization`, so a scholar can say exactly which
differences count as variation. The folds are applied in a fixed order; `classify`
uses the same steps to tell *how* two readings with one normal form differ.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, get_args

from .errors import InvalidNormalizationError
from .model import GroupType
from .records import frozen, replace
from .rules import Rule, Rules, WordFunction

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


@frozen
class Normalization:
    """Which differences between tokens are *not* variation for matching purposes."""

    unicode_form: UnicodeForm = "NFC"
    case_fold: bool = True
    fold_punctuation: bool = True
    #: drop combining marks (accents): off by default, as they often carry meaning
    strip_diacritics: bool = False
    #: the editor's rules (`collate.rules`), applied in order after the folds above
    rules: Rules = Rules()
    #: a Python function from a word's normal form to another, applied last
    function: WordFunction | None = None
    #: type readings whose words are near spellings of one another "orthographic"
    #: (see `collate.orthography` for the measure)
    near_spelling: bool = True

    def __init__(
        self,
        unicode_form: UnicodeForm = "NFC",
        case_fold: bool = True,
        fold_punctuation: bool = True,
        strip_diacritics: bool = False,
        rules: Rules = rules,  # the field's default above
        function: WordFunction | None = None,
        near_spelling: bool = True,
    ) -> None:
        self.__dict__.update(
            unicode_form=unicode_form,
            case_fold=case_fold,
            fold_punctuation=fold_punctuation,
            strip_diacritics=strip_diacritics,
            rules=rules,
            function=function,
            near_spelling=near_spelling,
        )
        self.__post_init__()

    def __post_init__(self) -> None:
        # rules read for the other case setting are read again for this one
        object.__setattr__(self, "rules", self.rules.with_case_fold(self.case_fold))
        if self.unicode_form not in UNICODE_FORMS:
            raise InvalidNormalizationError(
                f"unknown `unicode_form` {self.unicode_form!r}; choose "
                f"{', '.join(UNICODE_FORMS[:-1])} or {UNICODE_FORMS[-1]}",
                parameter="unicode_form",
            )

    def describe(self) -> str:
        """A compact, stable description, written into the TEI header."""
        described = (
            f"unicode={self.unicode_form}; case-fold={'yes' if self.case_fold else 'no'}; "
            f"fold-quotes-and-dashes={'yes' if self.fold_punctuation else 'no'}; "
            f"strip-diacritics={'yes' if self.strip_diacritics else 'no'}"
        )
        if self.rules:
            described += f"; rules ({len(self.rules.rules)}, in order): {self.rules.describe()}"
        if self.function is not None:
            name = getattr(self.function, "__qualname__", None) or repr(self.function)
            described += f"; function={getattr(self.function, '__module__', '?')}.{name}"
        if not self.near_spelling:
            described += "; near-spelling=no"
        return described

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
    if settings.rules:
        text = _apply_rules(text, settings)
    if settings.function is not None:
        text = settings.function(text)
    return text


def _apply_rules(text: str, settings: Normalization) -> str:
    """The rules work on NFC text (see `collate.rules`); the result is put back into
    the Unicode form in force."""
    if settings.unicode_form in ("NFC", "none"):
        return settings.rules.apply(text)
    return _unicode(settings.rules.apply(unicodedata.normalize("NFC", text)), settings.unicode_form)


def fired_rules(text: str, settings: Normalization) -> tuple[Rule, ...]:
    """The editor's rules that change the normal form of a word, in order."""
    if not settings.rules:
        return ()
    folded = replace(settings, rules=Rules(), function=None)
    before = normalize(text, folded)
    if settings.unicode_form not in ("NFC", "none"):
        before = unicodedata.normalize("NFC", before)
    return settings.rules.fired(before)


def without_function(text: str, settings: Normalization) -> str:
    """The normal form of a word without the Python function (to tell what it did)."""
    return normalize(text, replace(settings, function=None))


_WORDS = re.compile(r"\w+")


def letter_form(text: str) -> Literal["composed", "decomposed", "mixed"]:
    """How a text writes its accented letters: composed (Unicode NFC), decomposed
    (NFD), or some each way; for telling apart readings of type "encoding", which look
    alike. A text with no such letter is both NFC and NFD, and called composed."""
    if unicodedata.is_normalized("NFC", text):
        return "composed"
    return "decomposed" if unicodedata.is_normalized("NFD", text) else "mixed"


def classify(a: str, b: str) -> GroupType:
    """How two different strings that share a normal form differ, by the mildest fold
    that already makes them equal (after whitespace is collapsed)."""
    # Composing first: text from different systems mixes composed and decomposed
    # letters, which look the same, so "Café" beside a decomposed "café" is a
    # difference of case, not a spelling.
    a, b = unicodedata.normalize("NFC", a), unicodedata.normalize("NFC", b)
    if a == b:
        return "encoding"
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
