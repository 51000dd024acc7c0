"""Reading witnesses from folders and files. Every input check happens here or in the
reader for the file's format, with an error that names the file and the problem.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DuplicateSiglumError, InvalidWitnessError, TooFewWitnessesError, WitnessError
from .metadata import METADATA_FILE, PROJECT_FILE, apply_metadata, find_metadata, load_metadata
from .model import Witness
from .own_outputs import is_own_output, recorded
from .progress import report
from .readers import WITNESS_SUFFIXES, reader_for
from .xmltools import xml_unsafe

if TYPE_CHECKING:
    from .project import Project

#: The most input, in bytes, one collation reads unless told otherwise: well inside what
#: the engines handle in this machine's memory (see the README's limits).
MAX_INPUT_BYTES = 64 * 1024 * 1024


def text_problem(text: str) -> str | None:
    """Why a text cannot be a witness (empty, or holding a character XML 1.0 cannot
    carry), or None if it can."""
    if not text.strip():
        return "it is empty" if not text else "it holds only whitespace"
    bad = xml_unsafe(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        return f"line {line} has the character U+{ord(bad.group()):04X}, which XML cannot carry"
    return None


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(path: Path, mode: int) -> WitnessError | None:
    """Why `path` cannot be read as a witness: only regular files are (a pipe would
    hang the run, /dev/zero never end), or None."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    if kind == "a folder":
        return WitnessError(f"{path}: is a folder, not a file")
    return WitnessError(f"{path}: is {kind}, not a file; collate reads witnesses from files only")


def _too_much(limit: int, where: str) -> WitnessError:
    return WitnessError(
        f"{where}: the witnesses total more than the limit of {limit / 2**20:.0f} MiB "
        "(raise it with `max_bytes` if the machine has the memory)",
        parameter="max_bytes",
    )


def _read_bytes(path: Path, limit: int, total_limit: int | None = None) -> bytes:
    """At most `limit` bytes of a regular file: more is an error, whatever the file's
    size claims to be (files in /proc claim none)."""
    try:
        problem = _not_a_file(path, os.stat(path).st_mode)
        if problem is not None:
            raise problem
        # O_NONBLOCK: a file swapped for a pipe after the check still cannot hang open()
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise WitnessError(f"{path}: no such file (or a broken link)") from None
    except OSError as error:
        raise WitnessError(f"{path}: cannot be read ({error.strerror or error})") from None
    with os.fdopen(handle, "rb") as stream:
        problem = _not_a_file(path, os.fstat(stream.fileno()).st_mode)
        if problem is not None:
            raise problem
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise WitnessError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise _too_much(total_limit or limit, str(path))
    return data


def read_file(
    path: str | os.PathLike[str], encoding: str | None = None, max_bytes: int = MAX_INPUT_BYTES
) -> list[Witness]:
    """The witnesses in one file (one for text; one or more for TEI and JSON); a file
    of more than `max_bytes` is refused."""
    path = Path(path)
    return _read_file(path, _read_bytes(path, max_bytes), encoding)


def _read_file(path: Path, data: bytes, encoding: str | None) -> list[Witness]:
    try:
        witnesses = reader_for(path)(path, data, encoding)
    except InvalidWitnessError as error:
        raise InvalidWitnessError(f"{path}: {error}") from None
    for witness in witnesses:
        problem = text_problem(witness.text)
        if problem:
            where = path if witness.siglum == path.stem else f"{path} (witness {witness.siglum})"
            raise WitnessError(f"{where}: cannot be a witness: {problem}")
    return witnesses


def read_witness(path: str | os.PathLike[str], encoding: str | None = None) -> Witness:
    """The one witness in a file; its siglum is the file name without its ending."""
    witnesses = read_file(path, encoding)
    if len(witnesses) != 1:
        raise WitnessError(f"{path}: holds {len(witnesses)} witnesses, not one")
    return witnesses[0]


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError as error:
        raise WitnessError(f"{folder}: cannot be listed ({error.strerror or error})") from None


def _why_skipped(path: Path, record: Mapping[str, str]) -> str | None:
    """Why a file in a folder of witnesses is not read as one, or None if it is."""
    if path.name.startswith("."):
        return "hidden"
    if path.suffix.lower() not in WITNESS_SUFFIXES:
        return "a folder" if path.is_dir() else "not a witness file"
    if path.is_dir():
        return "a folder"
    if not _may_be_a_file(path):
        return "not a regular file (a pipe, device or socket)"
    if is_own_output(path, record):
        return "collate's own output"
    return None


def _folder_files(folder: Path) -> list[Path]:
    record = recorded(folder)
    return [p for p in _entries(folder) if _why_skipped(p, record) is None]


