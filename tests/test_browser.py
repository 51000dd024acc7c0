"""The seeds' HTML report in a real browser: headless Chromium driven by Selenium.

Needs Debian's `chromium` and `chromium-driver` and the `selenium` package
(`.ci/browser-deps` installs them); skipped, saying why, when they are missing. The
screenshot goes to test-artifacts/seed-report.png.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import collate
from collate import Collation, Witness
from collate.cli import app
from collate.formats import html as report
from collate.formats.report import reading_view as reading_part
from collate.formats.report.kinds import KIND_OF
from collate.stemma import infer_stemma
from collate.xmltools import witness_ids

from .chromium import (
    By,
    Chrome,
    Keys,
    TimeoutException,
    WebDriverWait,
    chromium,
)  # skips without a browser
from .conftest import ROOT, SEEDS, SHARED

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium("collate-chromium-", console_log=True) as driver:
        yield driver


@pytest.fixture(scope="module")
def seed_report(seed_collation: Collation, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_bytes(report.write(seed_collation, stemma=infer_stemma(seed_collation.apparatus)))
    return path.as_uri()


def open_report(browser: Chrome, uri: str) -> Chrome:
    """The browser on the report at `uri`, loaded (again, if it went elsewhere) and its
    script run."""
    if browser.current_url != uri:
        browser.get(uri)
        scripted = "return document.documentElement.classList.contains('scripted')"
        WebDriverWait(browser, 30).until(lambda b: b.execute_script(scripted))
    return browser


@pytest.fixture
def page(browser: Chrome, seed_report: str) -> Chrome:
    """The seeds' report (with their stemma), as the previous test left it."""
    return open_report(browser, seed_report)


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
    # the shortest location the witness has a word or more at (an omission that follows
    # another shows no caret of its own; a lone full stop is too narrow to click beside
    # the reading before it), so the screenshot shows the panel and the marks in full
    location = min(
        (v for v in apparatus.variant_locations if len(v.reading_of(siglum).text) >= 3),
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


# --------------------------------------------------------------------------- reading view

#: per shown pane: whether location arguments[0]'s mark is drawn (its block laid out)
#: and its first line lies inside the pane's visible box
IN_VIEW = """
const out = [];
for (const pane of document.querySelectorAll('.pane:not([hidden])')) {
  const text = pane.querySelector('.pane-text');
  const box = text.getBoundingClientRect();
  const mark = pane.querySelector('a.v[href="#app' + arguments[0] + '"]');
  const rect = mark.getClientRects()[0];  // its first line: a long reading may not fit
  out.push(mark.checkVisibility({contentVisibilityAuto: true})
    && rect.top >= box.top - 1 && rect.bottom <= box.top + text.clientHeight + 1);
}
return out;
"""

#: Whether the shown panes stand at one alignment position: the leader's (pane
#: arguments[0]) reading line, a third of the way down, lies between the marks of two
#: successive locations L and L+1; in every pane mark L must stand at or above the
#: reading line and mark L+1 at or below it (within 2 px), as far as a pane scrolled to
#: its very top or end can go.
IN_STEP = """
const panes = Array.from(document.querySelectorAll('.pane:not([hidden]) .pane-text'));
const lineOf = (text) => text.getBoundingClientRect().top + text.clientHeight / 3;
const leader = panes[arguments[0]];
let last = -1;
const marks = Array.from(leader.querySelectorAll('a.v'));
for (const chunk of leader.children) {
  if (!chunk.checkVisibility({contentVisibilityAuto: true})) continue;
  for (const mark of chunk.querySelectorAll('a.v')) {
    if (mark.getBoundingClientRect().top <= lineOf(leader)) last = marks.indexOf(mark);
  }
}
if (last < 0) return false;
return panes.every((text) => {
  const own = text.querySelectorAll('a.v');
  const line = lineOf(text);
  const next = own[last + 1];
  const atTop = text.scrollTop <= 0;
  const atEnd = text.scrollTop >= text.scrollHeight - text.clientHeight - 1;
  return own[last].checkVisibility({contentVisibilityAuto: true})
    && (own[last].getBoundingClientRect().top <= line + 2 || atEnd)
    && (!next || next.getBoundingClientRect().top >= line - 2 || atTop);
});
"""


#: the search hit the page highlights: whether it lies in its pane's visible box, and its text
FOUND = """
const found = CSS.highlights.get('collate-found');
if (!found) return null;
const range = [...found][0];
const text = range.startContainer.parentElement.closest('.pane-text');
const box = text.getBoundingClientRect();
const rect = range.getBoundingClientRect();
return [rect.top >= box.top - 1 && rect.bottom <= box.top + text.clientHeight + 1,
        range.toString(), text.closest('.pane').querySelector('h3').textContent];
"""


def in_step_with(leader: int, browser: Chrome) -> bool:
    return bool(browser.execute_script(IN_STEP, leader))


def wait_in_view(browser: Chrome, number: int) -> list[bool]:
    """Whether location `number` is in view in every shown pane, waiting up to 5 s for
    the panes to settle."""
    try:
        WebDriverWait(browser, 5, poll_frequency=0.1).until(
            lambda b: all(b.execute_script(IN_VIEW, number))
        )
    except TimeoutException:
        pass
    result: list[bool] = browser.execute_script(IN_VIEW, number)
    return result


def click_location(browser: Chrome, number: int, pane: int = 0) -> None:
    """Click location `number`'s mark in a pane, as a reader would, wherever it is."""
    mark = browser.find_elements(By.CSS_SELECTOR, f".pane a.v[href='#app{number}']")[pane]
    browser.execute_script("arguments[0].click()", mark)


def scroll_pane_to(browser: Chrome, pane: int, fraction: float) -> None:
    """Scroll a pane as a reader does: into view, then with the wheel (which makes it the
    pane the others follow) to `fraction` of its length."""
    text = browser.find_elements(By.CSS_SELECTOR, ".pane-text")[pane]
    browser.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", text)
    drawn = "return arguments[0].firstElementChild.checkVisibility({contentVisibilityAuto: true})"
    WebDriverWait(browser, 5, poll_frequency=0.05).until(
        lambda b: b.execute_script(drawn, text) or b.execute_script(IN_VIEW_ANY, text)
    )
    browser.execute_script(
        """arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: 100}));
        const text = arguments[0];
        text.scrollTop = arguments[1] * (text.scrollHeight - text.clientHeight);""",
        text,
        fraction,
    )


#: whether some block of the pane arguments[0] is drawn
IN_VIEW_ANY = """return Array.from(arguments[0].children).some(
  (chunk) => chunk.checkVisibility({contentVisibilityAuto: true}));"""


def search(browser: Chrome, query: str, siglum: str = "", exact: bool = False) -> str:
    browser.execute_script(
        """document.getElementById('search-q').value = arguments[0];
        document.getElementById('search-in').value = arguments[1];
        document.getElementById('search-exact').checked = arguments[2];
        document.getElementById('search').requestSubmit();""",
        query,
        siglum,
        exact,
    )
    return str(browser.find_element(By.ID, "search-results").text)


def test_a_click_brings_every_pane_to_the_location(page: Chrome, seed_collation: Collation) -> None:
    numbers = [v.number for v in seed_collation.apparatus.variant_locations]
    for number in numbers[:: max(1, len(numbers) // 8)]:
        click_location(page, number, pane=1)
        assert wait_in_view(page, number) == [True] * len(seed_collation.witnesses), number
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert console_errors(page) == []


def test_panes_scroll_together_by_location(page: Chrome) -> None:
    for pane, fraction in ((0, 0.3), (0, 0.7), (2, 0.5)):
        scroll_pane_to(page, pane, fraction)
        in_step = functools.partial(in_step_with, pane)
        WebDriverWait(page, 5, poll_frequency=0.1).until(in_step)
    assert console_errors(page) == []


def test_go_to_a_location_and_a_line(page: Chrome, seed_collation: Collation) -> None:
    number = seed_collation.apparatus.variant_locations[-5].number
    page.execute_script(
        """document.getElementById('goto-in').value = '';
        document.getElementById('goto-n').value = arguments[0];
        document.getElementById('goto').requestSubmit();""",
        number,
    )
    assert f"Variant location {number}:" in panel_text(page)
    assert wait_in_view(page, number) == [True] * len(seed_collation.witnesses)
    witness = seed_collation.witnesses[2]
    lines = witness.text.split("\n")
    line = max(range(len(lines)), key=lambda n: (len(lines[n].strip()) > 20, n)) + 1
    page.execute_script(
        """document.getElementById('goto-in').value = arguments[0];
        document.getElementById('goto-n').value = arguments[1];
        document.getElementById('goto').requestSubmit();""",
        witness.siglum,
        line,
    )
    WebDriverWait(page, 5, poll_frequency=0.1).until(lambda b: b.execute_script(FOUND)[0])
    in_view, text, siglum = page.execute_script(FOUND)
    assert siglum == witness.siglum and text.strip() and text in lines[line - 1]
    assert console_errors(page) == []


def phrase_in(text: str, at: float, words: int = 4) -> str:
    """`words` words of `text` as they stand there (line breaks and all), from about
    `at` of the way through."""
    spans = [m.span() for m in re.finditer(r"\S+", text)]
    first = min(int(len(spans) * at), len(spans) - words)
    return text[spans[first][0] : spans[first + words - 1][1]]


def normal_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def assert_search_finds(browser: Chrome, witness: Witness, phrase: str) -> None:
    """Search shows `phrase` in `witness`: normalised (another case, spacing collapsed)
    and exactly, and brings its first hit into view in the witness's pane."""
    siglum = witness.siglum
    typed = " ".join(phrase.split())  # a search box holds one line: a space for a line break
    shown = search(browser, typed.upper(), siglum)
    assert f"{siglum}: " in shown and f"{siglum}: 0" not in shown, shown
    WebDriverWait(browser, 5, poll_frequency=0.1).until(lambda b: b.execute_script(FOUND)[0])
    _, found, pane = browser.execute_script(FOUND)
    assert pane == siglum and normal_words(found) == normal_words(phrase)
    exact = search(browser, typed, siglum, exact=True)
    assert f"{siglum}: 0" not in exact, exact
    if typed.upper() != typed:  # exact search tells case apart
        assert f"{siglum}: 0" in search(browser, typed.upper(), siglum, exact=True)


def test_search_finds_a_phrase_in_each_witness(page: Chrome, seed_collation: Collation) -> None:
    for witness in seed_collation.witnesses:
        assert_search_finds(page, witness, phrase_in(witness.text, 0.5))
    assert console_errors(page) == []


def test_a_search_with_no_words_clears_the_last_hits(
    page: Chrome, seed_collation: Collation
) -> None:
    witness = seed_collation.witnesses[0]
    assert search(page, phrase_in(witness.text, 0.3)).startswith("Found")
    cleared = search(page, " … ")  # nothing a word pattern takes
    assert "Found" not in cleared and "No words" in cleared
    assert console_errors(page) == []


def test_overview_strip_goes_where_variation_is(page: Chrome) -> None:
    cells = page.find_elements(By.CSS_SELECTOR, "#overview rect[data-n]")
    assert len(cells) > 10
    assert page.find_element(By.ID, "overview").size["height"] > 10
    cell = cells[len(cells) // 2]
    number = int(cell.get_attribute("data-n") or 0)
    page.execute_script(
        "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", cell
    )
    assert f"Variant location {number}:" in panel_text(page)
    assert all(wait_in_view(page, number))
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert console_errors(page) == []


def test_two_witness_view_lists_their_differences(page: Chrome, seed_collation: Collation) -> None:
    apparatus = seed_collation.apparatus
    a, b = apparatus.sigla[1], apparatus.sigla[3]
    page.execute_script(
        """document.getElementById('pair-0').value = '1';
        document.getElementById('pair-1').value = '3';
        document.getElementById('pair-form').dispatchEvent(new Event('change'));"""
    )
    differing = [
        v.number
        for v in apparatus.variant_locations
        if (v.reading_of(a).text or v.reading_of(b).text)
        and not any(a in g.sigla and b in g.sigla for g in v.groups)
    ]
    result = page.find_element(By.ID, "pair-result")
    assert f"differ at {len(differing)}," in result.text
    headings = [th.text for th in result.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headings == ["#", a, b]
    listed = [int(r.text) for r in result.find_elements(By.CSS_SELECTOR, "tbody tr td:first-child")]
    assert listed == differing[: len(listed)] and len(listed) == min(300, len(differing))
    assert console_errors(page) == []


def test_hiding_a_kind_hides_its_carets(page: Chrome, seed_collation: Collation) -> None:
    caret = "return getComputedStyle(arguments[0], '::before').content"
    marks = page.find_elements(By.CSS_SELECTOR, ".pane a.v.k-omission:empty:not(.cont)")
    assert marks and page.execute_script(caret, marks[0]) != "none"
    click(page, "input[data-kind='omission']")
    try:
        assert page.execute_script(caret, marks[0]) == "none"
    finally:
        click(page, "input[data-kind='omission']")
    assert console_errors(page) == []


# --------------------------------------------------------------------------- a whole book

DARWIN = SHARED / "corpora" / "darwin-origin"


@pytest.fixture(scope="module")
def darwin() -> tuple[Collation, str]:
    """Darwin's three editions of the Origin (about 600,000 tokens), collated once, and
    their report's address."""
    if not DARWIN.is_dir():
        pytest.skip(f"no Darwin corpus at {DARWIN} (set COLLATE_SHARED)")
    collation = collate.collate(collate.read_witnesses([DARWIN]))
    path = ARTIFACTS / "darwin-report.html"
    ARTIFACTS.mkdir(exist_ok=True)
    path.write_bytes(report.write(collation))
    return collation, path.as_uri()


@pytest.fixture
def book(browser: Chrome, darwin: tuple[Collation, str]) -> Chrome:
    return open_report(browser, darwin[1])


def test_darwin_page_is_ready_and_clean(
    browser: Chrome, darwin: tuple[Collation, str], record_property: Callable[[str, object], None]
) -> None:
    """The time to a usable page is measured and recorded, not asserted (a benchmark's
    job): test-artifacts/darwin-report-timing.json."""
    browser.get("about:blank")
    open_report(browser, darwin[1])
    ready = browser.execute_script(
        "return performance.getEntriesByName('collate-ready')[0].startTime"
    )
    record_property("darwin_ready_ms", ready)
    (ARTIFACTS / "darwin-report-timing.json").write_text(json.dumps({"ready_ms": ready}) + "\n")
    assert console_errors(browser) == []


def test_darwin_clicks_anywhere_land_in_every_pane(
    book: Chrome, darwin: tuple[Collation, str]
) -> None:
    numbers = [v.number for v in darwin[0].apparatus.variant_locations]
    spread = [numbers[(len(numbers) - 1) * k // 19] for k in range(20)]
    for k, number in enumerate(spread):
        click_location(book, number, pane=k % 3)
        assert wait_in_view(book, number) == [True, True, True], number
    book.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    assert console_errors(book) == []


def test_darwin_panes_scroll_together(book: Chrome) -> None:
    for pane, fraction in ((0, 0.5), (2, 0.25), (1, 0.8)):
        scroll_pane_to(book, pane, fraction)
        in_step = functools.partial(in_step_with, pane)
        WebDriverWait(book, 10, poll_frequency=0.2).until(in_step)
    assert console_errors(book) == []


def test_darwin_search_finds_a_phrase_in_each_witness(
    book: Chrome, darwin: tuple[Collation, str]
) -> None:
    for witness in darwin[0].witnesses:
        assert_search_finds(book, witness, phrase_in(witness.text, 0.6, words=5))
    assert console_errors(book) == []


def test_darwin_overview_and_two_witness_view_render(
    book: Chrome, darwin: tuple[Collation, str]
) -> None:
    cells = book.find_elements(By.CSS_SELECTOR, "#overview rect[data-n]")
    assert len(cells) == 200 and book.find_element(By.ID, "overview").is_displayed()
    assert len({c.get_attribute("class") for c in cells}) > 3  # it does show density
    result = book.find_element(By.ID, "pair-result")
    WebDriverWait(book, 10).until(lambda b: "differ at" in result.text)
    assert result.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert console_errors(book) == []


def test_a_pane_not_written_out_is_built_when_asked_for(
    browser: Chrome,
    seed_collation: Collation,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading_part, "SHOWN_PANES", 2)
    path = tmp_path / "report.html"
    path.write_bytes(report.write(seed_collation))
    open_report(browser, path.as_uri())
    witness = seed_collation.witnesses[3]
    # search reaches it before it is built; going to the hit builds and shows it
    assert_search_finds(browser, witness, phrase_in(witness.text, 0.4))
    pane = browser.find_elements(By.CSS_SELECTOR, ".pane")[3]
    assert pane.is_displayed()
    text = browser.execute_script(
        "return arguments[0].querySelector('.pane-text').textContent", pane
    )
    assert text == witness.text
    marks = pane.find_elements(By.CSS_SELECTOR, "a.v")
    assert len(marks) == len(seed_collation.apparatus.variant_locations)
    number = seed_collation.apparatus.variant_locations[len(marks) // 2].number
    click_location(browser, number, pane=2)  # the third pane written out: the built one
    assert wait_in_view(browser, number) == [True, True, True]
    assert console_errors(browser) == []
