"""The stemma for Graphviz (`dot -Tsvg stemma.dot -o stemma.svg`)."""

from __future__ import annotations

from ..model import Stemma


def render(stemma: Stemma) -> bytes:
    return to_dot(stemma).encode("utf-8")


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(stemma: Stemma) -> str:
    """Graphviz: witnesses in boxes, lost exemplars as small circles, contamination
    dashed; each edge labelled with its confidence."""
    lines = [
        "digraph stemma {",
        "  graph [rankdir=TB];",
        '  node [shape=box, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in stemma.nodes:
        style = "" if node.extant else ", shape=circle, style=dashed"
        lines.append(f"  {_dot_id(node.id)} [label={_dot_id(node.id)}{style}];")
    for edge in stemma.edges:
        style = ", style=dashed, constraint=false" if edge.kind == "contamination" else ""
        lines.append(
            f"  {_dot_id(edge.source)} -> {_dot_id(edge.target)} "
            f'[label="{edge.confidence:.2f}"{style}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
