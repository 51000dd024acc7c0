"""Stemma outputs: JSON against its schema and back, DOT, Newick, the summary, and the
TEI standOff valid against tei_all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

import collate
from collate import Collation, UnknownFormatError
from collate.formats import tei
from collate.stemma import Stemma, infer_stemma
from collate.stemma.formats import (
    from_json,
    render_stemma,
    stemma_format_for,
    summary,
    to_dot,
    to_json,
    to_json_data,
    to_newick,
)
from collate.xmltools import XML_ID
from collate.xmltools import tei as tei_name

from .conftest import ROOT, tei_all
from .synthetic import generate

SCHEMA = json.loads((ROOT / "schemas" / "stemma.schema.json").read_text(encoding="utf-8"))
ENGINE = "anchor"


@pytest.fixture(scope="module")
def contaminated() -> Collation:
    """A small tradition with lost exemplars, extant ones and a contaminated copy."""
    tradition = generate(5, 2500, 9, contamination=0.5)
    return collate.collate(tradition.witnesses, engine=ENGINE)


@pytest.fixture(scope="module")
def seeds() -> Collation:
    return collate.collate_files([ROOT / "seeds"], engine=ENGINE)


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("which", ["seeds", "contaminated"])
def test_json_is_valid_and_reads_back(which: str, request: pytest.FixtureRequest) -> None:
    stemma = infer_stemma(request.getfixturevalue(which).apparatus)
    data = json.loads(to_json(stemma))
    jsonschema.validate(data, SCHEMA)
    assert from_json(to_json(stemma)) == stemma
    assert data == to_json_data(stemma)


def test_json_has_the_fields_the_issue_asks_for(seeds: Collation) -> None:
    data = to_json_data(infer_stemma(seeds.apparatus))
    assert {"root", "nodes", "edges"} <= set(data)
    assert all({"id", "extant"} <= set(node) for node in data["nodes"])
    assert all({"source", "target", "confidence"} <= set(edge) for edge in data["edges"])
    assert {n["id"] for n in data["nodes"]} == set(seeds.apparatus.sigla)


def test_malformed_json_is_refused() -> None:
    with pytest.raises(ValueError, match="not a stemma"):
        from_json('{"nodes": []}')


def _parse_newick(text: str) -> dict[str, str | None]:
    """A minimal Newick reader (labels, quoted labels, nesting): node -> parent."""
    parents: dict[str, str | None] = {}
    for line in text.strip().splitlines():
        _read_newick_tree(line, parents)
    return parents


def _read_newick_tree(line: str, parents: dict[str, str | None]) -> None:
    """One tree (one line ending in ";"), its nodes' parents added to `parents`."""
    position = 0

    def label() -> str:
        nonlocal position
        if line[position] == "'":
            end = position + 1
            out = []
            while True:
                if line[end] == "'" and line[end + 1 : end + 2] == "'":
                    out.append("'")
                    end += 2
                elif line[end] == "'":
                    break
                else:
                    out.append(line[end])
                    end += 1
            position = end + 1
            return "".join(out)
        start = position
        while line[position] not in "(),;":
            position += 1
        return line[start:position]

    def subtree() -> str:
        nonlocal position
        children = []
        if line[position] == "(":
            position += 1
            children.append(subtree())
            while line[position] == ",":
                position += 1
                children.append(subtree())
            assert line[position] == ")"
            position += 1
        name = label()
        for child in children:
            parents[child] = name
        return name

    parents[subtree()] = None
    assert line[position:] == ";"


def test_newick_holds_the_descent_tree(contaminated: Collation) -> None:
    stemma = infer_stemma(contaminated.apparatus)
    parsed = _parse_newick(to_newick(stemma))
    expected = {
        node.id: next(
            (e.source for e in stemma.edges if e.target == node.id and e.kind == "descent"), None
        )
        for node in stemma.nodes
    }
    assert parsed == expected


def test_newick_quotes_sigla_that_need_it(seeds: Collation) -> None:
    text = to_newick(infer_stemma(seeds.apparatus))
    assert "('000_6bce61cbdfc5750d')'001_6f72a84d533a16ee';" in text.splitlines()
    assert _parse_newick(text)["000_6bce61cbdfc5750d"] == "001_6f72a84d533a16ee"


