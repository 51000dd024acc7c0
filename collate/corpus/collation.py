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
from collections import deque
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .._version import __version__
from ..errors import CollateError, OutputError
from ..model import Witness
from ..output import write_atomic

#: the files every collated group holds, besides group.json
GROUP_FILES = ("apparatus.xml", "report.html", "stemma.json")
STAMP = "group.json"
#: groups handed to the writing thread and not yet on disk, at most (their files are
#: held in memory until then)
_SAVES_AHEAD = 64


@dataclass(frozen=True)
class Derivation:
    """An edge of a group's stemma: `target` was copied from `source`."""

    source: str
    target: str
    confidence: float
    kind: str
    #: what its direction rests on (`collate.stemma.basis`: "dates", "revision chain,
    #: growth", "copying", ...): a reader of the index must see that a direction read
    #: from a text's growth is a belief about revisers, not evidence
    basis: str = ""


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


def inputs_fingerprint(
    witnesses: Sequence[Witness], outside: Mapping[str, Sequence[str]] | None = None
) -> str:
    """What a group's outputs depend on: the collate version, every witness, and the
    texts outside the group its witnesses quote (`collate_group`)."""
    digest = hashlib.sha256(__version__.encode())
    for w in witnesses:
        described = (w.description,) if w.description else ()  # a table's outlet and title
        for part in (w.siglum, w.text, w.date or "", w.source or "", *described):
            digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    for siglum in sorted(outside or {}):
        for text in (outside or {})[siglum]:
            digest.update(
                b"\x01" + siglum.encode() + b"\x00" + text.encode("utf-8", "surrogatepass")
            )
    return digest.hexdigest()


def collate_group(
    group: str, witnesses: Sequence[Witness], outside: Mapping[str, Sequence[str]] | None = None
) -> GroupResult:
    """Collate one group and infer its stemma (one executor task). `outside`: per
    siglum, the texts of documents outside the group it shares a passage with (its
    reuse links): a passage taken in from them is read as added by the witnesses that
    have it, not lost by the others (`collate.infer_stemma`)."""
    # imported here: the worker process needs them, the driver does not
    from ..formats import render
    from ..pipeline import add_stemma, collate
    from ..stemma.formats import render_stemma

    try:
        # one process a task: the executor already keeps every core busy with groups,
        # and a worker forking for a long group would only take cores from the others
        # a group's stemma inferred once: resampling a small tradition (`collate stemma`
        # does) infers it 51 times, and a news corpus is thousands of small traditions
        # (seven times the whole corpus's cost at 300 documents); an edge's JSON then
        # has no `recurrence`, and docs/corpus.md says what the confidences mean
        collation = add_stemma(collate(witnesses, jobs=1), resample=False, outside=outside)
    except CollateError as error:
        return GroupResult(group, (), error=str(error))
    stemma = collation.stemma
    assert stemma is not None
    derivations = tuple(
        Derivation(e.source, e.target, round(e.confidence, 4), e.kind, e.evidence.basis)
        for e in stemma.edges
    )
    files = (
        ("apparatus.xml", render(collation, "tei")),
        ("report.html", render(collation, "html")),
        ("stemma.json", render_stemma(stemma, "json").encode()),
    )
    return GroupResult(group, derivations, files)


def collate_groups(
    groups: Sequence[tuple[str, Sequence[Witness], Mapping[str, Sequence[str]]]],
) -> list[GroupResult]:
    """Collate a few groups, one after another (one executor task)."""
    return [collate_group(group, witnesses, outside) for group, witnesses, outside in groups]


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
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create ({error.strerror or error})") from None
    for name, data in result.files:
        write_atomic(folder / name, data)
    write_atomic(folder / STAMP, _stamp(fingerprint, members, result))


class Saver:
    """Saves groups in a thread of its own, one after another in the order given, while
    the process goes on handing out and taking in work: each file is synced to disk
    before it is renamed into place (`write_atomic`), and waiting for the disk would
    otherwise hold up the workers' next tasks (at 100,000 documents, 64,000 syncs).
    At most `_SAVES_AHEAD` groups wait; an error writing one is raised by the next
    `save` or by leaving the `with` block."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="collate-save")
        self._waiting: deque[Future[None]] = deque()

    def save(
        self, folder: Path, fingerprint: str, members: Sequence[str], result: GroupResult
    ) -> None:
        while self._waiting and (self._waiting[0].done() or len(self._waiting) >= _SAVES_AHEAD):
            self._waiting.popleft().result()
        self._waiting.append(self._thread.submit(save, folder, fingerprint, members, result))

    def __enter__(self) -> Saver:
        return self

    def __exit__(self, *raised: object) -> None:
        failed = raised[1] is not None
        # on an error, the groups not yet begun are dropped: they have no stamp, so the
        # next run collates them again
        self._thread.shutdown(wait=True, cancel_futures=failed)
        if not failed:
            while self._waiting:
                self._waiting.popleft().result()
