"""Corpus scale on the synthetic news corpus: time, peak memory and grouping accuracy
with 1 and 2 workers, on a local process pool and on a Dask LocalCluster, in one run,
each run in a fresh process, and whether all of them wrote the same bytes.

Peak memory is the largest total resident size of the whole process tree (the run, its
pool or cluster workers), sampled every 0.2 s. CPU time is the user + system time of the
whole tree (from wait4, which counts every reaped descendant): on a machine shared with
other work it is the steadier measure of cost, wall time the one a user waits. Each
stage's wall time (first to last progress report) is printed too.

Run: `python -m benchmarks.corpus_news --documents 10000 [--configs local:1,local:2,dask:1,dask:2]`
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .corpus_wikipedia import linked_components, precision_recall, same_group_pairs
from .news_corpus import generate, save


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total


def once(table: Path, out: Path, executor: str, workers: int) -> None:
    """One run, in this process: the configuration's executor, then the pipeline; the
    stages' wall times are printed as JSON on the last line."""
    from collate import collate_corpus

    started = time.perf_counter()
    stages: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter() - started
        stages.setdefault(stage, [now, now])[1] = now

    if executor == "dask":
        from dask.distributed import Client, LocalCluster

        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            started = time.perf_counter()
            collate_corpus(table, out, scheduler=client, progress=progress)
    else:
        collate_corpus(table, out, workers=workers, progress=progress)
    stages["index written"] = [stages["groups collated"][1], time.perf_counter() - started]
    print(json.dumps({k: round(v[1] - v[0], 2) for k, v in stages.items()}))


def digest(folder: Path) -> str:
    total = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            total.update(path.relative_to(folder).as_posix().encode() + b"\0")
            total.update(path.read_bytes())
    return total.hexdigest()


def measure(table: Path, out: Path, config: str) -> tuple[float, float, int, str]:
    """Wall time, CPU time, peak memory of the tree, and the stage times."""
    executor, workers = config.split(":")
    command = [
        sys.executable,
        "-m",
        "benchmarks.corpus_news",
        "--once",
        executor,
        workers,
        str(table),
        str(out),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stages = process.stdout.read().strip().splitlines()[-1] if process.stdout else ""
    if process.returncode:
        raise SystemExit(f"{config}: exit {process.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime, peak, stages


def accuracy(out: Path, truth: dict[str, list[str]]) -> tuple[float, float, float, float]:
    """Pairwise precision and recall of the groups, and of the baseline: the connected
    components of the same version links."""
    with open(out / "index.csv", newline="", encoding="utf-8") as stream:
        groups = [r["members"].split("; ") for r in csv.DictReader(stream) if r["kind"] == "group"]
    true = same_group_pairs(truth.values())
    baseline = precision_recall(true, same_group_pairs(linked_components(out)))
    return (*precision_recall(true, same_group_pairs(groups)), *baseline)


def stemma_scores(out: Path, truth: Mapping[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    """Each true story's stemma (from the proposed group holding most of its documents)
    against its true derivations, with the metrics of `benchmarks.stemma_eval` (means),
    and the same for a baseline: the earliest-dated member the exemplar of all others."""
    from collate.stemma.formats import from_json

    from .stemma_eval import Graph, Scores, score

    with open(out / "index.csv", newline="", encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["kind"] == "group"]
    where = {m: r["group"] for r in rows for m in r["members"].split("; ")}
    dates = {
        m: d
        for r in rows
        if r["dates"]
        for m, d in zip(r["members"].split("; "), r["dates"].split("; "), strict=True)
    }
    groups: Mapping[str, Sequence[str]] = truth["groups"]
    parents: dict[str, tuple[str, ...]] = {m: () for ms in groups.values() for m in ms}
    for source, target in truth["derivations"]:
        parents[target] = (source,)
    found, baseline = [], []
    for members in groups.values():
        held = [where[m] for m in members if m in where]
        if not held:
            continue
        group = max(set(held), key=lambda g: (held.count(g), g))
        stemma = from_json((out / "groups" / group / "stemma.json").read_text("utf-8"))
        true = Graph({m: parents[m] for m in members}, frozenset(members))
        found.append(score(true, Graph.from_stemma(stemma)))
        first = min(members, key=lambda m: (dates.get(m, "~"), m))
        star = {m: (() if m == first else (first,)) for m in members}
        baseline.append(score(true, Graph(star, frozenset(members))))
    metrics = ("skeleton", "orientation", "ancestor_f1", "parent_f1")

    def means(scores: list[Scores]) -> dict[str, float]:
        return {
            m: round(sum(getattr(s, m) for s in scores) / max(len(scores), 1), 3) for m in metrics
        }

    return means(found), means(baseline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--configs", default="local:1,local:2,dask:1,dask:2")
    parser.add_argument("--once", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.once:
        executor, workers, table, out = args.once
        once(Path(table), Path(out), executor, int(workers))
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        table = Path(scratch, "news.jsonl")
        started = time.perf_counter()
        corpus = generate(args.documents, args.seed)
        save(corpus, table)
        print(
            f"generated {len(corpus.rows):,} documents, {len(corpus.groups):,} stories "
            f"with versions, in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        digests = {}
        for config in args.configs.split(","):
            out = Path(scratch, config.replace(":", "-"))
            elapsed, cpu, peak, stages = measure(table, out, config)
            precision, recall, base_p, base_r = accuracy(out, corpus.groups)
            digests[config] = digest(out)
            truth = {"groups": corpus.groups, "derivations": corpus.edges}
            print(
                f"{config}: stemma scores against the true derivations (means over "
                f"stories): {stemma_scores(out, truth)}",
                flush=True,
            )
            groups = sum(1 for _ in (out / "groups").iterdir())
            n = len(corpus.rows)
            print(
                f"{config}: {elapsed:.1f} s whole run ({elapsed / n * 1000:.1f} ms/document), "
                f"CPU {cpu:.1f} s ({cpu / n * 1000:.1f} ms/document), peak {peak / 2**20:,.0f} "
                f"MiB (process tree); {groups:,} groups; pairwise precision {precision:.4f} "
                f"recall {recall:.4f} (baseline, components of the version links: "
                f"{base_p:.4f}, {base_r:.4f}); stages (wall s): {stages}",
                flush=True,
            )
            shutil.rmtree(out)
        same = len(set(digests.values())) == 1
        print("outputs byte-identical across configurations:", same)
        print(json.dumps(digests, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
