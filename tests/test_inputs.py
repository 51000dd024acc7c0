"""Bringing data collators already have: CollateX JSON witness files, TEI
transcriptions, and TEI apparatuses (ours or another tool's) read back as witnesses."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import collate
from collate import Collation, Witness, WitnessError
from collate.tokenize import tokenize

from .conftest import SEEDS

MakeFolder = Callable[[dict[str, "str | bytes"]], Path]
ENGINE = "collatex"


def same_apparatus(a: Collation, b: Collation) -> None:
    assert a.apparatus.segments == b.apparatus.segments
    assert a.apparatus.sigla == b.apparatus.sigla


def test_collatex_json_content_and_tokens_give_the_plain_text_apparatus(
    write_files: MakeFolder,
) -> None:
    texts = {"A": "The cat sat on the mat.\n", "B": "The black cat sat on a mat.\n"}
    plain = collate.collate_files(
        [write_files({f"{k}.txt": v for k, v in texts.items()})], engine=ENGINE
    )
    b_tokens = [
        {"t": t.surface, "n": t.normal, "page": 7}
        for t in tokenize(Witness("B", texts["B"])).tokens
    ]
    document = {"witnesses": [{"id": "A", "content": texts["A"]}, {"id": "B", "tokens": b_tokens}]}
    folder = write_files({"witnesses.json": json.dumps(document)})
    from_json = collate.collate_files([folder], engine=ENGINE)
    same_apparatus(plain, from_json)
    table = json.loads(collate.render(from_json, "json"))
    row = table["table"][table["witnesses"].index("B")]
    assert all(t["page"] == 7 for cell in row if cell for t in cell)  # extra properties survive


def test_json_tokens_without_normal_forms_are_normalised(write_files: MakeFolder) -> None:
    document = {
        "witnesses": [
            {"id": "A", "tokens": [{"t": "The "}, {"t": "Cat"}]},
            {"id": "B", "tokens": [{"t": "the "}, {"t": "cat"}]},
        ]
    }
    collation = collate.collate_files(
        [write_files({"w.json": json.dumps(document)})], engine=ENGINE
    )
    assert {loc.type for loc in collation.apparatus.variant_locations} == {"case"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", 'no "witnesses" list'),
        ('{"witnesses": []}', "list is empty"),
        ('{"witnesses": [{"content": "x"}]}', 'no usable "id"'),
        ('{"witnesses": [{"id": "A"}]}', 'neither "content"'),
        ('{"witnesses": [{"id": "A", "tokens": [{"t": ""}]}]}', "token 1 has no text"),
        ('{"witnesses": [{"id": "A", "tokens": [{"t": "x", "n": 5}]}]}', "not a string"),
        ('{"witnesses": [{"id": "A", "content": "bell\\u0007"}]}', "XML cannot carry"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_malformed_json_gets_a_clear_error(
    write_files: MakeFolder, content: str, message: str
) -> None:
    folder = write_files({"w.json": content, "B.txt": "other"})
    with pytest.raises(WitnessError, match=message) as error:
        collate.read_witnesses([folder])
    assert "w.json" in str(error.value)


TRANSCRIPTION = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A</title></titleStmt>
    <publicationStmt><p/></publicationStmt>
    <sourceDesc><bibl><date when="1860-01-07">1860</date></bibl></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <head>On the   Origin</head>
    <p>The <choice><sic>cat</sic><corr>dog</corr></choice> sat<note>a note</note>
       on the <del>old</del> mat.<lb/>New line, hy-<lb break="no"/>phen.</p>
  </body></text>
</TEI>"""


def test_tei_transcription_text_comes_from_the_body(write_files: MakeFolder) -> None:
    folder = write_files({"A.xml": TRANSCRIPTION})
    witness = collate.read_witness(folder / "A.xml")
    assert witness.text == "On the Origin\nThe dog sat on the mat.\nNew line, hy-phen.\n"
    assert witness.date == "1860-01-07" and witness.siglum == "A"


def test_tei_apparatus_input_gives_back_the_same_apparatus(
    seed_collation: Collation, seed_tei: bytes, tmp_path: Path
) -> None:
    (tmp_path / "apparatus.xml").write_bytes(seed_tei)
    witnesses = collate.read_witnesses([tmp_path / "apparatus.xml"])
    assert witnesses == seed_collation.witnesses  # text and provenance
    again = collate.collate(witnesses, engine=ENGINE)
    assert collate.render(again, "tei") == seed_tei


def test_a_folder_mixing_formats_and_duplicate_sigla(write_files: MakeFolder) -> None:
    folder = write_files(
        {
            "A.txt": "one two",
            "B.xml": TRANSCRIPTION,
            "C.json": '{"witnesses": [{"id": "D", "content": "one three"}]}',
        }
    )
    assert [w.siglum for w in collate.read_witnesses([folder])] == ["A", "B", "D"]
    clash = write_files({"A.txt": "one", "A.xml": TRANSCRIPTION})
    with pytest.raises(collate.DuplicateSiglumError, match=r"'A': \S*A\.txt and \S*A\.xml"):
        collate.read_witnesses([clash])


def test_seed_folder_has_only_text_witnesses() -> None:
    assert all(w.source and w.source.endswith(".txt") for w in collate.read_witnesses([SEEDS]))
