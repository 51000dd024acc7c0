"""How the TEI writes locations that only whitespace separates, on the real corpora: per
corpus, the top-level `<app>`s, all `<app>`s (nested ones included), the most location
numbers one `<app>` holds (its `@n`) and one that holds no other `<app>` (so its
readings are whole texts), and, where the writer has families
(`collate.formats.tei_body`), the families written as a nested reading and those that
fell back to each member's whole text because a viewer would have shown them wrong.

    python -m benchmarks.tei_families [--wikipedia N]

Run it from two checkouts (`PYTHONPATH=OLD python -m benchmarks.tei_families`) for a
baseline in the same session; the family columns are blank for a writer without them.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree

import collate
from collate.formats import tei_body
from collate.xmltools import tei

from .viewer_words import viewer_corpora

_APP, _READINGS = tei("app"), (tei("rdg"), tei("lem"))


def _count_families() -> Counter[str] | None:
    """Count the families the writer writes, nested and fallen back, if it has them."""
    writer: Any = getattr(tei_body, "_Writer", None)
    if not hasattr(writer, "families"):
        return None
    counts: Counter[str] = Counter()
    original = writer.families

    def families(self: Any, parent: etree._Element, item: Any) -> None:
        for family in item.families:
            if len(family.sigla) > 1:
                alike = len({item.texts[s] for s in family.sigla}) == 1
                kind = "alike" if alike else "nested" if family.items is not None else "fallback"
                counts[kind] += 1
        original(self, parent, item)

    writer.families = families
    return counts


def measure(inputs: list[Path], counts: Counter[str] | None) -> dict[str, int]:
    if counts is not None:
        counts.clear()
    data = collate.render(collate.run(inputs), "tei")
    root = etree.fromstring(data)
    apps = list(root.iter(_APP))
    top = [a for a in apps if next(a.iterancestors(*_READINGS), None) is None]
    result = {
        "top": len(top),
        "all": len(apps),
        "largest": max((len((a.get("n") or "").split()) for a in apps), default=0),
        # an `<app>` holding no other: its readings are whole texts
        "whole": max(
            (len((a.get("n") or "").split()) for a in apps if a.find(f".//{_APP}") is None),
            default=0,
        ),
    }
    if counts is not None:
        result.update({k: counts[k] for k in ("nested", "fallback")})
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wikipedia", type=int, default=20, help="histories (sorted by name)")
    args = parser.parse_args()
    counts = _count_families()
    cases, histories = viewer_corpora()
    print(
        "| corpus | top-level apps | all apps | largest @n | largest @n of whole texts | "
        "families nested | fallen back |"
    )
    print("|---|---|---|---|---|---|---|")

    def row(name: str, result: dict[str, int]) -> None:
        family = [str(result[k]) if k in result else "" for k in ("nested", "fallback")]
        print(
            f"| {name} | {result['top']:,} | {result['all']:,} | {result['largest']} | "
            f"{result['whole']} | {' | '.join(family)} |",
            flush=True,
        )

    for name, inputs in cases.items():
        row(name, measure(inputs, counts))
    total: Counter[str] = Counter()
    largest = {"largest": 0, "whole": 0}
    for history in histories[: args.wikipedia]:
        result = measure([history / "witnesses"], counts)
        for key in largest:
            largest[key] = max(largest[key], result.pop(key))
        total.update(result)
    row(f"wikipedia, first {args.wikipedia}", {**total, **largest})


if __name__ == "__main__":
    main()
