"""Each witness's text as the report lays it out: shared text and its readings at the
variant locations, in turn, computed in one pass over the apparatus.

Asking each variant location for each witness's reading (`reading_of`) scans its
readings every time, which for a thousand witnesses costs a million scans; here each
location is read once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...lacunae import MARKER, only_signs
from ...model import Apparatus, SharedText, VariantLocation


@dataclass(frozen=True)
class Pieces:
    """The variant locations in order, and per siglum its 2n+1 pieces of text: the
    shared text before location 1, its reading there, the shared text after it, and so
    on (each as the witness writes it, its own whitespace included)."""

    locations: tuple[VariantLocation, ...]
    of: dict[str, list[str]]
    #: per siglum, the variant locations (by number) where it lacks the text, and why
    #: (`collate.lacunae.absences`): a lacuna or a fragment's end, no omission
    absent: dict[str, dict[int, str]] = field(default_factory=dict)
    #: the witnesses' sign of a lacuna: a reading of nothing else stands for the text
    #: the witness lacks beside it (`collate.lacunae.only_signs`)
    marker: str = MARKER

    def is_sign(self, siglum: str, index: int) -> bool:
        """Whether the witness's reading at the index-th location is a lacuna's sign."""
        return only_signs(self.reading(siglum, index), self.marker)

    def lacks(self, siglum: str, index: int) -> str | None:
        """Why the witness has no text at the index-th location, if it lacks it."""
        return self.absent.get(siglum, {}).get(self.locations[index].number)

    def reading(self, siglum: str, index: int) -> str:
        """The witness's reading at the index-th variant location (from 0)."""
        return self.of[siglum][2 * index + 1]


def witness_pieces(
    apparatus: Apparatus,
    absent: dict[str, dict[int, str]] | None = None,
    marker: str = MARKER,
) -> Pieces:
    sigla = apparatus.sigla
    of: dict[str, list[str]] = {siglum: [""] for siglum in sigla}
    locations: list[VariantLocation] = []
    for segment in apparatus.segments:
        if isinstance(segment, SharedText):
            for siglum, text in _shared_texts(segment, sigla).items():
                of[siglum][-1] += text
            continue
        locations.append(segment)
        for reading in segment.readings:
            for siglum in reading.sigla:
                of[siglum] += (reading.text, "")
    return Pieces(tuple(locations), of, absent or {}, marker)


def _shared_texts(segment: SharedText, sigla: tuple[str, ...]) -> dict[str, str]:
    """The shared text as each witness writes it: the common text, but where a witness
    has whitespace of its own (one pass over the spacing, not one per witness)."""
    own: dict[str, list[tuple[int, int, str]]] = {}
    for point in segment.spacing:
        for group, whitespace in point.others:
            for siglum in group:
                own.setdefault(siglum, []).append((point.offset, point.length, whitespace))
    texts = dict.fromkeys(sigla, segment.text)
    for siglum, changes in own.items():
        parts: list[str] = []
        start = 0
        for offset, length, whitespace in changes:
            parts += (segment.text[start:offset], whitespace)
            start = offset + length
        parts.append(segment.text[start:])
        texts[siglum] = "".join(parts)
    return texts
