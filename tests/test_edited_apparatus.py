"""An apparatus an editor has worked on, read back: notes are no witness's text, readings
that no longer name every witness once are refused rather than read wrong, and an
edited witness no longer carries its old file's size and hash."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lxml import etree

import collate
from collate import Witness
from collate.xmltools import tei

TEXTS = {
    "A": "When we look to the individuals of the same variety.\n\nA second paragraph.\n",
    "B": "When we compare the individuals of the same variety.\n\nA second paragraph.\n",
    "C": "When we look to the individuals of one variety.\n\nA second paragraph.\n",
}


def _witnesses(folder: Path) -> list[Witness]:
    """The witnesses read from files, as a user's are (with their size and hash)."""
    folder.mkdir(exist_ok=True)
    for siglum, text in TEXTS.items():
        (folder / f"{siglum}.txt").write_text(text, encoding="utf-8")
    return list(collate.read_witnesses([folder]))


def _apparatus(folder: Path) -> etree._Element:
    return etree.fromstring(collate.render(collate.collate(_witnesses(folder)), "tei"))


def _write(root: etree._Element, path: Path) -> Path:
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    return path


def _note(text: str) -> etree._Element:
    note = etree.Element(tei("note"), type="editorial")
    note.text = text
    return note


def _run(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "collate", *(str(a) for a in args)],
        capture_output=True,
        check=False,
    )


def test_an_editors_notes_are_no_witness_text(tmp_path: Path) -> None:
    root = _apparatus(tmp_path / "in")
    body = root.find(f"{tei('text')}/{tei('body')}")
    assert body is not None
    first = next(body.iter(tei("p")))
    # one inside shared text, one between two paragraphs, one inside a location
    first.insert(1, _note("cf. ch. 2"))
    first.addnext(_note("A note between the paragraphs."))
    app = next(root.iter(tei("app")))
    app.append(_note("The reading of B is Darwin's later one."))
    path = _write(root, tmp_path / "noted.xml")
    assert collate.validate_file(path) == []
    for siglum, text in TEXTS.items():
        assert collate.extract(path, siglum).data == text.encode()
    again = collate.read_witnesses([path])
    assert [w.text for w in again] == list(TEXTS.values())


def test_an_apparatus_that_drops_a_witness_is_refused_not_read_wrong(tmp_path: Path) -> None:
    root = _apparatus(tmp_path / "in")
    reading = next(r for r in root.iter(tei("rdg")) if "#B" in (r.get("wit") or "").split())
    reading.set("wit", " ".join(w for w in (reading.get("wit") or "").split() if w != "#B"))
    path = _write(root, tmp_path / "dropped.xml")
    out = tmp_path / "again.xml"
    done = _run("run", path, "-o", out)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "dropped.xml" in lines[0] and "'B'" in lines[0], lines
    assert "named by no reading" in lines[0]
    assert not out.exists()


def test_an_edited_witness_no_longer_vouches_for_its_file(tmp_path: Path) -> None:
    root = _apparatus(tmp_path / "in")
    reading = next(r for r in root.iter(tei("rdg")) if (r.get("wit") or "").split() == ["#B"])
    reading.text = "set beside"  # the editor corrects B's reading
    path = _write(root, tmp_path / "edited.xml")
    assert collate.validate_file(path) == []
    by_siglum = {w.siglum: w for w in collate.read_witnesses([path])}
    assert "set beside" in by_siglum["B"].text
    assert by_siglum["B"].sha256 is None and by_siglum["B"].size is None
    # the witnesses left alone keep their provenance
    original = {w.siglum: w for w in _witnesses(tmp_path / "in")}
    assert by_siglum["A"].sha256 == original["A"].sha256 is not None
    assert by_siglum["A"].size == original["A"].size
