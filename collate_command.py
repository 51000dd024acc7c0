"""The `collate` command's entry point, outside the package: importing `collate` can
itself fail (too little memory under a low `ulimit -v`, a broken installation), and
that failure should be one line on stderr, not a traceback."""

from __future__ import annotations

import gc
import io
import sys


def main() -> None:
    """Load the command line and run it; if it cannot even be loaded, say so in one line."""
    # What `collate.cli.main` sets for the run, set before the loading: the thousands of
    # objects the modules make set off the cyclic collector again and again (2 ms).
    gc.set_threshold(100_000, 50, 50)
    try:
        _import_hashlib_quietly()
        from collate.cli import main as run
    except (MemoryError, ImportError, OSError, SyntaxError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        if isinstance(error, MemoryError) or "failed to map segment" in reason:
            reason = "not enough memory to start (is `ulimit -v` set low?)"
        elif isinstance(error, SyntaxError):
            # Python's parser reports running out of memory as a syntax error
            reason = f"not enough memory to start, or a broken installation ({reason})"
        try:
            sys.stderr.write(f"collate: error: cannot start: {reason}\n")
        except (OSError, ValueError, MemoryError):
            pass
        sys.exit(1)
    run()


def _import_hashlib_quietly() -> None:
    """hashlib, which collate imports anyway, imported first with stderr held back:
    short of memory (a low `ulimit -v`) it logs a traceback for each hash it cannot set
    up and goes on, and the one line below would come after pages of them."""
    held, sys.stderr = sys.stderr, io.StringIO()
    try:
        import hashlib  # noqa: F401
    finally:
        sys.stderr = held


if __name__ == "__main__":
    main()
