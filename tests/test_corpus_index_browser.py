"""The corpus index in a real browser: its filter box finds a document wherever it is
listed, in a group or standing alone (an outlet or a story typed there must not miss
the lone documents)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from collate import collate_corpus

from .chromium import By, Chrome, Keys, chromium  # skips without a browser
from .conftest import SEEDS


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium("collate-corpus-index-", console_log=True) as driver:
        yield driver


def _shown(browser: Chrome, selector: str) -> list[str]:
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]


def test_the_filter_finds_lone_documents_too(browser: Chrome, tmp_path: Path) -> None:
    out = tmp_path / "out"
    collate_corpus(SEEDS, out, workers=1)
    browser.get((out / "index.html").as_uri())
    assert len(_shown(browser, "tbody tr")) == 1  # 000 and 001
    assert len(_shown(browser, "ul li")) == 2  # 002 and 003 stand alone
    box = browser.find_element(By.ID, "filter")
    box.send_keys("000_")  # a member of the group, named by no lone document
    assert len(_shown(browser, "tbody tr")) == 1 and _shown(browser, "ul li") == []
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("002_")  # (the group and 003 stay: they name 002 among their reuse)
    shown = _shown(browser, "ul li")
    assert any(lone.startswith("002_") for lone in shown)
    assert all("002_" in lone for lone in shown)
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[no-untyped-call]
