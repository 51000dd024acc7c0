"""The classes made with `collate.records.frozen` (the model's, the normalisation's and
a few more) behave as `@dataclass(frozen=True)` made them, and importing them compiles
no method (issue 13)."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
import subprocess
import sys
from collections import defaultdict
from types import FunctionType
from typing import Any, ClassVar

import pytest
from lxml import etree

import collate.model as model
from collate import Collation, InvalidApparatusError, InvalidWitnessError, collate, read_witnesses
from collate.engines.anchor import AnchorEngine
from collate.lacunae import TranscribedLacuna
from collate.normalize import Normalization
from collate.pipeline import ExtractedWitness
from collate.rules import Rule, Rules, parse_rules

from .conftest import ROOT, SEEDS

MODEL = [
    c
    for c in vars(model).values()
    if isinstance(c, type) and c.__module__ == "collate.model" and dataclasses.is_dataclass(c)
]
CLASSES = [*MODEL, Rule, Rules, Normalization, TranscribedLacuna, ExtractedWitness, AnchorEngine]


#: what the dataclass writes, or `frozen` and `dataclasses` set, on a class
_MADE = {
    "__init__",
    "__eq__",
    "__hash__",
    "__setattr__",
    "__delattr__",
    "__match_args__",
    "__dataclass_fields__",
    "__dataclass_params__",
    "__dict__",
    "__weakref__",
}


def _as_dataclass(cls: type) -> Any:
    """What `@dataclass(frozen=True)` makes of the class's fields and methods."""
    namespace = {
        name: value
        for name, value in vars(cls).items()
        # what `frozen` wrote (a function of `collate.records`), not a `records.cached`
        if name not in _MADE
        and not (isinstance(value, FunctionType) and value.__module__ == "collate.records")
    }
    for field in dataclasses.fields(cls):
        if field.default_factory is not dataclasses.MISSING:
            namespace[field.name] = dataclasses.field(
                default_factory=field.default_factory, compare=field.compare, hash=field.hash
            )
    return dataclasses.dataclass(frozen=True)(type(cls.__name__, (), namespace))


def _instances(collation: Collation) -> dict[type, list[Any]]:
    """Every model object a real collation holds, by class."""
    found: dict[type, list[Any]] = defaultdict(list)
    seen: set[int] = set()
    stack: list[Any] = [collation]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (tuple, list)):
            stack.extend(item)
        elif dataclasses.is_dataclass(item) and type(item) in MODEL:
            found[type(item)].append(item)
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
    return found


@pytest.fixture(scope="module")
def instances() -> dict[type, list[Any]]:
    found = _instances(collate(read_witnesses([SEEDS])))
    # the seeds are plain text, without page breaks or divisions
    rules = parse_rules("colour = color\nhonour = honor", "rules.txt")
    found[Rules] += [rules, Rules(), rules.with_case_fold(False)]
    found[Rule] += list(rules.rules)
    found[Normalization] += [Normalization(), Normalization("NFD", False, rules=rules)]
    gap = etree.Element("{http://www.tei-c.org/ns/1.0}gap")
    found[TranscribedLacuna] += [TranscribedLacuna(gap, "3 lines"), TranscribedLacuna(gap, None)]
    found[ExtractedWitness] += [
        ExtractedWitness("A", b"text", True),
        ExtractedWitness("B", b"", None),
    ]
    found[AnchorEngine] += [AnchorEngine(), AnchorEngine(jobs=2), AnchorEngine("anchor", 3)]
    found[model.Milestone] += [
        model.Milestone(4, "pb", "2"),
        model.Milestone(0, "div", None, 9, "chapter"),
    ]
    return found


def test_every_class_is_checked() -> None:
    assert len(MODEL) == 15


#: classes whose constructor is Python in every build (the anchor engine's is compiled,
#: and a compiled function has no signature to read)
SIGNED = [c for c in CLASSES if c is not AnchorEngine]


