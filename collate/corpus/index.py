"""The corpus index: every group, singleton and unusable document, and the links
between them, as `index.parquet`, `index.csv`, `links.csv` and `index.html`.

One row per group of versions (its members, their sizes and dates, its stemma's
derivation edges with their confidence, the groups and documents it shares reused
passages with, its report), per document standing alone (a singleton), and per
document that could not be used (with the problem). Rows and lists are sorted, so the
files are the same byte for byte however the work was run.
"""

from __future__ import annotations

import csv
import html
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..formats.csv import spreadsheet_cell
from ..output import write_atomic
from .collation import Derivation
from .store import StoredCorpus, StoredDocument
from .verification import Link


@dataclass(frozen=True)
class Entry:
    """A row of the index."""

    group: str
    kind: str  # "group", "singleton" or "problem"
    members: tuple[str, ...]
    words: tuple[int, ...]
    dates: tuple[str, ...]
    derivations: tuple[Derivation, ...] = ()
    #: groups (or lone documents) sharing a reused passage with this one
    reuse: tuple[str, ...] = ()
    report: str = ""
    problem: str = ""
    #: per member, the outlet or collection and the headline the table gives ("" where none)
    sources: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


def build_entries(
    corpus: StoredCorpus,
    lengths: Sequence[int],
    groups: Sequence[tuple[str, Sequence[int]]],
    derivations: dict[str, tuple[Derivation, ...]],
    errors: dict[str, str],
    links: Sequence[Link],
) -> tuple[list[Entry], dict[int, str]]:
    """The index rows, and per document number the unit (group or document) it is in."""
    documents = corpus.documents
    unit = {number: documents[number].id for number in range(len(documents))}
    for name, members in groups:
        for number in members:
            unit[number] = name
    reuse: dict[str, set[str]] = defaultdict(set)
    for link in links:
        ua, ub = unit[link.a], unit[link.b]
        if ua != ub:
            reuse[ua].add(ub)
            reuse[ub].add(ua)
    entries = []
    for name, members in groups:
        entries.append(
            Entry(
                name,
                "group",
                tuple(documents[m].id for m in members),
                tuple(lengths[m] for m in members),
                tuple(documents[m].date or "" for m in members),
                derivations.get(name, ()),
                tuple(sorted(reuse[name])),
                f"groups/{name}/report.html" if name not in errors else "",
                _problems(errors.get(name, ""), [documents[m] for m in members]),
                tuple(documents[m].source or "" for m in members),
                tuple(documents[m].title or "" for m in members),
            )
        )
    grouped = {m for _, members in groups for m in members}
    for number, document in enumerate(documents):
        if number not in grouped:
            entries.append(
                Entry(
                    "",
                    "singleton",
                    (document.id,),
                    (lengths[number],),
                    (document.date or "",),
                    reuse=tuple(sorted(reuse[document.id])),
                    problem=document.note or "",
                    sources=(document.source or "",),
                    titles=(document.title or "",),
                )
            )
    for problem in corpus.problems:
        entries.append(Entry("", "problem", (problem.document,), (), (), problem=problem.message))
    return entries, unit


def _problems(error: str, members: list[StoredDocument]) -> str:
    """What went wrong with a group: its collation's error, and each member's metadata
    that could not be used (a bad date is ignored, not silently dropped)."""
    notes = [f"{member.id}: {member.note}" for member in members if member.note]
    return "; ".join(filter(None, [error, *notes]))


def _flat(derivation: Derivation) -> str:
    said = f"{derivation.confidence:.2f}" + (f", {derivation.basis}" if derivation.basis else "")
    return f"{derivation.source} -> {derivation.target} ({said})"


def _row(cells: Sequence[object]) -> list[object]:
    # ids, titles and sources come from the user's table: a spreadsheet must not run
    # `=HYPERLINK(...)` in a title (the rule of `collate run`'s CSV)
    return [spreadsheet_cell(c) if isinstance(c, str) else c for c in cells]


