"""Issue 12: sigla against the ids collate makes for its own elements. Every xml:id in an
apparatus is unique, whatever the sigla, and every witness reads back as itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from lxml import etree

import collate
from collate.formats import tei as tei_format
from collate.stemma.model import Evidence, Stemma, StemmaEdge, StemmaNode
from collate.xmltools import XML_ID, is_generated_id, witness_ids

from .conftest import assert_tei_valid
from .test_hostile import MakeFolder, cli

GENERATED_LOOKING = {
    "app1.txt": "the cat sat on the mat",
    "app2.txt": "the dog sat on the mat",
    "stemma.txt": "a cat sat on a mat",
    "stemma-A.txt": "the cat lay on the mat",
    "A.txt": "the cat sat on the rug",
}


def all_ids(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    return [str(e.get(XML_ID)) for e in root.iter() if e.get(XML_ID) is not None]


def test_sigla_shaped_like_generated_ids_give_unique_ids(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(dict(GENERATED_LOOKING))
    output = tmp_path / "apparatus.xml"
    code, stderr = cli(
        "run", folder, "-o", output, "--stemma", tmp_path / "s.json", "--engine", "anchor"
    )
    assert code == 0, stderr
    data = output.read_bytes()
    repeated = [i for i, n in Counter(all_ids(data)).items() if n > 1]
    assert not repeated, repeated
    assert b"<standOff" in data and b"app1" in data  # both kinds of generated id are there
    assert_tei_valid(data)
    for name, text in GENERATED_LOOKING.items():
        assert collate.extract(output, name.removesuffix(".txt")).data == text.encode()
    again = {w.siglum: w.text for w in collate.read_witnesses([output])}
    assert again == {n.removesuffix(".txt"): t for n, t in GENERATED_LOOKING.items()}


def test_no_witness_id_has_the_form_of_a_generated_one() -> None:
    sigla = ["app1", "app2", "app", "app_1", "stemma", "stemma-A", "stemmata", "wapp1", "1"]
    ids = witness_ids(sigla)
    assert len(set(ids.values())) == len(sigla)
    assert [s for s, i in ids.items() if is_generated_id(i)] == []
    # sigla that could not clash are kept as they are
    assert witness_ids(["app", "stemmata", "x_1"]) == {
        "app": "app",
        "stemmata": "stemmata",
        "x_1": "x_1",
    }


def test_a_lost_exemplar_named_like_a_witness_id_gets_its_own_node_id() -> None:
    """Lost `a b` (id base `a_b`) beside the witness `a_b`: two nodes, two ids."""
    collation = collate.collate(
        [collate.Witness("a_b", "the cat sat"), collate.Witness("c", "the dog sat")],
        engine="anchor",
    )
    evidence = Evidence(0, 0, 0, 0, 0, 0, 0.5, 0.5, (), "")
    stemma = Stemma(
        (StemmaNode("a b", False), StemmaNode("a_b", True), StemmaNode("c", True)),
        (StemmaEdge("a b", "a_b", 0.5, evidence), StemmaEdge("a b", "c", 0.5, evidence)),
    )
    data = tei_format.write(replace(collation, stemma=stemma))
    ids = all_ids(data)
    assert len(ids) == len(set(ids)), ids
    assert_tei_valid(data)


def test_sigla_shaped_like_the_ids_of_normalisation_rules_give_unique_ids(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    texts = {
        "norm-rule-1.txt": "they haue it",
        "norm-word-division.txt": "they have it",
        "B.txt": "they had it",
    }
    folder = write_files(dict(texts))
    rules = tmp_path / "spelling.rules"
    rules.write_text("u = v\n")
    output = tmp_path / "apparatus.xml"
    code, stderr = cli("run", folder, "-o", output, "--rules", rules)
    assert code == 0, stderr
    data = output.read_bytes()
    assert b'xml:id="norm-rule-1"' in data  # the rule's own id is in the header
    repeated = [i for i, n in Counter(all_ids(data)).items() if n > 1]
    assert not repeated, repeated
    assert_tei_valid(data)
    for name, text in texts.items():
        assert collate.extract(output, name.removesuffix(".txt")).data == text.encode()


def test_sigla_in_any_script_keep_themselves_as_ids() -> None:
    # XML names hold CJK, Hangul and the letters of other scripts beyond U+1FFF: a
    # Chinese edition's witnesses are 甲本, 乙本, 丙本 in every viewer that shows the id,
    # not `__-1`, `__-2`, `__-3`
    sigla = ["甲本", "乙本", "丙本", "한글본", "Ψ", "א", "ア", "ㄅ"]
    ids = witness_ids(sigla)
    assert ids == {siglum: siglum for siglum in sigla}
    for xml_id in ids.values():  # libxml2, which reads the apparatus back, takes each
        etree.fromstring(f'<a xml:id="{xml_id}"/>'.encode())


def test_a_chinese_edition_s_apparatus_names_its_witnesses(tmp_path: Path) -> None:
    witnesses = [
        collate.Witness("甲本", "天地玄黃，宇宙洪荒。\n"),
        collate.Witness("乙本", "天地玄黄，宇宙洪荒。\n"),
        collate.Witness("丙本", "天地元黃，宇宙洪荒。\n"),
    ]
    data = collate.render(collate.collate(witnesses), "tei")
    assert_tei_valid(data)
    assert {"甲本", "乙本", "丙本"} <= set(all_ids(data))
    path = tmp_path / "a.xml"
    path.write_bytes(data)
    read = {w.siglum: w.text for w in collate.read_witnesses([path])}
    assert read == {w.siglum: w.text for w in witnesses}
