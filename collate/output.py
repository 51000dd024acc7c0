"""Writing files atomically: a reader sees the old file or the whole new one, never a
half-written one, even if the run is interrupted.

`write_atomic` takes the whole file, or its pieces one after another (a generator), so
a large output can be written as it is made without ever being whole in memory; it is
still renamed into place only once the last piece is on disk.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import OutputError
from .progress import report


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_writable(path: str | os.PathLike[str]) -> None:
    """Refuse a path that cannot become a file: its folder is missing, or it is a folder."""
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: the folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: cannot write: it is a folder")


def write_atomic(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or pieces of bytes) to a temporary file beside `path`, then
    rename it into place."""
    write_all_atomic([(path, data)])


def _short(name: str, limit: int = 200) -> str:
    """The output's name cut to `limit` bytes, so that the temporary name (with a dot
    before, a random part and `.part` after) still fits where the name itself fits
    (255 bytes on most file systems)."""
    raw = os.fsencode(name)
    return name if len(raw) <= limit else os.fsdecode(raw[:limit])


def _stage(path: Path, data: bytes | Iterable[bytes]) -> str:
    """Write `data` to a new temporary file beside `path`; returns its name."""
    check_writable(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{_short(path.name)}.", suffix=".part"
        )
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, (bytes, bytearray, memoryview)):
                stream.write(data)
            else:
                written = 0
                for piece in data:  # an error while making a piece leaves no file
                    written += stream.write(piece)
                    report(f"writing {path.name} (KiB)", written >> 10, None)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
    return temporary


def write_all_atomic(
    files: Iterable[tuple[str | os.PathLike[str], bytes | Iterable[bytes]]],
) -> None:
    """Write every file of one run to a temporary file beside it, and only when all of
    them are on disk rename them into place: a run that fails or is interrupted while
    any of them is still being made replaces none of the existing files. (`files` is
    consumed lazily, so the data of a later file may be made after an earlier one is
    staged.)"""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            staged.append((_stage(Path(path), data), Path(path)))
        for temporary, path in staged:
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        # Ctrl-C, SIGTERM (raised as an exception by the CLI) or an error: no leftovers.
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)


def encoded(pieces: Iterable[str], encoding: str = "utf-8") -> Iterable[bytes]:
    """Text pieces as bytes, for `write_atomic`."""
    return (piece.encode(encoding) for piece in pieces)
