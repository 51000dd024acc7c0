"""CollateX JSON witness files: `{"witnesses": [{"id", "content"} or {"id", "tokens":
[{"t", "n", ...}]}]}`. Pre-tokenised witnesses keep their tokens, and any extra token
properties travel on into the JSON output."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import WitnessError
from ..lacunae import MARKER
from ..model import Token, Witness
from ..xmltools import xml_unsafe

_TRAILING_WHITESPACE = re.compile(r"\s*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _token(path: Path, where: str, item: Any) -> Token:
    if not isinstance(item, dict):
        raise WitnessError(f"{path}: {where} is not a JSON object")
    surface, normal = item.get("t"), item.get("n", "")
    if not isinstance(surface, str) or not surface:
        raise WitnessError(f'{path}: {where} has no text (a non-empty string "t")')
    if not isinstance(normal, str):
        raise WitnessError(f'{path}: {where} has a normal form "n" that is not a string')
    cut = _TRAILING_WHITESPACE.search(surface)
    assert cut is not None
    text, whitespace = surface[: cut.start()], surface[cut.start() :]
    properties = {k: v for k, v in item.items() if k not in ("t", "n")}
    return Token(text, whitespace, _lacuna_normal(item) or (normal if text else ""), properties)


def _lacuna_normal(item: dict[str, Any]) -> str:
    """A token marked `"lacuna": true` stands for missing text: its normal form is the
    lacuna marker, whatever it shows (`collate.lacunae`)."""
    return MARKER if item.get("lacuna") is True else ""


def _witness(path: Path, number: int, item: Any) -> Witness:
    where = f"witness {number}"
    if not isinstance(item, dict):
        raise WitnessError(f"{path}: {where} is not a JSON object")
    siglum = item.get("id")
    if not isinstance(siglum, str) or not siglum.strip() or siglum != siglum.strip():
        raise WitnessError(f'{path}: {where} has no usable "id" (a non-blank string)')
    where = f"witness {siglum!r}"
    if "tokens" in item:
        if not isinstance(item["tokens"], list):
            raise WitnessError(f'{path}: {where}: "tokens" is not a list')
        tokens = tuple(
            _token(path, f"{where}, token {i + 1}", t) for i, t in enumerate(item["tokens"])
        )
        text = "".join(t.surface for t in tokens)
        if "content" in item and _letters(item["content"]) != _letters(text):  # which is it?
            raise WitnessError(
                f'{path}: {where} has "content" and "tokens" that differ; give one of them'
            )
        return Witness(siglum, text, source=path.name, tokens=tokens)
    content = item.get("content")
    if not isinstance(content, str):
        raise WitnessError(f'{path}: {where} has neither "content" (a string) nor "tokens"')
    return Witness(siglum, content, source=path.name)


def _letters(text: object) -> str:
    """A text without its whitespace, which tokens given without it do not carry."""
    return "".join(str(text).split())


class _NotANumber(Exception):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotANumber(name)


def _strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from item.keys()
            stack += item.values()
        elif isinstance(item, list):
            stack += item


def _check_strings(path: Path, witnesses: list[Any]) -> None:
    """Refuse what no output could carry: a lone surrogate anywhere (UTF-8 cannot
    encode it), a character XML cannot carry in a siglum or a normal form."""
    for number, item in enumerate(witnesses, start=1):
        for text in _strings(item):
            bad = _SURROGATE.search(text)
            if bad:
                raise WitnessError(
                    f"{path}: witness {number} holds a lone surrogate "
                    f"(U+{ord(bad.group()):04X}), which is no character"
                )
        if not isinstance(item, dict):
            continue
        tokens = item.get("tokens")
        named: list[tuple[str, Any]] = [("id", item.get("id"))] + [
            (f"token {i}'s normal form", t.get("n"))
            for i, t in enumerate(tokens if isinstance(tokens, list) else [], start=1)
            if isinstance(t, dict)
        ]
        for what, text in named:
            bad = xml_unsafe(text) if isinstance(text, str) else None
            if bad:
                raise WitnessError(
                    f"{path}: witness {number}, {what} has the character "
                    f"U+{ord(bad.group()):04X}, which XML cannot carry"
                )


def read(path: Path, data: bytes, encoding: str | None) -> list[Witness]:
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as error:
        raise WitnessError(f"{path}: JSON must be UTF-8; bad byte at {error.start}") from None
    except json.JSONDecodeError as error:
        raise WitnessError(
            f"{path}: not valid JSON ({error.msg}, line {error.lineno} column {error.colno})"
        ) from None
    except _NotANumber as error:
        raise WitnessError(
            f"{path}: {error} is not a JSON number, and no JSON output could carry it"
        ) from None
    except ValueError as error:  # an integer longer than Python converts (4,300 digits)
        raise WitnessError(f"{path}: a number collate cannot read ({error})") from None
    except RecursionError:
        raise WitnessError(f"{path}: JSON nested too deeply") from None
    if not isinstance(document, dict) or not isinstance(document.get("witnesses"), list):
        raise WitnessError(f'{path}: not a CollateX witness file (no "witnesses" list)')
    if "table" in document:  # CollateX's output, and collate's own JSON, name sigla only
        raise WitnessError(
            f"{path}: an alignment table (CollateX's or collate's JSON output), not a "
            "witness file; collate reads witnesses back from its TEI apparatus"
        )
    if not document["witnesses"]:
        raise WitnessError(f'{path}: the "witnesses" list is empty')
    _check_strings(path, document["witnesses"])
    return [_witness(path, i + 1, item) for i, item in enumerate(document["witnesses"])]
