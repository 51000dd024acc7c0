"""Revision chains: traditions in which each witness was made from the one before.

An author revising his book edition by edition, or the successive states of an
edited page, leave a tradition unlike a scribal one: every state survives, and each
lies *between* the one before and the one after it, since what a revision changed
the next one mostly keeps. The branching model (`collate.stemma.build`) reads such a
tradition as copies of lost exemplars; here it is recognised and drawn as the chain
it is.

Comparison is on word trigrams of each witness's whole text (as a multiset), not on
the apparatus's variant locations: a revision moves, splits and rewrites passages,
which a collation cuts into many locations, while the trigrams a state shares with
the next are counted the same however the passages moved. The trigrams, the
passages they fall into and the bootstrap's replicates are integer arrays
(`collate.stemma.trigrams`); the order of every replicate is found at once.

- **Recognising a chain.** The order is the one in which each reading (trigram)
  appears once and persists until it is changed (seriation's consecutive-ones
  criterion), with the length changing mostly one way, either way; the tradition is
  a chain when few readings scatter along it (`SCATTERED`) and neighbours share
  enough text (`NEIGHBOURS_SHARE`; a stub, `STUB`, or one rewrite at an end of a
  long chain, `REWRITE_SHARE`, may share less). Copies of a lost exemplar scatter
  every omission of a copy that stands inside the order.
- **Direction.** A chain reads as well forwards as backwards in its readings alone
  (each change undone reading backwards is one change), so its direction rests on
  an asymmetry: revisers add and rewrite more than they cut, so the root stands at
  the end from which the text grows (each edge's evidence is its words added against
  its words lost, as a z-score). Dates override it (no witness derives from a later
  one), and so does a tradition described as manuscripts (`collate.metadata`), for
  which the chain model is not used at all.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from ..metadata import is_later
from .anchors import date_votes
from .trigrams import Ints, Passages, cut_into_passages, members, shingles_in_order

#: Trigrams: long enough that common words do not match by chance, short enough
#: that a changed word spoils few of them.
SHINGLE = 3
#: Along a chain nearly every reading appears once and persists until it is changed:
#: the witnesses having it stand together. At most this share of the readings (the
#: trigrams not in every witness, each weighed by its runs beyond the first) may break
#: that. Revision histories break it through reverts alone (Darwin's chapter 1: 0.03;
#: 79 of 80 Wikipedia histories: at most 0.04), copies of lost exemplars through every
#: omission of a copy that stands inside the order (synthetic traditions: 0.14 and up).
SCATTERED = 0.08
#: ... and neighbours along the chain share at least this share of the shorter text
#: (as related witnesses do, `collate.stemma.build`): unrelated texts share no
#: readings to scatter.
NEIGHBOURS_SHARE = 0.3
#: ... unless the shorter of the two is a stub: at most this share of the longer's
#: length. A short first state rewritten and expanded (or a page emptied and begun
#: again) keeps little of itself, and a few trigrams are no measure of relatedness;
#: its place at an end of the chain is what the order search gives it. Unrelated
#: reports of one event are of like length (the seeds: 0.43 and more).
STUB = 1 / 3
#: A revision history may begin or end with a rewrite: a first state (a stub, but
#: not a third as long as the next) rewritten and expanded, or a last state
#: rewritten wholesale, that keeps less than `NEIGHBOURS_SHARE` of its neighbour but
#: more than texts on different subjects share by chance (at least this share of the
#: shorter), at the end of a chain of at least `REWRITTEN_CHAIN` related links.
#: Unrelated reports of one event share as much (the seeds: 0.14-0.19) but come with
#: no such chain. (One rewrite inside a chain is not taken: which sides of it join
#: is then a guess; on the Wikipedia histories it joined one the wrong way round.)
REWRITE_SHARE = 0.1
REWRITTEN_CHAIN = 3
#: Each word by which a revision is shorter than its source costs this much more in
#: the direction's evidence (`Chain.root_log_weight`): a reviser adds more than he cuts.
SHRINK_COST = 1.0
#: Along a chain the text's length changes mostly one way (a reviser adds, a copyist
#: loses), whichever way that is: in the order search, each word by which a state's
#: length changes against the way most of the chain's changes run costs this much more.
AGAINST_THE_TIDE = 0.5
#: The tide is a belief about the process, not evidence in the readings: where the
#: order of least change (without it) is cheaper than the tide's order in at least
#: this share of the bootstrap replicates, the readings decide. A page emptied by
#: archiving, or cut and restored, is a change against the tide that the readings
#: show plainly; a revert of a few words is one they cannot place.
READINGS_DECIDE = 0.95
#: The log-odds of a root against another are this times the difference of the
#: chain's costs (`_Changes.directed`) from each, over the square root of all the
#: words the chain changes (the spread chance gives the balance of added and lost).
GROWTH_SCALE = 1.0
#: The most a chain's direction by the growth of its text alone may be believed:
#: the readings of a chain read as well backwards (each change undone is one
#: change), so which end grew is an assumption about the process (revisers add,
#: copyists lose), not evidence. Wikipedia histories grew from their first state in
#: 71 of 80, Darwin's chapter 1 from 1859; the bound keeps such a direction below
#: 0.9 unless dates or other evidence confirm it.
GROWTH_PRIOR = 0.85
#: Witnesses up to this many are ordered by trying every order; more by local search.
EXHAUSTIVE = 8
#: Bootstrap replicates of the chain's order (a fifth as many beyond `EXHAUSTIVE`
#: witnesses, whose order search is slower), drawn from a fixed seed: the same
#: input gives the same stemma.
BOOTSTRAP = 100
BOOTSTRAP_SEED = 11
#: A witness dated later than another placed after it costs this much (in words).
DATE_VIOLATION = 1e9


@dataclass(frozen=True)
class Chain:
    """A tradition's witnesses (local numbers) in order, oldest first, and per
    witness the log-weight of the root standing there."""

    order: tuple[int, ...]
    #: per link (`_growth`): the words by which the text grows along it, and the spread
    growth: tuple[float, ...]
    spread: float
    #: per witness: its length, in trigrams
    size: tuple[int, ...] = ()
    #: per pair of witnesses: how often the bootstrap makes them neighbours
    support: Mapping[frozenset[int], float] = field(default_factory=dict)
    #: per link: the log-likelihood ratio that its second state is the later, by the
    #: dates the two name (`collate.stemma.anchors.date_votes`)
    dates_mentioned: tuple[float, ...] = ()
    #: pairs of witnesses whose texts are the same (word for word, case and
    #: transcribers' conventions aside): the chain cannot say which comes first
    alike: frozenset[frozenset[int]] = frozenset()

    def root_log_weight(
        self, fragments: Mapping[int, tuple[bool, bool]] | None = None
    ) -> dict[int, float]:
        """Per end of the chain: the log-weight of the root standing there (every edge
        then runs away from it). Two kinds of evidence add up. The dates the states
        mention (`collate.stemma.anchors`) point the same way whether the chain was
        made by revising or by copying.
        The text's growth along the chain, in units of its spread, says which end is
        older only under a belief about the process (revisers add, copyists lose),
        which the readings cannot test: it is believed no more than `GROWTH_PRIOR`
        allows, so that where the dates mentioned say the text shrank, they decide.
        A link from a fragment to a witness that is none (`fragments`: per fragment,
        whether it lacks its beginning and whether its end) says nothing: the
        fragment is short because it lost the rest, its dates with it, or because
        the text grew from it, and the two look the same. Two fragments lacking the
        same end compare on the text both have. Dates in the metadata are the
        rooting's to apply (`Rooting`)."""
        growth, dates = self.direction_evidence(fragments)
        difference = growth + dates
        return {self.order[0]: difference / 2, self.order[-1]: -difference / 2}

    def direction_evidence(
        self, fragments: Mapping[int, tuple[bool, bool]] | None = None
    ) -> tuple[float, float]:
        """The log-odds that the chain's first witness is the older end rather than
        its last, apart: by the text's growth (bounded by `GROWTH_PRIOR`), and by the
        dates the states name (`root_log_weight`)."""
        links = list(zip(self.order, self.order[1:], strict=False))
        lacking = fragments or {}
        reliable = [lacking.get(a) == lacking.get(b) for a, b in links]
        growth = sum(g for g, ok in zip(self.growth, reliable, strict=True) if ok)
        bound = math.log(GROWTH_PRIOR / (1.0 - GROWTH_PRIOR))
        by_growth = max(-bound, min(bound, GROWTH_SCALE * growth / self.spread))
        by_dates = sum(v for v, ok in zip(self.dates_mentioned, reliable, strict=False) if ok)
        return by_growth, by_dates


