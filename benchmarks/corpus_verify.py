"""The corpus's verification stage alone: CPU per candidate pair of the synthetic news
corpus (`benchmarks.news_corpus`), and a digest of the links it finds.

The corpus is generated and its candidate pairs found once (not timed); the pairs are
then verified in tasks of the corpus run's size (`run._PAIRS_PER_TASK`), each task
given the texts it names, as `collate corpus` hands them out, in a fresh process per
round, with the cycle collector's thresholds the corpus tasks use. Each round's CPU is
`time.process_time` around the verification alone.

With `--baseline DIR` (another checkout of collate with its own build, e.g. a
`git archive` of main with the compiled folder copied beside it), that checkout
verifies the same pairs in turn with this one (which goes first alternating), and the
two digests of the links are compared: a speed-up counts only with the same links.

    python -m benchmarks.corpus_verify [--documents 2000] [--rounds 3] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from . import news_corpus

ROOT = Path(__file__).resolve().parent.parent

#: what a round runs, in a fresh process whose first path is the checkout measured
_ROUND = """
import gc, hashlib, pickle, sys, time
from collate import _native
from collate.corpus.run import _PAIRS_PER_TASK
from collate.corpus.verification import verify_batch
gc.set_threshold(100_000, 50, 50)
with open(sys.argv[1], "rb") as stream:
    pairs, texts = pickle.load(stream)
tasks = []
for start in range(0, len(pairs), _PAIRS_PER_TASK):
    batch = pairs[start : start + _PAIRS_PER_TASK]
    tasks.append((batch, {n: texts[n] for n in sorted({n for pair in batch for n in pair})}))
started = time.process_time()
links = [link for batch, named in tasks for link in verify_batch(batch, named)]
spent = time.process_time() - started
digest = hashlib.sha256(repr(links).encode()).hexdigest()[:16]
print(spent, len(links), digest, _native.compiled())
"""


def candidates(documents: int, seed: int, path: Path) -> int:
    """The corpus's candidate pairs and texts, pickled to `path`; how many pairs."""
    from collate.corpus.candidates import candidate_pairs, fingerprint

    texts = [row["text"] for row in news_corpus.generate(documents, seed).rows]
    step = 500
    parts = [
        fingerprint(start, texts[start : start + step]) for start in range(0, len(texts), step)
    ]
    pairs = [(a, b) for a, b, _ in candidate_pairs(parts)]
    with open(path, "wb") as stream:
        pickle.dump((pairs, dict(enumerate(texts))), stream)
    return len(pairs)


def one_round(checkout: Path, data: Path) -> tuple[float, int, str, str]:
    """(CPU seconds, links, digest of the links, compiled build used) of one round."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, "-c", _ROUND, str(data)],
        cwd=checkout,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    spent, links, digest, compiled = done.stdout.split()
    return float(spent), int(links), digest, compiled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    args = parser.parse_args(argv)
    checkouts = {"this": ROOT}
    if args.baseline is not None:
        checkouts["baseline"] = args.baseline.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch, "pairs.pickle")
        pairs = candidates(args.documents, args.seed, data)
        print(f"{args.documents:,} documents, {pairs:,} candidate pairs", flush=True)
        best: dict[str, float] = {}
        digests: dict[str, set[str]] = {}
        for number in range(args.rounds):
            order = list(checkouts) if number % 2 == 0 else list(checkouts)[::-1]
            for name in order:
                spent, links, digest, compiled = one_round(checkouts[name], data)
                best[name] = min(best.get(name, spent), spent)
                digests.setdefault(name, set()).add(digest)
                print(
                    f"round {number + 1} {name}: {spent / pairs * 1000:.3f} ms CPU per pair, "
                    f"{links:,} links {digest} (compiled: {compiled})",
                    flush=True,
                )
    for name, spent in best.items():
        per_document = spent / args.documents * 1000
        per_pair = spent / pairs * 1000
        print(f"{name}: least {per_pair:.3f} ms per pair, {per_document:.2f} ms per document")
    if "baseline" in best:
        same = len(digests["this"] | digests["baseline"]) == 1
        print(f"this / baseline: {best['this'] / best['baseline']:.3f}; the same links: {same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
