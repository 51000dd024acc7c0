"""The variant graph in the report: the most crowded few variant locations drawn as in
the `.svg` output (`collate.formats.svg`), with a pointer to that output for any
other passage. Left out with very many witnesses, whose paths would fill the drawing."""

from __future__ import annotations

from lxml import etree

from ...model import Collation
from ...variant_graph import default_passage, variant_graph
from ..svg import drawing
from .tree import el

#: the most witnesses whose paths are drawn
GRAPH_WITNESSES = 40


def graph_section(parent: etree._Element, collation: Collation) -> None:
    apparatus = collation.apparatus
    if not apparatus.variant_locations:
        el(parent, "p", "There are no variant locations to draw.", {"class": "note"})
        return
    if len(apparatus.sigla) > GRAPH_WITNESSES:
        el(
            parent,
            "p",
            f"With {len(apparatus.sigla):,} witnesses the variant graph is not drawn here "
            "(one path per witness would fill it); write a passage as .svg instead.",
            {"class": "note"},
        )
        return
    passage = default_passage(collation)
    svg = drawing(variant_graph(collation, passage))  # a new tree each time: ours to change
    for element in svg.iter():  # HTML, not XML: plain names, no namespace
        element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(svg)
    box = el(parent, "div", None, {"class": "graph-box"})
    box.append(svg)
    where = (
        f"variant locations {passage[0]:,} to {passage[1]:,}, the most crowded stretch"
        if passage
        else "the whole text"
    )
    el(
        parent,
        "p",
        f"The variant graph of {where}: one coloured path per witness, shared readings "
        "drawn once, long shared runs by their ends. Any other passage: "
        "collate.render(collation, 'svg', locations=(first, last)).",
        {"class": "note"},
    )
