"""Alignment accuracy against a synthetic tradition's truth: token-pair precision,
recall and F1.

Two tokens of different witnesses are a true pair when they descend from the same
original token. An engine pairs two tokens when it puts them in one column, or in two
columns that a transposition links (a moved passage aligned with itself).

    python -m benchmarks.accuracy                 # the report in benchmarks/README.md
    python -m benchmarks.accuracy --quick         # a smaller one, for a look
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from collate import Alignment
from collate.engines import get_engine
from collate.tokenize import tokenize
from tests.synthetic import SyntheticTradition, generate

RESULTS = Path(__file__).with_name("results")


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    #: pairs the engine made, pairs in the truth, pairs in both
    predicted: int
    true: int
    correct: int


def _pair_codes(groups: Iterable[Sequence[int]], size: int) -> set[int]:
    """All pairs within each group of global token numbers, as single integers."""
    codes: set[int] = set()
    for group in groups:
        ordered = sorted(group)
        for x, a in enumerate(ordered):
            codes.update(a * size + b for b in ordered[x + 1 :])
    return codes


def _offsets(lengths: Sequence[int]) -> list[int]:
    offsets, total = [], 0
    for length in lengths:
        offsets.append(total)
        total += length
    return offsets


def engine_pairs(alignment: Alignment) -> set[int]:
    offsets = _offsets([len(w.tokens) for w in alignment.witnesses])
    size = offsets[-1] + len(alignment.witnesses[-1].tokens)

    def members(column: int) -> list[int]:
        cells = alignment.columns[column]
        return [offsets[w] + cell for w, cell in enumerate(cells) if cell is not None]

    groups = [members(c) for c in range(len(alignment.columns))]
    pairs = _pair_codes(groups, size)
    for transposition in alignment.transpositions:
        for here, there in transposition.links:
            for a in members(here):
                pairs.update(min(a, b) * size + max(a, b) for b in members(there))
    return pairs


def true_pairs(tradition: SyntheticTradition, alignment: Alignment) -> set[int]:
    """Pairs by origin, numbered as `engine_pairs` numbers them (the same witness order)."""
    lengths = [len(w.tokens) for w in alignment.witnesses]
    offsets = _offsets(lengths)
    by_origin: dict[int, list[int]] = {}
    for w, siglum in enumerate(alignment.sigla):
        for index, origin in enumerate(tradition.origins[siglum]):
            by_origin.setdefault(origin, []).append(offsets[w] + index)
    return _pair_codes(by_origin.values(), offsets[-1] + lengths[-1])


def score(tradition: SyntheticTradition, alignment: Alignment) -> Score:
    predicted, truth = engine_pairs(alignment), true_pairs(tradition, alignment)
    correct = len(predicted & truth)
    precision = correct / len(predicted) if predicted else 1.0
    recall = correct / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, len(predicted), len(truth), correct)


# --------------------------------------------------------------------------- the report

#: the scenarios of the report: name -> generator arguments beyond seed, words, witnesses
SCENARIOS: dict[str, dict[str, float]] = {
    "no moved blocks": {"moved_blocks": 0.0},
    "moved blocks": {"moved_blocks": 0.001},
}


@dataclass(frozen=True)
class Row:
    scenario: str
    engine: str
    seed: int
    words: int
    witnesses: int
    seconds: float
    score: Score


def evaluate(engines: Sequence[str], seeds: Sequence[int], words: int, witnesses: int) -> list[Row]:
    rows = []
    for scenario, arguments in SCENARIOS.items():
        for seed in seeds:
            tradition = generate(seed, words, witnesses, **arguments)
            tokenized = tuple(tokenize(w) for w in tradition.witnesses)
            for name in engines:
                start = time.perf_counter()
                alignment = get_engine(name).align(tokenized)
                seconds = time.perf_counter() - start
                rows.append(
                    Row(
                        scenario, name, seed, words, witnesses, seconds, score(tradition, alignment)
                    )
                )
    return rows


def summary(rows: Sequence[Row]) -> list[dict[str, object]]:
    """Mean precision, recall and F1 per scenario and engine."""
    table = []
    keys = sorted(
        {(r.scenario, r.engine) for r in rows}, key=lambda k: (list(SCENARIOS).index(k[0]), k[1])
    )
    for scenario, engine in keys:
        chosen = [r.score for r in rows if (r.scenario, r.engine) == (scenario, engine)]
        mean = {
            field: round(sum(getattr(s, field) for s in chosen) / len(chosen), 4)
            for field in ("precision", "recall", "f1")
        }
        table.append({"scenario": scenario, "engine": engine, "runs": len(chosen), **mean})
    return table


def markdown(table: Sequence[dict[str, object]]) -> str:
    lines = ["| scenario | engine | runs | precision | recall | F1 |", "|---|---|---|---|---|---|"]
    for r in table:
        lines.append(
            f"| {r['scenario']} | {r['engine']} | {r['runs']} | {r['precision']:.3f} "
            f"| {r['recall']:.3f} | {r['f1']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="anchor,collatex")
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--witnesses", type=int, default=6)
    parser.add_argument("--quick", action="store_true", help="one seed, 300 words")
    parser.add_argument("--save", action="store_true", help=f"write {RESULTS}/accuracy.json")
    args = parser.parse_args(argv)
    seeds, words = (range(1), 300) if args.quick else (range(1, args.seeds + 1), args.words)
    rows = evaluate(args.engines.split(","), list(seeds), words, args.witnesses)
    table = summary(rows)
    print(markdown(table))
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        record = {
            "command": "python -m benchmarks.accuracy " + " ".join(argv or []),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "summary": table,
            "runs": [{**asdict(r), "score": asdict(r.score)} for r in rows],
        }
        (RESULTS / "accuracy.json").write_text(json.dumps(record, indent=1) + "\n")


if __name__ == "__main__":
    main()
