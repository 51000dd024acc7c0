"""Plain-text witnesses: UTF-8 by default, a byte-order mark honoured and remembered,
any other encoding by name."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from ..errors import WitnessError
from ..model import Witness

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(path: Path, data: bytes, encoding: str | None) -> tuple[str, str, bool]:
    """Text, the encoding used and whether a byte-order mark was stripped."""
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom) and encoding in (None, "utf-8", "utf-8-sig", bom_encoding):
            try:
                return data[len(bom) :].decode(bom_encoding), bom_encoding, True
            except UnicodeDecodeError as error:
                raise WitnessError(
                    f"{path}: not valid {bom_encoding} at byte {error.start + len(bom)}"
                ) from None
    if b"\x00" in data and encoding is None:
        raise WitnessError(f"{path}: binary file (it contains NUL bytes), not a text witness")
    chosen = encoding or "utf-8"
    try:
        name = codecs.lookup(chosen).name
    except LookupError:
        raise WitnessError(f"unknown encoding {chosen!r}") from None
    try:
        return data.decode(chosen), name, False
    except UnicodeDecodeError as error:
        hint = (
            ""
            if encoding
            else "; if it is in another encoding, give it with `encoding` (e.g. cp1252)"
        )
        raise WitnessError(
            f"{path}: not valid {chosen} at byte {error.start}{hint}", parameter="encoding"
        ) from None


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
            sha256=hashlib.sha256(data).hexdigest(),
        )
    ]
