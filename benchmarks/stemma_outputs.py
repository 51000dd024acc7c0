"""Every file `collate stemma` writes, for each real tradition, into one folder: run it
with two checkouts' Pythons and `diff -r` the folders to see that a change kept the
stemma byte for byte. It imports nothing but `collate`, so an older checkout that lacks
this file runs it from this one (the seeds are those of the `collate` imported):

    python benchmarks/stemma_outputs.py /tmp/new            # all 84 traditions
    /tmp/old/.venv/bin/python benchmarks/stemma_outputs.py /tmp/old-out
    diff -r /tmp/old-out /tmp/new

The traditions: the seeds, Darwin's chapter 1 (without dates, and with each edition's
year as its date through a metadata file), the 80 Wikipedia histories, and Darwin's
three editions (`--only darwin` for those alone, `--only small` for all but them).
Per tradition: the stemma as JSON, text, DOT and Newick, the distance matrix, and the
NEXUS matrix as `collate stemma -o x.nex` writes it (a run of its own: it is written
from the apparatus). Each run is `collate.run(..., stemma=True, jobs=1)`, as the
command makes it (`only_stemma=True` where the checkout has it).
"""

from __future__ import annotations

import argparse
import gc
import inspect
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from collate import pipeline, render_stemma
from collate.stemma.formats import render

#: the checkout of the `collate` imported, and the shared corpora beside it (or
#: $COLLATE_SHARED), as `benchmarks.cases` finds them
ROOT = Path(pipeline.__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COLLATE_SHARED") or ROOT.parent / "shared")

_YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")


def _traditions(only: str, dates: Path) -> list[tuple[str, list[Path], list[Path]]]:
    """(name, inputs, metadata files) of each tradition asked for."""
    corpora = SHARED / "corpora"
    found: list[tuple[str, list[Path], list[Path]]] = []
    if only in ("all", "small"):
        found.append(("seeds", [ROOT / "seeds"], []))
        found.append(("darwin-ch1", [corpora / "darwin-ch1"], []))
        found.append(("darwin-ch1-dated", [corpora / "darwin-ch1"], [dates]))
        for folder in sorted((corpora / "wikipedia-versions").glob("*/witnesses")):
            found.append((f"wiki-{folder.parent.name}", [folder], []))
    if only in ("all", "darwin"):
        found.append(("darwin-origin", [corpora / "darwin-origin"], []))
    return found


def write_outputs(out: Path, only: str = "all") -> int:
    """Write every tradition's files into `out`; returns how many traditions."""
    out.mkdir(parents=True, exist_ok=True)
    extra: dict[str, Any] = (
        {"only_stemma": True} if "only_stemma" in inspect.signature(pipeline.run).parameters else {}
    )
    with tempfile.TemporaryDirectory() as scratch:
        dates = Path(scratch) / "dates.csv"
        dates.write_text("siglum,date\n" + "".join(f"{y},{y}\n" for y in _YEARS), "utf-8")
        traditions = _traditions(only, dates)
        for name, inputs, metadata in traditions:
            collation = pipeline.run(inputs, stemma=True, jobs=1, metadata=metadata, **extra)
            assert collation.stemma is not None
            for format in ("json", "text", "dot", "newick"):
                (out / f"{name}.{format}").write_text(
                    render_stemma(collation.stemma, format), "utf-8"
                )
            marker = collation.edition.lacuna_marker
            distances = render(collation.stemma, "distances", collation.apparatus, marker)
            (out / f"{name}.distances").write_bytes(distances)
            nexus = out / f"{name}.nex"
            pipeline.run(
                inputs, stemma=True, stemma_output=nexus, jobs=1, metadata=metadata, **extra
            )
    return len(traditions)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write into")
    parser.add_argument("--only", choices=("all", "small", "darwin"), default="all")
    args = parser.parse_args(argv)
    # many traditions in one process: collect rarely, as a corpus task does (the
    # collector does not change what is written)
    gc.set_threshold(100_000, 50, 50)
    print(f"{write_outputs(args.out, args.only)} traditions written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
