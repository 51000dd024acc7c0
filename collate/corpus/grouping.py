"""Grouping: versions of one text, formed so that a chain of weak links cannot merge
unrelated texts.

Version links are joined into groups by average-linkage clustering: every document
starts alone; two groups merge when the mean strength of the links between their
members (the share of the shorter document shared, a pair with no verified link
counting 0) is at least `GROUP_SHARE`, the strongest such merge first. So a member must
share enough with the group as a whole, not only with one neighbour: A-B and B-C at 0.9
with A and C unrelated average (0 + 0.9) / 2 = 0.45 for C against {A, B}, and C stays
out. Merges are ordered by strength, then by the smallest member's number, so the
groups depend only on the links, never on the order of the work.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .verification import VERSION_SHARE, Link

#: the least mean link strength between two groups for them to merge
GROUP_SHARE = VERSION_SHARE


def _components(count: int, links: Iterable[Link]) -> list[list[int]]:
    parent = list(range(count))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        ra, rb = root(link.a), root(link.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = defaultdict(list)
    for x in range(count):
        members[root(x)].append(x)
    return [m for m in members.values() if len(m) > 1]


def _cluster(members: Sequence[int], strength: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-linkage clustering of one connected component."""
    clusters: dict[int, list[int]] = {m: [m] for m in members}
    # cross[x][y]: summed strength between clusters x and y (keyed by smallest member)
    cross: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), value in strength.items():
        cross[a][b] = cross[a].get(b, 0.0) + value
        cross[b][a] = cross[b].get(a, 0.0) + value
    heap = [(-value, a, b) for (a, b), value in strength.items() if value >= GROUP_SHARE]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in clusters or y not in clusters:
            continue
        mean = cross[x].get(y, 0.0) / (len(clusters[x]) * len(clusters[y]))
        if abs(mean + negative) > 1e-12:
            continue  # stale: one side has grown since
        keep, gone = min(x, y), max(x, y)
        clusters[keep] = sorted(clusters[keep] + clusters.pop(gone))
        for other, value in cross.pop(gone).items():
            cross[other].pop(gone, None)
            if other == keep:
                continue
            total = cross[keep].get(other, 0.0) + value
            cross[keep][other] = cross[other][keep] = total
        for other, total in cross[keep].items():
            mean = total / (len(clusters[keep]) * len(clusters[other]))
            if mean >= GROUP_SHARE:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other)))
    return [c for c in clusters.values() if len(c) > 1]


def group_versions(count: int, links: Sequence[Link]) -> list[list[int]]:
    """Groups (two or more documents, by number) of versions, sorted by first member."""
    versions = [link for link in links if link.kind == "version"]
    # every verified link counts toward the mean, reuse too: it is a measured share
    strength = {(link.a, link.b): link.strength for link in links}
    groups: list[list[int]] = []
    for component in _components(count, versions):
        inside = set(component)
        local = {k: v for k, v in strength.items() if k[0] in inside and k[1] in inside}
        groups.extend(_cluster(component, local))
    return sorted(groups)
