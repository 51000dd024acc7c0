"""Would a group-level rule find the versions the pairwise links miss?

After `collate corpus` has grouped a corpus, every two units (a group, or a document
standing alone) joined by at least one verified link are weighed by the *union* of
their shared passages: the share of the smaller unit's words that some member of the
other unit shares (each member pair through the same matcher as verification), rather
than any one pair's share. A revision made of passages of several earlier revisions
(half of it from one, a third from another) is covered by the union though by no
single member. The benchmark reports, for thresholds of that share, what joining
every unit pair at or above it (transitively) does to pairwise precision and recall
against the truth, and lists the unit pairs of one true group left apart and the
strongest unit pairs of different groups, which is where a threshold must fall.

Run: `python -m benchmarks.corpus_union wikipedia` or
`python -m benchmarks.corpus_union news TABLE.jsonl OUTDIR` (OUTDIR from `collate corpus`
on TABLE, the table's `*.truth.json` beside it).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from collate import collate_corpus
from collate.corpus.candidates import words
from collate.corpus.verification import _Counting, _symbols

from .cases import SHARED
from .corpus_wikipedia import precision_recall, same_group_pairs


def shared_positions(a: Sequence[str], b: Sequence[str]) -> tuple[set[int], set[int]]:
    """The positions of `a`, and of `b`, that the verification matcher pairs."""
    if not a or not b:
        return set(), set()
    first, second, scorer = _symbols(a, b)
    pairs, moves = _Counting(scorer, first, second, {}, range(len(first))).match()
    in_a, in_b = {p for p, _ in pairs}, {w for _, w in pairs}
    for move in moves:
        in_a.update(p for p, _ in move.pairs)
        in_b.update(w for _, w in move.pairs)
    return in_a, in_b


class Units:
    """The units of a corpus run (groups and lone documents) and their union shares."""

    def __init__(self, out: Path, texts: dict[str, str]) -> None:
        with open(out / "index.csv", newline="", encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream))
        self.members = [
            r["members"].split("; ") for r in rows if r["kind"] in ("group", "singleton")
        ]
        self.unit = {m: i for i, ms in enumerate(self.members) for m in ms}
        self.words = {k: words(v) for k, v in texts.items()}
        self._positions: dict[tuple[str, str], set[int]] = {}
        with open(out / "links.csv", newline="", encoding="utf-8") as stream:
            links = list(csv.DictReader(stream))
        self.linked = sorted(
            {
                (min(x, y), max(x, y))
                for x, y in ((self.unit[r["a"]], self.unit[r["b"]]) for r in links)
                if x != y
            }
        )

    def size(self, unit: int) -> int:
        return sum(len(self.words[m]) for m in self.members[unit])

    def covered(self, unit: int, other: int) -> float:
        """The share of `unit`'s words that some member of `other` shares."""
        hit = 0
        for m in self.members[unit]:
            found: set[int] = set()
            for n in self.members[other]:
                if (m, n) not in self._positions:
                    mine, theirs = shared_positions(self.words[m], self.words[n])
                    self._positions[(m, n)], self._positions[(n, m)] = mine, theirs
                found |= self._positions[(m, n)]
            hit += len(found)
        return hit / max(self.size(unit), 1)

    def union_share(self, x: int, y: int) -> float:
        """The union share of the smaller of two units in the other."""
        small, big = (x, y) if self.size(x) <= self.size(y) else (y, x)
        return self.covered(small, big)


def joined(units: Units, shares: dict[tuple[int, int], float], least: float) -> list[list[str]]:
    parent = list(range(len(units.members)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for (x, y), share in shares.items():
        if share >= least:
            parent[root(x)] = root(y)
    found: dict[int, list[str]] = {}
    for i, ms in enumerate(units.members):
        found.setdefault(root(i), []).extend(ms)
    return list(found.values())


def report(out: Path, texts: dict[str, str], truth: list[list[str]]) -> None:
    units = Units(out, texts)
    article = {m: n for n, ms in enumerate(truth) for m in ms}
    shares = {(x, y): units.union_share(x, y) for x, y in units.linked}
    true = same_group_pairs(truth)
    before = precision_recall(true, same_group_pairs([m for m in units.members if len(m) > 1]))
    print(f"{len(units.members)} units, {len(shares)} linked unit pairs")
    print(f"as grouped: precision {before[0]:.4f} recall {before[1]:.4f}")
    for least in (0.5, 0.4, 0.3, 0.2, 0.1):
        p, r = precision_recall(true, same_group_pairs(joined(units, shares, least)))
        print(f"joined at union share >= {least}: precision {p:.4f} recall {r:.4f}")
    same = sorted(
        (s, x, y)
        for (x, y), s in shares.items()
        if article[units.members[x][0]] == article[units.members[y][0]]
    )
    other = sorted(
        (s, x, y)
        for (x, y), s in shares.items()
        if article[units.members[x][0]] != article[units.members[y][0]]
    )
    print("linked unit pairs of one true group left apart (union share):")
    print("  " + ", ".join(f"{s:.2f}" for s, _, _ in same))
    print("strongest linked unit pairs of different groups (union share):")
    print("  " + ", ".join(f"{s:.2f}" for s, _, _ in other[-12:]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=("wikipedia", "news"))
    parser.add_argument("table", nargs="?", type=Path)
    parser.add_argument("out", nargs="?", type=Path)
    args = parser.parse_args(argv)
    if args.corpus == "news":
        if args.table is None or args.out is None:
            parser.error("news needs TABLE.jsonl and OUTDIR")
        texts: dict[str, str] = {}
        with open(args.table, encoding="utf-8") as stream:
            for line in stream:
                row = json.loads(line)
                texts[row["id"]] = row["text"]
        truth_file = args.table.with_name(args.table.name.replace(".jsonl", ".truth.json"))
        truth = list(json.loads(truth_file.read_text("utf-8"))["groups"].values())
        report(args.out, texts, [list(m) for m in truth])
        return 0
    corpus = SHARED / "corpora" / "wikipedia-versions"
    texts, truth = {}, []
    with tempfile.TemporaryDirectory() as scratch:
        flat = Path(scratch, "flat")
        flat.mkdir()
        for folder in sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file()):
            members = []
            for path in sorted((folder / "witnesses").glob("*.txt")):
                os.symlink(path, flat / path.name)
                texts[path.stem] = path.read_text("utf-8")
                members.append(path.stem)
            truth.append(members)
        collate_corpus(flat, Path(scratch, "out"))
        report(Path(scratch, "out"), texts, truth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
