"""How minimal the variant locations are, how whitespace enters them, and whether the TEI
gives every witness back: measured on the seeds, Darwin chapter 1 (six editions) and
Darwin's *Origin* (three editions).

For each corpus and whitespace mode:
- `aligned runs`: locations holding a run of 3+ words that all the location's present
  witnesses (those with a reading there, two or more) read alike in the same columns,
  while their readings differ other than in whitespace (a location that *is* such a
  run, against the others' omission, is the encoding the issue asks for, also where the
  present witnesses wrap a line inside it differently; before 1 December 2026 such a
  location was counted);
- `common 3-grams`: locations whose present readings differ and yet all contain one same
  run of 3 words, aligned or not (an upper bound: it counts moved and repeated phrases);
- `whitespace-only`: locations whose readings differ in whitespace alone (layout);
- `word division`: locations whose readings are the same characters divided into other
  words ("Goodwood" / "Good wood"), a variant in its own right (counted as
  whitespace-only before 1 December 2026);
- `extract`: witnesses whose bytes `collate extract` gives back exactly, through the TEI;
- `valid`: the TEI passes `collate validate` (and tei_all, with --tei-all).

    .venv/bin/python -m benchmarks.segmentation            # all corpora, both modes
    .venv/bin/python -m benchmarks.segmentation --corpus seeds --tei-all

Corpora are read from `../shared` beside the repository, or from $COLLATE_SHARED.
"""

from __future__ import annotations

import argparse
import inspect
import os
import re
import tempfile
import time
from pathlib import Path

from lxml import etree

import collate
from collate.validate import check_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COLLATE_SHARED", ROOT.parent / "shared"))
CORPORA = {
    "seeds": SHARED / "seeds",
    "darwin-ch1": SHARED / "corpora" / "darwin-ch1",
    "darwin-origin": SHARED / "corpora" / "darwin-origin",
}
RUN = 3


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _aligned_run(alignment: collate.Alignment, location: collate.VariantLocation) -> bool:
    """A run of RUN+ words that all the location's present witnesses (those with a
    reading there, two or more) read alike, in the same columns, in a location whose
    present readings are not all alike (the issue's target)."""
    sigla = alignment.sigla
    present = tuple(bool(location.reading_of(s).text) for s in sigla)
    # readings apart in whitespace alone read alike (whitespace is no variant by default):
    # the run against the others' omission, with a line wrapped otherwise inside it
    # (Darwin 1872's "followed , and"), is the encoding asked for, not a run inside
    if sum(present) < 2 or len({"".join(r.text.split()) for r in location.readings if r.text}) < 2:
        return False
    words = 0
    for column in range(*location.columns):
        tokens = alignment.tokens(column)
        texts = [t.text for t in tokens if t is not None and t.text]
        if not texts:
            continue  # a column of empty tokens (whitespace before a first word)
        here = tuple(t is not None and bool(t.text) for t in tokens)
        if here == present and len(set(texts)) == 1:
            words += any(c.isalnum() for c in texts[0])
            if words >= RUN:
                return True
        else:
            words = 0
    return False


def _common_ngram(location: collate.VariantLocation) -> bool:
    present = {r.text for r in location.readings if r.text}
    if len(present) < 2:
        return False
    grams = []
    for text in present:
        words = _words(text)
        grams.append({tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)})
    return bool(set.intersection(*grams))


def _whitespace_only(location: collate.VariantLocation) -> bool:
    """Readings apart in layout alone: the same words, the same characters, whitespace
    placed or spelled otherwise (not a word division, see `_word_division`)."""
    squeezed = {"".join(r.text.split()) for r in location.readings}
    divisions = {tuple(_WORD.findall(r.text)) for r in location.readings}
    return len(squeezed) == 1 and len(divisions) == 1


def _word_division(location: collate.VariantLocation) -> bool:
    """Readings with the same characters divided into other words ("Goodwood" / "Good
    wood"): a variant of its own in the field, counted apart from whitespace."""
    squeezed = {"".join(r.text.split()) for r in location.readings}
    divisions = {tuple(_WORD.findall(r.text)) for r in location.readings}
    return len(squeezed) == 1 and len(divisions) > 1


def measure(corpus: Path, whitespace: str, tei_all: bool) -> dict[str, object]:
    witnesses = collate.read_witnesses([corpus])
    options = {}
    if "whitespace" in inspect.signature(collate.collate).parameters:
        options["whitespace"] = whitespace
    elif whitespace != "variants":
        raise SystemExit("this version of collate has no whitespace option")
    started = time.perf_counter()
    collation = collate.collate(witnesses, **options)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    apparatus, alignment = collation.apparatus, collation.alignment
    locations = apparatus.variant_locations
    data = collate.render(collation, "tei")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "apparatus.xml"
        path.write_bytes(data)
        extracted = 0
        for witness in witnesses:
            source = corpus / (witness.source or "")
            got = collate.extract(path, witness.siglum).data
            extracted += source.is_file() and got == source.read_bytes()
        started = time.perf_counter()
        document = etree.parse(str(path))
        problems = check_document(document, tei_all=True) if tei_all else check_document(document)
        validate_seconds = time.perf_counter() - started
    characters = sum(len(r.text) for loc in locations for r in loc.readings)
    return {
        "locations": len(locations),
        "aligned runs": sum(_aligned_run(alignment, loc) for loc in locations),
        "common 3-grams": sum(_common_ngram(loc) for loc in locations),
        "whitespace-only": sum(_whitespace_only(loc) for loc in locations),
        "word division": sum(_word_division(loc) for loc in locations),
        "longest reading": max((len(r.text) for loc in locations for r in loc.readings), default=0),
        "reading chars": characters,
        "extract": f"{extracted}/{len(witnesses)}",
        "valid": "yes" if not problems else f"no: {problems[0]}",
        "collate s": round(seconds, 1),
        "validate s": round(validate_seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    parser.add_argument("--whitespace", choices=("spacing", "variants"), action="append")
    parser.add_argument("--tei-all", action="store_true", help="validate against tei_all too")
    args = parser.parse_args()
    for name in args.corpus or list(CORPORA):
        for mode in args.whitespace or ["spacing", "variants"]:
            result = measure(CORPORA[name], mode, args.tei_all)
            print(f"{name:14} {mode:9} " + "  ".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
