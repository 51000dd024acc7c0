"""Transposed locations in the TEI point at each other, both ways, on a real text:
Darwin's chapter 1, where one `<app>` holds two locations moved against two others."""

from __future__ import annotations

import pytest
from lxml import etree

import collate
from collate.xmltools import XML_ID, tei

from .conftest import SHARED

DARWIN = SHARED / "corpora" / "darwin-ch1"


@pytest.mark.skipif(not DARWIN.is_dir(), reason="no shared corpora")
def test_every_transposition_is_linked_both_ways() -> None:
    collation = collate.collate_files([DARWIN])
    root = etree.fromstring(collate.render(collation, "tei"))
    # location number -> the innermost <app> written for it that has an id (one that a
    # joined <app> and a family's reading both hold is identified once, inside)
    holder: dict[int, str] = {}
    links: dict[str, set[str]] = {}
    for app in root.iter(tei("app")):
        if app.get(XML_ID) is None:
            continue
        xml_id = str(app.get(XML_ID))
        links[xml_id] = {ref.removeprefix("#") for ref in (app.get("corresp") or "").split()}
        for number in (app.get("n") or "").split():
            holder[int(number)] = xml_id
    pairs = [
        (v.number, v.transposed_with)
        for v in collation.apparatus.variant_locations
        if v.transposed_with is not None
    ]
    assert pairs
    for one, other in pairs:
        a, b = holder[one], holder[other]
        if a != b:
            assert b in links[a] and a in links[b], (one, other)
    for xml_id, refs in links.items():
        for ref in refs:
            assert xml_id in links[ref], (xml_id, ref)
