"""The documentation is tested against the code: the tutorial's examples run."""

from __future__ import annotations

import doctest
import importlib

import pytest

from .conftest import ROOT


def test_tutorial_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read seeds/
    result = doctest.testfile(
        str(ROOT / "docs" / "tutorial.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 10 and result.failed == 0


def test_readme_names_every_cli_command() -> None:
    import click

    from collate.cli import app

    readme = (ROOT / "README.md").read_text()
    group = app
    assert isinstance(group, click.Group)
    for name in group.commands:
        assert f"collate {name}" in readme, name


@pytest.mark.parametrize(
    "module", sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py") if p.stem != "__init__")
)
def test_every_benchmark_module_imports(module: str) -> None:
    """Benchmarks run outside the test suite; a rename must not leave one broken."""
    importlib.import_module(f"benchmarks.{module}")
