"""Reading a corpus: a folder tree of witness files, or a table of documents.

A folder tree is read file by file with collate's own readers (plain text, TEI, CollateX
JSON), exactly as `collate run` reads them. A table is JSON Lines, CSV or Parquet with
the columns `id` and `text` and, optionally, `date`, `source` and `title`.

Nothing a single document does wrong stops the reading: an unreadable file, a malformed
row, an empty text or a duplicate id becomes a `Problem` naming the document and what is
wrong with it, and the rest of the corpus is read.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from ..dates import check_date
from ..errors import CollateError, WitnessError
from ..model import Witness
from ..readers import WITNESS_SUFFIXES
from ..witnesses import read_file, text_problem

#: table endings, by the reader that takes them
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
Kept = TypeVar("Kept")
#: where a line ends at a carriage return not followed by a line feed
_LONE_RETURN = re.compile(r"(?<=\r)(?!\n|$)")
#: Parquet rows decoded at a time
_PARQUET_BATCH = 1024


class CorpusInputError(CollateError):
    """The corpus as a whole cannot be read (no such folder, not a table, no id column)."""


@dataclass(frozen=True)
class Document:
    """One document of the corpus: its text as a witness (siglum = document id)."""

    witness: Witness
    #: the outlet, agency or collection it came from, where the table names one
    source: str | None = None
    title: str | None = None
    #: where it was read from: a path, or the table and its row number
    origin: str = ""
    #: what was wrong with its metadata but did not stop it being used (a bad date)
    note: str | None = None

    @property
    def id(self) -> str:
        return self.witness.siglum

    @property
    def text(self) -> str:
        return self.witness.text

    @property
    def date(self) -> str | None:
        return self.witness.date


@dataclass(frozen=True)
class Problem:
    """A document that could not be used, and why."""

    document: str
    origin: str
    message: str


@dataclass(frozen=True)
class Corpus:
    """The documents in id order, and the problems met reading them."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


def read_corpus(path: str | os.PathLike[str], encoding: str | None = None) -> Corpus:
    """Read a folder tree or a table of documents, every text held in memory."""
    return checked(iter_documents(path, encoding))


def iter_documents(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    output: str | os.PathLike[str] | None = None,
) -> Iterator[Document | Problem]:
    """The documents of a folder tree or a table one at a time, in the order of the
    files and rows, so that a caller need not hold them all (`store`). A folder
    `output` inside the tree (where the corpus's results go) is passed over: its
    apparatuses and stemmata are no documents."""
    path = Path(path)
    if path.is_dir():
        return _read_tree(path, encoding, Path(output) if output is not None else None)
    if path.suffix.lower() in TABLE_SUFFIXES and path.is_file():
        return _read_table(path, encoding)
    if path.is_file() and path.suffix.lower() in WITNESS_SUFFIXES:
        return _read_files(path.parent, [path], encoding)
    if path.exists():
        endings = ", ".join(TABLE_SUFFIXES)
        raise CorpusInputError(
            f"{path}: not a folder of documents nor a table ({endings}) of documents"
        )
    raise CorpusInputError(f"{path}: no such file or folder")


def checked(found: Iterable[Document | Problem]) -> Corpus:
    """Documents with empty texts or ids already seen become problems; id order."""
    documents, problems = sift(found, lambda document: document)
    return Corpus(tuple(documents[key] for key in sorted(documents)), problems)


def sift(
    found: Iterable[Document | Problem], keep: Callable[[Document], Kept]
) -> tuple[dict[str, Kept], tuple[Problem, ...]]:
    """What `keep` makes of each usable document, by id, and the problems, sorted."""
    kept: dict[str, Kept] = {}
    problems: list[Problem] = []
    for item in found:
        problem = usable(item, kept)
        if problem is not None:
            problems.append(problem)
        else:
            assert isinstance(item, Document)
            kept[item.id] = keep(item)
    return kept, sorted_problems(problems)


