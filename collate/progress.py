"""How far the long stages have got, with counts, for a front end to show.

A stage that can count its work (files read, witnesses aligned, bytes written) calls
`report(stage, done, total)`; whoever wants to know wraps the work in
`counting_progress(listener)`. Nothing is reported to anyone outside such a block, and
the library never prints: the CLI draws the counts as progress bars on a terminal.
The listener is held in a context variable, so a stage needs no extra parameter
(engines and readers keep their plain signatures) and concurrent collations in other
threads or tasks do not see each other's counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: told a stage's name, how much of it is done and how much there is (None: not known)
Listener = Callable[[str, int, "int | None"], None]

_listener: ContextVar[Listener | None] = ContextVar("collate_progress", default=None)


def report(stage: str, done: int, total: int | None) -> None:
    """Tell the listener, if there is one, that `done` of `total` units of `stage` are
    done. Cheap when nobody listens, so stages may call it often."""
    listener = _listener.get()
    if listener is not None:
        listener(stage, done, total)


@contextmanager
def counting_progress(listener: Listener) -> Iterator[None]:
    """Within the block, stages report their counts to `listener(stage, done, total)`."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def stop_listening() -> None:
    """Report to nobody from now on (a worker process, whose parent shows the counts)."""
    _listener.set(None)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """`number` and its noun, singular for 1 (`1 variant location`, `2,048 documents`),
    as a front end's summaries say them."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"
