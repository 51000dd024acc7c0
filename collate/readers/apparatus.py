"""Reading a TEI parallel-segmentation apparatus back: the lossless rule.

A witness's text is, in document order, the text inside the body's text blocks (the
outermost `ab`, `p`, `l` and `head`; divisions and line groups only hold them) that lies
outside every `<app>`, or inside a `<rdg>` or `<lem>` whose `@wit` names the witness
(so a nested `<app>` is read the same way inside its reading), but for an editor's
annotations (`<note>`, `<noteGrp>`, `<witDetail>`, `<wit>`: what they say is about the
witnesses, wherever they stand), and except for witness
whitespace: a `<milestone unit="whitespace" ed="#w …" rend="…"/>` standing outside
`<app>` says that the witnesses it names write, instead of the whitespace that directly
follows the run of such milestones it belongs to (up to the next character that is not
whitespace, or the next element), the whitespace its `@rend` spells: space-separated
names `sp` (space), `lf` (line feed), `cr` (carriage return), `tab` or `U+XXXX`, each
optionally `*count`, or `none` for no whitespace at all.

`@wit` names a witness by `#` and its `xml:id`, by the bare `xml:id` (a common slip),
or by the `xml:id` of a `<listWit>` it stands in; a `<lem>` without `@wit` is the
reading of the witnesses no other reading of its location names. Text the rule would
give to no witness is refused rather than dropped: text in the body outside every
`<ab>` (a `<p>` after it), or a reading whose `@wit` names no witness of the file.

Where the file does not preserve its whitespace (`xml:space`), a line break stands
between two blocks whose text has no whitespace at their meeting: in a hand-encoded
apparatus with a `<l>` or `<p>` per line the block's end is the line's end.

`extract_witness` applies exactly this rule, so it reads any parallel-segmentation
apparatus, not only collate's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..errors import ApparatusFileError
from ..xmltools import XML_ID, parse_xml, tei

_MILESTONE = tei("milestone")
_WHITESPACE_NAMES = {" ": "sp", "\n": "lf", "\r": "cr", "\t": "tab"}
_WHITESPACE_CHARACTERS = {name: c for c, name in _WHITESPACE_NAMES.items()}
_LEADING_WHITESPACE = re.compile(r"\s*")


def spell_whitespace(whitespace: str) -> str:
    """`@rend` of a whitespace milestone: "lf", "sp*4", "cr lf", "none"."""
    if not whitespace:
        return "none"
    names: list[str] = []
    counts: list[int] = []
    for character in whitespace:
        name = _WHITESPACE_NAMES.get(character, f"U+{ord(character):04X}")
        if names and names[-1] == name:
            counts[-1] += 1
        else:
            names.append(name)
            counts.append(1)
    return " ".join(n if c == 1 else f"{n}*{c}" for n, c in zip(names, counts, strict=True))


def read_whitespace(rend: str) -> str:
    """The whitespace a milestone's `@rend` spells; ValueError if it spells none."""
    parts = []
    for item in rend.split():
        if item == "none":
            continue
        name, _, count = item.partition("*")
        if name.startswith("U+"):
            character = chr(int(name[2:], 16))
        else:
            character = _WHITESPACE_CHARACTERS[name]
        if not character.isspace():
            raise ValueError(f"{name} is not whitespace")
        parts.append(character * (int(count) if count else 1))
    return "".join(parts)


def is_whitespace_milestone(element: etree._Element) -> bool:
    return bool(element.tag == _MILESTONE and element.get("unit") == "whitespace")


def milestone_witnesses(element: etree._Element) -> list[str]:
    return [ref.removeprefix("#") for ref in (element.get("ed") or "").split()]


def read_apparatus_file(path: str | Path) -> etree._ElementTree:
    try:
        return parse_xml(Path(path), str(path))
    except ValueError as error:
        raise ApparatusFileError(str(error)) from None


def witness_siglum(element: etree._Element) -> str | None:
    """A `<witness>`'s siglum: its `@n`, else its `<abbr type="siglum">`, else (in files
    that give none) its `xml:id`. Collate writes both `@n` and the `<abbr>`."""
    abbr = element.find(tei("abbr"))
    if element.get("n"):
        return str(element.get("n"))
    if abbr is not None and abbr.get("type") == "siglum" and abbr.text:
        return str(abbr.text)
    xml_id = element.get(XML_ID)
    return None if xml_id is None else str(xml_id)


