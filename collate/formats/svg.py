"""The variant graph of a passage as an SVG drawing, in the manner of TRAViz: the
readings left to right, the most widely read one of each place on the middle line and
its alternatives below it, one coloured path per witness through the readings it has,
shared stretches drawn once (a long one by its ends). A reading's size grows with the
number of witnesses reading it.

`write(collation, locations=(first, last))` draws variant locations first to last with
a little context; without `locations`, the most crowded stretch of a few locations (or
the whole text, if it has no more than that). The same drawing is in the HTML report.
"""

from __future__ import annotations

from lxml import etree

from ..model import Collation
from ..variant_graph import Node, VariantGraph, default_passage, variant_graph

SVG = "http://www.w3.org/2000/svg"
#: the most readings drawn; a longer passage is refused rather than drawn unreadably
MAX_NODES = 400
_GAP, _LINE, _PAD, _CHAR = 34, 16, 6, 7.4
_LEGEND = 20


def _colour(index: int, count: int) -> str:
    """A colour per witness, spread round the hue circle (deterministic)."""
    return f"hsl({round(360 * index / max(1, count))} 70% 40%)"


def _scale(node: Node, witnesses: int) -> float:
    """How much larger than the smallest a reading's text is: by its share of witnesses."""
    return 1 + 0.25 * (len(node.witnesses) / max(1, witnesses))


def _sizes(graph: VariantGraph) -> list[tuple[float, float]]:
    sizes = []
    for node in graph.nodes:
        lines = node.lines()
        scale = _scale(node, len(graph.sigla))
        width = max(len(line) for line in lines) * _CHAR * scale + 2 * _PAD
        sizes.append((width, len(lines) * _LINE * scale + 2 * _PAD))
    return sizes


