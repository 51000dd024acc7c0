"""Plain-text witnesses: UTF-8 by default, a byte-order mark honoured and remembered,
any other encoding by name.

The encoding and byte-order mark recorded are exactly those of the file, so that
`extract` gives its bytes back: `utf-16` and `utf-32` are recorded with the byte order
the mark gave (`utf-16-be`, with a mark) or, without one, little-endian as Python reads
them; `utf-8-sig` as `utf-8`, with or without its mark. A file whose text, encoded
again, would not give back its bytes (a stateful encoding such as utf-7 or iso2022_jp
can spell one text several ways) is refused rather than changed.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..digests import sha256_hex
from ..errors import WitnessError
from ..model import Witness

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: encodings whose mark Python writes and reads itself: without a mark, the byte order
#: it then reads is recorded instead, so the mark is not added on the way back
_WITHOUT_MARK = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}
#: encodings in which a text has one spelling only, so the round trip needs no check
_ONE_SPELLING = frozenset(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])


def text_encoding(encoding: str | None) -> str | None:
    """The codec name of an encoding asked for; WitnessError if it is unknown or turns
    bytes into bytes (base64)."""
    if encoding is None:
        return None
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise WitnessError(f"unknown encoding {encoding!r}", parameter="encoding") from None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, hex, zlib, ...
        raise WitnessError(
            f"{encoding!r} is not a text encoding (it turns bytes into bytes)",
            parameter="encoding",
        )
    return info.name


def _round_trips(text: str, encoding: str, data: bytes) -> bool:
    try:
        return text.encode(encoding) == data
    except UnicodeEncodeError:
        return False


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    """Text, the encoding used and whether a byte-order mark was stripped."""
    asked = text_encoding(encoding)
    for bom, bom_encoding in _BOMS:
        # A mark wins over the encoding asked for, which usually names the folder's
        # other files: no single-byte text plausibly begins with one, and a UTF-16
        # file read as cp1252 would be NULs between letters.
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(bom_encoding), bom_encoding, True
            except UnicodeDecodeError as error:
                raise WitnessError(
                    f"{path}: not valid {bom_encoding} at byte {error.start + len(bom)}"
                ) from None
    if b"\x00" in data and encoding is None:
        raise WitnessError(f"{path}: {_binary(data)}", parameter="encoding")
    chosen = _WITHOUT_MARK.get(asked or "utf-8", asked or "utf-8")
    try:
        text = data.decode(chosen)
    except UnicodeDecodeError as error:
        hint = (
            ""
            if encoding
            else "; if it is in another encoding, give it for this file alone in "
            f'collate.toml ([witnesses."{path.name}"] encoding = "cp1252", say), or for '
            "every file with `encoding`"
        )
        raise WitnessError(
            f"{path}: not valid {encoding or chosen} at byte {error.start}{hint}",
            parameter="encoding",
        ) from None
    if encoding and _mistaken_utf8(data, chosen):
        # A folder read with one encoding often holds a file saved as UTF-8: read as
        # cp1252 it turns every é into Ã©, a variant at each accent that nothing
        # else would flag (the bytes still round-trip).
        raise WitnessError(
            f"{path}: read as {encoding}, but it is UTF-8 (its letters beyond ASCII "
            f"would read as others: {_garbled(data, chosen)}); give {encoding} in "
            f"collate.toml for just the files in {encoding}, or convert those to UTF-8",
        )
    if chosen not in _ONE_SPELLING and not _round_trips(text, chosen, data):
        raise WitnessError(
            f"{path}: read as {encoding}, its text would not be written back as the same "
            "bytes (this encoding can spell one text several ways), so it could not be "
            "extracted exactly; convert it to UTF-8 first"
        )
    return text, chosen, False


def read(path: Path, data: bytes, encoding: str | None) -> list[Witness]:
    """One witness; its siglum is the file name without its ending."""
    text, used, bom = decode(path, data, encoding)
    return [
        Witness(
            siglum=path.stem,
            text=text,
            source=path.name,
            encoding=used,
            bom=bom,
            size=len(data),
            sha256=sha256_hex(data),
        )
    ]


def _mistaken_utf8(data: bytes, chosen: str) -> bool:
    """Whether a file read in an encoding other than UTF-8 is UTF-8 with letters beyond
    ASCII (which real text in a single-byte encoding almost never is: it would need
    runs such as "Ã©" throughout)."""
    if chosen.replace("_", "-").startswith("utf-8") or data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _garbled(data: bytes, chosen: str) -> str:
    """The first word beyond ASCII (at most 40 characters of it), as UTF-8 and as the
    encoding asked for."""
    text = data.decode("utf-8")
    # (a no-break space is no word: then the first character beyond ASCII alone)
    first = next(c for c in text if not c.isascii())
    word = next((w for w in text.split() if not w.isascii()), first)[:40]
    return f"{word} as {word.encode('utf-8').decode(chosen, errors='replace')}"


def _binary(data: bytes) -> str:
    """What a file with NUL bytes is: UTF-16 without its byte-order mark puts a NUL in
    every other byte of Latin text, which an encoding given by name reads."""
    sample = data[:4096]
    for order, offset in (("le", 1), ("be", 0)):
        if sample[offset::2].count(0) >= 0.9 * len(sample[offset::2]) > 0:
            return (
                f"looks like UTF-16 without a byte-order mark; give `encoding` utf-16-{order} "
                "if it is"
            )
    return "binary file (it contains NUL bytes), not a text witness"
