"""Run one function over many files in worker processes, results in input order.

``check`` and ``render`` both promise output identical to a serial run whatever
``--jobs`` is; taking results in input order (``Executor.map``) is what keeps that
promise, so both go through this one function.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below these many files a command runs in one process unless ``--jobs`` says otherwise:
# starting worker processes costs more than it saves on a handful of plans. ``render``
# does about twice ``check``'s work a plan, so it pays off sooner.
CHECK_SERIAL_BELOW = 32
RENDER_SERIAL_BELOW = 16


def workers_for(n_files: int, jobs: int | None, serial_below: int) -> int:
    """How many processes to run: ``--jobs`` when given, else the CPU count from ``serial_below`` files up."""
    if jobs is not None:
        return jobs
    if n_files < serial_below:
        return 1
    return os.cpu_count() or 1


def ordered_map(func: Callable[[T], R], items: Sequence[T], jobs: int, max_chunk: int = 64) -> Iterator[R]:
    """``map(func, items)``, in ``jobs`` processes when there is more than one item.

    Work is sent in chunks (a few per worker and round, at most ``max_chunk`` items) so
    that process round trips stay a small part of the cost of a 7 ms plan. The last
    chunk a worker takes is what the other workers may wait for at the end: a caller
    whose items cost more gives a smaller ``max_chunk``.
    """
    if jobs <= 1 or len(items) <= 1:
        yield from map(func, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    jobs = min(jobs, len(items))  # `-j 40` on two files starts two processes, not forty
    chunk = max(1, min(max_chunk, len(items) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(func, items, chunksize=chunk)


UNIT_GC_THRESHOLD = 100_000
"""Net allocations after which the collector still runs inside one unit of work: far
above a plan's few thousand, and a bound on the garbage an outsized one can pile up."""


@contextlib.contextmanager
def collected_after() -> Iterator[None]:
    """One unit of work (a plan) with the cyclic garbage collector held back until it is done.

    Python collects its youngest objects every 700 net allocations. In the middle of a
    plan that means walking the plan's model, its view and the template's state, all
    alive, and promoting them to older generations that are walked again later: about
    a tenth of ``render``'s time a plan. Once the unit is done those objects are gone
    (reference counting freed them), so one collection of the youngest generation
    then meets little more than the unit's garbage in reference cycles.
    """
    saved = gc.get_threshold()
    gc.set_threshold(UNIT_GC_THRESHOLD, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)
        gc.collect(0)
