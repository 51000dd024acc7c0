"""Alignment quality on hard short cases, each with a hand-checked expected alignment.

Each case is written as its expected alignment table: one row per witness, one column
per whitespace-separated cell, "-" where the witness has nothing. The witness's text is
its row's tokens joined by spaces. Tokens in one column are aligned with one another; a
token marked `^label` is aligned with the tokens of other rows carrying the same label
(a transposed word, which cannot share a column with itself).

Scored as in `accuracy`: token-pair precision, recall and F1 summed over all cases, and
the share of cases whose table is exactly right (the same pairs, no more, no fewer).

    python -m benchmarks.hard_cases                  # anchor and collatex, same run
    python -m benchmarks.hard_cases --engines anchor --show   # each case's table
"""

# ruff: noqa: E501  (a case's table is only readable with one witness per line)
from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from collate import Alignment, Witness
from collate.engines import get_engine
from collate.tokenize import tokenize

from .accuracy import engine_pairs

RESULTS = Path(__file__).with_name("results")


@dataclass(frozen=True)
class Case:
    name: str
    #: what makes it hard
    kind: str
    table: str

    def rows(self) -> list[list[str]]:
        rows = [line.split() for line in self.table.strip().splitlines()]
        if len({len(r) for r in rows}) != 1:
            raise ValueError(f"case {self.name}: rows of different lengths")
        return rows

    def witnesses(self) -> list[Witness]:
        return [
            Witness(chr(ord("A") + w), " ".join(c.split("^")[0] for c in row if c != "-"))
            for w, row in enumerate(self.rows())
        ]

    def true_pairs(self, lengths: Sequence[int]) -> set[int]:
        """The expected pairs, numbered as `accuracy.engine_pairs` numbers them."""
        rows = self.rows()
        offsets = [sum(lengths[:w]) for w in range(len(lengths))]
        size = sum(lengths)
        groups: dict[str, list[int]] = {}
        for w, row in enumerate(rows):
            index = 0
            for c, cell in enumerate(row):
                if cell == "-":
                    continue
                label = cell.split("^")[1] if "^" in cell else f"column {c}"
                groups.setdefault(label, []).append(offsets[w] + index)
                index += 1
            if index != lengths[w]:
                raise ValueError(f"case {self.name}: row {w} does not tokenise as written")
        pairs: set[int] = set()
        for members in groups.values():
            ordered = sorted(members)
            for x, a in enumerate(ordered):
                pairs.update(a * size + b for b in ordered[x + 1 :])
        return pairs


def _case(name: str, kind: str, table: str) -> Case:
    return Case(name, kind, table)


CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- quoted in issue 10
    _case(
        "glasses",
        "partial overlap",
        """
I bought this glass , because it matches those dinner plates  .
I bought -    -     - -       -  -       those -      glasses .
""",
    ),
    _case(
        "digits",
        "rare tokens far apart",
        """
abcd - - - 012345 - - - - efgh
abcd x y z 012345 p q r s efgh
""",
    ),
    _case(
        "beckett",
        "function words",
        """
Wait    for him to -   -  -  -     reappear or -     not .
Waiting -   -   to see if he would -        or would not .
""",
    ),
    _case(
        "before-the-cat",
        "3+ witnesses with additions",
        """
-    -      -        the -     cat -
-    before -        the -     cat -
-    -      -        the black cat -
just before midnight the -     cat walks
""",
    ),
    _case(
        "cat-and-dog",
        "swapped words",
        """
the cat^c -     and the dog^d -
the -     dog^d and the -     cat^c
""",
    ),
    _case(
        "left-left",
        "repeated words, 3+ witnesses",
        """
turn left left and -    stop
turn left -    and -    stop
turn left -    and then stop
-    -    -    and -    stop
""",
    ),
    _case(
        "sir-mark",
        "long shared run, last word differs",
        """
In his letter , Sir Mark said he was proud of the " policing by consent " model in the UK and that the public trusted -
In his letter , Sir Mark said he was proud of the " policing by consent " model in the UK and that the public relied  on
""",
    ),
    _case(
        "chaucer",
        "spelling variation, 3 witnesses",
        """
Whan  that Aprille with his shoures soote -   The droghte  of March  -   hath perced to the roote , And bathed every veyne in swich lycour Of which  vertu -   engendred is the flour ; Whan  Zephirus eek with his sweete breeth Inspired hath in euery holt  and heeth The tendre croppes , and the yonge sonne Hath in the Ram -   his^h halve -     cours yronne , And smale foweles , maken melodye , That slepen al the nyght -   with open ye
Whan  that Aueryll wt   his shoures soote -   The droghte  of March  /   hath perced to the roote - And bathed euery veyne in swich lycour Of which  vertu /   engendred is the flour - Whan  zephirus eek wt   his sweete breeth Inspired hath in euery holt  and heeth The tendre croppes / and the yonge sonne Hath in the Ram /   his^h half  -     cours yronne - And smale foweles / maken melodye - That slepen al the nyght /   with open Iye
Whan  that Apprill with his shouris sote  And the droughte of marche -   hath perid  -  the rote  - And bathid euery veyne in suche lycour Of whiche vertu -   engendrid is the flour - Whanne zephirus eke with his swete  breth  Enspired hath -  euery holte and heth  The tendir croppis - and the yong  sonne Hath in the ram -   -     half  his^h cours yronne - And smale foulis  - make  melodye - That slepe  al -   nyght -   with opyn yhe
""",
    ),
    # ------------------------------------------------------------------- more of a kind
    _case(
        "repeated-the",
        "repeated words",
        """
the the cat sat on the mat
-   the cat sat on the mat
""",
    ),
    _case(
        "that-that",
        "repeated words",
        """
that that is , is ; that that is not , is not
that that is - is ; that that is not - is not
""",
    ),
    _case(
        "punctuation",
        "punctuation",
        """
Yes , he said , it is ; but not now .
Yes - he said - it is , but not now !
""",
    ),
    _case(
        "colour",
        "near matches",
        """
The colour of the neighbouring harbour was grey
The color  of the neighboring  harbor  was gray
""",
    ),
    _case(
        "near-with-addition",
        "near matches",
        """
They travelled to the -      centre of the towne at dawn
They traveled  to the little center of the town  at dawn
""",
    ),
    _case(
        "three-additions",
        "3+ witnesses with additions",
        """
The old man -    walked slowly to the -     harbour
The -   man then walked -      to the -     harbour
The old man -    walked slowly to the small harbour
The old man -    ran    -      to the -     harbour
""",
    ),
    _case(
        "adjacent-swap",
        "swapped words",
        """
and then he^h said -    : go home
and then -    said he^h : go home
""",
    ),
    _case(
        "short-move",
        "moved words",
        """
quickly^1 and^2 quietly^3 he left the house -         -     -
-         -     -         he left the house quickly^1 and^2 quietly^3
""",
    ),
    _case(
        "unrelated-openings",
        "partial overlap",
        """
In a letter to the minister the commissioner of the force said it was time -   -     -  -   -        - -  - -         -  -   -       -  -   -          - -     -   to let the police police
-  - -      -  -   -        -   -            -  -   -     -    -  -   -    The union of the officers , in a statement on the website of the federation , asked her to let the police police
""",
    ),
    _case(
        "rewritten-sentence",
        "partial overlap",
        """
The minister said on Monday that the review of armed policing would begin soon -     -      -  -   -
-   -        -    -  -      -    the review of armed policing would begin -    after Easter as she said
""",
    ),
    _case(
        "substitutions",
        "substitutions",
        """
Officers need legal protection to do their jobs
Officers want legal cover      to do their work
""",
    ),
    _case(
        "omission-of-function-words",
        "function words",
        """
He went to the town and bought a horse from the market
He went to -   town and bought a horse -    -   -
""",
    ),
    # ------------------------------------------ added after the engine work, unseen by it
    _case(
        "king-queen",
        "3+ witnesses, substitutions",
        """
The king  rode   north at dawn
The queen rode   north at dawn
The king  walked north at dawn
""",
    ),
    _case(
        "editions",
        "substitutions of numbers",
        """
In 1859 the first  edition appeared in London
In 1860 the second edition appeared in London
""",
    ),
    _case(
        "long-insertion",
        "addition with function words",
        """
She opened -    -    -    -          -    -   -   -    - the door and went in
She opened ,    with a    trembling hand and a   sigh , the door and went in
""",
    ),
    _case(
        "look-to-compare",
        "a word for two",
        """
When we look    to the individuals of the same variety or sub-variety of our older cultivated plants
When we compare -  the individuals of the same variety or sub-variety of our older cultivated plants
""",
    ),
    _case(
        "to-be",
        "repeated words",
        """
to be or not to be , that is the question
to be or -   to be : that is the question
""",
    ),
    _case(
        "accents",
        "near matches",
        """
Il était une fois une petite fille
Il etait une fois une petite fille
""",
    ),
    _case(
        "four-witnesses-omissions",
        "3+ witnesses with additions",
        """
Call me Ishmael - -      .
Call me Ishmael , please .
Call -  Ishmael - -      .
-    me Ishmael - -      .
""",
    ),
)


