"""A stemma written out: JSON (with its schema in schemas/stemma.schema.json), Graphviz
DOT, Newick and a readable summary with the evidence. (The TEI `<standOff>` is part of
the TEI apparatus: `collate.formats.tei`.)

Every writer depends only on the stemma, whose nodes and edges are already in a fixed
order, so the same stemma always gives the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from typing import Any

from ..formats import choose_format
from .model import EdgeKind, Evidence, Stemma, StemmaEdge, StemmaNode

#: The stemma formats, by name, with the file endings that select them.
STEMMA_FORMATS: dict[str, tuple[str, ...]] = {
    "json": (".json",),
    "dot": (".dot", ".gv"),
    "newick": (".nwk", ".newick", ".tre"),
    "text": (".txt",),
}


def stemma_format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format named, or the one the file's ending selects."""
    return choose_format(STEMMA_FORMATS, path, format, what="stemma format", parameter=None)


def render_stemma(stemma: Stemma, format: str) -> str:
    writers: dict[str, Callable[[Stemma], str]] = {
        "json": to_json,
        "dot": to_dot,
        "newick": to_newick,
        "text": summary,
    }
    return writers[stemma_format_for("", format)](stemma)


# --------------------------------------------------------------------------- JSON


def _evidence_json(evidence: Evidence) -> dict[str, Any]:
    return {
        "innovations": evidence.innovations,
        "conflicts": evidence.conflicts,
        "exemplar_singular": evidence.exemplar_singular,
        "omissions": evidence.omissions,
        "additions": evidence.additions,
        "eye_skips": evidence.eye_skips,
        "habitual": evidence.habitual,
        "against_habit": evidence.against_habit,
        "support": evidence.support,
        "direction": evidence.direction,
        "examples": list(evidence.examples),
        "summary": evidence.summary,
    }


def to_json_data(stemma: Stemma) -> dict[str, Any]:
    """The stemma as plain data, as schemas/stemma.schema.json describes it."""
    return {
        "root": stemma.root,
        "roots": list(stemma.roots),
        "method": stemma.method,
        "nodes": [
            {"id": n.id, "extant": n.extant, **({"date": n.date} if n.date else {})}
            for n in stemma.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "confidence": e.confidence,
                "type": e.kind,
                "evidence": _evidence_json(e.evidence),
            }
            for e in stemma.edges
        ],
    }


def to_json(stemma: Stemma) -> str:
    return json.dumps(to_json_data(stemma), ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> Stemma:
    """Read a stemma written by `to_json` back; malformed input raises ValueError."""
    try:
        data = json.loads(text)
        nodes = tuple(StemmaNode(n["id"], bool(n["extant"]), n.get("date")) for n in data["nodes"])
        edges = tuple(
            StemmaEdge(
                e["source"],
                e["target"],
                float(e["confidence"]),
                _evidence_from(e["evidence"]),
                _kind(e.get("type", "descent")),
            )
            for e in data["edges"]
        )
        return Stemma(nodes, edges, data.get("method", ""))
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a stemma: {error}") from None


def _kind(value: str) -> EdgeKind:
    if value == "descent":
        return "descent"
    if value == "contamination":
        return "contamination"
    raise ValueError(f"unknown edge type {value!r}")


def _evidence_from(data: Mapping[str, Any]) -> Evidence:
    return Evidence(
        int(data["innovations"]),
        int(data["conflicts"]),
        int(data["exemplar_singular"]),
        int(data["omissions"]),
        int(data["additions"]),
        int(data["eye_skips"]),
        float(data["support"]),
        float(data["direction"]),
        tuple(int(x) for x in data["examples"]),
        str(data["summary"]),
        int(data.get("habitual", 0)),
        int(data.get("against_habit", 0)),
    )


# --------------------------------------------------------------------------- DOT


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


# --------------------------------------------------------------------------- Newick

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


# --------------------------------------------------------------------------- summary


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
    for root in traditions:
        lines.append(f"{_name(stemma.node(root))}  (archetype)")
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