def shingles(text: str) -> set[tuple[tuple[str, ...], int]]:
    """The text's word trigrams, each numbered by its occurrence (the second "of the
    same" is another than the first), so that sets count them as a multiset."""
    return set(shingles_in_order(text))


def passages(texts: Sequence[str]) -> list[tuple[int, int]]:
    """The texts cut into passages: runs of consecutive trigrams that the same
    witnesses have, each as (the bitmask of those witnesses, its trigrams), each
    passage once (read in the first witness that has it). A passage is the unit of a
    revision (a word changed spoils three trigrams, a sentence added is one passage),
    so it is what the bootstrap (`chain_support`) resamples."""
    return cut_into_passages(texts).as_list()


class _Changes:
    """Words added and lost between every two witnesses (in trigrams)."""

    def __init__(
        self,
        patterns: Mapping[int, int],
        n: int,
        matrices: tuple[Ints, Ints] | None = None,
    ) -> None:
        #: per set of witnesses (a bitmask) the trigrams they alone have: far fewer
        #: sets than trigrams, so every pair is counted fast
        self.patterns = patterns
        if matrices is None:
            counts = np.array([list(patterns.values())], dtype=np.int64).reshape(1, len(patterns))
            size, common = _matrices(members(list(patterns), n), counts)
            matrices = size[0], common[0]
        size, common = matrices
        added = size[None, :] - common
        #: per pair (a, b): the trigrams b has that a lacks
        self.added: list[list[int]] = added.tolist()
        self.common: list[list[int]] = common.tolist()
        self.size: list[int] = size.tolist()
        self.distance_matrix: list[list[int]] = (added + added.T).tolist()
        #: per pair: the words by which b is shorter than a (0 when it is not)
        self.shrink_matrix: list[list[int]] = np.maximum(0, added.T - added).tolist()

    def lost(self, a: int, b: int) -> int:
        return self.added[b][a]

    def distance(self, a: int, b: int) -> int:
        return self.added[a][b] + self.added[b][a]

    def directed(self, a: int, b: int) -> float:
        """What b costs as a revision of a: its changes, and again the words by which
        it is shorter (a rewriting that keeps the length is no evidence either way)."""
        added, lost = self.added[a][b], self.lost(a, b)
        return added + lost + SHRINK_COST * max(0, lost - added)

    def growth(self, a: int, b: int) -> float:
        """How clearly the text grows from a to b (negative: it shrinks)."""
        added, lost = self.added[a][b], self.lost(a, b)
        return (added - lost) / math.sqrt(added + lost + 1)


