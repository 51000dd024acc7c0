"""A stemma written out, one module per format, chosen by name or by the file's ending.

Every module has `render(...) -> bytes`: the stemma formats (`json`, `dot`, `newick`,
`text`) render a `Stemma`; the formats of the evidence it rests on (`nexus`, the
variant locations as a character matrix; `distances`, the witnesses' distances)
render the `Apparatus`. The TEI `<standOff>` graph embedded in the apparatus is
written with the apparatus (`collate.formats.tei`). Every writer depends only on its
input, whose parts are in a fixed order, so the same input always gives the same bytes.
"""

from __future__ import annotations

import importlib
import os

from ...errors import UnknownFormatError
from ...formats import choose_format
from ...lacunae import MARKER
from ...model import Apparatus
from ..model import Stemma
from .dot import to_dot
from .json import from_json, to_json, to_json_data
from .newick import to_newick
from .text import summary

#: The formats, by name, with the file endings that select them.
STEMMA_FORMATS: dict[str, tuple[str, ...]] = {
    "json": (".json",),
    "dot": (".dot", ".gv"),
    "newick": (".nwk", ".newick", ".tre"),
    "text": (".txt",),
    "nexus": (".nex", ".nexus", ".nxs"),
    "distances": (".tsv", ".dist"),
}
#: The formats written from the apparatus rather than the stemma.
FROM_APPARATUS = ("nexus", "distances")


def format_for(path: str | os.PathLike[str], name: str | None = None) -> str:
    """The format named, or the one the file's ending selects."""
    return choose_format(STEMMA_FORMATS, path, name, what="stemma format", parameter=None)


stemma_format_for = format_for


def render(
    stemma: Stemma, name: str, apparatus: Apparatus | None = None, lacuna_marker: str = MARKER
) -> bytes:
    """The stemma (or, for `nexus` and `distances`, the apparatus it was inferred
    from, whose witnesses mark a lacuna by `lacuna_marker`) in the named format."""
    name = format_for("", name)
    module = importlib.import_module(f"{__name__}.{name}")
    if name in FROM_APPARATUS:
        if apparatus is None:
            raise UnknownFormatError(f"the {name} format is written from the apparatus; give it")
        result: bytes = module.render(apparatus, lacuna_marker)
    else:
        result = module.render(stemma)
    return result


def render_stemma(stemma: Stemma, format: str) -> str:
    """`render` as text, for the formats written from the stemma alone."""
    return render(stemma, format).decode("utf-8")


__all__ = [
    "FROM_APPARATUS",
    "STEMMA_FORMATS",
    "format_for",
    "from_json",
    "render",
    "render_stemma",
    "stemma_format_for",
    "summary",
    "to_dot",
    "to_json",
    "to_json_data",
    "to_newick",
]
