"""News rewrites with dates given: the dates show whether the text grew or shrank.

The agency report is a real one (seed 001, 43 paragraphs); its rewrites are made the
way outlets make them, each a day or two later: paragraphs left out, the last ones
cut, a few words changed, and one outlet's text rewritten again by another. Every
rewrite is shorter than what it was made from, so the dates given say the text
shrank with time, as copies lose text, and a passage the agency alone keeps is what
the rewrites left out, not a reading of its own."""

from __future__ import annotations

from pathlib import Path

from collate.model import Witness
from collate.pipeline import add_stemma, collate
from collate.stemma import infer_stemma
from collate.stemma.anchors import growth_by_dates_given
from collate.stemma.build import characters, held_by_the_earliest
from collate.stemma.evidence import Tradition

from .conftest import SEEDS

AGENCY = (Path(SEEDS) / "001_6f72a84d533a16ee.txt").read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _rewrite(text: str, left_out: set[int], cut: int, words: list[tuple[str, str]]) -> str:
    """The text without the paragraphs numbered in `left_out` and its last `cut`,
    with `words` changed."""
    paragraphs = _paragraphs(text)
    kept = [p for i, p in enumerate(paragraphs[: len(paragraphs) - cut]) if i not in left_out]
    rewritten = "\n\n".join(kept)
    for old, new in words:
        rewritten = rewritten.replace(old, new)
    return rewritten + "\n"


def _news(dated: bool = True) -> list[Witness]:
    a = _rewrite(
        AGENCY, {3, 8, 14}, 5, [("officers", "police officers"), ("colleague", "fellow officer")]
    )
    b = _rewrite(AGENCY, {5, 11, 17, 20}, 0, [("murder", "killing"), ("Sunday", "the weekend")])
    c = _rewrite(b, {2, 9, 25}, 8, [("refused", "declined")])
    texts = {"agency": AGENCY, "outlet-a": a, "outlet-b": b, "outlet-c": c}
    dates = {"agency": "2023-09-25", "outlet-a": "2023-09-26", "outlet-b": "2023-09-26"}
    dates["outlet-c"] = "2023-09-27"
    return [Witness(s, t, date=dates[s] if dated else None) for s, t in texts.items()]


def test_the_dates_given_say_the_rewrites_text_shrank() -> None:
    witnesses = _news()
    texts, dates = [w.text for w in witnesses], [w.date for w in witnesses]
    # every two the dates order, the later shorter: -1 each (agency before all three,
    # outlet-a and outlet-b before outlet-c)
    assert growth_by_dates_given(texts, dates) == -5
    assert growth_by_dates_given(texts, [None] * 4) == 0
    # the same texts dated the other way round: they grew
    assert growth_by_dates_given(texts, list(reversed(dates))) > 0


def test_the_agency_source_is_drawn_as_the_exemplar_of_its_rewrites() -> None:
    # before the dates were read for the process, the witnesses read as revisions
    # (their readings persist along an order) and every gap was read as a passage
    # added: a lost exemplar was drawn above the agency and outlet-a
    stemma = infer_stemma(collate(_news(), jobs=1).apparatus)
    edges = {(e.source, e.target) for e in stemma.edges if e.kind == "descent"}
    assert edges == {("agency", "outlet-a"), ("agency", "outlet-b"), ("outlet-b", "outlet-c")}
    assert all(node.extant for node in stemma.nodes)


def test_passages_only_the_earliest_keeps_are_not_its_own_readings() -> None:
    witnesses = _news()
    tradition = Tradition(collate(witnesses, jobs=1).apparatus)
    everyone = tuple(range(len(tradition.sigla)))
    chars = characters(tradition, everyone)
    dates = [tradition.dates[w] for w in everyone]
    held = held_by_the_earliest(chars, dates, list(tradition.texts))
    agency = tradition.sigla.index("agency")
    # the later witnesses hold nothing set aside; the agency every passage it has and
    # some rewrite lacks, and no changed word ("murder" where outlet-b reads "killing")
    assert [bool(h) for h in held] == [w == agency for w in everyone]
    for k, c in enumerate(chars):
        if held[agency] >> k & 1:
            assert bool(c.adds) != bool(c.lacks)
            assert (c.members >> agency & 1) == bool(c.adds)
    changed = [k for k, c in enumerate(chars) if c.change is not None and not (c.adds or c.lacks)]
    assert changed and not any(held[agency] >> k & 1 for k in changed)
    # undated, or dated so that the text grew, nothing is set aside
    assert not any(held_by_the_earliest(chars, [None] * len(dates), list(tradition.texts)))
    assert not any(held_by_the_earliest(chars, dates[::-1], list(tradition.texts)))


def test_a_quotation_from_another_report_is_read_as_taken_in() -> None:
    # outlet-q, dated the same day as the agency, keeps all of its text and quotes 40
    # words of another report (seed 002): read as text the others lost, the quotation
    # made outlet-q the agency's exemplar; told where it came from, it is an addition
    other = (Path(SEEDS) / "002_5aca4944ab0bf47b.txt").read_text(encoding="utf-8")
    quotation = '"' + " ".join(other.split()[200:240]) + '"'
    paragraphs = _paragraphs(AGENCY)
    quoting = "\n\n".join([*paragraphs[:10], quotation, *paragraphs[10:]]) + "\n"
    witnesses = [
        Witness("agency", AGENCY, date="2023-09-25"),
        Witness("outlet-q", quoting, date="2023-09-25"),
        Witness("outlet-b", _rewrite(AGENCY, {3, 12, 19}, 6, []), date="2023-09-26"),
        Witness("outlet-c", _rewrite(AGENCY, {8, 15}, 10, []), date="2023-09-26"),
    ]
    collation = collate(witnesses, jobs=1)

    def drawn(outside: dict[str, list[str]] | None) -> set[tuple[str, str]]:
        stemma = add_stemma(collation, outside=outside).stemma
        assert stemma is not None
        return {(e.source, e.target) for e in stemma.edges if e.kind == "descent"}

    assert ("outlet-q", "agency") in drawn(None)
    assert drawn({"outlet-q": [other]}) == {
        ("agency", "outlet-q"),
        ("agency", "outlet-b"),
        ("agency", "outlet-c"),
    }