def _patterns(passages: Iterable[tuple[int, int]]) -> Counter[int]:
    counts: Counter[int] = Counter()
    for mask, length in passages:
        counts[mask] += length
    return counts


def _matrices(members: Ints, counts: Ints) -> tuple[Ints, Ints]:
    """Per replicate (a row of `counts`: trigrams per set of witnesses, the sets'
    `members`): each witness's size, and per pair of witnesses the trigrams in common."""
    counts = counts.astype(np.int64)
    size = counts @ members
    common = np.einsum("rm,ma,mb->rab", counts, members, members)
    return size, common


def find_chain(
    texts: Sequence[str], dates: Sequence[str | None], *, related: bool = False
) -> Chain | None:
    """The chain the witnesses form, or None when they do not form one. `related`:
    the witnesses are already known to be one tradition (`collate.stemma.build`), so
    a link between neighbours that share little is a rewrite, not two unrelated texts
    side by side (`NEIGHBOURS_SHARE` guards against those)."""
    texts, dates = tuple(texts), tuple(dates)
    found = _chain_order(texts, dates)
    if found is None:
        return None
    changes = _analysis(texts)[1]
    links = list(zip(found[0], found[0][1:], strict=False))
    if not related and not _one_rewrite_at_most(changes, links):
        return None
    return _find_chain(texts, dates)


def _one_rewrite_at_most(changes: _Changes, links: Sequence[tuple[int, int]]) -> bool:
    """Whether the neighbours along the chain are related (`_unrelated`), but for at
    most one rewrite (`REWRITE_SHARE`) at an end of a chain whose other links,
    `REWRITTEN_CHAIN` or more, are all related."""
    weak = [(a, b) for a, b in links if _unrelated(changes, a, b)]
    if not weak:
        return True
    if len(weak) > 1 or len(links) - 1 < REWRITTEN_CHAIN or weak[0] not in (links[0], links[-1]):
        return False
    a, b = weak[0]
    return changes.common[a][b] >= REWRITE_SHARE * min(changes.size[a], changes.size[b])


@functools.lru_cache(maxsize=8)
def _chain_order(
    texts: tuple[str, ...], dates: tuple[str | None, ...]
) -> tuple[list[int], float] | None:
    """The order of the witnesses and the tide that chose it
    (`_order_by_readings_or_tide`), or None when too many readings scatter along it."""
    if len(texts) < 3:
        return None
    changes = _analysis(texts)[1]
    if _scattered_along_every_order(changes):
        return None
    order, tide = _order_by_readings_or_tide(texts, dates)
    if scattered(changes.patterns, order) > SCATTERED:
        return None
    return order, tide


def order_of(texts: Sequence[str], dates: Sequence[str | None]) -> list[int] | None:
    """The order of three or more states by their readings (and dates), whether or not
    they form a chain (`find_chain` also asks that few readings scatter along it): the
    place of one state among others it is known to stand among, such as a fragment's
    on the text it has (`collate.stemma.build`)."""
    if len(texts) < 3:
        return None
    return _order_by_readings_or_tide(tuple(texts), tuple(dates))[0]


@functools.lru_cache(maxsize=8)
def _find_chain(texts: tuple[str, ...], dates: tuple[str | None, ...]) -> Chain:
    """The chain along `_chain_order`'s order, with its bootstrap support (cached apart
    from the test of neighbours, which the caller may know to be related)."""
    found = _chain_order(texts, dates)
    assert found is not None
    return _chain_along(texts, dates, *found)


def chain_along(texts: Sequence[str], dates: Sequence[str | None], order: Sequence[int]) -> Chain:
    """The chain of the texts along an order found otherwise (`find_chain` found a chain
    in them, so the order's growth, support and dates are read as its are)."""
    texts, dates = tuple(texts), tuple(dates)
    found = _chain_order(texts, dates)
    return _chain_along(texts, dates, list(order), 0.0 if found is None else found[1])


def _chain_along(
    texts: tuple[str, ...], dates: tuple[str | None, ...], order: list[int], tide: float
) -> Chain:
    n = len(texts)
    cut, changes = _analysis(texts)
    return Chain(
        tuple(order),
        *_growth(order, changes),
        tuple(changes.size),
        _share_among_identical(
            chain_support(cut, n, dates, tide, None if _any_identical(changes) else order),
            changes,
        ),
        date_votes(texts, order),
        frozenset(
            frozenset((a, b)) for a in range(n) for b in range(a) if changes.distance(a, b) == 0
        ),
    )


