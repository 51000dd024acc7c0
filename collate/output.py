"""Writing files atomically: a reader sees the old file or the whole new one, never a
half-written one, even if the run is interrupted.

`write_atomic` takes the whole file, or its pieces one after another (a generator), so
a large output can be written as it is made without ever being whole in memory; it is
still renamed into place only once the last piece is on disk.

An output that is a symbolic link is written where the link points, and the link kept.
An output that is not a regular file (a device such as /dev/null, a pipe, a terminal,
/proc/self/fd/1) is written through, never replaced: its data is staged in an anonymous
temporary file and copied into it once every file of the run is ready.

Temporary files are named `.NAME.collate-PID-XXXXXXXX.part` beside the output NAME (cut
to 200 bytes, so that the temporary name fits where NAME fits).
One left behind by a run that was killed (SIGKILL, a power cut) is removed by the next
run that writes NAME, once no process PID is alive; nothing else is ever removed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .errors import OutputError
from .progress import report

_PART = re.compile(r"\.(?P<name>.+)\.collate-(?P<pid>[0-9]+)-[^./]+\.part\Z", re.DOTALL)


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
        problem = "is a file, not a folder" if folder.exists() else "does not exist"
        raise OutputError(f"{path}: cannot write: {folder} {problem}")
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


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths are one file: the same path once links are followed, or two
    hard links to one file."""
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _target(path: Path) -> tuple[Path, bool]:
    """Where the data for `path` really goes, and whether it is written through: a
    regular file behind symbolic links is replaced where it lies (the links kept), a
    special file is written through."""
    try:
        status = os.stat(path)
    except OSError:  # not there yet (or a link to nowhere): made where the link points
        return Path(os.path.realpath(path)), False
    if stat.S_ISREG(status.st_mode):
        return Path(os.path.realpath(path)), False
    return path, True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def remove_stale_parts(path: Path) -> None:
    """Remove temporaries of `path` that a killed run left behind (see the module's
    docstring): only regular files with collate's name for them, of a dead process."""
    try:
        entries = os.scandir(path.parent)
    except OSError:
        return
    with entries:
        for entry in entries:
            match = _PART.match(entry.name)
            if match is None or match["name"] != _short(path.name) or _alive(int(match["pid"])):
                continue
            try:
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
            except OSError:
                pass  # gone already, or not ours to remove


def _write(stream: IO[bytes], data: bytes | Iterable[bytes], name: str) -> None:
    if isinstance(data, (bytes, bytearray, memoryview)):
        stream.write(data)
    else:
        written = 0
        for piece in data:  # an error while making a piece leaves no file
            written += stream.write(piece)
            report(f"writing {name} (KiB)", written >> 10, None)
    stream.flush()


def _new_part(path: Path) -> tuple[int, str]:
    """A new file beside `path`, open for writing and private to its owner, named so that
    `remove_stale_parts` knows it: what `tempfile.mkstemp` makes, without loading
    `tempfile` and `random` (about 1% of a small run's start)."""
    folder = os.path.abspath(path.parent)
    prefix = os.path.join(folder, f".{_short(path.name)}.collate-{os.getpid()}-")
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        name = f"{prefix}{os.urandom(6).hex()}.part"
        try:
            return os.open(name, flags, 0o600), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused name for a temporary file", folder)


def _stage(path: Path, data: bytes | Iterable[bytes]) -> str:
    """Write `data` to a new temporary file beside `path`; returns its name."""
    check_writable(path)
    remove_stale_parts(path)
    try:
        handle, temporary = _new_part(path)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            _write(stream, data, path.name)
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
    return temporary


def _stage_through(path: Path, data: bytes | Iterable[bytes]) -> IO[bytes]:
    """Stage the data for a special file in an anonymous temporary file."""
    import tempfile  # only for special files: most outputs are staged by `_new_part`

    try:
        stream = tempfile.TemporaryFile()
        _write(stream, data, path.name)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    return stream


def _write_through(path: Path, staged: IO[bytes]) -> None:
    import shutil

    staged.seek(0)
    try:
        with open(path, "wb") as stream:
            shutil.copyfileobj(staged, stream)
    except OSError as error:
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None


def write_all_atomic(
    files: Iterable[tuple[str | os.PathLike[str], bytes | Iterable[bytes]]],
) -> None:
    """Write every file of one run to a temporary file beside it, and only when all of
    them are on disk rename them into place: a run that fails or is interrupted while
    any of them is still being made replaces none of the existing files. (`files` is
    consumed lazily, so the data of a later file may be made after an earlier one is
    staged.) Special files are written through, last (see the module's docstring)."""
    staged: list[tuple[str, Path]] = []
    through: list[tuple[IO[bytes], Path]] = []
    try:
        for path, data in files:
            target, special = _target(Path(path))
            if special:
                through.append((_stage_through(target, data), target))
            else:
                staged.append((_stage(target, data), target))
        for temporary, target in staged:
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise OutputError(f"{target}: cannot write: {error.strerror or error}") from None
        for stream, target in through:
            _write_through(target, stream)
    finally:
        # Ctrl-C, SIGTERM (raised as an exception by the CLI) or an error: no leftovers.
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
        for stream, _ in through:
            stream.close()


def encoded(pieces: Iterable[str], encoding: str = "utf-8") -> Iterable[bytes]:
    """Text pieces as bytes, for `write_atomic`."""
    return (piece.encode(encoding) for piece in pieces)
