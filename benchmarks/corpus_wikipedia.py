"""The Wikipedia revisions corpus as one pile: are the 80 articles found again?

`../shared/corpora/wikipedia-versions` (or $COLLATE_SHARED/corpora/...) holds 80
articles, each a folder of revisions (`witnesses/*.txt`) with its true revision history
(`truth.json`). This benchmark flattens all of them into one folder (symlinks, so ~450
documents with nothing saying which article each belongs to), runs `collate corpus` on
it, and scores:

- grouping: pairwise precision and recall (two documents in one proposed group, and in
  one article), against two baselines from the same verified links in the same run:
  the connected components of the version links (single linkage, what a chain of
  links would give) and the average rule alone (`group_versions(chains=False)`, the
  grouping before lone documents could join along revision chains);
- what the text allows: every pair of revisions of one article verified (not only the
  candidates), and the recall of the components of those links, version links only and
  any shared passage: no grouping that asks for shared text can recall more. A page
  rewritten from scratch, or a talk page whose discussion was archived, leaves
  revisions that share nothing;
- each article's stemma (from the proposed group holding most of its revisions)
  against its truth.json, with the metrics of `benchmarks.stemma_eval`, beside the
  stemma of the article's true revisions collated on their own (`collate stemma` on
  its folder): what grouping the pile costs the stemma.

Run: `python -m benchmarks.corpus_wikipedia [--workers N] [--keep OUTDIR] [--misses]
[--stemmata]` (`--misses`: every revision left apart from its article, with what it
shares with the rest of it, against what the seeds that must stay apart share: see
`benchmarks.corpus_wikipedia_misses`; `--stemmata`: every article's stemma scores, not
only the means)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import collate
from collate import collate_corpus
from collate.components import components
from collate.corpus.candidates import words
from collate.corpus.grouping import group_versions
from collate.corpus.verification import VERSION_WORDS, Link, LinkKind, verify
from collate.stemma.formats import from_json

from .cases import SHARED
from .stemma_eval import Graph, score


def same_group_pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    return {(a, b) for members in groups for a in members for b in members if a < b}


def precision_recall(
    true: set[tuple[str, str]], proposed: set[tuple[str, str]]
) -> tuple[float, float]:
    hits = len(true & proposed)
    return (hits / len(proposed) if proposed else 1.0, hits / len(true) if true else 1.0)


def read_groups(outdir: Path) -> dict[str, list[str]]:
    with open(outdir / "index.csv", newline="", encoding="utf-8") as stream:
        return {
            row["group"]: row["members"].split("; ")
            for row in csv.DictReader(stream)
            if row["kind"] == "group"
        }


def linked_components(outdir: Path) -> list[list[str]]:
    """The baseline: connected components of the version links."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    with open(outdir / "links.csv", newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            if row["kind"] == "version":
                a, b = root(row["a"]), root(row["b"])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for x in list(parent):
        members[root(x)].append(x)
    return list(members.values())


