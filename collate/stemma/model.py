"""The stemma: which witness was copied from which, with the evidence for each claim.

A stemma here is rooted and directed. Its nodes are the extant witnesses (named by
their sigla) and hypothetical lost exemplars (named by Greek letters, as editors do);
an extant witness may be the exemplar of another. Every edge runs from an exemplar to
its copy and carries a confidence and the `Evidence` behind it. A witness that followed
a second exemplar besides its main one gets a second, "contamination" edge. Witnesses
that share no more with the rest than common quotations stand apart, each the root of
its own tradition, so a stemma may have several roots.

`infer_stemma(apparatus)` builds one; docs/stemma.md explains the method and its limits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..errors import InvalidStemmaError

EdgeKind = Literal["descent", "contamination"]


@dataclass(frozen=True)
class Evidence:
    """The counts behind an edge from exemplar P to copy C, in variant locations, and a
    few locations that show them.

    "The group" is C and every witness descending from it.
    """

    #: variant locations where C departs from P: C's own innovations, which every
    #: descendant of C inherits (for a group, its shared innovations)
    innovations: int
    #: variant locations that join part of the group with outsiders, against it
    conflicts: int
    #: for an extant P: variant locations where P stands alone, which no copy of P
    #: keeps; near zero when P really is an exemplar
    exemplar_singular: int
    #: passages of P's text that C lacks, and passages C has that P lacks
    omissions: int
    additions: int
    #: of the omissions, those that look like an eye-skip between two like words
    eye_skips: int
    #: how well the evidence supports C's place below P, and the direction P -> C;
    #: the edge's confidence is their product
    support: float
    direction: float
    #: numbers of a few variant locations that show the relation
    examples: tuple[int, ...]
    #: one sentence a reader can check against the apparatus
    summary: str
    #: changes on this edge of kinds that recur in the tradition (a spelling, a lost
    #: passage): those that run the way such changes mostly run on other edges (read
    #: from the root), and those that run against it
    habitual: int = 0
    against_habit: int = 0
    #: whether dates decide the edge's direction against what the readings alone say
    #: (the confidence is then halved: something is amiss)
    against_dates: bool = False
    #: what the edge's direction rests on (`collate.stemma.basis`): "dates", "revision
    #: chain, growth", "revision chain, dates named", "copying", ...; "" where not said
    basis: str = ""
    #: a dated ancestor of C (the exemplar or one above it) that is surely later than
    #: C: no tree the readings allow keeps every date, and this edge is where one
    #: breaks (the confidence is then halved: a date may be wrong); "" where none
    later_ancestor: str = ""
    #: in a small tradition: the share of bootstrap replicates (its variant locations
    #: drawn again) whose stemma makes this edge's claim, which bounds the confidence
    #: (`collate.stemma.resample`); None where not measured
    recurrence: float | None = None

    def __post_init__(self) -> None:
        counts = (
            self.innovations,
            self.conflicts,
            self.exemplar_singular,
            self.omissions,
            self.additions,
            self.eye_skips,
            self.habitual,
            self.against_habit,
        )
        if min(counts) < 0:
            raise InvalidStemmaError("evidence counts cannot be negative")
        for name in ("support", "direction"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise InvalidStemmaError(f"{name} must lie in [0, 1]")


@dataclass(frozen=True)
class StemmaNode:
    """A witness (extant) or a hypothetical lost exemplar."""

    id: str
    extant: bool
    #: the witness's date where its metadata gives one
    date: str | None = None
    #: for a witness that begins late or ends early: what it lacks, in a sentence
    fragment: str | None = None

    def __post_init__(self) -> None:
        if not self.id or self.id != self.id.strip():
            raise InvalidStemmaError(f"invalid stemma node id {self.id!r}")


@dataclass(frozen=True)
class StemmaEdge:
    """`source` is the exemplar, `target` the copy."""

    source: str
    target: str
    #: how far the evidence supports this edge, its direction included, from 0 to 1
    confidence: float
    evidence: Evidence
    kind: EdgeKind = "descent"

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidStemmaError(
                f"confidence {self.confidence} of {self.source}->{self.target} is not in [0, 1]"
            )
        if self.source == self.target:
            raise InvalidStemmaError(f"{self.source} cannot be its own exemplar")


@dataclass(frozen=True)
class Stemma:
    """A rooted, directed stemma: a forest of descent edges plus contamination edges."""

    nodes: tuple[StemmaNode, ...]
    edges: tuple[StemmaEdge, ...]
    #: how the stemma was made, for the record
    method: str = ""

    def __post_init__(self) -> None:
        ids = [node.id for node in self.nodes]
        if len(set(ids)) != len(ids):
            raise InvalidStemmaError("stemma node ids must be unique")
        known = set(ids)
        parents: dict[str, str] = {}
        for edge in self.edges:
            for end in (edge.source, edge.target):
                if end not in known:
                    raise InvalidStemmaError(
                        f"edge {edge.source}->{edge.target} names unknown node {end}"
                    )
            if edge.kind == "descent":
                if edge.target in parents:
                    raise InvalidStemmaError(f"{edge.target} has two main exemplars")
                parents[edge.target] = edge.source
        if len({(e.source, e.target) for e in self.edges}) != len(self.edges):
            raise InvalidStemmaError("an edge is given twice")
        self._check_acyclic()

    def _check_acyclic(self) -> None:
        children = self._children_map(None)
        state: dict[str, int] = {}
        for start in (node.id for node in self.nodes):
            if state.get(start):
                continue
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(children[start]))]
            state[start] = 1
            while stack:
                node, pending = stack[-1]
                child = next(pending, None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                elif state.get(child) == 1:
                    raise InvalidStemmaError(f"the stemma has a cycle through {child}")
                elif not state.get(child):
                    state[child] = 1
                    stack.append((child, iter(children[child])))

    def _children_map(self, kind: EdgeKind | None) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {node.id: [] for node in self.nodes}
        for edge in self.edges:
            if kind is None or edge.kind == kind:
                children[edge.source].append(edge.target)
        return children

    # ----------------------------------------------------------------------- queries

    def __repr__(self) -> str:
        lost = sum(not node.extant for node in self.nodes)
        descent = sum(edge.kind == "descent" for edge in self.edges)
        roots = self.roots
        return (
            f"Stemma({len(self.nodes)} nodes ({lost} hypothetical), {descent} descent and "
            f"{len(self.edges) - descent} other edges, "
            f"{'root ' + roots[0] if len(roots) == 1 else f'{len(roots)} roots'})"
        )

    @property
    def roots(self) -> tuple[str, ...]:
        """One node per independent tradition: those that copy no main exemplar."""
        copies = {e.target for e in self.edges if e.kind == "descent"}
        return tuple(node.id for node in self.nodes if node.id not in copies)

    @property
    def root(self) -> str | None:
        """The archetype when all witnesses belong to one tradition, else None."""
        roots = self.roots
        return roots[0] if len(roots) == 1 else None

    def node(self, node_id: str) -> StemmaNode:
        """The node with this id (KeyError if there is none)."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def edge(self, source: str, target: str) -> StemmaEdge:
        """The edge from exemplar `source` to copy `target` (KeyError if there is none)."""
        for edge in self.edges:
            if edge.source == source and edge.target == target:
                return edge
        raise KeyError((source, target))

    def exemplars(self, node_id: str) -> tuple[str, ...]:
        """The node's exemplars: the main one first, then any contaminating one."""
        found = [e for e in self.edges if e.target == node_id]
        found.sort(key=lambda e: (e.kind != "descent", e.source))
        return tuple(e.source for e in found)

    def children(self, node_id: str, kind: EdgeKind | None = "descent") -> tuple[str, ...]:
        """The node's copies by edges of `kind` (None: by any edge)."""
        return tuple(self._children_map(kind)[node_id])

    def ancestors(self, node_id: str) -> frozenset[str]:
        """Every node the given one descends from, by any edge."""
        seen: set[str] = set()
        frontier = list(self.exemplars(node_id))
        while frontier:
            current = frontier.pop()
            if current not in seen:
                seen.add(current)
                frontier.extend(self.exemplars(current))
        return frozenset(seen)

    @property
    def extant(self) -> tuple[str, ...]:
        """The ids of the extant witnesses (not the hypothetical exemplars)."""
        return tuple(node.id for node in self.nodes if node.extant)
