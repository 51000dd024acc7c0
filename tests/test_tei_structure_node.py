"""The shared structure's node (`tei_structure._Node`), written out by hand, behaves as
the `@dataclass` it replaced: the same fields and defaults, equal by value (which
`list.index` relies on when a child is unwrapped), the same repr."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from collate.formats.tei_structure import _Node
from collate.model import Milestone


@dataclass
class _Made:
    """The class as `@dataclass` made it (issue 13 replaced it)."""

    unit: str
    n: str | None
    start: tuple[int, int]
    end: tuple[int, int]
    members: list[tuple[str, Milestone]] = field(default_factory=list)
    type: str | None = None
    derived: bool = False
    children: list[_Made] = field(default_factory=list)


_slots = st.tuples(st.integers(0, 3), st.integers(0, 3))
_fields = st.tuples(
    st.sampled_from(["div", "p", "l"]),
    st.none() | st.sampled_from(["1", "2"]),
    _slots,
    _slots,
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B"]), st.builds(Milestone, st.integers(0, 9), st.just("p"))
        ),
        max_size=2,
    ),
    st.none() | st.just("chapter"),
    st.booleans(),
)


#: a node's fields but its children, in order
_Fields = tuple[
    str,
    str | None,
    tuple[int, int],
    tuple[int, int],
    list[tuple[str, Milestone]],
    str | None,
    bool,
]


def _both(fields: _Fields, children: int) -> tuple[_Node, _Made]:
    kids = [(_Node(*fields[:4]), _Made(*fields[:4])) for _ in range(children)]
    node = _Node(*fields, children=[k[0] for k in kids])
    made = _Made(*fields, children=[k[1] for k in kids])
    return node, made


@given(_fields, _fields, st.integers(0, 2), st.integers(0, 2))
def test_the_node_compares_and_shows_as_the_dataclass_did(
    first: _Fields, second: _Fields, kids_a: int, kids_b: int
) -> None:
    a, made_a = _both(first, kids_a)
    b, made_b = _both(second, kids_b)
    assert (a == b) == (made_a == made_b)
    assert repr(a) == repr(made_a).replace("_Made(", "_Node(")
    assert a == _both(first, kids_a)[0]
    assert a != (first, kids_a)


def test_defaults_are_fresh_lists() -> None:
    one, two = _Node("p", None, (0, 0), (1, 0)), _Node("p", None, (0, 0), (1, 0))
    one.children.append(two)
    assert two.children == [] and one.members == [] and one.members is not two.members
    assert (one.type, one.derived) == (None, False)
    assert one.children.index(_Node("p", None, (0, 0), (1, 0))) == 0
