"""The corpus pipeline, composed: read -> fingerprint -> candidate pairs -> verify ->
group -> collate every group -> index. The stages that take time (fingerprinting,
verification, collation) are lists of tasks run by an executor (`execution`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..output import write_atomic
from . import collation, index
from .candidates import Fingerprints, candidate_pairs, fingerprint
from .execution import executor_for
from .grouping import group_versions
from .partitions import SpilledIndex, partitions_for
from .reading import Corpus, read_corpus
from .verification import Link, verify_batch

#: Told (stage, done, total) as work is done; the CLI draws progress bars from it.
Progress = Callable[[str, int, int], None]
STAGES = ("documents indexed", "pairs verified", "groups collated")
#: documents per fingerprinting task, candidate pairs per verification task
_DOCUMENTS_PER_TASK = 500
_PAIRS_PER_TASK = 200


def _silent(stage: str, done: int, total: int) -> None:
    pass


@dataclass(frozen=True)
class CorpusSummary:
    documents: int
    problems: int
    candidate_pairs: int
    version_links: int
    reuse_links: int
    groups: int
    singletons: int
    groups_collated: int
    groups_skipped: int
    groups_failed: int

    def describe(self) -> str:
        return (
            f"{self.documents:,} documents ({self.problems:,} not usable); "
            f"{self.candidate_pairs:,} candidate pairs verified: {self.version_links:,} "
            f"version and {self.reuse_links:,} reuse links; {self.groups:,} groups of "
            f"versions, {self.singletons:,} documents alone"
        )


def collate_corpus(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    scheduler: Any = None,
    workers: int | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    index_partitions: int | None = None,
) -> CorpusSummary:
    """Find the groups of versions in a corpus (a folder tree or a table of documents),
    collate every group into `output`/groups/<group>/ and write the index there.

    `scheduler`: None runs on this machine (a process pool of `workers` processes, all
    cores by default); a `tcp://HOST:PORT` address or a `dask.distributed.Client` runs
    on a Dask cluster (the environment variable COLLATE_SCHEDULER gives a default
    address). `progress(stage, done, total)` is told the counts as work is done.
    `index_partitions`: how many parts the candidate index is dealt into, one held in
    memory at a time (`partitions`); by default one per 500,000 documents.
    """
    progress = progress or _silent
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: cannot write the corpus here: it is a file, not a folder")
    corpus = read_corpus(input, encoding)
    try:
        (out / "groups").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{out}: cannot create ({error.strerror or error})") from None
    texts = [d.text for d in corpus.documents]
    partitions = index_partitions or partitions_for(len(texts))
    with executor_for(scheduler, workers) as executor:
        lengths, candidates = _candidates(executor, texts, partitions, progress)
        links = _verified(executor, texts, [(a, b) for a, b, _ in candidates], progress)
        groups = [
            (collation.group_id([corpus.documents[m].id for m in members]), members)
            for members in group_versions(len(texts), links)
        ]
        done = _collated(executor, corpus, out, groups, progress)
    derivations = {name: r.derivations for name, (r, _) in done.items()}
    errors = {name: r.error for name, (r, _) in done.items() if r.error}
    entries, unit = index.build_entries(corpus, lengths, groups, derivations, errors, links)
    summary = CorpusSummary(
        documents=len(texts),
        problems=len(corpus.problems),
        candidate_pairs=len(candidates),
        version_links=sum(1 for link in links if link.kind == "version"),
        reuse_links=sum(1 for link in links if link.kind == "reuse"),
        groups=len(groups),
        singletons=len(texts) - sum(len(m) for _, m in groups),
        groups_collated=sum(1 for r, skipped in done.values() if not skipped and not r.error),
        groups_skipped=sum(1 for _, skipped in done.values() if skipped),
        groups_failed=len(errors),
    )
    names = [d.id for d in corpus.documents]
    write_atomic(out / "index.csv", index.to_csv(entries))
    write_atomic(out / "links.csv", index.links_csv(links, names, unit))
    index.to_parquet(entries, out / "index.parquet")
    write_atomic(out / "index.html", index.to_html(entries, summary.describe()))
    return summary


def _candidates(
    executor: Any, texts: Sequence[str], partitions: int, progress: Progress
) -> tuple[list[int], list[tuple[int, int, int]]]:
    """Every document's length in words, and the candidate pairs."""
    step = _DOCUMENTS_PER_TASK
    tasks = [
        (fingerprint, (start, list(texts[start : start + step])))
        for start in range(0, len(texts), step)
    ]
    lengths: list[int] = []
    parts: list[Fingerprints] = []
    progress(STAGES[0], 0, len(texts))
    with SpilledIndex(partitions) if partitions > 1 else nullcontext() as spilled:

        def done(number: int, part: Fingerprints) -> None:
            lengths.extend(part.lengths)
            if spilled is None:
                parts.append(part)
            else:
                spilled.add(part)
            progress(STAGES[0], min((number + 1) * step, len(texts)), len(texts))

        executor.run(tasks, done)
        return lengths, candidate_pairs(parts) if spilled is None else spilled.candidate_pairs()


def _verified(
    executor: Any, texts: Sequence[str], pairs: Sequence[tuple[int, int]], progress: Progress
) -> list[Link]:
    step = _PAIRS_PER_TASK
    tasks = []
    for start in range(0, len(pairs), step):
        batch = list(pairs[start : start + step])
        needed = sorted({n for pair in batch for n in pair})
        tasks.append((verify_batch, (batch, {n: texts[n] for n in needed})))
    links: list[Link] = []
    progress(STAGES[1], 0, len(pairs))

    def done(number: int, found: list[Link]) -> None:
        links.extend(found)
        progress(STAGES[1], min((number + 1) * step, len(pairs)), len(pairs))

    executor.run(tasks, done)
    return links


def _collated(
    executor: Any,
    corpus: Corpus,
    out: Path,
    groups: Sequence[tuple[str, Sequence[int]]],
    progress: Progress,
) -> dict[str, tuple[collation.GroupResult, bool]]:
    """Each group's result, and whether an earlier run's outputs were kept."""
    results: dict[str, tuple[collation.GroupResult, bool]] = {}
    tasks = []
    pending = []
    for name, members in groups:
        witnesses = [corpus.documents[m].witness for m in members]
        stamp = collation.inputs_fingerprint(witnesses)
        earlier = collation.finished(out / "groups" / name, stamp)
        if earlier is not None:
            results[name] = (earlier, True)
            continue
        # a folder tree's witnesses keep the file name as their source; a table's
        # documents are named by id, so the apparatus says which row each came from
        tasks.append((collation.collate_group, (name, witnesses)))
        pending.append((name, stamp, [w.siglum for w in witnesses]))
    total = len(groups)
    progress(STAGES[2], len(results), total)

    def done(number: int, result: collation.GroupResult) -> None:
        name, stamp, members = pending[number]
        collation.save(out / "groups" / name, stamp, members, result)
        results[name] = (replace(result, files=()), False)
        progress(STAGES[2], len(results), total)

    executor.run(tasks, done)
    return results
