"""Synthetic traditions with fragments: the stemma with the fragments found, and with
them declared (`Witness.extent`, as a `witnesses.csv` would give it), on the same
collations.

The generator (`tests/synthetic.py`, `--fragments`) cuts 20-60% of the text from the
beginning or the end of some extant witnesses; a witness whose surviving tokens begin
after the first tenth of the archetype or end before its last tenth is declared a
`fragment` here, as the scholar who holds it would know.

    python -m benchmarks.declared_synthetic --seeds 8 --first-seed 201 --words 5000 \\
        --cache DIR
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import replace
from pathlib import Path

from collate.model import Apparatus
from collate.stemma import infer_stemma
from tests.synthetic import SyntheticTradition, generate

from .stemma_eval import Graph, apparatus_of, rates, score

#: a witness missing more than this share of the archetype at an end is a fragment
#: (the generator cuts 20-60%; ordinary omissions at an end are a few words)
EDGE = 0.1


def declared(tradition: SyntheticTradition, words: int) -> dict[str, str]:
    """The fragments among the extant witnesses, as their holder would declare them."""
    found = {}
    for siglum, positions in tradition.positions.items():
        if positions and (min(positions) > EDGE * words or max(positions) < (1 - EDGE) * words):
            found[siglum] = "fragment"
    return found


def with_extents(apparatus: Apparatus, extents: dict[str, str]) -> Apparatus:
    return replace(
        apparatus,
        witnesses=tuple(replace(w, extent=extents.get(w.siglum)) for w in apparatus.witnesses),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--first-seed", type=int, default=201)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--witnesses", type=int, default=12)
    parser.add_argument("--noise", default="moderate")
    parser.add_argument("--fragments", type=float, default=0.3)
    parser.add_argument("--lacunae", type=float, default=0.3)
    parser.add_argument("--engine", default="anchor")
    parser.add_argument("--cache", type=Path, default=None, help="as stemma_eval's --cache")
    args = parser.parse_args()
    f1: dict[str, list[float]] = {"found": [], "declared": []}
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        tradition = generate(
            seed,
            args.words,
            args.witnesses,
            fragments=args.fragments,
            lacunae=args.lacunae,
            **rates(args.noise),
        )
        cached = None
        if args.cache is not None:
            cached = args.cache / (
                f"{seed}-{args.noise}-{args.words}w-{args.witnesses}x-c0.0-f{args.fragments}-"
                f"l{args.lacunae}-{args.engine}.pickle"
            )
        apparatus = apparatus_of(tradition, args.engine, cached)
        extents = declared(tradition, args.words)
        true = Graph.from_tradition(tradition)
        line = [f"seed {seed}: {len(extents)} fragments"]
        for name, given in (("found", apparatus), ("declared", with_extents(apparatus, extents))):
            scores = score(true, Graph.from_stemma(infer_stemma(given)))
            f1[name].append(scores.ancestor_f1)
            line.append(f"{name} AD-F1 {scores.ancestor_f1:.3f}")
        print(", ".join(line), flush=True)
    print(
        f"mean AD-F1 over {args.seeds} seeds: found {statistics.mean(f1['found']):.3f}, "
        f"declared {statistics.mean(f1['declared']):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
