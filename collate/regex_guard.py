"""A complexity guard for user token patterns, checked before any input is read.

Python's regular expressions backtrack: a pattern such as `(a+)+$` takes time
exponential in the length of a run of `a`s, so one line of a witness could stall a
collation for ever. `ambiguous_repeat` finds the shapes that cause this, on the parsed
pattern: a repeated part that holds another repetition, or a choice, that could match
the same text in more than one way from one turn of the outer repetition to the next
(`(a+)+`, `(\\w+\\s?)*`, `(a|aa)+`). Repeats whose turns begin with a character the inner
repetition cannot match are safe and allowed (the default pattern's `(?:-\\w+)*`).

It is a conservative check on a sample of characters (ASCII and some letters, digits
and spaces of other scripts), not a proof: it may refuse a harmless pattern (write the
part as a possessive `++` or an atomic group `(?>...)`, which never backtrack) and, for
characters outside the sample, miss a harmful one.
"""

from __future__ import annotations

import importlib
import re
import string
import sys
from typing import Any

# the modules the `re` package is built on, renamed in Python 3.11
_NEW = sys.version_info >= (3, 11)
sre_constants: Any = importlib.import_module("re._constants" if _NEW else "sre_constants")
sre_parse: Any = importlib.import_module("re._parser" if _NEW else "sre_parse")

_SAMPLE = frozenset(string.printable + "éßÆЖж中文٣߃\u00a0\u2009\u2028ʼ’‐\u0301")
_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: re.compile(r"\d"),
    sre_constants.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    sre_constants.CATEGORY_SPACE: re.compile(r"\s"),
    sre_constants.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    sre_constants.CATEGORY_WORD: re.compile(r"\w"),
    sre_constants.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def _in_set(items: list[tuple[Any, Any]], character: str) -> bool:
    negate, found = False, False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            found |= character == chr(av)
        elif op is sre_constants.RANGE:
            found |= av[0] <= ord(character) <= av[1]
        elif op is sre_constants.CATEGORY:
            category = _CATEGORIES.get(av)
            found |= category is None or category.match(character) is not None
        else:  # a set form not modelled: assume it may match
            found = True
    return found != negate


def _matches(op: Any, av: Any, character: str) -> bool:
    if op is sre_constants.LITERAL:
        return character == chr(av)
    if op is sre_constants.NOT_LITERAL:
        return character != chr(av)
    if op is sre_constants.IN:
        return _in_set(av, character)
    return op is sre_constants.ANY or op is not sre_constants.AT


def _first(pattern: Any, fold: bool) -> tuple[set[str], bool]:
    """The sample characters a match of `pattern` may begin with, and whether it may be
    empty."""
    found: set[str] = set()
    for op, av in pattern:
        if op in _REPEATS:
            inner, empty = _first(av[2], fold)
            found |= inner
            if av[0] > 0 and not empty:
                return found, False
        elif op is sre_constants.SUBPATTERN:
            inner, empty = _first(av[3], fold)
            found |= inner
            if not empty:
                return found, False
        elif op is sre_constants.BRANCH:
            results = [_first(branch, fold) for branch in av[1]]
            for inner, _ in results:
                found |= inner
            if not any(empty for _, empty in results):
                return found, False
        elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        elif op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN):
            found |= {c for c in _characters(fold) if _matches(op, av, c)}
            return found, False
        else:  # any character, a back-reference, an atomic or possessive part
            return found | set(_SAMPLE), False
    return found, True


def _characters(fold: bool) -> set[str]:
    return set(_SAMPLE) | ({c.swapcase() for c in _SAMPLE} if fold else set())


def _variable(op: Any, av: Any, fold: bool) -> set[str]:
    """What a part of varying length (a repeat, a choice with an empty branch) may
    match, as the characters it may begin with; empty for a part of fixed length."""
    if op in _REPEATS and av[1] > av[0]:
        return _first(av[2], fold)[0]
    if op is sre_constants.BRANCH:
        results = [_first(branch, fold) for branch in av[1]]
        if any(empty for _, empty in results):  # `a|aa` is parsed as `a(?:|a)`
            return set().union(*(first for first, _ in results))
    return set()


def _trailing(items: list[Any], fold: bool) -> set[str]:
    """What the parts of varying length at the end of `items` may match."""
    found: set[str] = set()
    for op, av in reversed(items):
        found |= _variable(op, av, fold)
        if op is sre_constants.SUBPATTERN:
            found |= _trailing(list(av[3]), fold)
        elif op is sre_constants.BRANCH:
            for branch in av[1]:
                found |= _trailing(list(branch), fold)
        if not _first([(op, av)], fold)[1]:
            break
    return found


def _adjacent(items: list[Any], fold: bool) -> set[str]:
    """Characters a part of varying length and what follows it could both take."""
    risky: set[str] = set()
    for index, (op, av) in enumerate(items):
        risky |= _variable(op, av, fold) & _first(items[index + 1 :], fold)[0]
        for inner in _parts(op, av):
            risky |= _adjacent(list(inner), fold)
    return risky


def _parts(op: Any, av: Any) -> list[Any]:
    if op in _REPEATS:
        return [av[2]]
    if op is sre_constants.SUBPATTERN:
        return [av[3]]
    if op is sre_constants.BRANCH:
        return list(av[1])
    return []


def _inner_risks(pattern: Any, fold: bool) -> set[str]:
    """The characters on which a turn of a repetition of `pattern` could be split
    between its parts, or between its end and the next turn's start, in more than one
    way."""
    items = list(pattern)
    return (_trailing(items, fold) & _first(items, fold)[0]) | _adjacent(items, fold)


def _can_fail(pattern: Any) -> bool:
    """Whether a match of `pattern` can fail at some point of a text, so that what came
    before it has to try again."""
    for op, av in pattern:
        if op in _REPEATS:
            if av[0] > 0 and _can_fail(av[2]):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _can_fail(av[3]):
                return True
        elif op is sre_constants.BRANCH:
            if all(_can_fail(branch) for branch in av[1]):
                return True
        else:  # a character, an anchor ($, \b), a look-around, a back-reference
            return True
    return False


def _walk(pattern: Any, fold: bool, tail_fails: bool) -> str | None:
    """The first dangerous repeat in `pattern`; `tail_fails`: whether what follows the
    pattern can fail. An ambiguous repeat that nothing failing follows gives up its
    first match at once, so it is only slow where a failure after it forces it to try
    every other way."""
    items = list(pattern)
    for index, (op, av) in enumerate(items):
        after = tail_fails or _can_fail(items[index + 1 :])
        if op in _REPEATS and av[1] > 1:
            body = av[2]
            after = after or (av[0] > 1 and _can_fail(body))  # turns it must still make
            if after and _inner_risks(body, fold):
                return "a repeated part can match the same text in more than one way"
            problem = _walk(body, fold, True)
        elif op is sre_constants.SUBPATTERN:
            problem = _walk(av[3], fold, after)
        elif op is sre_constants.BRANCH:
            problem = next((p for b in av[1] if (p := _walk(b, fold, after))), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            problem = _walk(av[1], fold, True)
        else:
            problem = None
        if problem:
            return problem
    return None


def ambiguous_repeat(pattern: str) -> str | None:
    """Why `pattern` could take exponential time (see the module's docstring), or None.
    The pattern must be a valid regular expression."""
    parsed = sre_parse.parse(pattern)
    fold = bool(parsed.state.flags & re.IGNORECASE)
    return _walk(parsed, fold, False)
