"""Lacunae and fragments in the apparatus and the report: a `<lacunaStart/>` ...
`<lacunaEnd/>` span of a transcription, a lacuna marker of the project's own, and a
witness that begins late or ends early, each said as what it is (not as an
omission), with every witness still read back from the apparatus as it came in."""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

import collate
from collate import Witness
from collate.absences import FRAGMENT, LACUNA, absences
from collate.cli import app
from collate.formats import render
from collate.lacunae import MARKER, marked
from collate.readers import reader_for
from collate.readers.apparatus import extract_witness
from collate.stemma import infer_stemma
from collate.xmltools import tei

from .conftest import assert_tei_valid
from .test_lacunae import HEADER, _words


def _copy(words: list[str], seed: int, changes: int = 8) -> list[str]:
    rng = random.Random(seed)
    copy = list(words)
    for n in range(changes):
        copy[rng.randrange(len(copy))] = f"v{seed}x{n}"
    return copy


def _transcription(path: Path, body: str) -> Witness:
    path.write_text(f"{HEADER}<text><body>{body}</body></text></TEI>", encoding="utf-8")
    return reader_for(path)(path, path.read_bytes(), None)[0]


def test_a_lacuna_span_is_one_lacuna_and_keeps_what_it_holds(tmp_path: Path) -> None:
    witness = _transcription(
        tmp_path / "T.xml",
        "<p>alpha beta <lacunaStart/>gamma <pb n='2'/>delta<lacunaEnd/> epsilon</p>",
    )
    # the witness lacks what the span holds: its reading text has the marker alone,
    # where the span stands in its line
    assert witness.text == f"alpha beta {MARKER} epsilon\n"
    units = [(m.unit, m.n) for m in witness.milestones]
    assert ("lacuna", "gamma delta") in units and ("pb", "2") in units
    # a lacunaStart that nothing ends is a lacuna at that point; the text after it stays
    open_ended = _transcription(tmp_path / "O.xml", "<p>alpha <lacunaStart/>beta</p>")
    assert open_ended.text == f"alpha {MARKER}beta\n"
    sized = _transcription(
        tmp_path / "S.xml", '<p>alpha <gap reason="lost" quantity="3" unit="lines"/> beta</p>'
    )
    extents = [(m.unit, m.n) for m in sized.milestones if m.unit == "lacuna"]
    assert extents == [("lacuna", "3 lines")]


def test_marked_pieces_give_back_the_text() -> None:
    text = "a [...] b <lost> c [...]"
    pieces = list(marked(text, "<lost>"))
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, is_marker in pieces if is_marker] == [MARKER, "<lost>", MARKER]
    assert list(marked("a b", "")) == [("a b", False)]


def _real_ish(tmp_path: Path) -> list[Witness]:
    """A root A, copies B and E; C a TEI transcription with a <gap/>, a lacunaStart …
    lacunaEnd span and a <space/>; D lacks the same leaf as C (a plain-text marker); F a
    fragment that keeps only the first 55% of its copy."""
    words = _words(600, seed=7)
    b, c, d, e, f = (_copy(words, seed) for seed in (1, 2, 3, 5, 6))
    body = (
        f"<p>{' '.join(c[:120])}</p><gap reason='damage' extent='2 lines'/>"
        f"<p>{' '.join(c[135:200])} <lacunaStart/>{' '.join(words[200:300])}<lacunaEnd/>"
        f" {' '.join(c[300:450])}</p><space extent='4 words'/><p>{' '.join(c[454:])}</p>"
    )
    return [
        Witness("A", " ".join(words) + "\n"),
        Witness("B", " ".join(b) + "\n"),
        _transcription(tmp_path / "C.xml", body),
        Witness("D", " ".join(d[:200]) + f"\n{MARKER}\n" + " ".join(d[300:]) + "\n"),
        Witness("E", " ".join(e) + "\n"),
        Witness("F", " ".join(f[:330]) + "\n"),
    ]


