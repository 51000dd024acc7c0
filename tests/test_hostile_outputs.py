"""Issue 12: outputs. Temporaries a killed run left are cleaned; links, devices, pipes
and /proc/self/fd/1 are written through, never replaced; no output is ever an input."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import collate
from collate.output import write_all_atomic

from .conftest import command
from .test_hostile import PREVIOUS, MakeFolder, cli, refused, works

THREE: dict[str, str | bytes] = {
    "A.txt": "the cat sat",
    "B.txt": "the dog sat",
    "C.txt": "a cat sat",
}


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_temporaries_of_a_killed_run_are_removed_by_the_next(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / f".apparatus.xml.collate-{dead_pid()}-k2j4h1x0.part"
    stale.write_bytes(b"half an apparatus")
    kept = [
        out / f".apparatus.xml.collate-{os.getpid()}-a8d7f6s5.part",  # a live run's
        out / f".other.xml.collate-{dead_pid()}-a8d7f6s5.part",  # another output's
        out / ".apparatus.xml.user.part",  # not named as collate names its own
    ]
    for path in kept:
        path.write_bytes(b"not ours to remove")
    link = out / f".apparatus.xml.collate-{dead_pid()}-linklink.part"
    link.symlink_to(tmp_path / "elsewhere")
    works([write_files(THREE)], out / "apparatus.xml")
    assert not stale.exists()
    assert all(p.read_bytes() == b"not ours to remove" for p in kept)
    assert link.is_symlink()


def test_a_killed_run_leaves_a_temporary_named_as_collate_names_it(tmp_path: Path) -> None:
    """SIGKILL while an output is staged: what is left says whose it is."""
    script = (
        "import os, signal, sys\n"
        "from collate.output import write_atomic\n"
        "def pieces():\n"
        "    yield b'half'\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "write_atomic(sys.argv[1], pieces())\n"
    )
    output = tmp_path / "apparatus.xml"
    done = subprocess.run([sys.executable, "-c", script, str(output)], check=False)
    assert done.returncode == -9
    (left,) = tmp_path.iterdir()
    assert left.name.startswith(".apparatus.xml.collate-") and left.name.endswith(".part")
    write_all_atomic([(output, b"whole")])
    assert [p.name for p in tmp_path.iterdir()] == ["apparatus.xml"]


def test_a_symbolic_link_is_kept_and_its_file_replaced(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    real = tmp_path / "real.xml"
    real.write_bytes(PREVIOUS)
    link = tmp_path / "link.xml"
    link.symlink_to(real)
    works([write_files(THREE)], link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"<?xml")


def test_a_link_to_a_device_is_written_through(write_files: MakeFolder, tmp_path: Path) -> None:
    link = tmp_path / "null.xml"
    link.symlink_to("/dev/null")
    works([write_files(THREE)], link)
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_link_to_standard_output_is_written_through(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    link = tmp_path / "stdout.xml"
    link.symlink_to("/proc/self/fd/1")
    folder = write_files(THREE)
    done = subprocess.run(command("run", folder, "-o", link), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"<?xml") and b"the dog sat" not in done.stdout[:10]
    assert link.is_symlink()
    assert done.stdout == collate.render(collate.collate_files([folder]), "tei")


def test_a_named_pipe_is_written_through(write_files: MakeFolder, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    works([write_files(THREE)], fifo)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].startswith(b"{")


@pytest.mark.parametrize("kind", ["hard", "symbolic"])
def test_an_output_linked_to_a_witness_is_refused(
    write_files: MakeFolder, tmp_path: Path, kind: str
) -> None:
    folder = write_files(THREE)
    output = tmp_path / "out.txt"
    (os.link if kind == "hard" else os.symlink)(folder / "B.txt", output)
    before = (folder / "B.txt").read_bytes()
    code, stderr = cli("run", folder, "-o", output)
    assert code == 1 and "would overwrite the witness" in stderr, stderr
    assert (folder / "B.txt").read_bytes() == before


def test_a_stemma_output_hard_linked_to_the_output_is_refused(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    output = tmp_path / "x.json"
    output.write_bytes(PREVIOUS)
    os.link(output, tmp_path / "y.json")
    refused(
        [write_files(THREE)],
        output,
        "would overwrite the output",
        extra=("--stemma", str(tmp_path / "y.json")),
    )


def test_extract_refuses_a_hard_link_to_its_apparatus(
    write_files: MakeFolder, tmp_path: Path
) -> None:
    output = tmp_path / "apparatus.xml"
    works([write_files(THREE)], output)
    before = output.read_bytes()
    os.link(output, tmp_path / "again.xml")
    code, stderr = cli("extract", output, "A", "-o", tmp_path / "again.xml")
    assert code == 1 and "would overwrite the apparatus" in stderr, stderr
    assert output.read_bytes() == before
