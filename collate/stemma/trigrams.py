"""Whole texts as word trigrams, and the passages they fall into: what the revision
chain (`collate.stemma.chain`) compares, and what its bootstrap resamples.

Each trigram is numbered by its occurrence in its text (the second "of the same" is
another than the first), so that texts compare as multisets. Words, trigrams and
their occurrences are interned to integers and kept in numpy arrays: the three whole
editions of the *Origin* hold 600,000 trigrams, which as tuples of strings in
dictionaries took seconds to cut into passages, and the bootstrap's 100 replicates
of their 44,000 passages as many seconds again.
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]

_WORD = re.compile(r"\w+")
_ASCII_WORD = re.compile(r"\w+", re.ASCII)
#: Transcribers' conventions that are no revision: ligatures and letters with
#: diacritics ("palæontology", "Gärtner" against "palaeontology", "Gartner"), the old
#: "&c." for "etc.", superscripts marked up ("a^{14}" against "a14").
_LIGATURES = {"æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"}
_SUPERSCRIPT = re.compile(r"\^\{?(\w+)\}?")
_ET_CETERA = re.compile(r"&c\b")
#: Bits of a witness set held per int64 word (the sign bit left alone).
_BITS = 62
#: Passages drawn at once by the bootstrap (`Passages.replicates`).
_BLOCK = 1 << 18


def fold(text: str) -> str:
    """The text as compared: case, diacritics, ligatures and transcribers' markup of
    the same letters folded, so that two transcriptions' conventions do not read as a
    revision between them."""
    text = _casefold(text)
    # each rewriting only where its sign stands (most texts have none of them), and
    # the ligatures only in a text that is not ASCII (none of them is)
    if "^" in text:
        text = _SUPERSCRIPT.sub(r"\1", text)
    if "&c" in text:
        text = _et_cetera(text)
    if text.isascii():
        return text
    # each character replaced (or dropped) on its own, as `str.translate` would, but
    # by `str.replace`: translating a book that is not ASCII looks each of its million
    # characters up in the table (a tenth of the stemma of Darwin's three editions)
    for letter, plain in _LIGATURES.items():
        if letter in text:
            text = text.replace(letter, plain)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    for mark in _beyond_ascii(decomposed.encode("utf-8", "surrogatepass")):
        if unicodedata.combining(mark):
            decomposed = decomposed.replace(mark, "")
    return decomposed


#: The most characters beyond ASCII that `_casefold` folds one by one.
_FOLDED_APART = 16


def _casefold(text: str) -> str:
    """`text.casefold()`, which folds each character on its own: in a text beyond
    ASCII it looks every character up (a book's million), where a text of few
    characters beyond ASCII is folded as fast by lowering its ASCII letters in UTF-8
    and folding each of the few others once (Darwin's three editions: a fold a sixth
    as costly)."""
    if text.isascii():
        return text.casefold()  # (ASCII's own fast way)
    data = text.encode("utf-8", "surrogatepass")
    changed = [char for char in _beyond_ascii(data) if char.casefold() != char]
    if len(changed) > _FOLDED_APART:
        return text.casefold()
    # folding is idempotent: what one character folds to, no later one changes
    folded = data.lower().decode("utf-8", "surrogatepass")
    for char in changed:
        folded = folded.replace(char, char.casefold())
    return folded


#: the bytes of ASCII, which `_beyond_ascii` drops
_ASCII_BYTES = bytes(range(128))


def _beyond_ascii(data: bytes) -> set[str]:
    """The characters beyond ASCII in a text in UTF-8 (lone surrogates passed), found
    by dropping its ASCII bytes, not by a pattern that looks at every character."""
    return set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def _et_cetera(text: str) -> str:
    """`_ET_CETERA.sub("etc", text)`: "&c" made "etc" where no word character
    follows it, found by `str.split`, not by the pattern's search through a book."""
    pieces = text.split("&c")
    joined = [pieces[0]]
    for piece in pieces[1:]:
        joined.append("&c" if piece[:1] and _WORD.match(piece) else "etc")
        joined.append(piece)
    return "".join(joined)


def words(text: str) -> list[str]:
    """The text's words as compared (`fold`)."""
    folded = fold(text)
    # the same words in an ASCII text, by the cheaper ASCII class (little: 2% of this)
    return (_ASCII_WORD if folded.isascii() else _WORD).findall(folded)


#: per byte of a text in UTF-8 whose characters are all word characters or ASCII:
#: itself where it is part of a word (an ASCII `\w`, or any byte of a character
#: beyond ASCII), else a space
_WORD_OR_SPACE = bytes(
    c if c >= 128 or chr(c).isalnum() or chr(c) == "_" else 32 for c in range(256)
)


def _word_bytes(folded: str) -> list[bytes]:
    """The words of a folded text (`words`) in UTF-8: each character beyond ASCII
    that is no word character made a space (a book has few of them: Darwin's three
    editions three, a dozen times), then every byte that is no part of a word, and
    the text split at spaces. The same words as the pattern finds, in bytes (the
    same characters in the same runs; UTF-8 tells different words apart), at a
    fraction of its cost: the pattern's matches were half the cutting of Darwin's
    three editions into passages."""
    data = folded.encode("utf-8", "surrogatepass")
    if not folded.isascii():
        for char in _beyond_ascii(data):
            if not _WORD.match(char):
                # (UTF-8 finds a character's bytes only where that character stands)
                data = data.replace(char.encode("utf-8", "surrogatepass"), b" ")
    return data.translate(_WORD_OR_SPACE).split()


def shingles_in_order(text: str) -> list[tuple[tuple[str, ...], int]]:
    """The text's word trigrams in order, each with its occurrence number."""
    found = words(text)
    seen: dict[tuple[str, ...], int] = {}
    ordered: list[tuple[tuple[str, ...], int]] = []
    for gram in zip(found, found[1:], found[2:], strict=False):
        seen[gram] = seen.get(gram, 0) + 1
        ordered.append((gram, seen[gram]))
    return ordered


class Passages:
    """Runs of consecutive trigrams that the same witnesses have, each once (read in
    the first witness that has it): per passage, the set of witnesses (an index into
    `masks`, bitmasks of witnesses) and its length in trigrams."""

    def __init__(self, masks: Sequence[int], mask_of: Ints, length: Ints) -> None:
        self.masks = tuple(masks)
        self.mask_of = mask_of
        self.length = length
        self._replicates: dict[tuple[int, int], Ints] = {}

    @classmethod
    def of(cls, cut: Sequence[tuple[int, int]]) -> Passages:
        """From (bitmask, length) pairs."""
        index: dict[int, int] = {}
        mask_of = [index.setdefault(mask, len(index)) for mask, _ in cut]
        return cls(
            list(index),
            np.array(mask_of, dtype=np.int64),
            np.array([length for _, length in cut], dtype=np.int64),
        )

    def as_list(self) -> list[tuple[int, int]]:
        pairs = zip(self.mask_of.tolist(), self.length.tolist(), strict=True)
        return [(self.masks[m], n) for m, n in pairs]

    def __len__(self) -> int:
        return len(self.length)

    def totals(self) -> Ints:
        """Per set of witnesses (`masks`): the trigrams in its passages."""
        return _per_mask(self.mask_of, self.length, len(self.masks))

    def replicates(self, count: int, seed: int) -> Ints:
        """`totals` for `count` bootstrap replicates: the passages drawn again with
        replacement, as many as there are, from a fixed seed. The draws are those of
        `random.Random(seed).choices(passages, k=len(passages))` replicate after
        replicate (the same generator, its state handed to numpy), so the same input
        gives the same replicates as one by one in Python."""
        key = (count, seed)
        found = self._replicates.get(key)
        if found is None:
            found = np.zeros((count, len(self.masks)), dtype=np.int64)
            total = len(self.length)
            if total:
                # replicates drawn a block at a time: one draw of many is the same
                # stream as one draw each, and one count over a block (each
                # replicate's sets numbered apart) the same sums as one count each;
                # the per-replicate loop was most of a small tradition's bootstrap,
                # and a block bounds the memory of a long one's
                masks = len(self.masks)
                # (the lengths as the weights a count takes them, once; `np.take`,
                # not indexing: the same numbers, fewer steps a passage drawn)
                weights = self.length.astype(np.float64)
                for first, uniform in _uniforms(seed, count, total):
                    rows = len(uniform)
                    drawn = (uniform * float(total)).astype(np.int64)
                    sets = np.take(self.mask_of, drawn)
                    sets += np.arange(rows, dtype=np.int64)[:, None] * masks
                    found[first : first + rows] = _per_mask(
                        sets.reshape(-1), np.take(weights, drawn).reshape(-1), rows * masks
                    ).reshape(rows, masks)
            self._replicates[key] = found
        return found


def _uniforms(seed: int, count: int, total: int) -> Iterator[tuple[int, Floats]]:
    """The first `count` * `total` numbers in [0, 1) of `random.Random(seed)`'s stream,
    as `count` rows of `total`, a block of rows at a time (each with its first row's
    number). The start of the stream is drawn once a process (`_stream_start`): a
    small tradition's draws are fewer than setting up the generator takes."""
    if count * total <= _BLOCK:  # (not drawn where a long tradition would not use it)
        yield 0, _stream_start(seed)[: count * total].reshape(count, total)
        return
    generator = _generator(seed)
    block = max(1, _BLOCK // total)
    for first in range(0, count, block):
        rows = min(block, count - first)
        yield first, generator.random_sample((rows, total))


@functools.lru_cache(maxsize=2)
def _stream_start(seed: int) -> Floats:
    start = _generator(seed).random_sample(_BLOCK)
    start.flags.writeable = False  # shared by every call
    return start


def _generator(seed: int) -> np.random.RandomState:
    """numpy's generator in the state `random.Random(seed)` begins in."""
    state = random.Random(seed).getstate()[1]
    generator = np.random.RandomState()
    generator.set_state(("MT19937", np.array(state[:-1], dtype=np.uint32), state[-1], 0, 0.0))
    return generator


def _per_mask(mask_of: Ints, length: Ints | Floats, masks: int) -> Ints:
    # float weights are exact: no text holds 2**53 trigrams
    return np.bincount(mask_of, weights=length, minlength=masks).astype(np.int64)


def members(masks: Sequence[int], n: int) -> Ints:
    """Per bitmask, per witness: 1 where the witness is in the set."""
    return np.array([[mask >> w & 1 for w in range(n)] for mask in masks], dtype=np.int64).reshape(
        len(masks), n
    )


def cut_into_passages(texts: Sequence[str]) -> Passages:
    """The texts cut into passages (`Passages`). A passage is the unit of a revision
    (a word changed spoils three trigrams, a sentence added is one passage), so it is
    what the bootstrap resamples. All texts are read as one array, each word numbered
    by its first appearance and each trigram by its words only in so far as that tells
    equal ones apart: the passages depend on which trigrams are equal, not on their
    numbers."""
    n = len(texts)
    vocabulary: dict[bytes, int] = {}
    texts_ids = []
    for text in texts:  # one text's words at a time: a book's are many strings
        found = _word_bytes(fold(text))
        for word in dict.fromkeys(found):
            vocabulary.setdefault(word, len(vocabulary))
        texts_ids.append(np.fromiter(map(vocabulary.__getitem__, found), np.int64, len(found)))
    trigrams = _trigrams(texts_ids, max(len(vocabulary), 1))
    owner = np.repeat(np.arange(n, dtype=np.int64), [len(t) for t in trigrams])
    grams = np.concatenate(trigrams) if trigrams else np.zeros(0, dtype=np.int64)
    keys = _occurrence_keys(grams, owner)
    distinct = int(keys.max(initial=-1)) + 1
    holders = np.zeros((distinct, (n + _BITS - 1) // _BITS or 1), dtype=np.int64)
    for w, k in enumerate(np.split(keys, np.cumsum([len(t) for t in trigrams])[:-1])):
        # a key stands once in a witness (numbered by occurrence): no index repeats
        holders[k, w // _BITS] |= np.int64(1 << (w % _BITS))
    if holders.shape[1] == 1:
        masks, group = _distinct_masks(holders[:, 0], n)
    else:
        unique, group = np.unique(holders, axis=0, return_inverse=True)
        masks = [sum(int(v) << (_BITS * i) for i, v in enumerate(row)) for row in unique.tolist()]
    group = group.reshape(-1)
    lowest = np.array([(m & -m).bit_length() - 1 for m in masks], dtype=np.int64)
    if not len(keys):
        return Passages(masks, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    # runs of trigrams that the same witnesses have, in every text at once (a run ends
    # where its text does), each kept in the first witness that has it
    sets = group[keys]
    starts = np.flatnonzero(
        np.concatenate(([True], (sets[1:] != sets[:-1]) | (owner[1:] != owner[:-1])))
    )
    lengths = np.diff(np.append(starts, len(sets)))
    runs = sets[starts]
    first = lowest[runs] == owner[starts]
    return Passages(masks, runs[first].astype(np.int64), lengths[first].astype(np.int64))


def _trigrams(texts_ids: Sequence[Ints], base: int) -> list[Ints]:
    """Each text's word trigrams (of word numbers below `base`) as integers, the same
    trigram the same integer in every text."""
    firsts = [ids[:-2] for ids in texts_ids]
    seconds = [ids[1:-1] for ids in texts_ids]
    thirds = [ids[2:] for ids in texts_ids]
    if base < 1 << 20:  # a trigram's three numbers fit in one int64: that is its number
        return [(a * base + b) * base + c for a, b, c in zip(firsts, seconds, thirds, strict=True)]
    return _intern_pairs(_intern_pairs(firsts, seconds, base), thirds, base)


def _intern_pairs(first: Sequence[Ints], second: Sequence[Ints], base: int) -> list[Ints]:
    """Each pair (first[i], second[i]) of every text as one small integer, the same
    pair the same integer in every text (base: more than any `second`)."""
    return _intern([f * base + s for f, s in zip(first, second, strict=True)])


def _intern(values: Sequence[Ints]) -> list[Ints]:
    """Each value of every text as one small integer, the same value the same integer
    in every text."""
    if not any(len(v) for v in values):
        return [np.zeros(0, dtype=np.int64) for _ in values]
    _, inverse = np.unique(np.concatenate(values), return_inverse=True)
    inverse = inverse.reshape(-1).astype(np.int64)
    bounds = np.cumsum([len(v) for v in values])[:-1]
    return list(np.split(inverse, bounds))


def _occurrence_keys(grams: Ints, owner: Ints) -> Ints:
    """Per trigram (of the texts one after another, `owner` the text of each): a
    number for the trigram and how many times it stood before in the same text, so
    that the second "of the same" in one text is the second in another and not the
    first; the numbers run from 0 with none left out. One stable sort by trigram does
    it: a trigram's occurrences in one text, in order, are a run of the sorted texts,
    and its numbers follow those of the trigrams before it in the sort, as many as the
    most times one text has it (a sort for the occurrences and two more for the
    numbers were a fifth of the stemma of Darwin's three editions)."""
    if not len(grams):
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(grams, kind="stable")
    ranked, holder = grams[order], owner[order]
    position = np.arange(len(grams), dtype=np.int64)
    new_gram = np.concatenate(([True], ranked[1:] != ranked[:-1]))
    new_run = new_gram | np.concatenate(([True], holder[1:] != holder[:-1]))
    occurrence = position - np.maximum.accumulate(np.where(new_run, position, 0))
    width = np.maximum.reduceat(occurrence, np.flatnonzero(new_gram)) + 1
    first_key = np.cumsum(width) - width
    keys = np.empty(len(grams), dtype=np.int64)
    keys[order] = first_key[np.cumsum(new_gram) - 1] + occurrence
    return keys


#: up to this many witnesses, their sets are told apart by counting, not sorting
_COUNTED = 16


def _distinct_masks(values: Ints, n: int) -> tuple[list[int], Ints]:
    """The distinct bitmasks among `values` (of `n` witnesses), in increasing order,
    and per value the index of its own: `np.unique` with its inverse, by counting
    where the witnesses are few (their sets are then few)."""
    if n > _COUNTED:
        unique, inverse = np.unique(values, return_inverse=True)
        return [int(v) for v in unique.tolist()], inverse.reshape(-1)
    present = np.bincount(values, minlength=1 << n) > 0
    index = np.cumsum(present) - 1
    return np.flatnonzero(present).tolist(), index[values]
