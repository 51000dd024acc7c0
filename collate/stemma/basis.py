"""What an edge's direction rests on, said in words.

The same arrow may rest on quite different grounds: the witnesses' dates; the dates
their texts name; a reading of the witnesses as a chain of revisions, whose older end
is the one from which the text grows (a belief about how revisers work, not evidence
in the readings); or the copying model's evidence (eye-skips, copyists' habits,
copying rates), which assumes that a copy loses text. A scholar weighing an edge
needs to know which, so every descent edge says it: a keyword (`Evidence.basis`, in
the JSON) and a clause of its sentence.
"""

from __future__ import annotations

from collections.abc import Mapping

from .chain import GROWTH_PRIOR, Chain

#: The keywords, in the JSON's `basis`.
DATES = "dates"
CHAIN_DATES = "revision chain, dates"
CHAIN_DATES_NAMED = "revision chain, dates named"
CHAIN_GROWTH = "revision chain, growth"
CHAIN_ALIKE = "revision chain, identical texts"
PAIR = "pair"
#: a witness that reads as another does at every variant location (`collate.stemma.twins`)
IDENTICAL = "identical texts"
REVISIONS = "revisions, branching model"
COPYING = "copying"

_CHAIN = (
    "its direction is read from the witnesses as a chain of revisions (each state "
    "revised from the one before), not from copyists' habits: "
)
#: the older end of a chain, by its text's growth
_GROWS = "the chain begins at the end from which its text grows (revisers add more than they cut)"


def chain_basis(
    chain: Chain,
    parent: int,
    child: int,
    dated: bool,
    fragments: Mapping[int, tuple[bool, bool]],
) -> tuple[str, str]:
    """The keyword and the clause for an edge of a revision chain, parent -> child.
    `dated`: the witnesses' metadata gives dates (which then order the chain)."""
    if dated:
        return CHAIN_DATES, _CHAIN + "the witnesses' dates say which end is the older"
    growth, named = chain.direction_evidence(fragments)
    order = list(chain.order)
    # the log-odds for the end of the chain this edge runs away from
    sign = 1.0 if order.index(parent) < order.index(child) else -1.0
    growth, named = sign * growth, sign * named
    grows = _GROWS
    if named > 0 and growth > 0:
        return CHAIN_DATES_NAMED, (
            _CHAIN + f"{grows}, and the dates the states name agree: a later state "
            "names a later date than the one before it"
        )
    if named > 0:
        return CHAIN_DATES_NAMED, (
            _CHAIN + "the dates the states name decide which end is the older (a later "
            "state names a later date than the one before it), though the text does not "
            "grow from there"
        )
    if growth > 0:
        against = (
            "; the dates the states name point the other way, less strongly"
            if named < 0
            else ", a belief about how revisers work rather than evidence in the readings, "
            f"so the direction is held at {GROWTH_PRIOR:.2f} at most"
        )
        return CHAIN_GROWTH, _CHAIN + grows + against
    return CHAIN_GROWTH, (
        _CHAIN + "neither the text's growth nor the dates the states name favour the end "
        "taken as the older; the root was placed by the remaining evidence"
    )


def alike_basis() -> tuple[str, str]:
    """For two states of a revision chain whose texts are the same."""
    return (
        CHAIN_ALIKE,
        _CHAIN + "but these two states read alike, so it cannot tell which came first",
    )


def other_basis(
    *,
    dated: bool,
    pair: bool,
    revision_like: bool,
    tide: float,
    bound: float,
    dates_decide: bool = True,
) -> tuple[str, str]:
    """The keyword and the clause for an edge of the branching model (or a pair);
    `bound`: the most its direction is believed where the witnesses read as
    revisions; `dates_decide`: whether the dates move its direction from what the
    readings alone give (else they only agree with the readings)."""
    if dated:
        if dates_decide:
            return DATES, "its direction rests on the witnesses' dates"
        return DATES, "the readings give its direction, and the witnesses' dates agree"
    if pair:
        return PAIR, (
            "its direction rests on what two witnesses can show: the dates the texts "
            "name, if any, else nothing surer than a coin toss"
        )
    if tide > 0:
        return REVISIONS, (
            "its direction comes from the copying model with every gap read as a passage "
            "added, since the dates the witnesses name say their text grew with time"
        )
    if revision_like:
        return REVISIONS, (
            "the witnesses read as revisions, though they form no chain: its direction "
            "comes from the copying model with every gap read as a passage added "
            f"(revisers add), a belief about the process, so it is held at {bound:.2f} at most"
        )
    return COPYING, (
        "its direction comes from the copying model: eye-skips, copyists' habits and "
        "copying rates, which take a copy to lose text"
    )
