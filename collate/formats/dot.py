"""The variant graph in Graphviz DOT: one node per reading of an aligned stretch, one
edge per step some witnesses take, labelled with their sigla (see
`collate.variant_graph`). Long shared runs are shown by their ends and labels are
wrapped, and the graph runs top to bottom, as the text reads: a long text makes a tall
drawing a few readings wide, not a strip too wide for any image. The whole text by
default; `locations` = (first, last) draws only that passage."""

from __future__ import annotations

import textwrap

from ..model import Collation
from ..variant_graph import variant_graph


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def write(collation: Collation, *, locations: tuple[int, int] | None = None) -> bytes:
    graph = variant_graph(collation, locations)
    lines = ["digraph variant_graph {", "  rankdir=TB;", "  node [shape=box];"]
    for i, node in enumerate(graph.nodes):
        label = "\n".join(" ".join(line.split()) for line in node.lines())
        lines.append(f"  n{i} [label={_quote(label)}];")
    for (a, b), names in graph.edges().items():
        sigla = "\n".join(textwrap.wrap(", ".join(names), 24, break_long_words=False))
        lines.append(f"  n{a} -> n{b} [label={_quote(sigla)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