def find_witness(
    document: etree._ElementTree, siglum: str | None = None, *, xml_id: str | None = None
) -> etree._Element:
    """The `<witness>` with this siglum, or, when `xml_id` is given instead, with this
    `xml:id`; never one for the other, since an id made from one siglum can equal
    another siglum (`a b` gets the id `a_b`, beside a witness whose siglum is `a_b`)."""
    if (siglum is None) == (xml_id is None):
        raise ValueError("give a siglum or an xml_id, not both")
    candidates = list(document.iter(tei("witness")))
    if xml_id is not None:
        found = [w for w in candidates if w.get(XML_ID) == xml_id]
        what = f"xml:id {xml_id!r}"
        known = sorted(w.get(XML_ID) or "?" for w in candidates)
    else:
        found = [w for w in candidates if witness_siglum(w) == siglum]
        what = f"witness {siglum!r}"
        known = sorted(witness_siglum(w) or "?" for w in candidates)
    if len(found) > 1:
        raise ApparatusFileError(
            f"{len(found)} witnesses have the {what.replace('witness ', 'siglum ')}"
        )
    if not found:
        raise ApparatusFileError(
            f"no {what} in this apparatus; it has: {', '.join(known) or 'none'}"
        )
    return found[0]


_APP, _RDG, _LEM, _RDG_GRP = tei("app"), tei("rdg"), tei("lem"), tei("rdgGrp")
#: the elements whose text is the witnesses' text: the anonymous block, paragraphs,
#: verse lines and heads (divisions and line groups hold them)
TEXT_BLOCKS = frozenset(tei(name) for name in ("ab", "p", "l", "head"))
#: an editor's annotations: their text is said about the witnesses, not read in them
ANNOTATIONS = frozenset(tei(name) for name in ("note", "noteGrp", "witDetail", "wit"))


def wit_refs(element: etree._Element) -> list[str]:
    """The ids a reading's `@wit` names, with or without their `#`."""
    return [ref.removeprefix("#") for ref in (element.get("wit") or "").split()]


def names_witness(element: etree._Element, refs: frozenset[str]) -> bool:
    """Whether a reading's `@wit` names one of the ids `refs`."""
    return not refs.isdisjoint(wit_refs(element))


def location_readings(app: etree._Element) -> Iterator[etree._Element]:
    for child in app:
        if child.tag in (_RDG, _LEM):
            yield child
        elif child.tag == _RDG_GRP:
            yield from location_readings(child)


def _texts(
    element: etree._Element, refs: frozenset[str], inside_app: bool, lemma: bool = False
) -> Iterator[str]:
    """The text that belongs to the witness under `element`, in document order; `refs`
    are the ids that name it, `lemma` whether a `<lem>` without `@wit` is its reading."""
    if element.tag == _APP:
        inside_app = True
        lemma = not any(names_witness(r, refs) for r in location_readings(element))
    elif element.tag in (_RDG, _LEM):
        unattributed = element.tag == _LEM and element.get("wit") is None
        if not (lemma if unattributed else names_witness(element, refs)):
            return
        inside_app = False
    if element.text and not inside_app:
        yield element.text
    own: str | None = None  # the witness's whitespace from the milestones just passed
    for child in element:
        tail = child.tail or ""
        if isinstance(child.tag, str) and not inside_app and is_whitespace_milestone(child):
            if not refs.isdisjoint(milestone_witnesses(child)):
                try:
                    own = read_whitespace(child.get("rend") or "")
                except (ValueError, KeyError):
                    raise ApparatusFileError(
                        f"line {child.sourceline}: a whitespace milestone's @rend "
                        f"{child.get('rend')!r} does not spell whitespace"
                    ) from None
            if own is not None and tail:
                common = _LEADING_WHITESPACE.match(tail).end()  # type: ignore[union-attr]
                tail = own + tail[common:]
                own = None
            if tail:
                yield tail
            continue
        if own is not None:  # the run ended at an element: no common whitespace to replace
            yield own
            own = None
        if isinstance(child.tag, str) and child.tag not in ANNOTATIONS:
            yield from _texts(child, refs, inside_app, lemma)
        if tail and not inside_app:
            yield tail
    if own is not None:
        yield own


def extract_witness(
    document: etree._ElementTree, siglum: str | None = None, *, xml_id: str | None = None
) -> tuple[str, etree._Element]:
    """A witness's text by the lossless rule, with its `<witness>` element, found by
    siglum or, when asked, by `xml:id` (see `find_witness`)."""
    witness = find_witness(document, siglum, xml_id=xml_id)
    return witness_text(document, witness), witness


