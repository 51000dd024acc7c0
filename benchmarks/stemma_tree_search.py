"""The stemma's tree search alone (`collate.stemma.tree.spr_search`) on the trees and
characters `collate stemma` hands it for copies of a poem (`stemma_many_witnesses`).

`record` runs the stemma on each size's copies in pure Python, with the search wrapped
so that each call's starting tree and characters are kept (one file a size: the
tradition and its replicates); `replay` runs the recorded calls with the collate first
on `sys.path` (this checkout, or another with PYTHONPATH), compiled where its build is
current, and prints their CPU seconds and a digest of the trees found with their total
parsimony length, which two checkouts with the same search must print alike.

    python -m benchmarks.stemma_tree_search record --copies 20 50 100 200 --folder DIR
    python -m benchmarks.stemma_tree_search replay --copies 20 50 100 200 --folder DIR [--calls K]
    # another checkout's search: run the file from outside any checkout (`python -m`
    # would put the working directory, a checkout, before PYTHONPATH)
    cd /tmp && PYTHONPATH=OTHER python CHECKOUT/benchmarks/stemma_tree_search.py replay ...
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import sys
import time
from pathlib import Path


class _Enough(Exception):
    pass


def record(count: int, folder: Path, limit: int) -> int:
    """Keep the first `limit` searches of `collate stemma` on `count` copies."""
    os.environ["COLLATE_PURE_PYTHON"] = "1"  # the compiled build would call past the wrapper
    import collate
    import collate.stemma.build as build
    from collate.stemma.tree import Fitch, Tree, copy_tree, spr_search

    from .stemma_many_witnesses import copies

    calls: list[object] = []
    search = spr_search

    def recording(tree: Tree, fitch: Fitch, max_rounds: int = 20) -> Tree:
        chars = fitch.characters
        kept = (chars.count, chars.ones, chars.planes, chars.unknown)
        calls.append((copy_tree(tree), kept, fitch.witnesses))
        if len(calls) >= limit:
            raise _Enough
        return search(tree, fitch, max_rounds)

    vars(build)["spr_search"] = recording  # build calls it by its module-level name
    witnesses = folder / f"copies{count}"
    copies(count, witnesses)
    try:
        collate.run(sorted(witnesses.iterdir()), stemma=True)
    except _Enough:
        pass
    with (folder / f"searches{count}.pickle").open("wb") as stream:
        pickle.dump(calls, stream)
    return len(calls)


def replay(count: int, folder: Path, limit: int) -> tuple[int, float, float, str]:
    """The number of calls replayed, their CPU seconds, the trees' total length, and a
    digest of the trees."""
    from collate.stemma.tree import Characters, Fitch, spr_search

    with (folder / f"searches{count}.pickle").open("rb") as stream:
        calls = pickle.load(stream)[:limit]
    digest = hashlib.sha256()
    total = 0.0
    cpu = 0.0
    for tree, (characters, ones, planes, unknown), witnesses in calls:
        fitch = Fitch(Characters(characters, ones, planes, unknown), witnesses)
        started = time.process_time()
        found = spr_search(tree, fitch)
        cpu += time.process_time() - started
        digest.update(repr(list(found.items())).encode())
        total += fitch.score(found)
    return len(calls), cpu, total, digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["record", "replay"])
    parser.add_argument("--copies", type=int, nargs="+", default=[20, 50, 100])
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--calls", type=int, default=1000, help="at most this many a size")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    if args.mode == "record":
        for count in args.copies:
            print(f"{count:6d} copies: {record(count, args.folder, args.calls)} searches kept")
        return 0
    import collate._native

    print(f"compiled: {collate._native.compiled()}", file=sys.stderr)
    print("copies  calls  search CPU s  total length  trees' digest")
    for count in args.copies:
        calls, cpu, total, digest = replay(count, args.folder, args.calls)
        print(f"{count:6d}  {calls:5d}  {cpu:12.2f}  {total:12.3f}  {digest}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
