"""Candidate pairs: documents that share rare word n-grams (a passim-style index).

Every document's words (case-folded) are cut into overlapping n-grams of `GRAM_WORDS`
words; each n-gram is hashed to 64 bits, deterministically (BLAKE2b of each word, mixed
by position), so every process and every machine agrees. Only the n-grams whose hash is
divisible by `SAMPLE` are kept: a fixed sample, the same in every document, so two
documents sharing a passage share the sampled n-grams in it (about one in `SAMPLE`).

The index sorts the kept (hash, document) pairs by hash. An n-gram found in more than
`MAX_DOCUMENTS` documents is boilerplate ("said in a statement on Tuesday") and says
nothing about copying; the others pair up every two documents they occur in. Two
documents that share at least `MIN_SHARED` sampled n-grams (a shared passage of about
`MIN_SHARED * SAMPLE + GRAM_WORDS` words) are a candidate pair, to be verified by the
anchor matcher. A short document (fewer than `SHORT_GRAMS` sampled n-grams, under about
ninety words: a stub, a first revision, a brief) is paired with every document
sharing one of them: whole of it may be a version of a longer text and still hold only
one sampled n-gram in common with it, since a stub's few sentences are shared in short
runs between rewritten words.

The n-grams are of four words sampled one in three, not five sampled one in four (the
first design): a stub's shared runs are a few words between rewritten ones, six or
seven at the longest, and two stubs of real revision histories (45 and 25 words, two
thirds of each shared with later revisions) held no sampled 5-gram in those runs, so
they were never compared. With four words one in three every version pair of the
Wikipedia revisions corpus is a candidate, at a third more index and 2% more candidate
pairs on synthetic news (benchmarks/README.md, "Recall on the Wikipedia revisions").

Why not MinHash LSH over shingles (datasketch)? LSH finds pairs of high Jaccard
similarity of whole documents. Versions of a news story are rewritten and cut (a
version holding half its source has a Jaccard of at most 0.5, and rewording lowers it
further), and a reused quotation is a few percent of either text: both are questions of
*containment*, which a rare n-gram index answers directly and exactly, at the same cost.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

#: words per n-gram: four, so that a run of six shared words between two rewordings
#: (a stub's sentences, rewritten around their names) still holds three n-grams
GRAM_WORDS = 4
#: one n-gram in this many (by hash) is indexed: a run of r shared words is missed with
#: probability (1 - 1/SAMPLE) ** (r - GRAM_WORDS + 1), 0.30 for six words (0.56 with
#: 5-grams sampled one in four), at a third more index than one in four
SAMPLE = 3
#: an n-gram in more documents than this is boilerplate, not evidence of copying
MAX_DOCUMENTS = 64
#: sampled n-grams two documents must share to be a candidate pair: a shared passage
#: of about MIN_SHARED * SAMPLE + GRAM_WORDS = 13 words, as with 5-grams one in four
MIN_SHARED = 3
#: a document with fewer sampled n-grams than this (under about 90 words) needs to
#: share only one
SHORT_GRAMS = 30

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
#: odd multipliers, one per position in the n-gram, so "a b" and "b a" hash apart
_POSITION = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    ],
    dtype=np.uint64,
)


def words(text: str) -> list[str]:
    """The words of a text, as the candidate and verification stages compare them."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """SplitMix64's finaliser: every input bit reaches every output bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def gram_hashes(
    tokens: Sequence[str], cache: dict[str, int] | None = None
) -> npt.NDArray[np.uint64]:
    """The sampled n-gram hashes of one document, each once, sorted."""
    if len(tokens) < GRAM_WORDS:
        return np.zeros(0, dtype=np.uint64)
    cache = {} if cache is None else cache
    ids = np.fromiter(
        (cache[w] if w in cache else cache.setdefault(w, _word_hash(w)) for w in tokens),
        dtype=np.uint64,
        count=len(tokens),
    )
    count = len(tokens) - GRAM_WORDS + 1
    with np.errstate(over="ignore"):
        combined = np.zeros(count, dtype=np.uint64)
        for offset in range(GRAM_WORDS):
            combined += ids[offset : offset + count] * _POSITION[offset]
        hashed = _mix(combined)
    kept = hashed[hashed % np.uint64(SAMPLE) == 0]
    return np.unique(kept)


@dataclass(frozen=True)
class Fingerprints:
    """The sampled n-gram hashes of a run of documents, numbered from `first`."""

    first: int
    hashes: npt.NDArray[np.uint64]
    #: per hash, the document's number
    documents: npt.NDArray[np.uint32]
    #: per document, its number of words
    lengths: tuple[int, ...]


