"""Issue 10's last cases: whitespace inside a passage some witnesses lack, and word
division (Darwin's "followed, and" / "followed , and", "Goodwood" / "Good wood")."""

from __future__ import annotations

from pathlib import Path

from collate import collate, extract, render

from .conftest import sigla_witnesses


def test_whitespace_inside_a_passage_others_lack_is_spacing_not_a_reading(
    tmp_path: Path,
) -> None:
    witnesses = sigla_witnesses(
        "Principles of Selection anciently followed, and their Effects. Next.",
        "Principles of Selection anciently followed , and their Effects. Next.",
        "Principles of Selection. Next.",
    )
    collation = collate(witnesses)
    for location in collation.apparatus.variant_locations:
        present = {r.text for r in location.readings if r.text}
        assert len(present) == 1, location  # A and B read the passage alike: no variant
    assert "".join(r.text for r in collation.apparatus.variant_locations[0].readings) == (
        "anciently followed"
    )
    path = tmp_path / "x.xml"
    path.write_bytes(render(collation, "tei"))
    assert b'<app n="1 2" type="omission">' in path.read_bytes()  # one nested app
    for witness in witnesses:
        assert extract(path, witness.siglum).data == witness.text.encode()


def test_word_division_is_an_orthographic_variant_not_whitespace() -> None:
    collation = collate(sigla_witnesses("for the Goodwood Races", "for the Good wood Races"))
    (location,) = collation.apparatus.variant_locations
    assert location.type == "orthographic"
    (group,) = location.groups
    assert [r.text for r in group.readings] == ["Goodwood", "Good wood"]
    assert group.type == "orthographic"
