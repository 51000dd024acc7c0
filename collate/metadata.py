"""Witness metadata from a file beside the witnesses: dates, descriptions, kinds.

A folder of witnesses may hold `witnesses.csv` (UTF-8, comma-separated, a header row):

```
siglum,date,type,extent,description
1859,1859-11-24,print,,"First edition, John Murray"
A,1400/1450,manuscript,fragment,"Paris, BnF, lat. 1234 (ff. 1-8 lost)"
B,1420,manuscript,excerpt,"a florilegium: chapters 3-5 only"
```

- `siglum` (required): the witness's siglum (its file name without the ending, or the
  siglum a TEI or JSON file gives it);
- `date`: an ISO 8601 date (`1859`, `1859-11`, `1859-11-24`, or a day with a time,
  `2004-05-01T10:00Z`) or a range between two of them, `1400/1450` (ISO 8601's
  interval form), for "written between"; each a moment, day, month or year of the
  (proleptic Gregorian) calendar: `1859-13` and `1859-02-30` are refused
  (`collate.dates`);
- `type`: `manuscript`, `print` or `revision` (a state of a text its author or
  editors revised): what kind of transmission made the witness;
- `extent`: how much of the text the witness keeps: `fragment` (it lost leaves at its
  beginning or end, or both), `excerpt` (it was only ever a part of the text) or
  `whole`. Of a fragment or an excerpt, whatever it lacks before its first surviving
  text and after its last is lost, never omitted: a lacuna in the stemma, the apparatus,
  the report and NEXUS (`collate.absences`), however short, and even where the
  collation scattered a few of its words over the stretch it lacks. Of a `whole`
  witness nothing at its ends is taken for lost: what it lacks there it left out.
  Left empty, a fragment is found from the collation (`collate.absences`). Whether a
  witness is a fragment is not its `type`: a fragmentary manuscript is a `manuscript`
  of extent `fragment`;
- `description`: free text, kept for the record;
- `encoding`: the encoding a text witness's file is in (`latin-1`, `cp1252`), where it
  is not the run's (`--encoding`); a byte-order mark still wins.

Every column but `siglum` may be left empty or left out. A date given here replaces
one the witness's own file gives (a TEI `sourceDesc` date); a siglum the file names
that is not among the witnesses is an error, so a typo does not go unnoticed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

# re-exported: other modules took them from here before dates had a module of their own
from .dates import check_date as check_date
from .dates import date_range as date_range
from .dates import days_in_month as days_in_month
from .dates import is_later as is_later
from .errors import WitnessError
from .model import EXTENTS, Witness
from .readers.text import text_encoding
from .records import replace

#: The file a folder of witnesses may hold its metadata in.
METADATA_FILE = "witnesses.csv"
#: the project file beside the witnesses (read by `collate.project`)
PROJECT_FILE = "collate.toml"
TYPES = ("manuscript", "print", "revision")
#: how much of the text a witness keeps (`Witness.extent`)
FRAGMENT, EXCERPT, WHOLE = EXTENTS
#: the extents whose witnesses lack the text beyond their ends
PARTIAL = (FRAGMENT, EXCERPT)
COLUMNS = ("siglum", "date", "type", "extent", "description", "encoding")


class MetadataError(WitnessError):
    """A witness metadata file cannot be read or says something impossible."""


class WitnessMetadata(NamedTuple):
    siglum: str
    #: ISO 8601 date, or `earliest/latest`
    date: str | None = None
    type: str | None = None
    description: str | None = None
    #: the encoding its text file is read in, instead of the run's
    encoding: str | None = None
    #: how much of the text it keeps: `fragment`, `excerpt` or `whole` (`EXTENTS`)
    extent: str | None = None


def entry_problem(date: str | None, kind: str | None, extent: str | None = None) -> str | None:
    """What is wrong with a witness's date, type and extent (as given), or None."""
    problem = check_date(date) if date else None
    if problem is None and kind is not None and kind not in TYPES:
        # a fragment is a state of the text, not a kind of transmission: say where it goes
        where = " (a fragment or an excerpt is given as its extent)" if kind in PARTIAL else ""
        problem = f"type {kind!r} is not one of {', '.join(TYPES)}{where}"
    if problem is None and extent is not None and extent not in EXTENTS:
        problem = f"extent {extent!r} is not one of {', '.join(EXTENTS)}"
    return problem


def witness_metadata(siglum: str, entry: Mapping[str, str]) -> WitnessMetadata:
    """The metadata one entry (a row of witnesses.csv, a project's witness) gives a
    witness; a ValueError says what is wrong with its date or type."""
    date = entry.get("date") or None
    kind = (entry.get("type") or "").lower() or None
    extent = (entry.get("extent") or "").lower() or None
    problem = entry_problem(date, kind, extent)
    if problem:
        raise ValueError(problem)
    encoding = entry.get("encoding") or None
    try:
        text_encoding(encoding)
    except WitnessError as error:
        raise ValueError(str(error)) from None
    return WitnessMetadata(siglum, date, kind, entry.get("description") or None, encoding, extent)


