"""The HTML report, read back with lxml.html: what it shows, that it loads nothing,
escapes hostile text, keeps every witness's text exactly and is deterministic."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from lxml import etree
from lxml import html as lxml_html

import collate
from collate import Collation, Witness, figures
from collate.cli import app
from collate.figures import (
    location_agreement,
    pair_figures,
    shared_absence,
    token_agreement,
    witness_figures,
)
from collate.formats import format_for
from collate.formats import html as report
from collate.formats.report import reading_view as reading_part
from collate.formats.report import tree
from collate.formats.report import witnesses as witnesses_part
from collate.formats.report.kinds import KIND_LABELS, KIND_OF
from collate.stemma import infer_stemma
from collate.xmltools import witness_ids

from .conftest import sigla_witnesses
from .strategies import related_texts

HOSTILE = '<script>alert("x")</script> & <img src=x onerror="alert(1)"> \'quoted\' &amp; </td>'


def parse(data: bytes) -> lxml_html.HtmlElement:
    assert data.startswith(b"<!DOCTYPE html>\n")
    return lxml_html.document_fromstring(data.decode("utf-8"))


def small(*texts: str, engine: str = "anchor") -> Collation:
    return collate.collate(sigla_witnesses(*texts), engine=engine)


@pytest.fixture(scope="module")
def seed_page(seed_collation: Collation) -> lxml_html.HtmlElement:
    return parse(report.write(seed_collation))


def pane_text(page: lxml_html.HtmlElement, siglum: str) -> str:
    (pane,) = [p for p in page.find_class("pane") if p.find("h3").text == siglum]
    (text,) = pane.find_class("pane-text")
    return str(text.text_content())


def rows(page: lxml_html.HtmlElement) -> dict[str, lxml_html.HtmlElement]:
    return {row.get("id"): row for row in page.xpath("//table[@class='alignment']//tr[@id]")}


# --------------------------------------------------------------------------- registry


def test_html_is_chosen_by_its_endings() -> None:
    assert format_for("report.html") == format_for("REPORT.HTM") == "html"


def test_cli_writes_the_report(tmp_path: Path, write_files: Callable[..., Path]) -> None:
    folder = write_files({"A.txt": "The cat sat.", "B.txt": "The dog sat."})
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "--engine", "anchor"])
    assert result.exit_code == 0, result.output
    page = parse(out.read_bytes())
    assert [c.text for c in page.xpath("//table[@class='alignment']//tr[@id]/td")] == ["cat", "dog"]


# --------------------------------------------------------------------------- the seeds


def test_every_witness_is_listed_with_its_figures(
    seed_page: lxml_html.HtmlElement, seed_collation: Collation
) -> None:
    listed = seed_page.xpath("//table[@class='witness-list']/tbody/tr")
    assert [row[0].text for row in listed] == list(seed_collation.apparatus.sigla)
    for row, witness in zip(listed, seed_collation.witnesses, strict=True):
        assert row[1].text == witness.source
        assert row[2].text == f"{witness.size:,}"
        assert row[3].text == f"{len(witness.text):,}"
    agreement = seed_page.xpath("//table[@class='agreement']/tbody/tr")
    assert len(agreement) == 4 and all(len(row) == 5 for row in agreement)


def test_alignment_table_rows_are_the_apparatus(
    seed_page: lxml_html.HtmlElement, seed_collation: Collation
) -> None:
    apparatus = seed_collation.apparatus
    tables = seed_page.xpath("//table[@class='alignment']")
    assert tables  # one per block of rows laid out on demand, each with its headings
    for table in tables:
        assert table.xpath("thead/tr/th/text()") == ["#", *apparatus.sigla]
    by_id = rows(seed_page)
    assert len(by_id) == len(apparatus.variant_locations)
    for location in apparatus.variant_locations:
        row = by_id[f"app{location.number}"]
        assert f"k-{KIND_OF[location.type]}" in row.classes
        assert row[0].text == str(location.number)
        cells = row[1:]
        assert [c.text or "" for c in cells] == [
            location.reading_of(s).text for s in apparatus.sigla
        ]
        groups = row.get("data-groups").split()
        for a, b in zip(apparatus.sigla, apparatus.sigla[1:], strict=False):
            same_group = groups[apparatus.sigla.index(a)] == groups[apparatus.sigla.index(b)]
            shared = any(a in g.sigla and b in g.sigla for g in location.groups)
            assert same_group == shared


def test_letters_written_composed_and_decomposed_are_their_own_kind(tmp_path: Path) -> None:
    # the same words, one text composed (NFC), the other decomposed (NFD): the rows look
    # alike, so each cell says how it writes its letters, and the legend counts them
    text = "The café in Zürich was open."
    page = parse(
        report.write(small(unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)))
    )
    by_id = rows(page)
    assert len(by_id) == 2
    for row in by_id.values():
        assert "k-encoding" in row.classes
        assert [cell.get("title") for cell in row[1:]] == [
            "composed letters (Unicode NFC)",
            "decomposed letters (Unicode NFD)",
        ]
    (box,) = page.xpath("//input[@data-kind='encoding']")
    assert re.findall(r"\d+", box.getparent().text_content()) == ["2"]


def test_reading_view_gives_back_each_witness_exactly(
    seed_page: lxml_html.HtmlElement, seed_collation: Collation
) -> None:
    for witness in seed_collation.witnesses:
        assert pane_text(seed_page, witness.siglum) == witness.text


def test_every_mark_links_to_its_row(
    seed_page: lxml_html.HtmlElement, seed_collation: Collation
) -> None:
    ids = set(rows(seed_page))
    for pane in seed_page.find_class("pane-text"):
        targets = [a.get("href") for a in pane.find_class("v")]
        assert targets == [f"#app{v.number}" for v in seed_collation.apparatus.variant_locations]
        assert {t[1:] for t in targets} <= ids


def test_the_page_loads_nothing_and_its_script_may_run(seed_page: lxml_html.HtmlElement) -> None:
    for element in seed_page.iter():
        for name in ("src", "href", "action", "poster", "data"):
            value = element.get(name)
            assert value is None or value.startswith(("#", "data:")), (element.tag, value)
    assert not seed_page.xpath("//link[@rel='stylesheet'] | //script[@src] | //iframe")
    (policy,) = seed_page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in policy
    for tag in ("script", "style"):
        (element,) = seed_page.xpath(f"//head/{tag} | //body/{tag}")
        digest = hashlib.sha256(element.text.encode("utf-8")).digest()
        assert f"'sha256-{base64.b64encode(digest).decode()}'" in policy


def test_output_is_deterministic(
    seed_collation: Collation, seed_witnesses: tuple[Witness, ...]
) -> None:
    first = report.write(seed_collation)
    assert report.write(seed_collation) == first
    again = collate.collate(seed_witnesses, engine="anchor")
    assert report.write(again) == report.write(collate.collate(seed_witnesses, engine="anchor"))


# --------------------------------------------------------------------------- hostile text


def test_hostile_text_and_sigla_stay_text() -> None:
    witnesses = [
        Witness('"><b id=x>A', "Start " + HOSTILE + " end."),
        Witness("B & <i>", "Start plain words end."),
    ]
    collation = collate.collate(witnesses, engine="anchor")
    page = parse(report.write(collation))
    assert len(page.xpath("//script")) == 1 and "alert" not in page.xpath("//script")[0].text
    assert not page.xpath("//img | //b | //i | //*[@onerror] | //*[@id='x']")
    for witness in witnesses:
        assert pane_text(page, witness.siglum) == witness.text
    assert page.xpath("//table[@class='witness-list']//th[@scope='row']/text()") == [
        w.siglum for w in collation.witnesses
    ]
    for element in page.iter():
        assert not any(name.startswith("on") for name in element.attrib)
        ident = element.get("id")
        assert ident is None or re.fullmatch(r"[A-Za-z][\w.-]*", ident), ident


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=related_texts())
def test_any_witnesses_come_back_exactly_as_text(texts: list[str]) -> None:
    witnesses = [Witness(f"W{i}", text) for i, text in enumerate([*texts, "filler"][:4])]
    collation = collate.collate(witnesses, engine="anchor")
    page = parse(report.write(collation))
    for witness in witnesses:
        assert pane_text(page, witness.siglum) == witness.text
    for pane in page.find_class("pane-text"):
        assert {e.tag for e in pane.iterdescendants()} <= {"div", "a"}
    assert len(page.xpath("//script")) == 1
    by_id = rows(page)
    assert len(by_id) == len(collation.apparatus.variant_locations)
    assert all(len(row) == len(witnesses) + 1 for row in by_id.values())


def test_whitespace_is_kept_and_whitespace_variants_are_shown() -> None:
    collation = small("one  two\n\nthree\tfour", "one two\nthree four")
    page = parse(report.write(collation))
    assert pane_text(page, "A") == "one  two\n\nthree\tfour"
    assert pane_text(page, "B") == "one two\nthree four"
    assert not rows(page)  # by default whitespace alone makes no location
    collation = collate.collate(
        sigla_witnesses("one  two\n\nthree\tfour", "one two\nthree four"), whitespace="variants"
    )
    page = parse(report.write(collation))
    assert pane_text(page, "A") == "one  two\n\nthree\tfour"
    cells = [
        c.text for row in rows(page).values() if "k-whitespace" in row.classes for c in row[1:]
    ]
    assert {"\u2423", "\u21b5", "\u21e5"} <= set(cells)


# --------------------------------------------------------------------------- details


def test_omissions_and_moved_passages_are_marked() -> None:
    collation = small(
        "one two three four five six seven eight nine ten eleven twelve",
        "seven eight nine ten eleven twelve one two three four five six",
    )
    moved = [v for v in collation.apparatus.variant_locations if v.transposed_with]
    assert moved, "the engine should find the moved passage"
    page = parse(report.write(collation))
    by_id = rows(page)
    for location in moved:
        row = by_id[f"app{location.number}"]
        assert row.get("data-moved") == str(location.transposed_with)
        assert "k-transposition" in row.classes
        empty = [c for c in row[1:] if not c.text]
        assert empty and all(c.get("class") == "om" for c in empty)
    labelled = page.xpath("//a[contains(@class, 'v') and @aria-label]")
    assert labelled and all(not a.text for a in labelled)


def test_long_texts_are_cut_into_blocks_at_line_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tree, "CHUNK_CHARACTERS", 40)
    monkeypatch.setattr(tree, "CHUNK_ROWS", 3)
    lines = [f"line {n} of the text with the word {'cat' if n % 3 else 'dog'}" for n in range(30)]
    other = [line.replace("dog", "hound") for line in lines]
    collation = small("\n".join(lines) + "\n", "\n".join(other) + "\n")
    page = parse(report.write(collation))
    assert pane_text(page, "A") == "\n".join(lines) + "\n"
    blocks = page.find_class("pane-text")[0].find_class("chunk")
    assert len(blocks) > 5
    assert all(b.text_content().endswith("\n") for b in blocks[:-1])
    tables = page.xpath("//table[@class='alignment']")
    assert len(tables) > 3
    assert all(t.xpath("thead/tr/th/text()") == ["#", "A", "B"] for t in tables)
    assert len(rows(page)) == len(collation.apparatus.variant_locations)


def test_figures() -> None:
    collation = small("a b c d e", "a b x d e", "a b d e", "a b x d e")
    tokens = token_agreement(collation)
    assert tokens[(0, 1)] == pytest.approx(0.8)
    assert tokens[(0, 2)] == pytest.approx(2 * 4 / 9)
    assert tokens[(1, 3)] == 1.0
    figures = {f.siglum: (f.tokens, f.singular, f.gaps) for f in witness_figures(collation)}
    assert figures == {"A": (5, 1, 0), "B": (5, 0, 0), "C": (4, 1, 1), "D": (5, 0, 0)}
    agree = location_agreement(collation.apparatus)
    assert agree[(1, 3)] == 1 and agree[(0, 1)] == agree[(0, 2)] == 0


def test_a_lacuna_is_no_singular_reading() -> None:
    # D has lost "c d e f" (its sign stands for them) and reads "y" alone; C omits "h"
    collation = small("a b c d e f g h", "a b c d e f g h", "a b c d e f g", "a b [...] g y")
    figures = {f.siglum: (f.singular, f.gaps) for f in witness_figures(collation)}
    assert figures["D"] == (1, 2)  # y; its sign and the words it lost are gaps
    assert figures["A"] == figures["B"] == (0, 0)
    assert figures["C"] == (1, 1)  # the omission of h is C's alone
    assert figures["D"][0] + figures["C"][0] == sum(f[0] for f in figures.values())


def test_stemma_is_drawn(seed_collation: Collation) -> None:
    stemma = infer_stemma(seed_collation.apparatus)
    page = parse(report.write(seed_collation, stemma=stemma))
    (svg,) = page.xpath("//section[@id='stemma']//svg")
    assert sorted(svg.xpath(".//g[contains(@class, 'node')]/text/text()")) == sorted(
        node.id for node in stemma.nodes
    )
    assert len(svg.xpath(".//g[contains(@class, 'edge')]/line")) == len(stemma.edges)
    assert page.xpath("//nav//a[@href='#stemma']")
    evidence = page.xpath("//section[@id='stemma']//ul[@class='evidence']/li")
    assert len(evidence) == len(stemma.edges) + 1  # and the witnesses standing alone
    assert stemma.edges[0].evidence.summary in evidence[0].text_content()
    assert not parse(report.write(seed_collation)).xpath("//*[@id='stemma']")


def test_notebook_view_is_a_static_fragment(seed_collation: Collation) -> None:
    fragment = lxml_html.fragment_fromstring(seed_collation._repr_html_())
    assert fragment.get("class") == "collate"
    assert not fragment.xpath(".//script | .//*[@id] | .//a")
    headings = fragment.xpath(".//table[@class='alignment']/thead/tr/th/text()")
    assert headings == ["#", *seed_collation.apparatus.sigla]
    short = lxml_html.fragment_fromstring(report.notebook_html(seed_collation, limit=2))
    assert len(short.xpath(".//table[@class='alignment']/tbody/tr")) == 2
    assert "more passages" in short.text_content()


# --------------------------------------------------------------------------- reading tools


def test_legend_counts_are_the_teis_types() -> None:
    collation = small(
        "The cat sat on the mat today. It was warm and the dog slept.",
        "The cat, sat on the mat Today. It was warm and the dog slept!",
        "The cat sat on a mat today. It was warm, the dog slept.",
    )
    tei = etree.fromstring(collate.render(collation, "tei"))
    apps = tei.findall(".//{http://www.tei-c.org/ns/1.0}app")
    assert all(len(app.get("n", "").split()) == 1 for app in apps)  # one location an app
    from_tei = Counter(app.get("type") for app in apps)
    assert {"punctuation", "substantive"} <= set(from_tei)
    page = parse(report.write(collation))
    shown = {
        label.xpath("input/@data-kind")[0]: int(label.text_content().rsplit(":", 1)[1])
        for label in page.xpath("//fieldset[@class='legend']//label")
    }
    assert shown == {kind: from_tei.get(kind, 0) for kind in KIND_LABELS}


def test_agreement_counts_shared_absence_apart() -> None:
    collation = small("a b c d e", "a b d e", "a b d e", "a b x d e")
    pairs = pair_figures(collation)
    assert pairs.alike[1, 2] == 0 and pairs.absent[1, 2] == 1  # B and C both lack "c"
    assert pairs.alike[0, 3] == 0 and pairs.absent[0, 3] == 0
    assert shared_absence(collation.apparatus)[(1, 2)] == 1
    page = parse(report.write(collation))
    cells = page.xpath("//table[@class='agreement']/tbody/tr[2]/td")
    assert cells[2].xpath("span/text()") == ["0 alike \u00b7 1 both om. / 1"]


def test_agreement_of_many_witnesses_by_product_equals_pair_by_pair() -> None:
    collation = collate.collate(
        [Witness(f"W{i}", " ".join(f"w{(i * j) % 7}" for j in range(12))) for i in range(20)],
        engine="anchor",
    )
    codes = figures.token_codes(collation)
    by_product = figures.agreeing(codes)
    for a in range(20):
        for b in range(20):
            both = (codes[:, a] >= 0) & (codes[:, a] == codes[:, b])
            assert by_product[a, b] == int(both.sum())


def test_many_witnesses_get_their_nearest_not_a_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(witnesses_part, "MATRIX_LIMIT", 3)
    collation = small("a b c d", "a b c d", "a x c d", "q r s t", "a x c t")
    page = parse(report.write(collation))
    assert not page.xpath("//table[@class='agreement']")
    rows = page.xpath("//table[@class='nearest']/tbody/tr")
    assert [row[0].text for row in rows] == ["A", "B", "C", "D", "E"]
    assert all(len(row) == 1 + witnesses_part.NEAREST for row in rows)
    assert rows[0][1].xpath("span[@class='siglum']/text()") == ["B"]  # identical to A
    assert rows[0][1].xpath("span[@class='note']/text()") == ["100.0\u202f%"]


def test_a_run_of_omissions_shows_one_caret() -> None:
    collation = small(
        "one two three",
        "alpha beta gamma one two three",
        "delta beta epsilon one two three",
    )
    assert len(collation.apparatus.variant_locations) >= 2
    page = parse(report.write(collation))
    (pane,) = [p for p in page.find_class("pane") if p.find("h3").text == "A"]
    marks = pane.find_class("v")
    assert len(marks) == len(collation.apparatus.variant_locations)
    assert not marks[0].text and "cont" not in marks[0].classes
    assert all(not m.text and "cont" in m.classes for m in marks[1:])
    (other,) = [p for p in page.find_class("pane") if p.find("h3").text == "B"]
    assert not [m for m in other.find_class("v") if "cont" in m.classes]


def test_a_lost_passage_shows_its_sign_once_and_no_lac_label(tmp_path: Path) -> None:
    # E's sign stands for two lines the others vary in; the passage is one gap, which
    # the sign already names: no `[lac.]` beside it, none glued to the next line
    lines = ["The river runs,", "O lady fair, that crossed with me,", "Thy silver ring", "End."]
    texts = {
        "A": lines,
        "B": [lines[0], lines[1].replace("fair", "faire"), *lines[2:]],
        "C": [*lines[:2], lines[2].replace("silver", "golden"), lines[3]],
        "E": [lines[0], "[...]", lines[3]],
    }
    for siglum, text in texts.items():
        (tmp_path / f"{siglum}.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    page = parse(collate.render(collate.run([tmp_path]), "html"))
    (pane,) = [p for p in page.find_class("pane") if p.find("h3").text == "E"]
    lost = [m for m in pane.find_class("v") if "lacks-lacuna" in m.get("class", "")]
    assert len(lost) >= 2
    assert all("cont" in m.classes for m in lost)
    assert [m.text for m in pane.find_class("v") if m.text] == ["[...]"]


def test_overview_strip_counts_every_location(seed_page: lxml_html.HtmlElement) -> None:
    cells = seed_page.xpath("//svg[@id='overview']/rect[@data-n]")
    numbers = [int(c.get("data-n")) for c in cells]
    assert numbers == sorted(numbers)
    locations = rows(seed_page)
    assert {f"app{n}" for n in numbers} <= set(locations)
    counts = [sum(int(k) for k in c.get("data-c").split()) for c in cells]
    assert sum(counts) == len(locations)
    assert len({c.get("class") for c in cells}) > 2  # the density varies along the text


def test_sections_are_named_for_what_they_hold(
    seed_page: lxml_html.HtmlElement, seed_collation: Collation
) -> None:
    assert seed_page.xpath("//nav//a/text()") == [
        "Witnesses",
        "Reading view",
        "Two witnesses",
        "Variant graph",
        "Alignment table",
    ]
    sigla = list(seed_collation.apparatus.sigla)
    assert seed_page.xpath("//select[@id='pair-0']/option/text()") == sigla
    assert seed_page.xpath("//select[@id='search-in']/option/text()")[1:] == sigla
    assert seed_page.xpath("//select[@id='goto-in']/option/@value")[1:] == sigla


def test_panes_beyond_the_first_are_written_as_their_pieces(
    monkeypatch: pytest.MonkeyPatch, seed_collation: Collation
) -> None:
    monkeypatch.setattr(reading_part, "SHOWN_PANES", 2)
    page = parse(report.write(seed_collation))
    panes = page.find_class("pane")
    assert [p.get("hidden") is None for p in panes] == [True, True, False, False]
    (data,) = page.xpath("//script[@id='deferred-panes']")
    assert data.get("type") == "application/json" and "<" not in data.text
    pieces = json.loads(data.text)
    ids = witness_ids(seed_collation.apparatus.sigla)
    for witness in seed_collation.witnesses[2:]:
        own = pieces[f"pane-{ids[witness.siglum]}"]
        assert "".join(own) == witness.text
        assert len(own) == 2 * len(seed_collation.apparatus.variant_locations) + 1
    for witness in seed_collation.witnesses[:2]:
        assert pane_text(page, witness.siglum) == witness.text
