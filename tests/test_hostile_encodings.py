"""Issue 12: encodings. Byte-order mark and byte order are recorded and given back
exactly by `extract`; an encoding that cannot give the same bytes back is refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from click.testing import CliRunner

import collate
from collate.cli import app

from .test_hostile import MakeFolder, refused, works

TEXT_A = "Über die Entstehung der Arten\r\n"
TEXT_B = "Uber die Entstehung\n"


def boms(encoding: str, mark: bytes, text: str) -> bytes:
    return mark + text.encode(encoding)


@pytest.mark.parametrize(
    ("option", "a", "b"),
    [
        (
            "utf-16",
            boms("utf-16-le", codecs.BOM_UTF16_LE, TEXT_A),
            boms("utf-16-be", codecs.BOM_UTF16_BE, TEXT_B),
        ),
        ("utf-16", TEXT_A.encode("utf-16-le"), TEXT_B.encode("utf-16-le")),
        ("UTF-16", boms("utf-16-be", codecs.BOM_UTF16_BE, TEXT_A), TEXT_B.encode("utf-16-le")),
        (
            "utf-32",
            boms("utf-32-be", codecs.BOM_UTF32_BE, TEXT_A),
            boms("utf-32-le", codecs.BOM_UTF32_LE, TEXT_B),
        ),
        ("utf-32", TEXT_A.encode("utf-32-le"), TEXT_B.encode("utf-32-le")),
        ("utf-8-sig", codecs.BOM_UTF8 + TEXT_A.encode(), TEXT_B.encode()),
        ("utf8", codecs.BOM_UTF8 + TEXT_A.encode(), TEXT_B.encode()),
        ("utf-16-be", boms("utf-16-be", codecs.BOM_UTF16_BE, TEXT_A), TEXT_B.encode("utf-16-be")),
        ("utf_32_le", TEXT_A.encode("utf-32-le"), TEXT_B.encode("utf-32-le")),
        (
            "iso2022_jp",
            "日本語のテキスト\n".encode("iso2022_jp"),
            "日本のテキスト\n".encode("iso2022_jp"),
        ),
        ("utf-7", "a+b ~ Ünïcode\n".encode("utf-7"), b"plain ascii\n"),
        # the folder's encoding named, one file in UTF-16 with its mark: the mark wins
        ("cp1252", "café crème\n".encode("cp1252"), boms("utf-16-le", codecs.BOM_UTF16_LE, TEXT_B)),
        ("latin-1", TEXT_A.encode("latin-1"), codecs.BOM_UTF8 + TEXT_B.encode()),
    ],
    ids=[
        "utf-16-both-marks",
        "utf-16-no-mark",
        "UTF-16-big-endian-mark",
        "utf-32-both-marks",
        "utf-32-no-mark",
        "utf-8-sig",
        "utf8-alias-with-mark",
        "utf-16-be-with-mark",
        "utf-32-le-no-mark",
        "iso2022_jp-canonical",
        "utf-7-canonical",
        "cp1252-beside-a-utf-16-mark",
        "latin-1-beside-a-utf-8-mark",
    ],
)
def test_extract_gives_back_the_exact_bytes(
    write_files: MakeFolder, tmp_path: Path, option: str, a: bytes, b: bytes
) -> None:
    folder = write_files({"A.txt": a, "B.txt": b})
    output = tmp_path / "apparatus.xml"
    works([folder], output, ("--encoding", option))
    for siglum, data in (("A", a), ("B", b)):
        witness = next(w for w in collate.read_witnesses([output]) if w.siglum == siglum)
        assert not witness.text.startswith(("\ufeff", "ï»¿", "ÿþ"))  # a mark is no text
        extracted = collate.extract(output, siglum)
        assert extracted.data == data and extracted.matches_source is True
        result = CliRunner().invoke(app, ["extract", str(output), siglum])
        assert result.exit_code == 0 and result.stdout_bytes == data
        assert result.stderr == ""  # no "the apparatus has been changed" warning


@pytest.mark.parametrize(
    ("option", "data"),
    [
        ("utf-7", b"+AGE-bc one\n"),  # 'a' spelt the long way
        ("iso2022_jp", b"\x1b(Babc one\n"),  # a redundant switch to ASCII
    ],
)
def test_a_stateful_spelling_that_would_not_come_back_is_refused(
    write_files: MakeFolder, tmp_path: Path, option: str, data: bytes
) -> None:
    folder = write_files({"A.txt": data, "B.txt": b"abc two\n"})
    refused(
        [folder], tmp_path / "o.xml", "A.txt", "convert it to UTF-8", extra=("--encoding", option)
    )
