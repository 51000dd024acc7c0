"""Invariants over random witness sets: hostile Unicode, empty lines, CRLF, leading and
trailing whitespace. Whatever the input, the TEI is valid and every witness comes back
exactly, through the TEI and through the JSON table, with every engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import collate
from collate import ENGINE_NAMES, Witness, WitnessError
from collate.readers.apparatus import extract_witness

from .conftest import assert_tei_valid
from .strategies import related_texts, witness_text


def round_trip(texts: list[str], engine: str) -> None:
    if len(texts) < 2:
        texts = texts + ["filler"]
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    collation = collate.collate(witnesses, engine=engine)
    data = collate.render(collation, "tei")
    assert_tei_valid(data)
    document = etree.ElementTree(etree.fromstring(data))
    for witness in witnesses:
        assert extract_witness(document, witness.siglum)[0] == witness.text
        assert collation.apparatus.text_of(witness.siglum) == witness.text
    table = json.loads(collate.render(collation, "json"))
    for siglum, row in zip(table["witnesses"], table["table"], strict=True):
        rebuilt = "".join(token["t"] for cell in row if cell for token in cell)
        assert rebuilt == collation.apparatus.witness(siglum).text
        assert len(row) == len(table["table"][0])


@pytest.mark.parametrize("engine", ENGINE_NAMES)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=related_texts())
def test_related_witnesses_round_trip(engine: str, texts: list[str]) -> None:
    round_trip(texts, engine)


@pytest.mark.parametrize("engine", ENGINE_NAMES)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(witness_text, min_size=2, max_size=3))
def test_unrelated_witnesses_round_trip(engine: str, texts: list[str]) -> None:
    round_trip(texts, engine)


@given(
    text=witness_text,
    bad=st.sampled_from(["\x00", "\x07", "\x1b", "\ufffe", "\x0b", "\x0c"]),
)
def test_characters_xml_cannot_carry_get_a_clear_error(text: str, bad: str) -> None:
    with pytest.raises(WitnessError, match="XML cannot carry"):
        collate.collate([Witness("A", text + bad), Witness("B", "other")])


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(witness_text, min_size=2, max_size=3))
def test_files_round_trip_byte_for_byte(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("w")
    for i, text in enumerate(texts):
        (folder / f"{i:03d} ms.txt").write_bytes(text.encode("utf-8"))
    output = folder.parent / (folder.name + ".xml")
    collate.write(collate.collate_files([folder], engine="collatex"), output)
    for i, text in enumerate(texts):
        assert collate.extract(output, f"{i:03d} ms").data == text.encode("utf-8")


def test_tei_validator_sees_our_errors(tmp_path: Path) -> None:
    """The property tests above are only as good as the validator: show it can fail."""
    data = collate.render(
        collate.collate([Witness("A", "a b"), Witness("B", "a c")], engine="collatex"), "tei"
    )
    broken = data.replace(b"<rdg ", b"<reading ").replace(b"</rdg>", b"</reading>")
    with pytest.raises(AssertionError):
        assert_tei_valid(broken)