def read_metadata(path: str | os.PathLike[str]) -> dict[str, WitnessMetadata]:
    """The metadata a file gives, by siglum. Raises MetadataError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise MetadataError(f"{path}: cannot be read ({reason})") from None
    import csv  # here: most runs have no metadata file

    rows = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in rows.fieldnames or []]
    if "siglum" not in fields:
        raise MetadataError(
            f"{path}: the first row must name the columns, with 'siglum' among them"
        )
    unknown = sorted(set(fields) - set(COLUMNS))
    if unknown:
        raise MetadataError(f"{path}: unknown column {unknown[0]!r} ({', '.join(COLUMNS)})")
    found: dict[str, WitnessMetadata] = {}
    for line, raw in enumerate(rows, start=2):
        row = {
            (k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else ""
            for k, v in raw.items()
        }
        siglum = row.get("siglum", "")
        if not siglum:
            raise MetadataError(f"{path}, line {line}: no siglum")
        if siglum in found:
            raise MetadataError(f"{path}, line {line}: siglum {siglum!r} given twice")
        try:
            found[siglum] = witness_metadata(siglum, row)
        except ValueError as problem:
            raise MetadataError(f"{path}, line {line}: {problem} (witness {siglum!r})") from None
    return found


def find_metadata(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The metadata files beside the inputs: `witnesses.csv` in each folder given."""
    return _in_folders(inputs, METADATA_FILE)


def find_project(inputs: Iterable[str | os.PathLike[str]]) -> Path | None:
    """The project file beside the inputs: `collate.toml` in a folder given. Here, not in
    `collate.project`, so that a run without one never loads that module."""
    return next(iter(_in_folders(inputs, PROJECT_FILE)), None)


def _in_folders(inputs: Iterable[str | os.PathLike[str]], name: str) -> list[Path]:
    """The file `name` in each folder among the inputs that holds one."""
    found = []
    for item in inputs:
        candidate = Path(item) / name
        try:
            if Path(item).is_dir() and candidate.is_file():
                found.append(candidate)
        except OSError:  # a folder that cannot be searched: reading it says so
            continue
    return found


def load_metadata(
    paths: Sequence[str | os.PathLike[str]], given: Sequence[str | os.PathLike[str]] = ()
) -> dict[str, WitnessMetadata]:
    """The metadata of several files together (a siglum in two of them is an error), and
    over them the files `given` on the command line: what those say of a witness wins,
    as a command line's options win over a project file, and what they leave blank the
    folder's file still gives."""
    merged = _merged(paths)
    for siglum, entry in _merged(given).items():
        before = merged.get(siglum)
        merged[siglum] = entry if before is None else _over(entry, before)
    return merged


def _merged(paths: Sequence[str | os.PathLike[str]]) -> dict[str, WitnessMetadata]:
    merged: dict[str, WitnessMetadata] = {}
    origin: dict[str, Path] = {}
    for path in paths:
        for siglum, entry in read_metadata(path).items():
            if siglum in merged:
                raise MetadataError(f"{path}: siglum {siglum!r} is also given in {origin[siglum]}")
            merged[siglum], origin[siglum] = entry, Path(path)
    return merged


def _over(entry: WitnessMetadata, before: WitnessMetadata) -> WitnessMetadata:
    return entry._replace(
        date=entry.date or before.date,
        type=entry.type or before.type,
        description=entry.description or before.description,
        encoding=entry.encoding or before.encoding,
        extent=entry.extent or before.extent,
    )


def apply_metadata(
    witnesses: Sequence[Witness],
    metadata: Mapping[str, WitnessMetadata],
    source: str = METADATA_FILE,
) -> tuple[Witness, ...]:
    """The witnesses with the dates, descriptions and extents the metadata gives them
    (replacing their own)."""
    sigla = {w.siglum for w in witnesses}
    stray = sorted(set(metadata) - sigla)
    if stray:
        raise MetadataError(f"{source}: siglum {stray[0]!r} is not among the witnesses")
    return tuple(_with(w, metadata[w.siglum]) if w.siglum in metadata else w for w in witnesses)


def _with(witness: Witness, entry: WitnessMetadata) -> Witness:
    return replace(
        witness,
        date=entry.date or witness.date,
        description=entry.description or witness.description,
        extent=entry.extent or witness.extent,
    )


def types_of(metadata: Mapping[str, WitnessMetadata]) -> dict[str, str]:
    """Per siglum, the kind of witness where the metadata says."""
    return {s: m.type for s, m in metadata.items() if m.type}
