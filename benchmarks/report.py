"""The benchmark table for benchmarks/README.md, from the newest saved run (or a given
one): times, peak memory, CollateX speedups and growth exponents.

    python -m benchmarks.report [benchmarks/results/<machine>/<run>.json]

A growth exponent is the slope of log(time) against log(size), by least squares: 1 is
linear, 2 quadratic.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .cases import COUNT_WORDS, LENGTH_WITNESSES, synthetic_name
from .test_bench_engines import COMPARED

RESULTS = Path(__file__).with_name("results")


def newest_run() -> Path:
    runs = sorted(RESULTS.glob("*/*.json"), key=lambda p: p.name)
    if not runs:
        raise SystemExit(f"no saved benchmark run under {RESULTS}")
    return runs[-1]


def slope(points: Sequence[tuple[float, float]]) -> float:
    """Least-squares slope of log y against log x."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _rows(run: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for bench in run["benchmarks"]:
        info = bench["extra_info"]
        found[(info["engine"], info["case"])] = {**info, "min": bench["stats"]["min"]}
    return found


def _case_size(case: str) -> tuple[int, int]:
    witnesses, words = case.removeprefix("synthetic-").split("x")
    return int(witnesses), int(words)


def markdown(run: dict[str, Any]) -> str:
    rows = _rows(run)
    lines = [
        "| engine | case | witnesses | tokens | time (s, best) | peak memory (MiB) |",
        "|---|---|---|---|---|---|",
    ]
    for (engine, case), r in rows.items():
        lines.append(
            f"| {engine} | {case} | {r['witnesses']} | {r['tokens']:,} | {r['min']:.3f} "
            f"| {r['peak_rss_mib']:.0f} |"
        )
    lines += ["", "| comparison | CollateX (s) | anchor (s) | speedup |", "|---|---|---|---|"]
    for case in COMPARED:
        if ("collatex", case) in rows and ("anchor", case) in rows:
            theirs, ours = rows[("collatex", case)]["min"], rows[("anchor", case)]["min"]
            lines.append(f"| {case} | {theirs:.2f} | {ours:.3f} | {theirs / ours:.0f}x |")
    lines += ["", "| growth of the anchor engine's time | exponent |", "|---|---|"]
    for witnesses in LENGTH_WITNESSES:
        points = [
            (_case_size(case)[1], r["min"])
            for (engine, case), r in rows.items()
            if engine == "anchor" and case.startswith(f"synthetic-{witnesses}x")
        ]
        if len(points) > 1:
            lines.append(f"| text length, {witnesses} witnesses | {slope(points):.2f} |")
    points = [
        (_case_size(case)[0], r["min"])
        for (engine, case), r in rows.items()
        if engine == "anchor"
        and case.startswith("synthetic-")
        and case.endswith(f"x{COUNT_WORDS}")
        and case != synthetic_name(8, 1_500)
    ]
    if len(points) > 1:
        lines.append(f"| witness count, {COUNT_WORDS:,} words | {slope(points):.2f} |")
    machine = run.get("machine_info", {})
    cpu = machine.get("cpu", {})
    commit = run.get("commit_info", {}).get("id", "?")[:10]
    lines += [
        "",
        f"Machine: {cpu.get('brand_raw', '?')}, {cpu.get('count', '?')} cores; "
        f"Python {machine.get('python_version', '?')}; run {run.get('datetime', '?')}, "
        f"commit {commit}.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    path = Path(arguments[0]) if arguments else newest_run()
    print(markdown(json.loads(path.read_text())))


if __name__ == "__main__":
    main()
