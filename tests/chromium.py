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

import pytest

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
__all__ = ["By", "Chrome", "Keys", "TimeoutException", "WebDriverWait", "chromium"]

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
