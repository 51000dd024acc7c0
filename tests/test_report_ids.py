"""Every id in the HTML report is given once: a style or a script that finds an element
by its id must find that one (a section and a form both `id="pair"` laid the section
out as the form's flex row)."""

from __future__ import annotations

from collections import Counter

import lxml.html

from collate import Collation
from collate.formats import html as report
from collate.stemma import infer_stemma


def test_no_id_is_given_twice(seed_collation: Collation) -> None:
    page = report.write(seed_collation, stemma=infer_stemma(seed_collation.apparatus))
    ids = Counter(str(e.get("id")) for e in lxml.html.fromstring(page).iter() if e.get("id"))
    assert ids and not [i for i, n in ids.items() if n > 1]
    assert {"pair", "pair-form", "pair-result"} <= set(ids)
