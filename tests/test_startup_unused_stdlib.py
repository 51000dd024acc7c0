"""A run of witnesses without a metadata file loads no CSV reader, and reading a date
still checks it (issue 13: the seeds' whole command against the CollateX engine's).
Start-up time itself is measured in benchmarks/, never asserted here."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from collate.dates import check_date

from .conftest import ROOT, SEEDS

_SCRIPT = (
    "import sys\nfrom collate.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "sys.stderr.write(' '.join(sorted(sys.modules)))\n"
)


def _loaded_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args], capture_output=True, text=True, cwd=ROOT
    )
    return set(done.stderr.split())


def test_a_run_without_metadata_loads_no_csv_reader(tmp_path: Path) -> None:
    out = tmp_path / "x.xml"
    loaded = _loaded_after("run", str(SEEDS), "-o", str(out), "-q")
    assert out.exists() and "collate.metadata" in loaded  # the run read its folder
    assert "csv" not in loaded and "_csv" not in loaded


def test_a_run_with_metadata_reads_it(tmp_path: Path) -> None:
    folder = tmp_path / "witnesses"
    shutil.copytree(SEEDS, folder)
    first = sorted(p.stem for p in folder.glob("*.txt"))[0]
    (folder / "witnesses.csv").write_text(f"siglum,date\n{first},1859-11-24\n", encoding="utf-8")
    out = tmp_path / "x.xml"
    loaded = _loaded_after("run", str(folder), "-o", str(out), "-q")
    assert "csv" in loaded
    assert 'when="1859-11-24"' in out.read_text(encoding="utf-8")


def test_dates_are_checked_when_first_read() -> None:
    assert check_date("1859-11-24T10:00Z") is None
    assert check_date("1859-11-24") is None
    assert check_date("1859-13") is not None
    assert check_date("24 November 1859") is not None
