"""The documents of a corpus kept on disk, so that the process running the corpus
holds only each document's id and metadata, never every text at once.

The documents are read one at a time (`reading.iter_documents`); each usable one is
written, as it comes, to a scratch file beside the others (its witness pickled: the
text and whatever the reader recorded of its source), and the process keeps a
`StoredDocument`: id, date, source, title, where it was read from and where its
witness lies in the scratch file. A task that needs texts (fingerprinting a run of
documents, verifying a batch of pairs, collating a group) has them read back just
before it is handed to a worker, so at any time the process holds the texts of the
tasks in flight only. At 10 million documents of 500 words the texts are about 30 GB;
what is kept per document is a few hundred bytes.

A document is the same whether it was held in memory or read back: `read_corpus` and
`store_corpus` number the documents alike (in id order) and make the same problems.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Witness
from .reading import Document, Problem, sift
from .scratch import Scratch


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """What is kept of a document: its metadata, and where its witness lies."""

    id: str
    date: str | None
    source: str | None
    title: str | None
    origin: str
    note: str | None
    offset: int
    size: int


class DocumentStore(Scratch):
    """Witnesses in a scratch file (removed on exit), read back by position."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__("collate-documents-", None if folder is None else os.fspath(folder))
        self._file = open(self.folder / "witnesses", "w+b")  # noqa: SIM115
        self._end = 0

    def close(self) -> None:
        self._file.close()
        super().close()

    def put(self, document: Document) -> StoredDocument:
        data = pickle.dumps(document.witness, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        offset, self._end = self._end, self._end + len(data)
        return StoredDocument(
            document.id,
            document.date,
            document.source,
            document.title,
            document.origin,
            document.note,
            offset,
            len(data),
        )

    def witness(self, document: StoredDocument) -> Witness:
        self._file.flush()
        data = os.pread(self._file.fileno(), document.size, document.offset)
        witness = pickle.loads(data)  # noqa: S301 - our own scratch file
        assert isinstance(witness, Witness)
        return witness


@dataclass(frozen=True)
class StoredCorpus:
    """The documents in id order (their texts in `store`), and the problems met."""

    documents: tuple[StoredDocument, ...]
    problems: tuple[Problem, ...]
    store: DocumentStore

    def witness(self, number: int) -> Witness:
        return self.store.witness(self.documents[number])

    def witnesses(self, numbers: Iterable[int]) -> list[Witness]:
        return [self.witness(n) for n in numbers]

    def texts(self, numbers: Sequence[int]) -> dict[int, str]:
        return {n: self.witness(n).text for n in numbers}


def store_corpus(found: Iterable[Document | Problem], store: DocumentStore) -> StoredCorpus:
    """Every usable document written to `store` as it is read; the same documents and
    problems as `reading.checked` gives."""
    kept, problems = sift(found, store.put)
    return StoredCorpus(tuple(kept[key] for key in sorted(kept)), problems, store)
