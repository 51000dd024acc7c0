"""The compiled build of the hot modules (`collate/_native.py`, built by mypyc at
install): the same bytes as the pure Python on real traditions, and never run once
its sources have changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from collate import _native

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COLLATE_SHARED", ROOT.parent / "shared"))
COMPILED = _native.compiled()
needs_build = pytest.mark.skipif(
    not COMPILED,
    reason="no compiled build (installed without a C compiler, or COLLATE_PURE_PYTHON set)",
)
#: the modules whose origin the subprocess prints: the first compiled, the last
#: compiled, and one that never is
PROBE = (
    "import collate.engines._gap_align as g, collate.formats.tei_body as t, collate.model as m\n"
    "print(g.__file__); print(t.__file__); print(m.__file__); print(getattr(g, 'EDITED', ''))"
)


def _environment(pure: bool, path: Path | None = None) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != _native.PURE_PYTHON}
    if pure:
        environment[_native.PURE_PYTHON] = "1"
    if path is not None:
        environment["PYTHONPATH"] = str(path)
    return environment


def _origins(path: Path, pure: bool = False, probe: str = PROBE) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=_environment(pure, path),
        cwd=path,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def _both_builds(command: str, inputs: Path, out: Path) -> dict[bool, bytes]:
    """What `collate COMMAND INPUTS -o OUT` writes, pure Python (True) and compiled."""
    if not inputs.exists():
        pytest.skip(f"no corpus at {inputs} (set COLLATE_SHARED)")
    written = {}
    for pure in (True, False):
        target = out.with_name(f"{pure}{out.suffix}")
        subprocess.run(
            [sys.executable, "-m", "collate", command, str(inputs), "-o", str(target), "-q"],
            env=_environment(pure),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        written[pure] = target.read_bytes()
    return written


@needs_build
# the HTML report and the drawing are compiled too
@pytest.mark.parametrize("suffix", ["xml", "json", "html", "svg"])
@pytest.mark.parametrize("folder", ["seeds", "corpora/darwin-ch1"])
def test_compiled_and_pure_python_write_the_same_bytes(
    folder: str, suffix: str, tmp_path: Path
) -> None:
    written = _both_builds("run", SHARED / folder, tmp_path / f"out.{suffix}")
    assert written[True] and written[True] == written[False]


@needs_build
@pytest.mark.parametrize("folder", ["seeds", "corpora/darwin-ch1"])
def test_compiled_and_pure_python_infer_the_same_stemma(folder: str, tmp_path: Path) -> None:
    written = _both_builds("stemma", SHARED / folder, tmp_path / "stemma.json")
    assert b'"edges"' in written[True] and written[True] == written[False]


@needs_build
def test_an_edited_source_is_run_as_python_never_the_older_build(tmp_path: Path) -> None:
    shutil.copytree(
        ROOT / "collate", tmp_path / "collate", ignore=shutil.ignore_patterns("__pycache__")
    )
    gap_align, tei_body, model, edited = _origins(tmp_path)
    assert Path(gap_align).parent.parent.name.startswith("_mypyc_")
    assert Path(tei_body).parent.parent.name.startswith("_mypyc_")
    assert model.endswith("model.py") and not edited
    # asked for the pure Python: every module from its source
    assert [Path(p).suffix for p in _origins(tmp_path, pure=True)[:3]] == [".py"] * 3
    # one source edited: that module and the whole group (whose compiled modules call
    # one another directly) from source, with the edit
    source = tmp_path / "collate" / "engines" / "_gap_align.py"
    source.write_text(source.read_text(encoding="utf-8") + "\nEDITED = 'yes'\n", "utf-8")
    gap_align, tei_body, _, edited = _origins(tmp_path)
    assert Path(gap_align).resolve() == source.resolve() and tei_body.endswith("tei_body.py")
    assert edited == "yes"


def test_the_digest_follows_every_compiled_source(tmp_path: Path) -> None:
    for module in _native.COMPILED:
        copy = _native.source(module, tmp_path)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_native.source(module), copy)
    before = _native.digest(tmp_path)
    assert before == _native.digest()
    for module in _native.COMPILED:
        copy = _native.source(module, tmp_path)
        text = copy.read_bytes()
        copy.write_bytes(text + b"#")
        assert _native.digest(tmp_path) != before, module
        copy.write_bytes(text)
    assert _native.digest(tmp_path) == before


@needs_build
def test_a_start_trusts_unchanged_sources_by_their_stamp(tmp_path: Path) -> None:
    """Once the sources have hashed to the build's digest, later starts compare their
    sizes and modification times instead of hashing them; any change hashes again."""
    shutil.copytree(
        ROOT / "collate",
        tmp_path / "collate",
        ignore=shutil.ignore_patterns("__pycache__", _native.STAMP),
    )
    (folder,) = (tmp_path / "collate").glob(_native.folder_name("*"))
    assert _origins(tmp_path)[0].startswith(str(folder))  # hashed, then stamped
    assert (folder / _native.STAMP).read_text("utf-8") == _native.stamp(tmp_path / "collate")
    unhashed = "import collate._native as n\nn.digest = None\n" + PROBE
    assert _origins(tmp_path, probe=unhashed)[0].startswith(str(folder))  # the stamp alone
    # an edit that keeps the size: the modification time tells, and the hash differs
    source = tmp_path / "collate" / "engines" / "_gap_align.py"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("the", "teh", 1), encoding="utf-8")
    assert len(source.read_bytes()) == len(text.encode())
    gap_align, tei_body, _, _ = _origins(tmp_path)
    assert Path(gap_align).resolve() == source.resolve() and tei_body.endswith("tei_body.py")
