"""XML plumbing shared by every reader and writer: one safe parser, the TEI namespace,
and valid `xml:id`s for sigla. lxml is loaded only by what parses XML: reading plain
text witnesses and writing a table needs only the names and checks here."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml import etree

from .metadata import days_in_month

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_SPACE = f"{{{XML_NS}}}space"
#: the characters XML 1.0 cannot carry: C0 controls but tab and line breaks, U+FFFE,
#: U+FFFF, and surrogates (which Python keeps for bytes that were not UTF-8)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@functools.cache
def _xml_unsafe() -> re.Pattern[str]:
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_unsafe(text: str) -> re.Match[str] | None:
    """The first character of `text` that XML cannot carry, or None. The whole class,
    with characters beyond Latin-1, is compiled only for a text that holds one of them
    (`re` builds such a class's 64 K bitmap in Python: 4 M instructions, most of a
    percent of a short run, issue 13); the rest are told in C: controls by a class of
    Latin-1, surrogates by UTF-8's refusing them."""
    if _CONTROLS.search(text) is None:
        if text.isascii():
            return None
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            pass  # a surrogate
        else:
            if "\ufffe" not in text and "\uffff" not in text:
                return None
    return _xml_unsafe().search(text)


def tei(name: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{name}"


def root_problem(document: etree._ElementTree) -> str:
    """Why a document's root is not TEI's `<TEI>`: most often a `<TEI>` written without
    the TEI namespace, which no TEI tool then takes for TEI."""
    from lxml import etree  # loaded where XML is read (see the module's imports)

    root = etree.QName(document.getroot())
    if root.localname == "TEI" and root.namespace is None:
        return f'its root <TEI> lacks the TEI namespace: write <TEI xmlns="{TEI_NS}">'
    if root.localname == "TEI":
        return f"its root <TEI> is in the namespace {root.namespace!r}, not TEI's ({TEI_NS})"
    return f"its root is <{root.localname}>, not TEI's <TEI>"


def safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads a DTD or touches the network,
    so XML from elsewhere cannot read local files (XXE) or blow up (billion laughs)."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        # witnesses up to the input limit must round-trip: text nodes past libxml2's 10 MB
        # default. Entities stay unresolved, so this opens no door to entity expansion.
        huge_tree=True,
        remove_blank_text=False,
    )


def _why_unreadable(source: object, error: OSError) -> str:
    """The system's reason (no such file, permission denied) rather than libxml2's
    "failed to load external entity"."""
    if isinstance(source, Path):
        try:
            with open(source, "rb"):
                pass
        except OSError as system:
            return system.strerror or str(system)
    return error.strerror or str(error)


def parse_xml(source: bytes | str | Path, what: str) -> etree._ElementTree:
    """Parse XML safely; errors become a ValueError naming `what` and the line.

    Entity references are refused rather than silently dropped: collate never expands
    them (XXE, "billion laughs"), and leaving them out would lose text.
    """
    from lxml import etree

    if isinstance(source, Path) and source.is_dir():
        raise ValueError(f"{what}: is a folder, not an XML file")
    try:
        if isinstance(source, Path):
            document = etree.parse(str(source), safe_parser())
        else:
            data = source.encode("utf-8") if isinstance(source, str) else source
            document = etree.ElementTree(etree.fromstring(data, safe_parser()))
    except etree.XMLSyntaxError as error:
        message = " ".join(str(error.msg).split())  # libxml2 messages span lines
        # libxml2 often ends its message with the place already ("…, line 3, column 1")
        place = f"line {error.lineno}"
        said = re.search(rf"\b{place}(, column \d+)?$", message)
        where = "" if said else f", {place}"
        raise ValueError(f"{what}: not well-formed XML ({message}{where})") from None
    except OSError as error:
        raise ValueError(f"{what}: cannot be read ({_why_unreadable(source, error)})") from None
    for entity in document.iter(etree.Entity):
        raise ValueError(
            f"{what}: line {entity.sourceline} uses the entity {entity.text}, which collate "
            "does not expand, for safety; replace it by its text"
        )
    return document


# The characters an NCName may begin with and hold beyond ASCII's letters, digits and
# `_.-`, as code point ranges: tested by comparison, since compiling them as regular
# expressions' character classes cost about 1.5% of a small run's start.
# (XML 1.0, fifth edition, productions [4] and [4a]: CJK, Hangul and the other scripts
# beyond U+1FFF are letters of names too, so 甲本 stays 甲本 and is not made `__`).
_NAME_START = (
    (0xC0, 0xD6),
    (0xD8, 0xF6),
    (0xF8, 0x2FF),
    (0x370, 0x37D),
    (0x37F, 0x1FFF),
    (0x200C, 0x200D),
    (0x2070, 0x218F),
    (0x2C00, 0x2FEF),
    (0x3001, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD),
    (0x10000, 0xEFFFF),
)
_NAME_CHAR = (
    (0xB7, 0xB7),
    *_NAME_START,
    (0x300, 0x36F),
    (0x203F, 0x2040),
)


def _name_start(character: str) -> bool:
    if character.isascii():
        return character.isalpha() or character == "_"
    return any(low <= ord(character) <= high for low, high in _NAME_START)


def _name_char(character: str) -> bool:
    if character.isascii():
        return character.isalnum() or character in "_.-"
    return any(low <= ord(character) <= high for low, high in _NAME_CHAR)


#: The ids collate makes for its own elements: variant locations (`app1`, `app2`, ...),
#: the stemma's graph (`stemma`) and its nodes (`stemma-A`, `stemma-α`), the header's
#: normalisation rules and measures (`norm-rule-2`, `norm-word-division`). They live in
#: a namespace of their own: no witness id ever begins with `app` and a digit, or
#: `norm-`, or is `stemma` or begins with `stemma-`, so no siglum can collide with them.
#: A new kind of generated id must be added here.
GENERATED_ID = re.compile(r"app[0-9]|norm-|stemma(?:-|\Z)")


