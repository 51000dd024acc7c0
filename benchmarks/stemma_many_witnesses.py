"""`collate stemma` on many short witnesses: copies of a poem of 81 words, each with
six slips of a copyist (a letter added, a word dropped, a word in capitals; seeded), by
the number of copies: how the whole command's CPU grows with the witness count.

Each size's copies are written to a folder and `collate stemma FOLDER -o stemma.json`
runs on them as a user runs it (a child process; its CPU seconds and peak memory from
the operating system). With `--baseline DIR` (another checkout of collate) that
checkout's command runs on the same folder in turn with this one, and the two stemmata
must be the same bytes.

    python -m benchmarks.stemma_many_witnesses [--copies 20 50 100] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

POEM = (
    "Whose woods these are I think I know his house is in the village though he will "
    "not see me stopping here to watch his woods fill up with snow my little horse must "
    "think it queer to stop without a farmhouse near between the woods and frozen lake "
    "the darkest evening of the year he gives his harness bells a shake to ask if there "
    "is some mistake the only other sound the sweep of easy wind and downy flake"
)
#: slips per copy
SLIPS = 6


def copies(count: int, folder: Path, seed: int = 0) -> list[dict[int, str | None]]:
    """`count` copies of the poem, each with `SLIPS` slips at places of its own: a
    letter added (40%), the word dropped (30%) or put in capitals (30%). Per copy, its
    slips: the poem's word number and what the copy reads there (None: dropped)."""
    rng = random.Random(f"{seed}:{count}")
    words = POEM.split()
    folder.mkdir(parents=True, exist_ok=True)
    slipped = []
    for number in range(count):
        copy = list(words)
        slips: dict[int, str | None] = {}
        for place in sorted(rng.sample(range(len(copy)), SLIPS), reverse=True):
            draw = rng.random()
            if draw < 0.4:
                copy[place] += "e"
                slips[place] = copy[place]
            elif draw < 0.7:
                del copy[place]
                slips[place] = None
            else:
                copy[place] = copy[place].upper()
                slips[place] = copy[place]
        slipped.append(dict(sorted(slips.items())))
        (folder / f"w{number:03d}.txt").write_text(" ".join(copy) + "\n", encoding="utf-8")
    return slipped


#: this checkout
ROOT = Path(__file__).resolve().parents[1]


def run(checkout: Path | None, folder: Path, output: Path) -> tuple[float, int]:
    """CPU seconds and peak memory (KiB) of `collate stemma` on the folder, from this
    checkout or `checkout`. The child runs in the folder's parent: `python -m` puts
    its working directory before PYTHONPATH, and run from a checkout it would import
    that checkout's collate whatever `checkout` is."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(ROOT if checkout is None else checkout)
    command = [sys.executable, "-m", "collate", "stemma", str(folder), "-o", str(output), "-q"]
    child = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, cwd=folder.parent)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"collate stemma failed on {folder} ({child.returncode})")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[20, 50, 100])
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    args = parser.parse_args(argv)
    header = "copies  stemma CPU s  peak MiB"
    print(header + ("  baseline CPU s  this/baseline" if args.baseline else ""))
    with tempfile.TemporaryDirectory() as scratch:
        for count in args.copies:
            folder = Path(scratch) / f"copies{count}"
            copies(count, folder)
            cpu, peak = run(None, folder, Path(scratch) / "this.json")
            line = f"{count:6d}  {cpu:12.1f}  {peak / 1024:8.0f}"
            if args.baseline is not None:
                old, _ = run(args.baseline.resolve(), folder, Path(scratch) / "old.json")
                same = (Path(scratch) / "this.json").read_bytes() == (
                    Path(scratch) / "old.json"
                ).read_bytes()
                if not same:
                    raise SystemExit(f"{count} copies: the stemmata differ")
                line += f"  {old:14.1f}  {cpu / old:13.3f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