def regrouped(
    outdir: Path, names: Sequence[str], chains: bool = False, version_share: float | None = None
) -> list[list[str]]:
    """The groups the grouping stage makes of the run's own links (links.csv): by
    default the average rule alone (the baseline); `version_share` calls a link a
    version from that share of the shorter document (and VERSION_WORDS words) instead
    of VERSION_SHARE, to weigh lowering it without verifying again."""
    number = {name: n for n, name in enumerate(names)}
    links = []
    with open(outdir / "links.csv", newline="", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            a, b = number[row["a"]], number[row["b"]]
            sides = [(row["shared_a"], row["coverage_a"]), (row["shared_b"], row["coverage_b"])]
            if a > b:
                a, b = b, a
                sides.reverse()
            kind: LinkKind = "version" if row["kind"] == "version" else "reuse"
            shared, coverage = zip(*sides, strict=True)
            link = Link(a, b, kind, *map(int, shared), *map(float, coverage))
            if version_share is not None:
                strong = link.strength >= version_share
                enough = min(link.shared_a, link.shared_b) >= VERSION_WORDS
                link = replace(link, kind="version" if strong and enough else "reuse")
            links.append(link)
    links.sort(key=lambda link: (link.a, link.b))
    return [[names[m] for m in g] for g in group_versions(len(names), links, chains=chains)]


def average_rule(outdir: Path, names: Sequence[str]) -> list[list[str]]:
    """The groups of the average rule alone, from the run's own links (links.csv)."""
    return regrouped(outdir, names)


def text_ceilings(articles: Sequence[Path], true: set[tuple[str, str]]) -> tuple[float, float]:
    """Recall of the components of every same-article pair's link: version links only,
    and any link (a shared passage of REUSE_WORDS words or more)."""
    version_edges: list[tuple[int, int]] = []
    any_edges: list[tuple[int, int]] = []
    names: list[str] = []
    for article in articles:
        paths = sorted((article / "witnesses").glob("*.txt"))
        first = len(names)
        names.extend(p.stem for p in paths)
        tokens = [words(p.read_text("utf-8")) for p in paths]
        for i in range(len(paths)):
            for j in range(i + 1, len(paths)):
                link = verify(first + i, first + j, tokens[i], tokens[j])
                if link is not None:
                    any_edges.append((link.a, link.b))
                    if link.kind == "version":
                        version_edges.append((link.a, link.b))
    recalls = []
    for edges in (version_edges, any_edges):
        found = [[names[m] for m in c] for c in components(len(names), edges)]
        recalls.append(precision_recall(true, same_group_pairs(found))[1])
    return recalls[0], recalls[1]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="write the output here")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list the revisions left apart from their article and what they share with it",
    )
    parser.add_argument(
        "--stemmata",
        action="store_true",
        help="print each article's stemma scores (its group's, and its revisions' alone)",
    )
    args = parser.parse_args(argv)
    corpus = SHARED / "corpora" / "wikipedia-versions"
    articles = sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file())
    with tempfile.TemporaryDirectory() as scratch:
        flat = Path(scratch, "flat")
        flat.mkdir()
        truth: dict[str, list[str]] = {}
        for article in articles:
            for path in sorted((article / "witnesses").glob("*.txt")):
                os.symlink(path, flat / path.name)
                truth.setdefault(article.name, []).append(path.stem)
        outdir = args.keep or Path(scratch, "out")
        started = time.perf_counter()
        summary = collate_corpus(flat, outdir, workers=args.workers)
        elapsed = time.perf_counter() - started
        groups = read_groups(outdir)
        true_pairs = same_group_pairs(truth.values())
        p, r = precision_recall(true_pairs, same_group_pairs(groups.values()))
        bp, br = precision_recall(true_pairs, same_group_pairs(linked_components(outdir)))
        names = sorted(name for members in truth.values() for name in members)
        ap, ar = precision_recall(true_pairs, same_group_pairs(average_rule(outdir, names)))
        version_ceiling, passage_ceiling = text_ceilings(articles, true_pairs)
        exact = sum(
            1 for members in truth.values() if sorted(members) in map(sorted, groups.values())
        )
        print(f"documents {summary.documents}, articles {len(truth)}; {summary.describe()}")
        print(f"whole run {elapsed:.1f} s")
        print(
            f"grouping (average linkage, then revision chains): pairwise precision {p:.4f} "
            f"recall {r:.4f}; articles found exactly {exact}/{len(truth)}"
        )
        print(f"baseline (average linkage alone): precision {ap:.4f} recall {ar:.4f}")
        print(f"baseline (components of version links): precision {bp:.4f} recall {br:.4f}")
        print(
            f"what the text allows (every same-article pair verified, components): recall "
            f"{version_ceiling:.4f} through version links, {passage_ceiling:.4f} through any "
            f"shared passage"
        )
        if args.misses:
            from .corpus_wikipedia_misses import report  # it imports this module

            print("\n".join(report(outdir, corpus, SHARED / "seeds")))
        where = {m: g for g, members in groups.items() for m in members}
        scores, alone = [], []
        for article in articles:
            members = truth[article.name]
            held = [where[m] for m in members if m in where]
            if not held:
                continue
            group = max(set(held), key=lambda g: (held.count(g), g))
            stemma = from_json((outdir / "groups" / group / "stemma.json").read_text())
            data = json.loads((article / "truth.json").read_text())
            parents: dict[str, tuple[str, ...]] = {n["id"]: () for n in data["nodes"]}
            for edge in data["edges"]:
                parents[edge["target"]] = (*parents[edge["target"]], edge["source"])
            true_graph = Graph(parents, frozenset(n["id"] for n in data["nodes"] if n["extant"]))
            scores.append(score(true_graph, Graph.from_stemma(stemma)))
            own = collate.add_stemma(collate.collate_files([article / "witnesses"])).stemma
            assert own is not None
            alone.append(score(true_graph, Graph.from_stemma(own)))
            if args.stemmata:
                mine, theirs = scores[-1], alone[-1]
                print(
                    f"stemma of {article.name} ({held.count(group)}/{len(members)} revisions "
                    f"in group {group}): skeleton {mine.skeleton:.3f} orientation "
                    f"{mine.orientation:.3f} ancestor_f1 {mine.ancestor_f1:.3f} parent_f1 "
                    f"{mine.parent_f1:.3f}; its revisions alone {theirs.skeleton:.3f} "
                    f"{theirs.orientation:.3f} {theirs.ancestor_f1:.3f} {theirs.parent_f1:.3f}"
                )
        for metric in ("skeleton", "orientation", "ancestor_f1", "parent_f1"):
            values = [getattr(s, metric) for s in scores]
            baseline = statistics.mean(getattr(s, metric) for s in alone)
            print(
                f"stemma {metric}: mean {statistics.mean(values):.3f} over {len(values)} "
                f"articles (each article's true revisions alone: {baseline:.3f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
