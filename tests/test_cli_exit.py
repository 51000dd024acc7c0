"""How the `collate` command ends (`collate_command._leave`): at once, without the
interpreter's last sweep, yet with everything written, the exit status kept, and any
function registered to run at exit run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _command(*args: str, before: str = "") -> subprocess.CompletedProcess[bytes]:
    """The console script's entry point in a fresh interpreter, after `before`."""
    script = (
        f"import sys\n{before}\nimport collate_command\n"
        f"sys.argv = ['collate', *{list(args)!r}]\ncollate_command.main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, cwd=ROOT, check=False, timeout=120
    )


def test_standard_output_is_written_whole(tmp_path: Path) -> None:
    """What goes to a pipe is all there: flushed before the process ends."""
    piped = _command("run", str(SEEDS), "-o", "-", "-q")
    assert piped.returncode == 0
    _command("run", str(SEEDS), "-o", str(tmp_path / "x.xml"), "-q")
    assert piped.stdout == (tmp_path / "x.xml").read_bytes()


def test_the_exit_status_is_kept(tmp_path: Path) -> None:
    assert _command("run", str(tmp_path / "missing"), "-o", str(tmp_path / "x.xml")).returncode == 1
    assert _command("run", str(SEEDS)).returncode == 2
    assert _command("--version").stdout.startswith(b"collate ")


def test_atexit_functions_still_run(tmp_path: Path) -> None:
    """With a function registered to run at exit, the interpreter's own exit is taken."""
    done = _command(
        "run",
        str(SEEDS),
        "-o",
        str(tmp_path / "x.xml"),
        "-q",
        before="import atexit; atexit.register(lambda: print('at exit'))",
    )
    assert (done.returncode, done.stdout) == (0, b"at exit\n")
