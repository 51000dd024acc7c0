"""An output never replaces a file the run reads besides the witnesses: the metadata
(a folder's `witnesses.csv` or `--metadata`), the project file and the rules file hold
a scholar's dates, sigla and spelling rules, as hard to make again as a witness."""

from __future__ import annotations

from pathlib import Path

from .test_hostile import MakeFolder, cli

_WITNESSES: dict[str, str | bytes] = {
    "A.txt": "the quick brown fox jumps\n",
    "B.txt": "the quick red fox leaps\n",
}


def _refused_keeps(path: Path, *args: str | Path) -> None:
    before = path.read_bytes()
    code, stderr = cli(*args)
    lines = stderr.strip().splitlines()
    assert code == 1, stderr
    assert len(lines) == 1 and lines[0].startswith("collate: error: "), stderr
    assert str(path) in lines[0] and "would overwrite" in lines[0]
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".part")]


def test_the_folders_metadata_is_not_replaced(write_files: MakeFolder) -> None:
    folder = write_files({**_WITNESSES, "witnesses.csv": "siglum,date\nA,1859\nB,1860\n"})
    _refused_keeps(folder / "witnesses.csv", "run", folder, "-o", folder / "witnesses.csv")


def test_a_metadata_file_given_is_not_replaced(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(_WITNESSES)
    meta = tmp_path / "meta.csv"
    meta.write_text("siglum,date\nA,1859\n", encoding="utf-8")
    _refused_keeps(meta, "run", folder, "--metadata", meta, "-o", meta, "--format", "csv")


def test_the_rules_file_is_not_replaced(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(_WITNESSES)
    rules = tmp_path / "my.rules"
    rules.write_text("u = v\n", encoding="utf-8")
    _refused_keeps(rules, "run", folder, "--rules", rules, "-o", rules, "--format", "tsv")


def test_the_project_file_is_not_replaced(write_files: MakeFolder) -> None:
    folder = write_files({**_WITNESSES, "collate.toml": 'title = "Foxes"\n'})
    _refused_keeps(folder / "collate.toml", "run", folder, "-o", folder / "collate.toml")


def test_an_output_beside_those_files_is_written(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files({**_WITNESSES, "witnesses.csv": "siglum,date\nA,1859\nB,1860\n"})
    code, stderr = cli("run", folder, "-o", tmp_path / "out.xml", "-q")
    assert code == 0, stderr
    assert (tmp_path / "out.xml").stat().st_size > 0
