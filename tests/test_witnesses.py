from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from collate import DuplicateSiglumError, TooFewWitnessesError, WitnessError, read_witnesses
from collate.witnesses import read_witness

from .conftest import SEEDS

MakeFolder = Callable[[dict[str, "str | bytes"]], Path]


def test_seeds_are_read_in_siglum_order_with_metadata() -> None:
    witnesses = read_witnesses([SEEDS])
    assert [w.siglum for w in witnesses] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for witness in witnesses:
        data = (SEEDS / f"{witness.siglum}.txt").read_bytes()
        assert witness.text.encode("utf-8") == data
        assert witness.size == len(data)
        assert witness.sha256 == hashlib.sha256(data).hexdigest()
        assert witness.source == f"{witness.siglum}.txt"


def test_order_of_explicit_files_does_not_matter(write_files: MakeFolder) -> None:
    folder = write_files({"b.txt": "two", "a.txt": "one", "c.txt": "three"})
    forward = read_witnesses([folder / "a.txt", folder / "b.txt", folder / "c.txt"])
    backward = read_witnesses([folder / "c.txt", folder / "b.txt", folder / "a.txt"])
    assert forward == backward
    assert [w.siglum for w in forward] == ["a", "b", "c"]


def test_folder_reading_skips_other_files(write_files: MakeFolder) -> None:
    folder = write_files(
        {
            "A.txt": "one",
            "B.TXT": "two",
            "picture.png": b"\x89PNG\r\n\x1a\n\x00",
            ".hidden.txt": "x",
        }
    )
    assert [w.siglum for w in read_witnesses([folder])] == ["A", "B"]


def test_utf8_bom_is_tolerated_and_recorded(write_files: MakeFolder) -> None:
    folder = write_files({"A.txt": codecs.BOM_UTF8 + "Ünïcode".encode()})
    witness = read_witness(folder / "A.txt")
    assert witness.text == "Ünïcode" and witness.bom and witness.encoding == "utf-8"


def test_utf16_with_bom_is_decoded(write_files: MakeFolder) -> None:
    folder = write_files({"A.txt": "\ufeffhello wörld".encode("utf-16-le")})
    witness = read_witness(folder / "A.txt")
    assert witness.text == "hello wörld" and witness.encoding == "utf-16-le"


def test_undecodable_file_names_the_file_and_suggests_encoding(write_files: MakeFolder) -> None:
    folder = write_files({"A.txt": "café".encode("cp1252")})
    with pytest.raises(WitnessError, match=r"A\.txt: not valid utf-8.*`encoding`") as raised:
        read_witness(folder / "A.txt")
    assert raised.value.parameter == "encoding"
    assert read_witness(folder / "A.txt", encoding="cp1252").text == "café"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"bell \x07 here", "U\\+0007"),
    ],
)
def test_unusable_files_are_refused(write_files: MakeFolder, content: bytes, message: str) -> None:
    folder = write_files({"A.txt": content})
    with pytest.raises(WitnessError, match=message):
        read_witness(folder / "A.txt")


def test_missing_paths_and_empty_folders(write_files: MakeFolder, tmp_path: Path) -> None:
    with pytest.raises(WitnessError, match="no such file or folder"):
        read_witnesses([tmp_path / "nowhere"])
    with pytest.raises(WitnessError, match="no witness files"):
        read_witnesses([write_files({})])


def test_duplicate_sigla_and_too_few_witnesses(write_files: MakeFolder) -> None:
    one = write_files({"A.txt": "one"})
    two = write_files({"A.txt": "other"})
    with pytest.raises(DuplicateSiglumError, match="duplicate siglum 'A'"):
        read_witnesses([one, two])
    with pytest.raises(TooFewWitnessesError, match="at least two"):
        read_witnesses([one])
