"""The stemma in Newick, one tree per tradition."""

from __future__ import annotations

from ..model import Stemma


def render(stemma: Stemma) -> bytes:
    return to_newick(stemma).encode("utf-8")


_NEWICK_SPECIAL = set("()[]':;,_ \t\n")


def _newick_label(text: str) -> str:
    if any(c in _NEWICK_SPECIAL for c in text):
        return "'" + text.replace("'", "''") + "'"
    return text


def to_newick(stemma: Stemma) -> str:
    """One Newick tree per independent tradition, one per line. Extant exemplars and
    lost nodes are labelled internal nodes; contamination cannot be shown in Newick
    and is left out (the JSON and DOT keep it)."""
    children: dict[str, list[str]] = {n.id: [] for n in stemma.nodes}
    for edge in stemma.edges:
        if edge.kind == "descent":
            children[edge.source].append(edge.target)

    def subtree(node: str) -> str:
        label = _newick_label(node)
        if not children[node]:
            return label
        return "(" + ",".join(subtree(c) for c in children[node]) + ")" + label

    return "".join(subtree(root) + ";\n" for root in stemma.roots)
