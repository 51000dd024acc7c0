"""The witness list: each witness's sizes, singular readings and gaps, and how far each
pair agrees."""

from __future__ import annotations

from lxml import etree

from ...figures import location_agreement, token_agreement, witness_figures
from ...model import Collation
from .tree import el, section, table


def witness_list(parent: etree._Element, collation: Collation) -> None:
    box = el(section(parent, "witnesses", "Witnesses"), "div", None, {"class": "figures"})
    el(el(box, "div"), "h3", "Sizes", {"id": "sizes-h"})
    body = table(
        box[-1],
        "witness-list",
        ("Siglum", "Source", "Bytes", "Characters", "Tokens", "Date", "Singular readings", "Gaps"),
    )
    for figures in witness_figures(collation):
        row = el(body, "tr")
        el(row, "th", figures.siglum, {"scope": "row", "class": "siglum"})
        el(row, "td", figures.source)
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
    _agreement_table(el(box, "div"), collation)


def _agreement_table(parent: etree._Element, collation: Collation) -> None:
    sigla = collation.apparatus.sigla
    tokens = token_agreement(collation)
    locations = location_agreement(collation.apparatus)
    total = len(collation.apparatus.variant_locations)
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
            pair = (min(a, b), max(a, b))
            share = tokens[pair]
            cell = el(
                row, "td", f"{100 * share:.1f}\u202f%", {"class": f"num a{min(9, int(share * 10))}"}
            )
            el(cell, "br")
            el(cell, "span", f"{locations[pair]:,}/{total:,} loc.", {"class": "note"})
    el(
        body.getparent(),
        "caption",
        "The share of two witnesses' tokens that the alignment "
        "finds identical (up to normalisation); below, the variant locations where they "
        "read alike.",
    )
