"""Lacunae (`collate.lacunae`): read from TEI transcriptions, CollateX JSON tokens and
the plain-text marker, carried into the TEI apparatus losslessly, and set aside by
the stemma, so that neither a lacuna nor a shared one is evidence of anything."""

from __future__ import annotations

import json
import random
from pathlib import Path

from lxml import etree

import collate
from collate import Witness
from collate.formats import render
from collate.lacunae import MARKER, holds_marker, marker_words
from collate.readers import reader_for
from collate.readers.apparatus import extract_witness
from collate.stemma import Stemma, infer_stemma
from collate.xmltools import tei

from .conftest import assert_tei_valid
from .synthetic import LACUNA_TOKENS, generate

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?><TEI xmlns="http://www.tei-c.org/ns/1.0">'
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>"
    "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
)


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = "ka lo mi ne ru ta si po de ga vu re".split()
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def _read(path: Path) -> Witness:
    return reader_for(path)(path, path.read_bytes(), None)[0]


def _transcription(path: Path, body: str) -> Witness:
    path.write_text(f"{HEADER}<text><body>{body}</body></text></TEI>", encoding="utf-8")
    return _read(path)


def test_tei_lacunae_become_the_marker_and_legible_damage_stays(tmp_path: Path) -> None:
    for element in ('<gap reason="damage"/>', "<lacunaStart/>", '<space extent="3 lines"/>'):
        witness = _transcription(tmp_path / "w.xml", f"<p>alpha beta</p>{element}<p>gamma</p>")
        assert witness.text == f"alpha beta\n{MARKER}\ngamma\n", element
    damaged = _transcription(tmp_path / "d.xml", "<p>alpha <damage>beta</damage> gamma</p>")
    assert damaged.text == "alpha beta gamma\n"
    empty = _transcription(tmp_path / "e.xml", "<p>alpha <damage/> gamma</p>")
    assert MARKER in empty.text


def _tradition(tmp_path: Path) -> list[Witness]:
    """A root A and three copies; C and D lose the same leaf (a lacuna in both)."""
    words = _words(500, seed=4)
    copies = {}
    for siglum, seed in (("B", 1), ("C", 2), ("D", 3)):
        rng = random.Random(seed)
        copy = list(words)
        for _ in range(8):
            copy[rng.randrange(len(copy))] = _words(1, seed + 10)[0] + siglum.lower()
        copies[siglum] = copy
    witnesses = [Witness("A", " ".join(words) + "\n"), Witness("B", " ".join(copies["B"]) + "\n")]
    c = copies["C"]
    witnesses.append(
        _transcription(
            tmp_path / "C.xml",
            f'<p>{" ".join(c[:200])}</p><gap reason="lost"/><p>{" ".join(c[300:])}</p>',
        )
    )
    d = copies["D"]
    witnesses.append(Witness("D", " ".join(d[:200]) + f"\n{MARKER}\n" + " ".join(d[300:]) + "\n"))
    return witnesses


def test_lacunae_reach_the_tei_apparatus_valid_and_lossless(tmp_path: Path) -> None:
    witnesses = _tradition(tmp_path)
    collation = collate.collate(witnesses)
    data = render(collation, "tei")
    assert_tei_valid(data)
    document = etree.ElementTree(etree.fromstring(data))
    gaps = [g for g in document.iter(tei("gap")) if g.get("reason") == "lacuna"]
    assert gaps and all(g.getparent().tag == tei("rdg") for g in gaps)
    for witness in witnesses:
        text, _ = extract_witness(document, witness.siglum)
        assert text == witness.text


def _edges(stemma: Stemma) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in stemma.edges}


def test_a_shared_lacuna_is_no_shared_innovation(tmp_path: Path) -> None:
    stemma = infer_stemma(collate.collate(_tradition(tmp_path)).apparatus)
    # every copy straight from A: C and D share no lost exemplar for their common lacuna
    assert _edges(stemma) == {("A", "B"), ("A", "C"), ("A", "D")}
    notes = {node.id: node.fragment for node in stemma.nodes}
    assert notes["C"] and "lacuna" in notes["C"]
    assert notes["D"] and "lacuna" in notes["D"]
    # without the marker, the same loss is a shared omission that groups C with D
    plain = [
        w if w.siglum in "AB" else Witness(w.siglum, w.text.replace(MARKER, ""))
        for w in _tradition(tmp_path)
    ]
    assert _edges(infer_stemma(collate.collate(plain).apparatus)) != _edges(stemma)


def test_another_marker_can_be_given_to_the_stemma(tmp_path: Path) -> None:
    witnesses = [
        Witness(w.siglum, w.text.replace(MARKER, "<lost>")) if w.siglum == "D" else w
        for w in _tradition(tmp_path)
    ]
    apparatus = collate.collate(witnesses).apparatus
    marked = infer_stemma(apparatus, lacuna_marker="<lost>")
    notes = {node.id: node.fragment for node in marked.nodes}
    assert notes["D"] and "lacuna" in notes["D"]
    assert not {node.id: node.fragment for node in infer_stemma(apparatus).nodes}["D"]


