"""Which revisions does grouping the Wikipedia pile leave apart from their article, and
what does their text share with the rest of it?

For every article whose revisions the corpus run split over several units (groups, or
documents left alone), every unit but the one holding most of the article is weighed
against the article's other revisions, every pair verified (not only the candidates):

- `words`: the most words one of its revisions shares with another revision;
- `share`: the largest share of the shorter document in any such pair (a version link
  needs half);
- `union`: the share of the unit's words that some other revision shares (the union of
  its passages with all of them).

The same three are worked out for the seeds, the limit a rule must respect: 002 and
003 report one event independently of 000/001 and of each other, so neither may join
the group {000, 001} and they may not form a group of their own; the strongest
evidence for any of those joins is the most a joining rule may accept. A unit weaker
than the seeds in all three cannot be joined by a rule that grows with the shared text
without joining the seeds too.

Run: `python -m benchmarks.corpus_wikipedia --misses` (after a run), or on its own:
`python -m benchmarks.corpus_wikipedia_misses OUTDIR [--version-share 0.3 ...]` on the
output of `python -m benchmarks.corpus_wikipedia --keep OUTDIR` (`--version-share`:
the run's links regrouped with versions from a lower share of the shorter document).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from collate.corpus.candidates import words

from .cases import SHARED
from .corpus_union import shared_positions
from .corpus_wikipedia import precision_recall, read_groups, regrouped, same_group_pairs


@dataclass(frozen=True)
class Evidence:
    """What a unit's revisions share with the other revisions of their text."""

    words: int
    share: float
    union: float

    def beyond(self, limit: Evidence) -> list[str]:
        """The measures in which this evidence is stronger than `limit`."""
        return [
            name
            for name, mine, theirs in (
                ("words", self.words, limit.words),
                ("share", self.share, limit.share),
                ("union", self.union, limit.union),
            )
            if mine > theirs
        ]


def evidence(unit: Sequence[Sequence[str]], others: Sequence[Sequence[str]]) -> Evidence:
    """The evidence of the documents `unit` (as words) against `others`."""
    most, share, covered = 0, 0.0, 0
    for mine in unit:
        found: set[int] = set()
        for theirs in others:
            in_mine, in_theirs = shared_positions(mine, theirs)
            found |= in_mine
            most = max(most, min(len(in_mine), len(in_theirs)))
            if mine and theirs:
                share = max(share, len(in_mine) / len(mine), len(in_theirs) / len(theirs))
        covered += len(found)
    return Evidence(most, share, covered / max(1, sum(len(m) for m in unit)))


def seeds_limit(folder: Path) -> Evidence:
    """The strongest evidence for a join the seeds forbid, the most a joining rule may
    accept: 002 or 003 into the group {000, 001}, or 002 and 003 into a group of their
    own."""
    texts = {p.name[:3]: words(p.read_text("utf-8")) for p in sorted(folder.glob("*.txt"))}
    group = [texts["000"], texts["001"]]
    found = [
        evidence([texts["002"]], group),
        evidence([texts["003"]], group),
        evidence([texts["002"]], [texts["003"]]),
        evidence([texts["003"]], [texts["002"]]),
    ]
    return Evidence(
        max(e.words for e in found), max(e.share for e in found), max(e.union for e in found)
    )


def report(outdir: Path, corpus: Path, seeds: Path) -> list[str]:
    """Lines: every unit apart from its article, its evidence, and the totals."""
    where = {m: g for g, members in read_groups(outdir).items() for m in members}
    limit = seeds_limit(seeds)
    lines = [
        f"seeds 002/003 against {{000, 001}} and each other (must stay apart): "
        f"{limit.words} words, share {limit.share:.2f}, union {limit.union:.2f}"
    ]
    missed: dict[str, int] = defaultdict(int)
    beyond: dict[str, int] = defaultdict(int)
    for article in sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file()):
        paths = sorted((article / "witnesses").glob("*.txt"))
        texts = {p.stem: words(p.read_text("utf-8")) for p in paths}
        units: dict[str, list[str]] = defaultdict(list)
        for name in texts:
            units[where.get(name, name)].append(name)
        if len(units) < 2:
            continue
        main = max(units.values(), key=lambda m: (len(m), sum(len(texts[n]) for n in m)))
        lines.append(f"{article.name}: {len(texts)} revisions in {len(units)} units")
        counted = 0  # revisions of units weighed already: their pairs are counted
        for members in sorted(units.values(), key=lambda m: (-len(m), m)):
            if members is main:
                continue
            unit = [texts[m] for m in members]
            found = evidence(unit, [t for name, t in texts.items() if name not in members])
            stronger = found.beyond(limit)
            pairs = len(members) * (len(texts) - len(members) - counted)
            counted += len(members)
            reason = (
                "no shared passage of 15 words"
                if found.words < 15
                else "shared passages, under half of either"
                if found.share < 0.5
                else "version-level, not grouped"
            )
            missed[reason] += pairs
            if stronger:
                beyond["/".join(stronger)] += pairs
            sizes = ", ".join(f"{m} ({len(texts[m])} words)" for m in members)
            lines.append(
                f"  apart: {sizes}: {found.words} words, share {found.share:.2f}, "
                f"union {found.union:.2f}; {reason}"
                + (f"; beyond the seeds in {', '.join(stronger)}" if stronger else "")
            )
    lines.append("pairs of one article left apart, by what the unit shares with its article:")
    lines.extend(f"  {reason}: {count}" for reason, count in sorted(missed.items()))
    lines.append(f"  in all: {sum(missed.values())}; of them stronger than the seeds in")
    lines.extend(f"    {measures}: {count}" for measures, count in sorted(beyond.items()))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument(
        "--version-share",
        type=float,
        action="append",
        default=[],
        help="also regroup the run's links calling a link a version from this share of "
        "the shorter document (repeatable)",
    )
    args = parser.parse_args(argv)
    corpus = SHARED / "corpora" / "wikipedia-versions"
    print("\n".join(report(args.outdir, corpus, SHARED / "seeds")))
    truth = [
        [p.stem for p in sorted((a / "witnesses").glob("*.txt"))]
        for a in sorted(corpus.iterdir())
        if (a / "truth.json").is_file()
    ]
    names = sorted(m for members in truth for m in members)
    for share in args.version_share:
        groups = regrouped(args.outdir, names, chains=True, version_share=share)
        p, r = precision_recall(same_group_pairs(truth), same_group_pairs(groups))
        print(
            f"the run's links regrouped, versions from a share of {share}: "
            f"precision {p:.4f} recall {r:.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
