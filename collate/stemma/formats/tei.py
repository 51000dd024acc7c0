"""The stemma as a TEI `<standOff>` graph, for embedding in the apparatus."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from ...xmltools import XML_ID, tei
from ..model import Stemma


def node_xml_id(node_id: str, witness_ids: Mapping[str, str]) -> str:
    """The `xml:id` of a stemma node: "stemma-" and the witness's own xml:id, or the
    lost exemplar's name (Greek letters are valid in an NCName)."""
    base = witness_ids.get(node_id)
    if base is None:
        from ...xmltools import witness_ids as make_ids

        base = make_ids([node_id])[node_id]
    return f"stemma-{base}"


def standoff(stemma: Stemma, witness_ids: Mapping[str, str]) -> etree._Element:
    """`<standOff><graph type="directed" subtype="stemma">`: a `<node>` per witness
    (pointing at its `<witness>` with @corresp) or lost exemplar, an `<arc>` per edge
    with the confidence in @cert, "descent" or "contamination" in @n, and the
    evidence in its second `<label>`."""
    root = etree.Element(tei("standOff"))
    graph = etree.SubElement(
        root,
        tei("graph"),
        type="directed",
        subtype="stemma",
        order=str(len(stemma.nodes)),
        size=str(len(stemma.edges)),
    )
    graph.set(XML_ID, "stemma")
    etree.SubElement(graph, tei("label")).text = stemma.method or "stemma"
    ids = {n.id: node_xml_id(n.id, witness_ids) for n in stemma.nodes}
    for node in stemma.nodes:
        element = etree.SubElement(graph, tei("node"), type="extant" if node.extant else "lost")
        element.set(XML_ID, ids[node.id])
        if node.extant and node.id in witness_ids:
            element.set("corresp", "#" + witness_ids[node.id])
        in_degree = sum(1 for e in stemma.edges if e.target == node.id)
        out_degree = sum(1 for e in stemma.edges if e.source == node.id)
        element.set("inDegree", str(in_degree))
        element.set("outDegree", str(out_degree))
        etree.SubElement(element, tei("label")).text = node.id
    for edge in stemma.edges:
        arc = etree.SubElement(
            graph, tei("arc"), {"from": "#" + ids[edge.source], "to": "#" + ids[edge.target]}
        )
        arc.set("n", edge.kind)
        arc.set("cert", f"{edge.confidence:.4g}")
        etree.SubElement(arc, tei("label")).text = f"{edge.confidence:.2f}"
        etree.SubElement(arc, tei("label")).text = edge.evidence.summary or edge.kind
    return root
