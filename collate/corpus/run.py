"""The corpus pipeline, composed: read -> fingerprint -> candidate pairs -> verify ->
group -> collate every group -> index. The stages that take time (fingerprinting,
verification, collation) are lists of tasks run by an executor (`execution`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, overload

from ..dates import is_later
from ..errors import OutputError
from ..output import write_atomic
from ..progress import counted
from . import collation, index
from .candidates import Fingerprints, Pairs, candidate_arrays, fingerprint
from .execution import Task, executor_for, rare_collection
from .grouping import group_versions
from .partitions import SpilledIndex, partitions_for
from .reading import iter_documents
from .store import DocumentStore, StoredCorpus, store_corpus
from .verification import Link, verify_batch

#: Told (stage, done, total) as work is done; the CLI draws progress bars from it.
Progress = Callable[[str, int, int], None]
STAGES = ("documents indexed", "pairs verified", "groups collated")
#: documents per fingerprinting task, candidate pairs per verification task
_DOCUMENTS_PER_TASK = 500
_PAIRS_PER_TASK = 200
#: a collation task takes groups in a row until they hold this many documents: most
#: groups are small (a news story's few versions, a few tens of milliseconds), and one
#: task each would spend a good part of that on shipping tasks and results (on a Dask
#: cluster a task also costs the scheduler its bookkeeping)
_GROUP_DOCUMENTS_PER_TASK = 24


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
        links = "link" if self.version_links + self.reuse_links == 1 else "links"
        return (
            # "used" and the unusable apart: "4 documents (4 not usable)" read as 4 in all
            f"{counted(self.documents, 'document')} used, {self.problems:,} not usable; "
            f"{counted(self.candidate_pairs, 'candidate pair')} verified: "
            f"{self.version_links:,} version and {self.reuse_links:,} reuse {links}; "
            f"{counted(self.groups, 'group')} of versions, "
            f"{counted(self.singletons, 'document')} alone"
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
    memory at a time (`partitions`); by default one per 375,000 documents.
    """
    with rare_collection():  # the index's links and documents are many small objects
        return _collate_corpus(
            input, output, scheduler, workers, encoding, progress, index_partitions
        )


def _collate_corpus(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    scheduler: Any,
    workers: int | None,
    encoding: str | None,
    progress: Progress | None,
    index_partitions: int | None,
) -> CorpusSummary:
    progress = progress or _silent
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: cannot write the corpus here: it is a file, not a folder")
    with DocumentStore() as store:
        corpus = store_corpus(iter_documents(input, encoding, out), store)
        try:
            (out / "groups").mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"{out}: cannot create ({error.strerror or error})") from None
        count = len(corpus.documents)
        partitions = index_partitions or partitions_for(count)
        with executor_for(scheduler, workers) as executor:
            lengths, candidates = _candidates(executor, corpus, partitions, progress)
            links = _verified(executor, corpus, candidates, progress)
            pairs = len(candidates[0])
            del candidates
            groups = [
                (collation.group_id([corpus.documents[m].id for m in members]), members)
                for members in group_versions(count, links)
            ]
            done = _collated(executor, corpus, out, groups, progress, _quoted(links, groups))
    derivations = {name: r.derivations for name, (r, _) in done.items()}
    errors = {name: r.error for name, (r, _) in done.items() if r.error}
    entries, unit = index.build_entries(corpus, lengths, groups, derivations, errors, links)
    summary = CorpusSummary(
        documents=count,
        problems=len(corpus.problems),
        candidate_pairs=pairs,
        version_links=sum(1 for link in links if link.kind == "version"),
        reuse_links=sum(1 for link in links if link.kind == "reuse"),
        groups=len(groups),
        singletons=count - sum(len(m) for _, m in groups),
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


class _Tasks(Sequence[Task]):
    """Tasks made when the executor takes them, so that the texts of only the tasks in
    flight are read back and held."""

    def __init__(self, count: int, make: Callable[[int], Task]) -> None:
        self._count = count
        self._make = make

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Task: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Task]: ...
    def __getitem__(self, index: int | slice) -> Task | Sequence[Task]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._make(index)


