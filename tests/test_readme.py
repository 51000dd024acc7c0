"""The README's examples run: every fenced `sh` block (but the installation commands,
which need the network) line by line with `collate` as a fresh process, and every
`python` block, each in a temporary folder holding a copy of the seeds."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [body for lang, body in FENCE.findall(text) if lang == language]


def installs(block: str) -> bool:
    return "pip install" in block


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_readme_has_examples_of_both_kinds() -> None:
    runnable = [b for b in blocks("sh") if not installs(b)]
    assert runnable and blocks("python")
    assert any(line.startswith("collate run") for b in runnable for line in b.splitlines())


@pytest.mark.parametrize(
    "block", [b for b in blocks("sh") if not installs(b)], ids=lambda b: b.split()[1]
)
def test_shell_examples_run(block: str, workdir: Path) -> None:
    # `collate` is this interpreter's collate, whatever is on PATH
    define = f'collate() {{ {shlex.quote(sys.executable)} -m collate "$@"; }}\nset -e\n'
    for line in block.strip().splitlines():
        done = subprocess.run(
            ["bash", "-c", define + line], capture_output=True, text=True, cwd=workdir, check=False
        )
        assert done.returncode == 0, (line, done.stderr)
        assert "Traceback" not in done.stderr
    if "extract" in block:  # the witness comes back byte for byte
        assert (workdir / "001.txt").read_bytes() == (
            SEEDS / "001_6f72a84d533a16ee.txt"
        ).read_bytes()


@pytest.mark.parametrize("block", blocks("python"), ids=lambda b: b.split()[1])
def test_python_examples_run(block: str, workdir: Path) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})  # noqa: S102
    assert printed.getvalue()
    assert (workdir / "apparatus.xml").exists() and (workdir / "stemma.json").exists()