def whole_links(
    chain: Chain, texts: Sequence[str], whole_texts: Sequence[str], partial: Iterable[int]
) -> Chain:
    """The chain found on `texts` (each witness's text where every witness has text:
    what a fragment lacks cut from all of them) with the growth of each link between
    two witnesses that lack nothing (not `partial`) read on their whole texts. Cut to
    the text an excerpt keeps, a chain's direction rests on a few paragraphs, which a
    reviser may as well have shortened while the whole grew (Darwin's chapter 1 with
    1860 cut to lines 30-70: on those lines 1866 -> 1869 loses 69 words, on the whole
    chapter it gains 831); two whole states show how the whole text changed."""
    if tuple(texts) == tuple(whole_texts):
        return chain
    lacking = set(partial)
    cut, whole = _analysis(tuple(texts))[1], _analysis(tuple(whole_texts))[1]
    growth, changed = [], 0.0
    links = zip(chain.order, chain.order[1:], strict=False)
    for (a, b), grown in zip(links, chain.growth, strict=True):
        if a in lacking or b in lacking:
            growth.append(grown)
            changed += cut.distance(a, b)
        else:
            growth.append(whole.directed(b, a) - whole.directed(a, b))
            changed += whole.distance(a, b)
    return replace(chain, growth=tuple(growth), spread=math.sqrt(changed + 1.0))


def _unrelated(changes: _Changes, a: int, b: int) -> bool:
    """Whether two neighbours share too little to stand in one chain (`NEIGHBOURS_SHARE`)
    and neither is a stub of the other (`STUB`)."""
    shorter, longer = sorted((changes.size[a], changes.size[b]))
    return changes.common[a][b] < NEIGHBOURS_SHARE * shorter and shorter > STUB * longer


def reads_as_revisions(texts: Sequence[str]) -> bool:
    """Whether three or more witnesses' readings persist along some order as a chain's
    do (`SCATTERED`), whether or not they form a chain: then their differences may be
    revisions as well as copying, and evidence of direction that assumes copying (a
    derived text loses passages) is no more than an assumption."""
    return _reads_as_revisions(tuple(texts))


@functools.lru_cache(maxsize=8)
def _reads_as_revisions(texts: tuple[str, ...]) -> bool:
    n = len(texts)
    if n < 3:
        return False
    changes = _analysis(texts)[1]
    if _scattered_along_every_order(changes):
        return False
    return scattered(changes.patterns, _least_change(texts, (None,) * n)) <= SCATTERED


def _scattered_along_every_order(changes: _Changes) -> bool:
    """Whether more than `SCATTERED` of the readings scatter along every order, so
    that no order search is needed to say the witnesses form no chain. A reading that
    both ends of an order have, and not every witness, breaks off somewhere between
    them: whatever the order, at least the readings its two ends share beyond those
    everyone has scatter, and some two witnesses stand at the ends. Copies of one
    exemplar each lose readings all the others keep, which scatter wherever the copy
    stands but at an end. Where that is not enough, the tree bound (`_least_broken`)
    may be."""
    n = len(changes.size)
    everyone = (1 << n) - 1
    patterns = changes.patterns
    total = sum(count for mask, count in patterns.items() if mask != everyone)
    if not total:
        return False
    # a reading no witness has (there are none) would count as less than no run
    shared_by_all = patterns.get(everyone, 0) + patterns.get(0, 0)
    least = min(changes.common[a][b] for a in range(n) for b in range(a))
    if (least - shared_by_all) / total > SCATTERED:
        return True
    return _least_broken(changes) / total > SCATTERED


