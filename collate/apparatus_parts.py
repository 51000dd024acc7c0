"""The apparatus built in stretches, one process each, joined into the one a single
process builds.

The text is cut only inside shared text, between two words after which every witness
writes the same whitespace: there the builder of `collate.apparatus` carries nothing
from one side to the other (no whitespace of one witness pending, no location open),
so each stretch is built alone and the pieces join exactly: the shared text on either
side of a cut is one `SharedText`, and the locations after a cut are numbered on from
those before it.

A run (`collate.pipeline`) builds the apparatus in one process all the same: only the
segments split, not the grid and units before them, and a stretch's segments come back
as objects that take as long to read back as to make, so a second process saved the
main process nothing on the *Origin* (benchmarks/README.md, "processes, balanced").
This is what `build_apparatus(..., jobs=N)` does when a caller asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .apparatus_grid import SHARED
from .apparatus_grid import Run as Unit
from .model import Alignment, Segment, SharedText, Spacing, VariantLocation
from .parallel import split_map


def build_in_parts(
    alignment: Alignment,
    units: Sequence[Unit],
    build: Callable[[Sequence[Unit]], list[Segment]],
    jobs: int,
) -> list[Segment]:
    """The segments of `units`, built by `build` (`collate.apparatus.segments_of`) in
    up to `jobs` stretches in as many processes."""
    return join(split_map(build, stretches(alignment, units, jobs), jobs))


def stretches(alignment: Alignment, units: Sequence[Unit], count: int) -> list[list[Unit]]:
    """`units` in up to `count` stretches of about as many units each, cut inside shared
    text where every witness has the same whitespace after a word (see the module's
    docstring); fewer where there is no such place."""
    parts: list[list[Unit]] = []
    taken = 0  # units before this index are in `parts`
    rest: list[Unit] = []  # the second half of a unit cut, which opens the next part
    for k in range(1, count):
        index = max(taken, len(units) * k // count)
        cut = _next_cut(alignment, units, index)
        if cut is None:
            break
        at, column = cut
        kind, start, stop = units[at]
        parts.append([*rest, *units[taken:at], (kind, start, column)])
        rest, taken = [(kind, column, stop)], at + 1
    parts.append([*rest, *units[taken:]])
    return parts


def _next_cut(alignment: Alignment, units: Sequence[Unit], index: int) -> tuple[int, int] | None:
    """The first place at or after unit `index` to cut: the unit, and the column that
    opens the second half."""
    witnesses = [w.tokens for w in alignment.witnesses]
    columns = alignment.columns
    for at in range(index, len(units)):
        kind, start, stop = units[at]
        if kind != SHARED:
            continue
        for column in range(start + 1, stop):
            # every witness has a token in a shared column: none of the cells is None
            cells: Sequence[int] = columns[column - 1]  # type: ignore[assignment]
            spaces = {
                tokens[cell].whitespace for tokens, cell in zip(witnesses, cells, strict=True)
            }
            if len(spaces) == 1:
                return at, column
    return None


def join(pieces: Sequence[Sequence[Segment]]) -> list[Segment]:
    """The segments of consecutive stretches as one sequence: the shared texts either
    side of each cut joined, the locations numbered on."""
    joined: list[Segment] = list(pieces[0]) if pieces else []
    count = sum(isinstance(s, VariantLocation) for s in joined)
    for piece in pieces[1:]:
        last, first = joined[-1], piece[0]
        assert isinstance(last, SharedText) and isinstance(first, SharedText)
        joined[-1] = _shared_texts(last, first)
        for segment in piece[1:]:
            if isinstance(segment, VariantLocation):
                count += 1
                segment = VariantLocation(
                    count, segment.columns, segment.groups, segment.type, segment.transposed_with
                )
            joined.append(segment)
    return joined


def _shared_texts(first: SharedText, second: SharedText) -> SharedText:
    shift = len(first.text)
    moved = (Spacing(s.offset + shift, s.length, s.others) for s in second.spacing)
    return SharedText(first.text + second.text, (*first.spacing, *moved))
