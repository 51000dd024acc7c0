"""The corpus read one document at a time and kept on disk (`collate.corpus.store`):
the same documents, problems and texts as the corpus read whole into memory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collate.corpus.reading import CorpusInputError, iter_documents, read_corpus
from collate.corpus.store import DocumentStore, store_corpus

from .conftest import SEEDS


def same_as_in_memory(path: Path) -> None:
    whole = read_corpus(path)
    with DocumentStore() as store:
        kept = store_corpus(iter_documents(path), store)
        assert [d.id for d in kept.documents] == [d.id for d in whole.documents]
        assert kept.problems == whole.problems
        for number, document in enumerate(whole.documents):
            assert kept.witness(number) == document.witness
            stored = kept.documents[number]
            assert (stored.date, stored.source, stored.title, stored.origin, stored.note) == (
                document.date,
                document.source,
                document.title,
                document.origin,
                document.note,
            )


def test_a_folder_tree_with_bad_documents(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root / "news")
    (root / "news" / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (root / "news" / "empty.txt").write_text("")
    (root / "copy").mkdir()
    shutil.copy(next(SEEDS.glob("*.txt")), root / "copy")
    same_as_in_memory(root)


def test_a_table_with_bad_rows_and_every_line_ending(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "a", "text": "one\u2028two", "date": "2020", "title": "T"}),
        "{broken",
        json.dumps({"id": "a", "text": "again"}),
        json.dumps({"id": "b", "text": " "}),
        json.dumps({"id": "c", "text": "three", "date": "spring", "source": "S"}),
    ]
    table = tmp_path / "t.jsonl"
    # a byte-order mark, and lines ended by LF, CRLF and a lone CR
    table.write_bytes(
        b"\xef\xbb\xbf"
        + "\n".join(rows[:2]).encode()
        + b"\r\n"
        + rows[2].encode()
        + b"\r"
        + "\n".join(rows[3:]).encode()
    )
    same_as_in_memory(table)
    kept = read_corpus(table)
    assert [d.id for d in kept.documents] == ["a", "c"]
    assert {p.document for p in kept.problems} == {"row 2", "a", "b"}


def test_csv_rows_spanning_lines_and_a_lone_carriage_return(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_bytes(b'id,text\r"x","a text\nover two lines"\r\ny,plain\rz,last\n')
    same_as_in_memory(table)
    documents = read_corpus(table).documents
    assert [(d.id, d.text, d.origin[-5:]) for d in documents] == [
        ("x", "a text\nover two lines", "row 1"),  # numbered as records, as Parquet's
        ("y", "plain", "row 2"),
        ("z", "last", "row 3"),
    ]


def test_a_parquet_table_read_in_batches(tmp_path: Path) -> None:
    rows = [{"id": f"d{n:04d}", "text": f"text number {n}"} for n in range(2500)]
    rows[1200]["text"] = ""
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "t.parquet", row_group_size=700)
    same_as_in_memory(tmp_path / "t.parquet")
    assert read_corpus(tmp_path / "t.parquet").problems[0].origin.endswith("row 1201")


def test_bad_utf8_is_one_error_with_its_byte(tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_bytes(b'{"id": "a", "text": "fine"}\n{"id": "b", "text": "caf\xe9"}\n')
    with pytest.raises(CorpusInputError, match=r"t\.jsonl: not valid UTF-8 at byte 52"):
        read_corpus(table)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.text(max_size=30)),
        min_size=1,
        max_size=12,
    )
)
def test_any_table_is_kept_as_read(rows: list[tuple[str, str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        table = Path(folder, "t.jsonl")
        table.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), "utf-8")
        same_as_in_memory(table)
