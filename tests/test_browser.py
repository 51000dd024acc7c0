"""The seeds' HTML report in a real browser: headless Chromium driven by Selenium.

Needs Debian's `chromium` and `chromium-driver` and the `selenium` package
(`.ci/browser-deps` installs them); skipped, saying why, when they are missing. The
screenshot goes to test-artifacts/seed-report.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collate import Collation
from collate.cli import app
from collate.formats import html as report
from collate.formats.report.kinds import KIND_OF
from collate.stemma import infer_stemma
from collate.xmltools import witness_ids

from .chromium import By, Chrome, Keys, WebDriverWait, chromium  # skips without a browser
from .conftest import ROOT, SEEDS

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium("collate-chromium-", console_log=True) as driver:
        yield driver


@pytest.fixture(scope="module")
def page(
    browser: Chrome, seed_collation: Collation, tmp_path_factory: pytest.TempPathFactory
) -> Chrome:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_bytes(report.write(seed_collation, stemma=infer_stemma(seed_collation.apparatus)))
    browser.get(path.as_uri())
    scripted = "return document.documentElement.classList.contains('scripted')"
    WebDriverWait(browser, 10).until(lambda b: b.execute_script(scripted))
    return browser


def console_errors(browser: Chrome) -> list[str]:
    """Errors logged since the last call: console.error, uncaught exceptions, blocked
    loads and Content-Security-Policy violations."""
    entries = browser.get_log("browser")  # type: ignore[no-untyped-call]
    return [str(e["message"]) for e in entries if e["level"] == "SEVERE"]


def click(browser: Chrome, selector: str) -> None:
    """Click an element once it is scrolled to the middle of the window, clear of the
    panel that sits at the bottom."""
    element = browser.find_element(By.CSS_SELECTOR, selector)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def panel_text(browser: Chrome) -> str:
    panel = browser.find_element(By.ID, "panel")
    assert panel.is_displayed()
    return str(panel.text)


def test_loads_without_errors_or_requests(page: Chrome) -> None:
    assert console_errors(page) == []
    assert page.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert page.title == "Collation of 4 witnesses"


def test_every_witness_is_shown(page: Chrome, seed_collation: Collation) -> None:
    sigla = list(seed_collation.apparatus.sigla)
    listed = page.find_elements(By.CSS_SELECTOR, "table.witness-list tbody th")
    assert [cell.text for cell in listed] == sigla
    panes = page.find_elements(By.CSS_SELECTOR, ".pane")
    assert [pane.find_element(By.TAG_NAME, "h3").text for pane in panes] == sigla
    for pane in panes:
        text = pane.find_element(By.CLASS_NAME, "pane-text")
        assert text.is_displayed()
        assert text.value_of_css_property("white-space") == "pre-wrap"
    headings = page.find_elements(By.CSS_SELECTOR, "table.alignment thead th")
    assert [cell.text for cell in headings][1 : len(sigla) + 1] == sigla
    assert page.find_element(By.CSS_SELECTOR, "#stemma svg").is_displayed()


def test_clicking_a_variant_shows_its_readings(page: Chrome, seed_collation: Collation) -> None:
    apparatus = seed_collation.apparatus
    siglum = apparatus.sigla[-1]
    # the shortest location the witness has text at (an omission that follows another
    # shows no caret of its own), so the screenshot shows the panel and the marks in full
    location = min(
        (v for v in apparatus.variant_locations if v.reading_of(siglum).text),
        key=lambda v: (sum(len(r.text) for r in v.readings), v.number),
    )
    page.execute_script("document.getElementById('reading').scrollIntoView()")
    pane = witness_ids([siglum])[siglum]
    mark = page.find_element(By.CSS_SELECTOR, f"#pane-{pane} a.v[href='#app{location.number}']")
    mark.click()  # the reading view fills the window: no scrolling, for the screenshot
    shown = panel_text(page)
    assert f"Variant location {location.number}: {location.type}" in shown
    for reading in location.readings:
        for name in reading.sigla:
            assert name in shown
        assert " ".join(reading.text.split()[:6]) in " ".join(shown.split())
    assert "current" in (mark.get_attribute("class") or "")
    current_row = page.find_element(By.CSS_SELECTOR, "tr.current")
    assert current_row.get_attribute("id") == f"app{location.number}"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "seed-report.png"
    assert page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert console_errors(page) == []


def test_keys_step_through_the_variants(page: Chrome, seed_collation: Collation) -> None:
    numbers = [v.number for v in seed_collation.apparatus.variant_locations]
    body = page.find_element(By.TAG_NAME, "body")
    click(page, f"tr#app{numbers[0]} td")
    assert f"Variant location {numbers[0]}:" in panel_text(page)
    body.send_keys("n")
    assert f"Variant location {numbers[1]}:" in panel_text(page)
    body.send_keys("n")
    body.send_keys("p")
    assert f"Variant location {numbers[1]}:" in panel_text(page)
    body.send_keys(Keys.ESCAPE)
    assert not page.find_element(By.ID, "panel").is_displayed()
    assert not page.find_elements(By.CSS_SELECTOR, ".current")
    assert console_errors(page) == []


def test_filters_hide_a_kind_from_the_highlights_and_the_keys(
    page: Chrome, seed_collation: Collation
) -> None:
    locations = seed_collation.apparatus.variant_locations
    kind = KIND_OF[locations[0].type]
    expected = next((v for v in locations[1:] if KIND_OF[v.type] != kind), locations[0])
    click(page, f"tr#app{locations[0].number} td")
    box = f"input[data-kind='{kind}']"
    click(page, box)
    try:
        mark = page.find_element(By.CSS_SELECTOR, f".pane a.v.k-{kind}:not(.current)")
        assert mark.value_of_css_property("background-color").endswith(", 0)")  # transparent
        # the kind's rows leave the alignment table, not only their colour
        assert not page.find_element(By.ID, f"app{locations[0].number}").is_displayed()
        page.find_element(By.TAG_NAME, "body").send_keys("n")
        assert f"Variant location {expected.number}:" in panel_text(page)
    finally:
        click(page, box)
        page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert console_errors(page) == []


def test_the_command_line_report_opens_cleanly(browser: Chrome, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["run", str(SEEDS), "-o", str(out), "--engine", "anchor"])
    assert result.exit_code == 0, result.output
    browser.get(out.as_uri())
    panes = browser.find_elements(By.CSS_SELECTOR, ".pane h3")
    assert [pane.text for pane in panes] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    click(browser, ".pane a.v")
    assert "Variant location" in panel_text(browser)
    assert console_errors(browser) == []
