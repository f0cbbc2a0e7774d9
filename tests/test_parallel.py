"""asplan.parallel: results in input order whatever the chunking, and one unit of work's
garbage collected when it is done."""

from __future__ import annotations

import gc
import weakref

from asplan.parallel import UNIT_GC_THRESHOLD, collected_after, ordered_map


def _square(n: int) -> int:
    return n * n


def test_small_chunks_keep_the_input_order() -> None:
    items = list(range(50))
    assert list(ordered_map(_square, items, jobs=2, max_chunk=3)) == [n * n for n in items]


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_a_unit_of_work_leaves_no_cycle_and_the_collector_as_it_found_it() -> None:
    before = gc.get_threshold()
    with collected_after():
        assert gc.get_threshold() == (UNIT_GC_THRESHOLD, *before[1:])
        node = _Node()
        alive = weakref.ref(node)
        del node
        assert alive() is not None  # a cycle: reference counting alone does not free it
    assert alive() is None
    assert gc.get_threshold() == before