def usable(item: Document | Problem, seen: Mapping[str, Document | Any]) -> Problem | None:
    """Why a document read cannot be used (an empty text, an id in `seen`), if it cannot."""
    if isinstance(item, Problem):
        return item
    problem = text_problem(item.text)
    if problem:
        return Problem(item.id, item.origin, f"cannot be collated: {problem}")
    if item.id in seen:
        first = seen[item.id].origin
        return Problem(item.id, item.origin, f"duplicate id (first in {first})")
    return None


def sorted_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.document, p.origin, p.message)))


# --------------------------------------------------------------------------- folders


def _tree_files(root: Path, output: Path | None = None) -> Iterator[Path]:
    # the corpus's own outputs are no documents: the output folder where it lies inside
    # the tree, and its groups' folder where the output folder is the tree itself
    skipped = {os.path.realpath(output)} if output is not None else set()
    if os.path.realpath(root) in skipped:
        skipped = {os.path.realpath(root / "groups")}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(
            d
            for d in subfolders
            if not d.startswith(".") and os.path.realpath(Path(folder, d)) not in skipped
        )
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in WITNESS_SUFFIXES:
                yield Path(folder, name)


def _read_tree(
    root: Path, encoding: str | None, output: Path | None = None
) -> Iterator[Document | Problem]:
    files = _tree_files(root, output)
    first = next(files, None)
    if first is None:
        endings = ", ".join(WITNESS_SUFFIXES)
        raise CorpusInputError(f"{root}: no documents ({endings}) in this folder tree")
    return _read_files(root, itertools.chain([first], files), encoding)


def _read_files(
    root: Path, files: Iterable[Path], encoding: str | None
) -> Iterator[Document | Problem]:
    for path in files:
        # a document's id is its path below the root without the ending, so that files
        # of one name in two folders stay apart
        stem = path.relative_to(root).with_suffix("").as_posix()
        try:
            witnesses = read_file(path, encoding)
        except WitnessError as error:
            yield Problem(stem, str(path), str(error))
            continue
        for witness in witnesses:
            # one witness per file keeps the file's id; a file of several (CollateX JSON,
            # a TEI apparatus) gives each its own, after the file's
            key = stem if len(witnesses) == 1 else f"{stem}#{witness.siglum}"
            yield Document(replace(witness, siglum=key), origin=str(path))


# --------------------------------------------------------------------------- tables


def _read_table(path: Path, encoding: str | None = None) -> Iterator[Document | Problem]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            rows = _parquet_rows(path)
        else:
            stream = open(path, "rb")  # noqa: SIM115 - closed when the rows are read
    except OSError as error:
        raise CorpusInputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if suffix != ".parquet":
        lines = _decoded_lines(path, stream, encoding)
        rows = _csv_rows(path, lines) if suffix == ".csv" else _json_lines(lines)
    # the first row is read here, so that a table that cannot be read at all is an
    # error before any document is used
    first = next(rows, None)
    return (
        _row_document(path, number, row)
        for number, row in itertools.chain([first] if first else [], rows)
    )


def _decoded_lines(path: Path, stream: BinaryIO, encoding: str | None = None) -> Iterator[str]:
    """The lines of a UTF-8 file (a byte-order mark dropped), or of one in the
    `encoding` given (a spreadsheet's export in cp1252, say), with their endings."""
    if encoding is not None and codecs.lookup(encoding).name != "utf-8":
        yield from _lines_in(path, stream, encoding)
        return
    offset = 0
    with stream:
        for raw in stream:
            try:
                line = raw.decode("utf-8-sig" if offset == 0 else "utf-8")
            except UnicodeDecodeError as error:
                at = offset + error.start
                raise CorpusInputError(f"{path}: not valid UTF-8 at byte {at}") from None
            except OSError as error:
                raise CorpusInputError(
                    f"{path}: cannot be read ({error.strerror or error})"
                ) from None
            offset += len(raw)
            if "\r" in line:
                # a lone carriage return ends a line too, as in universal newlines
                yield from _LONE_RETURN.split(line)
            else:
                yield line


