"""The `collate` command's entry point, outside the package: importing `collate` can
itself fail (too little memory under a low `ulimit -v`, a broken installation), and
that failure should be one line on stderr, not a traceback."""

from __future__ import annotations

import gc
import io
import os
import sys
from typing import NoReturn


def main() -> None:
    """Load the command line and run it; if it cannot even be loaded, say so in one line."""
    # What `collate.cli_plain._set_up_process` sets for the run (no cycle collection), set
    # before the loading: the thousands of objects the modules make would set off the
    # collector again and again (2 ms).
    gc.disable()
    try:
        from collate.cli_plain import plain_run
    except (MemoryError, ImportError, OSError, SyntaxError, SystemError) as error:
        _cannot_start(error)
    # `run FOLDER -o FILE` and the like without click (a tenth of a short run's
    # instructions); any other command line is answered by `collate.cli`
    code = plain_run(sys.argv[1:])
    if code is not None:
        _leave(code)
    try:
        # not before `plain_run`: the stages it runs take their hashes from
        # `collate.digests`, without OpenSSL (2-3 ms of a short run)
        _import_hashlib_quietly()
        from collate.cli import main as run
    except (MemoryError, ImportError, OSError, SyntaxError, SystemError) as error:
        _cannot_start(error)
    try:
        run()
    except SystemExit as done:
        _leave(done.code)
    _leave(0)


def _cannot_start(error: BaseException) -> NoReturn:
    """The one line for a command line that could not even be loaded, and exit 1."""
    reason = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, MemoryError) or "failed to map segment" in reason:
        reason = "not enough memory to start (is `ulimit -v` set low?)"
    elif isinstance(error, (SyntaxError, SystemError)):
        # Python's parser reports running out of memory as a syntax error, and an
        # extension module's set-up that could not allocate as a SystemError
        reason = f"not enough memory to start, or a broken installation ({reason})"
    try:
        sys.stderr.write(f"collate: error: cannot start: {reason}\n")
    except (OSError, ValueError, MemoryError):
        pass
    sys.exit(1)


def _leave(code: object) -> NoReturn:
    """End the process as the interpreter would, less its last sweep, which frees every
    object and module one by one: a tenth of a small run's CPU (28-40 ms of the seeds'
    0.2-0.3 s). Only when that sweep has nothing to do that anyone would miss: no
    function registered to run at exit, no thread still working; the standard streams
    are flushed first. Every file collate writes is closed (and synced) before this."""
    status = 0 if code is None else code
    if not isinstance(status, int) or not _nothing_left_to_run():
        raise SystemExit(code)  # the interpreter's own exit: prints a message, runs atexit
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None  # the interpreter reports it, as it always has
    os._exit(status)


def _nothing_left_to_run() -> bool:
    """No atexit function (logging, multiprocessing, a temporary folder's finalizer) and
    no thread but daemons would run at a normal exit."""
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    if count is None or count():
        return False
    threading = sys.modules.get("threading")
    if threading is None:
        return True
    main = threading.main_thread()
    return not any(t is not main and not t.daemon and t.is_alive() for t in threading.enumerate())


def _import_hashlib_quietly() -> None:
    """hashlib, which the other commands' libraries import, imported first with stderr held back:
    short of memory (a low `ulimit -v`) it logs a traceback for each hash it cannot set
    up and goes on, and the one line below would come after pages of them."""
    held, sys.stderr = sys.stderr, io.StringIO()
    try:
        import hashlib  # noqa: F401
    finally:
        sys.stderr = held


if __name__ == "__main__":
    main()
