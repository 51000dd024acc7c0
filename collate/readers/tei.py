"""TEI input: a transcription (one witness, its text taken from the body) or a
parallel-segmentation apparatus (every witness in its `listWit`, read back by the
lossless rule, so an apparatus, ours or another tool's, can be collated again, with
each witness's structure and breaks: `apparatus_structure`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from ..dates import check_date
from ..digests import sha256_hex
from ..errors import ApparatusFileError, WitnessError
from ..lacunae import (
    LACUNA_END,
    MARKER,
    MILESTONE_UNIT,
    TranscribedLacuna,
    close_spans,
    extent,
    is_transcribed_lacuna,
)
from ..model import Milestone, Witness
from ..xmltools import XML_SPACE, parse_xml, root_problem, tei
from .apparatus import (
    source_bytes,
    source_encoding,
    source_sha256,
    witness_details,
    witness_siglum,
    witness_text,
)
from .apparatus_structure import implied_by_text, witness_milestones

#: elements that end a line of the transcription (not `quote`: inline in a sentence, it
#: breaks no line, and a block quotation's own `p` or `l` end theirs)
_BLOCKS = frozenset(
    tei(n)
    for n in (
        "p",
        "l",
        "head",
        "ab",
        "div",
        "lg",
        "item",
        "list",
        "row",
        "sp",
        "trailer",
        "closer",
        "opener",
        "salute",
        "signed",
        "dateline",
        "byline",
    )
)
#: the blocks that hold a line of text (not those that hold blocks: div, lg, list)
_LINES_OF_TEXT = frozenset(
    tei(n)
    for n in (
        "p l head ab item trailer closer opener salute signed dateline byline cell label note"
    ).split()
)
#: page, column and line breaks: kept as the witness's milestones, adding no text
_BREAKS = frozenset((tei("pb"), tei("cb"), tei("lb")))
#: the structure kept as the witness's milestones, where each element begins
_STRUCTURE = frozenset(tei(n) for n in ("div", "head", "p", "l", "lg"))
#: elements whose text is not part of the witness's reading text
_SKIPPED = frozenset(tei(n) for n in ("note", "del", "fw", "figDesc", "teiHeader", "surplus"))
#: in a <choice>, the reading text takes the corrected, regularised and expanded form
#: editorial supply: the transcriber's text, not the witness's (`_supplied`)
_SUPPLIED = tei("supplied")
_CHOICE_PREFERENCE = tuple(tei(n) for n in ("corr", "reg", "expan"))
_LINE = "\n"


def _choose(choice: etree._Element) -> etree._Element | None:
    children = [c for c in choice if isinstance(c.tag, str)]
    for preferred in _CHOICE_PREFERENCE:
        for child in children:
            if child.tag == preferred:
                return child
    return children[0] if children else None


class _End:
    """Where a division, head, paragraph, line group or verse line ends."""

    def __init__(self, element: etree._Element) -> None:
        self.element = element


_Piece: TypeAlias = tuple[str, bool] | etree._Element | TranscribedLacuna | _End


def _pieces(element: etree._Element, preserve: bool) -> Iterator[_Piece]:
    """(text, is_preserved) pieces in reading order; block ends yield a line break; a
    page, column or line break (`pb`, `cb`, `lb`) and the start of a division, head,
    paragraph, line group or verse line are yielded as the element itself, its end as
    an `_End`: they add no text (but a line break its line feed)."""
    preserve = {"preserve": True, "default": False}.get(element.get(XML_SPACE) or "", preserve)
    if element.tag in _BREAKS:
        yield element
        if element.tag == tei("lb") and element.get("break") != "no":
            yield _LINE, True
        return
    if is_transcribed_lacuna(element):
        yield from _lacuna(element)
        return
    if element.tag == _SUPPLIED:
        yield from _supplied(element)
        return
    if element.tag == LACUNA_END:
        yield element  # where a lacunaStart's span ends (`collate.lacunae.close_spans`)
        return
    if element.tag == tei("choice"):
        chosen = _choose(element)
        if chosen is not None:
            yield from _pieces(chosen, preserve)
        return
    if element.tag in _STRUCTURE:
        yield element  # where a division, paragraph or verse line begins
    if element.text:
        yield element.text, preserve
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIPPED:
            yield from _pieces(child, preserve)
        if child.tail:
            yield child.tail, preserve
    if element.tag in _STRUCTURE:
        yield _End(element)
    if element.tag in _BLOCKS:
        yield _LINE, True


def _lacuna(element: etree._Element, label: str | None = None) -> Iterator[_Piece]:
    """Missing text, as the marker (`collate.lacunae`), after the lacuna itself (which
    `transcription_milestones` records with its extent). The marker stands where the
    lacuna does, with the transcription's own spacing around it: inside a word
    ("ri<gap/>n") it adds no space or line break that would split the word in two;
    between blocks (a lost paragraph or verse line) it is a line of its own."""
    between_blocks = not any(a.tag in _LINES_OF_TEXT for a in element.iterancestors())
    if between_blocks:  # a lost paragraph or verse line: a line of its own
        yield _LINE, True
    yield TranscribedLacuna(element, label or extent(element))
    yield MARKER, True
    if between_blocks:
        yield _LINE, True


def _supplied(element: etree._Element) -> Iterator[_Piece]:
    """Text the transcriber supplied is no reading of the witness. Supplied for what the
    scribe left out (`reason="omitted"`), the witness simply lacks it: nothing is read.
    Supplied where the witness is damaged or illegible, the witness is lacunose there:
    a lacuna, labelled with the supplied text so the apparatus keeps it."""
    if "omitted" in (element.get("reason") or "").split():
        return
    text = " ".join("".join(element.itertext()).split())
    yield from _lacuna(element, f"supplied: {text}" if text else None)


def _reading_pieces(body: etree._Element | Sequence[etree._Element]) -> list[_Piece]:
    """The pieces of a body, or of the bodies of a `<group>`'s texts, one after another."""
    bodies = [body] if isinstance(body, etree._Element) else body
    pieces: list[_Piece] = []
    for each in bodies:
        if pieces:
            pieces.append((_LINE, True))
        pieces.extend(_pieces(each, False))
    return close_spans(pieces)