def fingerprint(first: int, texts: Sequence[str]) -> Fingerprints:
    """Fingerprints of documents number `first`, `first + 1`, ... (one executor task)."""
    cache: dict[str, int] = {}
    hashes, owners, lengths = [], [], []
    for number, text in enumerate(texts, start=first):
        tokens = words(text)
        lengths.append(len(tokens))
        found = gram_hashes(tokens, cache)
        hashes.append(found)
        owners.append(np.full(len(found), number, dtype=np.uint32))
    return Fingerprints(
        first,
        np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.uint64),
        np.concatenate(owners) if owners else np.zeros(0, dtype=np.uint32),
        tuple(lengths),
    )


#: candidate pairs as two arrays of document numbers, a < b, sorted
Pairs = tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]


def candidate_pairs(parts: Sequence[Fingerprints]) -> list[tuple[int, int, int]]:
    """(document a, document b, sampled n-grams shared), a < b, for every pair sharing
    at least MIN_SHARED rare n-grams, or one if either document is short; sorted."""
    if not parts:
        return []
    hashes = np.concatenate([p.hashes for p in parts])
    owners = np.concatenate([p.documents for p in parts])
    pairs, shared = shared_counts(hashes, owners)
    return chosen_pairs(pairs, shared, gram_counts(parts))


def candidate_arrays(parts: Sequence[Fingerprints]) -> Pairs:
    """The candidate pairs of `candidate_pairs`, as arrays (a few bytes a pair, not a
    Python tuple's hundred)."""
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    hashes = np.concatenate([p.hashes for p in parts])
    owners = np.concatenate([p.documents for p in parts])
    pairs, shared = shared_counts(hashes, owners)
    return chosen_arrays(pairs, shared, gram_counts(parts))[:2]


def gram_counts(parts: Sequence[Fingerprints]) -> npt.NDArray[np.int64]:
    """Per document (by number), how many sampled n-grams it has."""
    ordered = sorted(parts, key=lambda p: p.first)
    counts = [np.bincount(p.documents - p.first, minlength=len(p.lengths)) for p in ordered]
    return np.concatenate(counts).astype(np.int64) if counts else np.zeros(0, np.int64)


def shared_counts(
    hashes: npt.NDArray[np.uint64], owners: npt.NDArray[np.uint32]
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """The pairs of documents (a << 32 | b, a < b) that share rare n-grams among these,
    sorted, and how many each shares. Exact for any subset of the n-grams taken whole
    (all documents of each n-gram), so counts of disjoint subsets add up."""
    order = np.lexsort((owners, hashes))
    hashes, owners = hashes[order], owners[order]
    nothing = np.zeros(0, np.uint64), np.zeros(0, np.int64)
    if len(hashes) == 0:
        return nothing
    starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    sizes = np.diff(np.r_[starts, len(hashes)])
    keys = []
    for size in np.unique(sizes):
        if size < 2 or size > MAX_DOCUMENTS:
            continue
        # every posting list of this size as a row; its pairs are its upper triangle
        rows = owners[starts[sizes == size][:, None] + np.arange(size)].astype(np.uint64)
        first, second = np.triu_indices(int(size), 1)
        keys.append((rows[:, first] << np.uint64(32) | rows[:, second]).ravel())
    if not keys:
        return nothing
    pairs, shared = np.unique(np.concatenate(keys), return_counts=True)
    return pairs, shared.astype(np.int64)


def chosen_pairs(
    pairs: npt.NDArray[np.uint64], shared: npt.NDArray[np.int64], grams: npt.NDArray[np.int64]
) -> list[tuple[int, int, int]]:
    """The candidate pairs among pairs sharing `shared` sampled n-grams, given every
    document's count of sampled n-grams (`grams`)."""
    a, b, shared = chosen_arrays(pairs, shared, grams)
    return list(zip(a.tolist(), b.tolist(), shared.tolist(), strict=True))


def chosen_arrays(
    pairs: npt.NDArray[np.uint64], shared: npt.NDArray[np.int64], grams: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """`chosen_pairs` as arrays: document a, document b, n-grams shared."""
    a = (pairs >> np.uint64(32)).astype(np.int64)
    b = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
    short = np.minimum(grams[a], grams[b]) < SHORT_GRAMS
    chosen = (shared >= MIN_SHARED) | short
    return a[chosen], b[chosen], shared[chosen]
