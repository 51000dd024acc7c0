"""The command line's error paths of issue 12, each in a real process: what reaches the
terminal is escaped, file names that cannot be sigla are refused in one line, writing
to a full or closed stdout is one line, permission errors are one line with exit 1,
a low `ulimit -v` at start is one line, and a long legal output name is written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, SEEDS, command

MakeFolder = Callable[[dict[str, "str | bytes"]], Path]
SIGLUM = "000_6bce61cbdfc5750d"


def run(*args: str | Path | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "collate", *args], capture_output=True, check=False, cwd=cwd
    )


def one_line(done: subprocess.CompletedProcess[bytes], code: int, *fragments: bytes) -> None:
    assert done.returncode == code, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(b"collate: error: "), done.stderr
    assert b"Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in lines[0], done.stderr


@pytest.fixture(scope="module")
def apparatus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("apparatus") / "app.xml"
    assert run("run", SEEDS, "-o", path, "-q").returncode == 0
    return path


# --------------------------------------------------------------------------- names


def test_control_characters_in_a_file_name_do_not_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "B.txt").write_text("the cat")
    (tmp_path / "A\x1b[31mred\x07.txt").write_text("")  # empty: refused, named
    done = run("run", tmp_path, "-o", tmp_path / "out.xml")
    one_line(done, 1, b"A\\x1b[31mred\\x07.txt", b"empty")
    assert b"\x1b" not in done.stderr and b"\x07" not in done.stderr


def test_a_siglum_xml_cannot_carry_is_refused(tmp_path: Path) -> None:
    (tmp_path / "B.txt").write_text("the cat")
    (tmp_path / "A\x1bx.txt").write_text("the dog")
    done = run("run", tmp_path, "-o", tmp_path / "out.xml")
    one_line(done, 1, b"A\\x1bx.txt", b"U+001B", b"rename it")
    assert not (tmp_path / "out.xml").exists()


def test_a_file_name_that_is_not_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as stream:
        stream.write(b"the cat")
    (tmp_path / "B.txt").write_text("the dog")
    for output in ("out.xml", "out.json", "out.txt"):
        done = run("run", tmp_path, "-o", tmp_path / output)
        one_line(done, 1, b"caf\\xe9.txt", b"not UTF-8")
        assert not (tmp_path / output).exists()


def test_option_values_are_escaped_too(tmp_path: Path) -> None:
    done = run("run", SEEDS, "-o", tmp_path / "o.xml", "--engine", os.fsdecode(b"\xff\x1b[2J"))
    one_line(done, 2, b"unknown --engine '\\xff\\x1b[2J'")


def test_escaped_names_in_validate_output(tmp_path: Path, apparatus: Path) -> None:
    named = tmp_path / "app\x1b]0;title\x07.xml"
    shutil.copy(apparatus, named)
    done = run("validate", named)
    assert done.returncode == 0 and b"\x1b" not in done.stdout and b"\\x1b]0;" in done.stdout


# --------------------------------------------------------------------------- stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [["extract", "APP", SIGLUM], ["--help"], ["run", "--help"], ["validate", "APP"]],
    ids=["extract", "help", "run-help", "validate"],
)
def test_a_full_stdout_is_one_line(apparatus: Path, args: list[str]) -> None:
    args = [str(apparatus) if a == "APP" else a for a in args]
    with open("/dev/full", "wb") as full:
        done = subprocess.run(command(*args), stdout=full, stderr=subprocess.PIPE, check=False)
    one_line(done, 1, b"standard output", b"No space left on device")


@pytest.mark.parametrize(
    "args",
    [["extract", "APP", SIGLUM], ["--help"], ["run", "SEEDS", "-o", "-", "-q"]],
    ids=["extract", "help", "run-dash"],
)
def test_a_closed_stdout_is_one_line(apparatus: Path, args: list[str]) -> None:
    args = [{"APP": str(apparatus), "SEEDS": str(SEEDS)}.get(a, a) for a in args]
    done = subprocess.run(
        command(*args),
        stderr=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(1),  # started with stdout closed, as `>&-` does
    )
    one_line(done, 1, b"standard output", b"closed")


def test_run_with_a_closed_stdout_writing_a_file_succeeds(tmp_path: Path) -> None:
    """`run` prints nothing on stdout, so a closed one is no error."""
    done = subprocess.run(
        command("run", SEEDS, "-o", tmp_path / "o.xml", "-q"),
        stderr=subprocess.PIPE,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 0 and done.stderr == b"" and (tmp_path / "o.xml").exists()


# --------------------------------------------------------------------------- permissions


@pytest.fixture
def as_nobody() -> Iterator[Callable[..., subprocess.CompletedProcess[bytes]]]:
    """Runs collate as an unprivileged user: root reads anything, so permission errors
    can only be seen without root (as CI runs)."""
    if os.geteuid() != 0:

        def as_self(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
            return run(*args, cwd=cwd)

        yield as_self
        return

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv to drop the privilege")

    drop = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    probe = subprocess.run(
        [*drop, sys.executable, "-c", "import collate.cli"], capture_output=True, env=env
    )
    if probe.returncode != 0:  # e.g. the checkout or the interpreter lies under /root
        pytest.skip("an unprivileged user cannot run collate from here")

    def as_other(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [*drop, *command(*args)], capture_output=True, check=False, cwd=cwd, env=env
        )

    yield as_other


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder anyone may enter (pytest's tmp_path is root's alone)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="collate-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o777)
    shutil.rmtree(folder)


def test_an_unreadable_file_is_one_line(as_nobody: Callable[..., Any], open_folder: Path) -> None:
    (open_folder / "A.txt").write_text("the cat")
    (open_folder / "B.txt").write_text("the dog")
    (open_folder / "A.txt").chmod(0)
    done = as_nobody("run", open_folder, "-o", open_folder / "o.xml", cwd=open_folder)
    one_line(done, 1, b"A.txt", b"cannot be read", b"Permission denied")


@pytest.mark.parametrize("named", ["folder", "file inside"])
def test_an_unsearchable_folder_is_one_line(
    as_nobody: Callable[..., Any], open_folder: Path, named: str
) -> None:
    locked = open_folder / "locked"
    locked.mkdir()
    (locked / "A.txt").write_text("the cat")
    (open_folder / "B.txt").write_text("the dog")
    locked.chmod(0)
    inputs = [locked] if named == "folder" else [locked / "A.txt", open_folder / "B.txt"]
    done = as_nobody("run", *inputs, "-o", open_folder / "o.xml", cwd=open_folder)
    one_line(done, 1, b"locked", b"Permission denied")
    assert b"Usage" not in done.stderr and b"internal error" not in done.stderr


# --------------------------------------------------------------------------- limits


@pytest.mark.skipif(sys.platform != "linux", reason="ulimit -v as on Linux")
def test_too_little_memory_to_start_is_one_line() -> None:
    """The `collate` command itself (not `python -m`), started with 20 MB of address
    space: importing collate fails, and says so in one line."""
    script = shutil.which("collate", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the collate command is not installed beside this interpreter")
    done = subprocess.run(
        ["bash", "-c", f"ulimit -v 20000; exec {script} --help"], capture_output=True, check=False
    )
    one_line(done, 1, b"cannot start")


def test_a_long_legal_output_name_is_written(tmp_path: Path) -> None:
    for name in ("a" * 246 + ".xml", "é" * 125 + ".txt"):  # 250 bytes, the limit is 255
        output = tmp_path / name
        done = run("run", SEEDS, "-o", output, "-q")
        assert done.returncode == 0, done.stderr
        assert output.exists() and [p.name for p in tmp_path.glob(".*.part")] == []
