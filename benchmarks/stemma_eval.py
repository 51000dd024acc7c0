"""How good are the stemmata? Scores against synthetic traditions with a known history.

For every tradition the script infers a stemma (`collate.infer_stemma`) and, in the same
run, a neighbour-joining baseline (every witness a leaf, as Stemmaweb draws them; rooted
at the midpoint of its longest path for the orientation score), and scores both:

- skeleton (Roos and Heikkilä 2009, "Evaluating methods for computer-assisted
  stemmatology using artificial benchmark data sets"): for every extant witness A and
  ordered pair (B, C) of other extant witnesses, sign(d(A,B) - d(A,C)) in the true and
  the proposed stemma, where d counts edges on the undirected path (lost nodes
  included): 1 if equal, 0.5 if exactly one is a tie, else 0; averaged;
- orientation: the same with depth from the root, over ordered pairs (B, C);
- ancestor-descendant F1 over pairs of extant witnesses (X is an ancestor of Y);
- nearest-extant-parent F1: (X, Y) where X is the first extant witness met going up
  from Y (one per exemplar when Y is contaminated).

Run: `python -m benchmarks.stemma_eval` (add `--engine anchor` for end-to-end runs,
`--help` for the grid). Witnesses in different proposed traditions are at distance
infinity (a tie with each other).
"""

from __future__ import annotations

import argparse
import math
import pickle
import platform
import statistics
import sys
import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import collate
from collate.apparatus import build_apparatus
from collate.model import Apparatus, Witness
from collate.stemma import Stemma, infer_stemma
from collate.stemma.evidence import Tradition
from collate.stemma.root import rooted_parents
from collate.stemma.tree import neighbour_joining
from tests.synthetic import SyntheticTradition, generate

#: The generator's default rates, scaled by these factors, make the noise levels.
NOISE = {"low": 0.5, "moderate": 1.0, "high": 2.0}
RATES = (
    "substitution",
    "orthographic",
    "omission",
    "eye_skip",
    "insertion",
    "swap",
    "moved_blocks",
)
DEFAULT_RATES = {
    "substitution": 0.008,
    "orthographic": 0.006,
    "omission": 0.003,
    "eye_skip": 0.0015,
    "insertion": 0.003,
    "swap": 0.0015,
    "moved_blocks": 0.0002,
}


# --------------------------------------------------------------------------- graphs


