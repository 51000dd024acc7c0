"""Checking an apparatus file: against collate's own RELAX NG schema, then the
cross-references no schema language here can express."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from lxml import etree

from .errors import ApparatusFileError
from .xmltools import XML_ID, parse_xml, tei

SCHEMA_NAME = "collate-apparatus.rng"


@functools.cache
def _schema() -> etree.RelaxNG:
    with (resources.files("collate") / "schemas" / SCHEMA_NAME).open("rb") as stream:
        return etree.RelaxNG(etree.parse(stream))


def _reference_problems(document: etree._ElementTree) -> list[str]:
    witnesses = {w.get(XML_ID) for w in document.iter(tei("witness"))}
    problems = []
    for app in document.iter(tei("app")):
        named: list[str] = []
        for rdg in app.iter(tei("rdg")):
            named += [ref.removeprefix("#") for ref in (rdg.get("wit") or "").split()]
        label = f"app {app.get('n')} (line {app.sourceline})"
        unknown = sorted(set(named) - witnesses)
        if unknown:
            problems.append(f"{label}: @wit names unknown witness {unknown[0]!r}")
        elif sorted(named) != sorted(witnesses):
            problems.append(f"{label}: its readings do not name every witness exactly once")
        corresp = app.get("corresp")
        if corresp is not None and not document.xpath(
            "//*[@xml:id=$id]", id=corresp.removeprefix("#")
        ):
            problems.append(f"{label}: @corresp points at nothing")
    return problems


def check_document(document: etree._ElementTree) -> list[str]:
    """Every problem found, one line each; an empty list means the file is valid."""
    schema = _schema()
    if not schema.validate(document):
        return [f"line {e.line}: {e.message}" for e in schema.error_log]
    return _reference_problems(document)


def check_file(path: str | Path) -> list[str]:
    try:
        document = parse_xml(Path(path), str(path))
    except ValueError as error:
        raise ApparatusFileError(str(error)) from None
    return check_document(document)
