"""Spelling variation in the apparatus: readings that are one word written otherwise.

Two things make readings that are written differently one reading group, typed
"orthographic", with what made them one recorded in the group's `basis`:

- **The editor's rules** (`collate.rules`) and Python function (`Normalization`):
  readings whose normal forms they make equal already share a group (the apparatus
  groups readings by normal form); here the rules that changed their words are named.
- **Word division.** Readings with the same letters once the spaces and hyphens
  between words are taken away are one group ("well-being" / "wellbeing" / "well
  being"; a word broken at a line end, "con- siderable"). Open and closed compounds
  that are different words in a modern language ("may be" / "maybe") are grouped too.
- **Near spellings.** Readings with the same number of words, whose words are equal or
  near spellings of one another pairwise, are one group. Two words are *near
  spellings* when, compared by their normal forms:
  1. both are letters only, the shorter has at least 4 of them, and they begin with the
     same letter and end with the same letter (so an inflection, -s, -ed, or a final
     -e, is never a spelling: leave those to rules);
  2. the longer is the shorter with one or two letters put in, each a vowel (a e i o
     u y) or a letter doubled ("colour"/"color", "neighbouring"/"neighboring",
     "judgement"/"judgment", "travelling"/"traveling", "Aprill"/"April");
  3. no witness writes both forms anywhere in its text: a witness that has "later"
     and "latter", or "lose" and "loose", shows that for it they are two words.
  The third condition is evidence from the witnesses themselves, since the first two
  also fit a few pairs of distinct words ("later"/"latter", "diner"/"dinner",
  "lose"/"loose", "course"/"curse"); where no witness has both, such a pair is still
  typed orthographic.

`Normalization(near_spelling=False)` (`--no-near-spelling`) turns both measures off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cached_property
from operator import attrgetter

from .apparatus import location_type, wording
from .model import (
    GROUP_SEVERITY,
    Alignment,
    Apparatus,
    Equivalence,
    GroupType,
    LocationType,
    Reading,
    ReadingGroup,
    Segment,
    VariantLocation,
)
from .normalize import Normalization, classify, fired_rules, without_function
from .tokenize import DEFAULT_PATTERN, token_regex

NEAR_SPELLING = Equivalence(
    "near-spelling",
    "near spelling: words of 4 or more letters with the same first and last letter, "
    "one the other with one or two vowels or doubled letters put in, never both in one "
    "witness",
)
WORD_DIVISION = Equivalence(
    "word-division",
    "word division: the same letters once the spaces and hyphens between words are "
    "taken away (well-being, wellbeing, well being; con- siderable)",
)
#: a hyphen inside a word or at a line-end break ("con- siderable"), and spaces
_DIVISION = re.compile(r"(?<=\w)\s*[\-\u00ad\u2010\u2011]\s*(?=\w)|\s+")
#: the hyphens of `_DIVISION`
_DIVISION_HYPHENS = ("-", "\u00ad", "\u2010", "\u2011")
_VOWELS = frozenset("aeiouy")
_NORMAL = attrgetter("normal")


def _base_letter(character: str) -> str:
    return unicodedata.normalize("NFD", character)[:1].casefold()


def near_spelling(a: str, b: str) -> bool:
    """Whether two words are near spellings by conditions 1 and 2 of the module
    docstring (the witnesses' evidence, condition 3, is checked by the caller)."""
    a, b = a.casefold(), b.casefold()
    if a == b or not (a.isalpha() and b.isalpha()):
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(short) < 4 or not 1 <= len(long) - len(short) <= 2:
        return False
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    matched = 0
    for index, character in enumerate(long):
        if matched < len(short) and character == short[matched]:
            matched += 1
            continue
        doubled = character in (long[index - 1], long[index + 1 : index + 2])
        if not doubled and _base_letter(character) not in _VOWELS:
            return False
    return matched == len(short)


class _Typist:
    """Finds what made each group one, and joins groups of near spellings."""

    def __init__(self, alignment: Alignment, normalization: Normalization, pattern: str) -> None:
        self.alignment = alignment
        self.normalization = normalization
        self.pattern = pattern
        self._vocabularies: list[frozenset[str]] | None = None
        self._fired: dict[str, tuple[Equivalence, ...]] = {}
        self.measures = normalization.near_spelling
        self._near: dict[tuple[str, str], Equivalence | None] = {}

    def vocabularies(self) -> list[frozenset[str]]:
        """Each witness's words (normal forms), made on first need."""
        if self._vocabularies is None:
            self._vocabularies = [
                frozenset(map(_NORMAL, w.tokens)) for w in self.alignment.witnesses
            ]
        return self._vocabularies

    def near(self, a: str, b: str) -> Equivalence | None:
        """What makes two readings' normal forms one: their word division, or near
        spellings word by word; None if neither does (once per pair: pairs recur)."""
        if a == b or not a or not b:
            return None
        key = (a, b)
        if key not in self._near:
            self._near[key] = self._measure(a, b)
        return self._near[key]

    def _measure(self, a: str, b: str) -> Equivalence | None:
        # readings whose characters other than whitespace and hyphens differ are never
        # one word divided otherwise: told by `str` methods in C, before the regex
        # (which cut long readings character by character, pair after pair)
        if _squeezed(a) == _squeezed(b):
            letters = _undivided(a)
            if letters and letters == _undivided(b):
                return WORD_DIVISION
        words_a, words_b = a.split(" "), b.split(" ")
        if len(words_a) != len(words_b):
            return None
        for x, y in zip(words_a, words_b, strict=True):
            if x != y and not near_spelling(x, y):
                return None
        if any(
            x != y and x in v and y in v
            for x, y in zip(words_a, words_b, strict=True)
            for v in self.vocabularies()
        ):
            return None
        return NEAR_SPELLING

    @cached_property
    def words(self) -> Callable[[str], list[str]]:
        """A reading's words, by the token pattern: compiled only for the rules or the
        function to be tried word by word (a run with neither never compiles it here)."""
        return token_regex(self.pattern).findall

    def rules_of(self, text: str) -> tuple[Equivalence, ...]:
        if not self.normalization.rules:
            return ()
        found = self._fired.get(text)
        if found is None:
            rules = {
                r.number: r for w in self.words(text) for r in fired_rules(w, self.normalization)
            }
            found = tuple(Equivalence(f"rule-{n}", rules[n].source) for n in sorted(rules))
            self._fired[text] = found
        return found

    def basis(self, readings: Sequence[Reading]) -> tuple[Equivalence, ...]:
        """The rules (and function) that changed the words of readings sharing a normal
        form: what made them one."""
        if not (self.normalization.rules or self.normalization.function is not None):
            return ()  # (neither rules nor a function: nothing to record)
        if len({r.text for r in readings}) < 2:
            return ()
        found = {e.name: e for r in readings for e in self.rules_of(r.text)}
        function = self.normalization.function
        if function is not None:
            own = {
                " ".join(without_function(w, self.normalization) for w in self.words(r.text))
                for r in readings
            }
            if len(own) > 1:
                name = getattr(function, "__qualname__", None) or repr(function)
                found["function"] = Equivalence("function", f"Python function {name}")
        return tuple(found[k] for k in sorted(found, key=_basis_order))

    def location(self, location: VariantLocation) -> VariantLocation:
        groups: list[ReadingGroup] = []
        joined = False
        for group in location.groups:
            if group.type:
                basis = self.basis(group.readings)
                if basis != group.basis:
                    group = ReadingGroup(group.normal, group.readings, group.type, basis)
            for index, earlier in enumerate(groups):
                measure = self.near(earlier.normal, group.normal) if self.measures else None
                if measure is not None:
                    groups[index] = _joined(earlier, group, measure)
                    joined = True
                    break
            else:
                groups.append(group)
        kind: LocationType = location.type
        if kind != "transposition":
            # groups none of which was joined (a basis is no part of the type) are typed
            # as the apparatus typed them (`location_type`), not worked out again
            kind = self.kind(groups, None if joined else location.type)
        if tuple(groups) == location.groups and kind == location.type:
            return location
        return VariantLocation(
            location.number, location.columns, tuple(groups), kind, location.transposed_with
        )

    def kind(
        self, groups: Sequence[ReadingGroup], typed: LocationType | None = None
    ) -> LocationType:
        """The location's type, where words that are near spellings count as the same
        words (so "rote," / "roote" differ in spelling and punctuation only); else
        `typed`, where given (what `location_type` made of these groups), or theirs."""
        words = [wording(g.normal) for g in groups]
        if len(groups) > 1 and len(set(words)) > 1 and self.measures:
            if all(w == words[0] or self.near(words[0], w) for w in words[1:]):
                return "orthographic"
        return location_type(groups) if typed is None else typed


def _basis_order(name: str) -> tuple[int, int]:
    number = name.removeprefix("rule-")
    return (0, int(number)) if number.isdigit() else (1, 0)


def _undivided(normal: str) -> str:
    """A reading's letters without the spaces and hyphens that divide its words."""
    return _DIVISION.sub("", normal)


def _squeezed(normal: str) -> str:
    """A reading without its whitespace and the hyphens `_DIVISION` takes away
    anywhere: equal for two readings wherever `_undivided` is."""
    squeezed = "".join(normal.split())
    for hyphen in _DIVISION_HYPHENS:
        if hyphen in squeezed:
            squeezed = squeezed.replace(hyphen, "")
    return squeezed


def _joined(first: ReadingGroup, second: ReadingGroup, measure: Equivalence) -> ReadingGroup:
    kinds: list[GroupType] = [k for k in (first.type, second.type) if k] + ["orthographic"]
    names = {e.name: e for e in (*first.basis, *second.basis, measure)}
    return ReadingGroup(
        first.normal,
        first.readings + second.readings,
        max(kinds, key=GROUP_SEVERITY.index),
        tuple(names[k] for k in sorted(names, key=_basis_order)),
    )


def type_spellings(
    apparatus: Apparatus,
    alignment: Alignment,
    normalization: Normalization,
    pattern: str = DEFAULT_PATTERN,
) -> Apparatus:
    """The apparatus with near spellings joined and the basis of every group recorded
    (see the module docstring); unchanged where there is nothing to record."""
    if not (normalization.near_spelling or normalization.rules or normalization.function):
        return apparatus
    typist = _Typist(alignment, normalization, pattern)
    segments: list[Segment] = []
    changed = False
    for segment in apparatus.segments:
        if isinstance(segment, VariantLocation) and len(segment.readings) > 1:
            typed = typist.location(segment)
            changed = changed or typed is not segment
            segment = typed
        segments.append(segment)
    # (each location with the readings it had: `Apparatus.retyped`)
    return apparatus.retyped(tuple(segments)) if changed else apparatus


def restrict(location: VariantLocation, sigla: Sequence[str]) -> VariantLocation:
    """The location as the witnesses `sigla` read it (inside a nested reading): each
    group keeps the readings of those witnesses, so groups of near spellings stay."""
    position = {s: i for i, s in enumerate(sigla)}
    groups: list[ReadingGroup] = []
    for group in location.groups:
        kept = [
            Reading(tuple(s for s in r.sigla if s in position), r.text, r.normal)
            for r in group.readings
            if any(s in position for s in r.sigla)
        ]
        if not kept:
            continue
        # in the order the witnesses come in, as the apparatus orders them
        readings = tuple(sorted(kept, key=lambda r: position[r.sigla[0]]))
        kinds = {classify(readings[0].text, r.text) for r in readings[1:]}
        group_kind = max(kinds, key=GROUP_SEVERITY.index) if kinds else None
        basis = group.basis if group_kind else ()
        groups.append(ReadingGroup(group.normal, readings, group_kind, basis))
    groups.sort(key=lambda g: position[g.readings[0].sigla[0]])
    kind = location.type if location.type == "transposition" else location_type(groups)
    return VariantLocation(location.number, location.columns, tuple(groups), kind)
