"""The variant graph in Graphviz DOT: one node per reading of an aligned position
(tokens that share a normal form), one edge per step a witness takes, labelled with the
sigla taking it. Runs of nodes that every path passes through together are joined, so
the graph shows the variation rather than every word."""

from __future__ import annotations

from ..model import Collation

Node = tuple[str, frozenset[int]]  # (label, the witnesses reading it)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def _nodes(collation: Collation) -> tuple[list[Node], list[list[int]]]:
    """The readings, and per witness the readings it passes through, in order."""
    alignment = collation.alignment
    nodes: list[Node] = [("start", frozenset(range(len(alignment.witnesses))))]
    paths: list[list[int]] = [[0] for _ in alignment.witnesses]
    for number in range(len(alignment.columns)):
        by_normal: dict[str, list[int]] = {}
        tokens = alignment.tokens(number)
        for w, token in enumerate(tokens):
            if token is not None and token.text:
                by_normal.setdefault(token.normal, []).append(w)
        for members in by_normal.values():
            token = tokens[members[0]]
            assert token is not None
            nodes.append((token.text, frozenset(members)))
            for w in members:
                paths[w].append(len(nodes) - 1)
    nodes.append(("end", nodes[0][1]))
    for path in paths:
        path.append(len(nodes) - 1)
    return nodes, paths


def _join_runs(nodes: list[Node], paths: list[list[int]]) -> tuple[list[Node], list[list[int]]]:
    """Join a node to the next when the same witnesses read both and nothing else
    stands between them for any of those witnesses."""
    successor: dict[int, set[int]] = {}
    for path in paths:
        for a, b in zip(path, path[1:], strict=False):
            successor.setdefault(a, set()).add(b)
    merged_into: dict[int, int] = {}
    labels = {i: node[0] for i, node in enumerate(nodes)}
    for i in range(1, len(nodes) - 1):
        head = merged_into.get(i, i)
        following = successor.get(i, set())
        if len(following) == 1:
            (j,) = following
            if 0 < j < len(nodes) - 1 and nodes[j][1] == nodes[i][1]:
                merged_into[j] = head
                labels[head] += " " + nodes[j][0]
    keep = [i for i in range(len(nodes)) if i not in merged_into]
    index = {old: new for new, old in enumerate(keep)}
    new_nodes = [(labels[i], nodes[i][1]) for i in keep]
    new_paths = [[index[i] for i in path if i in index] for path in paths]
    return new_nodes, new_paths


def write(collation: Collation) -> bytes:
    sigla = collation.alignment.sigla
    nodes, paths = _join_runs(*_nodes(collation))
    edges: dict[tuple[int, int], list[str]] = {}
    for w, path in enumerate(paths):
        for a, b in zip(path, path[1:], strict=False):
            edges.setdefault((a, b), []).append(sigla[w])
    lines = ["digraph variant_graph {", "  rankdir=LR;", "  node [shape=box];"]
    for i, (label, _) in enumerate(nodes):
        lines.append(f"  n{i} [label={_quote(label)}];")
    for (a, b), names in sorted(edges.items()):
        lines.append(f"  n{a} -> n{b} [label={_quote(', '.join(names))}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
