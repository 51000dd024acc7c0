"""Kinds of variation, as the report marks them: the class of a variant location's
mark, its anchor, and the legend that counts (and lets a reader hide) each kind.

The kinds are the TEI apparatus's own `@type` values, one for one, so that the legend's
counts are the counts of `<app type="...">` in the TEI written from the same collation.
"""

from __future__ import annotations

from lxml import etree

from ...model import Apparatus, VariantLocation
from .tree import el

#: what the legend calls each location type (the TEI's @type), in the legend's order
KIND_LABELS: dict[str, str] = {
    "substantive": "substantive",
    "orthographic": "orthographic (spelling)",
    "punctuation": "punctuation",
    "case": "case",
    "omission": "omission / addition",
    "transposition": "transposition",
    "whitespace": "whitespace and line breaks",
    "encoding": "encoding only (composed / decomposed letters)",
    "lacuna": "lacuna (a witness's text lost)",
}
#: location type -> the kind the report marks it as (one for one, kept as a mapping for
#: readers of the report's classes)
KIND_OF: dict[str, str] = {kind: kind for kind in KIND_LABELS}


def anchor(number: int) -> str:
    """The id of a variant location's row, which its marks link to."""
    return f"app{number}"


def mark_class(location: VariantLocation) -> str:
    """The kind of variation, and how divided the witnesses are: h1 for two groups of
    readings, up to h3 for four or more."""
    return f"k-{KIND_OF[location.type]} h{min(3, max(1, len(location.groups) - 1))}"


def kind_counts(apparatus: Apparatus) -> dict[str, int]:
    """How many variant locations there are of each kind, every kind listed."""
    counts = dict.fromkeys(KIND_LABELS, 0)
    for location in apparatus.variant_locations:
        counts[KIND_OF[location.type]] += 1
    return counts


def legend(parent: etree._Element, apparatus: Apparatus) -> None:
    counts = kind_counts(apparatus)
    fieldset = el(parent, "fieldset", None, {"class": "legend"})
    el(fieldset, "legend", "Variant locations by kind (uncheck to hide)")
    items = el(fieldset, "ul", None, {"class": "legend-list"})
    for kind, label in KIND_LABELS.items():
        item = el(el(items, "li"), "label")
        box = el(
            item,
            "input",
            None,
            {
                "type": "checkbox",
                "checked": "",
                "data-kind": kind,
                "class": "needs-script",
                "hidden": "",
            },
        )
        box.tail = " "
        swatch = el(item, "span", None, {"class": f"swatch k-{kind}", "aria-hidden": "true"})
        swatch.tail = f" {label}: {counts[kind]:,}"
