"""A project file: everything about one edition that the command line can say, and what
it cannot (title, editors, sigla, witness descriptions), kept beside the witnesses.

`collate.toml` in a folder of witnesses is read when the folder is collated (or name
one with `--project FILE`; `collate.run(..., project=...)`). Settings given on the
command line (or to `collate.run`) win over the file's. Paths are relative to the
file's folder. For example:

```toml
title = "The General Prologue, lines 1-10"
editors = ["A. Scholar"]          # or: editor = "A. Scholar"
base = "El"                       # the base text: <lem> and lemma ] variants
rules = "spelling.rules"          # normalisation rules (collate/rules.py)
engine = "anchor"
output = "prologue.xml"           # as -o
# any other option of `collate run`, by its name without the dashes:
# format, stemma, encoding, max-input-mib, unicode-form, case-fold, fold-punctuation,
# strip-diacritics, near-spelling, token-pattern, whitespace, metadata, wit-start,
# lacuna-marker;
# and inputs = ["a.txt", "b.txt"] for witnesses other than the folder's files.

[witnesses."El.txt"]              # a witness by its file name (or its own siglum)
siglum = "El"                     # the siglum to use, as it is (an xml:id is made of it)
date = "1400/1410"                # ISO 8601 or a range, as in witnesses.csv
type = "manuscript"               # manuscript, print or revision
extent = "fragment"               # fragment, excerpt or whole, as in witnesses.csv
description = "San Marino, Huntington Library, MS EL 26 C 9"
encoding = "cp1252"               # a text file's encoding, instead of the run's

[witnesses."second/El.txt"]       # by its path from this file's folder: two files
siglum = "El2"                    # of one name in two folders
```

A witness's table is found by its file's path from the project file's folder, else by
its file name, else by its siglum. A per-witness `encoding` wins over the run's
(`--encoding`, `encoding = ...` above) for that file; a byte-order mark wins over both.

Dates, types, extents and descriptions are checked as `witnesses.csv` rows are
(`collate.metadata`). A mistake in the file is one error naming the file and the
problem: TOML syntax (with its line), an unknown key, a value of the wrong kind, a
witness that is not there, two witnesses given one siglum, a base that is no witness.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

from .apparatus import WHITESPACE_MODES
from .engines import ENGINE_NAMES
from .errors import CollateError, InvalidNormalizationError, UnknownBaseError
from .formats import FORMATS
from .lacunae import MARKER as LACUNA_MARKER
from .metadata import WitnessMetadata, witness_metadata
from .model import Edition, Witness
from .normalize import UNICODE_FORMS, Normalization
from .rules import Rules, read_rules


class ProjectError(CollateError, ValueError):
    """A project file cannot be read or says something impossible."""


#: setting -> (the `collate run` option's parameter name, the kind of value)
_SETTINGS: dict[str, tuple[str, type]] = {
    "output": ("output", str),
    "format": ("format", str),
    "stemma": ("stemma_output", str),
    "engine": ("engine", str),
    "encoding": ("encoding", str),
    "max-input-mib": ("max_input_mib", int),
    "unicode-form": ("unicode_form", str),
    "case-fold": ("case_fold", bool),
    "fold-punctuation": ("fold_punctuation", bool),
    "strip-diacritics": ("strip_diacritics", bool),
    "near-spelling": ("near_spelling", bool),
    "token-pattern": ("token_pattern", str),
    "whitespace": ("whitespace", str),
    "metadata": ("metadata", str),
    "rules": ("rules", str),
    "base": ("base", str),
    "wit-start": ("wit_start", bool),
    "title": ("title", str),
    "lacuna-marker": ("lacuna_marker", str),
}
#: settings that name a file, relative to the project file's folder
_PATHS = {"output", "stemma_output", "metadata", "rules"}
#: settings with a fixed set of values, checked as the file is read
_CHOICES: dict[str, Sequence[str]] = {
    "engine": ENGINE_NAMES,
    "format": tuple(FORMATS),
    "whitespace": WHITESPACE_MODES,
    "unicode_form": UNICODE_FORMS,
}
_WITNESS_KEYS = ("siglum", "date", "type", "extent", "description", "encoding")
#: the normalisation settings, by their `Normalization` field
NORMALIZATION_SETTINGS = (
    "unicode_form",
    "case_fold",
    "fold_punctuation",
    "strip_diacritics",
    "near_spelling",
)


class WitnessEntry(NamedTuple):
    """What the project says about one witness, found by file name or siglum."""

    key: str
    siglum: str | None = None
    metadata: WitnessMetadata | None = None


@dataclass(frozen=True)
class Project:
    """A project file, read and checked."""

    path: Path
    #: per `collate run` option (its parameter name): the value the file gives
    settings: Mapping[str, Any] = field(default_factory=dict)
    editors: tuple[str, ...] = ()
    inputs: tuple[Path, ...] = ()
    witnesses: tuple[WitnessEntry, ...] = ()
    #: the settings given elsewhere (`override`), whose errors are not the file's
    overridden: frozenset[str] = frozenset()

    def get(self, name: str, default: Any = None) -> Any:
        """The value the project gives a setting (by its parameter name), or `default`."""
        return self.settings.get(name, default)

    def normalization(self) -> Normalization:
        """The normalisation the project's settings and rules give."""
        given = {
            name: self.settings[name] for name in NORMALIZATION_SETTINGS if name in self.settings
        }
        rules = self.get("rules")
        try:
            return Normalization(
                **given,
                rules=read_rules(rules, case_fold=given.get("case_fold", True))
                if rules
                else Rules(),
            )
        except InvalidNormalizationError as error:
            raise ProjectError(f"{self.path}: {error}") from None

    def override(self, given: Mapping[str, Any]) -> Project:
        """The project with these settings (given elsewhere, e.g. on the command line)
        in place of its own."""
        return replace(
            self,
            settings={**self.settings, **given},
            overridden=self.overridden | frozenset(given),
        )

    def edition(self) -> Edition:
        """The title, editors, base, witStart and lacuna marker the project gives."""
        return Edition(
            self.get("title"),
            self.editors,
            self.get("base"),
            bool(self.get("wit_start")),
            self.get("lacuna_marker", LACUNA_MARKER),
        )

    def _entry(self, keys: Iterable[str | None]) -> WitnessEntry | None:
        by_key = {e.key: e for e in self.witnesses}
        return next((by_key[k] for k in keys if k is not None and k in by_key), None)

    def _path_key(self, path: str | os.PathLike[str]) -> str:
        """A file's path from the project file's folder, as a key of [witnesses] is
        written (`d1/X.txt`); the file itself may be a link, its folder is followed."""
        path = Path(path)
        folder = os.path.realpath(self.path.parent)
        where = os.path.join(os.path.realpath(path.parent), path.name)
        return Path(os.path.relpath(where, folder)).as_posix()

    def encoding_for(self, path: str | os.PathLike[str]) -> str | None:
        """The encoding the project gives a witness file: by its path, its name, or the
        siglum a text file takes from its name."""
        path = Path(path)
        entry = self._entry((self._path_key(path), path.name, path.stem))
        return None if entry is None or entry.metadata is None else entry.metadata.encoding

    def apply(
        self, witnesses: Sequence[Witness], origins: Sequence[str | os.PathLike[str]] = ()
    ) -> tuple[Witness, ...]:
        """The witnesses with the sigla, dates, descriptions and extents the project gives;
        `origins`, where given, per witness the file it was read from."""
        found: set[str] = set()
        result: list[Witness] = []
        for number, witness in enumerate(witnesses):
            path = self._path_key(origins[number]) if origins else None
            entry = self._entry((path, witness.source, witness.siglum))
            if entry is None:
                result.append(witness)
                continue
            found.add(entry.key)
            changes: dict[str, Any] = {}
            if entry.siglum:
                changes["siglum"] = entry.siglum
            if entry.metadata is not None and entry.metadata.date:
                changes["date"] = entry.metadata.date
            if entry.metadata is not None and entry.metadata.description:
                changes["description"] = entry.metadata.description
            if entry.metadata is not None and entry.metadata.extent:
                changes["extent"] = entry.metadata.extent
            result.append(replace(witness, **changes))
        missing = [e.key for e in self.witnesses if e.key not in found]
        if missing:
            known = ", ".join(sorted(w.source or w.siglum for w in witnesses))
            raise ProjectError(
                f"{self.path}: [witnesses.{missing[0]!r}] is no witness here (the "
                f"witnesses are: {known})"
            )
        sigla: dict[str, str] = {}
        renamed = {w.siglum for w, o in zip(result, witnesses, strict=True) if w.siglum != o.siglum}
        for witness in result:
            # two files of one siglum the project left alone: `check_witnesses` says so
            if witness.siglum in sigla and witness.siglum in renamed:
                raise ProjectError(
                    f"{self.path}: two witnesses would have the siglum {witness.siglum!r} "
                    f"({sigla[witness.siglum]} and {witness.source or witness.siglum})"
                )
            sigla[witness.siglum] = witness.source or witness.siglum
        base = self.get("base")
        if base is not None and base not in sigla:
            # named as the library names a setting, which a front end renames (--base)
            # the command line's --base is a wrong request (exit 2); the file's, bad input
            overridden = "base" in self.overridden
            where = "the `base`" if overridden else f"{self.path}: the base"
            raise (UnknownBaseError if overridden else ProjectError)(
                f"{where} {base!r} is no witness's siglum (the sigla are: "
                f"{', '.join(sorted(sigla))})",
                parameter="base",
            )
        return tuple(result)

    def kinds(self) -> dict[str, str]:
        """Per siglum (as the project names it), the kind of witness it gives."""
        return {
            (e.siglum or e.key): e.metadata.type
            for e in self.witnesses
            if e.metadata is not None and e.metadata.type
        }


