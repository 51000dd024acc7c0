"""Where the stages' tasks run: inline, on a local process pool, or on a Dask cluster.

Every stage is a list of independent tasks (a module-level function and its
arguments). An executor runs them and hands each result back, in the order the tasks
were given, to a callback, which is how results are written as they come and how
progress is counted. Since results are used in task order, whatever ran them, and
since no task depends on where or when it runs, the output is the same byte for byte
with any executor and any number of workers.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Protocol

from ..errors import CollateError, InvalidSchedulerError

#: the scheduler address when none is given on the command line
SCHEDULER_VARIABLE = "COLLATE_SCHEDULER"
#: how long to keep trying to reach a scheduler before saying it cannot be reached
CONNECT_TIMEOUT = "20s"
#: tasks in flight per worker: enough to keep it busy, few enough to bound memory
_AHEAD = 4

#: the cycle collector's thresholds while a task runs: collating a group makes hundreds
#: of thousands of small objects (tokens, apparatus entries, the report's elements) and
#: few cycles, and at Python's default thresholds the collector walks them again and
#: again; `collate corpus` sets the same for its whole process (one-shot commands
#: never collect: `collate.cli.main`)
TASK_GC_THRESHOLD = (100_000, 50, 50)

Task = tuple[Callable[..., Any], tuple[Any, ...]]


@contextmanager
def rare_collection() -> Iterator[None]:
    """The cycle collector at `TASK_GC_THRESHOLD` while the block runs, and as it was
    after: a task runs in our pool's worker, on a Dask worker or in the caller's own
    process, and only the first is ours to keep."""
    was = gc.get_threshold()
    gc.set_threshold(*TASK_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*was)


def run_task(function: Callable[..., Any], arguments: tuple[Any, ...]) -> Any:
    """One task, wherever it runs (see `rare_collection`)."""
    with rare_collection():
        return function(*arguments)


class Executor(Protocol):
    workers: int

    def run(self, tasks: Sequence[Task], done: Callable[[int, Any], None]) -> None:
        """Run the tasks; call `done(index, result)` for each, in index order."""


class Inline:
    """In this process, one task after another."""

    workers = 1

    def run(self, tasks: Sequence[Task], done: Callable[[int, Any], None]) -> None:
        for index, (function, arguments) in enumerate(tasks):
            done(index, run_task(function, arguments))


def _in_order(
    tasks: Sequence[Task],
    submit: Callable[[Task], Any],
    result: Callable[[Any], Any],
    window: int,
    done: Callable[[int, Any], None],
) -> None:
    """Keep `window` tasks in flight; hand results back in task order."""
    pending: dict[int, Any] = {}
    upcoming = 0
    for index in range(len(tasks)):
        while upcoming < len(tasks) and upcoming < index + window:
            pending[upcoming] = submit(tasks[upcoming])
            upcoming += 1
        done(index, result(pending.pop(index)))


class LocalPool:
    """A pool of worker processes on this machine."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def run(self, tasks: Sequence[Task], done: Callable[[int, Any], None]) -> None:
        def submit(task: Task) -> Future[Any]:
            return self._pool.submit(run_task, *task)

        _in_order(tasks, submit, lambda f: f.result(), self.workers * _AHEAD, done)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskCluster:
    """The workers of a Dask distributed cluster, through a `dask.distributed.Client`."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.workers = max(1, len(client.scheduler_info().get("workers", {})))

    def run(self, tasks: Sequence[Task], done: Callable[[int, Any], None]) -> None:
        def submit(task: Task) -> Any:
            # pure=False: two equal tasks are still two tasks, never a cached result
            return self.client.submit(run_task, *task, pure=False)

        _in_order(tasks, submit, lambda f: f.result(), self.workers * _AHEAD, done)


@contextmanager
def executor_for(scheduler: Any = None, workers: int | None = None) -> Iterator[Executor]:
    """The executor for a scheduler: None for this machine (a pool of `workers`
    processes, all cores by default; 1 runs inline), a `tcp://HOST:PORT` address or a
    `dask.distributed.Client` for a Dask cluster."""
    scheduler = scheduler or os.environ.get(SCHEDULER_VARIABLE) or None
    if scheduler is None:
        count = workers or os.cpu_count() or 1
        if count == 1:
            yield Inline()
            return
        pool = LocalPool(count)
        try:
            yield pool
        finally:
            pool.close()
        return
    if not isinstance(scheduler, str):
        yield DaskCluster(scheduler)
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise CollateError("running on a Dask cluster needs dask[distributed] installed") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except ValueError as error:  # not an address at all: the command line is wrong
        raise InvalidSchedulerError(
            f"`scheduler` {scheduler!r} is not a scheduler address "
            f"(tcp://HOST:8786): {error}",
            parameter="scheduler",
        ) from None
    except (OSError, TimeoutError) as error:
        raise CollateError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
    try:
        yield DaskCluster(client)
    finally:
        client.close()  # type: ignore[no-untyped-call]
