"""Lacunae and a fragment in the Versioning Machine 5: each witness's panel shows its
text exactly, the sign of its lacunae included, and nothing where a lacuna or a
fragment's lost end is marked (`<gap/>` adds no text). Skips like tests/test_viewers.py
without the viewer's source or a browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .chromium import Chrome, chromium  # skips this module without a browser
from .test_lacunae_spans import _real_ish
from .test_viewers import check  # skips this module without the viewer's source


@pytest.fixture(scope="module")
def browser() -> Iterator[Chrome]:
    with chromium("collate-vm-lacunae-") as driver:
        yield driver


def test_lacunae_and_a_fragment_show_as_read(browser: Chrome, tmp_path: Path) -> None:
    (tmp_path / "witnesses").mkdir()
    witnesses = _real_ish(tmp_path / "witnesses")
    check(browser, witnesses, tmp_path)
