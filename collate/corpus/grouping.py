"""Grouping: versions of one text, formed so that a chain of weak links cannot merge
unrelated texts.

Documents are joined by average-linkage clustering over the verified links. Every
document starts alone; two groups X and Y merge when

1. a version link joins some member of X to some member of Y, or, failing one, every
   pair (x, y) across them is linked and they make three documents or more (a heavy
   rewrite shares passages with every version of its text, yet less than half of any:
   it is corroborated by all of them, not carried in by one);
2. more than half of the pairs (x, y) across them are linked at all (a version or a
   reuse link: a shared passage was verified), so every member shares text with most
   of the group, not only with the neighbour that brought it in; and
3. the mean strength of those pairs (the share of the shorter document shared, a pair
   without a link counting 0) is at least `GROUP_SHARE`;

the merge with the highest mean strength first. So A-B and B-C, however strong, with A
and C unrelated, give {A, B} and leave C out: one of C's two pairs with {A, B} is
linked, not more than half. A document made of half of story A and half of story C
joins one of the two groups, and the groups stay apart. Ties are broken by the
smallest member's number, so the groups depend only on the links.

A document left alone by those merges may still join a group along a *revision chain*:
the revisions of a page drift (a stub grows into an article, an old section is cut), so
an early stub shares its sentences with the next revisions only, and a late revision
shares nothing with the early ones: fewer than half of its pairs with the group are
linked. Such a document D joins a group G when

4. a strong version link joins D to a member M of G: at least `CHAIN_SHARE` (two
   thirds) of the shorter of the two is shared, so at most a third of it can come from
   anywhere else, and a document drawing on two texts in equal parts is never strongly
   linked to both; and
5. D is also linked (a version link, or a verified shared passage of `verification.REUSE_WORDS`
   words) with M's *nearest* member of G (the one sharing the most words with M): what
   D shares with M is text of the group, not a part of M that M alone took from
   elsewhere (a compilation holding D whole beside another story). A chain D-M-N whose
   far ends share nothing verified (D-M and M-N links only) never joins. A shared
   passage is enough here, not a version link: a page's last revision is a version of
   the one before it and shares only a passage with the one before that (Hedwig's
   fifth revision: three quarters of it shared with the fourth, 41 words with the
   third), and the strong link to M already says that D is mostly M's text.

The strongest such link first, and again until none is left, so a chain of stubs
joins one by one. Only a lone document joins this way: two groups of several documents
each merge only by the average rule, so a quotation, a compilation or a chain of links
can never bridge two stories that each have several versions. What rule 5 lets
through: a compilation with a copy of itself in G is the nearest member of either, so a
text held whole in both joins G; and a text held whole in a compilation whose nearest
member quotes a passage of that text joins too (tested).
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..components import components
from .verification import VERSION_SHARE, Link

#: the least mean strength of the pairs across two groups for them to merge: as if half
#: the pairs were versions sharing half their text, and the others nothing
GROUP_SHARE = VERSION_SHARE / 2
#: more than this share of the pairs across two groups must be linked
LINKED_SHARE = 0.5
#: the least share of the shorter document of a link that lets a lone document join a
#: group along a revision chain (see the module's rule 4)
CHAIN_SHARE = 2 / 3


@dataclass
class _Across:
    """What links the members of two groups."""

    strength: float = 0.0
    linked: int = 0
    versions: int = 0

    def add(self, other: _Across) -> None:
        self.strength += other.strength
        self.linked += other.linked
        self.versions += other.versions


def _components(count: int, links: Iterable[Link]) -> list[list[int]]:
    """The components of two or more documents that the links join."""
    return [m for m in components(count, ((link.a, link.b) for link in links)) if len(m) > 1]


def _mergeable(across: _Across, pairs: int, documents: int) -> float | None:
    """The mean strength if two groups of `documents` in all may merge, else None."""
    mean = across.strength / pairs
    corroborated = across.linked == pairs and documents >= 3
    if (across.versions or corroborated) and across.linked > LINKED_SHARE * pairs:
        return mean if mean >= GROUP_SHARE else None
    return None


def _cluster(members: Sequence[int], links: Sequence[Link]) -> list[list[int]]:
    """Average-linkage clustering of one connected component."""
    clusters: dict[int, list[int]] = {m: [m] for m in members}
    across: dict[int, dict[int, _Across]] = defaultdict(dict)
    for link in links:
        record = _Across(link.strength, 1, int(link.kind == "version"))
        across[link.a][link.b] = record
        across[link.b][link.a] = _Across(record.strength, record.linked, record.versions)
    heap: list[tuple[float, int, int]] = []
    for link in links:
        mean = _mergeable(across[link.a][link.b], 1, 2)
        if mean is not None:
            heap.append((-mean, link.a, link.b))
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in clusters or y not in clusters or y not in across[x]:
            continue
        mean = _mergeable(
            across[x][y], len(clusters[x]) * len(clusters[y]), len(clusters[x]) + len(clusters[y])
        )
        if mean is None or abs(mean + negative) > 1e-12:
            continue  # stale: a side has grown since
        keep, gone = min(x, y), max(x, y)
        clusters[keep] = sorted(clusters[keep] + clusters.pop(gone))
        for other, record in across.pop(gone).items():
            del across[other][gone]
            if other == keep:
                continue
            mine = across[keep].setdefault(other, _Across())
            mine.add(record)
            across[other][keep] = _Across(mine.strength, mine.linked, mine.versions)
        for other, record in across[keep].items():
            sizes = len(clusters[keep]), len(clusters[other])
            mean = _mergeable(record, sizes[0] * sizes[1], sizes[0] + sizes[1])
            if mean is not None:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    return list(clusters.values())


def _nearest(x: int, group: set[int], near: dict[int, dict[int, Link]]) -> int | None:
    """The member of `group` (not `x`) that shares the most words with `x` (ties to the
    smaller number); None if none is linked to `x`."""
    best: tuple[int, int] | None = None
    for other, link in near[x].items():
        if other != x and other in group:
            key = (min(link.shared_a, link.shared_b), -other)
            if best is None or key > best:
                best = key
    return None if best is None else -best[1]


def _chained(clusters: list[list[int]], links: Sequence[Link]) -> list[list[int]]:
    """The clusters, with lone documents joined along revision chains (rules 4 and 5)."""
    near: dict[int, dict[int, Link]] = defaultdict(dict)
    for link in links:
        near[link.a][link.b] = link
        near[link.b][link.a] = link
    owner = {m: number for number, members in enumerate(clusters) for m in members}
    groups = {number: set(members) for number, members in enumerate(clusters)}
    strong = sorted(
        (link for link in links if link.kind == "version" and link.strength >= CHAIN_SHARE),
        key=lambda link: (-link.strength, link.a, link.b),
    )
    joined = True
    while joined:
        joined = False
        for link in strong:
            for member, alone in ((link.a, link.b), (link.b, link.a)):
                group = owner[member]
                if len(groups[owner[alone]]) > 1 or len(groups[group]) < 2:
                    continue
                nearest = _nearest(member, groups[group], near)
                corroborating = near[alone].get(nearest) if nearest is not None else None
                if corroborating is not None:
                    del groups[owner[alone]]
                    groups[group].add(alone)
                    owner[alone] = group
                    joined = True
                    break
    return [sorted(members) for members in groups.values() if len(members) > 1]


def group_versions(count: int, links: Sequence[Link], chains: bool = True) -> list[list[int]]:
    """Groups (two or more documents, by number) of versions, sorted by first member.
    `chains=False` leaves out the revision-chain joins (rules 4 and 5): the average
    rule alone, as a baseline."""
    # a reuse link can corroborate a merge, so the components are of every link
    found = _components(count, links)
    where = {m: number for number, members in enumerate(found) for m in members}
    local: list[list[Link]] = [[] for _ in found]
    for link in links:
        local[where[link.a]].append(link)
    groups: list[list[int]] = []
    for members, inside in zip(found, local, strict=True):
        clusters = _cluster(members, inside)
        if chains:
            clusters = _chained(clusters, inside)
        groups.extend(c for c in clusters if len(c) > 1)
    return sorted(groups)
