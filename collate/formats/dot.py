"""The variant graph in Graphviz DOT: one node per reading of an aligned stretch, one
edge per step some witnesses take, labelled with their sigla (see
`collate.variant_graph`). Long shared runs are shown by their ends and labels are
wrapped, so the drawing stays a readable size. The whole text by default; `locations`
= (first, last) draws only that passage."""

from __future__ import annotations

from ..model import Collation
from ..variant_graph import variant_graph


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def write(collation: Collation, *, locations: tuple[int, int] | None = None) -> bytes:
    graph = variant_graph(collation, locations)
    lines = ["digraph variant_graph {", "  rankdir=LR;", "  node [shape=box];"]
    for i, node in enumerate(graph.nodes):
        label = "\n".join(" ".join(line.split()) for line in node.lines())
        lines.append(f"  n{i} [label={_quote(label)}];")
    for (a, b), names in graph.edges().items():
        lines.append(f"  n{a} -> n{b} [label={_quote(', '.join(names))}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
