"""The revision chain's order search, its test of a chain and its bootstrap support
(`collate.stemma.chain`), on hand-made revision states and copies of a lost exemplar."""

from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from collate.stemma.chain import (
    SCATTERED,
    _Changes,
    _cost,
    _exact_order,
    _patterns,
    chain_support,
    find_chain,
    passages,
    scattered,
)


def _words(count: int, rng: random.Random) -> list[str]:
    syllables = "ka lo mi ne ru ta si po de ga vu re".split()
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def _revise(text: list[str], rng: random.Random) -> list[str]:
    """A reviser's next state: a passage added, a few words rewritten."""
    revised = list(text)
    at = rng.randrange(len(revised))
    revised[at:at] = _words(25, rng)
    for _ in range(3):
        revised[rng.randrange(len(revised))] = _words(1, rng)[0]
    return revised


def _copy(text: list[str], rng: random.Random) -> list[str]:
    """A scribe's copy: a passage lost, a few words miscopied."""
    copied = list(text)
    at = rng.randrange(len(copied) - 20)
    del copied[at : at + rng.randint(5, 15)]
    for _ in range(6):
        copied[rng.randrange(len(copied))] = _words(1, rng)[0]
    return copied


def _states(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    states = [_words(400, rng)]
    while len(states) < count:
        states.append(_revise(states[-1], rng))
    return [" ".join(state) for state in states]


def test_revision_states_shuffled_are_put_back_in_order() -> None:
    states = _states(6, seed=5)
    shuffled = [states[i] for i in (3, 0, 5, 1, 4, 2)]
    chain = find_chain(shuffled, [None] * 6)
    assert chain is not None
    true = [shuffled.index(state) for state in states]
    assert list(chain.order) in (true, true[::-1])
    # the readings persist along the true order and scatter along a wrong one
    changes = _Changes(_patterns(passages(shuffled)), 6)
    assert scattered(changes.patterns, true) < 0.01
    wrong = [true[i] for i in (0, 3, 1, 4, 2, 5)]
    assert scattered(changes.patterns, wrong) > SCATTERED


def test_copies_of_a_lost_exemplar_are_no_chain() -> None:
    rng = random.Random(9)
    exemplar = _words(600, rng)
    copies = [" ".join(_copy(exemplar, rng)) for _ in range(5)]
    assert find_chain(copies, [None] * 5) is None


def test_bootstrap_support_is_high_for_a_clean_chain_and_deterministic() -> None:
    states = _states(5, seed=2)
    cut = passages(states)
    support = chain_support(cut, 5, [None] * 5)
    assert support == chain_support(cut, 5, [None] * 5)
    for a, b in zip(range(5), range(1, 5), strict=False):
        assert support[frozenset((a, b))] >= 0.9
    assert all(0.0 <= share <= 1.0 for share in support.values())


def test_dates_turn_the_order_round() -> None:
    states = _states(4, seed=4)
    backwards = list(reversed(states))
    dates: list[str | None] = ["1900", "1890", "1880", "1870"]
    chain = find_chain(backwards, dates)
    assert chain is not None and list(chain.order) == [3, 2, 1, 0]


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=3, max_value=6).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(min_value=0, max_value=3), min_size=n, max_size=n),
            min_size=8,
            max_size=40,
        ).map(lambda rows: (n, rows))
    ),
    st.lists(st.sampled_from([None, "1800", "1850", "1900"]), min_size=6, max_size=6),
)
def test_dynamic_programming_finds_the_cheapest_order(
    case: tuple[int, list[list[int]]], dates: list[str | None]
) -> None:
    n, rows = case
    # random passages: per passage the witnesses having it (at least one) and a length
    cut = []
    for row in rows:
        mask = sum(1 << w for w, v in enumerate(row) if v) or 1
        cut.append((mask, 1 + sum(row)))
    changes = _Changes(_patterns(cut), n)
    found = _exact_order(changes, dates[:n])
    cheapest = min(_cost(order, changes, dates[:n]) for order in itertools.permutations(range(n)))
    assert abs(_cost(found, changes, dates[:n]) - cheapest) < 1e-6
