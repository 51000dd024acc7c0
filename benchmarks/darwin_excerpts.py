"""Excerpts and acephalous fragments inside Darwin's chain of revisions.

Chapter 1 of the six editions of the *Origin* (`../shared/corpora/darwin-ch1`, or the
folder $COLLATE_SHARED names) is the chain 1859 -> 1860 -> 1861 -> 1866 -> 1869 -> 1872.
Each case cuts one edition, as plain text with nothing marking what it lost, and keeps
the other five whole: to its last 55% (a fragment that lost its beginning), or to a few
paragraphs (an excerpt, by line numbers of its file). Each is run twice: with nothing
said of the cut edition, and with `extent` `fragment` or `excerpt` given for it in a
`witnesses.csv` beside the witnesses. A case is exact when the stemma's edges are the
five of the true chain, no more.

    python -m benchmarks.darwin_excerpts
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import collate
from collate.stemma import infer_stemma

from .cases import SHARED

DARWIN = SHARED / "corpora" / "darwin-ch1"
YEARS = ("1859", "1860", "1861", "1866", "1869", "1872")
TRUE_EDGES = frozenset(zip(YEARS, YEARS[1:], strict=False))


class Case(NamedTuple):
    edition: str
    #: lines kept (first, last; 1-based, inclusive), or None: the last 55% of the text
    lines: tuple[int, int] | None

    @property
    def extent(self) -> str:
        return "fragment" if self.lines is None else "excerpt"

    def __str__(self) -> str:
        kept = "last 55%" if self.lines is None else f"lines {self.lines[0]}-{self.lines[1]}"
        return f"{self.edition} {kept}"


CASES = (
    Case("1861", None),
    Case("1869", None),
    Case("1866", (40, 80)),
    Case("1866", (20, 40)),
    Case("1861", (5, 25)),
    Case("1866", (60, 85)),
    Case("1869", (5, 25)),
    Case("1860", (30, 70)),
)


def cut(text: str, case: Case) -> str:
    if case.lines is None:
        return text[int(len(text) * 0.45) :]
    first, last = case.lines
    return "".join(text.splitlines(keepends=True)[first - 1 : last])


def write_case(folder: Path, case: Case, declared: bool, source: Path = DARWIN) -> None:
    for path in sorted(source.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.stem == case.edition:
            text = cut(text, case)
        (folder / path.name).write_text(text, encoding="utf-8")
    if declared:
        (folder / "witnesses.csv").write_text(
            f"siglum,extent\n{case.edition},{case.extent}\n", encoding="utf-8"
        )


def edges_of(case: Case, declared: bool) -> tuple[frozenset[tuple[str, str]], str | None]:
    """The stemma's edges, and what its node says of the cut edition."""
    with tempfile.TemporaryDirectory() as folder:
        write_case(Path(folder), case, declared)
        stemma = infer_stemma(collate.collate_files([folder]).apparatus)
    note = next((n.fragment for n in stemma.nodes if n.id == case.edition), None)
    return frozenset((e.source, e.target) for e in stemma.edges), note


def main() -> int:
    if not DARWIN.is_dir():
        print(f"no Darwin corpus at {DARWIN} (set COLLATE_SHARED)", file=sys.stderr)
        return 1
    exact = {False: 0, True: 0}
    for case in CASES:
        for declared in (False, True):
            start = time.perf_counter()
            edges, note = edges_of(case, declared)
            right = edges == TRUE_EDGES
            exact[declared] += right
            wrong = sorted(edges - TRUE_EDGES)
            said = f"{case.extent} declared" if declared else "nothing declared"
            print(
                f"{case!s:20} {said:20} {'exact' if right else 'WRONG'}"
                f"{'' if right else ' ' + ', '.join(f'{a}->{b}' for a, b in wrong)}"
                f"  ({time.perf_counter() - start:.0f} s)"
            )
            print(f"    {note or 'no fragment found'}")
    for declared in (False, True):
        said = "extent declared" if declared else "nothing declared"
        print(f"{said}: {exact[declared]} of {len(CASES)} exact")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
