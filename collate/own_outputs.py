"""Files collate wrote into a folder it reads witnesses from, so that the next run does
not take them for witnesses (a `.txt` apparatus or stemma summary would otherwise
become one more witness, silently).

A run that writes an output into one of its input folders (or a folder holding a
witness file it was given) records the file's name and SHA-256 in a hidden
`.collate-outputs` in that folder, written and renamed into place with the outputs.
Reading a folder passes over a file whose name and content are recorded there; a file
changed since, or named explicitly, is read as any other.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import hashlib

RECORD = ".collate-outputs"

OutputFile = tuple["str | os.PathLike[str]", "bytes | Iterable[bytes]"]


def recorded(folder: Path) -> dict[str, str]:
    """Name -> SHA-256 of the outputs collate recorded in `folder`."""
    try:
        text = (folder / RECORD).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    entries: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) == 64 and name:
            entries[name] = digest
    return entries


def is_own_output(path: Path, record: Mapping[str, str]) -> bool:
    """Whether `path` is, byte for byte, an output collate recorded."""
    digest = record.get(path.name)
    if digest is None:
        return False
    import hashlib  # only where an output was recorded: a run that reads none never loads it

    sha = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                sha.update(block)
    except OSError:
        return False
    return sha.hexdigest() == digest


def _hashed(data: bytes | Iterable[bytes], sha: hashlib._Hash) -> Iterator[bytes]:
    for piece in [data] if isinstance(data, (bytes, bytearray, memoryview)) else data:
        sha.update(piece)
        yield bytes(piece)


def _record(folder: Path, written: Mapping[str, hashlib._Hash]) -> Iterator[bytes]:
    entries = {name: d for name, d in recorded(folder).items() if (folder / name).exists()}
    entries.update({name: sha.hexdigest() for name, sha in written.items()})
    yield "".join(f"{d}  {n}\n" for n, d in sorted(entries.items())).encode("utf-8")


def with_record(
    files: Iterable[OutputFile], inputs: Sequence[str | os.PathLike[str]]
) -> Iterator[OutputFile]:
    """`files`, and after them the updated record of each input folder that receives
    one of them. The record's hashes are taken as the files are staged, so it is made
    only after them."""
    # a folder named as input, or holding a witness file named: `collate run a.txt
    # b.txt -o apparatus.xml`, then `collate run .`, must not read the apparatus back
    folders = {
        os.path.realpath(i if os.path.isdir(i) else os.path.dirname(i) or ".") for i in inputs
    }
    written: dict[Path, dict[str, hashlib._Hash]] = {}
    for path, data in files:
        path = Path(path)
        folder = path.parent
        if os.path.realpath(folder) in folders and "\n" not in path.name:
            import hashlib  # only for an output written into an input folder

            sha = hashlib.sha256()
            written.setdefault(folder, {})[path.name] = sha
            data = _hashed(data, sha)
        yield path, data
    for folder, hashes in written.items():
        yield folder / RECORD, _record(folder, hashes)
