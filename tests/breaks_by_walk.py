"""The witnesses' breaks placed by one walk through the finished text blocks, as the
TEI writer placed them until `tei_milestones.Breaks` found them in the flat text
before it is cut into blocks: the reference that placement is held to
(`test_tei4_breaks.py`), and the walk that holds `tei_milestones._insert`, cutting a
text node once for all its breaks, to cutting it once for each (`test_teispeed_breaks.py`)."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from collate.formats.tei_milestones import _break, _insert, _Walk, _Witness
from collate.model import Milestone


def place_milestones(
    blocks: Sequence[etree._Element], ids: dict[str, str], milestones: dict[str, list[Milestone]]
) -> None:
    """Write each witness's page, column and line breaks, and the starts of its
    structure that are not elements every witness shares, into the text blocks."""
    witnesses = [_Witness(ids[siglum], own) for siglum, own in milestones.items()]
    walk = _Walk(witnesses)
    for block in blocks:
        if not walk.readers:
            break
        walk.element(block, walk.everyone, False)
    # Every witness's places are found before the tree changes; the text nodes are then
    # cut from the last back, each once for all its breaks (at one place in the
    # witnesses' order), so that a cut never moves a text node still to be used.
    targets = sorted(
        (
            (place, index, rank, node, milestone, in_word, witness.xml_id)
            for rank, witness in enumerate(witnesses)
            for place, index, node, milestone, in_word in witness.targets
        ),
        key=lambda target: target[:3],  # stable: one witness's breaks at one place in order
    )
    # (one text node's breaks stand together: each node has a place of its own)
    breaks: list[tuple[int, etree._Element]] = []
    for number, target in enumerate(targets[::-1]):
        place, index, _, node, milestone, in_word, xml_id = target
        breaks.append((index, _break(milestone, xml_id, in_word)))
        if number + 1 == len(targets) or targets[-number - 2][0] != place:
            _insert(node, breaks[::-1])
            breaks = []
    for witness in witnesses:  # a break after the witness's last word
        for milestone in witness.pending[witness.next :]:
            blocks[-1].append(_break(milestone, witness.xml_id))
