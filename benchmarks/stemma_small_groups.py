"""The stemma's CPU for small groups of versions, by the group's size: what `collate
corpus` pays once per group of the synthetic news corpus (`benchmarks.news_corpus`).

The true groups of a synthetic news corpus are collated once (not timed); then
`infer_stemma` runs on each apparatus in rounds over all groups, once each as the corpus
calls it (`resample=False`; `--resample` for `collate stemma`'s 51 inferences of a small
tradition), so that no cache kept
for one group's run (the revision chain's, keyed by the texts) serves the next run of
it, and each group's cost is its least CPU time over the rounds (the machine may be
shared). The cycle collector's thresholds are the command's and the corpus tasks'
(`gc.set_threshold(100_000, 50, 50)`).

With `--baseline DIR` (another checkout of collate, e.g. `git worktree add DIR main`),
that checkout's stemma runs on the same collations in the same process, in turn with
this one group by group (which goes first alternating), and the two stemmata are
compared byte for byte (JSON and text): a speed-up is reported only with identical
output.

    python -m benchmarks.stemma_small_groups [--documents 600] [--rounds 3] [--baseline DIR]
        [--resample]
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import io
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from collate.corpus.reading import read_corpus
from collate.model import Apparatus
from collate.pipeline import collate
from collate.stemma import infer_stemma
from collate.stemma.formats import render_stemma

from . import news_corpus

#: the name the baseline checkout's package is imported under
BASELINE = "collate_baseline"

Infer = Callable[..., Any]
Render = Callable[[Any, str], str]


def collations(documents: int, seed: int, folder: Path) -> list[tuple[str, Apparatus]]:
    """Each true group of versions of a synthetic news corpus, collated (as `collate
    corpus` reads a table: dates, outlets and titles)."""
    corpus = news_corpus.generate(documents, seed=seed)
    table = folder / "news.jsonl"
    news_corpus.save(corpus, table)
    witnesses = {d.id: d.witness for d in read_corpus(table).documents}
    return [
        (name, collate([witnesses[m] for m in members], jobs=1).apparatus)
        for name, members in sorted(corpus.groups.items())
    ]


def _baseline(folder: Path) -> tuple[Infer, Render]:
    """The stemma of another checkout, imported under another name (its modules
    import one another relatively)."""
    package = folder / "collate"
    if not (package / "stemma" / "__init__.py").is_file():
        raise SystemExit(f"{folder}: no collate checkout there")
    spec = importlib.util.spec_from_file_location(
        BASELINE, package / "__init__.py", submodule_search_locations=[str(package)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[BASELINE] = module
    spec.loader.exec_module(module)
    stemma = importlib.import_module(f"{BASELINE}.stemma")
    formats = importlib.import_module(f"{BASELINE}.stemma.formats")
    return stemma.infer_stemma, formats.render_stemma


class _Renamed(pickle.Unpickler):
    """Unpickles collate's objects as the baseline package's (its own classes)."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "collate" or module.startswith("collate."):
            module = BASELINE + module[len("collate") :]
        return super().find_class(module, name)


def measure(
    groups: Sequence[tuple[str, Any]],
    runs: Sequence[tuple[Infer, Render, Sequence[Any]]],
    rounds: int,
    resample: bool = False,
) -> list[list[float]]:
    """Per group, per run: the least CPU seconds of its stemma over the rounds. The
    runs' stemmata must be the same, byte for byte."""
    best = [[float("inf")] * len(runs) for _ in groups]
    for r in range(rounds):
        for k, (name, _) in enumerate(groups):
            order = list(range(len(runs)))
            if (k + r) % 2:
                order.reverse()
            outputs: dict[int, str] = {}
            for which in order:
                infer, render, inputs = runs[which]
                start = time.process_time()
                stemma = infer(inputs[k], resample=resample)
                best[k][which] = min(best[k][which], time.process_time() - start)
                if r == 0:
                    outputs[which] = render(stemma, "json") + render(stemma, "text")
            if r == 0 and len(set(outputs.values())) > 1:
                raise SystemExit(f"group {name}: the stemmata differ")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument(
        "--resample", action="store_true", help="bound small traditions by resampling"
    )
    args = parser.parse_args(argv)
    gc.set_threshold(100_000, 50, 50)  # as the command and the corpus tasks run
    with tempfile.TemporaryDirectory() as folder:
        groups = collations(args.documents, args.seed, Path(folder))
    runs: list[tuple[Infer, Render, Sequence[Any]]] = [
        (infer_stemma, render_stemma, [apparatus for _, apparatus in groups])
    ]
    if args.baseline is not None:
        infer, render = _baseline(args.baseline.resolve())
        copies = _Renamed(io.BytesIO(pickle.dumps([a for _, a in groups]))).load()
        runs.append((infer, render, copies))
    best = measure(groups, runs, args.rounds, args.resample)
    by_size: dict[int, list[list[float]]] = {}
    for (_, apparatus), times in zip(groups, best, strict=True):
        by_size.setdefault(len(apparatus.sigla), []).append(times)
    header = "witnesses  groups  stemma ms/group"
    print(header + ("  baseline ms/group  this/baseline" if len(runs) > 1 else ""))
    totals = [0.0] * len(runs)
    for size in sorted(by_size):
        rows = by_size[size]
        means = [1000 * sum(t[i] for t in rows) / len(rows) for i in range(len(runs))]
        totals = [total + sum(t[i] for t in rows) for i, total in enumerate(totals)]
        line = f"{size:9d}  {len(rows):6d}  {means[0]:15.1f}"
        if len(runs) > 1:
            line += f"  {means[1]:17.1f}  {means[0] / means[1]:14.3f}"
        print(line)
    line = f"all {len(groups)} groups: {totals[0]:.2f} s"
    if len(runs) > 1:
        line += f", baseline {totals[1]:.2f} s, this/baseline {totals[0] / totals[1]:.3f}"
        line += "; every stemma identical"
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
