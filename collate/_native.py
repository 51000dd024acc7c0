"""The compiled build of the hot modules (mypyc), used only where it was built from
exactly the sources beside it.

`pip install` compiles the modules in COMPILED with mypyc (`setup.py`) into a folder
`collate/_mypyc_<digest>/`, where the digest is a hash of those modules' sources as they
were when compiled. At import, the finder below hashes the sources as they are now and
loads a compiled module only from the folder of that digest. So a source edited since
the build (in an editable checkout) is imported as Python: the edited code, slower,
never an older compilation of it. All the modules go together, compiled or not: a
compiled module calls its compiled neighbours directly, past the import system.

Hashing half a megabyte of sources is 2% of a short run's whole command (issue 13), so
once the hash has matched, the folder keeps the sources' sizes and modification times
(STAMP), and a later start that finds them all unchanged trusts the folder without
hashing: the test Python itself makes before it trusts a `.pyc`.

Without a compiled build (no C compiler at install, another Python, or
COLLATE_PURE_PYTHON=1 in the environment) every module is imported from its source, with
the same results: `tests/test_native.py` compares the two builds' outputs byte for byte.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path
from types import ModuleType

#: the modules compiled, in one group: the anchor engine, the apparatus, tokenising,
#: the TEI body and structure, the stemma's pure-Python loops, and the HTML report
#: (a quarter of a corpus group's cost; compiled, 19% fewer instructions) (where a
#: run's time goes; see benchmarks/README.md). `collate.lacunae` stays Python: its
#: records (`collate.records.frozen`) must keep a constructor `inspect` can read, which
#: a compiled class has not. The stemma's model (pickled, extended by its
#: resampling) and its small helpers stay Python: under 1% of its time between them.
COMPILED = (
    "collate.engines._indel",
    "collate.engines._gap_align",
    "collate.engines._short_moves",
    "collate.engines._anchor_match",
    "collate.engines.anchor",
    "collate.apparatus_grid",
    "collate.apparatus_parts",
    "collate.apparatus",
    "collate.tokenize",
    "collate.tokenize_parts",
    "collate.formats.tei_markup",
    "collate.formats.tei_milestones",
    "collate.formats.tei_structure",
    "collate.formats.tei_body",
    "collate.absences",
    "collate.stemma.fragments",
    "collate.stemma.evidence",
    "collate.stemma.twins",
    "collate.stemma.trigrams",
    "collate.stemma.chain",
    "collate.stemma.tree",
    "collate.stemma.habits",
    "collate.stemma.root",
    "collate.stemma.build",
    "collate.stemma.contamination",
    "collate.stemma.infer",
    "collate.figures",
    "collate.variant_graph",
    "collate.formats.svg",
    "collate.formats.report.tree",
    "collate.formats.report.kinds",
    "collate.formats.report.pieces",
    "collate.formats.report.reading_view",
    "collate.formats.report.alignment_table",
    "collate.formats.report.overview",
    "collate.formats.report.witnesses",
    "collate.formats.report.graph",
    "collate.formats.report.stemma",
    "collate.formats.report.navigation",
    "collate.formats.report.pair_view",
    "collate.formats.html",
)
#: set (to anything but "" or "0") to import every module from its Python source
PURE_PYTHON = "COLLATE_PURE_PYTHON"
#: the compiled group's shared library, inside the build's folder
LIBRARY = "native"
#: in the build's folder: each compiled source's size and modification time, as they
#: were when the sources last hashed to the folder's digest
STAMP = "sources.stamp"
_PACKAGE = Path(__file__).resolve().parent


def source(module: str, package: Path = _PACKAGE) -> Path:
    """The Python source of one of COMPILED."""
    return package.joinpath(*module.split(".")[1:]).with_suffix(".py")


def digest(package: Path = _PACKAGE) -> str:
    """A hash of the compiled modules' sources, as they are now."""
    # only when a compiled module is first imported and the stamp is not the sources'
    # (this file is read alone by setup.py, so not `collate.digests`, whose reason
    # holds: a run started from an edited checkout need not load OpenSSL either)
    try:
        from _sha256 import sha256  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        from hashlib import sha256

    sha = sha256()
    for module in COMPILED:
        text = source(module, package).read_bytes()
        sha.update(f"{module}\0{len(text)}\0".encode())
        sha.update(text)
    return str(sha.hexdigest())[:20]


def stamp(package: Path = _PACKAGE) -> str:
    """The compiled modules' sources' sizes and modification times, as they are now."""
    lines = []
    for module in COMPILED:
        status = os.stat(source(module, package))
        lines.append(f"{module} {status.st_size} {status.st_mtime_ns}\n")
    return "".join(lines)


def folder_name(hashed: str) -> str:
    """The build folder (and package) of the sources of digest `hashed`."""
    return f"_mypyc_{hashed}"


def wanted() -> bool:
    """Whether the compiled build may be used (COLLATE_PURE_PYTHON is not set)."""
    return os.environ.get(PURE_PYTHON, "") in ("", "0")


def _built(folder: Path, module: str) -> Path | None:
    base = folder.joinpath(*module.split(".")[1:])
    for suffix in EXTENSION_SUFFIXES:
        if base.with_name(base.name + suffix).is_file():
            return base.with_name(base.name + suffix)
    return None


class _Finder:
    """Finds the compiled build of COMPILED, if it is there and current."""

    def __init__(self) -> None:
        self._files: dict[str, Path] | None = None

    def files(self) -> dict[str, Path]:
        """Module -> its compiled file; empty unless every module is compiled from the
        sources as they are now and the group's library loads."""
        if self._files is None:
            self._files = {}
            if wanted():
                self._files = self._find()
        return self._files

    def _find(self) -> dict[str, Path]:
        try:
            before = stamp()
            folder = _stamped(before)
            if folder is None:
                folder = _PACKAGE / folder_name(digest())
                if folder.is_dir() and stamp() == before:  # unchanged while hashed
                    _write_stamp(folder, before)
        except OSError:  # a source missing (an installation without them): no check
            return {}
        if not folder.is_dir():
            return {}
        name = folder.name
        files = {module: _built(folder, module) for module in COMPILED}
        if None in files.values():
            return {}
        try:  # the shared library every compiled module imports first
            __import__(f"collate.{name}.{LIBRARY}__mypyc")
        except ImportError:
            return {}
        return {module: path for module, path in files.items() if path is not None}

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in COMPILED:
            return None
        built = self.files().get(name)
        if built is None:
            return None
        return spec_from_file_location(name, built, loader=ExtensionFileLoader(name, str(built)))


def _stamped(now: str) -> Path | None:
    """The build folder whose stamp is the sources' as they are `now`, if any."""
    for folder in _PACKAGE.glob(folder_name("*")):
        try:
            if (folder / STAMP).read_text(encoding="utf-8") == now:
                return folder
        except OSError:  # no stamp yet
            continue
    return None


def _write_stamp(folder: Path, now: str) -> None:
    """Keep the sources' stamp in the build's folder, if it can be written there (in
    one piece: another process may be reading it)."""
    part = folder / f"{STAMP}.{os.getpid()}.part"
    try:
        part.write_text(now, encoding="utf-8")
        os.replace(part, folder / STAMP)
    except OSError:  # a read-only installation: the hash is checked at every start
        try:
            part.unlink(missing_ok=True)
        except OSError:
            pass


FINDER = _Finder()


def compiled() -> bool:
    """Whether the compiled build is in use (or will be, at the modules' import)."""
    return bool(FINDER.files())


if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
    sys.meta_path.insert(0, FINDER)
