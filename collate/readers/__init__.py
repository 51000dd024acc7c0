"""Witness readers, one module per input format, chosen by the file's ending.

Every reader module has `read(path, data, encoding) -> list[Witness]`: one file may hold
one witness (plain text, a TEI transcription) or several (CollateX JSON, a TEI
apparatus). Adding a format is adding a module and its endings to `READERS`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from ..model import Witness

#: reader module -> the file endings it reads
READERS: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "tei": (".xml", ".tei"),
    "collatex_json": (".json",),
}
WITNESS_SUFFIXES: tuple[str, ...] = tuple(s for endings in READERS.values() for s in endings)


class Reader(Protocol):
    def __call__(self, path: Path, data: bytes, encoding: str | None) -> list[Witness]: ...


def reader_for(path: Path) -> Reader:
    """The reader for a file's ending; other endings are read as plain text, since a
    witness named on the command line may be called anything."""
    suffix = path.suffix.lower()
    name = next((n for n, endings in READERS.items() if suffix in endings), "text")
    module = importlib.import_module(f"{__name__}.{name}")
    read: Reader = module.read
    return read
