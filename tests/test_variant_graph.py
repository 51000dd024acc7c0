"""The variant graph: its model, the `.svg` drawing and the `.dot` export, on the seeds
and on made-up witnesses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from lxml import etree
from lxml import html as lxml_html

import collate
from collate import Collation, Witness
from collate.cli import app
from collate.formats import html as report
from collate.variant_graph import RUN_WORDS, WRAP, default_passage, variant_graph

from .conftest import SEEDS
from .strategies import related_texts

SVG = "{http://www.w3.org/2000/svg}"


def paths(svg: etree._Element) -> list[etree._Element]:
    return list(svg.iter(f"{SVG}path"))


def test_svg_is_well_formed_with_one_path_per_witness(seed_collation: Collation) -> None:
    for locations in (None, (1, 12), (40, 60)):
        data = collate.render(seed_collation, "svg", locations=locations)
        svg = etree.fromstring(data)
        assert svg.tag == f"{SVG}svg"
        drawn = paths(svg)
        assert [p.get("data-siglum") for p in drawn] == list(seed_collation.apparatus.sigla)
        assert all(p.get("d", "").startswith("M") for p in drawn)
        # bounded: a readable drawing, not a 32,767-pixel strip
        assert len(data) < 100_000
        assert float(svg.get("width")) < 8_000 and float(svg.get("height")) < 2_000


def test_a_passage_covers_its_locations(seed_collation: Collation) -> None:
    graph = variant_graph(seed_collation, (20, 25))
    assert graph.locations == (20, 25)
    title = etree.fromstring(collate.render(seed_collation, "svg", locations=(20, 25)))
    assert title.findtext(f"{SVG}title") == "Variant graph of variant locations 20\u201325"
    passage = default_passage(seed_collation)
    assert passage is not None and passage[1] > passage[0]
    with pytest.raises(ValueError, match="no variant locations 9000 to 9001"):
        variant_graph(seed_collation, (9000, 9001))


def test_paths_read_each_witness_and_long_runs_are_collapsed(seed_collation: Collation) -> None:
    graph = variant_graph(seed_collation)
    for w, tokenized in enumerate(seed_collation.alignment.witnesses):
        read = [word for i in graph.paths[w][1:-1] for word in graph.nodes[i].normals]
        assert read == [t.normal for t in tokenized.tokens if t.text]
    long = [n for n in graph.nodes if len(n.words) > RUN_WORDS]
    assert long and all(
        "\u2026" in n.label and f"({len(n.words):,} words)" in n.label for n in long
    )
    assert all(len(n.label) < 80 for n in graph.nodes)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=related_texts())
def test_every_witness_walks_its_own_words(texts: list[str]) -> None:
    collation = collate.collate([Witness(f"W{i}", t) for i, t in enumerate(texts)], engine="anchor")
    graph = variant_graph(collation)
    for w, tokenized in enumerate(collation.alignment.witnesses):
        path = graph.paths[w]
        assert path[0] == 0 and path[-1] == len(graph.nodes) - 1
        assert list(path) == sorted(set(path))  # forward only, each node once
        assert all(w in graph.nodes[i].witnesses for i in path)
        read = [word for i in path[1:-1] for word in graph.nodes[i].normals]
        assert read == [t.normal for t in tokenized.tokens if t.text]
    svg = etree.fromstring(collate.render(collation, "svg"))
    assert len(paths(svg)) == len(texts)


def test_dot_labels_are_wrapped_and_collapsed(seed_collation: Collation) -> None:
    dot = collate.render(seed_collation, "dot").decode()
    labels = [
        line.split("label=", 1)[1]
        for line in dot.splitlines()
        if "[label=" in line and "->" not in line
    ]
    assert max(len(part) for label in labels for part in label.split("\\n")) <= WRAP + 20
    assert "\u2026" in dot
    assert collate.render(seed_collation, "dot") == collate.render(seed_collation, "dot")
    passage = collate.render(seed_collation, "dot", locations=(5, 9)).decode()
    assert passage.count("->") < dot.count("->")


def test_labels_keep_the_witnesses_spacing_of_punctuation() -> None:
    collation = collate.collate(
        [
            Witness("A", "He said, that it is so; and more."),
            Witness("B", "He said, that it was so; and more."),
        ]
    )
    texts = [node.text for node in variant_graph(collation).nodes]
    assert texts[1:-1] == ["He said, that it", "is", "was", "so; and more."]
    assert '[label="He said, that it"]' in collate.render(collation, "dot").decode()


def test_svg_is_deterministic(seed_collation: Collation) -> None:
    first = collate.render(seed_collation, "svg")
    assert collate.render(seed_collation, "svg") == first


def test_the_command_line_writes_svg(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(out), "--engine", "anchor"])
    assert result.exit_code == 0, result.output
    svg = etree.fromstring(out.read_bytes())
    assert len(paths(svg)) == len(list(SEEDS.glob("*.txt")))


def test_the_report_draws_the_graph(seed_collation: Collation) -> None:
    page = lxml_html.document_fromstring(report.write(seed_collation).decode())
    (svg,) = page.xpath("//section[@id='graph']//svg")
    drawn = svg.xpath(".//path")
    assert [p.get("data-siglum") for p in drawn] == list(seed_collation.apparatus.sigla)
