"""What a short run pays whatever its size (issue 13): the token pattern, whose classes
of word characters take 0.7 ms to compile, is compiled once per run, not to check it
and again to split the witnesses by it (and again to split readings into words)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import collate
from collate.tokenize import DEFAULT_PATTERN

from .conftest import SEEDS


def test_a_run_compiles_the_token_pattern_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    compiled: list[str] = []
    real = re._compile  # type: ignore[attr-defined]

    def counting(pattern: Any, flags: Any) -> Any:
        if isinstance(pattern, str) and DEFAULT_PATTERN in pattern:
            compiled.append(pattern)
        return real(pattern, flags)

    re.purge()
    monkeypatch.setattr(re, "_compile", counting)
    collate.run([SEEDS], tmp_path / "seeds.xml")
    assert (tmp_path / "seeds.xml").exists()
    assert len(set(compiled)) == 1, compiled