@dataclass(frozen=True)
class Graph:
    """A stemma as plain parent lists: node -> its exemplars (none for a root)."""

    parents: Mapping[str, tuple[str, ...]]
    extant: frozenset[str]

    @classmethod
    def from_stemma(cls, stemma: Stemma) -> Graph:
        parents = {node.id: stemma.exemplars(node.id) for node in stemma.nodes}
        return cls(parents, frozenset(stemma.extant))

    @classmethod
    def from_tradition(cls, tradition: SyntheticTradition) -> Graph:
        return cls(dict(tradition.parents), tradition.extant)

    def neighbours(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {node: set() for node in self.parents}
        for node, parents in self.parents.items():
            for parent in parents:
                found[node].add(parent)
                found.setdefault(parent, set()).add(node)
        return found

    def distances_from(self, start: str) -> dict[str, int]:
        """Edges on the shortest undirected path from `start` to every node it reaches."""
        return _bfs(start, self.neighbours())

    def depths(self) -> dict[str, float]:
        """Edges from the root along the shortest chain of exemplars (inf when the
        node is not reached from the largest tradition's root)."""
        children: dict[str, set[str]] = {node: set() for node in self.parents}
        for node, parents in self.parents.items():
            for parent in parents:
                children.setdefault(parent, set()).add(node)
        roots = sorted(n for n, p in self.parents.items() if not p)
        depth: dict[str, float] = {}
        for root in roots:
            for node, d in _bfs(root, children).items():
                depth[node] = min(depth.get(node, math.inf), d)
        return depth

    def ancestors(self, node: str) -> set[str]:
        seen: set[str] = set()
        frontier = list(self.parents.get(node, ()))
        while frontier:
            current = frontier.pop()
            if current not in seen:
                seen.add(current)
                frontier.extend(self.parents.get(current, ()))
        return seen

    def nearest_extant(self, node: str) -> set[str]:
        found: set[str] = set()
        frontier = list(self.parents.get(node, ()))
        seen: set[str] = set()
        while frontier:
            current = frontier.pop()
            if current in seen:
                continue
            seen.add(current)
            if current in self.extant:
                found.add(current)
            else:
                frontier.extend(self.parents.get(current, ()))
        return found


def _bfs(start: str, neighbours: Mapping[str, Iterable[str]]) -> dict[str, int]:
    distance = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for other in neighbours.get(node, ()):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance


# --------------------------------------------------------------------------- scores


def _sign(x: float) -> int:
    if math.isinf(x) or math.isnan(x):
        return 0
    return (x > 0) - (x < 0)


def _agreement(true: int, proposed: int) -> float:
    if true == proposed:
        return 1.0
    return 0.5 if (true == 0) != (proposed == 0) else 0.0


def skeleton(true: Graph, proposed: Graph, extant: Sequence[str]) -> float:
    true_d = {a: true.distances_from(a) for a in extant}
    prop_d = {a: proposed.distances_from(a) for a in extant}
    total, count = 0.0, 0
    for a in extant:
        for b in extant:
            for c in extant:
                if len({a, b, c}) < 3:
                    continue
                t = _sign(true_d[a].get(b, math.inf) - true_d[a].get(c, math.inf))
                p = _sign(prop_d[a].get(b, math.inf) - prop_d[a].get(c, math.inf))
                total += _agreement(t, p)
                count += 1
    return total / count if count else 1.0


def orientation(true: Graph, proposed: Graph, extant: Sequence[str]) -> float:
    true_depth, prop_depth = true.depths(), proposed.depths()
    total, count = 0.0, 0
    for b in extant:
        for c in extant:
            if b == c:
                continue
            t = _sign(true_depth.get(b, math.inf) - true_depth.get(c, math.inf))
            p = _sign(prop_depth.get(b, math.inf) - prop_depth.get(c, math.inf))
            total += _agreement(t, p)
            count += 1
    return total / count if count else 1.0


def f1(true: set[tuple[str, str]], proposed: set[tuple[str, str]]) -> float:
    if not true and not proposed:
        return 1.0
    hits = len(true & proposed)
    if not hits:
        return 0.0
    precision, recall = hits / len(proposed), hits / len(true)
    return 2 * precision * recall / (precision + recall)


def ancestor_pairs(graph: Graph, extant: Sequence[str]) -> set[tuple[str, str]]:
    keep = set(extant)
    return {(x, y) for y in extant for x in graph.ancestors(y) if x in keep}


def parent_pairs(graph: Graph, extant: Sequence[str]) -> set[tuple[str, str]]:
    return {(x, y) for y in extant for x in graph.nearest_extant(y)}


@dataclass(frozen=True)
class Scores:
    skeleton: float
    orientation: float
    ancestor_f1: float
    parent_f1: float


def score(true: Graph, proposed: Graph) -> Scores:
    extant = sorted(true.extant)
    return Scores(
        skeleton(true, proposed, extant),
        orientation(true, proposed, extant),
        f1(ancestor_pairs(true, extant), ancestor_pairs(proposed, extant)),
        f1(parent_pairs(true, extant), parent_pairs(proposed, extant)),
    )


def edge_claims(stemma: Stemma, true: Graph) -> tuple[tuple[float, bool], ...]:
    """Per descent edge P -> C of the stemma: its confidence, and whether its claim
    holds in the true history. An extant P claims to be an ancestor of every extant
    witness at or below C; a lost P claims that the extant witnesses below it form a
    group with a common exemplar of their own, as some true node's do."""
    proposed = Graph.from_stemma(stemma)
    extant = sorted(true.extant)
    true_groups = {
        frozenset(w for w in extant if node in true.ancestors(w)) for node in true.parents
    }
    found = []
    for edge in stemma.edges:
        if edge.kind != "descent":
            continue
        if edge.source in true.extant:
            below = [w for w in extant if w == edge.target or edge.target in proposed.ancestors(w)]
            holds = all(edge.source in true.ancestors(w) for w in below)
        else:
            group = frozenset(w for w in extant if edge.source in proposed.ancestors(w))
            holds = group in true_groups
        found.append((edge.confidence, holds))
    return tuple(found)


def calibration(claims: Iterable[tuple[float, bool]]) -> str:
    """How often edges hold, by confidence band: a confidence should mean what it says."""
    bands = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01))
    parts = []
    pooled = list(claims)
    for low, high in bands:
        inside = [holds for confidence, holds in pooled if low <= confidence < high]
        if inside:
            parts.append(
                f"{low:.2f}-{min(high, 1.0):.2f}: {sum(inside) / len(inside):.2f} of {len(inside)}"
            )
    return "edges that hold, by confidence: " + "; ".join(parts)


# --------------------------------------------------------------------------- baseline


