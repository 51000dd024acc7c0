"""Frozen dataclasses that need neither `dataclasses` nor any compiling to be made.

`@dataclass(frozen=True)` writes out the source of six methods for each class and
compiles each one (`exec`) at every import: the model's fifteen classes cost 55 M
instructions that way, a fifteenth of a short run's whole command (issue 13), and
importing `dataclasses` at all another 6 M beyond what a run loads anyway (lxml loads
`inspect`, the bulk of what `dataclasses` would load). A class decorated with `frozen` is the
same frozen dataclass, made without either: it writes its own `__init__` (set the
fields, then call `__post_init__`, as the generated one does), its fields are read here
from its annotations (with `field` for a default factory or a field left out of
comparison), and its comparison, hashing, repr and refusal to be changed are the generic
methods below, over those fields. What `dataclasses` registers on a class
(`__dataclass_fields__`, `__dataclass_params__`) is registered the first time anyone
asks for it, by `dataclasses` itself: `dataclasses.fields`, `replace`, `asdict` and
`is_dataclass` work on it, it pickles as before, and a dataclass may inherit from it
(`collate.stemma.resample`). `replace` below does what `dataclasses.replace` does without
loading it. `tests/test_records.py` holds each class to what `@dataclass(frozen=True)`
would make of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, Generic, Self, TypeVar, dataclass_transform, overload

_Class = TypeVar("_Class", bound=type[Any])
_Record = TypeVar("_Record")
_T = TypeVar("_T")

#: the class attribute holding a record's fields (`_Field`), in order
FIELDS = "__record_fields__"
#: what `dataclasses` sets on a class, registered on first use (`_Registered`)
_REGISTERED = ("__dataclass_fields__", "__dataclass_params__")


class _Missing:
    """No default (`dataclasses.MISSING`, which this module does not load)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _Field:
    """A field of a record: what `dataclasses.Field` says of it that collate uses."""

    __slots__ = ("name", "default", "default_factory", "repr", "hash", "compare")

    def __init__(
        self,
        default: Any = MISSING,
        default_factory: Any = MISSING,
        repr: bool = True,
        hash: bool | None = None,
        compare: bool = True,
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.hash = hash
        self.compare = compare

    def as_dataclass_field(self) -> Any:
        """The `dataclasses.field` that says the same."""
        import dataclasses

        return dataclasses.field(
            default=self.default if self.default is not MISSING else dataclasses.MISSING,
            default_factory=(
                self.default_factory if self.default_factory is not MISSING else dataclasses.MISSING
            ),
            repr=self.repr,
            hash=self.hash,
            compare=self.compare,
        )


@overload
def field(
    *, default: _T, repr: bool = True, hash: bool | None = None, compare: bool = True
) -> _T: ...
@overload
def field(
    *,
    default_factory: Callable[[], _T],
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
) -> _T: ...
@overload
def field(*, repr: bool = True, hash: bool | None = None, compare: bool = True) -> Any: ...
def field(
    *,
    default: Any = MISSING,
    default_factory: Any = MISSING,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
) -> Any:
    """A field's default, default factory, or place in comparison, hashing and repr:
    `dataclasses.field` for a `frozen` class."""
    return _Field(default, default_factory, repr, hash, compare)


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def frozen(cls: _Class) -> _Class:
    """The class as a frozen dataclass; its own `__init__` sets its fields (past its
    `__setattr__`, which refuses any change) and calls `__post_init__` if it has one."""
    if "__init__" not in cls.__dict__:
        raise TypeError(f"{cls.__qualname__} must write its own __init__")
    if not cls.__doc__:  # `dataclasses` would write one from `inspect.signature`
        raise TypeError(f"{cls.__qualname__} must say what it is (a docstring)")
    fields = _fields_of(cls)
    setattr(cls, FIELDS, fields)
    if "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in fields)  # type: ignore[misc]
    for name in _REGISTERED:
        setattr(cls, name, _Registered(cls, name))
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
            raise _frozen_error(f"cannot assign to field {name!r}")
        super(owner, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise _frozen_error(f"cannot delete field {name!r}")
        super(owner, self).__delattr__(name)

    def __replace__(self: Any, /, **changes: Any) -> Any:
        return replace(self, **changes)  # `copy.replace`, as Python 3.13's dataclasses have it

    methods: list[Callable[..., Any]] = [
        __eq__,
        __hash__,
        __repr__,
        __setattr__,
        __delattr__,
        __replace__,
    ]
    for method in methods:
        if method.__name__ not in cls.__dict__:  # a method of its own is kept, as dataclasses do
            method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
            setattr(cls, method.__name__, method)
    return cls


def _fields_of(cls: type[Any]) -> tuple[_Field, ...]:
    """The class's fields, from its annotations, as `dataclasses` finds them: a class
    variable is none, a default is the class attribute, and a `field`'s default stays on
    the class in its place (a default factory leaves none)."""
    for base in cls.__mro__[1:-1]:
        if "__dataclass_fields__" in base.__dict__ or FIELDS in base.__dict__:
            raise TypeError(f"{cls.__qualname__}: a `frozen` class inherits no fields")
    annotations = cls.__dict__.get("__annotations__", {})
    for name, value in cls.__dict__.items():
        if _is_dataclass_field(value):
            raise TypeError(f"{cls.__qualname__}.{name}: a `frozen` field is `records.field`")
        if isinstance(value, _Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    fields = []
    for name, annotation in annotations.items():
        spelled = annotation if isinstance(annotation, str) else repr(annotation)
        if spelled.startswith(("ClassVar", "typing.ClassVar")):
            continue
        if spelled.startswith(("InitVar", "dataclasses.InitVar", "KW_ONLY", "dataclasses.KW")):
            raise TypeError(f"{cls.__qualname__}.{name}: not a field `frozen` makes")
        found = cls.__dict__.get(name, MISSING)
        made = found if isinstance(found, _Field) else _Field(default=found)
        if made.default is not MISSING and made.default.__class__.__hash__ is None:
            raise ValueError(
                f"mutable default {type(made.default)} for field {name} is not allowed: "
                "use default_factory"
            )
        if isinstance(found, _Field):
            if made.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, made.default)
        made.name = name
        fields.append(made)
    return tuple(fields)


class _Registered:
    """`__dataclass_fields__` or `__dataclass_params__` of a `frozen` class, registered
    by `dataclasses` the first time it is read (through the class, an instance or a
    subclass), and from then on a plain class attribute."""

    def __init__(self, cls: type[Any], name: str) -> None:
        self.cls = cls
        self.name = name

    def __get__(self, instance: object, owner: type[Any] | None = None) -> Any:
        _register(self.cls)
        return self.cls.__dict__[self.name]


def _register(cls: type[Any]) -> None:
    """Has `dataclasses` register the class's fields, as `@dataclass` would: it makes a
    stand-in of the class (the same fields and class variables, no method), and the
    stand-in's registration is set on the class, one attribute in one step, the fields
    last. A thread that reads the class meanwhile finds either a `_Registered` (and
    registers it again, to the same effect) or the finished registration; no lock, which a
    process forked meanwhile would inherit held."""
    import dataclasses

    if not isinstance(cls.__dict__.get("__dataclass_fields__"), _Registered):
        return  # registered already
    fields: tuple[_Field, ...] = cls.__dict__[FIELDS]
    annotations = cls.__dict__.get("__annotations__", {})
    namespace: dict[str, Any] = {
        name: cls.__dict__[name]  # a class variable, as `dataclasses` reads it
        for name in annotations
        if name in cls.__dict__
    }
    namespace.update((f.name, f.as_dataclass_field()) for f in fields)
    namespace["__annotations__"] = dict(annotations)
    namespace["__module__"] = cls.__module__
    namespace["__qualname__"] = cls.__qualname__
    namespace["__doc__"] = cls.__doc__
    stand_in: Any = dataclasses.dataclass(init=False, repr=False, eq=False)(
        type(cls.__name__, (), namespace)
    )
    params = stand_in.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True
    setattr(cls, "__dataclass_params__", params)  # noqa: B010
    setattr(cls, "__dataclass_fields__", stand_in.__dataclass_fields__)  # noqa: B010


def replace(record: _Record, /, **changes: Any) -> _Record:
    """`dataclasses.replace`: a copy of the record with the fields `changes` names
    changed, made by its own `__init__` (so its checks run again)."""
    cls = type(record)
    fields: tuple[_Field, ...] | None = cls.__dict__.get(FIELDS)
    if fields is None:  # a dataclass of another making (a subclass of a record, say)
        import dataclasses

        return dataclasses.replace(record, **changes)  # type: ignore[type-var]
    values = {f.name: getattr(record, f.name) for f in fields if f.name not in changes}
    made: _Record = cls(**values, **changes)
    return made


def _is_dataclass_field(value: object) -> bool:
    """Whether `value` is a `dataclasses.Field` (known without loading `dataclasses`):
    `frozen` would read it as a plain default and drop what it says."""
    kind = type(value)
    return kind.__name__ == "Field" and kind.__module__ == "dataclasses"


def _frozen_error(message: str) -> Exception:
    """`dataclasses.FrozenInstanceError`, the error a frozen dataclass raises (loading
    `dataclasses` only when a change is refused)."""
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(message)


def _values(names: Sequence[str]) -> Callable[[object], tuple[Any, ...]]:
    """The named fields' values of an object, as a tuple (as the dataclass compares and
    hashes them), read in C."""
    if len(names) == 1:
        return lambda instance: (getattr(instance, names[0]),)
    if not names:
        return lambda instance: ()
    return attrgetter(*names)


_Owner = TypeVar("_Owner")
_Value = TypeVar("_Value")


class cached(Generic[_Owner, _Value]):  # noqa: N801 (named as the decorator it replaces)
    """`functools.cached_property` without its lock: Python 3.11's takes one each time
    a value is first worked out (3.12 dropped it). A location's `readings` and
    `reading_of`, first asked, cost 21 k instructions with it, 15 k without (callgrind,
    10,000 locations). A model object is immutable, so any thread works out the same
    value."""

    def __init__(self, function: Callable[[_Owner], _Value]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__

    def __set_name__(self, owner: type[_Owner], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[_Owner] | None = None) -> Self: ...
    @overload
    def __get__(self, instance: _Owner, owner: type[_Owner] | None = None) -> _Value: ...
    def __get__(self, instance: _Owner | None, owner: type[_Owner] | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value
