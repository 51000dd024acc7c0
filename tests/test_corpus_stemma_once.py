"""A corpus group's stemma is inferred once: resampling each small tradition (what
`collate stemma` does, 51 inferences) would multiply a news corpus's cost several
times over, so the corpus leaves it out, and its edges say so by having no
`recurrence`."""

from __future__ import annotations

import json
from pathlib import Path

import collate
from collate.stemma import infer_stemma

from .conftest import SEEDS


def test_the_corpus_infers_a_group_s_stemma_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    collate.collate_corpus(SEEDS, out, workers=1)
    (stemma_file,) = (out / "groups").glob("*/stemma.json")
    edges = json.loads(stemma_file.read_text(encoding="utf-8"))["edges"]
    assert edges and all("recurrence" not in e["evidence"] for e in edges)

    # the same group, as `collate stemma` reads it: small enough to be resampled
    members = [w for w in collate.read_witnesses([SEEDS]) if w.siglum[:3] in {"000", "001"}]
    apparatus = collate.collate(members).apparatus
    resampled = infer_stemma(apparatus)
    assert all(e.evidence.recurrence is not None for e in resampled.edges)
    once = infer_stemma(apparatus, resample=False)
    assert all(e.evidence.recurrence is None for e in once.edges)
    assert [(e.source, e.target) for e in once.edges] == [
        (e.source, e.target) for e in resampled.edges
    ]
