"""The candidate index in partitions by n-gram hash, so that the process running the
corpus never holds the whole index: at millions of documents it is the largest thing
held (about 170 sampled hashes of 12 bytes per document of 500 words, and the sort
needs as much again).

Each document's sampled n-grams are dealt to `partitions` files by their hash as the
fingerprints come in (the top bits of the hash, which the sampling, by the hash modulo
`SAMPLE`, leaves evenly spread). Every n-gram, with all the documents holding it,
lands in one partition, so the pairs of each partition and the n-grams they share are
exact for that partition, and the shared counts of all partitions add up to those of
the whole index. The pairs are then summed partition by partition: only one
partition's n-grams are in memory at a time, beside the pairs found so far (a few per
document). The candidates are the same, pair for pair, as from the index held whole
(`candidates.candidate_pairs`); tested.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from .candidates import Fingerprints, Pairs, chosen_arrays, gram_counts, shared_counts
from .scratch import Scratch

#: documents per partition when none is asked for: about 60 million sampled n-grams
#: (4-grams one in three of 500-word documents), as 500,000 documents held with 5-grams
#: one in four
DOCUMENTS_PER_PARTITION = 375_000


def partitions_for(documents: int) -> int:
    return max(1, -(-documents // DOCUMENTS_PER_PARTITION))


class SpilledIndex(Scratch):
    """Sampled n-grams dealt to partition files in a scratch folder as they come."""

    def __init__(self, partitions: int, folder: str | None = None) -> None:
        super().__init__("collate-index-", folder)
        self.partitions = partitions
        #: per fingerprint task: its first document, and its documents' n-gram counts
        self._counts: list[tuple[int, npt.NDArray[np.int64]]] = []

    def _files(self, partition: int) -> tuple[Path, Path]:
        return self.folder / f"{partition}.hashes", self.folder / f"{partition}.documents"

    def add(self, part: Fingerprints) -> None:
        self._counts.append((part.first, gram_counts([part])))
        which = (part.hashes >> np.uint64(40)) % np.uint64(self.partitions)
        for partition in range(self.partitions):
            chosen = which == partition
            hashes, documents = self._files(partition)
            with open(hashes, "ab") as stream:
                part.hashes[chosen].tofile(stream)
            with open(documents, "ab") as stream:
                part.documents[chosen].tofile(stream)

    def candidate_pairs(self) -> list[tuple[int, int, int]]:
        """The same as `candidates.candidate_pairs` over every part added."""
        a, b, shared = self._chosen()
        return list(zip(a.tolist(), b.tolist(), shared.tolist(), strict=True))

    def candidate_arrays(self) -> Pairs:
        """The same as `candidates.candidate_arrays` over every part added."""
        return self._chosen()[:2]

    def _chosen(
        self,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        nothing = np.zeros(0, np.int64)
        if not self._counts:
            return nothing, nothing, nothing
        found: list[npt.NDArray[np.uint64]] = []
        shared: list[npt.NDArray[np.int64]] = []
        for partition in range(self.partitions):
            hashes, documents = self._files(partition)
            if not hashes.exists():
                continue
            pairs, counts = shared_counts(
                np.fromfile(hashes, dtype=np.uint64), np.fromfile(documents, dtype=np.uint32)
            )
            found.append(pairs)
            shared.append(counts)
            # merged as we go, so the pairs held stay distinct
            if len(found) > 1:
                merged, inverse = np.unique(np.concatenate(found), return_inverse=True)
                summed = np.bincount(inverse, weights=np.concatenate(shared)).astype(np.int64)
                found, shared = [merged], [summed]
        if not found:
            return nothing, nothing, nothing
        grams = np.concatenate([counts for _, counts in sorted(self._counts, key=lambda c: c[0])])
        return chosen_arrays(found[0], shared[0], grams)
