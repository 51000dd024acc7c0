"""Building a stemma, tradition by tradition.

1. Witnesses that share long passages are related; single linkage over that relation
   splits the witnesses into independent traditions (reports that only quote the same
   sources stay apart).
2. In each tradition, a tree with every witness at a leaf: neighbour joining on the
   weighted distances, improved by subtree moves under weighted parsimony over the
   binary characters (each minority reading against the rest).
3. Extant exemplars: a copy carries its exemplar's readings plus its own innovations,
   so an exemplar has (almost) no readings that the rest of the tree does not explain.
   A witness whose singular departures are a small share of a typical witness's
   takes the place of the hypothetical node it hangs from.
4. Groups the evidence does not support (too few shared innovations) are dissolved,
   so the stemma shows a split only where the evidence calls for one.
5. Rooting by asymmetric evidence (`collate.stemma.root`).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..components import components
from ..dates import is_later
from .anchors import growth_by_dates_given, growth_log_odds, later_date_evidence
from .chain import Chain, chain_along, find_chain, order_of, reads_as_revisions, whole_links
from .evidence import EYE_SKIP_EVIDENCE, Pair, Tradition, word_change
from .fragments import unknown_characters
from .habits import PASSAGE_ADDED, PASSAGE_LOST, Habit
from .pair import pair_root
from .root import Directional, Root, Rooting, reconstruct, rooted_parents
from .tree import (
    Characters,
    Fitch,
    Tree,
    add_edge,
    contract,
    copy_tree,
    edges,
    neighbour_joining,
    spr_search,
)

#: Two witnesses are related when this share of the shorter stands in common passages.
RELATED = 0.3
#: A witness is an exemplar when its singular departures weigh at most this share of
#: the median witness's.
EXEMPLAR_SHARE = 0.35
#: A group is kept when the innovations its members share weigh at least this share of
#: the median witness's own, and at least `MIN_SUPPORT`.
GROUP_SHARE = 0.4
MIN_SUPPORT = 1.5
#: ...and rests on at least this many variant locations: one can be chance.
MIN_LOCATIONS = 2
#: A gap is matched with the same words elsewhere, as a moved passage, from this length.
MOVED_MIN_WORDS = 3


class Character:
    """One minority reading at a site, against the site's most common reading (a plain
    class: see `collate.stemma.evidence.Diff`)."""

    __slots__ = (
        "site",
        "members",
        "weight",
        "gain",
        "loss",
        "lacks",
        "adds",
        "skips",
        "skips_back",
        "change",
        "moved",
    )

    def __init__(
        self,
        site: int,
        members: int,
        weight: float,
        gain: float,
        loss: float,
        lacks: int,
        adds: int,
        skips: int,
        skips_back: int,
        change: tuple[str, str] | None = None,
        moved: bool = False,
    ) -> None:
        self.site = site
        self.members = members  # bitmask over the tradition's witnesses (local numbering)
        self.weight = weight
        #: the cost of the minority reading arising from the reference reading, and
        #: the other way round
        self.gain = gain
        self.loss = loss
        #: passages of the reference the minority lacks, passages it adds, eye-skips
        #: among those it lacks; and the same with the roles swapped
        self.lacks = lacks
        self.adds = adds
        self.skips = skips
        self.skips_back = skips_back
        #: for a one-word change: what changed, from the reference to the minority
        #: reading
        self.change = change
        #: a passage that stands elsewhere in the same witnesses: its gap is no
        #: evidence of direction
        self.moved = moved

    def as_moved(self) -> Character:
        """The character read as a moved passage: the same cost either way round."""
        weight = self.weight
        return Character(
            self.site,
            self.members,
            weight,
            weight,
            weight,
            self.lacks,
            self.adds,
            0,
            0,
            self.change,
            True,
        )


@dataclass
class Component:
    """One tradition while it is being built: local numbers 0..n-1 are its witnesses."""

    witnesses: tuple[int, ...]  # numbers in the Tradition
    characters: tuple[Character, ...]
    tree: Tree
    fitch: Fitch
    #: per witness: the weight of its singular departures at the end of step 2
    departures: tuple[float, ...]
    rooting: Rooting
    root: Root
    #: per node of the rooted component (-1: a lost archetype on an edge): the bitmask
    #: of characters in which it has the minority reading, as reconstructed
    states: dict[int, int]
    #: for a revision chain: per pair of neighbours, how often the bootstrap keeps them
    #: neighbours (`collate.stemma.chain.chain_support`); None for the branching model
    chain_support: Mapping[frozenset[int], float] | None = None
    #: whether the witnesses read as revisions though they form no chain
    #: (`collate.stemma.chain.reads_as_revisions`): then the branching model's
    #: direction rests on its assumption that a copy loses text
    revision_like: bool = False
    #: for a revision chain: pairs of witnesses with the same text (`Chain.alike`)
    chain_alike: frozenset[frozenset[int]] = frozenset()
    #: where positive, the log-odds by the dates the witnesses name that their text
    #: grew with time (`collate.stemma.anchors.growth_log_odds`), by which the
    #: copying model's gaps were read the other way round
    tide: float = 0.0
    #: the revision chain the witnesses form (`collate.stemma.chain`), None for the
    #: branching model: what an edge's direction rests on is told from it
    chain: Chain | None = None


def related_groups(size: int, pairs: dict[tuple[int, int], Pair]) -> list[tuple[int, ...]]:
    """Single-linkage groups of related witnesses, each sorted, in order of first member."""
    related = (xy for xy, pair in sorted(pairs.items()) if pair.relatedness >= RELATED)
    return [tuple(members) for members in components(size, related)]


def characters(
    tradition: Tradition,
    witnesses: Sequence[int],
    borrowed: Mapping[int, frozenset[tuple[str, ...]]] | None = None,
) -> tuple[Character, ...]:
    """One character per minority reading at each site (see `_reading_tree`).
    `borrowed`: per witness (by number in the tradition), the word n-grams of its text
    that documents outside the tradition share (`borrowed_grams`); a passage its
    witnesses have and others lack that is mostly such text was taken in from
    outside, so the witnesses that have it added it: its gap is read that way round."""
    found = []
    #: per character: whether its minority lacks the whole reference reading (True) or
    #: adds one where the reference has none, and that reading's words
    gaps: list[tuple[bool, tuple[str, ...]]] = []
    for index, site in enumerate(tradition.sites):
        states = [site.states[w] for w in witnesses]
        parent_of = _reading_tree(tradition, index, states)
        for state in sorted(parent_of):
            parent = parent_of[state]
            if parent is None:
                continue
            below = _descendants(parent_of, state)
            there = tradition.diff(index, parent, state)
            members = sum(1 << i for i, s in enumerate(states) if s in below)
            gain, loss = there.directed, there.directed_back
            skips, skips_back = there.omitted_eye_skips, there.added_eye_skips
            change = None
            if site.moved:
                gain = loss = there.symmetric
            else:
                change = word_change(site.readings[parent], site.readings[state])
                # an eye-skip the apparatus splits over several locations
                lacks, opens = (
                    tradition.lacuna_skip(index, state, witnesses)
                    if site.readings[parent]
                    else (0.0, False)
                )
                keeps, opens_back = (
                    tradition.lacuna_skip(index, parent, witnesses)
                    if site.readings[state]
                    else (0.0, False)
                )
                loss += EYE_SKIP_EVIDENCE * lacks
                gain += EYE_SKIP_EVIDENCE * keeps
                skips += opens
                skips_back += opens_back
            reference, minority = site.readings[parent], site.readings[state]
            whole_gap = not (reference and minority)
            if borrowed and whole_gap and not site.moved:
                holders = [
                    witnesses[i]
                    for i, s in enumerate(states)
                    if (s in below) == bool(minority) and witnesses[i] in borrowed
                ]
                if _taken_in(minority or reference, [borrowed[w] for w in holders]):
                    # added by the witnesses that have it: the minority gained it if it
                    # has it, the reference did if the minority lacks it
                    gain, loss = (min(gain, loss), max(gain, loss))
                    if not minority:
                        gain, loss = loss, gain
            gaps.append((not minority, minority or reference) if whole_gap else (True, ()))
            found.append(
                Character(
                    index,
                    members,
                    there.symmetric,
                    gain,
                    loss,
                    len(there.omitted),
                    len(there.added),
                    skips,
                    skips_back,
                    change,
                    site.moved,
                )
            )
    return _pair_moved_passages(found, gaps)


#: words in the n-grams by which a passage is matched with text outside the tradition
BORROWED_GRAM = 4


def _grams(words: Sequence[str]) -> list[tuple[str, ...]]:
    folded = [w.casefold() for w in words]
    return [tuple(folded[i : i + BORROWED_GRAM]) for i in range(len(folded) - BORROWED_GRAM + 1)]


def borrowed_grams(text: str, outside: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """The word n-grams of `text` that one of the `outside` texts (documents outside
    the tradition, by the corpus's reuse links) also has."""
    there: set[tuple[str, ...]] = set()
    for other in outside:
        there.update(_grams(_WORD.findall(other)))
    return frozenset(g for g in _grams(_WORD.findall(text)) if g in there)


_WORD = re.compile(r"\w+")


def _taken_in(passage: Sequence[str], borrowed: Sequence[frozenset[tuple[str, ...]]]) -> bool:
    """Whether most of the passage's n-grams stand in text one of its holders shares
    with a document outside the tradition (a quotation taken in from another story)."""
    words = [w for reading in passage for w in _WORD.findall(reading)]
    grams = _grams(words)
    if not grams or not borrowed:
        return False
    return any(2 * sum(g in known for g in grams) >= len(grams) for known in borrowed)


def _pair_moved_passages(
    found: Sequence[Character], gaps: Sequence[tuple[bool, tuple[str, ...]]]
) -> tuple[Character, ...]:
    """Mark the gaps that are a moved passage. A passage a group of witnesses lacks
    at one place and has at another is a transposition, not an omission and an
    addition; an engine may not link the two places, or link only their first piece
    (other witnesses varying inside the passage split it into several locations).
    Each piece lacking at one place is paired with the addition by the same witnesses
    that holds most of its word pairs (at least half); an addition is a moved passage
    when the pieces paired with it hold at least half of its words."""
    # per set of witnesses, per word pair: the additions by them that hold it
    additions: dict[int, dict[tuple[str, str], list[int]]] = {}
    for number, c in enumerate(found):
        lacks, words = gaps[number]
        if not lacks and _is_gap(c, words):
            by_pair = additions.setdefault(c.members, {})
            for pair in set(_pairs(words)):
                by_pair.setdefault(pair, []).append(number)
    pieces: dict[int, list[int]] = {}
    for number, c in enumerate(found):
        lacks, words = gaps[number]
        if not lacks or not _is_gap(c, words) or c.members not in additions:
            continue
        by_pair = additions[c.members]
        pairs = set(_pairs(words))
        hits: dict[int, int] = {}
        for pair in pairs:
            for other in by_pair.get(pair, ()):
                hits[other] = hits.get(other, 0) + 1
        if hits:
            # the first in order of the most hit (as `max` keyed by the hits takes it)
            best = min(hits)
            for other in sorted(hits):
                if hits[other] > hits[best]:
                    best = other
            if 2 * hits[best] >= len(pairs):
                pieces.setdefault(best, []).append(number)
    moved: set[int] = set()
    for addition, lacking in pieces.items():
        if 2 * sum(len(gaps[n][1]) for n in lacking) >= len(gaps[addition][1]):
            moved.update((addition, *lacking))
    return tuple(c.as_moved() if number in moved else c for number, c in enumerate(found))


def _is_gap(character: Character, words: Sequence[str]) -> bool:
    """A whole passage lacking or added, long enough to be recognised elsewhere."""
    whole = (character.lacks == 0) != (character.adds == 0)
    return whole and not character.moved and len(words) >= MOVED_MIN_WORDS


def _pairs(words: Sequence[str]) -> list[tuple[str, str]]:
    return list(zip(words, words[1:], strict=False))


def habits(chars: Sequence[Character]) -> list[Habit]:
    """The changes that may be copyists' habits, running one way through a tradition:
    each one-word change (a spelling, a modern form), and each passage lost or added
    (whether this tradition's copyists lose more than they add). Eye-skips and moved
    passages have their own evidence and are left out."""
    found = []
    for c in chars:
        if c.change is not None:
            found.append(Habit(c.members, c.change))
        elif bool(c.lacks) != bool(c.adds) and not (c.skips or c.skips_back) and not c.moved:
            found.append(Habit(c.members, PASSAGE_LOST if c.lacks else PASSAGE_ADDED))
    return found


def _reading_tree(tradition: Tradition, site: int, states: Sequence[int]) -> dict[int, int | None]:
    """A local stemma of one site's readings: the most common reading at the top, each
    other reading below the reading it differs least from (Prim's spanning tree), so
    two witnesses with nearly the same long addition share it instead of each adding
    it on its own."""
    counts: dict[int, int] = {}
    for state in states:
        counts[state] = counts.get(state, 0) + 1
    if len(counts) < 2:
        return {}
    readings = sorted(counts)
    # the first of the commonest, as `max` keyed by the count takes it (no key function:
    # compiled, that is a Python call a reading)
    top = readings[0]
    for s in readings:
        if counts[s] > counts[top]:
            top = s
    parent_of: dict[int, int | None] = {top: None}
    if len(readings) == 2:  # the other reading below the top: no choice to make
        parent_of[readings[0] if readings[1] == top else readings[1]] = top
        return parent_of
    # each distance once, not once a step of the spanning tree
    distance: dict[tuple[int, int], float] = {}
    while len(parent_of) < len(counts):
        candidates = []
        for s in readings:
            if s in parent_of:
                continue
            for p in sorted(parent_of):
                found = distance.get((p, s))
                if found is None:
                    found = distance[p, s] = tradition.diff(site, p, s).symmetric
                candidates.append((found, s, p))
        _, state, parent = min(candidates)
        parent_of[state] = parent
    return parent_of


def _descendants(parent_of: dict[int, int | None], state: int) -> set[int]:
    found = {state}
    grew = True
    while grew:
        grew = False
        for s, p in parent_of.items():
            if p in found and s not in found:
                found.add(s)
                grew = True
    return found


def _revision_chain(
    tradition: Tradition, witnesses: Sequence[int], dates: Sequence[str | None]
) -> Chain | None:
    """The chain the witnesses' texts form (`Tradition.chain_texts`, whole texts first).
    A fragment's place in it is read again on the text every witness has: what it
    lacks reads, over the whole texts, as text all the others added (or all cut), which
    puts a fragment that lost its beginning at the head of the chain. The others keep
    their order from the whole texts; a fragment goes where the witnesses before it on
    the common text are the ones before it there (`_placed`)."""
    # only a lost beginning: a state that lacks a later section at its end reads as an
    # early state on the whole texts, and so does a fragment that lost its end (unless
    # it is surely a fragment: declared, or lacking most of the text)
    fragments = {
        w
        for w, number in enumerate(witnesses)
        if (fragment := tradition.fragments.get(number)) is not None
        and (fragment.start or fragment.sure)
    }
    # the whole texts and then the common text, or the common text alone
    first, *then = tradition.chain_texts(witnesses)
    found = find_chain(first, dates, related=True)
    if not then:
        if found is None or not fragments:
            return found
        # the text every witness has is too short to compare (`COMPARED_SHARE`): each
        # fragment is placed on the text it has
        return _each_on_its_text(tradition, witnesses, dates, found, fragments, first)
    common_texts = then[0]
    lacking = [w for w, number in enumerate(witnesses) if number in tradition.fragments]
    if found is None:
        common = find_chain(common_texts, dates, related=True)
        return None if common is None else whole_links(common, common_texts, first, lacking)
    if not fragments:
        return found
    common = find_chain(common_texts, dates, related=True)
    if common is None:  # too little is left of the text every witness has
        return _each_on_its_text(tradition, witnesses, dates, found, fragments, first)
    order = None if common is None else _placed(found.order, common.order, fragments)
    if order is None or order == list(found.order):
        return found
    placed = chain_along(common_texts, dates, order)
    # how often two witnesses are neighbours: of a fragment, on the text it has; of two
    # others, on the whole texts, as before
    support = {
        pair: (placed.support if pair & fragments else found.support).get(pair, 0.0)
        for pair in {*found.support, *placed.support}
    }
    return whole_links(replace(placed, support=support), common_texts, first, lacking)


def _each_on_its_text(
    tradition: Tradition,
    witnesses: Sequence[int],
    dates: Sequence[str | None],
    found: Chain,
    fragments: set[int],
    whole_texts: Sequence[str],
) -> Chain:
    """The chain with each fragment put where the chain of the other (whole)
    witnesses and it, read on the fragment's own text alone, puts it: a short excerpt
    lacks so much of every other text that over the whole texts it reads as the first
    state or the last. Where that chain cannot be found, or puts it nowhere in the
    whole order, the whole texts' chain stands."""
    base = [w for w in found.order if w not in fragments]
    places: dict[int, int] = {}
    # two others are neighbours as often as the whole texts make them; a fragment and
    # a neighbour as often as the fragment's own text does
    support = {pair: v for pair, v in found.support.items() if not pair & fragments}
    for fragment in sorted(fragments):
        members = [w for w in range(len(witnesses)) if w not in fragments or w == fragment]
        texts = tradition.texts_where_present([witnesses[w] for w in members], witnesses[fragment])
        member_dates = [dates[w] for w in members]
        own_order = order_of(texts, member_dates)
        if own_order is None:
            return found
        order = _placed(base, [members[i] for i in own_order], {fragment})
        if order is None:
            return found
        own = chain_along(texts, member_dates, own_order)
        places[fragment] = order.index(fragment)
        for pair, value in own.support.items():
            named = frozenset(members[i] for i in pair)
            if fragment in named:
                support[named] = value
    order = list(base)
    for fragment in sorted(fragments, key=lambda f: (places[f], f), reverse=True):
        order.insert(places[fragment], fragment)
    if order == list(found.order):
        return found
    return replace(chain_along(whole_texts, dates, order), support=support)


def _placed(whole: Sequence[int], common: Sequence[int], fragments: set[int]) -> list[int] | None:
    """The whole texts' order of the witnesses that are no fragments, with each fragment
    put where the witnesses before it in the `common` order stand before it; None when
    no place in the whole order has just those before it."""
    order = [w for w in whole if w not in fragments]
    # a chain's order may run either way: read the common one the way the whole one runs
    rank = {w: k for k, w in enumerate(order)}
    shared = [rank[w] for w in common if w in rank]
    if shared and shared[-1] < shared[0]:
        common = list(reversed(common))
    for fragment in sorted(fragments, key=common.index):
        before = set(common[: common.index(fragment)])
        places = [k for k in range(len(order) + 1) if set(order[:k]) == before & set(order)]
        if not places:
            return None
        order.insert(places[0], fragment)
    return order


def build_component(
    tradition: Tradition,
    witnesses: tuple[int, ...],
    pairs: dict[tuple[int, int], Pair],
    revisions: bool = True,
    borrowed: Mapping[int, frozenset[tuple[str, ...]]] | None = None,
) -> Component:
    n = len(witnesses)
    chars = characters(tradition, witnesses, borrowed)
    lacking = unknown_characters(tradition.fragments, witnesses, [c.site for c in chars])
    fitch = Fitch(
        Characters.build([c.members for c in chars], [c.weight for c in chars], n, lacking), n
    )
    tree = _leaf_tree(witnesses, pairs, fitch)
    dates = [tradition.dates[w] for w in witnesses]
    texts = [tradition.texts[w] for w in witnesses]
    held = held_by_the_earliest(chars, dates, texts)
    departures = tuple(
        fitch.characters.weight(fitch.missing(tree, w, tree[w][0]) & ~held[w]) if tree[w] else 0.0
        for w in range(n)
    )
    if n > 2:
        # fragments and their relatives are judged on the text they share
        compared = [fitch.compared_departure(tree, w, held[w]) for w in range(n)]
        tree = _place_exemplars(tree, compared, n, typical_copy(departures))
        tree = _dissolve_weak_groups(tree, fitch, departures, n, tradition.read_as_copies)
    directional = [
        Directional(c.members, c.gain, c.loss, _lacking_here(lacking, k))
        for k, c in enumerate(chars)
    ]
    lengths, recurring = _edge_lengths(tree, fitch), habits(chars)
    # the witnesses are one tradition (related, or a chain already): a link whose
    # states share little is a rewrite within it (the texts read: `chain_texts`)
    chain = _revision_chain(tradition, witnesses, dates) if revisions else None
    # per fragment: whether it lacks its beginning, whether its end
    fragments = {
        w: (bool(fragment.start), bool(fragment.end))
        for w, global_number in enumerate(witnesses)
        if (fragment := tradition.fragments.get(global_number)) is not None
    }
    # the copying model's rooting of the branching tree, made only where it is used
    # (it is most of a small tradition's rooting): to judge a chain, or as the root
    rooting: Rooting | None = None
    if chain is not None:
        rooting = Rooting(tree, n, directional, dates, lengths, recurring)
        chain = chain if _revised(tree, rooting.best, chain, n) else None
    if chain is not None:
        tree = _path(chain.order)
        # along a chain a witness's own readings are its revisions, not a sign that it
        # is no exemplar: every state is the exemplar of the next
        departures = (0.0,) * n
        rooting = Rooting(
            tree,
            n,
            directional,
            dates,
            _edge_lengths(tree, fitch),
            recurring,
            revision=chain.root_log_weight(fragments),
        )
    revision_like = chain is None and revisions and n >= 3 and reads_as_revisions(texts)
    tide = 0.0
    if chain is None and revisions and (revision_like or n == 2):
        # the dates given, where they order witnesses of different lengths, show which
        # way the text went; only where they do not, the dates the texts name
        given = growth_by_dates_given(texts, dates)
        tide = float(given) if given else growth_log_odds(texts)
    if tide > 0 or (revision_like and tide == 0):
        # the copying model reads a passage one witness lacks as lost by it; where the
        # dates given (else the dates the witnesses name) say their text grew with
        # time, or the witnesses read as revisions and no dates say anything (the
        # revision chain's belief that revisers add), the same passage was added to
        # the other: read every gap the other way round. News rewrites read as
        # revisions too (their readings persist along an order), and their dates
        # given say their text shrank: read as added, every cut a rewrite made put
        # the shortest rewrite at the root
        directional = [Directional(c.members, c.loss, c.gain, c.unknown) for c in directional]
        rooting = Rooting(tree, n, directional, dates, lengths, recurring)
    elif rooting is None:
        rooting = Rooting(tree, n, directional, dates, lengths, recurring)
    root = rooting.best
    if n == 2:
        # two witnesses cannot show a lost exemplar (`collate.stemma.pair`)
        root = pair_root(rooting, later_date_evidence(*texts))
    states = reconstruct(rooted_parents(tree, root), n, directional)
    support = None if chain is None else chain.support
    return Component(
        witnesses,
        chars,
        tree,
        fitch,
        departures,
        rooting,
        root,
        states,
        support,
        revision_like,
        frozenset() if chain is None else chain.alike,
        tide,
        chain,
    )


def held_by_the_earliest(
    chars: Sequence[Character], dates: Sequence[str | None], texts: Sequence[str]
) -> list[int]:
    """Per witness (a bitmask of characters): the passages it has and some other
    witnesses lack, where by the dates given it may be the exemplar of all the
    others (none is dated earlier, some later) and those dates show that the text
    shrank with time (`growth_by_dates_given`): copies there lose passages, so a
    passage the earliest witness keeps is what the later ones that lack it left out,
    not a reading of its own that its copies would have kept. Counted as its own, such
    passages kept the source of a news story, whose every rewrite cut some of it,
    from being drawn as their exemplar: a lost exemplar was drawn above it and them.
    Its other singular readings (a word of its own, a passage the others have and it
    lacks) still count: copies would keep the one and could not have the other."""
    held = [0] * len(dates)
    if growth_by_dates_given(texts, dates) >= 0:
        return held
    known = [d for d in dates if d]
    for w, date in enumerate(dates):
        if not date or any(is_later(date, other) for other in known):
            continue
        if not any(is_later(other, date) for other in known):
            continue
        for k, c in enumerate(chars):
            if c.moved or bool(c.adds) == bool(c.lacks):
                continue  # a moved passage, or no plain gap: a reading, not text held
            # the minority adds a passage the reference lacks, or lacks one it has
            if (c.members >> w & 1) == bool(c.adds):
                held[w] |= 1 << k
    return held


def _lacking_here(lacking: Sequence[int], character: int) -> int:
    """The witnesses (a bitmask) that lack the text at a character."""
    return sum(1 << w for w, lacks in enumerate(lacking) if lacks >> character & 1)


def _revised(tree: Tree, root: Root, chain: Chain, n: int) -> bool:
    """Whether witnesses whose texts lie in a chain are revisions rather than copies.
    Scribes' copies keep their exemplar's readings, so the branching model finds the
    extant exemplars of a line of copies itself, and an exemplar with copies on two
    sides stands inside the chain, both copies changing its length the same way (both
    losing text, or both adding). Revisions are revised again: each state has
    readings of its own, which the branching model can explain only by lost
    exemplars (a lost archetype among them), and along a line of revisions the length
    changes one way, whichever that is, on both sides of any state inside it."""
    if any(node >= n for node in tree) or root[0] != root[1]:
        return True
    inner = root[0]
    if inner in (chain.order[0], chain.order[-1]):
        return True
    first, last = chain.size[chain.order[0]], chain.size[chain.order[-1]]
    middle = chain.size[inner]
    return not (first < middle > last or first > middle < last)


def _path(order: Sequence[int]) -> Tree:
    tree: Tree = {node: [] for node in order}
    for a, b in zip(order, order[1:], strict=False):
        add_edge(tree, a, b)
    return tree


def _leaf_tree(
    witnesses: tuple[int, ...], pairs: dict[tuple[int, int], Pair], fitch: Fitch
) -> Tree:
    n = len(witnesses)
    if n == 1:
        return {0: []}
    distance = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            distance[i][j] = distance[j][i] = pairs[witnesses[i], witnesses[j]].distance
    tree, _ = neighbour_joining(distance)
    return spr_search(tree, fitch) if n > 3 else tree


def typical_copy(departures: Sequence[float]) -> float:
    """What one act of copying typically leaves as a witness's own readings: the
    median of the larger half of the witnesses' singular departures. Exemplars have
    almost none, and where most witnesses are exemplars of others the median of all
    would be one of theirs."""
    larger = sorted(departures)[len(departures) // 2 :]
    return statistics.median(larger) if larger else 0.0


def _place_exemplars(
    tree: Tree, departures: Sequence[float], n: int, typical: float | None = None
) -> Tree:
    """Put each witness with (almost) no singular departures in the place of the
    hypothetical node it hangs from: it is that node, the exemplar of the rest."""
    typical = typical_copy(departures) if typical is None else typical
    tree = copy_tree(tree)
    taken: set[int] = set()
    for w in sorted(range(n), key=lambda w: (departures[w], w)):
        if departures[w] > EXEMPLAR_SHARE * typical or len(tree[w]) != 1:
            continue
        node = tree[w][0]
        if node < n or node in taken:
            continue
        taken.add(node)
        contract(tree, keep=w, drop=node)
    return tree


def _dissolve_weak_groups(
    tree: Tree, fitch: Fitch, departures: Sequence[float], n: int, copies: bool = False
) -> Tree:
    """Contract edges to hypothetical nodes whose shared innovations are too few to
    tell a group from chance agreement; repeat until every group is supported.

    Where the witnesses read as `copies`, a group is judged where its members have
    the text (`Fitch.supported_changes`): those that lack it are left out there, and
    what is left is scaled up to the whole text. A fragment read where it lacks the
    text as its closest relative reads, beside a copy of its own, took that copy's
    readings there, which kept a lost node between the fragment and the rest of its
    copies and drew it as a leaf (seed 304 of the synthetic traditions: a fragment
    that lost its first 2,300 words, the exemplar of seven witnesses); and a group
    of which a member lacks half the text showed half its support, and was dissolved
    (seed 302). Where the witnesses may be revisions, a state found to lack a later
    section keeps the support its whole text gives it, as with the other rules for
    fragments in copies (`collate.absences.find_fragments`,
    `collate.stemma.fragments.set_aside`).
    """
    threshold = max(MIN_SUPPORT, GROUP_SHARE * typical_copy(departures))
    tree = copy_tree(tree)
    while True:
        weakest: tuple[float, int, int] | None = None
        for a, b in edges(tree):
            if a < n and b < n:
                continue
            if (a < n and len(tree[a]) == 1) or (b < n and len(tree[b]) == 1):
                continue  # the edge to a leaf holds that witness's own readings
            if copies:
                changes, support = fitch.supported_changes(tree, a, b)
            else:
                changes = fitch.split_changes(tree, a, b)
                support = fitch.characters.weight(changes)
            if changes.bit_count() < MIN_LOCATIONS:
                support = min(support, 0.0)
            if support < threshold and (weakest is None or support < weakest[0]):
                weakest = (support, a, b)
        if weakest is None:
            return tree
        _, a, b = weakest
        keep, drop = (a, b) if a < n or (b >= n and a < b) else (b, a)
        fitch.contract(tree, keep, drop)


def _edge_lengths(tree: Tree, fitch: Fitch) -> dict[tuple[int, int], float]:
    """The weight of the changes on each edge, both ways round. Where some witness
    lacks the text, an edge is measured where it can be seen and scaled up to the
    whole text (`Fitch.supported_changes`): where the witnesses on one side of a node
    lack the text, the edges above and below it are one, and its changes would all
    fall on one of them, which then reads as two acts of copying (seed 304 of the
    synthetic traditions: two fragments that lost their first half, copies of a lost
    exemplar, doubled the edge from it to the extant archetype, and the archetype was
    put in the middle of that edge)."""
    lengths = {}
    for a, b in edges(tree):
        lengths[a, b] = lengths[b, a] = fitch.supported_changes(tree, a, b)[1]
    return lengths


def parents_of(component: Component) -> dict[int, int | None]:
    """Each node's main exemplar in the rooted component (-1: a lost archetype)."""
    return rooted_parents(component.tree, component.root)
