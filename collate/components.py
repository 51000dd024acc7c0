"""Connected components of a graph on the numbers 0..size-1, by union-find: the
stemma's groups of related witnesses and the corpus's groups of linked documents."""

from __future__ import annotations

from collections.abc import Iterable


def components(size: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Every component (singletons too), each in ascending order, in order of its first
    member."""
    parent = list(range(size))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving keeps the trees shallow
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for x in range(size):
        members.setdefault(root(x), []).append(x)
    return list(members.values())
