"""The stemma as JSON, as schemas/stemma.schema.json describes it, and read back."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..model import EdgeKind, Evidence, Stemma, StemmaEdge, StemmaNode


def render(stemma: Stemma) -> bytes:
    return to_json(stemma).encode("utf-8")


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
        **({"against_dates": True} if evidence.against_dates else {}),
        **({"basis": evidence.basis} if evidence.basis else {}),
        **({"later_ancestor": evidence.later_ancestor} if evidence.later_ancestor else {}),
        **({"recurrence": evidence.recurrence} if evidence.recurrence is not None else {}),
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
            {
                "id": n.id,
                "extant": n.extant,
                **({"date": n.date} if n.date else {}),
                **({"fragment": n.fragment} if n.fragment else {}),
            }
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
        nodes = tuple(
            StemmaNode(n["id"], bool(n["extant"]), n.get("date"), n.get("fragment"))
            for n in data["nodes"]
        )
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
        bool(data.get("against_dates", False)),
        str(data.get("basis", "")),
        str(data.get("later_ancestor", "")),
        None if data.get("recurrence") is None else float(data["recurrence"]),
    )