def test_dot_names_every_node_and_edge(contaminated: Collation) -> None:
    stemma = infer_stemma(contaminated.apparatus)
    dot = to_dot(stemma)
    assert dot.startswith("digraph stemma {") and dot.rstrip().endswith("}")
    for edge in stemma.edges:
        assert f'"{edge.source}" -> "{edge.target}"' in dot
    dashed = [line for line in dot.splitlines() if "style=dashed, constraint=false" in line]
    assert len(dashed) == sum(1 for e in stemma.edges if e.kind == "contamination")


def test_summary_shows_the_line_and_the_evidence(seeds: Collation) -> None:
    text = summary(infer_stemma(seeds.apparatus))
    assert "001_6f72a84d533a16ee  (root)" in text
    assert "└── 000_6bce61cbdfc5750d  confidence 0.50" in text
    assert "the readings cannot tell (a coin toss)" in text
    assert "leaving out" in text and "e.g. variant locations" in text
    assert "002_5aca4944ab0bf47b stands alone" in text


def test_format_is_chosen_by_ending() -> None:
    assert stemma_format_for("s.json") == "json"
    assert stemma_format_for("s.dot") == "dot"
    assert stemma_format_for("s.nwk") == "newick"
    with pytest.raises(UnknownFormatError, match="stemma format"):
        stemma_format_for("s.png")
    with pytest.raises(UnknownFormatError, match="choose one of"):
        stemma_format_for("s.json", "svg")


def _with_stemma(collation: Collation) -> etree._Element:
    return etree.fromstring(tei.write(collation, stemma=infer_stemma(collation.apparatus)))


@pytest.mark.parametrize("which", ["seeds", "contaminated"])
def test_standoff_is_valid_tei(which: str, request: pytest.FixtureRequest) -> None:
    root = _with_stemma(request.getfixturevalue(which))
    schema = tei_all()
    assert schema.validate(etree.ElementTree(root)), [e.message for e in list(schema.error_log)[:5]]


def test_standoff_points_at_the_witnesses(contaminated: Collation) -> None:
    root = _with_stemma(contaminated)
    witness_xml_ids = {w.get(XML_ID) for w in root.iter(tei_name("witness"))}
    graph = root.find(f"{tei_name('standOff')}/{tei_name('graph')}")
    assert graph is not None and graph.get("subtype") == "stemma"
    nodes = {n.get(XML_ID): n for n in graph.iter(tei_name("node"))}
    extant = [n for n in nodes.values() if n.get("type") == "extant"]
    assert {n.get("corresp", "")[1:] for n in extant} == witness_xml_ids
    for arc in graph.iter(tei_name("arc")):
        assert arc.get("from", "")[1:] in nodes and arc.get("to", "")[1:] in nodes
        assert 0.0 <= float(arc.get("cert", "-1")) <= 1.0


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Same input, byte-identical JSON, DOT and Newick under different PYTHONHASHSEEDs."""
    script = (
        "import collate\n"
        "from tests.synthetic import generate\n"
        "from collate.apparatus import build_apparatus\n"
        "from collate.stemma import infer_stemma\n"
        "from collate.stemma.formats import render_stemma\n"
        "t = generate(11, 1500, 8, contamination=0.4)\n"
        "s = infer_stemma(build_apparatus(t.true_alignment()))\n"
        "print(''.join(render_stemma(s, f) for f in ('json', 'dot', 'newick', 'text')))\n"
    )
    outputs = set()
    for seed in ("0", "1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, env=environment, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_render_names_every_format(seeds: Collation) -> None:
    stemma: Stemma = infer_stemma(seeds.apparatus)
    writers = {"json": to_json, "dot": to_dot, "newick": to_newick, "text": summary}
    for name, writer in writers.items():
        assert render_stemma(stemma, name) == writer(stemma), name
    assert len(set(writers)) == len({render_stemma(stemma, name) for name in writers})