def _inside_word(piece: _Piece) -> bool:
    """Whether a piece is a page, column or line break that falls inside a word."""
    return (
        isinstance(piece, etree._Element)
        and piece.tag in _BREAKS
        and piece.get("break") == "no"
    )


def transcription_text(body: etree._Element | Sequence[etree._Element]) -> str:
    """The reading text of a TEI body: markup dropped, blocks and <lb/> as line breaks,
    insignificant XML whitespace collapsed (unless xml:space="preserve")."""
    parts: list[str] = []
    joined_word = False  # just after a break inside a word (`_inside_word`)
    last_preserved = False
    for piece in _reading_pieces(body):
        if _inside_word(piece):
            # TEI: the whitespace on either side of a break="no" is layout, not text
            # ("rec⏎<lb break="no"/>eived" is one word)
            if parts and not last_preserved:
                parts[-1] = parts[-1].rstrip(" ")
            joined_word = True
            continue
        if not isinstance(piece, tuple):
            continue
        text, preserved = piece
        last_preserved = preserved and text != _LINE
        if not preserved:
            text = re.sub(r"\s+", " ", text)
            if joined_word:
                text = text.lstrip(" ")
            # markup left out between two spaces ("the <del>old</del> mat") leaves one
            if text.startswith(" ") and parts and parts[-1].endswith((" ", "\n")):
                text = text[1:]
        if text:
            joined_word = False
        parts.append(text)
    joined = "".join(parts)
    joined = re.sub(r"[ \t]*\n[ \t]*", "\n", joined)
    return re.sub(r"\n{2,}", "\n", joined).strip() + "\n"


