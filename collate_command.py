"""The `collate` command's entry point, outside the package: importing `collate` can
itself fail (too little memory under a low `ulimit -v`, a broken installation), and
that failure should be one line on stderr, not a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    """Load the command line and run it; if it cannot even be loaded, say so in one line."""
    try:
        from collate.cli import main as run
    except (MemoryError, ImportError, OSError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        if isinstance(error, MemoryError) or "failed to map segment" in reason:
            reason = "not enough memory to start (is `ulimit -v` set low?)"
        try:
            sys.stderr.write(f"collate: error: cannot start: {reason}\n")
        except (OSError, ValueError, MemoryError):
            pass
        sys.exit(1)
    run()


if __name__ == "__main__":
    main()