def _candidates(
    executor: Any, corpus: StoredCorpus, partitions: int, progress: Progress
) -> tuple[list[int], Pairs]:
    """Every document's length in words, and the candidate pairs."""
    step = _DOCUMENTS_PER_TASK
    count = len(corpus.documents)

    def task(number: int) -> Task:
        start = number * step
        numbers = range(start, min(start + step, count))
        return fingerprint, (start, [corpus.witness(n).text for n in numbers])

    lengths: list[int] = []
    parts: list[Fingerprints] = []
    progress(STAGES[0], 0, count)
    with SpilledIndex(partitions) if partitions > 1 else nullcontext() as spilled:

        def done(number: int, part: Fingerprints) -> None:
            lengths.extend(part.lengths)
            if spilled is None:
                parts.append(part)
            else:
                spilled.add(part)
            progress(STAGES[0], min((number + 1) * step, count), count)

        executor.run(_Tasks(-(-count // step), task), done)
        return lengths, candidate_arrays(parts) if spilled is None else spilled.candidate_arrays()


def _verified(executor: Any, corpus: StoredCorpus, pairs: Pairs, progress: Progress) -> list[Link]:
    step = _PAIRS_PER_TASK
    first, second = pairs
    total = len(first)

    def task(number: int) -> Task:
        a = first[number * step : (number + 1) * step].tolist()
        b = second[number * step : (number + 1) * step].tolist()
        batch = list(zip(a, b, strict=True))
        return verify_batch, (batch, corpus.texts(sorted({*a, *b})))

    links: list[Link] = []
    progress(STAGES[1], 0, total)

    def done(number: int, found: list[Link]) -> None:
        links.extend(found)
        progress(STAGES[1], min((number + 1) * step, total), total)

    executor.run(_Tasks(-(-total // step), task), done)
    return links


def _collated(
    executor: Any,
    corpus: StoredCorpus,
    out: Path,
    groups: Sequence[tuple[str, Sequence[int]]],
    progress: Progress,
    quoted: Mapping[int, Sequence[int]] | None = None,
) -> dict[str, tuple[collation.GroupResult, bool]]:
    """Each group's result, and whether an earlier run's outputs were kept. `quoted`:
    per document, the documents outside its group it shares a passage with."""
    results: dict[str, tuple[collation.GroupResult, bool]] = {}
    pending = []
    quoted = quoted or {}

    def quoting(members: Sequence[int]) -> list[tuple[int, list[int]]]:
        # a reuse link says two documents share a passage, not which took it from
        # which: a document dated later than the witness cannot be where it took it
        # (the dates are the stored metadata's: no text is read for them)
        found = []
        for m in members:
            own = corpus.documents[m].date
            earlier = [q for q in quoted.get(m, ()) if not is_later(corpus.documents[q].date, own)]
            if earlier:
                found.append((m, earlier))
        return found

    def outside(sources: Sequence[tuple[int, list[int]]]) -> dict[str, list[str]]:
        return {corpus.documents[m].id: [w.text for w in corpus.witnesses(qs)] for m, qs in sources}

    for name, members in groups:
        sources = quoting(members)
        stamp = collation.inputs_fingerprint(corpus.witnesses(members), outside(sources))
        earlier = collation.finished(out / "groups" / name, stamp)
        if earlier is not None:
            results[name] = (earlier, True)
            continue
        pending.append((name, stamp, members, sources))
    total = len(groups)
    progress(STAGES[2], len(results), total)
    batches = _batches([len(p[2]) for p in pending], _GROUP_DOCUMENTS_PER_TASK)

    def task(number: int) -> Task:
        # a folder tree's witnesses keep the file name as their source; a table's
        # documents are named by id, so the apparatus says which row each came from
        return collation.collate_groups, (
            [
                (pending[i][0], corpus.witnesses(pending[i][2]), outside(pending[i][3]))
                for i in batches[number]
            ],
        )

    with collation.Saver() as saver:

        def done(number: int, found: list[collation.GroupResult]) -> None:
            for i, result in zip(batches[number], found, strict=True):
                name, stamp, members, _ = pending[i]
                sigla = [corpus.documents[m].id for m in members]
                saver.save(out / "groups" / name, stamp, sigla, result)
                results[name] = (replace(result, files=()), False)
            progress(STAGES[2], len(results), total)

        executor.run(_Tasks(len(batches), task), done)
    return results


def _quoted(
    links: Sequence[Link], groups: Sequence[tuple[str, Sequence[int]]]
) -> dict[int, list[int]]:
    """Per document of a group: the documents outside its group it shares a passage
    with by a reuse link (a quotation, a passage taken over), in order. Their text
    tells the group's stemma which passages came from elsewhere."""
    group_of = {m: name for name, members in groups for m in members}
    found: dict[int, list[int]] = {}
    for link in links:
        if link.kind != "reuse":
            continue
        for inside, other in ((link.a, link.b), (link.b, link.a)):
            if inside in group_of and group_of.get(other) != group_of[inside]:
                found.setdefault(inside, []).append(other)
    return {m: sorted(set(others)) for m, others in found.items()}


def _batches(sizes: Sequence[int], most: int) -> list[range]:
    """Consecutive runs of items whose sizes add up to at most `most` (an item larger
    than that alone)."""
    batches: list[range] = []
    start = held = 0
    for end, size in enumerate(sizes):
        if end > start and held + size > most:
            batches.append(range(start, end))
            start, held = end, 0
        held += size
    if start < len(sizes):
        batches.append(range(start, len(sizes)))
    return batches
