"""What a TEI viewer shows of each witness, without a browser: the text outside every
`<app>` as written (whitespace milestones are invisible to viewers), and each reading
of the witness with the whitespace at its edges trimmed (the Versioning Machine and
EVT draw a reading as an inline block, which trims it). Every witness must come out
with exactly its own words: a reading may not begin or end with whitespace, and where
one witness writes whitespace at a location's edge and another none ("flour;" /
"flour Whan"), the location takes in the neighbouring word (`tei_body._widen`).
tests/test_viewers.py checks the same in the Versioning Machine itself."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from lxml import etree

import collate
from benchmarks.stemma_many_witnesses import copies
from collate import Collation, Witness
from collate.readers.apparatus import text_blocks, wit_refs
from collate.xmltools import XML_ID, tei

from .conftest import FIXTURES, SEEDS
from .strategies import related_texts
from .test_tei import GOLDEN

_APP, _READINGS = tei("app"), (tei("rdg"), tei("lem"))


def _shown(element: etree._Element, xml_id: str) -> str:
    """The text a viewer shows for one witness under `element`."""
    parts = [element.text or ""] if element.tag != _APP else []
    for child in element:
        if child.tag == _APP:
            parts += [_shown(r, xml_id).strip() for r in child if _reads(r, xml_id)]
        elif child.tag == tei("lb"):
            parts.append("\n")  # viewers break the line in every witness's panel
        elif isinstance(child.tag, str):
            parts.append(_shown(child, xml_id))
        parts.append(child.tail or "")
    return "".join(parts)


def _reads(reading: etree._Element, xml_id: str) -> bool:
    return reading.tag in _READINGS and xml_id in wit_refs(reading)


def viewer_texts(data: bytes) -> dict[str, str]:
    """Per siglum, what a viewer shows of that witness."""
    root = etree.fromstring(data)
    body = root.find(f"{tei('text')}/{tei('body')}")
    assert body is not None
    ids = {str(w.get("n")): str(w.get(XML_ID)) for w in root.iter(tei("witness"))}
    return {
        siglum: "".join(_shown(block, xml_id) for block in text_blocks(body))
        for siglum, xml_id in ids.items()
    }


def assert_viewers_show_every_witness(collation: Collation) -> None:
    shown = viewer_texts(collate.render(collation, "tei"))
    for witness in collation.witnesses:
        assert shown[witness.siglum].split() == witness.text.split(), witness.siglum


def test_the_chaucer_fixture_shows_every_witness() -> None:
    """ "flour;" (El, Cx) against "flour⏎Whan" (Hg), "croppes," against "croppes /"
    (fails before: Hg's "flourWhan", "croppes/")."""
    assert_viewers_show_every_witness(collate.run([FIXTURES / "chaucer"]))


def test_the_seeds_show_every_witness() -> None:
    witnesses = list(collate.read_witnesses([SEEDS]))
    assert_viewers_show_every_witness(collate.collate(witnesses))
    # CollateX's apparatus of the seeds (the golden file, kept current by test_tei.py):
    # 002's "but “the issues" against "change in the Met" (fails before: "“ the")
    shown = viewer_texts(GOLDEN.read_bytes())
    for witness in witnesses:
        assert shown[witness.siglum].split() == witness.text.split(), witness.siglum


@settings(max_examples=60, deadline=None)
@given(texts=related_texts())
def test_viewers_show_every_witness_of_any_texts(texts: list[str]) -> None:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate(texts)]
    assert_viewers_show_every_witness(collate.collate(witnesses))


def test_a_dense_tradition_shows_every_witness(tmp_path: Path) -> None:
    """20 copies of a poem, most slips `<app>`s of their own with a space between."""
    copies(20, tmp_path)
    assert_viewers_show_every_witness(collate.collate(collate.read_witnesses([tmp_path])))
