"""Another tool's apparatus with a `<l>` or `<p>` per line, whose whitespace is not
preserved: a block's end is a line's end, so the last word of one line and the first
of the next do not run together when the witnesses are read back or collated again."""

from __future__ import annotations

from pathlib import Path

import collate
from collate.formats.lemma import entries

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
    "<teiHeader><fileDesc><titleStmt><title>Hand apparatus</title></titleStmt>"
    "<publicationStmt><p/></publicationStmt><sourceDesc><listWit>"
    '<witness xml:id="El">Ellesmere</witness><witness xml:id="Hg">Hengwrt</witness>'
    "</listWit></sourceDesc></fileDesc></teiHeader>\n<text><body{space}>\n<lg>\n"
)
_LINES = (
    '<l n="1">Whan that <app><lem wit="#El">Aprill</lem><rdg wit="#Hg">Aueryll</rdg></app>'
    " with his shoures soote</l>\n"
    '<l n="2">The droghte of March hath perced to the roote</l>\n'
    '<l n="3">And bathed every veyne in swich licour<note>gloss: liquid</note></l>\n'
    "</lg>\n</body></text></TEI>\n"
)


def _apparatus(tmp_path: Path, space: str = "") -> Path:
    path = tmp_path / "hand.xml"
    path.write_text(_HEAD.format(space=space) + _LINES, encoding="utf-8")
    return path


def test_each_line_is_read_as_a_line(tmp_path: Path) -> None:
    for siglum, word in (("El", "Aprill"), ("Hg", "Aueryll")):
        text = collate.extract(_apparatus(tmp_path), siglum).data.decode("utf-8")
        assert text.split("\n") == [
            f"Whan that {word} with his shoures soote",
            "The droghte of March hath perced to the roote",
            "And bathed every veyne in swich licour",
        ]


def test_preserved_whitespace_is_taken_as_written(tmp_path: Path) -> None:
    path = _apparatus(tmp_path, ' xml:space="preserve"')
    text = collate.extract(path, "El").data.decode("utf-8")
    assert "sooteThe droghte" in text  # the file says there is nothing between the lines


def test_collated_again_with_a_plain_text_gives_no_false_variants(tmp_path: Path) -> None:
    plain = tmp_path / "Ad.txt"
    plain.write_text(
        "Whan that Aprill with his shoures soote\nThe droghte of March hath perced to the "
        "roote\nAnd bathed every veyne in swich licour\n",
        encoding="utf-8",
    )
    collation = collate.run([_apparatus(tmp_path), plain])
    texts = [entry.text for entry in entries(collation)]
    assert texts and all("sooteThe" not in t and "rooteAnd" not in t for t in texts), texts
    assert all("Aprill" in t or "Aueryll" in t for t in texts), texts
