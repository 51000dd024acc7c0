"""The benchmark cases, by name, shared by the timing benchmarks and the memory probe.

A case is a seeded input (the seeds folder, or a synthetic tradition of a given size)
already tokenised, so what is measured is the engine's alignment alone.

    python -m benchmarks.cases anchor darwin   # time and peak memory, as JSON
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from functools import cache
from pathlib import Path

from collate import TokenizedWitness, read_witnesses
from collate.engines import get_engine
from collate.tokenize import tokenize_all
from tests.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]
#: the shared folder: ../shared beside the repository, or $COLLATE_SHARED
SHARED = Path(os.environ.get("COLLATE_SHARED") or ROOT.parent / "shared")
#: real traditions, by name: the seed reports, and three editions of Darwin's Origin
#: (~520,000 words, in the shared folder)
REAL: dict[str, Path] = {
    "seeds": ROOT / "seeds",
    "darwin": SHARED / "corpora" / "darwin-origin",
}
#: text lengths (words per witness) and witness counts of the growth benchmarks
LENGTHS: tuple[int, ...] = (1_000, 3_000, 10_000, 30_000, 100_000)
LENGTH_WITNESSES: tuple[int, ...] = (4, 10)
COUNTS: tuple[int, ...] = (2, 4, 8, 16, 32, 64)
COUNT_WORDS = 2_000


def synthetic_name(witnesses: int, words: int) -> str:
    return f"synthetic-{witnesses}x{words}"


@cache
def load(name: str) -> tuple[TokenizedWitness, ...]:
    """The tokenised witnesses of a case: a name in REAL, or
    "synthetic-<witnesses>x<words>"."""
    if name in REAL:
        return tokenize_all(sorted(read_witnesses([REAL[name]]), key=lambda w: w.siglum))
    counts = name.removeprefix("synthetic-").split("x")
    witnesses, words = int(counts[0]), int(counts[1])
    return tokenize_all(generate(1, words, witnesses).witnesses)


def _max_rss_mib() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh at exec, unlike
    ru_maxrss, which a child inherits from the (large) benchmark process that forked it."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def probe(engine: str, name: str) -> dict[str, float]:
    """Peak resident memory of this process before and after aligning a case."""
    witnesses = load(name)
    before = _max_rss_mib()
    start = time.perf_counter()
    get_engine(engine).align(witnesses)
    return {
        "seconds": time.perf_counter() - start,
        "rss_before_mib": before,
        "peak_rss_mib": _max_rss_mib(),
    }


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1], sys.argv[2])))