@pytest.mark.parametrize("cls", SIGNED, ids=lambda c: c.__name__)
def test_the_constructor_is_the_dataclass_one(cls: type) -> None:
    ours = inspect.signature(cls).parameters
    theirs = inspect.signature(_as_dataclass(cls)).parameters
    assert list(ours) == list(theirs)
    for name, parameter in ours.items():
        expected = theirs[name]
        assert parameter.kind == expected.kind, name
        if expected.default is not inspect.Parameter.empty and repr(expected.default) != (
            "<factory>"
        ):
            assert parameter.default is expected.default, name
        else:  # required, or made by a factory (None stands for it here)
            assert (parameter.default is inspect.Parameter.empty) == (
                expected.default is inspect.Parameter.empty
            ), name
    assert cls.__match_args__ == _as_dataclass(cls).__match_args__  # type: ignore[attr-defined]
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_instances_behave_as_the_dataclass_ones(
    cls: type, instances: dict[type, list[Any]]
) -> None:
    reference = _as_dataclass(cls)
    objects = instances[cls]
    assert objects, cls  # the seeds' collation holds one of each
    for ours in objects[:50]:
        values = {f.name: getattr(ours, f.name) for f in dataclasses.fields(cls)}
        theirs = reference(**values)
        assert repr(ours) == repr(theirs)
        assert hash(ours) == hash(theirs)
        again = cls(**values)
        assert again == ours and not (again != ours) and hash(again) == hash(ours)
        assert ours != theirs  # another class, as between two dataclasses
        assert dataclasses.replace(ours) == ours
        if cls is not TranscribedLacuna:  # an lxml element: neither pickled nor copied equal
            assert pickle.loads(pickle.dumps(ours)) == ours
            assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
        name = dataclasses.fields(cls)[0].name
        with pytest.raises(
            dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"
        ):
            setattr(ours, name, None)
        with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot delete field '{name}'"):
            delattr(ours, name)
        with pytest.raises(dataclasses.FrozenInstanceError):
            ours.not_a_field = 1

    def as_reference(obj: Any) -> Any:
        return reference(**{f.name: getattr(obj, f.name) for f in dataclasses.fields(cls)})

    first = objects[0]
    for other in objects[1:50]:
        assert (other == first) == (as_reference(other) == as_reference(first))


def test_a_token_compares_without_its_properties() -> None:
    plain = model.Token("a", " ", "a")
    told = model.Token("a", " ", "a", {"n": 1})
    assert plain == told and hash(plain) == hash(told) and plain.properties == {}
    assert model.Token("a", " ", "a").properties is not plain.properties  # one dict each


def test_the_checks_still_run_on_construction_and_replacement() -> None:
    with pytest.raises(InvalidWitnessError):
        model.Witness(" A", "text")
    witness = model.Witness("A", "text")
    with pytest.raises(InvalidWitnessError):
        dataclasses.replace(witness, siglum="")
    with pytest.raises(InvalidApparatusError):
        model.Reading((), "a", "a")


