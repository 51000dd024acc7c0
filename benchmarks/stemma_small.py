"""How far to trust a stemma's confidence, by the size of the tradition.

A confidence reported at 0.9 should hold nine times in ten however few variant
locations it rests on. Three letters of sixty words differ at a dozen locations, and a
dozen locations can show a grouping or a direction by chance; this benchmark measures
how often edges hold, band by band of confidence, in traditions of every size:

- synthetic traditions (`tests/synthetic.py`) of 60, 200 and 500 words (and more with
  `--words`) and 3, 4 or 6 witnesses, moderate noise, through the anchor engine;
- real ones cut from the known histories in `../shared/corpora` (or $COLLATE_SHARED):
  three successive states of each Wikipedia history (the truth restricted to them is
  still a chain), every three of Darwin's six chapter-1 editions, each whole and cut to
  an excerpt of about 60, 200 and 500 words (the same passage in every witness: it
  runs from a six-word phrase each witness has once to another about N words later);
  and the seeds.

The size band of a tradition is the number of variant locations the stemma reads
(`collate.stemma.evidence.Tradition.sites`).

Run: `python -m benchmarks.stemma_small` (`--help` for the grid; `--cache DIR` keeps
the collations).
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from collate.model import Witness
from collate.stemma import infer_stemma
from collate.stemma.evidence import Tradition
from tests.synthetic import generate

from .stemma_eval import Graph, collation, edge_claims, rates
from .stemma_real import RealTradition as Small
from .stemma_real import chain_graph, read_dot, shared

#: Upper ends of the size bands, in variant locations.
SIZE_BANDS = (20, 50, 150, 500)
#: Confidence bands.
BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.01))
#: Excerpt lengths (words) cut from the real traditions.
EXCERPTS = (60, 200, 500)
#: The phrase that bounds an excerpt: long enough to stand once in a chapter.
ANCHOR = 6


@dataclass(frozen=True)
class Measured:
    corpus: str
    name: str
    sites: int
    claims: tuple[tuple[float, bool], ...]
    edges: str


# --------------------------------------------------------------------------- traditions


def synthetic(seeds: Sequence[int], words: Sequence[int], sizes: Sequence[int]) -> Iterator[Small]:
    for count, witnesses, seed in itertools.product(words, sizes, seeds):
        tradition = generate(seed, count, witnesses, **rates("moderate"))
        yield Small(
            f"synthetic {count} words",
            f"{witnesses}x seed {seed}",
            tuple(tradition.witnesses),
            Graph.from_tradition(tradition),
        )


def excerpt(witnesses: Sequence[Witness], length: int, skip: int = 0) -> list[Witness] | None:
    """The same passage of about `length` words (of the first witness) from every
    witness: from a phrase of `ANCHOR` words that each has exactly once to another
    such phrase `length` words later in the first; None where none is found. `skip`:
    how many words of the first witness to pass over before looking."""
    words = [w.text.split() for w in witnesses]
    joined = [" " + " ".join(ws) + " " for ws in words]

    def unique(start: int) -> list[int] | None:
        phrase = " " + " ".join(words[0][start : start + ANCHOR]) + " "
        if len(phrase.split()) < ANCHOR:
            return None
        found = []
        for text in joined:
            at = text.find(phrase)
            if at < 0 or text.find(phrase, at + 1) >= 0:
                return None
            found.append(text[:at].count(" "))
        return found

    for start in range(skip, len(words[0]) - length - ANCHOR):
        begin = unique(start)
        if begin is None:
            continue
        for end in range(start + length, min(len(words[0]) - ANCHOR, start + 2 * length)):
            stop = unique(end)
            if stop is None or any(b >= s for b, s in zip(begin, stop, strict=True)):
                continue
            return [
                Witness(w.siglum, " ".join(ws[b:s]), date=w.date)
                for w, ws, b, s in zip(witnesses, words, begin, stop, strict=True)
            ]
        return None
    return None


def _read(folder: Path) -> dict[str, Witness]:
    return {
        p.stem: Witness(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))
    }


def _chain_order(edges: Sequence[tuple[str, str]]) -> list[str]:
    children = dict(edges)
    targets = {c for _, c in edges}
    node = next(p for p, _ in edges if p not in targets)
    order = [node]
    while node in children:
        node = children[node]
        order.append(node)
    return order


def _cut(
    corpus: str, name: str, chosen: Sequence[Witness], order: Sequence[str]
) -> Iterator[Small]:
    """The whole witnesses and their excerpts, with the truth a chain in `order`."""
    edges = list(itertools.pairwise(order))
    yield Small(f"{corpus} whole", name, tuple(chosen), chain_graph(edges, order))
    ordered = sorted(chosen, key=lambda w: order.index(w.siglum))
    for length in EXCERPTS:
        # from the middle of the text, where the states have most in common
        middle = len(ordered[0].text.split()) // 3
        cut = excerpt(ordered, length, middle)
        if cut is not None:
            yield Small(f"{corpus} {length} words", name, tuple(cut), chain_graph(edges, order))


def darwin() -> Iterator[Small]:
    folder = shared() / "corpora" / "darwin-ch1"
    editions = _read(folder)
    order = _chain_order(read_dot(folder / "truth.dot"))
    for three in itertools.combinations(order, 3):
        chosen = [editions[s] for s in three]
        yield from _cut("darwin-ch1", "+".join(three), chosen, three)


def wikipedia(limit: int | None = None) -> Iterator[Small]:
    base = shared() / "corpora" / "wikipedia-versions"
    folders = sorted(p for p in base.iterdir() if (p / "truth.dot").is_file())[:limit]
    for folder in folders:
        states = _read(folder / "witnesses")
        order = _chain_order(read_dot(folder / "truth.dot"))
        # three successive states from the middle of the history
        at = max(0, (len(order) - 3) // 2)
        three = order[at : at + 3]
        yield from _cut("wikipedia", folder.name, [states[s] for s in three], three)


def seeds() -> Iterator[Small]:
    witnesses = _read(shared() / "seeds")
    names = {s[:3]: s for s in witnesses}
    truth = chain_graph([(names["001"], names["000"])], names.values())
    yield Small("seeds", "seeds", tuple(witnesses.values()), truth)


# --------------------------------------------------------------------------- runs


def measure(small: Small, cache: Path | None) -> Measured:
    cached = None
    if cache is not None:
        name = re.sub(r"[^\w.-]", "_", f"small-{small.corpus}-{small.name}")
        cached = cache / f"{name}-anchor.pickle"
    apparatus = collation(small.witnesses, "anchor", cached)
    stemma = infer_stemma(apparatus)
    edges = ", ".join(
        f"{e.source}->{e.target} {e.confidence:.2f} ({e.evidence.support:.2f}*"
        f"{e.evidence.direction:.2f} {e.evidence.basis})"
        for e in stemma.edges
    )
    return Measured(
        small.corpus,
        small.name,
        len(Tradition(apparatus).sites),
        edge_claims(stemma, small.truth),
        edges,
    )


def size_band(sites: int) -> str:
    low = 0
    for high in SIZE_BANDS:
        if sites < high:
            return f"{low}–{high - 1}"
        low = high
    return f"{low} or more"


def _cells(claims: Sequence[tuple[float, bool]]) -> list[str]:
    cells = []
    for low, high in BANDS:
        inside = [holds for confidence, holds in claims if low <= confidence < high]
        cells.append(f"{sum(inside) / len(inside):.2f} of {len(inside)}" if inside else "–")
    return cells


def table(runs: Sequence[Measured]) -> str:
    """Per kind of tradition and size band: the share of edges that hold, by band of
    the confidence reported."""
    head = " | ".join(f"{low:.1f}–{min(high, 1.0):.1f}" for low, high in BANDS)
    lines = [
        f"| traditions | variant locations | n | {head} |",
        "|---|---|---|" + "---|" * len(BANDS),
    ]
    kinds = sorted({r.corpus.split(" ")[0] for r in runs}, key=lambda k: (k != "synthetic", k))
    bands = [size_band(s) for s in (0, *SIZE_BANDS)]
    for kind in [*kinds, "all"]:
        for band in bands:
            group = [
                r
                for r in runs
                if (kind == "all" or r.corpus.split(" ")[0] == kind) and size_band(r.sites) == band
            ]
            if group:
                claims = [c for r in group for c in r.claims]
                lines.append(
                    f"| {kind} | {band} | {len(group)} | " + " | ".join(_cells(claims)) + " |"
                )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10, help="generator seeds per cell")
    parser.add_argument("--first-seed", type=int, default=201)
    parser.add_argument("--words", type=int, nargs="*", default=[60, 200, 500])
    parser.add_argument("--witnesses", type=int, nargs="*", default=[3, 4, 6])
    parser.add_argument("--wiki-limit", type=int, help="only the first N Wikipedia histories")
    parser.add_argument("--no-real", action="store_true", help="synthetic traditions only")
    parser.add_argument("--cache", type=Path, help="keep the collations in this directory")
    parser.add_argument("--verbose", action="store_true", help="one line per tradition")
    args = parser.parse_args(argv)
    seeds_ = range(args.first_seed, args.first_seed + args.seeds)
    sources: list[Iterator[Small]] = [synthetic(seeds_, args.words, args.witnesses)]
    if not args.no_real:
        sources += [darwin(), wikipedia(args.wiki_limit), seeds()]
    runs = []
    for small in itertools.chain(*sources):
        run = measure(small, args.cache)
        runs.append(run)
        if args.verbose:
            wrong = [c for c, holds in run.claims if not holds]
            print(
                f"{run.corpus} {run.name}: {run.sites} locations; wrong at "
                f"{', '.join(f'{c:.2f}' for c in wrong) or '-'}; {run.edges}",
                file=sys.stderr,
            )
    print(table(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
