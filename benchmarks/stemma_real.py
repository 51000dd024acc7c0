"""Stemmata of real traditions with a known history, scored beside two baselines.

The traditions (read from `../shared/corpora` and `../shared/seeds` beside the
repository, or from the folder the environment variable COLLATE_SHARED names):

- `darwin-ch1`: chapter 1 of the six editions of the *Origin* Darwin revised himself,
  the chain 1859 -> 1860 -> 1861 -> 1866 -> 1869 -> 1872 (`truth.dot`); scored without
  dates and with each edition's year as its date;
- `darwin-origin`: the three whole editions 1859 -> 1860 -> 1872 (the year is the
  start of each file name); about 520,000 words, so only with `--darwin-origin`;
- `wikipedia-versions`: 80 revision histories of encyclopaedia pages, each a chain
  (`truth.dot`), file names hiding the order;
- the seeds: four news reports, of which 001 -> 000 is the one line of descent.

Baselines in the same run: neighbour joining on the stemma's own distances, rooted at
its midpoint (`stemma_eval.neighbour_joining_baseline`), and "length order": the chain
of the witnesses from the shortest to the longest, what a reader would guess of a
revision history that only grows. A tradition counts as "exact" when the proposed
edges between witnesses are the true ones, no more (a lost node counts as a wrong
edge).
"""

from __future__ import annotations

import itertools
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from collate.model import Apparatus, Witness
from collate.stemma import Stemma, infer_stemma

from .cases import SHARED
from .stemma_eval import (
    Graph,
    Scores,
    collation,
    edge_claims,
    neighbour_joining_baseline,
    score,
)

ROOT = Path(__file__).resolve().parents[1]


def shared() -> Path:
    """The shared material: $COLLATE_SHARED, else `../shared` beside the repository."""
    return SHARED


@dataclass(frozen=True)
class RealTradition:
    corpus: str
    name: str
    witnesses: tuple[Witness, ...]
    truth: Graph


_EDGE = re.compile(r'"?([\w.-]+)"?\s*->\s*"?([\w.-]+)"?')


def read_dot(path: Path) -> list[tuple[str, str]]:
    text = "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//")
    )
    return _EDGE.findall(text)


def chain_graph(edges: Iterable[tuple[str, str]], sigla: Iterable[str]) -> Graph:
    parents: dict[str, tuple[str, ...]] = {s: () for s in sigla}
    for parent, child in edges:
        parents[child] = (*parents.get(child, ()), parent)
        parents.setdefault(parent, ())
    return Graph(parents, frozenset(parents))


def _read_folder(folder: Path, siglum: Callable[[Path], str] = lambda p: p.stem) -> list[Witness]:
    return [
        Witness(siglum(path), path.read_text(encoding="utf-8"), source=path.name)
        for path in sorted(folder.glob("*.txt"))
    ]


def darwin_ch1(dated: bool) -> RealTradition:
    folder = shared() / "corpora" / "darwin-ch1"
    witnesses = _read_folder(folder)
    if dated:
        witnesses = [replace(w, date=w.siglum) for w in witnesses]
    truth = chain_graph(read_dot(folder / "truth.dot"), (w.siglum for w in witnesses))
    return RealTradition("darwin-ch1" + (" dated" if dated else ""), "ch1", tuple(witnesses), truth)


def darwin_origin() -> RealTradition:
    folder = shared() / "corpora" / "darwin-origin"
    witnesses = _read_folder(folder, lambda p: p.stem[:4])
    truth = chain_graph([("1859", "1860"), ("1860", "1872")], (w.siglum for w in witnesses))
    return RealTradition("darwin-origin", "whole", tuple(witnesses), truth)


def wikipedia() -> list[RealTradition]:
    base = shared() / "corpora" / "wikipedia-versions"
    found = []
    for folder in sorted(p for p in base.iterdir() if (p / "truth.dot").is_file()):
        witnesses = _read_folder(folder / "witnesses")
        truth = chain_graph(read_dot(folder / "truth.dot"), (w.siglum for w in witnesses))
        found.append(RealTradition("wikipedia", folder.name, tuple(witnesses), truth))
    return found


def seeds() -> RealTradition:
    witnesses = _read_folder(shared() / "seeds")
    names = {w.siglum[:3]: w.siglum for w in witnesses}
    truth = chain_graph([(names["001"], names["000"])], names.values())
    return RealTradition("seeds", "seeds", tuple(witnesses), truth)


def traditions(*, whole_darwin: bool = False, wiki_limit: int | None = None) -> list[RealTradition]:
    found = [darwin_ch1(False), darwin_ch1(True)]
    if whole_darwin:
        found.append(darwin_origin())
    found.extend(wikipedia()[:wiki_limit])
    found.append(seeds())
    return found


