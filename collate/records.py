"""Frozen dataclasses that compile nothing when their module is imported.

`@dataclass(frozen=True)` writes out the source of six methods for each class and
compiles each one (`exec`) at every import: the model's fifteen classes cost 55 M
instructions that way, a fifteenth of a short run's whole command (issue 13). A class
decorated with `frozen` is the same frozen dataclass, made without compiling anything:
it writes its own `__init__` (set the fields, then call `__post_init__`, as the
generated one does), and its comparison, hashing, repr and refusal to be changed are
the generic methods below, over the fields that `dataclasses` registers. So
`dataclasses.fields`, `replace` and `asdict` work on it, it pickles as before, and a
dataclass may inherit from it (`collate.stemma.resample`); `tests/test_records.py`
holds each class to what `@dataclass(frozen=True)` would make of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import FrozenInstanceError
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform

_Class = TypeVar("_Class", bound=type[Any])


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: _Class) -> _Class:
    """The class as a frozen dataclass; its own `__init__` sets its fields (past its
    `__setattr__`, which refuses any change) and calls `__post_init__` if it has one."""
    if "__init__" not in cls.__dict__:
        raise TypeError(f"{cls.__qualname__} must write its own __init__")
    # registers the fields and `__match_args__`, and writes no method
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    params = cls.__dataclass_params__  # what `dataclasses` reads of a base class: the truth
    params.init = params.repr = params.eq = params.frozen = True
    fields = dataclasses.fields(cls)
    compared = _values([f.name for f in fields if f.compare])
    hashed = _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
    shown = [f.name for f in fields if f.repr]
    names = frozenset(f.name for f in fields)
    owner: type[Any] = cls

    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(hashed(self))

    @recursive_repr()
    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    def __setattr__(self: Any, name: str, value: object) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(owner, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(owner, self).__delattr__(name)

    methods: list[Callable[..., Any]] = [__eq__, __hash__, __repr__, __setattr__, __delattr__]
    for method in methods:
        if method.__name__ not in cls.__dict__:  # a method of its own is kept, as dataclasses do
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
            setattr(cls, method.__name__, method)
    return cls


def _values(names: Sequence[str]) -> Callable[[object], tuple[Any, ...]]:
    """The named fields' values of an object, as a tuple (as the dataclass compares and
    hashes them), read in C."""
    if len(names) == 1:
        return lambda instance: (getattr(instance, names[0]),)
    if not names:
        return lambda instance: ()
    return attrgetter(*names)
