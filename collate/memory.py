"""An early check that a collation fits in memory, made before tokenising.

A run's peak memory grows with the number of tokens, not of bytes: about
`BYTES_PER_TOKEN` bytes a token, whole command, measured on witnesses of one-letter
words (the README's limits). Since a token takes at least two bytes of input (a
character and a space), memory is at most about `BYTES_PER_TOKEN / 2` (350) times the
input's size, and for prose (about six bytes a token) about 120 times.

`check_memory` bounds the tokens by the characters that are not whitespace, and only
if that bound could exceed the memory allowed counts them with the token pattern; a
collation that would not fit is refused before any of the long work.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .errors import WitnessError
from .model import Witness
from .tokenize import token_regex

#: peak bytes of memory per token, whole command, with a margin over the measured 620
BYTES_PER_TOKEN = 700
#: the interpreter, lxml and the engines before any witness
BASE_BYTES = 100 * 2**20
_WHITESPACE = " \n\r\t"


def memory_allowed() -> int:
    """The memory a collation may use: the address-space limit if one is set (the CLI
    sets 80% of the machine's memory), else 80% of the machine's memory."""
    limits = []
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        if soft != resource.RLIM_INFINITY:
            limits.append(soft)
    except (ImportError, ValueError, OSError):
        pass
    try:
        limits.append(int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") * 0.8))
    except (ValueError, OSError, AttributeError):
        pass
    return min(limits) if limits else 2**63


def _at_most_tokens(text: str) -> int:
    return len(text) - sum(text.count(c) for c in _WHITESPACE) + 1


def check_memory(witnesses: Sequence[Witness], pattern: str) -> None:
    """Refuse a collation whose tokens would need more memory than is allowed."""
    allowed = memory_allowed() - BASE_BYTES
    if sum(_at_most_tokens(w.text) for w in witnesses) * BYTES_PER_TOKEN <= allowed:
        return
    regex = token_regex(pattern)
    tokens = sum(
        len(w.tokens) if w.tokens is not None else sum(1 for _ in regex.finditer(w.text))
        for w in witnesses
    )
    needed = tokens * BYTES_PER_TOKEN
    if needed > allowed:
        raise WitnessError(
            f"the witnesses hold {tokens:,} tokens; collating them needs about "
            f"{(needed + BASE_BYTES) / 2**20:,.0f} MiB of memory, more than the "
            f"{(allowed + BASE_BYTES) / 2**20:,.0f} MiB this run may use (see the README's "
            "limits); collate fewer or shorter witnesses"
        )
