"""Synthetic textual traditions with a known truth, for measuring engines and stemmata.

An archetype is written from a Zipf-like vocabulary (frequent function words and
punctuation, a long tail of content words, some with orthographic doublets), then
copied along a random tree. Each copy makes scribal errors: substitutions, orthographic
variants, omissions, eye-skips between repeated words, insertions, swapped words and
moved blocks. Every token carries three things down the tree:

- its *origin*: the id of the archetype (or inserted) token it descends from, so two
  tokens in different witnesses belong in one alignment column exactly when their
  origins agree;
- its *position*: a number in the archetype's coordinates, strictly increasing along
  every copy (an inserted or moved token gets one between its new neighbours), which
  orders the true alignment's columns;
- its *placement*: 0 where the token stands where the archetype had it, otherwise the
  number of the move (a moved block, or a swapped word) that put it where it stands.

Everything is drawn from one `random.Random(seed)`, never from hash order, so a seed
gives the same tradition under any PYTHONHASHSEED.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from collate import Alignment, Transposition, Witness
from collate.tokenize import tokenize

# --------------------------------------------------------------------------- vocabulary

FUNCTION_WORDS: tuple[str, ...] = tuple(
    "the of and to a in that is was he for it with as his on be at by had not are but "
    "from or have an they which one you were her all she there would their we him been "
    "has when who will more no if out so said what up its about into than them can only "
    "other new some could time these two may then do first any my now such like our over "
    "man me even most made after also did many before must through back years where much "
    "your way well down should because each just those people how too little state good "
    "very make world still own see men work long get here between both life being under "
    "never day same another know while last might us great old year off come since against".split()
)
#: punctuation marks with their weight relative to one another
PUNCTUATION: tuple[tuple[str, int], ...] = ((",", 60), (";", 6), (":", 3), ("?", 2), ("!", 1))
_ONSETS = "b c d f g h l m n p r s t v w br cl cr dr fl gr pl pr sp st str th tr".split()
_VOWELS = "a e i o u ea ou ai ie".split()
_CODAS = "n r s t l m nd nt rd st ck ll".split()
#: endings with a common orthographic doublet, as in "defence"/"defense"
_DOUBLETS: tuple[tuple[str, str], ...] = (
    ("our", "or"),
    ("ence", "ense"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ll", "l"),
    ("tre", "ter"),
    ("ogue", "og"),
    ("ae", "e"),
    ("ght", "t"),
    ("oe", "e"),
)
_ENDINGS = ("", "", "", "ing", "ed", "ly", "s", "ness", "ment", "our", "ence", "ise", "tre")


def _content_word(rng: random.Random) -> str:
    syllables = [
        rng.choice(_ONSETS)
        + rng.choice(_VOWELS)
        + (rng.choice(_CODAS) if rng.random() < 0.3 else "")
        for _ in range(rng.choice((1, 1, 2, 2, 3)))
    ]
    return "".join(syllables) + rng.choice(_ENDINGS)


def orthographic_variant(word: str, rng: random.Random) -> str | None:
    """Another spelling of `word`, by the first doublet rule that applies (or None)."""
    # the other way round only for endings long enough to be a spelling, not a letter
    rules = [(a, b) for a, b in _DOUBLETS if a in word] + [
        (b, a) for a, b in _DOUBLETS if len(b) > 1 and word.endswith(b)
    ]
    if not rules:
        return None
    old, new = rules[rng.randrange(len(rules))]
    at = word.rfind(old)
    return word[:at] + new + word[at + len(old) :]


@dataclass(frozen=True)
class Vocabulary:
    """Words with Zipf weights: function words first, then content words."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]
    function_count: int

    @classmethod
    def build(cls, rng: random.Random, size: int = 6000) -> Vocabulary:
        content: list[str] = []
        seen = set(FUNCTION_WORDS)
        while len(content) < size:
            word = _content_word(rng)
            if word not in seen:
                seen.add(word)
                content.append(word)
        words = (*FUNCTION_WORDS, *content)
        # Zipf over the whole list: the first function words make ~5% of the text each,
        # content words spread thinly over a long tail.
        weights = [1.0 / (rank + 1.5) for rank in range(len(words))]
        total, cumulative = 0.0, []
        for weight in weights:
            total += weight
            cumulative.append(total)
        return cls(words, tuple(c / total for c in cumulative), len(FUNCTION_WORDS))

    def draw(self, rng: random.Random) -> str:
        index = _bisect(self.cumulative, rng.random())
        return self.words[min(index, len(self.words) - 1)]