def test_collatex_json_lacuna_tokens_take_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    tokens = [{"t": "alpha "}, {"t": "… ", "lacuna": True}, {"t": "gamma"}]
    path.write_text(json.dumps({"witnesses": [{"id": "X", "tokens": tokens}]}), encoding="utf-8")
    witness = _read(path)
    assert witness.tokens is not None
    assert [t.normal for t in witness.tokens][1] == MARKER
    assert witness.tokens[1].properties == {"lacuna": True}
    assert holds_marker((MARKER,)) and holds_marker(("a", *marker_words()))


def test_the_generator_makes_fragments_and_lacunae() -> None:
    plain = generate(5, 2000, 8)
    damaged = generate(5, 2000, 8, fragments=1.0, lacunae=1.0)
    for before, after in zip(plain.witnesses, damaged.witnesses, strict=True):
        assert len(after.text.split()) < 0.85 * len(before.text.split())
        assert "".join(LACUNA_TOKENS) in after.text
    # the true alignment still accounts for every token
    alignment = damaged.true_alignment()
    for w, tokenized in enumerate(alignment.witnesses):
        placed = sorted(i for c in alignment.columns if (i := c[w]) is not None)
        assert placed == list(range(len(tokenized.tokens)))
    assert plain.parents == damaged.parents


def test_the_command_line_takes_another_marker(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from collate.cli import app

    for witness in _tradition(tmp_path):
        text = witness.text.replace(MARKER, "<lost>")
        (tmp_path / f"{witness.siglum}.txt").write_text(text, encoding="utf-8")
    for path in tmp_path.glob("*.xml"):
        path.unlink()
    marked = CliRunner().invoke(app, ["stemma", str(tmp_path), "--lacuna-marker", "<lost>"])
    assert marked.exit_code == 0, marked.output
    assert "C is lacunose" in marked.output and "D is lacunose" in marked.output
    plain = CliRunner().invoke(app, ["stemma", str(tmp_path)])
    assert "lacunose" not in plain.output


def test_a_place_where_a_witness_only_lost_its_text_is_typed_lacuna() -> None:
    """A reading that is only the lacuna's sign is no variant: where the others agree
    (or read nothing) the place is typed "lacuna", not "substantive" or, beside an
    empty reading, "punctuation" (the sign's own characters); where they differ, their
    difference names the place."""
    texts = {
        "A": "The cat sat on the mat and then it slept.\n",
        "B": f"The cat sat on the {MARKER} and then it slept.\n",
        "C": f"The cat sat on the mat and then {MARKER} slept.\n",
        "D": f"The cat sat on the mat\n{MARKER}\nand then it slept.\n",
    }
    types = {
        sigla: [
            (location.type, location.reading_of(sigla[-1]).text)
            for location in collate.collate(
                [Witness(s, texts[s]) for s in sigla]
            ).apparatus.variant_locations
        ]
        for sigla in ("AB", "AC", "AD")
    }
    assert types == {
        "AB": [("lacuna", MARKER)],
        "AC": [("lacuna", MARKER)],
        "AD": [("lacuna", MARKER)],
    }
    dog = Witness("E", f"The dog sat on the {MARKER} and then it slept.\n")
    apparatus = collate.collate([Witness("A", texts["A"]), dog, Witness("B", texts["B"])]).apparatus
    assert sorted(location.type for location in apparatus.variant_locations) == [
        "lacuna",
        "substantive",
    ]
    document = render(collate.collate([Witness(s, texts[s]) for s in "ABC"]), "tei")
    assert_tei_valid(document)
    app_types = etree.fromstring(document).xpath("//t:app/@type", namespaces={"t": tei("")[1:-1]})
    assert set(app_types) == {"lacuna"}


def test_a_lacuna_beside_a_variant_leaves_the_variant_its_type_and_any_marker_counts() -> None:
    line = "The cat sat on the {} and then it slept.\n"
    lost = Witness("B", line.format(MARKER))
    # the others differ in spelling alone, or in case alone: that names the place
    for other, kind in (("color", "orthographic"), ("Colour", "case")):
        witnesses = [Witness("A", line.format("colour")), lost, Witness("C", line.format(other))]
        collation = collate.collate(witnesses)
        assert [loc.type for loc in collation.apparatus.variant_locations] == [kind]
        tei_types = etree.fromstring(render(collation, "tei")).xpath(
            "//t:app/@type", namespaces={"t": tei("")[1:-1]}
        )
        assert tei_types == [kind]
    # the edition's own sign of a lacuna is a lacuna's sign too
    texts = {"A": line.format("mat"), "B": line.format("###"), "C": line.format("mat")}
    witnesses = [Witness(s, t) for s, t in texts.items()]
    plain = collate.collate(witnesses)
    marked = collate.collate(witnesses, edition=collate.Edition(lacuna_marker="###"))
    assert [loc.type for loc in plain.apparatus.variant_locations] == ["substantive"]
    assert [loc.type for loc in marked.apparatus.variant_locations] == ["lacuna"]
