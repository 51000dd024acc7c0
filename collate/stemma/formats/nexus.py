"""The variant locations as a NEXUS character matrix, for PAUP*, MrBayes, SplitsTree.

One character per variant location, one taxon per witness, in the shape teiphy
writes: a TAXA block with the sigla, a CHARACTERS block of DATATYPE=STANDARD whose
CHARSTATELABELS name each location's readings (by their normal form; an omission is
"om."), and the matrix of state symbols. Where a witness lacks the text rather than
omits it (inside a lacuna it marks, at the lacuna's sign itself, before a fragment
begins or after it ends: `collate.absences`) it is `?`, missing, as teiphy codes a
lacuna: coded as an omission, lost text would read as shared omissions to PAUP*,
MrBayes and SplitsTree. The stemma itself is not needed: the matrix is what other
programs infer their trees from.
"""

from __future__ import annotations

from ...absences import absences
from ...lacunae import MARKER, holds_marker
from ...model import Apparatus

#: State symbols, as NEXUS allows them (teiphy's order); a location with more
#: readings keeps the first ones and marks the rest missing.
SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _quote(label: str) -> str:
    """A NEXUS word: quoted when it holds anything but letters, digits and `_.-`."""
    if label and all(c.isalnum() or c in "_.-" for c in label):
        return label
    return "'" + label.replace("'", "''") + "'"


def _read_by_one_with_text(
    sigla: tuple[str, ...], number: int, absent: dict[str, dict[int, str]]
) -> bool:
    """Whether a reading is some witness's own, not only the empty place of witnesses
    that lack the text there."""
    return any(number not in absent.get(siglum, ()) for siglum in sigla)


def render(apparatus: Apparatus, lacuna_marker: str = MARKER) -> bytes:
    sigla = sorted(apparatus.sigla)
    locations = apparatus.variant_locations
    labels: list[str] = []
    rows: dict[str, list[str]] = {s: [] for s in sigla}
    capped: list[str] = []
    absent = absences(apparatus, lacuna_marker)
    signs: dict[str, bool] = {}  # per distinct reading: does it hold the lacuna's sign
    for number, location in enumerate(locations, start=1):
        states: dict[str, int] = {}
        for reading in location.readings:
            if reading.normal not in signs:
                signs[reading.normal] = holds_marker(tuple(reading.normal.split()), lacuna_marker)
            if not signs[reading.normal] and _read_by_one_with_text(
                reading.sigla, location.number, absent
            ):
                states.setdefault(reading.normal, len(states))
        if len(states) > len(SYMBOLS):
            capped.append(f"L{location.number} ({len(states)} readings)")
        names = " ".join(_quote(normal or "om.") for normal in list(states)[: len(SYMBOLS)])
        labels.append(f"\t\t{number} {_quote(f'L{location.number}')} / {names}")
        for siglum in sigla:
            state = states.get(location.reading_of(siglum).normal, len(SYMBOLS))
            if location.number in absent.get(siglum, ()):
                state = len(SYMBOLS)
            rows[siglum].append(SYMBOLS[state] if state < len(SYMBOLS) else "?")
    width = max((len(_quote(s)) for s in sigla), default=0)
    # said in the file, where whoever reads the matrix sees it: a NEXUS comment
    overflow = (
        [f"[Coded ? (missing) past the {len(SYMBOLS)}th reading: {', '.join(capped)}]", ""]
        if capped
        else []
    )
    lines = [
        "#NEXUS",
        "",
        *overflow,
        "BEGIN TAXA;",
        f"\tDIMENSIONS NTAX={len(sigla)};",
        "\tTAXLABELS",
        *(f"\t\t{_quote(s)}" for s in sigla),
        "\t;",
        "END;",
        "",
        "BEGIN CHARACTERS;",
        f"\tDIMENSIONS NCHAR={len(locations)};",
        f'\tFORMAT DATATYPE=STANDARD MISSING=? GAP=- SYMBOLS="{" ".join(SYMBOLS)}";',
        "\tCHARSTATELABELS",
        ",\n".join(labels),
        "\t;",
        "\tMATRIX",
        *(f"\t\t{_quote(s).ljust(width)} {''.join(rows[s])}" for s in sigla),
        "\t;",
        "END;",
        "",
    ]
    return "\n".join(lines).encode("utf-8")
