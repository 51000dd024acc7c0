"""The CollateX engine (the `collatex` package), fed our own tokens.

CollateX gets each witness pre-tokenised as JSON (`t` = surface, `n` = normal form), plus
the token's index, so its alignment table maps straight back to our tokens.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import AlignmentError
from ..model import Alignment, Column, TokenizedWitness

# CollateX joins normal forms with spaces to build its suffix array, so an empty normal
# form (the token holding leading whitespace) would shift every token after it.
_EMPTY_NORMAL = "\u2423"


def _collatex_witness(witness: TokenizedWitness) -> dict[str, Any]:
    return {
        "id": witness.siglum,
        "tokens": [
            {"t": token.surface, "n": token.normal or _EMPTY_NORMAL, "i": index}
            for index, token in enumerate(witness.tokens)
        ],
    }


@contextmanager
def _interrupts_kept() -> Iterator[None]:
    """Interrupts (SIGINT, and SIGTERM, which the command line turns into one) noted while
    the block runs and raised after it. The collatex package loads its optional parts
    (IPython, Levenshtein) under a bare `except:`, which would swallow an interrupt that
    arrives meanwhile, and the run would go on and write its output."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread receives signals
        return
    caught: list[signal.Signals] = []
    kept = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.getsignal(number) for number in kept}
    for number in kept:
        signal.signal(number, lambda number, frame: caught.append(signal.Signals(number)))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if caught:
        handler = previous[caught[0]]
        if callable(handler):
            handler(caught[0], None)
        elif handler == signal.SIG_DFL:
            signal.raise_signal(caught[0])


@dataclass(frozen=True)
class CollateXEngine:
    name: str = "collatex"
    #: let CollateX place unmatched tokens by string similarity (slower)
    near_match: bool = False

    def align(self, witnesses: Sequence[TokenizedWitness]) -> Alignment:
        # imported here: collatex pulls in networkx, which is slow to import
        with _interrupts_kept():
            from collatex import Collation, collate

        collation = Collation()
        for witness in witnesses:
            collation.add_witness(_collatex_witness(witness))
        table = collate(collation, output="table", segmentation=False, near_match=self.near_match)
        rows = {row.header: row.cells for row in table.rows}
        width = len(table.columns)
        columns: list[Column] = []
        for number in range(width):
            cells = []
            for witness in witnesses:
                cell = rows[witness.siglum][number]
                if cell and len(cell) != 1:
                    raise AlignmentError("CollateX put two tokens of one witness in a column")
                cells.append(cell[0].token_data["i"] if cell else None)
            columns.append(tuple(cells))
        return Alignment(tuple(witnesses), tuple(columns), engine=self.name)


ENGINE = CollateXEngine()
