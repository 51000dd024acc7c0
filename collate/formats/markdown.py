"""The lemma ] variants apparatus in Markdown: the base text with a footnote at each
variant location (see `collate.formats.lemma`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Collation
from .lemma import markdown_chunks


def chunks(collation: Collation) -> Iterator[str]:
    return markdown_chunks(collation)


def write(collation: Collation) -> bytes:
    return "".join(chunks(collation)).encode("utf-8")