def is_generated_id(xml_id: str) -> bool:
    """Whether `xml_id` has the form of an id collate makes for its own elements."""
    return GENERATED_ID.match(xml_id) is not None


@functools.lru_cache(maxsize=4096)
def _libxml2_takes(character: str, start: bool) -> bool:
    """Whether libxml2, which reads the apparatus back (and validates it), takes the
    character in an `xml:id`: it follows XML 1.0's older, narrower letter classes,
    so some letters the fifth edition allows (`Ĳ`, U+0132) it refuses."""
    if character.isascii():
        return True  # the ASCII letters, digits and `_.-` already passed the regexes
    from lxml import etree

    name = character if start else "a" + character
    try:
        etree.fromstring(f'<a xml:id="{name}"/>'.encode())
    except etree.XMLSyntaxError:
        return False
    return True


def _ncname(siglum: str) -> str:
    name = "".join(c if _name_char(c) and _libxml2_takes(c, False) else "_" for c in siglum)
    if (
        not name
        or not _name_start(name[0])
        or not _libxml2_takes(name[0], True)
        or name.lower().startswith("xml")
        or is_generated_id(name)
    ):
        name = "w" + name
    return name


def witness_ids(sigla: Iterable[str]) -> dict[str, str]:
    """A valid, unique `xml:id` (an NCName) for every siglum, as close to it as can be,
    and none a substring of another.

    Sigla that already are NCNames are kept, unless they have the form of an id collate
    makes for its own elements (`GENERATED_ID`: `app1`, `stemma`); others get a leading
    "w" and "_" for each character an NCName cannot hold (`app1` becomes `wapp1`, `a b`
    becomes `a_b`); clashes get "-2", "-3", ... Viewers such as the
    Versioning Machine match a witness with `contains(@wit, id)`, so an id inside another
    ("Hg" in "Hg2") would show both witnesses' readings: such an id gets "-1", "-2", ...
    (or ".1", "_1", ... where some id already holds "-"), which puts it inside no other.
    Within one file the mapping is injective.
    """
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for siglum in sigla:
        base = candidate = _ncname(siglum)
        counter = 1
        while candidate in taken:
            counter += 1
            candidate = f"{base}-{counter}"
        taken.add(candidate)
        ids[siglum] = candidate
    return _none_inside_another(ids)


def _none_inside_another(ids: dict[str, str]) -> dict[str, str]:
    """Give every id that sits inside another a suffix `<mark><number>`, in one pass.

    With a mark found in no id, and numbers of one width, this always works: no renamed
    id can sit inside another (the mark lines them up, the numbers differ), no id left
    alone sits inside a renamed one (it was inside no id, and holds no mark) and none
    can be inside an id left alone (that has no mark). The usual marks `-`, `.`, `_` are
    tried first, and kept if the result holds no id inside another. (Renaming one id
    at a time, as before, could go round for ever: `.`, `..`, `.-`, `_`.)
    """
    everything = "\0".join(ids.values())
    inside = sorted(
        (siglum for siglum, xml_id in ids.items() if _inside_another(xml_id, everything)),
        key=lambda siglum: (len(ids[siglum]), ids[siglum], siglum),
    )
    if not inside:
        return ids
    width = len(str(len(inside)))
    for mark in _marks():
        renamed = dict(ids)
        for number, siglum in enumerate(inside, start=1):
            renamed[siglum] = f"{ids[siglum]}{mark}{number:0{width}d}"
        joined = "\0".join(renamed.values())
        if mark not in everything or not any(
            _inside_another(xml_id, joined) for xml_id in renamed.values()
        ):
            return renamed
    raise AssertionError("unreachable: some mark is in no id")


def _inside_another(xml_id: str, joined: str) -> bool:
    # the ids joined by NUL, which no id holds: each id is there once as itself, so a
    # second occurrence is inside another id
    return joined.count(xml_id) > 1


def _marks() -> Iterator[str]:
    """The marks for `_none_inside_another`, in order of preference: characters an
    NCName may hold after its first, never a digit; some is missing from any set of ids.
    Made one at a time: the whole 20,000 of them took 6 ms of every command's start."""
    yield from "-._"
    yield from map(chr, range(0x3B1, 0x3CA))
    yield from map(chr, range(0x4E00, 0x9FFF))


_ZONE = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_YEAR = r"-?(?:[1-9][0-9]{4,}|[0-9]{4})"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
#: TEI's teidata.temporal.w3c: an XML Schema date, dateTime, time, gYear, gYearMonth,
#: gMonth, gMonthDay or gDay, as tei_all checks @when, @notBefore, @notAfter, @from, @to
_W3C = (
    rf"(?:{_YEAR}(?:-{_MONTH}(?:-{_DAY}(?:T{_TIME})?)?)?|{_TIME}|--{_MONTH}(?:-{_DAY})?"
    rf"|---{_DAY}){_ZONE}"
)
#: the attributes tei_all types as teidata.temporal.w3c
W3C_DATE_ATTRIBUTES = ("when", "notBefore", "notAfter", "from", "to")


def is_w3c_date(value: str) -> bool:
    """Whether `value` is a date TEI's @when accepts (`1859`, `1859-11-24`,
    `1859-11-24T10:00:00Z`, `--11-24`); `yesterday`, `1859/1860` and `1859-02-30` are not."""
    if not re.fullmatch(_W3C, value):  # compiled (and cached by re) once a date is seen
        return False
    day = re.match(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})", value)
    if day is None:
        return True
    year, month, number = (int(part) for part in day.groups())
    return number <= days_in_month(year, month)