def _lines_in(path: Path, stream: BinaryIO, encoding: str) -> Iterator[str]:
    with io.TextIOWrapper(stream, encoding=encoding, newline="") as text:
        try:
            for line in text:
                yield from _LONE_RETURN.split(line) if "\r" in line else (line,)
        except UnicodeDecodeError as error:
            raise CorpusInputError(
                f"{path}: not valid {encoding} at byte {error.start} of a read"
            ) from None
        except OSError as error:
            raise CorpusInputError(f"{path}: cannot be read ({error.strerror or error})") from None


def _json_lines(lines: Iterable[str]) -> Iterator[tuple[int, object]]:
    # numbered as str.splitlines numbers them (a lone carriage return ends a line too)
    number = 0
    for chunk in lines:
        for line in chunk.splitlines():
            number += 1
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except (json.JSONDecodeError, RecursionError) as error:
                yield number, f"not valid JSON ({getattr(error, 'msg', error)})"


def _csv_rows(path: Path, lines: Iterable[str]) -> Iterator[tuple[int, object]]:
    reader = csv.DictReader(lines)
    _require_columns(path, reader.fieldnames or [])
    # numbered as records, as a spreadsheet shows them (the header is row 0): a quoted
    # text may span many lines of the file
    number = 0
    try:
        for number, row in enumerate(reader, start=1):  # noqa: B007 - read after the loop
            extra = row.pop(None, None)
            yield number, (row if not extra else "more fields than columns")
    except csv.Error as error:
        yield number + 1, f"malformed CSV ({error})"


def _parquet_rows(path: Path) -> Iterator[tuple[int, object]]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as error:  # noqa: BLE001 - pyarrow raises many kinds for a bad file
        raise CorpusInputError(f"{path}: not a readable Parquet file ({error})") from None
    _require_columns(path, table.schema_arrow.names)
    return _parquet_batches(path, table)


def _parquet_batches(path: Path, table: Any) -> Iterator[tuple[int, object]]:
    number = 0
    try:
        for batch in table.iter_batches(batch_size=_PARQUET_BATCH):
            for row in batch.to_pylist():
                number += 1
                yield number, row
    except Exception as error:  # noqa: BLE001 - as above
        raise CorpusInputError(f"{path}: not a readable Parquet file ({error})") from None


def _require_columns(path: Path, columns: Iterable[str]) -> None:
    missing = [c for c in ("id", "text") if c not in set(columns)]
    if missing:
        raise CorpusInputError(f"{path}: the table has no {' and no '.join(missing)} column")


def _row_document(path: Path, number: int, row: object) -> Document | Problem:
    origin = f"{path} row {number}"
    if isinstance(row, str):
        return Problem(f"row {number}", origin, row)
    if not isinstance(row, dict):
        return Problem(f"row {number}", origin, "not an object with id and text")
    key, text = row.get("id"), row.get("text")
    if isinstance(key, int) and not isinstance(key, bool):
        key = str(key)
    if not isinstance(key, str) or not key.strip() or key != key.strip():
        return Problem(f"row {number}", origin, f"no usable id ({key!r})")
    if not isinstance(text, str):
        return Problem(key, origin, "no text" if text is None else "the text is not a string")
    date, note = _date(row.get("date"))
    source, title = _optional(row.get("source")), _optional(row.get("title"))
    # the outlet and headline describe the witness in its group's TEI header and report
    described = ": ".join(filter(None, (source, title))) or None
    witness = Witness(key, text, source=path.name, date=date, description=described)
    return Document(witness, source, title, origin, note)


def _optional(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _date(value: object) -> tuple[str | None, str | None]:
    """The date as ISO 8601 text, or None and why it was not used."""
    if value is None or value == "":
        return None, None
    # a Parquet date or timestamp, or text
    text = str(value.isoformat()) if hasattr(value, "isoformat") else str(value).strip()
    problem = check_date(text)
    if problem is None:
        return text, None
    return None, f"{problem}; ignored"