def test_a_real_ish_tradition_valid_lossless_and_marked(tmp_path: Path) -> None:
    witnesses = _real_ish(tmp_path)
    collation = collate.collate(witnesses)
    data = render(collation, "tei")
    assert_tei_valid(data)  # tei_all and collate's own checks (`collate validate`)
    document = etree.ElementTree(etree.fromstring(data))
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text, witness.siglum
    gaps = [g.get("reason") for g in document.iter(tei("gap"))]
    assert gaps.count("lacuna") >= 3 and "fragment" in gaps
    lacunae = [m for m in document.iter(tei("milestone")) if m.get("unit") == "lacuna"]
    assert {m.get("n") for m in lacunae} >= {"2 lines", "4 words"}
    # F lacks the end: its empty readings there are said to be a fragment's, never an omission
    fragment_readings = [r for r in document.iter(tei("rdg")) if r.get("type") == FRAGMENT]
    assert fragment_readings and all(r.get("wit") == "#F" for r in fragment_readings)
    lacking = absences(collation.apparatus)
    assert set(lacking["F"].values()) == {FRAGMENT}
    assert set(lacking["D"].values()) == {LACUNA}
    for reading in document.iter(tei("rdg")):
        if reading.get("type") == "omission":
            assert "#F" not in (reading.get("wit") or "").split()
    # the stemma: C and D, sharing a lost leaf, are no family; F is a fragment
    stemma = infer_stemma(collation.apparatus)
    edges = {(e.source, e.target) for e in stemma.edges}
    parents = {target: source for source, target in edges}
    assert parents["C"] == "A" and parents["D"] == "A"
    notes = {node.id: node.fragment or "" for node in stemma.nodes}
    assert "fragment" in notes["F"] and "lacuna" in notes["C"] and "lacuna" in notes["D"]
    # the apparatus read back in keeps the lacunae
    path = tmp_path / "apparatus.xml"
    path.write_bytes(data)
    again = collate.collate(reader_for(path)(path, data, None))
    assert render(again, "tei").count(b'<gap reason="lacuna"/>') == data.count(
        b'<gap reason="lacuna"/>'
    )


def test_the_report_shows_lacunae_and_fragments_apart_from_omissions(tmp_path: Path) -> None:
    page = render(collate.collate(_real_ish(tmp_path)), "html").decode()
    assert 'class="lacks-fragment"' in page and "lacks-lacuna" in page
    assert "not extant" in page  # what a reader of the pane hears for a fragment's lost end


def test_another_marker_gets_a_gap_from_the_command_line_and_the_project(
    tmp_path: Path,
) -> None:
    words = _words(300, seed=9)
    texts = {
        "A": " ".join(words),
        "B": " ".join(_copy(words, 1)),
        "C": " ".join(words[:100]) + "\n<lost>\n" + " ".join(words[160:]),
    }
    for siglum, text in texts.items():
        (tmp_path / f"{siglum}.txt").write_text(text + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    plain = runner.invoke(app, ["run", str(tmp_path), "-o", str(out / "plain.xml")])
    assert plain.exit_code == 0, plain.output
    assert b'reason="lacuna"' not in (out / "plain.xml").read_bytes()
    given = runner.invoke(
        app, ["run", str(tmp_path), "-o", str(out / "given.xml"), "--lacuna-marker", "<lost>"]
    )
    assert given.exit_code == 0, given.output
    (tmp_path / "collate.toml").write_text('lacuna-marker = "<lost>"\n', encoding="utf-8")
    project = runner.invoke(app, ["run", str(tmp_path), "-o", str(out / "project.xml")])
    assert project.exit_code == 0, project.output
    for name in ("given.xml", "project.xml"):
        data = (out / name).read_bytes()
        assert_tei_valid(data)
        assert data.count(b'<gap reason="lacuna"/>&lt;lost&gt;') == 1, name
        document = etree.ElementTree(etree.fromstring(data))
        for siglum, text in texts.items():
            assert extract_witness(document, siglum)[0] == text + "\n"
    checked = runner.invoke(app, ["validate", str(out / "given.xml")])
    assert checked.exit_code == 0, checked.output
