"""The variant graph of a passage: one node per reading of an aligned stretch (tokens
that share a normal form merged), one path per witness through the nodes it reads.

Nodes that every witness through them passes through together are joined into one, and
a long joined run is shown by its first and last words ("a b c … x y z", with the
number of words left out), so a drawing shows the variation rather than every word.
The `.dot` and `.svg` formats and the HTML report draw this same graph.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .model import Collation

#: a joined run longer than this many words is shown by its ends
RUN_WORDS = 8
#: how many words of each end a collapsed run keeps
END_WORDS = 3
#: the width, in characters, labels are wrapped to
WRAP = 18
#: how many variant locations a passage holds when none is asked for
DEFAULT_LOCATIONS = 8
#: aligned columns of shared text kept on each side of the passage
CONTEXT_COLUMNS = 4


@dataclass(frozen=True)
class Node:
    """A reading: its words (as the first witness reading it writes them) and the
    witnesses (by index) that read it."""

    words: tuple[str, ...]
    witnesses: frozenset[int]
    #: the words' normal forms, which every witness through the node shares
    normals: tuple[str, ...] = ()
    #: per word, whether whitespace follows it there (so "is, that" is not "is , that")
    spaced: tuple[bool, ...] = ()

    def _text(self, start: int, stop: int) -> str:
        words = self.words[start:stop]
        if len(self.spaced) != len(self.words):  # the start and end nodes
            return " ".join(words)
        spaces = [" " if s else "" for s in self.spaced[start:stop]]
        return "".join(w + s for w, s in zip(words, spaces, strict=True)).strip()

    @property
    def text(self) -> str:
        """The words as the first witness reading them writes them."""
        return self._text(0, len(self.words))

    @property
    def label(self) -> str:
        """The words, a long run shown by its ends."""
        count = len(self.words)
        if count <= RUN_WORDS:
            return self._text(0, count)
        left = self._text(0, END_WORDS)
        right = self._text(count - END_WORDS, count)
        return f"{left} \u2026 {right} ({count:,} words)"

    def lines(self, width: int = WRAP) -> list[str]:
        """The label wrapped to `width` characters (a long word is not cut)."""
        return textwrap.wrap(self.label, width, break_long_words=False) or [""]


@dataclass(frozen=True)
class VariantGraph:
    sigla: tuple[str, ...]
    #: in an order every path follows; the first is the start, the last the end
    nodes: tuple[Node, ...]
    #: per witness, the nodes it passes through, start to end
    paths: tuple[tuple[int, ...], ...]
    #: the variant locations the passage covers (first, last), or None for the whole text
    locations: tuple[int, int] | None = None

    def edges(self) -> dict[tuple[int, int], list[str]]:
        """Each step some witnesses take, with their sigla, in order."""
        edges: dict[tuple[int, int], list[str]] = {}
        for w, path in enumerate(self.paths):
            for a, b in zip(path, path[1:], strict=False):
                edges.setdefault((a, b), []).append(self.sigla[w])
        return dict(sorted(edges.items()))


def passage_columns(
    collation: Collation, locations: tuple[int, int] | None
) -> tuple[range, tuple[int, int] | None]:
    """The alignment columns of variant locations `first` to `last` (by number) with a
    little shared context on each side; all columns when `locations` is None."""
    columns = len(collation.alignment.columns)
    if locations is None:
        return range(columns), None
    first, last = locations
    chosen = [v for v in collation.apparatus.variant_locations if first <= v.number <= last]
    if not chosen:
        known = collation.apparatus.variant_locations
        span = f"1 to {known[-1].number}" if known else "none"
        raise ValueError(f"no variant locations {first} to {last} (there are {span})")
    start = max(0, chosen[0].columns[0] - CONTEXT_COLUMNS)
    stop = min(columns, chosen[-1].columns[1] + CONTEXT_COLUMNS)
    return range(start, stop), (chosen[0].number, chosen[-1].number)


def default_passage(collation: Collation) -> tuple[int, int] | None:
    """The most crowded stretch of DEFAULT_LOCATIONS variant locations (fewest aligned
    columns from first to last), or None when there are no more than that."""
    locations = collation.apparatus.variant_locations
    if len(locations) <= DEFAULT_LOCATIONS:
        return None
    n = DEFAULT_LOCATIONS - 1
    best = min(
        range(len(locations) - n),
        key=lambda i: (locations[i + n].columns[1] - locations[i].columns[0], i),
    )
    return locations[best].number, locations[best + n].number


def variant_graph(collation: Collation, locations: tuple[int, int] | None = None) -> VariantGraph:
    """The variant graph of variant locations `locations` = (first, last) with some
    shared context, or of the whole text when None."""
    alignment = collation.alignment
    columns, covered = passage_columns(collation, locations)
    everyone = frozenset(range(len(alignment.witnesses)))
    nodes: list[Node] = [Node(("start",), everyone)]
    paths: list[list[int]] = [[0] for _ in alignment.witnesses]
    for number in columns:
        by_normal: dict[str, list[int]] = {}
        tokens = alignment.tokens(number)
        for w, token in enumerate(tokens):
            if token is not None and token.text:
                by_normal.setdefault(token.normal, []).append(w)
        for members in by_normal.values():
            token = tokens[members[0]]
            assert token is not None
            spaced = (bool(token.whitespace),)
            nodes.append(Node((token.text,), frozenset(members), (token.normal,), spaced))
            for w in members:
                paths[w].append(len(nodes) - 1)
    nodes.append(Node(("end",), everyone))
    for path in paths:
        path.append(len(nodes) - 1)
    joined, joined_paths = _join_runs(nodes, paths)
    return VariantGraph(
        alignment.sigla, tuple(joined), tuple(tuple(p) for p in joined_paths), covered
    )


def _join_runs(nodes: list[Node], paths: list[list[int]]) -> tuple[list[Node], list[list[int]]]:
    """Join a node to the next when the same witnesses read both and nothing else
    stands between them for any of those witnesses."""
    successor: dict[int, set[int]] = {}
    for path in paths:
        for a, b in zip(path, path[1:], strict=False):
            successor.setdefault(a, set()).add(b)
    merged_into: dict[int, int] = {}
    words = {i: list(node.words) for i, node in enumerate(nodes)}
    normals = {i: list(node.normals) for i, node in enumerate(nodes)}
    spaced = {i: list(node.spaced) for i, node in enumerate(nodes)}
    for i in range(1, len(nodes) - 1):
        head = merged_into.get(i, i)
        following = successor.get(i, set())
        if len(following) == 1:
            (j,) = following
            if 0 < j < len(nodes) - 1 and nodes[j].witnesses == nodes[i].witnesses:
                merged_into[j] = head
                words[head] += nodes[j].words
                normals[head] += nodes[j].normals
                spaced[head] += nodes[j].spaced
    keep = [i for i in range(len(nodes)) if i not in merged_into]
    index = {old: new for new, old in enumerate(keep)}
    new_nodes = [
        Node(tuple(words[i]), nodes[i].witnesses, tuple(normals[i]), tuple(spaced[i]))
        for i in keep
    ]
    new_paths = [[index[i] for i in path if i in index] for path in paths]
    return new_nodes, new_paths
