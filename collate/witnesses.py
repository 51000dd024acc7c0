"""Reading witnesses: a folder of text files, or a list of files. Every input check
happens here, with an error that names the file and the problem.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import DuplicateSiglumError, TooFewWitnessesError, WitnessError
from .model import Witness

#: File endings read from a folder; other files (images, notes) are passed over.
WITNESS_SUFFIXES: tuple[str, ...] = (".txt",)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def text_problem(text: str) -> str | None:
    """Why a text cannot be a witness (empty, or holding a character XML 1.0 cannot
    carry), or None if it can."""
    if not text.strip():
        return "it is empty" if not text else "it holds only whitespace"
    for index, char in enumerate(text):
        code = ord(char)
        if (
            (code < 0x20 and char not in "\t\n\r")
            or code in (0xFFFE, 0xFFFF)
            or (0xD800 <= code <= 0xDFFF)
        ):
            line = text.count("\n", 0, index) + 1
            return f"line {line} has the character U+{code:04X}, which XML cannot carry"
    return None


def _decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    """Text, the encoding used and whether a byte-order mark was stripped."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom) and encoding in (None, "utf-8", "utf-8-sig", bom_encoding):
            try:
                return data[len(bom) :].decode(bom_encoding), bom_encoding, True
            except UnicodeDecodeError as error:
                raise WitnessError(
                    f"{path}: not valid {bom_encoding} at byte {error.start + len(bom)}"
                ) from None
    if b"\x00" in data and encoding is None:
        raise WitnessError(f"{path}: binary file (it contains NUL bytes), not a text witness")
    chosen = encoding or "utf-8"
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise WitnessError(f"unknown encoding {chosen!r}") from None
    try:
        return data.decode(chosen), codecs.lookup(chosen).name, False
    except UnicodeDecodeError as error:
        hint = (
            ""
            if encoding
            else "; if it is in another encoding, give it with --encoding (e.g. cp1252)"
        )
        raise WitnessError(f"{path}: not valid {chosen} at byte {error.start}{hint}") from None


def read_witness(path: str | os.PathLike[str], encoding: str | None = None) -> Witness:
    """One witness from a text file; its siglum is the file name without its ending."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WitnessError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise WitnessError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise WitnessError(f"{path}: cannot be read ({error.strerror or error})") from None
    text, used, bom = _decode(path, data, encoding)
    problem = text_problem(text)
    if problem:
        raise WitnessError(f"{path}: cannot be a witness: {problem}")
    return Witness(
        siglum=path.stem,
        text=text,
        source=path.name,
        encoding=used,
        bom=bom,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _folder_files(folder: Path) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise WitnessError(f"{folder}: cannot be listed ({error.strerror or error})") from None
    return [
        p
        for p in entries
        if p.suffix.lower() in WITNESS_SUFFIXES and not p.name.startswith(".") and not p.is_dir()
    ]


def witness_paths(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The witness files named by `inputs`: folders are opened, files taken as given."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = _folder_files(path)
            if not found:
                endings = ", ".join(WITNESS_SUFFIXES)
                raise WitnessError(f"{path}: no witness files ({endings}) in this folder")
            paths.extend(found)
        elif path.exists() or path.is_symlink():
            paths.append(path)
        else:
            raise WitnessError(f"{path}: no such file or folder")
    return paths


def check_witnesses(witnesses: Sequence[Witness]) -> None:
    """Refuse a set of witnesses that cannot be collated, naming the culprit."""
    seen: dict[str, Witness] = {}
    for witness in witnesses:
        problem = text_problem(witness.text)
        if problem:
            raise WitnessError(f"witness {witness.siglum}: {problem}")
        other = seen.get(witness.siglum)
        if other is not None:
            raise DuplicateSiglumError(
                f"duplicate siglum {witness.siglum!r}: {other.source} and {witness.source}"
            )
        seen[witness.siglum] = witness
    if len(witnesses) < 2:
        raise TooFewWitnessesError(f"collation needs at least two witnesses; got {len(witnesses)}")


def read_witnesses(
    inputs: Iterable[str | os.PathLike[str]], encoding: str | None = None
) -> tuple[Witness, ...]:
    """Witnesses from folders and files, in siglum order whatever the order given.

    Raises WitnessError (or a subclass) naming the first file that cannot be used.
    """
    witnesses = [read_witness(p, encoding) for p in witness_paths(inputs)]
    witnesses.sort(key=lambda w: w.siglum)
    check_witnesses(witnesses)
    return tuple(witnesses)
