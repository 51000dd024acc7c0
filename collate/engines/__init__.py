"""Collation engines, chosen by name.

An engine is a module in this package that defines `ENGINE`, an object with a `name`
and an `align(witnesses) -> Alignment` method. Adding one is adding a module and its
name to `ENGINE_NAMES`; nothing is imported until an engine is asked for. An engine
that can share its work among processes has a `jobs` setting (`in_processes`).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Protocol

from ..errors import UnknownEngineError
from ..model import Alignment, TokenizedWitness
from ..records import replace

#: Known engines, the default first.
ENGINE_NAMES: tuple[str, ...] = ("anchor", "collatex")
DEFAULT_ENGINE = ENGINE_NAMES[0]


class Engine(Protocol):
    """What every collation engine offers."""

    name: str

    def align(self, witnesses: Sequence[TokenizedWitness]) -> Alignment:
        """Align the witnesses' tokens; never changes its input."""
        ...


def get_engine(name: str = DEFAULT_ENGINE, jobs: int = 1) -> Engine:
    """The engine called `name`; an unknown name raises an error listing the valid ones.
    `jobs`: how many processes an engine that can share out its work may use (the
    alignment is the same for any number); an engine that cannot ignores it."""
    if name not in ENGINE_NAMES:
        raise UnknownEngineError(
            f"unknown engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}"
        )
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}")
    module = importlib.import_module(f"{__name__}.{name}")
    return in_processes(module.ENGINE, jobs)


def in_processes(engine: Engine, jobs: int) -> Engine:
    """The engine set to use up to `jobs` processes, if it can share out its work (it
    has a `jobs` setting); otherwise the engine itself."""
    if jobs != 1 and hasattr(engine, "jobs"):
        return replace(engine, jobs=jobs)
    return engine