def _least_broken(changes: _Changes) -> int:
    """A lower bound on the runs beyond the first that the readings break into along
    any order (`scattered`'s numerator), from the order's cost without the tide: each
    reading counts once at each end of each of its runs, so an order's words changed
    (`_cost` without the tide or dates: the texts at both ends and the changes between
    neighbours) are twice the runs of all readings. A path through every witness is a
    spanning tree of them, and its two ends two different witnesses: it changes at
    least the minimum spanning tree's words and the two shortest texts'. Where many
    witnesses each have a few readings of their own (copies of one exemplar, hundreds
    of them), the readings all but one copy share are too few beside those to bound
    the scattering by any two ends (the bound above), and the tree bounds it at once."""
    distance, n = changes.distance_matrix, len(changes.size)
    # Prim's tree over the witnesses, on the distance matrix
    nearest = list(distance[0])
    inside = [False] * n
    inside[0] = True
    tree = 0
    for _ in range(n - 1):
        step = min((nearest[w], w) for w in range(n) if not inside[w])
        tree += step[0]
        added = step[1]
        inside[added] = True
        row = distance[added]
        for w in range(n):
            if not inside[w] and row[w] < nearest[w]:
                nearest[w] = row[w]
    shortest = sorted(changes.size)[:2]
    words = tree + sum(shortest)
    everyone = (1 << n) - 1
    patterns = changes.patterns
    total = sum(count for mask, count in patterns.items() if mask != everyone)
    # runs of every reading but those of all the witnesses (one run each), less one each
    runs = -(-(words - 2 * patterns.get(everyone, 0)) // 2)
    return runs - total


def _least_change(
    texts: tuple[str, ...], dates: tuple[str | None, ...], tide: float = AGAINST_THE_TIDE
) -> list[int]:
    """`_best_order` of the texts' changes, once per tradition: the test of whether
    they read as revisions asks for the undated order with the tide, which is the
    chain's own where no witness is dated (the order search is most of a stemma's time
    on many witnesses). A copy: the search's result is kept."""
    return list(_least_change_once(texts, dates if any(dates) else (None,) * len(texts), tide))


@functools.lru_cache(maxsize=16)
def _least_change_once(
    texts: tuple[str, ...], dates: tuple[str | None, ...], tide: float
) -> tuple[int, ...]:
    return tuple(_best_order(_analysis(texts)[1], dates, tide))


@functools.lru_cache(maxsize=8)
def _analysis(texts: tuple[str, ...]) -> tuple[Passages, _Changes]:
    """The texts' passages and their changes, shared by the chain and the test of
    whether the witnesses read as revisions."""
    cut = cut_into_passages(texts)
    n = len(texts)
    totals = cut.totals()
    patterns = dict(zip(cut.masks, totals.tolist(), strict=True))
    size, common = _matrices(members(cut.masks, n), totals[None, :])
    return cut, _Changes(patterns, n, (size[0], common[0]))


class _Replicates:
    """The bootstrap replicates of a tradition's passages (drawn again with
    replacement, as many as there are, from a fixed seed: the same input gives the
    same stemma), each read as the changes between every two witnesses, all at once."""

    def __init__(self, cut: Passages, n: int) -> None:
        self.n = n
        self.count = BOOTSTRAP if n <= EXHAUSTIVE else BOOTSTRAP // 5
        drawn = cut.replicates(self.count, BOOTSTRAP_SEED)
        self.size, self.common = _matrices(members(cut.masks, n), drawn)
        added = self.size[:, None, :] - self.common
        self.distance = added + added.transpose(0, 2, 1)
        self.shrink = np.maximum(0, added.transpose(0, 2, 1) - added)

    def costs(self, order: Sequence[int], dates: Sequence[str | None]) -> npt.NDArray[np.float64]:
        """Per replicate: `_cost` of the order without the tide."""
        links = list(zip(order, order[1:], strict=False))
        words = self.size[:, order[0]] + self.size[:, order[-1]]
        for a, b in links:
            words = words + self.distance[:, a, b]
        late = sum(
            is_later(dates[a], dates[b]) for i, a in enumerate(order) for b in order[i + 1 :]
        )
        return words.astype(np.float64) + DATE_VIOLATION * late

    def best_orders(self, dates: Sequence[str | None], tide: float) -> list[list[int]]:
        """Per replicate: the order of least `_cost`."""
        if self.n <= EXHAUSTIVE:
            return _exact_orders(self.size, self.distance, self.shrink, dates, tide)
        return [
            _best_order(_Changes({}, self.n, (self.size[r], self.common[r])), dates, tide)
            for r in range(self.count)
        ]


def _order_by_readings_or_tide(
    texts: tuple[str, ...], dates: tuple[str | None, ...]
) -> tuple[list[int], float]:
    """The order of least change with the tide (`AGAINST_THE_TIDE`), unless the order
    of least change without it is cheaper (without the tide) in at least
    `READINGS_DECIDE` of the bootstrap replicates of the passages; and the tide that
    chose it."""
    cut, changes = _analysis(texts)
    tided = _least_change(texts, dates)
    plain = _least_change(texts, dates, 0.0)
    if plain in (tided, tided[::-1]):
        return tided, AGAINST_THE_TIDE
    replicates = _Replicates(cut, len(changes.size))
    wins = int(np.sum(replicates.costs(plain, dates) < replicates.costs(tided, dates)))
    if wins >= READINGS_DECIDE * replicates.count:
        return plain, 0.0
    return tided, AGAINST_THE_TIDE


def chain_support(
    cut: Sequence[tuple[int, int]] | Passages,
    n: int,
    dates: Sequence[str | None],
    tide: float = AGAINST_THE_TIDE,
    along: Sequence[int] | None = None,
) -> dict[frozenset[int], float]:
    """Per pair of witnesses: the share of bootstrap replicates (the passages drawn
    again with replacement, as many as there are) whose best order makes them
    neighbours. How far the order is from a near tie with another, in the units a
    revision is made of. With the chain's order (`along`), a link of it counts only
    in replicates that keep the states on either side of it (`_split_support`)."""
    replicates = _Replicates(cut if isinstance(cut, Passages) else Passages.of(cut), n)
    counts: Counter[frozenset[int]] = Counter()
    orders = replicates.best_orders(dates, tide)
    for order in orders:
        counts.update(frozenset(pair) for pair in zip(order, order[1:], strict=False))
    found = {pair: count / replicates.count for pair, count in counts.items()}
    if along is not None:
        for pair, share in _split_support(orders, along).items():
            found[pair] = min(found.get(pair, 0.0), share)
    return found


def _split_support(
    orders: Sequence[Sequence[int]], along: Sequence[int]
) -> dict[frozenset[int], float]:
    """Per link a-b of the order `along`: the share of the replicates' `orders` that
    keep it with the same states on either side (read either way round). Two states
    that stay neighbours while the one between the others changes (a state and the
    one before it swapped) are no longer the same link: P -> C claims that P stands
    before C and all that follows it, which only the whole split shows."""
    found = {}
    for cut in range(1, len(along)):
        before, a, b = set(along[:cut]), along[cut - 1], along[cut]
        kept = 0
        for order in orders:
            for way in (order, order[::-1]):
                if way[cut - 1] == a and way[cut] == b and set(way[:cut]) == before:
                    kept += 1
                    break
        found[frozenset((a, b))] = kept / len(orders) if orders else 0.0
    return found


def _any_identical(changes: _Changes) -> bool:
    """Whether two of the states read alike: the link to one of them is then shared
    with the other (`_share_among_identical`), and no split of the order is its own."""
    n = len(changes.size)
    return any(changes.distance(a, b) == 0 for a in range(n) for b in range(a))


def _share_among_identical(
    support: Mapping[frozenset[int], float], changes: _Changes
) -> dict[frozenset[int], float]:
    """The support spread evenly over witnesses with the same text. Which of two
    identical states stands next to a third is a tie the order search breaks the same
    way in every replicate, which would make an arbitrary link look certain: each of
    them is as likely to be the one."""
    n = len(changes.size)
    same = [frozenset(b for b in range(n) if changes.distance(a, b) == 0) for a in range(n)]
    if all(len(group) == 1 for group in same):
        return dict(support)
    shared: dict[frozenset[int], float] = {}
    for pair in {frozenset((a, b)) for a in range(n) for b in range(n) if a != b}:
        a, b = sorted(pair)
        if same[a] == same[b]:
            inside = [frozenset((x, y)) for x in same[a] for y in same[a] if x < y]
            shared[pair] = sum(support.get(p, 0.0) for p in inside) / len(inside)
        else:
            between = [frozenset((x, y)) for x in same[a] for y in same[b]]
            shared[pair] = sum(support.get(p, 0.0) for p in between) / len(between)
    return {pair: value for pair, value in shared.items() if value > 0}


def scattered(patterns: Mapping[int, int], order: Sequence[int]) -> float:
    """The share of the readings (trigrams, per set of witnesses having them) whose
    witnesses do not stand together along the order: each counted once per run of
    them beyond the first (the consecutive-ones property of seriation)."""
    everyone = (1 << len(order)) - 1
    broken = total = 0
    for mask, count in patterns.items():
        if mask == everyone:
            continue
        runs, inside = 0, False
        for w in order:
            has = bool(mask >> w & 1)
            runs += has and not inside
            inside = has
        broken += count * (runs - 1)
        total += count
    return broken / total if total else 0.0


def _cost(
    order: Sequence[int],
    changes: _Changes,
    dates: Sequence[str | None],
    tide: float = AGAINST_THE_TIDE,
) -> float:
    """How far the order is from a chain: each reading (trigram) should appear once
    and persist until it is changed (the consecutive-ones criterion of seriation), so
    the cost counts every trigram once per run of states that have it (births plus
    deaths: the changes between neighbours, and the texts at both ends); and the
    length should change mostly one way along it (`AGAINST_THE_TIDE`). Reading the
    order backwards costs the same: the search does not assume which end is older."""
    distance, shrink = changes.distance_matrix, changes.shrink_matrix
    cost = float(changes.size[order[0]] + changes.size[order[-1]])
    shrinks = grows = 0
    for a, b in zip(order, order[1:], strict=False):
        cost += distance[a][b]
        shrinks += shrink[a][b]
        grows += shrink[b][a]
    cost += tide * min(shrinks, grows)
    if not any(dates):
        return cost
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            if is_later(dates[a], dates[b]):
                cost += DATE_VIOLATION
    return cost


def _best_order(
    changes: _Changes, dates: Sequence[str | None], tide: float = AGAINST_THE_TIDE
) -> list[int]:
    n = len(changes.added)
    if n <= EXHAUSTIVE:
        return _exact_order(changes, dates, tide)
    # greedy from every start, then moving single witnesses while it helps
    best: list[int] | None = None
    least = math.inf
    later = _later_pairs(dates)
    nearest = _nearest_first(changes)
    for start in range(n):
        order = [start]
        placed = [False] * n
        placed[start] = True
        while len(order) < n:
            step = next(w for w in nearest[order[-1]] if not placed[w])
            order.append(step)
            placed[step] = True
        order = _improve(order, changes, later, tide)
        cost = _cost(order, changes, dates, tide)
        if best is None or cost < least:
            best, least = order, cost
    assert best is not None
    return best


def _nearest_first(changes: _Changes) -> list[list[int]]:
    """Per witness: the others, nearest first (the lower number first among equally
    near ones, as `min` over them in turn chooses), for the greedy starts."""
    distance = changes.distance_matrix
    n = len(distance)
    nearest = []
    for a in range(n):
        row = distance[a]
        nearest.append(sorted((w for w in range(n) if w != a), key=lambda w: (row[w], w)))
    return nearest


def _exact_order(
    changes: _Changes, dates: Sequence[str | None], tide: float = AGAINST_THE_TIDE
) -> list[int]:
    """The order of least `_cost` (`_exact_orders`)."""
    return _exact_orders(
        np.array([changes.size], dtype=np.int64),
        np.array([changes.distance_matrix], dtype=np.int64),
        np.array([changes.shrink_matrix], dtype=np.int64),
        dates,
        tide,
    )[0]


def _exact_orders(
    size: Ints, distance: Ints, shrink: Ints, dates: Sequence[str | None], tide: float
) -> list[list[int]]:
    """Per replicate (the first axis of each matrix): the order of least `_cost`, by
    dynamic programming over the sets of witnesses placed so far (Held and Karp): once
    for the length changing against the tide one way, once the other way; the cheaper
    wins (the first on a tie)."""
    n = size.shape[1]
    later = [
        sum(1 << a for a in range(n) if is_later(dates[a], dates[b])) if any(dates) else 0
        for b in range(n)
    ]
    layers = _layers(n)
    penalties = _penalties(n, tuple(later))
    ends = size.astype(np.float64)
    best: tuple[npt.NDArray[np.float64], list[list[int]]] | None = None
    for against in (shrink, shrink.transpose(0, 2, 1)):
        found = _held_karp(n, ends, distance + tide * against, layers, penalties)
        if best is None:
            best = found
        else:
            cheaper = (found[0] < best[0]).tolist()
            orders = zip(found[1], best[1], cheaper, strict=True)
            best = best[0], [new if take else old for new, old, take in orders]
    assert best is not None
    return best[1]


@functools.lru_cache(maxsize=16)
def _penalties(n: int, later: tuple[int, ...]) -> list[npt.NDArray[np.float64] | None]:
    """Per layer of `_layers(n)`: the dates' penalty of each entry, where witness b is
    dated later than the witnesses in `later[b]` (computed once for all the order
    searches of one tradition)."""
    return [
        DATE_VIOLATION
        * np.array(
            [(later[x] & p).bit_count() for x, p in zip(nxt.tolist(), placed.tolist(), strict=True)]
        )
        if any(later)
        else None
        for _, nxt, placed in _layers(n)
    ]


@functools.lru_cache(maxsize=16)
def _layers(n: int) -> list[tuple[Ints, Ints, Ints]]:
    """Per size from 2 to n, every set of witnesses with one of its members last:
    (the set, the last, the set without it), as bitmasks and witness numbers."""
    found = []
    for count in range(2, n + 1):
        rows = [
            (placed, last, placed & ~(1 << last))
            for placed in range(1 << n)
            if placed.bit_count() == count
            for last in range(n)
            if placed >> last & 1
        ]
        found.append(tuple(np.array(column, dtype=np.int64) for column in zip(*rows, strict=True)))
    return found  # type: ignore[return-value]


def _held_karp(
    n: int,
    ends: npt.NDArray[np.float64],
    step: npt.NDArray[np.float64],
    layers: Sequence[tuple[Ints, Ints, Ints]],
    penalties: Sequence[npt.NDArray[np.float64] | None],
) -> tuple[npt.NDArray[np.float64], list[list[int]]]:
    """Per replicate: the least cost of a path through all witnesses, beginning and
    ending at `ends` and moving by `step` (plus the dates' `penalties` per entry of
    each layer), and the path; all replicates at once, a layer of sets at a time."""
    replicates = ends.shape[0]
    full = 1 << n
    cost = np.full((replicates, full, n), np.inf)
    previous = np.full((replicates, full, n), -1, dtype=np.int64)
    cost[:, 1 << np.arange(n), np.arange(n)] = ends
    into = step.transpose(0, 2, 1)  # into[r, next, last]
    for (grown, nxt, before), penalty in zip(layers, penalties, strict=True):
        totals = cost[:, before, :] + into[:, nxt, :]
        if penalty is not None:
            totals = totals + penalty[None, :, None]
        # the first of equal costs, as a loop over the last witness placed keeps it
        chosen = totals.argmin(axis=2)
        cost[:, grown, nxt] = totals.min(axis=2)  # the chosen one's cost
        previous[:, grown, nxt] = chosen
    closing = cost[:, full - 1, :] + ends
    lasts = closing.argmin(axis=1)
    orders = []
    for r, end in enumerate(lasts.tolist()):
        order: list[int] = []
        placed, last = full - 1, int(end)
        back = previous[r]
        while last >= 0:
            order.append(last)
            last, placed = int(back[placed, last]), placed & ~(1 << last)
        orders.append(order[::-1])
    return closing[np.arange(replicates), lasts], orders


def _later_pairs(dates: Sequence[str | None]) -> list[list[bool]] | None:
    """Per pair (a, b): whether a is dated later than b (placed before it, a date
    violation); None where no witness is dated."""
    if not any(dates):
        return None
    return [[is_later(x, y) for y in dates] for x in dates]


class _Links:
    """An order's `_cost` in parts (the words changed at its ends and between
    neighbours, its shrinking and growing words, its date violations), so that a move
    of one witness is costed from the few links it breaks and makes, not the whole order
    again: the local search tries every move of every witness, and with a hundred
    witnesses costing whole orders was most of a stemma's time. The parts are whole
    numbers, `AGAINST_THE_TIDE` and `DATE_VIOLATION` multiples of a half, so every sum
    is exact and a move's cost the very float `_cost` gives its order."""

    def __init__(
        self,
        order: list[int],
        changes: _Changes,
        later: list[list[bool]] | None,
        parts: tuple[int, int, int, int] | None = None,
    ) -> None:
        self.order, self.changes, self.later = order, changes, later
        if parts is None:
            distance, shrink, size = changes.distance_matrix, changes.shrink_matrix, changes.size
            words = size[order[0]] + size[order[-1]]
            shrinks = grows = violations = 0
            for a, b in zip(order, order[1:], strict=False):
                words += distance[a][b]
                shrinks += shrink[a][b]
                grows += shrink[b][a]
            if later is not None:
                for i, a in enumerate(order):
                    violations += sum(later[a][b] for b in order[i + 1 :])
            parts = words, shrinks, grows, violations
        self.parts = parts

    def cost(self, tide: float) -> float:
        return _priced(self.parts, tide, self.later is not None)

    def moves(self, i: int) -> list[tuple[int, int, int, int]]:
        """Per place j: the parts of the order with its i-th witness taken out and put
        in again at j (as `list.insert(j, ...)` puts it in the rest)."""
        found: list[tuple[int, int, int, int]] = []
        self._scan(i, 0, found, -math.inf, 0.0)
        return found

    def first_cheaper(
        self, i: int, start: int, current: float, tide: float
    ) -> tuple[int, tuple[int, int, int, int]] | None:
        """The first place j from `start` on (not i) where moving the i-th witness costs
        less than `current` (by more than rounding), and the parts of the order then;
        None where no move does. As `moves` tried in turn, without costing the places
        after the first that helps."""
        return self._scan(i, start, None, current, tide)

    def _scan(
        self,
        i: int,
        start: int,
        found: list[tuple[int, int, int, int]] | None,
        current: float,
        tide: float,
    ) -> tuple[int, tuple[int, int, int, int]] | None:
        order, changes, later = self.order, self.changes, self.later
        distance, shrink, size = changes.distance_matrix, changes.shrink_matrix, changes.size
        n = len(order)
        x = order[i]
        rest = order[:i] + order[i + 1 :]
        words, shrinks, grows, violations = self.parts
        if i == 0:
            b = order[1]
            words += size[b] - size[x] - distance[x][b]
            shrinks -= shrink[x][b]
            grows -= shrink[b][x]
        elif i == n - 1:
            a = order[n - 2]
            words += size[a] - size[x] - distance[a][x]
            shrinks -= shrink[a][x]
            grows -= shrink[x][a]
        else:
            a, b = order[i - 1], order[i + 1]
            words += distance[a][b] - distance[a][x] - distance[x][b]
            shrinks += shrink[a][b] - shrink[a][x] - shrink[x][b]
            grows += shrink[b][a] - shrink[x][a] - shrink[b][x]
        # x's own violations: with the witnesses before it, then with those after it
        dated = later is not None
        before = after = 0
        if later is not None:
            violations -= sum(later[a][x] for a in order[:i])
            violations -= sum(later[x][b] for b in order[i + 1 :])
            after = sum(later[x][b] for b in rest)
        threshold = current - 1e-9
        last = n - 1
        for j in range(n):
            if later is not None and j:  # rest[j - 1] now stands before x
                y = rest[j - 1]
                before += later[y][x]
                after -= later[x][y]
            if j < start or (found is None and j == i):
                continue
            if j == 0:
                b = rest[0]
                w = words + size[x] - size[b] + distance[x][b]
                s, g = shrinks + shrink[x][b], grows + shrink[b][x]
            elif j == last:
                a = rest[last - 1]
                w = words + size[x] - size[a] + distance[a][x]
                s, g = shrinks + shrink[a][x], grows + shrink[x][a]
            else:
                a, b = rest[j - 1], rest[j]
                w = words + distance[a][x] + distance[x][b] - distance[a][b]
                s = shrinks + shrink[a][x] + shrink[x][b] - shrink[a][b]
                g = grows + shrink[x][a] + shrink[b][x] - shrink[b][a]
            if found is not None:
                found.append((w, s, g, violations + before + after))
                continue
            # `_priced`, the same sums in the same order: the very same float
            cost = float(w) + tide * min(s, g)
            if dated:
                cost = cost + DATE_VIOLATION * (violations + before + after)
            if cost < threshold:
                return j, (w, s, g, violations + before + after)
        return None


def _priced(parts: tuple[int, int, int, int], tide: float, dated: bool) -> float:
    words, shrinks, grows, violations = parts
    cost = float(words) + tide * min(shrinks, grows)
    return cost + DATE_VIOLATION * violations if dated else cost


def _improve(
    order: list[int], changes: _Changes, later: list[list[bool]] | None, tide: float
) -> list[int]:
    """Moving single witnesses, each to the place that first lowers the cost, while
    any move does (`_Links`)."""
    links = _Links(order, changes, later)
    current = links.cost(tide)
    improved = True
    while improved:
        improved = False
        for i in range(len(order)):
            found = links.first_cheaper(i, 0, current, tide)
            while found is not None:
                j, parts = found
                trial = order[:i] + order[i + 1 :]
                trial.insert(j, order[i])
                order, improved = trial, True
                links = _Links(order, changes, later, parts)
                current = links.cost(tide)
                # the places after j, for the witness now i-th
                found = links.first_cheaper(i, j + 1, current, tide)
    return order


def _growth(order: Sequence[int], changes: _Changes) -> tuple[tuple[float, ...], float]:
    """Per link of the chain: how much cheaper it is read forwards than backwards (the
    words by which the text grows along it); and the spread that chance gives the
    balance of words added and lost (the square root of all the words changed)."""
    links = list(zip(order, order[1:], strict=False))
    spread = math.sqrt(sum(changes.distance(a, b) for a, b in links) + 1.0)
    return tuple(changes.directed(b, a) - changes.directed(a, b) for a, b in links), spread
