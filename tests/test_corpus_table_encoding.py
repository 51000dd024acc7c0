"""A table of documents in another encoding than UTF-8 (a spreadsheet's export in
cp1252, a UTF-16 JSON Lines file) is read with `--encoding`, and a CSV's problem rows
are numbered as records, as a spreadsheet shows them, not by the file's lines."""

from __future__ import annotations

import json
from pathlib import Path

from collate.corpus.reading import Document, Problem, checked, iter_documents

from .test_hostile import cli

_TEXT = "caf\u00e9 au lait et des croissants chauds le matin"


def _read(path: Path, encoding: str | None = None) -> list[Document | Problem]:
    return list(iter_documents(path, encoding))


def test_a_cp1252_csv_is_read_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(f"id,text\r\nA,{_TEXT}\r\n".encode("cp1252"))
    (document,) = _read(path, "cp1252")
    assert isinstance(document, Document) and document.text.rstrip() == _TEXT
    code, stderr = cli("corpus", path, "-o", tmp_path / "out", "-q")
    assert code == 1 and "not valid UTF-8" in stderr  # without it, said in one line
    code, stderr = cli("corpus", path, "-o", tmp_path / "out", "-q", "--encoding", "cp1252")
    assert code == 0, stderr


def test_a_utf16_json_lines_table_is_read_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    rows = [{"id": "A", "text": _TEXT}, {"id": "B", "text": "\u05d0\u05d1 " + _TEXT}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-16")
    documents = _read(path, "utf-16")
    assert all(isinstance(d, Document) for d in documents)
    assert [d.id for d in documents if isinstance(d, Document)] == ["A", "B"]


def test_csv_problems_are_numbered_by_record(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    many_lines = "\n".join(["a line of the first text"] * 20)
    path.write_text(f'id,text\nA,"{many_lines}"\nB,{_TEXT}\nA,again\n', encoding="utf-8")
    (problem,) = checked(iter_documents(path)).problems
    assert problem.origin.endswith("row 3") and problem.message.endswith("row 1)"), problem
