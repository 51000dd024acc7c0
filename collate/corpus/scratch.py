"""A scratch folder that lives as long as a `with` block: where the corpus run keeps
what would not fit in memory (the documents, the n-gram index's partitions)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self


class Scratch:
    """Owns a temporary folder, removed when the `with` block ends (or on `close`)."""

    def __init__(self, prefix: str, folder: str | None = None) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix=prefix, dir=folder)
        self.folder = Path(self._scratch.name)

    def close(self) -> None:
        self._scratch.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