def transcription_milestones(
    body: etree._Element | Sequence[etree._Element],
) -> tuple[Milestone, ...]:
    """The page, column and line breaks of a TEI body and where its divisions, heads,
    paragraphs, line groups and verse lines begin and end, and the extent of each
    lacuna that has one (`collate.lacunae.extent`, or what a `<lacunaStart/>` span
    holds), each placed by the number of non-whitespace characters of the reading text
    before it (which the collapsing of whitespace in `transcription_text` does not
    change)."""
    found: list[Milestone] = []
    open_at: dict[etree._Element, int] = {}  # a structure element: its index in found
    count = 0
    for piece in _reading_pieces(body):
        if isinstance(piece, tuple):
            count += sum(1 for character in piece[0] if not character.isspace())
        elif isinstance(piece, _End):
            index = open_at.pop(piece.element)
            found[index] = replace(found[index], end=count)
        elif isinstance(piece, TranscribedLacuna):
            if piece.label:  # what the transcription says of the lacuna, for the apparatus
                found.append(Milestone(count, MILESTONE_UNIT, piece.label))
        elif piece.tag != LACUNA_END:
            kind = None
            if piece.tag in _STRUCTURE:
                open_at[piece] = len(found)
                kind = piece.get("type")
            found.append(Milestone(count, etree.QName(piece).localname, piece.get("n"), type=kind))
    return tuple(found)


def _date(document: etree._ElementTree) -> str | None:
    """The source's date: `@when` or a range (`@notBefore`/`@notAfter`, or
    `@from`/`@to`) as `earliest/latest` (`when="yesterday"` is passed over, so it is
    never copied into an apparatus). The manuscript's `<origDate>` comes first: a
    `<date>` elsewhere in the source description may belong to an edition the
    transcription cites (`<bibl>… (Oxford, <date when="1995"/>)`), not to the witness;
    failing that, the first date in the source description."""
    source = f".//{tei('sourceDesc')}//"
    dates = [*document.iterfind(source + tei("origDate"))]
    dates += document.iterfind(source + tei("date"))
    for date in dates:
        when = date.get("when")
        if when and check_date(when) is None:
            return str(when)
        for first, last in (("notBefore", "notAfter"), ("from", "to")):
            span = f"{date.get(first)}/{date.get(last)}"
            if date.get(first) and date.get(last) and check_date(span) is None:
                return span
    return None


def _extent(document: etree._ElementTree) -> str | None:
    """How much of the text the source keeps, where its manuscript description says
    (`collate.metadata.EXTENTS`): a fragment where it describes a manuscript fragment
    (`<msFrag>`) or calls its text, or its incipit or explicit, defective
    (`@defective="true"`: incomplete through loss); whole where it calls its text
    complete (`<msItem defective="false">`) and nothing defective."""
    described = document.find(f".//{tei('sourceDesc')}")
    if described is None:
        return None
    if described.find(f".//{tei('msFrag')}") is not None:
        return "fragment"
    said = {e.get("defective") for e in described.iterfind(".//*[@defective]")}
    if "true" in said:
        return "fragment"
    items = described.findall(f".//{tei('msItem')}")
    return "whole" if items and all(i.get("defective") == "false" for i in items) else None


def _read_transcription(path: Path, document: etree._ElementTree) -> Witness:
    # a <group> of texts (poems, letters, the books of a work) is read whole, its
    # texts' bodies one after another in document order
    bodies = document.findall(f".//{tei('text')}/{tei('body')}")
    if not bodies:
        raise WitnessError(f"{path}: a TEI file needs a text/body to read a witness from")
    return Witness(
        path.stem,
        transcription_text(bodies),
        source=path.name,
        date=_date(document),
        extent=_extent(document),
        milestones=transcription_milestones(bodies),
    )


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


def _same_source(text: str, encoding: str, bom: bool, sha256: str) -> bool:
    try:
        data = source_bytes(text, encoding, bom)
    except (LookupError, UnicodeEncodeError):
        return False
    return sha256_hex(data) == sha256


