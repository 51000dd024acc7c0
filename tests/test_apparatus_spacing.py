"""Issue 10's last cases: whitespace inside a passage some witnesses lack, and word
division (Darwin's "followed, and" / "followed , and", "Goodwood" / "Good wood")."""

from __future__ import annotations

from pathlib import Path

from collate import collate, extract, render

from .conftest import sigla_witnesses


def test_a_passage_others_lack_is_one_location_whatever_its_inner_whitespace(
    tmp_path: Path,
) -> None:
    witnesses = sigla_witnesses(
        "Principles of Selection anciently followed, and their Effects. Next.",
        "Principles of Selection anciently followed , and their Effects. Next.",
        "Principles of Selection. Next.",
    )
    collation = collate(witnesses)
    (location,) = collation.apparatus.variant_locations
    assert location.type == "omission"
    present, absent = location.groups  # the run (in two spellings of its whitespace), om.
    assert [r.text for r in present.readings] == [
        "anciently followed, and their Effects",
        "anciently followed , and their Effects",
    ]
    assert present.type == "whitespace"
    assert [r.text for r in absent.readings] == [""]
    path = tmp_path / "x.xml"
    path.write_bytes(render(collation, "tei"))
    for witness in witnesses:
        assert extract(path, witness.siglum).data == witness.text.encode()


def test_word_division_is_an_orthographic_variant_not_whitespace() -> None:
    collation = collate(sigla_witnesses("for the Goodwood Races", "for the Good wood Races"))
    (location,) = collation.apparatus.variant_locations
    assert location.type == "orthographic"
    (group,) = location.groups
    assert [r.text for r in group.readings] == ["Goodwood", "Good wood"]
    assert group.type == "orthographic"
