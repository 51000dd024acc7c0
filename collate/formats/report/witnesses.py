"""The witness list: each witness's sizes, singular readings and gaps, and how far each
pair agrees.

Agreement in readings and shared absence are counted apart: two witnesses that both lack
a passage have not read it alike. With many witnesses the full matrix (a million cells
for a thousand) is not drawn; each witness's nearest witnesses are listed instead, and
the two-witness view compares any pair.
"""

from __future__ import annotations

import numpy as np
from lxml import etree

from ...figures import PairFigures, pair_figures, witness_figures
from ...model import Collation
from .tree import el, section, table

#: the most witnesses whose agreement is drawn as a full matrix
MATRIX_LIMIT = 30
#: how many nearest witnesses are listed for each witness beyond that
NEAREST = 3


def witness_list(
    parent: etree._Element,
    collation: Collation,
    absent: dict[str, dict[int, str]] | None = None,
) -> None:
    """`absent`: the apparatus's `collate.absences.absences`, if the caller has them."""
    box = el(section(parent, "witnesses", "Witnesses"), "div", None, {"class": "figures"})
    el(el(box, "div"), "h3", "Sizes", {"id": "sizes-h"})
    body = table(
        box[-1],
        "witness-list",
        ("Siglum", "Source", "Bytes", "Characters", "Tokens", "Date", "Singular readings", "Gaps"),
    )
    descriptions = {w.siglum: w.description for w in collation.witnesses}
    for figures in witness_figures(collation, absent):
        row = el(body, "tr")
        el(row, "th", figures.siglum, {"scope": "row", "class": "siglum"})
        source = el(row, "td", figures.source)
        if descriptions.get(figures.siglum):  # the editor's words for it, under its file
            el(source, "div", descriptions[figures.siglum], {"class": "description"})
        for number in (figures.size, figures.characters, figures.tokens):
            el(row, "td", f"{number:,}", {"class": "num"})
        el(row, "td", figures.date)
        for number in (figures.singular, figures.gaps):
            el(row, "td", f"{number:,}", {"class": "num"})
    el(
        body.getparent(),
        "caption",
        "Singular readings: variant locations where no other "
        "witness reads alike. Gaps: variant locations where the witness has no text.",
    )
    body.getparent().set("aria-labelledby", "sizes-h")
    pairs = pair_figures(collation)
    if len(pairs.sigla) <= MATRIX_LIMIT:
        _agreement_table(el(box, "div"), pairs)
    else:
        _nearest_table(el(box, "div"), pairs)


def _share(cell: etree._Element, share: float) -> None:
    cell.text = f"{100 * share:.1f}\u202f%"
    cell.set("class", f"num a{min(9, int(share * 10))}")


def _agreement_table(parent: etree._Element, pairs: PairFigures) -> None:
    sigla = pairs.sigla
    el(parent, "h3", "Agreement", {"id": "agreement-h"})
    body = table(parent, "agreement", ("", *sigla))
    body.getparent().set("aria-labelledby", "agreement-h")
    for a, siglum in enumerate(sigla):
        row = el(body, "tr")
        el(row, "th", siglum, {"scope": "row", "class": "siglum"})
        for b in range(len(sigla)):
            if a == b:
                el(row, "td", "\u2014", {"class": "num self"})
                continue
            cell = el(row, "td")
            _share(cell, float(pairs.tokens[a, b]))
            el(cell, "br")
            alike, absent = int(pairs.alike[a, b]), int(pairs.absent[a, b])
            el(
                cell,
                "span",
                f"{alike:,} alike \u00b7 {absent:,} both om. / {pairs.locations:,}",
                {
                    "class": "note",
                    "title": f"of {pairs.locations:,} variant locations, {alike:,} where "
                    f"both read alike and {absent:,} where neither has text",
                },
            )
    el(
        body.getparent(),
        "caption",
        "Top: the share of two witnesses' tokens that the alignment finds identical (up "
        "to normalisation). Below: of all variant locations, those where both have text "
        "and read alike, and those where neither has text (a shared omission, counted "
        "apart from agreement in a reading).",
    )


def _nearest_table(parent: etree._Element, pairs: PairFigures) -> None:
    sigla = pairs.sigla
    el(parent, "h3", "Nearest witnesses", {"id": "agreement-h"})
    headings = ["Siglum"] + [f"{n + 1}." for n in range(NEAREST)]
    body = table(parent, "nearest", headings)
    body.getparent().set("aria-labelledby", "agreement-h")
    shares = pairs.tokens.copy()
    np.fill_diagonal(shares, -1.0)
    # the highest shares first; among equal shares the earlier witness (a stable sort)
    order = np.argsort(-shares, axis=1, kind="stable")[:, :NEAREST]
    for a, siglum in enumerate(sigla):
        row = el(body, "tr")
        el(row, "th", siglum, {"scope": "row", "class": "siglum"})
        for b in order[a]:
            cell = el(row, "td")
            el(cell, "span", sigla[int(b)], {"class": "siglum"})
            el(cell, "br")
            el(cell, "span", f"{100 * float(pairs.tokens[a, b]):.1f}\u202f%", {"class": "note"})
    el(
        body.getparent(),
        "caption",
        f"With {len(sigla):,} witnesses the full agreement matrix is not drawn: for each "
        f"witness, the {NEAREST} witnesses sharing the largest share of its tokens "
        "(the two-witness view compares any pair).",
    )