def refuse_unsound(path: Path, document: etree._ElementTree) -> None:
    """An apparatus whose readings do not name every witness exactly once gives some
    witness a word twice or none: read as it stands, that witness's text would silently
    be another (`collate validate` says so; reading it must not pass it over)."""
    from ..validate import reference_problems  # the validator reads apparatuses itself

    problems = reference_problems(document)
    if problems:
        more = ""
        if len(problems) > 1:
            more = f" (and {len(problems) - 1} more: collate validate lists them)"
        raise WitnessError(f"{path}: not a sound apparatus: {problems[0]}{more}")


def _apparatus_witness(
    path: Path, document: etree._ElementTree, element: etree._Element
) -> Witness:
    siglum = witness_siglum(element)
    if not siglum:
        raise WitnessError(
            f"{path}: a <witness> (line {element.sourceline}) has no siglum or xml:id"
        )
    try:
        text = witness_text(document, element)
    except ApparatusFileError as error:
        raise WitnessError(f"{path}: {error}") from None
    body = document.find(f"{tei('text')}/{tei('body')}")
    milestones = () if body is None else witness_milestones(body, element)
    if implied_by_text(milestones, text):
        milestones = ()
    details = witness_details(document, element)
    idnos = [i for d in details for i in d.iter(tei("idno"))]
    file = next((i.text for i in idnos if i.get("type") == "file"), None)
    measures = (m for d in details for m in d.iter(tei("measure")) if m.get("unit") == "byte")
    measure = next(measures, None)
    encoding, bom = source_encoding(details)
    date = next((d for e in details for d in e.iter(tei("date"))), None)
    sha256 = source_sha256(details)
    size = _int(measure.get("quantity")) if measure is not None else None
    if sha256 is not None and not _same_source(text, encoding, bom, sha256):
        # the readings were edited since: the text is no longer that file's, and a new
        # apparatus must not vouch for it with the file's size and hash
        sha256 = size = None
    return Witness(
        siglum,
        text,
        source=file or path.name,
        encoding=encoding,
        bom=bom,
        size=size,
        sha256=sha256,
        date=None if date is None else date.get("when") or date.text,
        description=next(
            (n.text for e in details for n in e.iter(tei("note")) if _is_description(n)), None
        ),
        milestones=milestones,
    )


def _is_description(note: etree._Element) -> bool:
    return bool(note.get("type") == "description")


def _recorded_date(date: etree._Element | None) -> str | None:
    """A witness's date as collate records it: @when, or a range in @notBefore/@notAfter."""
    if date is None:
        return None
    first, last = date.get("notBefore"), date.get("notAfter")
    recorded = date.get("when") or (f"{first}/{last}" if first and last else None)
    # another tool's `when="--05"` (a month of any year) is no date to order witnesses by
    return str(recorded) if recorded and check_date(str(recorded)) is None else None


def is_apparatus(document: etree._ElementTree) -> bool:
    return document.find(f".//{tei('app')}") is not None or (
        document.find(f".//{tei('variantEncoding')}") is not None
        and document.find(f".//{tei('listWit')}") is not None
    )


def read(path: Path, data: bytes, encoding: str | None) -> list[Witness]:
    try:
        document = parse_xml(data, str(path))
    except ValueError as error:
        raise WitnessError(str(error)) from None
    if document.getroot().tag != tei("TEI"):
        raise WitnessError(f"{path}: not a TEI document ({root_problem(document)})")
    try:
        if is_apparatus(document):
            witnesses = list(document.iter(tei("witness")))
            if not witnesses:
                # a transcriber's <app> for one witness's own second reading looks like
                # an apparatus that names no witnesses: say how to write either
                raise WitnessError(
                    f"{path}: an apparatus without a <listWit> of witnesses; if it is one "
                    "witness's transcription, mark its own alternatives with <subst> or "
                    "<choice> instead of <app>"
                )
            refuse_unsound(path, document)
            return [_apparatus_witness(path, document, w) for w in witnesses]
        return [_read_transcription(path, document)]
    except RecursionError:
        raise WitnessError(f"{path}: elements nested too deeply to read") from None
