"""The printed apparatus (`lemma`, `markdown`) as an editor prints one: a lost passage
is one entry over its lines, a base with a lacuna takes its lemma from the witnesses
that have the text, the conspectus lists each siglum on its own line with its date,
and an apparatus without variants says so."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import collate
from collate.formats.lemma import NO_VARIANTS, entries

STANZA = [
    "The river runs beneath the hill,",
    "O lady fair, that crossed with me,",
    "Thy silver ring I cast to sea;",
    "No coin, no prayer, no mournful song.",
]


def _collation(folder: Path, texts: dict[str, list[str]], base: str) -> collate.Collation:
    folder.mkdir(exist_ok=True)
    for siglum, lines in texts.items():
        (folder / f"{siglum}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    witnesses = collate.read_witnesses([folder])
    return collate.collate(witnesses, edition=collate.Edition(base=base))


def _poem(folder: Path, base: str) -> collate.Collation:
    lost = [STANZA[0], "[...]", STANZA[3]]
    faire = [STANZA[0], STANZA[1].replace("fair", "faire"), *STANZA[2:]]
    golden = [*STANZA[:2], STANZA[2].replace("silver", "golden"), STANZA[3]]
    return _collation(folder, {"A": STANZA, "B": faire, "C": golden, "E": lost}, base)


def test_a_lost_passage_is_one_entry_over_its_lines(tmp_path: Path) -> None:
    # the sign stands where two lines were: the passage it lost is one entry, not one
    # before the sign and one after it
    river = [STANZA[0].replace("river", "ryver"), *STANZA[1:]]
    lost = [STANZA[0], STANZA[1], "[...]", STANZA[3]]
    collation = _collation(tmp_path, {"A": STANZA, "B": river, "E": lost}, "A")
    printed = list(entries(collation))
    gone = [e for e in printed if any(r.kind == "lac." for r in e.readings)]
    assert [e.text for e in gone] == ["Thy silver ring I cast to sea;] A B; lac. E"]
    assert gone[0].lines == "3"
    many = _collation(
        tmp_path / "many", {"A": STANZA, "B": river, "E": [STANZA[0], "[...]", STANZA[3]]}, "A"
    )
    (passage,) = [e for e in entries(many) if any(r.kind == "lac." for r in e.readings)]
    assert passage.lines == "2-3"
    assert passage.text == "O lady ... to sea;] A B; lac. E"


def test_a_lost_passage_with_variants_inside_keeps_every_location_in_order(
    tmp_path: Path,
) -> None:
    # where the others vary inside it, each piece is an entry (the locations stay in
    # one entry each, in order); each names the loss
    collation = _poem(tmp_path, "A")
    printed = list(entries(collation))
    numbers = [n for e in printed for n in e.locations]
    assert numbers == sorted(numbers)
    inside = [e.text for e in printed if any(r.kind == "lac." for r in e.readings)]
    assert "fair] A C; faire B; lac. E" in inside and "silver] A B; golden C; lac. E" in inside


def test_a_base_with_a_lacuna_takes_its_lemma_from_the_witnesses_with_text(
    tmp_path: Path,
) -> None:
    collation = _poem(tmp_path, "E")
    printed = list(entries(collation))
    assert all("[...]" not in e.text for e in printed), [e.text for e in printed]
    lost = [e for e in printed if any(r.kind == "lac." for r in e.readings)]
    assert len(lost) == 1
    (entry,) = lost
    assert entry.lemma == " ".join((STANZA[1] + " " + STANZA[2]).split())
    assert entry.readings[0].sigla == ("A",)  # first of the equal readings
    assert entry.readings[-1].kind == "lac." and entry.readings[-1].sigla == ("E",)


def test_the_conspectus_gives_each_siglum_its_line_and_date(tmp_path: Path) -> None:
    collation = _poem(tmp_path, "A")
    dated = [
        replace(w, description="Oxford, Bodleian; Rawl. 12", date="1450") if w.siglum == "A" else w
        for w in collation.witnesses
    ]
    collation = collate.collate(dated, edition=collate.Edition(base="A"))
    markdown = collate.render(collation, "markdown").decode()
    assert "\n- A = Oxford, Bodleian; Rawl. 12 (1450)\n- B = B.txt\n" in markdown
    assert "A = Oxford, Bodleian; Rawl. 12 (1450)\n" in collate.render(collation, "lemma").decode()


def test_a_crlf_base_gives_markdown_hard_breaks_and_one_kind_of_line_end(
    tmp_path: Path,
) -> None:
    (tmp_path / "crlf.txt").write_bytes(b"One line\r\nTwo lines\r\nThree\r\n")
    (tmp_path / "lf.txt").write_bytes(b"One line\nTwo line\nThree\n")
    witnesses = collate.read_witnesses([tmp_path])
    collation = collate.collate(witnesses, edition=collate.Edition(base="crlf"))
    markdown = collate.render(collation, "markdown")
    assert b"\r" not in markdown
    assert b"One line  \nTwo lines[^1]  \nThree\n" in markdown


def test_witnesses_that_agree_throughout_are_said_to(tmp_path: Path) -> None:
    collation = _collation(tmp_path, {"x": STANZA, "y": STANZA}, "x")
    for name in ("lemma", "markdown"):
        assert collate.render(collation, name).decode().endswith(f"\n{NO_VARIANTS}\n")
    changed = _collation(tmp_path, {"x": STANZA, "y": [*STANZA[:3], "No coin."]}, "x")
    for name in ("lemma", "markdown"):
        assert NO_VARIANTS not in collate.render(changed, name).decode()


def test_letters_written_composed_or_decomposed_are_told_apart(tmp_path: Path) -> None:
    # the same letters, one file composed (NFC) and the other decomposed (NFD): without
    # a note the entry would print the same word twice
    line = "Thy silver ring I cast to sea, café and naïve;"
    texts = {"A": [unicodedata.normalize("NFC", line)], "B": [unicodedata.normalize("NFD", line)]}
    for base, note, other in (("A", "(decomposed)", "B"), ("B", "(composed)", "A")):
        printed = collate.render(_collation(tmp_path / base, texts, base), "lemma").decode()
        found = [line for line in printed.splitlines() if "]" in line]
        assert len(found) == 2
        assert all(line.endswith(f" {note} {other}") for line in found)
    plain = {"A": [line], "B": [line.replace("silver", "golden")]}
    printed = collate.render(_collation(tmp_path / "plain", plain, "A"), "lemma").decode()
    assert "1 silver] A; golden B" in printed
