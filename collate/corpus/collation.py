"""Collating every group: its TEI apparatus, HTML report and stemma, through collate's
public library API, exactly as `collate run --stemma` would make them.

A group's work is one executor task. It returns the files as bytes (the process that
writes them need not share a filesystem with the workers) and the derivation edges of
its stemma for the index. The task's inputs are summed up in a fingerprint, written
last into the group's `group.json`; a re-run that finds the same fingerprint and every
file in place skips the group.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..errors import CollateError
from ..model import Witness
from ..output import write_atomic

#: the files every collated group holds, besides group.json
GROUP_FILES = ("apparatus.xml", "report.html", "stemma.json")
STAMP = "group.json"


@dataclass(frozen=True)
class Derivation:
    """An edge of a group's stemma: `target` was copied from `source`."""

    source: str
    target: str
    confidence: float
    kind: str


@dataclass(frozen=True)
class GroupResult:
    group: str
    derivations: tuple[Derivation, ...]
    #: file name -> contents; empty when the group was skipped or failed
    files: tuple[tuple[str, bytes], ...] = ()
    error: str | None = None


def group_id(members: Sequence[str]) -> str:
    """A group's name: stable while its members stay the same, whatever else changes."""
    return "g" + hashlib.sha256("\n".join(members).encode()).hexdigest()[:12]


def inputs_fingerprint(witnesses: Sequence[Witness]) -> str:
    """What a group's outputs depend on: the collate version and every witness."""
    digest = hashlib.sha256(__version__.encode())
    for w in witnesses:
        for part in (w.siglum, w.text, w.date or "", w.source or ""):
            digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def collate_group(group: str, witnesses: Sequence[Witness]) -> GroupResult:
    """Collate one group and infer its stemma (one executor task)."""
    # imported here: the worker process needs them, the driver does not
    from ..formats import render
    from ..pipeline import add_stemma, collate
    from ..stemma.formats import render_stemma

    try:
        collation = add_stemma(collate(witnesses))
    except CollateError as error:
        return GroupResult(group, (), error=str(error))
    stemma = collation.stemma
    assert stemma is not None
    derivations = tuple(
        Derivation(e.source, e.target, round(e.confidence, 4), e.kind) for e in stemma.edges
    )
    files = (
        ("apparatus.xml", render(collation, "tei")),
        ("report.html", render(collation, "html")),
        ("stemma.json", render_stemma(stemma, "json").encode()),
    )
    return GroupResult(group, derivations, files)


def _stamp(fingerprint: str, members: Sequence[str], result: GroupResult) -> bytes:
    data = {
        "group": result.group,
        "inputs": fingerprint,
        "members": list(members),
        "derivations": [vars(d) for d in result.derivations],
        "error": result.error,
    }
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()


def finished(folder: Path, fingerprint: str) -> GroupResult | None:
    """The earlier result, if the group's outputs are complete for these inputs."""
    try:
        data = json.loads((folder / STAMP).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("inputs") != fingerprint or data.get("error"):
        return None
    if not all((folder / name).is_file() for name in GROUP_FILES):
        return None
    derivations = tuple(Derivation(**d) for d in data.get("derivations", ()))
    return GroupResult(data["group"], derivations)


def save(folder: Path, fingerprint: str, members: Sequence[str], result: GroupResult) -> None:
    """Write a group's files, each atomically, and its stamp last: an interrupted write
    leaves no stamp, so the next run does the group again."""
    os.makedirs(folder, exist_ok=True)
    for name, data in result.files:
        write_atomic(folder / name, data)
    write_atomic(folder / STAMP, _stamp(fingerprint, members, result))
