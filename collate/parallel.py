"""Worker processes for the stages whose work splits into independent parts.

A stage that splits (the witnesses to tokenise, stretches of the apparatus) hands its
parts to `split_map`, which works the first part in this process and each other one in
a forked child, and gives the results back in the parts' order. The children are
forks: they see the collation made so far as it stands in memory, so nothing is copied
to them, and only their results (a few pickled objects or arrays) come back through a
pipe. Each part is worked by the same code as in one process, so the result of a run
does not depend on the number of processes.

This process's own share is on the run's critical path, and so is everything it does
with what the children send: a stage whose results are costly to send (pickled objects
read back here take about as long as making them) has this process work its share in
the form it has in one process and the children send compact data (ints in arrays,
strings), with `alongside`.

Where there is no `fork` (Windows; macOS, whose system libraries may not survive one)
everything is done in this process. A child that dies (killed, out of memory) has its
part worked again here, so a run never fails for a worker's sake; an error in a
child's part is raised here, as it would have been in one process.

The number of processes (`jobs`): 1 is one process; None or 0 chooses by the size of
the work (`choose_jobs`). The output formats that split (the TEI body) are written in
the number a run chose (`writing_in`, `output_jobs`): a format writer is called with
the collation alone, so the number is not passed down to it; outside a run, one.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import BinaryIO, TypeVar

from . import progress

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

#: tokens below which a run stays in one process: forking, pickling the results and
#: reading them back cost a few milliseconds a part, more than a small run's stages
#: take (the seeds, 8 x 1,500 words: see benchmarks/README.md, "processes")
PARALLEL_TOKENS = 100_000
#: characters of text to a token, about, in the languages of Europe: the size of a
#: run is known in characters before it is tokenised
CHARACTERS_PER_TOKEN = 5
#: the most processes chosen by default: beyond this the parts are too small to pay
#: for their forks on the texts collate is made for
MOST_JOBS = 4
#: how much more of the work this process takes than each worker: a worker's share
#: costs it about a third more than the same share costs here (its fork, the pages it
#: copies as it writes, its results packed; measured on the *Origin*'s tokens, gaps and
#: TEI body), and this process waits for the last worker, so an equal share would keep
#: it idle (see benchmarks/README.md, "processes, balanced")
OWN_SHARE = 1.3


#: the processes the outputs of the run being written may use (`writing_in`)
_output_jobs = 1


@contextmanager
def writing_in(jobs: int) -> Iterator[None]:
    """The outputs written meanwhile may use `jobs` processes (`output_jobs`)."""
    global _output_jobs
    was, _output_jobs = _output_jobs, jobs
    try:
        yield
    finally:
        _output_jobs = was


def output_jobs() -> int:
    """The processes an output format may be written in: the run's (`writing_in`)."""
    return _output_jobs


def can_fork() -> bool:
    """Whether this platform makes workers by forking (see the module's docstring)."""
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the platform says)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def choose_jobs(jobs: int | None, tokens: int) -> int:
    """The number of processes for a run of `tokens` tokens: `jobs` itself if it is
    1 or more; otherwise (None or 0) one below `PARALLEL_TOKENS` tokens, else one per
    idle core, at most `MOST_JOBS`."""
    if jobs is not None and jobs < 0:
        raise ValueError(f"jobs must be 0 (choose) or more, not {jobs}")
    if jobs:
        return jobs
    if tokens < PARALLEL_TOKENS or not can_fork():
        return 1
    return max(1, min(idle_cores(), MOST_JOBS))


def own_fraction(jobs: int) -> float:
    """The fraction of a stage's work this process takes with `jobs` processes in all
    (`OWN_SHARE`); the workers share the rest equally."""
    return OWN_SHARE / (OWN_SHARE + jobs - 1) if jobs > 1 else 1.0


def share_ends(jobs: int) -> list[float]:
    """Where each process's share of a stage's work ends, as fractions of the whole:
    this process's first (`own_fraction`), then each worker's."""
    own = own_fraction(jobs)
    return [own + (1 - own) * k / (jobs - 1) for k in range(jobs)] if jobs > 1 else [1.0]


def idle_cores() -> int:
    """The available cores less those other work keeps busy (the load average of the
    last minute, as `make -l` reads it), rounded: a process more than there are idle
    cores only waits for one, and pays for its fork and the work it sends back, so a
    run of two processes beside one busy core is slower than one process (the
    *Origin*: a worker's share costs it a third more than this process, and the rounds
    are balanced for two free cores; benchmarks/README.md, "processes, balanced")."""
    cores = available_cores()
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        return cores
    return max(1, min(cores, round(cores - busy)))


def split_map(work: Callable[[T], R], parts: Sequence[T], jobs: int) -> list[R]:
    """`[work(part) for part in parts]`, the parts after the first each in a forked
    child when `jobs` > 1 (at most `jobs` processes at once, this one included)."""
    if jobs <= 1 or len(parts) <= 1 or not can_fork():
        return [work(part) for part in parts]
    results: list[R] = []
    for start in range(0, len(parts), jobs):
        first, rest = parts[start], parts[start + 1 : start + jobs]
        mine, theirs = _round(partial(work, first), work, rest)
        results += [mine, *theirs]
    return results


def alongside(
    own: Callable[[], S], work: Callable[[T], R], parts: Sequence[T], jobs: int
) -> tuple[S, list[R]]:
    """`own()`, and `[work(part) for part in parts]` meanwhile in forked children when
    `jobs` > 1 (at most `jobs` processes at once, this one included): this process's
    share worked as it is wanted here, the others' made to travel (see the module's
    docstring)."""
    if jobs <= 1 or not parts or not can_fork():
        return own(), [work(part) for part in parts]
    mine, results = _round(own, work, parts[: jobs - 1])
    return mine, results + split_map(work, parts[jobs - 1 :], jobs)


def _round(own: Callable[[], S], work: Callable[[T], R], parts: Sequence[T]) -> tuple[S, list[R]]:
    """`own()` here and one part per child, the children started first."""
    children = [_fork(work, part) for part in parts]
    done = False
    try:
        mine = own()
        results = [_result(child, work, part) for child, part in zip(children, parts, strict=True)]
        done = True
        return mine, results
    finally:
        for pid, pipe in children:  # after an error or Ctrl-C here: no child left
            pipe.close()
            if not done:
                _stop(pid)
            _reap(pid)


def _fork(work: Callable[[T], R], part: T) -> tuple[int, BinaryIO]:
    import pickle  # here, not at the top: a run in one process has no use for it

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: work its part, send it back, and leave at once
        # No collector's sweeps in the child: one would touch, and so copy, every page
        # it shares with this process, and the child lives too short to need one. (Not
        # `gc.freeze` here, which would also keep this process's young garbage from
        # its sweeps until a full one: 110 MB more at the peak of 10 x 100,000 words.)
        gc.disable()
        os.close(read_end)
        # The front end's progress display (a thread of the parent's, not forked, and
        # its lock) is the parent's alone: the child reports nothing.
        progress.stop_listening()
        code = 0
        try:
            try:
                payload = pickle.dumps((True, work(part)), pickle.HIGHEST_PROTOCOL)
            except BaseException as error:  # raised in the parent, as in one process
                payload = pickle.dumps((False, error), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            code = 1
        finally:
            # no cleanup of the parent's (its temporary files, atexit handlers) here
            os._exit(code)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")


def _result(child: tuple[int, BinaryIO], work: Callable[[T], R], part: T) -> R:
    import pickle

    payload = child[1].read()
    if not payload:  # the child died before it could answer: its part is worked here
        return work(part)
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    result: R = value
    return result


def _stop(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