def score_case(case: Case, engine: str) -> tuple[int, int, int, float]:
    """(pairs predicted, pairs expected, pairs right, seconds)."""
    witnesses = tuple(tokenize(w) for w in case.witnesses())
    start = time.perf_counter()
    alignment = get_engine(engine).align(witnesses)
    seconds = time.perf_counter() - start
    predicted = engine_pairs(alignment)
    truth = case.true_pairs([len(w.tokens) for w in witnesses])
    return len(predicted), len(truth), len(predicted & truth), seconds


def render(alignment: Alignment) -> str:
    """An alignment as a table like the cases' own."""
    cells = [
        [
            "-" if cell is None else alignment.witnesses[w].tokens[cell].text
            for w, cell in enumerate(column)
        ]
        for column in alignment.columns
    ]
    widths = [max(len(c) for c in column) for column in cells]
    return "\n".join(
        " ".join(column[w].ljust(width) for column, width in zip(cells, widths, strict=True))
        for w in range(len(alignment.witnesses))
    )


def evaluate(engines: Sequence[str], show: bool = False) -> list[dict[str, object]]:
    table = []
    for engine in engines:
        predicted = expected = right = exact = 0
        seconds = 0.0
        wrong = []
        for case in CASES:
            p, e, r, s = score_case(case, engine)
            predicted, expected, right = predicted + p, expected + e, right + r
            seconds += s
            if p == e == r:
                exact += 1
            else:
                wrong.append(case.name)
            if show:
                tokenized = tuple(tokenize(w) for w in case.witnesses())
                print(f"== {engine} {case.name} ({'right' if p == e == r else 'WRONG'})")
                print(render(get_engine(engine).align(tokenized)))
        precision = right / predicted if predicted else 1.0
        recall = right / expected if expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table.append(
            {
                "engine": engine,
                "cases": len(CASES),
                "precision": round(precision, 4),
                "recall": round(recall, 4),
                "f1": round(f1, 4),
                "exact": round(exact / len(CASES), 4),
                "seconds": round(seconds, 3),
                "wrong": wrong,
            }
        )
    return table


def markdown(table: Sequence[dict[str, object]]) -> str:
    lines = [
        "| engine | cases | precision | recall | F1 | exact tables | not exact |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in table:
        lines.append(
            f"| {r['engine']} | {r['cases']} | {r['precision']:.3f} | {r['recall']:.3f} "
            f"| {r['f1']:.3f} | {r['exact']:.0%} | {', '.join(r['wrong']) or '-'} |"  # type: ignore[arg-type]
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="anchor,collatex")
    parser.add_argument("--show", action="store_true", help="print each case's alignment")
    parser.add_argument("--save", action="store_true", help=f"write {RESULTS}/hard_cases.json")
    args = parser.parse_args(argv)
    table = evaluate(args.engines.split(","), args.show)
    print(markdown(table))
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "hard_cases.json").write_text(json.dumps(table, indent=1) + "\n")


if __name__ == "__main__":
    main()
