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
    return [c for c in clusters.values() if len(c) > 1]


def group_versions(count: int, links: Sequence[Link]) -> list[list[int]]:
    """Groups (two or more documents, by number) of versions, sorted by first member."""
    # a reuse link can corroborate a merge, so the components are of every link
    found = _components(count, links)
    where = {m: number for number, members in enumerate(found) for m in members}
    local: list[list[Link]] = [[] for _ in found]
    for link in links:
        local[where[link.a]].append(link)
    groups: list[list[int]] = []
    for members, inside in zip(found, local, strict=True):
        groups.extend(_cluster(members, inside))
    return sorted(groups)