def _layout(graph: VariantGraph) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Each node's top-left corner and size: ranks left to right (a node one rank past
    every reading before it on any path), and within a rank the readings with most
    witnesses on top."""
    sizes = _sizes(graph)
    rank = [0] * len(graph.nodes)
    for a, b in graph.edges():
        rank[b] = max(rank[b], rank[a] + 1)
    ranks: dict[int, list[int]] = {}
    for i, r in enumerate(rank):
        ranks.setdefault(r, []).append(i)
    pitch = max(height for _, height in sizes) + _GAP / 2
    places: list[tuple[float, float]] = [(0.0, 0.0)] * len(graph.nodes)
    x = float(_PAD)  # a float from the start: the compiled build keeps one type
    for r in sorted(ranks):
        members = sorted(ranks[r], key=lambda i: (-len(graph.nodes[i].witnesses), i))
        for lane, i in enumerate(members):
            places[i] = (x, _PAD + 24 + lane * pitch + (pitch - sizes[i][1]) / 2)
        x += max(sizes[i][0] for i in members) + _GAP
    return places, sizes


def drawing(graph: VariantGraph) -> etree._Element:
    """The SVG element of a variant graph (in the SVG namespace, so it stands alone as a
    file and inside an HTML page alike)."""
    if len(graph.nodes) > MAX_NODES:
        raise ValueError(
            f"the passage has {len(graph.nodes):,} readings, too many to draw "
            f"(at most {MAX_NODES}); choose fewer variant locations"
        )
    places, sizes = _layout(graph)
    count = len(graph.sigla)
    width = max(x + w for (x, _), (w, _) in zip(places, sizes, strict=True)) + _PAD
    graph_height = max(y + h for (_, y), (_, h) in zip(places, sizes, strict=True)) + _PAD
    height = graph_height + _LEGEND * ((count + 5) // 6) + _PAD
    svg = etree.Element(
        f"{{{SVG}}}svg",
        {
            "class": "variant-graph",
            "viewBox": f"0 0 {width:.0f} {height:.0f}",
            "width": f"{width:.0f}",
            "height": f"{height:.0f}",
            "role": "img",
            "font-family": "Georgia, 'DejaVu Serif', serif",
        },
        nsmap={None: SVG},
    )

    def sub(
        parent: etree._Element, tag: str, text: str | None = None, **attrs: str
    ) -> etree._Element:
        element = etree.SubElement(parent, f"{{{SVG}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    passage = graph.locations
    title = (
        f"Variant graph of variant locations {passage[0]}\u2013{passage[1]}"
        if passage
        else "Variant graph of the whole text"
    )
    sub(svg, "title", title)
    sub(svg, "text", title, x=str(_PAD), y="16", **{"font-size": "13", "font-family": "sans-serif"})
    # one path per witness: through each of its readings at its own height in the box
    paths = sub(svg, "g", **{"class": "paths", "fill": "none", "stroke-width": "2"})
    for w, path in enumerate(graph.paths):
        points = []
        for i in path:
            (x, y), (box_width, box_height) = places[i], sizes[i]
            readers = sorted(graph.nodes[i].witnesses)
            share = (readers.index(w) + 1) / (len(readers) + 1)
            points.append((x, x + box_width, y + box_height * share))
        steps = [f"M{points[0][0]:.1f},{points[0][2]:.1f}H{points[0][1]:.1f}"]
        for (_, end, y1), (start, stop, y2) in zip(points, points[1:], strict=False):
            middle = (end + start) / 2
            steps.append(
                f"C{middle:.1f},{y1:.1f} {middle:.1f},{y2:.1f} {start:.1f},{y2:.1f}H{stop:.1f}"
            )
        line = sub(
            paths,
            "path",
            d="".join(steps),
            stroke=_colour(w, count),
            **{"data-siglum": graph.sigla[w], "stroke-opacity": "0.75"},
        )
        sub(line, "title", graph.sigla[w])
    nodes = sub(svg, "g", **{"class": "readings"})
    for i, node in enumerate(graph.nodes):
        (x, y), (box_width, box_height) = places[i], sizes[i]
        scale = _scale(node, count)
        group = sub(nodes, "g")
        names = ", ".join(graph.sigla[w] for w in sorted(node.witnesses))
        sub(group, "title", f"{node.text}\n({names})")
        sub(
            group,
            "rect",
            x=f"{x:.1f}",
            y=f"{y:.1f}",
            width=f"{box_width:.1f}",
            height=f"{box_height:.1f}",
            rx="4",
            fill="#fdfdfb",
            **{"fill-opacity": "0.85", "stroke": "#8a877f", "stroke-width": "0.8"},
        )
        for k, text in enumerate(node.lines()):
            sub(
                group,
                "text",
                text,
                x=f"{x + _PAD:.1f}",
                y=f"{y + _PAD + (k + 0.8) * _LINE * scale:.1f}",
                **{"font-size": f"{13 * scale:.1f}", "fill": "#1b1b1b"},
            )
    legend = sub(svg, "g", **{"class": "legend", "font-size": "12", "font-family": "sans-serif"})
    column = (width - 2 * _PAD) / 6
    for w, siglum in enumerate(graph.sigla):
        x, y = _PAD + column * (w % 6), graph_height + _LEGEND * (w // 6) + 12
        sub(
            legend,
            "line",
            x1=f"{x:.1f}",
            y1=f"{y:.1f}",
            x2=f"{x + 18:.1f}",
            y2=f"{y:.1f}",
            stroke=_colour(w, count),
            **{"stroke-width": "3"},
        )
        sub(legend, "text", siglum, x=f"{x + 24:.1f}", y=f"{y + 4:.1f}")
    return svg


def write(collation: Collation, *, locations: tuple[int, int] | None = None) -> bytes:
    """The variant graph of variant locations `locations` = (first, last), or of the
    most crowded few, as an SVG file."""
    passage = locations if locations is not None else default_passage(collation)
    data: bytes = etree.tostring(
        drawing(variant_graph(collation, passage)), xml_declaration=True, encoding="UTF-8"
    )
    return data + b"\n"
