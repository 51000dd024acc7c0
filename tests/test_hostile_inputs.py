"""Issue 12: inputs. Only regular files are read, the size limit holds for the bytes
read, and a token pattern that could run for ever is refused before any input is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import collate
from collate import InvalidTokenPatternError, WitnessError
from collate.regex_guard import ambiguous_repeat
from collate.tokenize import DEFAULT_PATTERN

from .test_hostile import MakeFolder, finishes_within, refused, works

TWO: dict[str, str | bytes] = {"A.txt": "The cat sat on the mat", "B.txt": "the dog sat"}


def test_a_named_pipe_in_a_folder_is_passed_over(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(TWO)
    os.mkfifo(folder / "C.txt")  # nobody ever writes to it: reading it would hang
    with finishes_within(60):
        works([folder], tmp_path / "o.xml")
    assert [w.siglum for w in collate.read_witnesses([folder])] == ["A", "B"]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/null"])
def test_a_special_file_named_as_a_witness_is_refused(
    write_files: MakeFolder, tmp_path: Path, special: str
) -> None:
    folder = write_files(TWO)
    path = tmp_path / "pipe.txt"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path = Path(special)
    kind = {"fifo": "named pipe"}.get(special, "character device")
    with finishes_within(60):
        refused([path, folder / "A.txt"], tmp_path / "o.xml", str(path), kind)


def test_a_file_in_a_folder_linked_to_a_device_is_passed_over(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    folder = write_files(TWO)
    (folder / "Z.txt").symlink_to("/dev/zero")
    with finishes_within(60):
        works([folder], tmp_path / "o.xml")


def test_the_limit_holds_for_the_bytes_read_not_the_size_claimed(
    write_files: MakeFolder,
) -> None:
    folder = write_files(TWO)
    (folder / "C.txt").symlink_to("/proc/self/status")  # claims 0 bytes, holds more
    assert os.stat(folder / "C.txt").st_size == 0
    with pytest.raises(WitnessError) as error:
        collate.read_witnesses([folder], max_bytes=200)
    assert "C.txt" in str(error.value) and "more than the limit" in str(error.value)
    with pytest.raises(WitnessError):
        collate.witnesses.read_file(folder / "C.txt", max_bytes=200)


@pytest.mark.parametrize(
    "pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(a|aa)+b", r"(.*a){20}", r"(x+x+)+y"]
)
def test_a_pattern_that_could_run_for_ever_is_refused_before_reading(
    write_files: MakeFolder, tmp_path: Path, pattern: str
) -> None:
    folder = write_files({**TWO, "C.txt": "a" * 40 + "!"})
    with finishes_within(60), pytest.raises(InvalidTokenPatternError) as error:
        collate.run([folder], tmp_path / "o.xml", pattern=pattern)
    assert "could take for ever" in str(error.value)
    assert not (tmp_path / "o.xml").exists()


@pytest.mark.parametrize(
    "pattern",
    [DEFAULT_PATTERN, r"\w+", r"(?i)the|\w+", r"\w+(?:-\w+)*$", r"(a++)+$", r"(?:\w+ ){3}"],
)
def test_ordinary_patterns_pass_the_guard(pattern: str) -> None:
    assert ambiguous_repeat(pattern) is None


def test_a_pattern_with_inline_flags(write_files: MakeFolder, tmp_path: Path) -> None:
    folder = write_files(TWO)
    works([folder], tmp_path / "o.json", ("--token-pattern", r"(?i)the|\w+"))
    witnesses = collate.read_witnesses([folder])
    collation = collate.collate(witnesses, pattern=r"(?i)the|\w+", engine="anchor")
    assert collation.apparatus is not None
    assert collate.extract(_tei(tmp_path, folder), "A").data == b"The cat sat on the mat"


def _tei(tmp_path: Path, folder: Path) -> Path:
    output = tmp_path / "o.xml"
    works([folder], output, ("--token-pattern", r"(?i)the|\w+"))
    return output


def test_a_collation_too_big_for_memory_is_refused_before_tokenising(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from collate import memory

    words = " ".join("a" for _ in range(20_000))
    witnesses = [collate.Witness("A", words), collate.Witness("B", words + " b")]
    # 40,001 tokens at 700 bytes need 27 MiB beside the 100 MiB base: allow 110 MiB
    monkeypatch.setattr(memory, "memory_allowed", lambda: 110 * 2**20)
    with pytest.raises(WitnessError) as error:
        collate.collate(witnesses, engine="anchor")
    assert "40,001 tokens" in str(error.value) and "127 MiB of memory" in str(error.value)
    monkeypatch.setattr(memory, "memory_allowed", lambda: 200 * 2**20)
    assert collate.collate(witnesses, engine="anchor").apparatus is not None
    # a text whose words are long has far fewer tokens than characters: not refused
    long_words = " ".join("abcdefghij" for _ in range(3_000))
    monkeypatch.setattr(memory, "memory_allowed", lambda: 110 * 2**20)
    collate.collate([collate.Witness("A", long_words), collate.Witness("B", long_words)])