def neighbour_joining_baseline(apparatus: Apparatus) -> tuple[Graph, Graph]:
    """Neighbour joining on the same distances the stemma starts from: the unrooted
    tree (for the skeleton) and the tree rooted at its midpoint (for orientation)."""
    tradition = Tradition(apparatus)
    pairs = tradition.pairs()
    n = len(tradition.sigla)
    distance = [[0.0] * n for _ in range(n)]
    for (x, y), pair in pairs.items():
        distance[x][y] = distance[y][x] = pair.distance
    tree, lengths = neighbour_joining(distance)

    def name(node: int) -> str:
        return tradition.sigla[node] if 0 <= node < n else f"nj{node}"

    root = _midpoint(tree, lengths, n)
    parents = rooted_parents(tree, root)
    rooted = {name(c): (() if p is None else (name(p),)) for c, p in parents.items()}
    # the unrooted tree: hang it from any node; undirected distances ignore the root
    unrooted = {
        name(c): (() if p is None else (name(p),)) for c, p in rooted_parents(tree, (0, 0)).items()
    }
    extant = frozenset(tradition.sigla)
    return Graph(unrooted, extant), Graph(rooted, extant)


def _midpoint(
    tree: Mapping[int, Sequence[int]], lengths: Mapping[tuple[int, int], float], n: int
) -> tuple[int, int]:
    def far(start: int) -> tuple[int, dict[int, tuple[float, int | None]]]:
        seen: dict[int, tuple[float, int | None]] = {start: (0.0, None)}
        stack = [start]
        while stack:
            node = stack.pop()
            for other in tree[node]:
                if other not in seen:
                    seen[other] = (
                        seen[node][0] + lengths[min(node, other), max(node, other)],
                        node,
                    )
                    stack.append(other)
        end = max((k for k in seen if k < n), key=lambda k: (seen[k][0], -k))
        return end, seen

    if len(tree) == 1:
        return (0, 0)
    a, _ = far(0)
    b, seen = far(a)
    half = seen[b][0] / 2
    node = b
    while True:
        parent = seen[node][1]
        assert parent is not None
        if seen[parent][0] <= half:
            return (
                (min(node, parent), max(node, parent))
                if seen[parent][0] < half
                else (parent, parent)
            )
        node = parent


# --------------------------------------------------------------------------- runs


@dataclass(frozen=True)
class Run:
    seed: int
    noise: str
    source: str  # "truth" or an engine's name
    stemma: Scores
    baseline: Scores
    seconds: float
    #: per descent edge: its confidence, and whether it holds
    claims: tuple[tuple[float, bool], ...] = ()


def rates(noise: str) -> dict[str, float]:
    return {name: DEFAULT_RATES[name] * NOISE[noise] for name in RATES}


def apparatus_of(
    tradition: SyntheticTradition, engine: str | None, cached: Path | None = None
) -> Apparatus:
    if engine is None:
        return build_apparatus(tradition.true_alignment())
    return collation(tradition.witnesses, engine, cached)


def collation(witnesses: Sequence[Witness], engine: str, cached: Path | None = None) -> Apparatus:
    """The witnesses collated by `engine`. A collation is kept in (and read again from)
    the file `cached`, so that two versions of the stemma code are compared on the same
    collations, and reruns take minutes, not an hour (delete the cache when the engine
    changes)."""
    if cached is not None and cached.exists():
        with cached.open("rb") as stream:
            kept = pickle.load(stream)
        if isinstance(kept, Apparatus):
            return kept
    apparatus = collate.collate(list(witnesses), engine=engine).apparatus
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        with partial.open("wb") as stream:
            pickle.dump(apparatus, stream)
        partial.replace(cached)
    return apparatus


def evaluate(
    seed: int,
    noise: str,
    *,
    words: int = 2000,
    witnesses: int = 12,
    engine: str | None = None,
    contamination: float = 0.0,
    fragments: float = 0.0,
    lacunae: float = 0.0,
    cache: Path | None = None,
) -> Run:
    tradition = generate(
        seed,
        words,
        witnesses,
        contamination=contamination,
        fragments=fragments,
        lacunae=lacunae,
        **rates(noise),
    )
    cached = None
    if cache is not None and engine is not None:
        cached = cache / (
            f"{seed}-{noise}-{words}w-{witnesses}x-c{contamination}-f{fragments}-"
            f"l{lacunae}-{engine}.pickle"
        )
    apparatus = apparatus_of(tradition, engine, cached)
    started = time.perf_counter()
    stemma = infer_stemma(apparatus)
    seconds = time.perf_counter() - started
    true = Graph.from_tradition(tradition)
    unrooted, rooted = neighbour_joining_baseline(apparatus)
    nj = score(true, unrooted)
    nj_rooted = score(true, rooted)
    baseline = Scores(
        nj.skeleton, nj_rooted.orientation, nj_rooted.ancestor_f1, nj_rooted.parent_f1
    )
    return Run(
        seed,
        noise,
        engine or "truth",
        score(true, Graph.from_stemma(stemma)),
        baseline,
        seconds,
        edge_claims(stemma, true),
    )