# --------------------------------------------------------------------------- baselines


def length_order(witnesses: Sequence[Witness]) -> Graph:
    """The chain from the shortest witness (in words) to the longest."""
    ordered = sorted(witnesses, key=lambda w: (len(w.text.split()), w.siglum))
    edges = list(zip((w.siglum for w in ordered), (w.siglum for w in ordered[1:]), strict=False))
    return chain_graph(edges, (w.siglum for w in witnesses))


def exact(true: Graph, proposed: Graph) -> bool:
    """Whether the proposed edges are the true ones, no more and no fewer."""

    def edges(graph: Graph) -> set[tuple[str, str]]:
        return {(p, c) for c, ps in graph.parents.items() for p in ps}

    return edges(true) == edges(proposed)


def same_words(witnesses: Sequence[Witness]) -> list[list[str]]:
    """Groups of two or more witnesses whose words are the same (case aside): they
    differ at most in punctuation and spacing, which the stemma does not weigh, so
    no order among them can be told from what it reads."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for witness in witnesses:
        words = tuple(re.findall(r"\w+", witness.text.casefold()))
        groups.setdefault(words, []).append(witness.siglum)
    return [group for group in groups.values() if len(group) > 1]


def exact_but_alike(true: Graph, proposed: Graph, alike: Sequence[Sequence[str]]) -> bool:
    """`exact`, with the witnesses of each group in `alike` (`same_words`)
    interchangeable: some assignment of them to the true graph's places gives the
    proposed edges."""
    for choice in itertools.product(*(itertools.permutations(group) for group in alike)):
        rename = {
            a: b
            for group, order in zip(alike, choice, strict=True)
            for a, b in zip(group, order, strict=True)
        }
        parents = {
            rename.get(c, c): tuple(rename.get(p, p) for p in ps) for c, ps in true.parents.items()
        }
        if exact(Graph(parents, true.extant), proposed):
            return True
    return False


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class RealRun:
    corpus: str
    name: str
    stemma: Scores
    exact: bool
    nj: Scores
    nj_exact: bool
    length: Scores
    length_exact: bool
    #: exact with witnesses of the same words interchangeable (`exact_but_alike`)
    exact_alike: bool
    length_exact_alike: bool
    collate_seconds: float
    stemma_seconds: float
    claims: tuple[tuple[float, bool], ...]
    summary: str


def evaluate(
    tradition: RealTradition, engine: str = "anchor", cache: Path | None = None
) -> RealRun:
    started = time.perf_counter()
    cached = None
    if cache is not None:
        name = re.sub(r"[^\w.-]", "_", f"{tradition.corpus}-{tradition.name}")
        cached = cache / f"real-{name}-{engine}.pickle"
    apparatus: Apparatus = collation(tradition.witnesses, engine, cached)
    collated = time.perf_counter()
    stemma: Stemma = infer_stemma(apparatus)
    inferred = time.perf_counter()
    true = tradition.truth
    proposed = Graph.from_stemma(stemma)
    unrooted, rooted = neighbour_joining_baseline(apparatus)
    nj = score(true, unrooted)
    nj_rooted = score(true, rooted)
    length = length_order(tradition.witnesses)
    alike = same_words(tradition.witnesses)
    return RealRun(
        tradition.corpus,
        tradition.name,
        score(true, proposed),
        exact(true, proposed),
        Scores(nj.skeleton, nj_rooted.orientation, nj_rooted.ancestor_f1, nj_rooted.parent_f1),
        exact(true, rooted),
        score(true, length),
        exact(true, length),
        exact_but_alike(true, proposed, alike),
        exact_but_alike(true, length, alike),
        collated - started,
        inferred - collated,
        edge_claims(stemma, true),
        _edges_line(stemma),
    )


def _edges_line(stemma: Stemma) -> str:
    return ", ".join(
        f"{e.source}->{e.target} {e.confidence:.2f}" + ("" if e.kind == "descent" else " (contam.)")
        for e in stemma.edges
    )


BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.01))


def calibration_rows(claims: Sequence[tuple[float, bool]]) -> list[tuple[str, int, float | None]]:
    """Per confidence band: how many edges, and the share of them that hold."""
    rows = []
    for low, high in BANDS:
        inside = [holds for confidence, holds in claims if low <= confidence < high]
        share = sum(inside) / len(inside) if inside else None
        rows.append((f"{low:.1f}–{min(high, 1.0):.1f}", len(inside), share))
    return rows


def table(runs: Sequence[RealRun]) -> str:
    """The markdown table: per corpus, the stemma against both baselines."""
    lines = [
        "| tradition | n | skeleton (NJ / length) | orientation (NJ / length) "
        "| ancestor–descendant F1 (NJ / length) | exact (NJ / length) |",
        "|---|---|---|---|---|---|",
    ]
    for corpus in dict.fromkeys(r.corpus for r in runs):
        group = [r for r in runs if r.corpus == corpus]

        def mean(attr: str, field: str, group: Sequence[RealRun] = group) -> float:
            return float(statistics.mean(getattr(getattr(r, attr), field) for r in group))

        cells = []
        for field in ("skeleton", "orientation", "ancestor_f1"):
            cells.append(
                f"**{mean('stemma', field):.3f}** ({mean('nj', field):.3f} / "
                f"{mean('length', field):.3f})"
            )
        n = len(group)
        exacts = (
            f"**{sum(r.exact for r in group)}/{n}** ({sum(r.nj_exact for r in group)}/{n} / "
            f"{sum(r.length_exact for r in group)}/{n})"
        )
        lines.append(f"| {corpus} | {n} | " + " | ".join(cells) + f" | {exacts} |")
    return "\n".join(lines)


def notes(runs: Sequence[RealRun]) -> str:
    """Below the table: per corpus with witnesses of the same words, the exact count
    with them interchangeable; per corpus of ten or more traditions, each half
    (alternate traditions in name order) apart, to show a gain is not one half's."""
    lines = []
    for corpus in dict.fromkeys(r.corpus for r in runs):
        group = [r for r in runs if r.corpus == corpus]
        n = len(group)
        strict, alike = sum(r.exact for r in group), sum(r.exact_alike for r in group)
        if alike != strict or any(r.length_exact_alike != r.length_exact for r in group):
            lines.append(
                f"- {corpus}: exact {alike}/{n} (length order "
                f"{sum(r.length_exact_alike for r in group)}/{n}) with witnesses whose words "
                f"are the same (differing at most in punctuation and spacing) interchangeable; "
                f"strictly {strict}/{n}."
            )
        if n >= 10:
            halves = [group[0::2], group[1::2]]
            lines.append(
                f"- {corpus}, alternate traditions in name order (1st, 3rd, … / 2nd, 4th, …): "
                + " / ".join(
                    f"exact {sum(r.exact for r in half)}/{len(half)}, orientation "
                    f"{statistics.mean(r.stemma.orientation for r in half):.3f}"
                    for half in halves
                )
                + "."
            )
    return "\n".join(lines)


