"""The stemma in the report: laid out as a tree, drawn as SVG, with the evidence for
every edge as text below it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from .tree import append_text, el, section

if TYPE_CHECKING:
    from ...stemma.model import Stemma


def stemma_section(parent: etree._Element, stemma: Stemma) -> None:
    """The stemma drawn as SVG, with the evidence for every edge as text below it."""
    figure = el(section(parent, "stemma", "Stemma"), "figure", None, {"class": "stemma"})
    figure.append(stemma_svg(stemma))
    caption = el(figure, "figcaption", None, {"id": "stemma-caption"})
    el(
        caption,
        "p",
        "Lines run from exemplar to copy; a lost exemplar is drawn as an "
        "oval, a dashed line is contamination, the figure on a line its confidence.",
        {"class": "note"},
    )
    details = el(caption, "details")
    el(details, "summary", "The evidence")
    evidence = el(details, "ul", None, {"class": "evidence"})
    for edge in stemma.edges:
        item = el(evidence, "li")
        el(item, "strong", f"{edge.source} \u2192 {edge.target}")
        append_text(
            item, f" ({edge.kind}, confidence {edge.confidence:.2f}): {edge.evidence.summary}"
        )
    alone = [root for root in stemma.roots if not stemma.children(root)]
    if alone:
        el(evidence, "li", "Standing alone, with no line of descent: " + ", ".join(alone))


_SLOT, _LEVEL, _BOX, _CHAR = 24, 90, 30, 7.5


def _layout(stemma: Stemma) -> tuple[dict[str, tuple[float, int]], dict[str, float]]:
    """Each node's slot (x, in node widths) and level, and its box width in pixels:
    leaves side by side in order, each exemplar centred over its copies."""
    width = {node.id: 16 + _CHAR * len(node.id) for node in stemma.nodes}
    place: dict[str, tuple[float, int]] = {}
    next_slot = 0.0

    def visit(node: str, level: int) -> float:
        nonlocal next_slot
        children = stemma.children(node)
        if not children:
            x, next_slot = next_slot, next_slot + 1
        else:
            xs = [visit(child, level + 1) for child in children]
            x = (xs[0] + xs[-1]) / 2
        place[node] = (x, level)
        return x

    for root in stemma.roots:
        visit(root, 0)
    return place, width


def stemma_svg(stemma: Stemma) -> etree._Element:
    """An SVG drawing of the stemma, as an element to put inside an HTML page."""
    place, width = _layout(stemma)
    slot = max(width.values()) + _SLOT
    levels = max(level for _, level in place.values()) + 1
    size = (slot * (1 + max(x for x, _ in place.values())), _LEVEL * levels - _LEVEL + _BOX + 8)
    svg = el(
        None,
        "svg",
        None,
        {
            "class": "stemma",
            "viewBox": f"0 0 {size[0]:.0f} {size[1]:.0f}",
            "width": f"{size[0]:.0f}",
            "height": f"{size[1]:.0f}",
            "role": "img",
            "aria-label": "Stemma of the witnesses",
            "aria-describedby": "stemma-caption",
        },
    )

    def centre(node: str) -> tuple[float, float]:
        x, level = place[node]
        return slot * x + slot / 2, 4 + _LEVEL * level

    for edge in stemma.edges:
        (x1, y1), (x2, y2) = centre(edge.source), centre(edge.target)
        line = el(svg, "g", None, {"class": f"edge {edge.kind}"})
        el(line, "title", f"{edge.source} \u2192 {edge.target}: {edge.evidence.summary}")
        el(
            line,
            "line",
            None,
            {"x1": f"{x1:.1f}", "y1": f"{y1 + _BOX:.1f}", "x2": f"{x2:.1f}", "y2": f"{y2:.1f}"},
        )
        el(
            line,
            "text",
            f"{edge.confidence:.2f}",
            {"x": f"{(x1 + x2) / 2 + 4:.1f}", "y": f"{(y1 + _BOX + y2) / 2:.1f}"},
        )
    for node in stemma.nodes:
        x, y = centre(node.id)
        group = el(svg, "g", None, {"class": "node " + ("extant" if node.extant else "lost")})
        half = width[node.id] / 2
        box = {
            "x": f"{x - half:.1f}",
            "y": f"{y:.1f}",
            "width": f"{2 * half:.1f}",
            "height": str(_BOX),
            "rx": f"{_BOX / 2 if not node.extant else 3}",
        }
        el(group, "rect", None, box)
        el(group, "text", node.id, {"x": f"{x:.1f}", "y": f"{y + _BOX / 2 + 5:.1f}"})
    return svg