def summarise(runs: Sequence[Run]) -> str:
    lines = [
        f"{'noise':9} {'source':9} {'n':>3}  {'skeleton':>15}  {'orientation':>15}  "
        f"{'anc-desc F1':>15}  {'parent F1':>15}  {'secs':>5}",
        f"{'':9} {'':9} {'':>3}  {'stemma':>7} {'NJ':>7}  {'stemma':>7} {'NJ':>7}  "
        f"{'stemma':>7} {'NJ':>7}  {'stemma':>7} {'NJ':>7}",
    ]
    keys = sorted(
        {(r.noise, r.source) for r in runs}, key=lambda k: (list(NOISE).index(k[0]), k[1])
    )
    for noise, source in keys:
        group = [r for r in runs if (r.noise, r.source) == (noise, source)]
        cells = []
        for field in ("skeleton", "orientation", "ancestor_f1", "parent_f1"):
            ours = statistics.mean(getattr(r.stemma, field) for r in group)
            theirs = statistics.mean(getattr(r.baseline, field) for r in group)
            cells.append(f"{ours:7.3f} {theirs:7.3f}")
        seconds = statistics.mean(r.seconds for r in group)
        lines.append(
            f"{noise:9} {source:9} {len(group):3}  " + "  ".join(cells) + f"  {seconds:5.2f}"
        )
    for noise, source in keys:
        group = [r for r in runs if (r.noise, r.source) == (noise, source)]
        lines.append(f"{noise} {source}: " + calibration(c for r in group for c in r.claims))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10, help="how many generator seeds")
    parser.add_argument(
        "--first-seed", type=int, default=1, help="the first generator seed (default 1)"
    )
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--witnesses", type=int, default=12)
    parser.add_argument("--noise", nargs="*", default=list(NOISE), choices=list(NOISE))
    parser.add_argument(
        "--engine", action="append", default=[], help="also collate with this engine"
    )
    parser.add_argument("--contamination", type=float, default=0.0)
    parser.add_argument(
        "--fragments", type=float, default=0.0, help="each witness's chance of being a fragment"
    )
    parser.add_argument(
        "--lacunae", type=float, default=0.0, help="each witness's chance of a marked lacuna"
    )
    parser.add_argument("--verbose", action="store_true", help="one line per tradition")
    parser.add_argument(
        "--cache",
        type=Path,
        help="keep the engines' collations in this directory and read them from it "
        "(delete it when the engine changes)",
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="also score the real traditions in ../shared (Darwin, Wikipedia, the seeds) "
        "with the first --engine (anchor if none)",
    )
    parser.add_argument(
        "--darwin-origin", action="store_true", help="with --real: the three whole editions too"
    )
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="write the real-tradition and calibration tables into docs/stemma.md",
    )
    args = parser.parse_args(argv)
    runs = []
    for noise in args.noise:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            for engine in [None, *args.engine]:
                run = evaluate(
                    seed,
                    noise,
                    words=args.words,
                    witnesses=args.witnesses,
                    engine=engine,
                    contamination=args.contamination,
                    fragments=args.fragments,
                    lacunae=args.lacunae,
                    cache=args.cache,
                )
                runs.append(run)
                if args.verbose:
                    print(run, file=sys.stderr)
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(
        f"# {python} on {platform.machine()}; "
        f"{args.witnesses} witnesses x {args.words} words, contamination {args.contamination}, "
        f"fragments {args.fragments}, lacunae {args.lacunae}, "
        f"seeds {args.first_seed}-{args.first_seed + args.seeds - 1}"
    )
    print(summarise(runs))
    if args.real:
        from . import stemma_real

        real = stemma_real.run_all(
            args.engine[0] if args.engine else "anchor",
            whole_darwin=args.darwin_origin,
            verbose=args.verbose,
            cache=args.cache,
        )
        synthetic_label = (
            f"synthetic {args.witnesses} × {args.words:,} words, seeds "
            f"{args.first_seed}–{args.first_seed + args.seeds - 1}"
        )
        synthetic_claims = [c for r in runs for c in r.claims]
        tables = stemma_real.report(real, [(synthetic_label, synthetic_claims)])
        print(tables)
        if args.write_docs:
            stemma_real.write_docs(tables)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
