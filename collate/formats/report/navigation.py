"""The reading view's tools: go to a variant location or to a line of a witness, and
search the witnesses' texts (normalised or exact). The script does the work; without
it the forms stay hidden."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .tree import append_text, el


def _labelled(parent: etree._Element, text: str, tag: str, attrs: dict[str, str]) -> etree._Element:
    label = el(parent, "label", text + " ")
    return el(label, tag, None, attrs)


def tools(parent: etree._Element, sigla: Sequence[str]) -> None:
    box = el(parent, "div", None, {"class": "tools needs-script", "hidden": ""})
    goto = el(box, "form", None, {"id": "goto", "role": "search", "aria-label": "Go to"})
    where = _labelled(goto, "Go to", "select", {"id": "goto-in"})
    el(where, "option", "variant location", {"value": ""})
    for siglum in sigla:
        el(where, "option", f"line of {siglum}", {"value": siglum})
    el(
        goto,
        "input",
        None,
        {
            "id": "goto-n",
            "type": "number",
            "min": "1",
            "aria-label": "Number",
            "size": "7",
            "required": "",
        },
    )
    el(goto, "button", "Go", {"type": "submit"})
    search = el(box, "form", None, {"id": "search", "role": "search", "aria-label": "Search"})
    _labelled(
        search,
        "Search",
        "input",
        {"id": "search-q", "type": "search", "size": "24", "required": ""},
    )
    within = _labelled(search, "in", "select", {"id": "search-in"})
    el(within, "option", "every witness", {"value": ""})
    for siglum in sigla:
        el(within, "option", siglum, {"value": siglum})
    exact = el(search, "label")
    el(exact, "input", None, {"id": "search-exact", "type": "checkbox"})
    append_text(exact, " exact (else ignoring case and punctuation)")
    el(search, "button", "Find", {"type": "submit"})
    el(box, "p", None, {"id": "goto-status", "class": "note", "aria-live": "polite"})
    el(box, "div", None, {"id": "search-results", "aria-live": "polite"})