def to_csv(entries: Sequence[Entry]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    columns = ["group", "kind", "size", "members", "words", "dates", "derivations", "reuse"]
    writer.writerow([*columns, "report", "problem", "sources", "titles"])
    for e in entries:
        writer.writerow(
            _row(
                [
                    e.group,
                    e.kind,
                    len(e.members),
                    "; ".join(e.members),
                    "; ".join(map(str, e.words)),
                    "; ".join(e.dates) if any(e.dates) else "",
                    "; ".join(_flat(d) for d in e.derivations if d.kind == "descent"),
                    "; ".join(e.reuse),
                    e.report,
                    e.problem,
                    "; ".join(e.sources) if any(e.sources) else "",
                    "; ".join(e.titles) if any(e.titles) else "",
                ]
            )
        )
    return out.getvalue().encode("utf-8")


def links_csv(links: Sequence[Link], names: Sequence[str], unit: dict[int, str]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["a", "b", "kind", "shared_a", "shared_b", "coverage_a", "coverage_b", "unit_a", "unit_b"]
    )
    for link in links:
        writer.writerow(
            _row(
                [
                    names[link.a],
                    names[link.b],
                    link.kind,
                    link.shared_a,
                    link.shared_b,
                    f"{link.coverage_a:.4f}",
                    f"{link.coverage_b:.4f}",
                    unit[link.a],
                    unit[link.b],
                ]
            )
        )
    return out.getvalue().encode("utf-8")


def to_parquet(entries: Sequence[Entry], path: Path) -> None:
    """The index as Parquet: list columns for members, sizes and dates, a list of
    structs for the derivations. Written to a buffer, then atomically into place."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    derivation = pa.struct(
        [
            ("source", pa.string()),
            ("target", pa.string()),
            ("confidence", pa.float64()),
            ("kind", pa.string()),
            ("basis", pa.string()),
        ]
    )
    schema = pa.schema(
        [
            ("group", pa.string()),
            ("kind", pa.string()),
            ("size", pa.int32()),
            ("members", pa.list_(pa.string())),
            ("words", pa.list_(pa.int64())),
            ("dates", pa.list_(pa.string())),
            ("derivations", pa.list_(derivation)),
            ("reuse", pa.list_(pa.string())),
            ("report", pa.string()),
            ("problem", pa.string()),
            ("sources", pa.list_(pa.string())),
            ("titles", pa.list_(pa.string())),
        ]
    )
    rows = [
        {
            "group": e.group,
            "kind": e.kind,
            "size": len(e.members),
            "members": list(e.members),
            "words": list(e.words),
            "dates": list(e.dates),
            "derivations": [vars(d) for d in e.derivations],
            "reuse": list(e.reuse),
            "report": e.report,
            "problem": e.problem,
            "sources": list(e.sources),
            "titles": list(e.titles),
        }
        for e in entries
    ]
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), buffer)
    write_atomic(path, buffer.getvalue())


_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:90%}
input{font:inherit;padding:.3em;width:20em}.problem{color:#a00}
"""
#: nothing is loaded from anywhere: the page works from disk and cannot call out
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
_SCRIPT = """
document.getElementById('filter').addEventListener('input',function(){
var q=this.value.toLowerCase();document.querySelectorAll('tbody tr, ul li').forEach(function(r){
r.hidden=q&&r.textContent.toLowerCase().indexOf(q)<0;});});
"""


def _each(values: tuple[str, ...], entry: Entry) -> tuple[str, ...]:
    return values or ("",) * len(entry.members)


def _first(entry: Entry) -> tuple[str, str]:
    return (entry.sources or ("",))[0], (entry.titles or ("",))[0]


def _described(source: str, title: str) -> str:
    """A member as a reader knows it: its outlet and its headline."""
    return ": ".join(filter(None, (source, title)))


def to_html(entries: Sequence[Entry], summary: str) -> bytes:
    """A page to browse the groups and open each one's report; works from disk."""
    e = html.escape
    groups = [x for x in entries if x.kind == "group"]
    groups.sort(key=lambda x: (-len(x.members), x.group))
    named = {x.group for x in groups}
    rows = []
    for x in groups:
        link = f'<a href="{e(x.report)}">{e(x.group)}</a>' if x.report else e(x.group)
        members = "<br>".join(
            e(m)
            + (f" <small>({e(d)})</small>" if d else "")
            + f" <small>{w} words</small>"
            + (f"<br><small>{e(_described(s, t))}</small>" if s or t else "")
            for m, w, d, s, t in zip(
                x.members, x.words, x.dates, _each(x.sources, x), _each(x.titles, x), strict=True
            )
        )
        derivations = "<br>".join(e(_flat(d)) for d in x.derivations if d.kind == "descent") or "—"
        reuse = ", ".join(f'<a href="#{e(r)}">{e(r)}</a>' if r in named else e(r) for r in x.reuse)
        problem = f'<div class="problem">{e(x.problem)}</div>' if x.problem else ""
        rows.append(
            f'<tr id="{e(x.group)}"><td>{link}{problem}</td><td>{len(x.members)}</td>'
            f"<td>{members}</td><td>{derivations}</td><td>{reuse}</td></tr>"
        )
    alone = [x for x in entries if x.kind == "singleton"]
    problems = [x for x in entries if x.kind == "problem"]
    singles = "".join(
        f"<li>{e(x.members[0])}"
        + (f" <small>{e(_described(*_first(x)))}</small>" if any(_first(x)) else "")
        + (f" — reuse with {e(', '.join(x.reuse))}" if x.reuse else "")
        + "</li>"
        for x in alone
    )
    bad = "".join(
        f'<li><b>{e(x.members[0])}</b>: <span class="problem">{e(x.problem)}</span></li>'
        for x in problems
    )
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>Corpus index</title><style>{_STYLE}</style></head><body>
<h1>Corpus index</h1><p>{e(summary)}</p>
<p><input id="filter" placeholder="Filter by document or group" aria-label="filter"></p>
<h2>Groups of versions ({len(groups)})</h2>
<table><thead><tr><th>group (report)</th><th>size</th><th>members</th>
<th>derivations (confidence)</th><th>reuse links</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table>
<h2>Documents standing alone ({len(alone)})</h2><ul>{singles}</ul>
<h2>Documents not used ({len(problems)})</h2><ul>{bad}</ul>
<script>{_SCRIPT}</script></body></html>
"""
    return page.encode("utf-8")
