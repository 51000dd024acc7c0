"""What a group's stemma is told of the documents outside the group: the texts its
documents share a passage with by a reuse link (a quotation from another story), which
the stemma reads as taken in (tests/test_stemma_news_dates.py)."""

from __future__ import annotations

from collate.corpus import collation
from collate.corpus.run import _quoted
from collate.corpus.verification import Link
from collate.model import Witness


def _link(a: int, b: int, kind: str) -> Link:
    return Link(a, b, kind, 20, 20, 0.05, 0.05)  # type: ignore[arg-type]


def test_each_document_is_told_the_documents_outside_its_group_it_quotes() -> None:
    groups = [("g1", [0, 1, 2]), ("g2", [3, 4])]
    links = [
        _link(0, 1, "version"),
        _link(1, 2, "reuse"),  # inside one group: no text from outside
        _link(1, 5, "reuse"),  # a document in no group
        _link(2, 3, "reuse"),  # a document of another group, both ways
        _link(4, 6, "version"),  # a version link says nothing of quotations
    ]
    assert _quoted(links, groups) == {1: [5], 2: [3], 3: [2]}


def test_the_texts_quoted_are_part_of_a_groups_inputs() -> None:
    # an earlier run's outputs are kept only for the same inputs: a group whose
    # documents now quote another text is collated again
    witnesses = [Witness("a", "one two three", date="2020-01-01"), Witness("b", "one two")]
    alone = collation.inputs_fingerprint(witnesses)
    assert collation.inputs_fingerprint(witnesses, {}) == alone
    quoting = collation.inputs_fingerprint(witnesses, {"b": ["four five six"]})
    assert quoting != alone
    assert quoting != collation.inputs_fingerprint(witnesses, {"b": ["four five"]})
