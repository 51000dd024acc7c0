"""Timing and peak-memory benchmarks of the engines (pytest-benchmark).

Not part of the test suite (pytest collects `tests/` only); run them with the command in
benchmarks/README.md. Each benchmark records, in `extra_info`, the peak resident memory
of a fresh process that aligns the same case (`benchmarks.cases`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from collate.engines import get_engine

from .cases import COUNT_WORDS, COUNTS, LENGTH_WITNESSES, LENGTHS, ROOT, load, synthetic_name

#: CollateX takes minutes on the larger cases; it is timed once, on the comparison cases
COMPARED = ("seeds", synthetic_name(8, 1_500))


def _peak_memory(engine: str, case: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.cases", engine, case],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, float] = json.loads(result.stdout)
    return measured


def _run(benchmark: Any, engine: str, case: str, rounds: int) -> None:
    witnesses = load(case)
    aligner = get_engine(engine)
    benchmark.group = case
    benchmark.extra_info.update(
        engine=engine,
        case=case,
        witnesses=len(witnesses),
        tokens=sum(len(w.tokens) for w in witnesses),
        **_peak_memory(engine, case),
    )
    benchmark.pedantic(aligner.align, args=(witnesses,), rounds=rounds, iterations=1)


@pytest.mark.parametrize("case", COMPARED)
@pytest.mark.parametrize("engine", ["anchor", "collatex"])
def test_compared(benchmark: Any, engine: str, case: str) -> None:
    _run(benchmark, engine, case, rounds=5 if engine == "anchor" else 1)


@pytest.mark.parametrize("words", LENGTHS)
@pytest.mark.parametrize("witnesses", LENGTH_WITNESSES)
def test_text_length(benchmark: Any, witnesses: int, words: int) -> None:
    _run(benchmark, "anchor", synthetic_name(witnesses, words), rounds=3 if words < 30_000 else 1)


@pytest.mark.parametrize("witnesses", COUNTS)
def test_witness_count(benchmark: Any, witnesses: int) -> None:
    _run(benchmark, "anchor", synthetic_name(witnesses, COUNT_WORDS), rounds=3)