def _bisect(values: Sequence[float], x: float) -> int:
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if values[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _punctuation(rng: random.Random) -> str:
    total = sum(w for _, w in PUNCTUATION)
    x = rng.randrange(total)
    for mark, weight in PUNCTUATION:
        if x < weight:
            return mark
        x -= weight
    return ","


def is_word(text: str) -> bool:
    return text[:1].isalpha()


# --------------------------------------------------------------------------- copying


@dataclass
class _Token:
    origin: int
    position: float
    placement: int
    text: str


@dataclass(frozen=True)
class Rates:
    """Per token and copy: how likely each kind of scribal change is to start there."""

    substitution: float
    orthographic: float
    omission: float
    eye_skip: float
    insertion: float
    swap: float
    moved_blocks: float


@dataclass
class _Scribe:
    """The state shared by every copy: the random source, fresh ids, the moves so far."""

    rng: random.Random
    vocabulary: Vocabulary
    rates: Rates
    next_origin: int
    #: move number -> origin -> the placement that origin had before the move
    moves: dict[int, dict[int, int]] = field(default_factory=dict)

    def fresh_origin(self) -> int:
        self.next_origin += 1
        return self.next_origin - 1

    def new_move(self, before: dict[int, int]) -> int:
        number = len(self.moves) + 1
        self.moves[number] = before
        return number

    def event_positions(self, rate: float, length: int) -> set[int]:
        """Where events of one kind start: geometric gaps, so the cost is per event."""
        if rate <= 0 or length == 0:
            return set()
        found: set[int] = set()
        at, log_keep = -1, math.log1p(-min(rate, 0.999999))
        while True:
            at += 1 + int(math.log(1.0 - self.rng.random()) / log_keep)
            if at >= length:
                return found
            found.add(at)

    def word(self) -> str:
        return self.vocabulary.draw(self.rng) if self.rng.random() < 0.9 else _punctuation(self.rng)


def _between(low: float, high: float, count: int) -> list[float] | None:
    """`count` increasing positions strictly between low and high, if floats allow."""
    step = (high - low) / (count + 1)
    positions = [low + step * (k + 1) for k in range(count)]
    if all(a < b for a, b in zip([low, *positions], [*positions, high], strict=True)):
        return positions
    return None


def _part_of(low: float, high: float, rng: random.Random) -> tuple[float, float]:
    """A random eighth of the interval: what two branches put into one gap then rarely
    interleaves, so each move's columns stay together in the true alignment."""
    start = low + (high - low) * rng.random() * 7 / 8
    return start, start + (high - low) / 8


def _following(tokens: Sequence[_Token], index: int) -> float:
    return tokens[index].position if index < len(tokens) else tokens[-1].position + 1.0


def _eye_skip_end(tokens: Sequence[_Token], at: int) -> int | None:
    """Where the eye lands: the next occurrence of the word at `at` within 40 tokens."""
    if not is_word(tokens[at].text):
        return None
    word = tokens[at].text
    for later in range(at + 2, min(at + 41, len(tokens))):
        if tokens[later].text == word:
            return later
    return None


def _copy_with_errors(exemplar: Sequence[_Token], scribe: _Scribe) -> list[_Token]:
    rng, rates, n = scribe.rng, scribe.rates, len(exemplar)
    events = {
        name: scribe.event_positions(getattr(rates, name), n)
        for name in ("substitution", "orthographic", "omission", "eye_skip", "insertion", "swap")
    }
    copy: list[_Token] = []
    i = 0
    while i < n:
        token = exemplar[i]
        if i in events["omission"]:
            i += 1 + min(int(rng.expovariate(1.0)), 4)
            continue
        text = token.text
        if i in events["substitution"]:
            text = scribe.word()
        elif i in events["orthographic"]:
            text = orthographic_variant(text, rng) or text
        copy.append(_Token(token.origin, token.position, token.placement, text))
        skip_to = _eye_skip_end(exemplar, i) if i in events["eye_skip"] else None
        if skip_to is not None:
            i = skip_to + 1
            continue
        if i in events["swap"] and i + 1 < n and is_word(text) and is_word(exemplar[i + 1].text):
            moved = _swap(copy, exemplar, i, scribe)
            if moved:
                i += 2
                continue
        if i in events["insertion"]:
            _insert(copy, _following(exemplar, i + 1), scribe)
        i += 1
    return _move_blocks(copy, scribe)


def _swap(copy: list[_Token], exemplar: Sequence[_Token], i: int, scribe: _Scribe) -> bool:
    """Write exemplar[i + 1] before the word just copied: that word moves past it."""
    first, second = copy[-1], exemplar[i + 1]
    positions = _between(second.position, _following(exemplar, i + 2), 1)
    if positions is None:
        return False
    move = scribe.new_move({first.origin: first.placement})
    copy[-1] = _Token(second.origin, second.position, second.placement, second.text)
    copy.append(_Token(first.origin, positions[0], move, first.text))
    return True


def _insert(copy: list[_Token], upper: float, scribe: _Scribe) -> None:
    count = 1 + min(int(scribe.rng.expovariate(0.8)), 5)
    positions = _between(*_part_of(copy[-1].position, upper, scribe.rng), count)
    for position in positions or ():
        copy.append(_Token(scribe.fresh_origin(), position, 0, scribe.word()))


def _move_blocks(tokens: list[_Token], scribe: _Scribe) -> list[_Token]:
    rng = scribe.rng
    for _ in scribe.event_positions(scribe.rates.moved_blocks, len(tokens)):
        length = rng.randint(5, 40)
        if len(tokens) < 4 * length:
            continue
        start = rng.randrange(len(tokens) - length + 1)
        block, rest = tokens[start : start + length], tokens[:start] + tokens[start + length :]
        # a gap in the rest, at most ~2000 tokens away, that is not where the block was
        gap = start
        while gap == start:
            gap = rng.randint(max(start - 2000, 0), min(start + 2000, len(rest)))
        low = rest[gap - 1].position if gap > 0 else rest[0].position - 1.0
        high = rest[gap].position if gap < len(rest) else rest[-1].position + 1.0
        positions = _between(*_part_of(low, high, rng), length)
        if positions is None:
            continue
        move = scribe.new_move({t.origin: t.placement for t in block})
        moved = [_Token(t.origin, p, move, t.text) for t, p in zip(block, positions, strict=True)]
        tokens = rest[:gap] + moved + rest[gap:]
    return tokens


def _contaminated_exemplar(
    first: Sequence[_Token], second: Sequence[_Token], rng: random.Random
) -> list[_Token]:
    """The text a scribe copies when switching between two exemplars by passage: each
    passage (a range of positions) is taken whole from one exemplar."""
    end = max(first[-1].position if first else 0.0, second[-1].position if second else 0.0) + 1
    bounds, at = [], 0.0
    while at < end:
        bounds.append(at)
        at += rng.randint(100, 500)
    bounds.append(math.inf)
    mixed: list[_Token] = []
    seen: set[int] = set()
    for k, (low, high) in enumerate(zip(bounds, bounds[1:], strict=False)):
        source = first if k % 2 == 0 else second
        for token in source:
            # a moved token may appear in both exemplars' passages: copy it once
            if low <= token.position < high and token.origin not in seen:
                seen.add(token.origin)
                mixed.append(token)
    return mixed


# --------------------------------------------------------------------------- the tree


def _stemma(
    rng: random.Random, witnesses: int, lost_fraction: float, extant_ancestors: float
) -> tuple[dict[str, str | None], list[str]]:
    """A random tree: node -> parent (None for the archetype), and the nodes top-down.

    Built bottom-up: the leaves are extant; each internal node adopts 2-3 of the
    subtrees still without a parent (an extant ancestor may adopt just one).
    """
    internal_extant = round(witnesses * extant_ancestors) if witnesses > 1 else 0
    internal_extant = min(internal_extant, witnesses - 1)
    lost = round(witnesses * lost_fraction / max(1e-9, 1.0 - lost_fraction))
    extant_names = [f"W{k:02d}" for k in range(1, witnesses + 1)]
    rng.shuffle(extant_names)
    leaves, ancestors = extant_names[internal_extant:], extant_names[:internal_extant]
    internal = ancestors + [f"L{k:02d}" for k in range(1, lost + 1)]
    rng.shuffle(internal)
    parent: dict[str, str | None] = {}
    pool = list(leaves)
    for node in internal:
        lost_node = node.startswith("L")
        if len(pool) < 2 and lost_node:
            continue
        take = min(len(pool), rng.choice((2, 2, 3)) if lost_node else rng.choice((1, 1, 2)))
        for child in rng.sample(pool, take):
            pool.remove(child)
            parent[child] = node
        pool.append(node)
    if len(pool) > 1:
        pool_root = "L00"
        for child in pool:
            parent[child] = pool_root
        pool = [pool_root]
    parent[pool[0]] = None
    order, frontier = [], [pool[0]]
    while frontier:
        node = frontier.pop(0)
        order.append(node)
        frontier.extend(sorted(c for c, p in parent.items() if p == node))
    return parent, order


# --------------------------------------------------------------------------- the result


@dataclass(frozen=True)
class SyntheticTradition:
    """Extant witnesses and the true history of every token in them."""

    witnesses: tuple[Witness, ...]
    #: per siglum, per token (as collate.tokenize splits it): the original token's id
    origins: Mapping[str, tuple[int, ...]]
    #: node -> its exemplar(s): two for a contaminated node, () for the archetype
    parents: Mapping[str, tuple[str, ...]]
    extant: frozenset[str]
    #: per siglum, half-open token ranges that stand where a move put them (a moved
    #: block, or a word swapped with its neighbour)
    moved: Mapping[str, tuple[tuple[int, int], ...]]
    #: per siglum, per token: where it stands, in the archetype's coordinates
    positions: Mapping[str, tuple[float, ...]] = field(repr=False)
    #: per siglum, per token: 0, or the number of the move that put it where it stands
    placements: Mapping[str, tuple[int, ...]] = field(repr=False)
    #: move number -> origin -> the placement the token had before that move
    moves: Mapping[int, Mapping[int, int]] = field(repr=False)

    def true_alignment(self) -> Alignment:
        """Tokens with one origin and placement in one column; each move that left a
        trace in two places becomes a `Transposition` linking the two places."""
        tokenized = tuple(tokenize(w) for w in self.witnesses)
        slot_position: dict[tuple[int, int], float] = {}
        for witness in self.witnesses:
            s = witness.siglum
            slots_here = zip(self.origins[s], self.placements[s], strict=True)
            for slot, position in zip(slots_here, self.positions[s], strict=True):
                slot_position[slot] = position
        slots = sorted(slot_position, key=lambda slot: (slot_position[slot], slot))
        column_of = {slot: number for number, slot in enumerate(slots)}
        cells: list[list[int | None]] = [[None] * len(self.witnesses) for _ in slots]
        for w, witness in enumerate(self.witnesses):
            s = witness.siglum
            for index, slot in enumerate(zip(self.origins[s], self.placements[s], strict=True)):
                cells[column_of[slot]][w] = index
        columns = tuple(tuple(c) for c in cells)
        return Alignment(tokenized, columns, self._transpositions(column_of), engine="truth")

    def _transpositions(
        self, column_of: Mapping[tuple[int, int], int]
    ) -> tuple[Transposition, ...]:
        found = []
        used = sorted({p for s in self.extant for p in self.placements[s] if p})
        for move in used:
            links = sorted(
                (column_of[(origin, before)], column_of[(origin, move)])
                for origin, before in self.moves[move].items()
                if (origin, before) in column_of and (origin, move) in column_of
            )
            if not links or any(b <= a for (_, a), (_, b) in zip(links, links[1:], strict=False)):
                continue
            first = (links[0][0], links[-1][0] + 1)
            second = (links[0][1], links[-1][1] + 1)
            if first[1] <= second[0] or second[1] <= first[0]:
                found.append(Transposition(first, second, tuple(links)))
        return tuple(found)


def _render(tokens: Sequence[_Token]) -> str:
    """Words separated by spaces, punctuation attached to the word before it, a capital
    after a full stop; collate.tokenize splits the result back into exactly `tokens`."""
    parts: list[str] = []
    capital = True
    for token in tokens:
        text = token.text
        if is_word(text):
            if capital:
                text = text[:1].upper() + text[1:]
            parts.append((" " if parts else "") + text)
            capital = False
        else:
            parts.append(text)
            capital = text in ".?!"
    return "".join(parts)


def _archetype(rng: random.Random, vocabulary: Vocabulary, words: int) -> list[_Token]:
    tokens: list[_Token] = []
    count = 0
    while count < words:
        for _ in range(min(rng.randint(6, 30), words - count)):
            tokens.append(_Token(len(tokens), float(len(tokens)), 0, vocabulary.draw(rng)))
            count += 1
            if rng.random() < 0.08:
                tokens.append(_Token(len(tokens), float(len(tokens)), 0, _punctuation(rng)))
        tokens.append(_Token(len(tokens), float(len(tokens)), 0, "."))
    return tokens


def generate(
    seed: int,
    words: int,
    witnesses: int,
    *,
    substitution: float = 0.008,
    orthographic: float = 0.006,
    omission: float = 0.003,
    eye_skip: float = 0.0015,
    insertion: float = 0.003,
    swap: float = 0.0015,
    moved_blocks: float = 0.0002,
    lost_fraction: float = 0.3,
    extant_ancestors: bool | float = True,
    contamination: float = 0.0,
    fragments: float = 0.0,
    lacunae: float = 0.0,
) -> SyntheticTradition:
    """A tradition of `witnesses` extant copies of a `words`-word archetype.

    Rates are per token and copy. `lost_fraction` is the share of the tree's nodes that
    are lost; `extant_ancestors` (True = a quarter) is the share of extant witnesses that
    are exemplars of others; `contamination` is each copy's chance of a second exemplar.
    `fragments` is each extant witness's chance of having lost its beginning or its end
    (20-60% of its text), `lacunae` its chance of a lacuna inside its text (2-6% of it,
    replaced by the marker `[...]` the way a transcriber marks one); both damage the
    extant witness only (its copies were made before), so they change no line of descent.
    """
    if witnesses < 1 or words < 1:
        raise ValueError("a tradition needs at least one witness and one word")
    rng = random.Random(seed)
    vocabulary = Vocabulary.build(rng)
    archetype = _archetype(rng, vocabulary, words)
    rates = Rates(substitution, orthographic, omission, eye_skip, insertion, swap, moved_blocks)
    scribe = _Scribe(rng, vocabulary, rates, next_origin=len(archetype))
    share = 0.25 if extant_ancestors is True else float(extant_ancestors)
    parent, order = _stemma(rng, witnesses, lost_fraction, share)
    texts: dict[str, list[_Token]] = {}
    parents: dict[str, tuple[str, ...]] = {}
    for number, node in enumerate(order):
        exemplar = parent[node]
        if exemplar is None:
            # the archetype as it stands: the root's own text, no copying errors yet
            texts[node], parents[node] = archetype, ()
            continue
        source: Sequence[_Token] = texts[exemplar]
        others = [n for n in order[:number] if n != exemplar]
        if others and rng.random() < contamination:
            second = rng.choice(others)
            source = _contaminated_exemplar(source, texts[second], rng)
            parents[node] = (exemplar, second)
        else:
            parents[node] = (exemplar,)
        texts[node] = _copy_with_errors(source, scribe)
    extant = sorted(n for n in order if n.startswith("W"))
    if fragments or lacunae:
        # a stream of its own: a tradition without damage is the same as before
        damage = random.Random(seed * 7919 + 17)
        for s in extant:
            texts[s] = _damaged(texts[s], damage, scribe, fragments, lacunae)
    return SyntheticTradition(
        witnesses=tuple(Witness(s, _render(texts[s])) for s in extant),
        origins={s: tuple(t.origin for t in texts[s]) for s in extant},
        parents=parents,
        extant=frozenset(extant),
        moved={s: _moved_ranges(texts[s]) for s in extant},
        positions={s: tuple(t.position for t in texts[s]) for s in extant},
        placements={s: tuple(t.placement for t in texts[s]) for s in extant},
        moves={k: dict(v) for k, v in scribe.moves.items()},
    )


#: how a transcriber marks a lacuna, as collate.tokenize splits it: one sign
LACUNA_TOKENS = ("[...]",)


def _damaged(
    tokens: list[_Token], rng: random.Random, scribe: _Scribe, fragments: float, lacunae: float
) -> list[_Token]:
    """The witness as it survives: perhaps a fragment, perhaps with a marked lacuna."""
    if rng.random() < fragments:
        lost = int(len(tokens) * rng.uniform(0.2, 0.6))
        tokens = tokens[:-lost] if rng.random() < 0.5 else tokens[lost:]
    if rng.random() < lacunae and len(tokens) > 100:
        length = int(len(tokens) * rng.uniform(0.02, 0.06))
        start = rng.randrange(len(tokens) // 10, len(tokens) - length - len(tokens) // 10)
        where = tokens[start].position
        marker = [
            _Token(scribe.fresh_origin(), where + (i + 1) * 1e-6, 0, text)
            for i, text in enumerate(LACUNA_TOKENS)
        ]
        tokens = tokens[:start] + marker + tokens[start + length :]
    return tokens


def _moved_ranges(tokens: Sequence[_Token]) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if not token.placement:
            continue
        if ranges and ranges[-1][1] == index and tokens[index - 1].placement == token.placement:
            ranges[-1] = (ranges[-1][0], index + 1)
        else:
            ranges.append((index, index + 1))
    return tuple(ranges)
