"""The stemma as a readable account: trees drawn in text, every edge with its
confidence and a sentence of evidence."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Stemma, StemmaEdge, StemmaNode


def render(stemma: Stemma) -> bytes:
    return summary(stemma).encode("utf-8")


def summary(stemma: Stemma) -> str:
    """A readable account: each tradition drawn as a tree, every edge with its
    confidence and evidence, contamination and witnesses standing alone."""
    children: dict[str, list[StemmaEdge]] = {n.id: [] for n in stemma.nodes}
    for edge in stemma.edges:
        if edge.kind == "descent":
            children[edge.source].append(edge)
    extant = len(stemma.extant)
    alone = [r for r in stemma.roots if not children[r]]
    traditions = [r for r in stemma.roots if children[r]]
    lines = [_headline(extant, len(traditions), len(alone)), ""]
    against = [e for e in stemma.edges if e.evidence.later_ancestor]
    if against:
        # said first: a reader who trusts the dates must not miss that they were broken
        lines.append("Dates: no tree the readings allow keeps every date given:")
        lines.extend(
            f"  {e.target} ({stemma.node(e.target).date}) is drawn below "
            f"{e.evidence.later_ancestor} ({stemma.node(e.evidence.later_ancestor).date}); "
            "a date given may be wrong, not necessarily one of these two."
            for e in against
        )
        lines.append("")
    for root in traditions:
        lines.append(f"{_name(stemma.node(root))}  {_root_role(stemma.node(root))}")
        lines.extend(_branches(stemma, children, root, ""))
        lines.append("")
    mixed = [e for e in stemma.edges if e.kind == "contamination"]
    if mixed:
        lines.append("Contamination:")
        for edge in mixed:
            lines.append(
                f"  {edge.target} also follows {edge.source}  (confidence {edge.confidence:.2f})"
            )
            lines.append(f"    {edge.evidence.summary}")
        lines.append("")
    fragments = [n for n in stemma.nodes if n.fragment]
    if fragments:
        lines.append("Fragments:")
        lines.extend(f"  {n.id} is {n.fragment}." for n in fragments)
        lines.append("")
    for root in alone:
        lines.append(
            f"{root} stands alone: it shares no more with the others than common passages "
            "such as quotations, so no line of descent is drawn."
        )
    return "\n".join(lines).rstrip() + "\n"


def _headline(extant: int, traditions: int, alone: int) -> str:
    parts = [f"Stemma of {extant} witness{'es' if extant != 1 else ''}"]
    if traditions:
        parts.append(f"{traditions} tradition{'s' if traditions != 1 else ''}")
    if alone:
        parts.append(f"{alone} standing alone")
    return ": ".join(parts[:1]) + (": " + ", ".join(parts[1:]) if parts[1:] else "") + "."


def _root_role(node: StemmaNode) -> str:
    """An extant witness at the top is the root (the exemplar of the rest); the
    archetype, in the field's sense, is the lost common ancestor."""
    return "(root)" if node.extant else "(archetype)"


def _name(node: StemmaNode) -> str:
    return node.id if node.extant else f"{node.id} (lost)"


def _branches(
    stemma: Stemma, children: Mapping[str, list[StemmaEdge]], node: str, indent: str
) -> list[str]:
    lines = []
    edges = children[node]
    for number, edge in enumerate(edges):
        last = number == len(edges) - 1
        lines.append(
            f"{indent}{'└── ' if last else '├── '}{_name(stemma.node(edge.target))}"
            f"  confidence {edge.confidence:.2f}"
        )
        deeper = indent + ("    " if last else "│   ")
        lines.append(f"{deeper}  {edge.evidence.summary}")
        lines.extend(_branches(stemma, children, edge.target, deeper))
    return lines
