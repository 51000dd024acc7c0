"""How the types of variant locations change with the spelling measures and rules.

For each text, the witnesses are collated once with the near-spelling and
word-division measures off (what earlier versions gave) and once with them on (the
default), in the same run; the Chaucer lines also with their five rules. Counted over
the top-level variant locations of the apparatus.

    python -m benchmarks.orthography_types            # seeds, Darwin ch. 1, Chaucer
    python -m benchmarks.orthography_types --origin   # and Darwin's Origin, 3 editions
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

import collate
from collate import Normalization, read_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COLLATE_SHARED") or ROOT.parent / "shared")
CHAUCER = ROOT / "tests" / "fixtures" / "chaucer"


def types(inputs: list[Path], normalization: Normalization) -> Counter[str]:
    collation = collate.collate(collate.read_witnesses(inputs), normalization=normalization)
    return Counter(location.type for location in collation.apparatus.variant_locations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--origin", action="store_true", help="add Darwin's Origin")
    arguments = parser.parse_args()
    texts = {
        "seeds": [SHARED / "seeds"],
        "darwin-ch1": [SHARED / "corpora" / "darwin-ch1"],
        "chaucer": [CHAUCER],
    }
    if arguments.origin:
        texts["darwin-origin"] = [SHARED / "corpora" / "darwin-origin"]
    settings = {
        "measures off": Normalization(near_spelling=False),
        "default": Normalization(),
    }
    for name, inputs in texts.items():
        runs = dict(settings)
        if name == "chaucer":
            runs["five rules"] = Normalization(rules=read_rules(CHAUCER / "spelling.rules"))
        for label, normalization in runs.items():
            counted = types(inputs, normalization)
            shown = ", ".join(f"{k} {v}" for k, v in sorted(counted.items()))
            print(f"{name:14} {label:13} total {sum(counted.values()):6}: {shown}")


if __name__ == "__main__":
    main()