def calibration_table(groups: Sequence[tuple[str, Sequence[tuple[float, bool]]]]) -> str:
    lines = [
        "| traditions | " + " | ".join(band for band, _, _ in calibration_rows([])) + " |",
        "|---|" + "---|" * len(BANDS),
    ]
    for label, claims in groups:
        cells = [
            "–" if share is None else f"{share:.2f} of {count}"
            for _, count, share in calibration_rows(claims)
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_all(
    engine: str, *, whole_darwin: bool = False, verbose: bool = False, cache: Path | None = None
) -> list[RealRun]:
    runs = []
    for tradition in traditions(whole_darwin=whole_darwin):
        run = evaluate(tradition, engine, cache)
        runs.append(run)
        if verbose:
            print(
                f"{run.corpus} {run.name}: exact {run.exact} (NJ {run.nj_exact}, length "
                f"{run.length_exact}) orientation {run.stemma.orientation:.2f}; "
                f"{run.collate_seconds:.1f} s + {run.stemma_seconds:.2f} s; {run.summary}",
                file=sys.stderr,
            )
    return runs


def report(
    runs: Sequence[RealRun], synthetic: Sequence[tuple[str, Sequence[tuple[float, bool]]]]
) -> str:
    """The real-tradition table and the calibration table, as markdown."""
    groups = [
        *synthetic,
        *(
            (corpus, [c for r in runs if r.corpus == corpus for c in r.claims])
            for corpus in dict.fromkeys(r.corpus for r in runs)
        ),
    ]
    stemma_seconds = max((r.stemma_seconds for r in runs), default=0.0)
    return (
        f"{table(runs)}\n\n{notes(runs)}\n\nHow often descent edges hold, by the confidence "
        f"reported (share of edges that hold, of how many):\n\n{calibration_table(groups)}\n\n"
        f"(longest stemma time of a real tradition, beyond its collation: {stemma_seconds:.2f} s)"
    )


BEGIN, END = "<!-- real-traditions:begin -->", "<!-- real-traditions:end -->"


def write_docs(tables: str, path: Path = ROOT / "docs" / "stemma.md") -> None:
    """Replace the text between the markers in docs/stemma.md with the tables."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    path.write_text(text[:start] + "\n" + tables + "\n" + text[end:], encoding="utf-8")
