"""Normalisation rules an editor writes: spellings that are one, read in order.

A rules file (UTF-8) holds one rule a line; `#` starts a comment, blank lines are
passed over. Each rule rewrites the normal form of every word (token) it matches, after
collate's own folds (Unicode form, quotes and dashes, diacritics, case), in the order
the rules are written, each rule working on what the ones before it left:

```
u = v            # u is read as v, anywhere in a word: "euery" is "every"
i = j = y        # i and j are both read as y
-e =             # a word-final e is dropped: "holte" is "holt"
y- =             # a word-initial y is dropped: "yronne" is "ronne"
-wt- = with      # the whole word "wt" is read as "with" (an abbreviation)
/(.)\\1/ = \\1     # a regular expression (Python syntax): doubled letters are single
```

- `A = B`: every A is read as B (the left sides are replaced by the last side, which
  may be empty). A hyphen at the start or end of a left side ties it to that edge of
  the word (`-e`: at the end; `y-`: at the start; `-wt-`: the whole word).
- `/PATTERN/ = REPLACEMENT`: a regular expression and its replacement (`\\1` for a
  group), applied to each word as it stands by then. A pattern that could take time
  exponential in a word's length (`(a+)+$`) is refused, as `--token-pattern`'s are
  (`collate.regex_guard`): write such a part possessive (`a++`) or atomic (`(?>...)`).
- Case: with case folding (the default) the rules are folded too, so `U = V` and
  `u = v` are one rule. Without it, a rule written in lower case matches either case
  and keeps the case of what it replaces ("Uenus" is read as "Venus"); a rule with a
  capital letter matches exactly.
- Diacritics: rules and words are compared in Unicode NFC, and a letter of a rule
  never matches a letter that carries a combining mark (`u = v` leaves "ü" alone),
  unless diacritics are stripped before the rules (`strip_diacritics`), so that the
  rule then covers "ü" too. A rule may name accented letters itself (`é = e`).

Which rules changed a word is recorded (`Rules.fired`), so the apparatus can say which
rule made two readings one (see `collate.orthography`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .errors import CollateError
from .records import frozen

#: combining marks: a rule's letter never matches a letter they follow
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NO_MARK = f"(?![{_MARKS}])"


class RulesError(CollateError, ValueError):
    """A rules file cannot be read, or one of its lines is no rule."""


@frozen
class Rule:
    """One line of a rules file, ready to apply."""

    #: 1-based position among the rules (the order they apply in)
    number: int
    #: the rule as written, without its comment
    source: str
    pattern: re.Pattern[str]
    replacement: str
    #: literal rules written in lower case keep the case of what they replace
    keep_case: bool = False

    def __init__(
        self,
        number: int,
        source: str,
        pattern: re.Pattern[str],
        replacement: str,
        keep_case: bool = False,
    ) -> None:
        self.__dict__.update(
            number=number,
            source=source,
            pattern=pattern,
            replacement=replacement,
            keep_case=keep_case,
        )

    def apply(self, word: str) -> str:
        """The word with this rule applied everywhere it matches."""
        if not self.keep_case:
            return self.pattern.sub(self.replacement, word)
        return self.pattern.sub(lambda m: _same_case(self.replacement, m.group()), word)


def _same_case(replacement: str, original: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@frozen
class Rules:
    """Normalisation rules, applied in order (see the module docstring)."""

    rules: tuple[Rule, ...] = ()
    #: where the rules came from (a file name), for messages and the record
    origin: str = ""
    #: the text they were read from, and whether they were folded to lower case
    text: str = ""
    case_fold: bool = True

    def __init__(
        self, rules: tuple[Rule, ...] = (), origin: str = "", text: str = "", case_fold: bool = True
    ) -> None:
        self.__dict__.update(rules=rules, origin=origin, text=text, case_fold=case_fold)

    def __bool__(self) -> bool:
        return bool(self.rules)

    def apply(self, word: str) -> str:
        """The word with every rule applied, in order."""
        for rule in self.rules:
            word = rule.apply(word)
        return word

    def fired(self, word: str) -> tuple[Rule, ...]:
        """The rules that change `word` (each working on what the ones before left)."""
        changed: list[Rule] = []
        for rule in self.rules:
            after = rule.apply(word)
            if after != word:
                changed.append(rule)
            word = after
        return tuple(changed)

    def describe(self) -> str:
        """The rules as written, in order, for the record."""
        return "; ".join(rule.source for rule in self.rules)

    def with_case_fold(self, case_fold: bool) -> Rules:
        """The same rules, read for a normalisation that folds case or does not."""
        if case_fold == self.case_fold:
            return self
        return parse_rules(self.text, self.origin, case_fold=case_fold)


def parse_rules(text: str, origin: str = "rules", *, case_fold: bool = True) -> Rules:
    """The rules a rules file's text gives; a bad line raises RulesError naming
    `origin` and the line."""
    rules: list[Rule] = []
    for line_number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        try:
            rules.append(_rule(len(rules) + 1, line, case_fold))
        except ValueError as error:
            raise RulesError(f"{origin}, line {line_number}: {error}") from None
    return Rules(tuple(rules), origin, text, case_fold)


def read_rules(path: str | os.PathLike[str], *, case_fold: bool = True) -> Rules:
    """The rules in a file; RulesError (one line, naming the file) if it cannot be read
    or a line is no rule."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise RulesError(f"{path}: the rules file cannot be read ({reason})") from None
    return parse_rules(text, os.fspath(path), case_fold=case_fold)