def read_project(path: str | os.PathLike[str]) -> Project:
    """The project a file gives; ProjectError, one line naming the file, if it cannot."""
    import tomllib  # here, not at the top: most runs have no project file (4 ms of start)

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ProjectError(f"{path}: the project file cannot be read ({reason})") from None
    except tomllib.TOMLDecodeError as error:
        raise ProjectError(f"{path}: not valid TOML ({error})") from None
    folder = path.parent
    settings: dict[str, Any] = {}
    editors: tuple[str, ...] = ()
    inputs: tuple[Path, ...] = ()
    witnesses: tuple[WitnessEntry, ...] = ()
    for key, value in data.items():
        if key in _SETTINGS:
            name, kind = _SETTINGS[key]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise ProjectError(f"{path}: {key} must be {_kind_name(kind)}, not {value!r}")
            # "-" is standard output, which the command line writes, not a file here
            relative = name in _PATHS and value != "-"
            settings[name] = str(folder / str(value)) if relative else value
            choices = _CHOICES.get(name)
            if choices is not None and value not in choices:
                raise ProjectError(f"{path}: {key} {value!r} is not one of {', '.join(choices)}")
        elif key in ("editor", "editors"):
            names = [value] if isinstance(value, str) else value
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise ProjectError(f"{path}: {key} must be a name or a list of names")
            editors += tuple(names)
        elif key == "inputs":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ProjectError(f"{path}: inputs must be a list of files or folders")
            inputs = tuple(folder / v for v in value)
        elif key == "witnesses":
            witnesses = _witnesses(path, value)
        else:
            known = ", ".join([*_SETTINGS, "editors", "inputs", "witnesses"])
            raise ProjectError(f"{path}: unknown setting {key!r} (known: {known})")
    return Project(path, settings, editors, inputs or (folder,), witnesses)


