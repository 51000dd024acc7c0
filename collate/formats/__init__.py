"""Output formats, one module each, chosen by name or by the output file's ending.

Every format module has `write(collation) -> bytes`; a format that can be written in
pieces also has `chunks(collation) -> Iterator[str]`, so a large table never stands whole
in memory. Adding a format is adding a module and a line to `FORMATS`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..errors import OutputIsFolderError, UnknownFormatError, UnknownOptionError
from ..model import Collation
from ..output import encoded

#: format name -> the file endings that select it
FORMATS: dict[str, tuple[str, ...]] = {
    "tei": (".xml", ".tei"),
    "json": (".json",),
    "tsv": (".tsv",),
    "csv": (".csv",),
    "dot": (".dot", ".gv"),
    "svg": (".svg",),
    "text": (".txt",),
    "html": (".html", ".htm"),
    # lemma ] variants, with a base witness: plain text and Markdown
    "lemma": (".lemma",),
    "markdown": (".md",),
}


def choose_format(
    table: Mapping[str, tuple[str, ...]],
    path: str | os.PathLike[str],
    name: str | None = None,
    what: str = "format",
    parameter: str | None = "format",
) -> str:
    """The format called `name` in `table` (format -> file endings), or else the one the
    file's ending selects; an error names the valid choices (and `parameter`, the
    caller's parameter that names a format, if it has one)."""
    if name is not None:
        if name not in table:
            raise UnknownFormatError(f"unknown {what} {name!r}; choose one of: {', '.join(table)}")
        return name
    suffix = Path(path).suffix.lower()
    for format_name, suffixes in table.items():
        if suffix in suffixes:
            return format_name
    known = ", ".join(s for suffixes in table.values() for s in suffixes)
    if os.path.isdir(path):  # no ending to go by: the mistake is the folder, not the format
        raise OutputIsFolderError(
            f"{os.fspath(path)}: cannot write: it is a folder; name a file (ending {known})"
        )
    alternative = f" or `{parameter}`" if parameter else ""
    raise UnknownFormatError(
        f"cannot tell the {what} from {os.fspath(path)!r}; use an ending ({known}){alternative}",
        parameter=parameter,
    )


def format_for(path: str | os.PathLike[str], name: str | None = None) -> str:
    """The output format called `name`, or else the one the file's ending selects."""
    return choose_format(FORMATS, path, name)


def writer(name: str) -> Callable[..., bytes]:
    format_for("", name)
    module = importlib.import_module(f"{__name__}.{name}")
    write: Callable[..., bytes] = module.write
    return write


def render(collation: Collation, name: str, **options: object) -> bytes:
    """The collation in the named format, as bytes. `options` go to the format: the
    variant graph (`dot`, `svg`) takes `locations=(first, last)`, the passage to draw."""
    write = writer(name)
    if options:
        _check_options(name, write, options)
    return write(collation, **options)


def _check_options(name: str, write: Callable[..., bytes], options: Mapping[str, object]) -> None:
    """An option the format does not take is named, with the ones it does (and, for an
    edition's setting such as `base`, where it belongs), not a TypeError from inside."""
    import dataclasses
    import inspect

    from ..model import Edition

    taken = [p for p in inspect.signature(write).parameters if p != "collation"]
    for option in options:
        if option in taken:
            continue
        offered = f"it takes {', '.join(taken)}" if taken else "it takes none"
        edition = {field.name for field in dataclasses.fields(Edition)}
        hint = (
            f"; `{option}` is the edition's: collate(..., edition=Edition({option}=...))"
            if option in edition
            else ""
        )
        raise UnknownOptionError(f"format {name!r} takes no option {option!r} ({offered}){hint}")


def pieces(collation: Collation, name: str) -> Iterable[bytes]:
    """The collation in the named format, as pieces of bytes: streamed where the format
    can be written in pieces, else its whole rendering as one piece."""
    format_for("", name)
    module = importlib.import_module(f"{__name__}.{name}")
    if hasattr(module, "chunks"):
        return encoded(module.chunks(collation))
    return (writer(name)(collation),)
