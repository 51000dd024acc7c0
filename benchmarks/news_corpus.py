"""A synthetic news corpus with a known truth: which documents are versions of one
story, and who rewrote whom.

Each story has an agency source (about `words` words in paragraphs of sentences, its
own names and topic words over a Zipf-distributed common vocabulary) and 1 to 7
rewritten versions, each made from the source or from an earlier version (so the true
derivations form a tree) by an outlet that

- rewords: replaces 3-15% of the words by a fixed alternative of each (a synonym),
- shortens: keeps each sentence with a probability between 0.65 and 1 and, half the
  time, cuts the last paragraphs (up to 30% of them),
- reorders: swaps some paragraphs,
- merges in quotations: one or two passages of 20-40 words from other stories'
  sources (the reuse a corpus tool must not mistake for a version).

Unrelated noise documents (stories that were never rewritten, about 15% of the
documents) fill the rest. Dates
follow the derivations (a copy is later than its exemplar). The corpus is written as a
table (JSON Lines or Parquet: id, text, date, source, title) with `truth.json` (the
groups and derivation edges) beside it.

Run: `python -m benchmarks.news_corpus OUT.jsonl --documents 10000 [--seed 1]`
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_FUNCTION = (
    "the of and to a in that is was he for it with as his on be at by had are but from "
    "or have an they which one you were her all she there would their we him been has "
    "when who will more no if out so said what up its about into than them can only "
    "other new some could time these two may then do first any my now such like our "
    "over man me even most made after also did many before must through back years "
    "where much your way well down should because each just those people how too little "
    "state good very make world still own see men work long get here between both life "
    "being under never day same another know while last might us great old year off "
    "come since against go came right used take three"
).split()
_OUTLETS = [f"outlet-{n:03d}" for n in range(200)]
_SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def _vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        parts = rng.integers(0, len(_SYLLABLES), size=int(rng.integers(2, 5)))
        words.add("".join(_SYLLABLES[p] for p in parts))
    return sorted(words)


@dataclass
class Corpus:
    rows: list[dict[str, str]] = field(default_factory=list)
    #: group name -> member ids; derivation edges (exemplar, copy)
    groups: dict[str, list[str]] = field(default_factory=dict)
    edges: list[tuple[str, str]] = field(default_factory=list)


class _Writer:
    def __init__(self, seed: int, words: int) -> None:
        self.rng = random.Random(seed)
        nrng = np.random.default_rng(seed)
        self.common = _vocabulary(20000, nrng)
        # Zipf weights over the common vocabulary; function words most frequent of all
        ranks = np.arange(1, len(self.common) + 1)
        weights = 1.0 / ranks**1.05
        self.cumulative = np.cumsum(weights / weights.sum())
        self.nrng = nrng
        self.words = words
        self.synonym = {w: self.rng.choice(self.common) for w in self.common[:8000]}

    def _sentence(self, topic: list[str]) -> list[str]:
        length = self.rng.randint(10, 25)
        picks = np.searchsorted(self.cumulative, self.nrng.random(length))
        out = []
        for p in picks.tolist():
            r = self.rng.random()
            if r < 0.40:
                out.append(self.rng.choice(_FUNCTION))
            elif r < 0.52:
                out.append(self.rng.choice(topic))
            else:
                out.append(self.common[min(p, len(self.common) - 1)])
        out[0] = out[0].capitalize()
        return out

    def source(self) -> list[list[list[str]]]:
        """Paragraphs of sentences of words."""
        topic = [w.capitalize() for w in self.rng.sample(self.common[2000:], 12)]
        topic += self.rng.sample(self.common[500:3000], 12)
        paragraphs, count = [], 0
        while count < self.words:
            paragraph = [self._sentence(topic) for _ in range(self.rng.randint(2, 4))]
            count += sum(map(len, paragraph))
            paragraphs.append(paragraph)
        return paragraphs

    def rewrite(
        self, text: list[list[list[str]]], quotes: list[list[str]]
    ) -> list[list[list[str]]]:
        rng = self.rng
        share = rng.uniform(0.03, 0.15)
        out = [
            [[self.synonym.get(w, w) if rng.random() < share else w for w in s] for s in p]
            for p in text
        ]
        keep = rng.uniform(0.65, 1.0)
        out = [[s for s in p if rng.random() < keep] or p[:1] for p in out]
        if rng.random() < 0.5:
            out = out[: max(2, int(len(out) * rng.uniform(0.7, 1.0)))]
        if len(out) > 3 and rng.random() < 0.4:
            i, j = rng.sample(range(len(out)), 2)
            out[i], out[j] = out[j], out[i]
        for quote in quotes:
            at = rng.randrange(len(out))
            out[at] = [*out[at], ['"', *quote, '"']]
        return out


def render(text: list[list[list[str]]]) -> str:
    paragraphs = []
    for p in text:
        sentences = []
        for s in p:
            if s and s[0] == '"':
                sentences.append('"' + " ".join(s[1:-1]) + '."')
            else:
                sentences.append(" ".join(s) + ".")
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


def generate(documents: int, seed: int = 1, words: int = 500, noise: float = 0.55) -> Corpus:
    writer = _Writer(seed, words)
    rng = writer.rng
    corpus = Corpus()
    sources: list[list[list[list[str]]]] = []
    story = 0
    while len(corpus.rows) < documents:
        story += 1
        name = f"s{story:06d}"
        base = writer.source()
        sources.append(base)
        day = rng.randrange(3650)
        if rng.random() < noise or len(corpus.rows) + 2 > documents:
            _add(corpus, f"{name}-0", base, day, rng.choice(_OUTLETS), name)
            continue
        members = [(f"{name}-0", base, day)]
        _add(corpus, f"{name}-0", base, day, "agency", name)
        for number in range(1, min(rng.randint(2, 8), documents - len(corpus.rows) + 1)):
            parent_id, parent, parent_day = rng.choice(members)
            quotes = []
            for _ in range(rng.choice((0, 0, 1, 2))):
                if len(sources) > 1:
                    other = rng.choice(sources[:-1])
                    flat = [w for p in other for s in p for w in s]
                    length = rng.randint(20, 40)
                    start = rng.randrange(max(1, len(flat) - length))
                    quotes.append(flat[start : start + length])
            text = writer.rewrite(parent, quotes)
            child = f"{name}-{number}"
            child_day = parent_day + rng.randint(0, 2)
            members.append((child, text, child_day))
            corpus.edges.append((parent_id, child))
            _add(corpus, child, text, child_day, rng.choice(_OUTLETS), name)
        corpus.groups[name] = [m for m, _, _ in members]
    return corpus


def _add(
    corpus: Corpus, key: str, text: list[list[list[str]]], day: int, source: str, title: str
) -> None:
    year, rest = divmod(day, 365)
    month, mday = divmod(min(rest, 359), 30)
    corpus.rows.append(
        {
            "id": key,
            "text": render(text),
            "date": f"{2000 + year:04d}-{month + 1:02d}-{mday + 1:02d}",
            "source": source,
            "title": f"Story {title}",
        }
    )


def save(corpus: Corpus, path: Path) -> None:
    """The table (by the ending: .jsonl or .parquet) and truth.json beside it."""
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(corpus.rows), path)
    else:
        with open(path, "w", encoding="utf-8") as stream:
            for row in corpus.rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    truth = {"groups": corpus.groups, "derivations": corpus.edges}
    path.with_name(path.stem + ".truth.json").write_text(json.dumps(truth, indent=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=500)
    args = parser.parse_args(argv)
    save(generate(args.documents, args.seed, args.words), args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
