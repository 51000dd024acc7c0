"""Candidate pairs two ways, on the same documents: collate's index of rare n-grams
against MinHash LSH over word shingles (datasketch), to show why the corpus pipeline
uses the first.

For each corpus it prints, per method: the candidate pairs proposed, how many of the
true same-text pairs they hold (pairs of documents of one Wikipedia article, or of one
synthetic news story), how many of the pairs that share at least half of the shorter
document (what verification would call versions) they hold, and the CPU time. The
versions of one text are cut and rewritten, so what they have in common is a matter of
*containment* (most of the shorter one is in the longer), which LSH over Jaccard
similarity of the whole shingle sets does not measure.

Needs `datasketch` (not a dependency of collate): `pip install datasketch`.
Run: `python -m benchmarks.corpus_candidates [--news 2000]`
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial

from collate.corpus.candidates import GRAM_WORDS, candidate_pairs, fingerprint, words
from collate.corpus.verification import VERSION_SHARE, VERSION_WORDS, shared_words

from .cases import SHARED
from .news_corpus import generate

Pairs = set[tuple[int, int]]


def lsh_pairs(texts: Sequence[str], threshold: float, permutations: int = 128) -> Pairs:
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-not-found,import-untyped,unused-ignore]

    lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
    found: Pairs = set()
    for number, text in enumerate(texts):
        tokens = words(text)
        shingles = {
            " ".join(tokens[i : i + GRAM_WORDS]).encode()
            for i in range(max(1, len(tokens) - GRAM_WORDS + 1))
        }
        sketch = MinHash(num_perm=permutations, seed=1)
        sketch.update_batch(list(shingles))
        found.update((other, number) for other in lsh.query(sketch))
        lsh.insert(number, sketch)
    return found


def index_pairs(texts: Sequence[str]) -> Pairs:
    return {(a, b) for a, b, _ in candidate_pairs([fingerprint(0, texts)])}


def compare(name: str, texts: Sequence[str], groups: Sequence[Sequence[int]]) -> None:
    true: Pairs = {(a, b) for g in groups for a in g for b in g if a < b}
    tokens = [words(t) for t in texts]
    versions: Pairs = set()
    for a, b in true:
        shared_a, shared_b = shared_words(tokens[a], tokens[b])
        share = max(shared_a / max(len(tokens[a]), 1), shared_b / max(len(tokens[b]), 1))
        if share >= VERSION_SHARE and min(shared_a, shared_b) >= VERSION_WORDS:
            versions.add((a, b))
    print(
        f"{name}: {len(texts):,} documents, {len(true):,} same-text pairs, "
        f"{len(versions):,} of them sharing at least half of the shorter document"
    )
    methods: list[tuple[str, Callable[[], Pairs]]] = [
        (f"rare {GRAM_WORDS}-gram index (collate)", partial(index_pairs, texts))
    ]
    methods += [
        (f"MinHash LSH, Jaccard >= {t}", partial(lsh_pairs, texts, t)) for t in (0.5, 0.3, 0.1)
    ]
    for label, method in methods:
        started = time.process_time()
        found = method()
        cpu = time.process_time() - started
        print(
            f"  {label:30} {len(found):7,} candidates; same-text pairs found "
            f"{len(found & true) / len(true):.3f}, version pairs found "
            f"{len(found & versions) / max(len(versions), 1):.3f}; {cpu:.1f} s CPU"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=2000, help="synthetic news documents")
    args = parser.parse_args(argv)
    root = SHARED / "corpora" / "wikipedia-versions"
    texts: list[str] = []
    groups: list[list[int]] = []
    for article in sorted(p for p in root.iterdir() if (p / "truth.json").is_file()):
        paths = sorted((article / "witnesses").glob("*.txt"))
        groups.append(list(range(len(texts), len(texts) + len(paths))))
        texts.extend(p.read_text("utf-8") for p in paths)
    compare("Wikipedia revisions", texts, groups)
    corpus = generate(args.news, seed=1)
    number = {row["id"]: n for n, row in enumerate(corpus.rows)}
    compare(
        "synthetic news",
        [row["text"] for row in corpus.rows],
        [[number[m] for m in members] for members in corpus.groups.values()],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