def test_a_dataclass_may_inherit_from_a_model_class() -> None:
    @dataclasses.dataclass(frozen=True)
    class Marked(model.Equivalence):
        mark: str = "*"

    marked = Marked("rule-1", "a = b")
    assert marked.mark == "*" and marked == Marked("rule-1", "a = b")
    assert repr(marked) == (
        "test_a_dataclass_may_inherit_from_a_model_class.<locals>.Marked"
        "(name='rule-1', description='a = b', mark='*')"
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        marked.mark = "+"  # type: ignore[misc]


def test_importing_the_model_and_normalisation_compiles_no_method() -> None:
    """`@dataclass` compiles each method it writes (`exec`) at every import."""
    script = (
        "import builtins, sys\n"
        "compiled = []\n"
        "real = builtins.exec\n"
        "def counting(*args, **kwargs):\n"
        "    compiled.append(sys._getframe(1).f_code.co_name)\n"
        "    return real(*args, **kwargs)\n"
        "builtins.exec = counting\n"
        "import collate.model, collate.normalize, collate.lacunae\n"
        "builtins.exec = real\n"
        "print(compiled.count('_create_fn'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["0"]


def test_importing_the_model_loads_no_dataclasses_until_asked() -> None:
    """`dataclasses` is loaded only when someone asks for what it registers; then the
    model classes are dataclasses as before."""
    script = (
        "import sys\n"
        "import collate.model, collate.normalize, collate.lacunae, collate.pipeline\n"
        "from collate.records import replace\n"
        "token = collate.model.Token('a', 'a', ' ')\n"
        "print('dataclasses' in sys.modules,"
        " replace(token, text='b') == collate.model.Token('b', 'a', ' '))\n"
        "import dataclasses\n"
        "print([f.name for f in dataclasses.fields(token)] == list(token.__match_args__),"
        " dataclasses.replace(token, text='b').text,"
        " dataclasses.is_dataclass(collate.model.Witness))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["False", "True", "True", "b", "True"]


def test_replace_checks_as_the_constructor_does() -> None:
    from collate.records import replace

    token = model.Token("a", "a", " ")
    with pytest.raises(TypeError):
        replace(token, nonsense=1)
    assert replace(token) == token and replace(token) is not token
    assert replace(token, properties={"x": 1}).properties == {"x": 1}


def test_threads_asking_at_once_all_see_the_registered_fields() -> None:
    """The fields are registered on first use; threads asking for them at that moment
    all get the finished registration, never a half-made one."""
    from concurrent.futures import ThreadPoolExecutor

    from collate.records import frozen

    for _ in range(20):

        @frozen
        class Pair:
            """Two values."""

            left: str
            right: int = 0

            def __init__(self, left: str, right: int = 0) -> None:
                self.__dict__.update(left=left, right=right)

        def ask(_: int) -> tuple[list[str], bool]:
            names = [f.name for f in dataclasses.fields(Pair)]
            return names, Pair.__dataclass_params__.frozen  # type: ignore[attr-defined]

        with ThreadPoolExecutor(8) as pool:
            seen = list(pool.map(ask, range(64)))
        assert seen == [(["left", "right"], True)] * 64
        assert dataclasses.replace(Pair("a"), right=2) == Pair("a", 2)


def test_frozen_refuses_what_dataclass_would_refuse_or_misread() -> None:
    """What `@dataclass` refuses at the class's making, `frozen` refuses then too; a
    `dataclasses.field`, which `frozen` would read as a plain default, is refused."""
    from collate.records import field, frozen

    def init(self: Any, *args: Any) -> None:
        pass

    cases: list[tuple[dict[str, Any], type[Exception]]] = [
        ({"__annotations__": {"x": "dict[str, int]"}, "x": {}}, ValueError),
        ({"__annotations__": {}, "x": field(default=1)}, TypeError),
        ({"__annotations__": {"x": "int"}, "x": dataclasses.field(default=1)}, TypeError),
        ({"__annotations__": {"x": "int"}, "__doc__": None}, TypeError),
    ]
    for namespace, error in cases:
        made = type("Case", (), {"__doc__": "A case.", "__init__": init, **namespace})
        with pytest.raises(error):
            frozen(made)


def test_frozen_keeps_its_own_match_args_and_class_variables() -> None:
    from collate.records import frozen

    @frozen
    class Kept:
        """A record with a class variable and its own match arguments."""

        __match_args__ = ("b",)
        limit: ClassVar[int] = 3
        a: int
        b: int = 2

        def __init__(self, a: int, b: int = 2) -> None:
            self.__dict__.update(a=a, b=b)

    assert Kept.__match_args__ == ("b",)
    assert [f.name for f in dataclasses.fields(Kept)] == ["a", "b"]
    assert Kept.__dataclass_fields__["limit"].default == 3
    assert Kept(1).__replace__(b=5) == Kept(1, 5)  # type: ignore[attr-defined]  # copy.replace
