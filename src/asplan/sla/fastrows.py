"""The columns the vectorised ``sla`` pass keeps per file and per selected row (:mod:`asplan.sla.fastpath`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from asplan.sla.sources import SourceTable
from asplan.sla.timereader import TimeReader


@dataclass
class Picked:
    """The rows of one block that some SLA selects: where they are, and their fields as numbers."""

    positions: Any  # rows of all files before, plus the row in this file
    offsets: Any  # byte offset of each row in the file (to read it back for a taker)
    codes: Any
    ids: Any  # id bytes, zero-padded
    id_lengths: Any
    times: dict[int, tuple[Any, Any]]  # column -> (micros, flags)
    pauses: tuple[Any, Any, Any] | None


@dataclass
class File:
    """What one file's read kept: every row's id hash and ``where`` key, and the rows some SLA selects."""

    bound: SourceTable
    reader: TimeReader
    index: int  # position in the tables (and in each run's ``events.files``)
    base: int  # rows of the files before this one
    count: int = 0
    hashes: list[Any] = field(default_factory=list)  # numpy uint64 per block, every row
    keys: list[Any] = field(default_factory=list)  # numpy int64 where-key codes, every row
    picked: list[Picked] = field(default_factory=list)


@dataclass
class Rows:
    """The selected rows of one file, read: positions, lines, where codes, timestamps and pauses."""

    read: File
    positions: Any  # global row numbers
    lines: Any
    offsets: Any
    codes: Any
    id_matrix: Any
    id_lengths: Any
    times: dict[int, tuple[Any, Any]] = field(default_factory=dict)  # column -> (micros, flags)
    pauses: tuple[Any, Any, Any] | None = None  # (lo, hi, flags)

    def ids(self, at: Any) -> list[str]:
        """The ids of the rows at ``at`` (ASCII, checked when read)."""
        matrix = np.ascontiguousarray(self.id_matrix[at])
        width = matrix.shape[1]
        if not width:
            return [""] * len(at)
        return [str(i) for i in matrix.view(f"S{width}").reshape(-1).astype(f"U{width}").tolist()]
