"""Output formats, one module each, chosen by name or by the output file's ending.

Every format module has `write(collation) -> bytes`. Adding a format is adding a module
and a line to `FORMATS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from ..errors import UnknownFormatError
from ..model import Collation

#: format name -> the file endings that select it
FORMATS: dict[str, tuple[str, ...]] = {
    "tei": (".xml", ".tei"),
    "json": (".json",),
    "tsv": (".tsv",),
    "csv": (".csv",),
    "dot": (".dot", ".gv"),
    "text": (".txt",),
    "html": (".html", ".htm"),
}


def format_for(path: str | Path, name: str | None = None) -> str:
    """The format called `name`, or else the one the file's ending selects."""
    if name is not None:
        if name not in FORMATS:
            raise UnknownFormatError(
                f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}"
            )
        return name
    suffix = Path(path).suffix.lower()
    for format_name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return format_name
    known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
    raise UnknownFormatError(
        f"cannot tell the format from {str(path)!r}; use an ending ({known}) or --format"
    )


def writer(name: str) -> Callable[[Collation], bytes]:
    format_for("", name)
    module = importlib.import_module(f"{__name__}.{name}")
    write: Callable[[Collation], bytes] = module.write
    return write


def render(collation: Collation, name: str) -> bytes:
    """The collation in the named format, as bytes."""
    return writer(name)(collation)
