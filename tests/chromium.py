"""Headless Chromium for the browser tests (the HTML report, the Versioning Machine).

Importing this module from a test module skips that module, saying why, when Debian's
`chromium` and `chromium-driver` or the `selenium` package are missing (`.ci/browser-deps`
installs them).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from lxml import etree

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if CHROMIUM is None or DRIVER is None:
    pytest.skip(
        "no Chromium and chromedriver installed (run .ci/browser-deps)", allow_module_level=True
    )
pytest.importorskip("selenium", reason="no selenium (pip install selenium)")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver import Chrome, ChromeOptions  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# what the browser tests use of selenium, imported from here so that they skip (rather
# than fail) wherever selenium is missing
__all__ = [
    "By",
    "Chrome",
    "Keys",
    "TimeoutException",
    "WebDriverWait",
    "chromium",
    "versioning_machine_panels",
]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1000",
)


@contextmanager
def chromium(prefix: str, *, console_log: bool = False) -> Iterator[Chrome]:
    """A headless Chromium with a fresh profile, removed afterwards; `console_log` keeps
    the page's console messages for `get_log("browser")`."""
    assert CHROMIUM is not None and DRIVER is not None
    options = ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix=prefix)
    options.add_argument(f"--user-data-dir={profile}")
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def versioning_machine_panels(
    browser: Chrome, tei_data: bytes, folder: Path, viewer: Path
) -> dict[str, str]:
    """Each witness's panel text (by xml:id) as the Versioning Machine 5 shows the TEI:
    its own stylesheet (`viewer` is its `src` folder) and scripts, every panel shown,
    without the line numbers it prints beside each `<l n="...">`."""
    transform = etree.XSLT(etree.parse(str(viewer / "vmachine.xsl")))
    page = folder / "page"
    page.mkdir(parents=True)
    (folder / "src").symlink_to(viewer)  # the page links its scripts as ../src/...
    (page / "apparatus.html").write_bytes(bytes(transform(etree.fromstring(tei_data))))
    browser.get((page / "apparatus.html").as_uri())
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return window.jQuery !== undefined && jQuery.isReady")
    )
    browser.execute_script(
        "for (const p of document.querySelectorAll('div.mssPanel')) p.classList.remove('noDisplay')"
    )
    browser.execute_script("for (const n of document.querySelectorAll('.linenumber')) n.remove()")
    return {
        str(panel.get_attribute("id")): str(panel.find_element(By.CLASS_NAME, "mssContent").text)
        for panel in browser.find_elements(By.CSS_SELECTOR, "div.mssPanel")
    }
