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
    path = Path(path)
    folder = path.parent
    check_writable(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, (bytes, bytearray, memoryview)):
                stream.write(data)
            else:
                for piece in data:  # an error while making a piece leaves no file
                    stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        # Ctrl-C, SIGTERM (raised as an exception by the CLI) or an error: no leftovers.
        if os.path.exists(temporary):
            os.unlink(temporary)


def encoded(pieces: Iterable[str], encoding: str = "utf-8") -> Iterable[bytes]:
    """Text pieces as bytes, for `write_atomic`."""
    return (piece.encode(encoding) for piece in pieces)
