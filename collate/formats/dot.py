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
    # A long text's readings and its steps' groups of witnesses recur: each distinct
    # one is wrapped once (wrapping is most of the work of writing a long graph).
    quoted: dict[str, str] = {}
    for i, node in enumerate(graph.nodes):
        label = quoted.get(node.label)
        if label is None:
            shown = "\n".join(" ".join(line.split()) for line in node.lines())
            label = quoted[node.label] = _quote(shown)
        lines.append(f"  n{i} [label={label}];")
    labels: dict[tuple[str, ...], str] = {}
    for (a, b), names in graph.edges().items():
        sigla = labels.get(tuple(names))
        if sigla is None:
            wrapped = "\n".join(textwrap.wrap(", ".join(names), 24, break_long_words=False))
            sigla = labels[tuple(names)] = _quote(wrapped)
        lines.append(f"  n{a} -> n{b} [label={sigla}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
