"""Two witnesses against each other: pick any two and see where they differ. The
script reads the readings from the alignment table, so the page carries no pairwise
data (a thousand witnesses would make half a million pairs)."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .tree import el


def pair_view(parent: etree._Element, sigla: Sequence[str]) -> None:
    el(parent, "p", "This view needs the page's script.", {"class": "note no-script"})
    form = el(parent, "form", None, {"id": "pair-form", "class": "needs-script", "hidden": ""})
    for n, name in enumerate(("First witness", "Second witness")):
        label = el(form, "label", name + " ")
        choice = el(label, "select", None, {"id": f"pair-{n}"})
        for index, siglum in enumerate(sigla):
            attrs = {"value": str(index)}
            if index == min(n, len(sigla) - 1):
                attrs["selected"] = ""
            el(choice, "option", siglum, attrs)
    el(parent, "div", None, {"id": "pair-result", "aria-live": "polite"})
