"""The TEI body of a long text written in parts, one process each (`collate.parallel`),
joined into the markup one process writes.

The text is cut where `tei_body._widen` may cut it: in the middle of a long shared
text, with words on both sides. A location reaches no further than the nearest shared
words, so each part is planned and written alone, and its markup is the stretch of the
whole text's markup between the two halves of the cut text: the halves, escaped apart,
are the bytes of the whole escaped. What a part names by place (its elements, counted
in document order from its start) is counted on from the elements before it. Where a
part's locations took every word on its side of a cut (`_widen`'s `edges`), or a cut
text holds a lacuna's sign (whose `<gap/>` a cut could split), the text is written in
one process instead: the same markup, only slower.

Only a text of many items is cut: below `PART_ITEMS` items a part costs less to write
than its fork and its markup sent back.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial, reduce
from typing import NamedTuple

from lxml import etree

from ..lacunae import MARKER
from ..model import Apparatus
from ..parallel import output_jobs, own_fraction, split_map
from . import tei_body
from .tei_body import (
    _KEPT,
    _divisions,
    _Item,
    _merged,
    _pieces,
    _restrict,
    _widen,
    _Writer,
)

#: items (shared texts, whitespace, locations) of a part at least
PART_ITEMS = 20_000


class _Written(NamedTuple):
    """A part's markup and what it names by place (counted from the part's start)."""

    markup: str
    elements: int
    #: places of its elements given an empty text while empty (-1: the enclosing one)
    empty_texts: list[int]
    #: whether it wrote anything into the enclosing element
    holds: bool
    element_of: dict[int, int]
    app_ids: dict[int, str]
    #: whether its first and its last piece kept words at the part's ends
    edges: list[bool]


def write_body(
    ab: etree._Element,
    apparatus: Apparatus,
    ids: dict[str, str],
    *,
    wit_start: bool = False,
    base: str | None = None,
    lacuna_marker: str = MARKER,
    jobs: int | None = None,
) -> etree._Element:
    """`tei_body.write_body`, a long text's body written in up to `jobs` processes
    (None: the run's, `collate.parallel.output_jobs`): the same markup for any number."""
    jobs = output_jobs() if jobs is None else jobs
    return tei_body.write_body(
        ab,
        apparatus,
        ids,
        wit_start=wit_start,
        base=base,
        lacuna_marker=lacuna_marker,
        in_parts=partial(write_in_parts, jobs=jobs) if jobs > 1 else None,
    )


def write_in_parts(
    writer: _Writer, items: Sequence[_Item], sigla: tuple[str, ...], jobs: int
) -> bool:
    """`writer.write(items, sigla)` in up to `jobs` parts, one process each; False (and
    nothing written) where the text is too short to cut or a cut would not hold."""
    if jobs <= 1 or len(items) < 2 * PART_ITEMS:
        return False
    restricted = _restrict(items, sigla)
    parts = _parts(restricted, min(jobs, len(restricted) // PART_ITEMS))
    if len(parts) < 2 or any(
        writer.holds_marker(_cut_text(before, after))
        for before, after in zip(parts, parts[1:], strict=False)
    ):
        return False
    found = split_map(partial(_write_part, writer, sigla), parts, jobs)
    # the text's own start and end are no cut: a location may take every word there
    cuts = [found[0].edges[1], *(e for w in found[1:-1] for e in w.edges), found[-1].edges[0]]
    if not all(cuts):
        return False
    _join(writer, found)
    return True


def _parts(items: list[_Item], count: int) -> list[list[_Item]]:
    """The items cut as `_widen` cuts them into pieces (`_pieces`), into `count` parts
    or fewer, first first, of about the shares `collate.parallel.share_ends` gives (this
    process's first); a cut shared text's halves end one and begin the next."""
    if count < 2:
        return [items]
    # this process's part first, then the rest cut for the workers
    first, *rest = _pieces(items, int(len(items) * own_fraction(count)), _KEPT)[::-1]
    if not rest:
        return [items]
    others = reduce(_merged, rest)
    return [first, *_pieces(others, len(others) // (count - 1), _KEPT)[::-1]]


def _cut_text(before: list[_Item], after: list[_Item]) -> str:
    """The shared text cut between two parts, whole again."""
    first, second = before[-1], after[0]
    assert isinstance(first, str) and isinstance(second, str)
    return first + second


def _write_part(writer: _Writer, sigla: tuple[str, ...], part: list[_Item]) -> _Written:
    """One part written as the writer would write it, by a writer of its own."""
    own = _Writer(writer.ids, writer.base, writer.lines, writer.marker, writer.spacing)
    edges: list[bool] = []
    own.write_planned(_divisions(_widen(part, sigla, own.spacing, edges=edges)))
    markup = own.markup
    return _Written(
        "".join(markup.pieces),
        markup.elements,
        markup.empty_texts,
        bool(markup.open[0][1]),
        own.element_of,
        own.app_ids,
        edges,
    )


def _join(writer: _Writer, parts: Sequence[_Written]) -> None:
    """The parts' markup into the writer's, their places counted on."""
    markup = writer.markup
    for part in parts:
        offset = markup.elements
        markup.pieces.append(part.markup)
        for place in part.empty_texts:
            # the enclosing element's empty text, only while nothing is written in it
            if place >= 0 or not markup.open[0][1]:
                markup.empty_texts.append(place + offset if place >= 0 else place)
        markup.elements += part.elements
        if part.holds:
            markup.open[0][1] = 1
        for number, place in part.element_of.items():
            writer.element_of[number] = place + offset
        for place, xml_id in part.app_ids.items():
            writer.app_ids[place + offset] = xml_id