def _strip_comment(line: str) -> str:
    """The line up to a `#` that starts a comment (one inside /.../ is the pattern's)."""
    stripped = line.lstrip()
    if stripped.startswith("/"):
        end = _pattern_end(stripped)
        if end > 0:
            head, rest = stripped[: end + 1], stripped[end + 1 :]
            return head + rest.split("#", 1)[0]
    return line.split("#", 1)[0]


def _pattern_end(line: str) -> int:
    """The index of the slash closing a /pattern/ that starts the line, or -1."""
    escaped = False
    for index in range(1, len(line)):
        character = line[index]
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "/":
            return index
    return -1


def _rule(number: int, line: str, case_fold: bool) -> Rule:
    if line.startswith("/"):
        return _regex_rule(number, line)
    sides = [side.strip() for side in line.split("=")]
    if len(sides) < 2:
        raise ValueError(f"{line!r} is no rule: write 'A = B' or '/PATTERN/ = REPLACEMENT'")
    *lefts, right = (unicodedata.normalize("NFC", s) for s in sides)
    if case_fold:
        lefts, right = [s.casefold() for s in lefts], right.casefold()
    if any(not left.strip("-") for left in lefts):
        raise ValueError(f"{line!r}: a left side is empty; only the last side may be")
    keep_case = not case_fold and all(left == left.lower() for left in lefts)
    alternatives = "|".join(_literal(left) for left in sorted(lefts, key=len, reverse=True))
    flags = re.IGNORECASE if keep_case else 0
    pattern = re.compile(f"(?:{alternatives})", flags)
    return Rule(number, " = ".join(sides).strip(), pattern, right.replace("\\", "\\\\"), keep_case)


def _literal(left: str) -> str:
    """A left side as a regular expression: its edge hyphens tie it to the word's edges,
    and its last letter may not carry a combining mark it does not name."""
    # "-e" is a word-final e (the hyphen stands where the word goes on); "y-" an initial y
    at_end = left.startswith("-") and len(left) > 1
    at_start = left.endswith("-") and len(left) > 1
    core = left[1 if at_end else 0 : len(left) - 1 if at_start else len(left)]
    return ("^" if at_start else "") + re.escape(core) + _NO_MARK + ("$" if at_end else "")


def _regex_rule(number: int, line: str) -> Rule:
    end = _pattern_end(line)
    if end < 0:
        raise ValueError(f"{line!r}: the /pattern/ has no closing slash")
    pattern, rest = line[1:end], line[end + 1 :].strip()
    if not rest.startswith("="):
        raise ValueError(f"{line!r}: write '/PATTERN/ = REPLACEMENT'")
    replacement = rest[1:].strip()
    try:
        compiled = re.compile(pattern)
        compiled.sub(replacement, "")  # a bad group reference shows only when used
    except (re.error, IndexError) as error:
        raise ValueError(f"/{pattern}/ is not a regular expression: {error}") from None
    # the guard --token-pattern has: a rule is tried on every word of every witness
    from .regex_guard import ambiguous_repeat

    problem = ambiguous_repeat(pattern)
    if problem:
        raise ValueError(
            f"/{pattern}/ could take for ever on some words: {problem} "
            "(make that part possessive, `++`, or atomic, `(?>...)`)"
        )
    return Rule(number, line, compiled, replacement)


#: A Python hook for the library: a function from a word's normal form to another.
WordFunction = Callable[[str], str]
