"""Two-witness traditions: how often the stemma of a pair holds, by its confidence.

A pair's stemma can only say which of the two is the exemplar (`collate.stemma.pair`);
this measures how often that holds on pairs of known histories: every pair of Darwin's
chapter 1 editions (without dates and with them), every two successive states of the
Wikipedia histories, and the seeds' related pair 001 -> 000 (with the unrelated seed
pairs, where any edge drawn is wrong). Beside it, in the same run on the same
collations: the same stemmata with the pair's direction unbounded (`PAIR_BOUND` and
`NAMED_BOUND` 1.0).

    python -m benchmarks.stemma_pairs [--wiki-limit N]
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator, Sequence

import collate
from collate.stemma import infer_stemma, pair

from .stemma_eval import edge_claims
from .stemma_real import (
    RealTradition,
    calibration_table,
    chain_graph,
    darwin_ch1,
    seeds,
    wikipedia,
)


def pairs_of(tradition: RealTradition, *, successive: bool) -> Iterator[RealTradition]:
    """Two-witness traditions cut from a known history, each with its own truth: the
    older an ancestor of the newer where the history says so, else no edge."""
    truth = tradition.truth
    by_siglum = {w.siglum: w for w in tradition.witnesses}
    if successive:
        chosen = [(p, c) for c, parents in truth.parents.items() for p in parents]
    else:
        chosen = list(itertools.combinations(sorted(by_siglum), 2))
    for a, b in chosen:
        edges = [(x, y) for x, y in ((a, b), (b, a)) if x in truth.ancestors(y)]
        yield RealTradition(
            tradition.corpus,
            f"{tradition.name}:{a}/{b}",
            (by_siglum[a], by_siglum[b]),
            chain_graph(edges, (a, b)),
        )


def claims(pairs: Sequence[RealTradition], bound: float) -> dict[str, list[tuple[float, bool]]]:
    """Per corpus, the claims of every pair's stemma with the pair's direction bounded
    at `bound` for the second list (same collations)."""
    found: dict[str, list[tuple[float, bool]]] = {}
    unbounded: dict[str, list[tuple[float, bool]]] = {}
    for tradition in pairs:
        apparatus = collate.collate(list(tradition.witnesses), engine="anchor").apparatus
        found.setdefault(tradition.corpus, []).extend(
            edge_claims(infer_stemma(apparatus), tradition.truth)
        )
        saved = pair.PAIR_BOUND, pair.NAMED_BOUND
        pair.PAIR_BOUND = pair.NAMED_BOUND = bound
        try:
            unbounded.setdefault(tradition.corpus, []).extend(
                edge_claims(infer_stemma(apparatus), tradition.truth)
            )
        finally:
            pair.PAIR_BOUND, pair.NAMED_BOUND = saved
    return {**found, **{f"{k} (unbounded)": v for k, v in unbounded.items()}}


def all_pairs(wiki_limit: int | None) -> list[RealTradition]:
    found = [
        *pairs_of(darwin_ch1(False), successive=False),
        *pairs_of(darwin_ch1(True), successive=False),
        *pairs_of(seeds(), successive=False),
    ]
    for history in wikipedia()[:wiki_limit]:
        found.extend(pairs_of(history, successive=True))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wiki-limit", type=int, default=None)
    args = parser.parse_args(argv)
    measured = claims(all_pairs(args.wiki_limit), 1.0)
    print(
        f"pair direction bounds {pair.PAIR_BOUND} (readings), {pair.NAMED_BOUND} (dates "
        "named); share of edges that hold, of how many:\n"
    )
    print(calibration_table(sorted(measured.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