def _kind_name(kind: type) -> str:
    return {str: "text", bool: "true or false", int: "a whole number"}.get(kind, "other")


def _witnesses(path: Path, table: object) -> tuple[WitnessEntry, ...]:
    if not isinstance(table, dict):
        raise ProjectError(f'{path}: witnesses must be a table: [witnesses."FILE"]')
    entries = []
    for key, entry in table.items():
        where = f"{path}: [witnesses.{key!r}]"
        if not isinstance(entry, dict):
            raise ProjectError(f"{where} must be a table of {', '.join(_WITNESS_KEYS)}")
        unknown = sorted(set(entry) - set(_WITNESS_KEYS))
        if unknown:
            raise ProjectError(
                f"{where}: unknown key {unknown[0]!r} (known: {', '.join(_WITNESS_KEYS)})"
            )
        if not all(isinstance(v, str) for v in entry.values()):
            raise ProjectError(f"{where}: every value must be text")
        siglum = entry.get("siglum")
        if siglum is not None and (not siglum or siglum != siglum.strip()):
            raise ProjectError(f"{where}: a siglum cannot be empty or begin or end with a space")
        try:
            metadata = witness_metadata(siglum or key, entry)
        except ValueError as problem:
            raise ProjectError(f"{where}: {problem}") from None
        entries.append(WitnessEntry(_normal_key(key), siglum, metadata))
    return tuple(entries)


def _normal_key(key: str) -> str:
    """A key naming a file by its path, as `_path_key` writes one (`./d1//X.txt` is
    `d1/X.txt`); a bare name or siglum as it is."""
    if "/" not in key and os.sep not in key:
        return key
    return Path(os.path.normpath(key)).as_posix()