def skipped_files(inputs: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """The entries of the folders among `inputs` that are not read as witnesses, with
    why (another ending, such as a PDF or an image; a folder; collate's own unchanged
    output), so that a front end can name them. Hidden files and the folder's metadata
    and project files (`witnesses.csv`, `collate.toml`) go unmentioned: they are read."""
    skipped: list[tuple[Path, str]] = []
    for item in inputs:
        folder = Path(item)
        if not os.path.isdir(folder):  # unlike Path.is_dir, never raises (no permission)
            continue
        record = recorded(folder)
        for path in _entries(folder):
            why = _why_skipped(path, record)
            read = path.name in (METADATA_FILE, PROJECT_FILE)
            if why is not None and why != "hidden" and not read:
                skipped.append((path, why))
    return skipped


def _may_be_a_file(path: Path) -> bool:
    """False for what in a folder is surely no witness file: a folder, pipe, device or
    socket. A link that cannot be followed stays, so that reading it says why."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


def witness_paths(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The witness files named by `inputs`: folders are opened, files taken as given."""
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        try:
            path.lstat()
        except FileNotFoundError:
            pass  # said below, as "no such file or folder"
        except OSError as error:  # e.g. inside a folder we may not search
            raise WitnessError(f"{path}: cannot be read ({error.strerror or error})") from None
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


def _check_size(paths: Sequence[Path], max_bytes: int) -> None:
    """Refuse too much input before reading any of it, so memory stays bounded."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue  # reading it will say what is wrong
    if total > max_bytes:
        raise WitnessError(
            f"the witnesses total {total / 2**20:.1f} MiB, more than the limit of "
            f"{max_bytes / 2**20:.0f} MiB (raise it with `max_bytes` if the machine has the "
            "memory)",
            parameter="max_bytes",
        )


def _check_distinct_files(paths: Sequence[Path]) -> None:
    """Refuse one file named twice, by any path to it (`A.txt` and `./A.txt`, a link to
    it, a hard link): it would be collated against itself as a second witness."""
    seen: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue  # reading it says why
        first = seen.setdefault((info.st_dev, info.st_ino), path)
        if first is not path:
            also = "" if str(first) == str(path) else f" (as {first}: the same file)"
            raise DuplicateSiglumError(f"{path}: named twice among the witnesses{also}")


def check_witnesses(witnesses: Sequence[Witness], origins: Sequence[str] = ()) -> None:
    """Refuse a set of witnesses that cannot be collated, naming the culprit: by
    `origins` (per witness, the path it was read from) where given, else by source."""
    for witness in witnesses:
        if not isinstance(witness, Witness):  # a library caller's str, tuple or path
            shown = repr(witness)
            raise InvalidWitnessError(
                f"a witness must be a collate.Witness(siglum, text), not a "
                f"{type(witness).__name__}: {shown[:40]}{'…' if len(shown) > 40 else ''}"
            )
    where = list(origins) or [w.source or f"witness {w.siglum!r}" for w in witnesses]
    seen: dict[str, int] = {}
    for number, witness in enumerate(witnesses):
        problem = text_problem(witness.text)
        if problem:
            raise WitnessError(f"witness {witness.siglum}: {problem}")
        bad = xml_unsafe(witness.siglum)
        if bad:  # the siglum is written into the XML, so the file must be renamed
            why = (
                "a byte that is not UTF-8"
                if 0xDC80 <= ord(bad.group()) <= 0xDCFF  # os.fsdecode's stand-in for it
                else f"the character U+{ord(bad.group()):04X}, which XML cannot carry"
            )
            raise InvalidWitnessError(
                f"{where[number]}: cannot be a witness: its siglum (the file's name) holds "
                f"{why}; rename it"
            )
        other = seen.get(witness.siglum)
        if other is not None:
            if where[other] == where[number]:  # a folder or file named twice
                raise DuplicateSiglumError(f"{where[number]}: named twice among the witnesses")
            raise DuplicateSiglumError(
                f"duplicate siglum {witness.siglum!r}: {where[other]} and {where[number]}; "
                f"give each its own siglum in {PROJECT_FILE}: "
                '[witnesses."FOLDER/FILE"] siglum = "..." (its path from there)'
            )
        seen[witness.siglum] = number
    if len(witnesses) < 2:
        named = f" from {', '.join(dict.fromkeys(origins))}" if origins else ""
        raise TooFewWitnessesError(
            f"collation needs at least two witnesses; got {len(witnesses)}{named}"
        )


def read_witnesses(
    inputs: Iterable[str | os.PathLike[str]],
    encoding: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    metadata: Sequence[str | os.PathLike[str]] = (),
    *,
    project: Project | None = None,
) -> tuple[Witness, ...]:
    """Witnesses from folders and files, in siglum order whatever the order given, with
    the dates that `witnesses.csv` in a folder given, or the `metadata` files, give them
    (`collate.metadata`), and the sigla, dates, descriptions and encodings a `project`
    gives them (`collate.project`: its encoding for a file wins over `encoding`).

    Raises WitnessError (or a subclass) naming the first file that cannot be used.
    """
    inputs = list(inputs)
    paths = witness_paths(inputs)
    _check_distinct_files(paths)
    _check_size(paths, max_bytes)
    folder_files, given = find_metadata(inputs), [Path(m) for m in metadata]
    files = [*folder_files, *given]
    table = load_metadata(folder_files, given) if files else {}
    found: list[tuple[Witness, str]] = []
    left = max_bytes
    for number, path in enumerate(paths):  # the limit holds for the bytes read
        report("reading witness files", number, len(paths))
        data = _read_bytes(path, left, max_bytes)
        left -= len(data)
        # a text file's own encoding: the project's for it, or its siglum's row
        own = project.encoding_for(path) if project is not None else None
        own = own or (table[path.stem].encoding if path.stem in table else None)
        found += [(w, str(path)) for w in _read_file(path, data, own or encoding)]
    report("reading witness files", len(paths), len(paths))
    witnesses = tuple(w for w, _ in found)
    if files:  # by the sigla the files give, before a project renames them
        source = ", ".join(map(str, files))
        witnesses = apply_metadata(witnesses, table, source)
    origins = [path for _, path in found]
    if project is not None:
        witnesses = project.apply(witnesses, origins)
    # ties broken by path, so duplicate-siglum errors do not depend on argument order
    ordered = sorted(zip(witnesses, origins, strict=True), key=lambda p: (p[0].siglum, p[1]))
    witnesses = tuple(w for w, _ in ordered)
    check_witnesses(witnesses, [path for _, path in ordered])
    return witnesses