def text_blocks(body: etree._Element) -> list[etree._Element]:
    """The outermost text blocks (`ab`, `p`, `l`, `head`) of the body, in document
    order; ApparatusFileError for text outside them, which the lossless rule would
    give to no witness."""
    blocks: list[etree._Element] = []
    stack = [body]
    while stack:
        element = stack.pop()
        if element.tag in TEXT_BLOCKS:
            blocks.append(element)
            continue
        if element.tag in ANNOTATIONS:  # a note between blocks is nobody's text either
            continue
        texts = [(element, element.text)] if isinstance(element.tag, str) else []
        texts += [(child, child.tail) for child in element]
        for where, text in texts:
            if text and text.strip():
                words = " ".join(text.split())
                raise ApparatusFileError(
                    f"line {where.sourceline}: text outside every <ab>, <p>, <l> and "
                    f"<head> ({words[:40]!r}{'...' if len(words) > 40 else ''}), which "
                    "collate would give to no witness; move it into one or remove it"
                )
        stack += reversed([c for c in element if isinstance(c.tag, str)])
    if not blocks:
        raise ApparatusFileError("this apparatus has no <ab>, <p>, <l> or <head> in its body")
    return blocks


def _check_wit_refs(document: etree._ElementTree, blocks: list[etree._Element]) -> None:
    """Refuse a reading whose `@wit` names no witness of the file: its text would be
    nobody's."""
    known = {
        str(e.get(XML_ID))
        for e in document.iter(tei("witness"), tei("listWit"))
        if e.get(XML_ID) is not None
    }
    for block in blocks:
        for reading in block.iter(_RDG, _LEM):
            unknown = [ref for ref in wit_refs(reading) if ref not in known]
            if unknown:
                name = etree.QName(reading).localname
                raise ApparatusFileError(
                    f"line {reading.sourceline}: a <{name}>'s @wit names {unknown[0]!r}, "
                    "which is no <witness> or <listWit> of this file"
                )


def witness_refs(witness: etree._Element) -> frozenset[str]:
    """The ids that name a `<witness>` in `@wit`: its own and its `<listWit>`s'."""
    groups = (w.get(XML_ID) for w in witness.iterancestors(tei("listWit")))
    return frozenset(str(i) for i in (witness.get(XML_ID), *groups) if i)


def witness_text(document: etree._ElementTree, witness: etree._Element) -> str:
    """The text of this `<witness>` by the lossless rule."""
    body = document.find(f"{tei('text')}/{tei('body')}")
    if body is None:
        raise ApparatusFileError("this file has no TEI text/body")
    blocks = text_blocks(body)
    _check_wit_refs(document, blocks)
    refs = witness_refs(witness)
    parts: list[str] = []
    for index, block in enumerate(blocks):
        text = "".join(_texts(block, refs, False))
        if index and _breaks_between(blocks[index - 1], block, parts, text):
            parts.append("\n")
        parts.append(text)
    return "".join(parts)


_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _breaks_between(
    before: etree._Element, after: etree._Element, parts: list[str], text: str
) -> bool:
    """Whether a line break stands between two blocks that hold none: in a file whose
    whitespace is not preserved (`xml:space`), as most hand-encoded apparatuses with a
    `<l>` or `<p>` per line, a block's end is the end of a line, and without it the last
    word of one line and the first of the next would run together. collate's own files
    preserve their whitespace and hold every break inside the blocks."""
    if _preserves(before) or _preserves(after):
        return False
    last = next((part for part in reversed(parts) if part), "")
    return bool(last and text) and not last[-1].isspace() and not text[0].isspace()


def _preserves(element: etree._Element) -> bool:
    for holder in (element, *element.iterancestors()):
        value = holder.get(_SPACE)
        if value is not None:
            return bool(value == "preserve")
    return False


def witness_details(document: etree._ElementTree, witness: etree._Element) -> list[etree._Element]:
    """Where a witness's file details stand: a `<bibl corresp="#id">` of the source
    description (collate writes them there, so that viewers title a witness by its name
    alone), or, in older files, the `<witness>` itself."""
    xml_id = witness.get(XML_ID)
    found = [
        bibl
        for bibl in document.iter(tei("bibl"))
        if xml_id and f"#{xml_id}" in (bibl.get("corresp") or "").split()
    ]
    return [*found, witness]


def source_encoding(details: list[etree._Element]) -> tuple[str, bool]:
    """The encoding the witness's file had, and whether it began with a byte-order mark."""
    for element in details:
        for idno in element.iter(tei("idno")):
            if idno.get("type") == "encoding" and idno.text:
                return idno.text, idno.get("subtype") == "bom"
    return "utf-8", False


def source_bytes(text: str, encoding: str, bom: bool) -> bytes:
    """A witness's file as it was: its text in its encoding, after its byte-order mark
    (LookupError or UnicodeEncodeError where the encoding cannot say it)."""
    return ("\ufeff" if bom else "").encode(encoding) + text.encode(encoding)


def source_sha256(details: list[etree._Element]) -> str | None:
    for element in details:
        for idno in element.iter(tei("idno")):
            if idno.get("type") == "sha256":
                return str(idno.text)
    return None
