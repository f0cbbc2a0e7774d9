"""Options several commands declare the same way: written once, so their help cannot drift apart."""

from __future__ import annotations

from typing import Annotated

import typer

Paths = Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")]
"""The plans a command reads: files or folders; none means the configured ``paths`` (else ``plans/``)."""

Period = Annotated[
    str | None,
    typer.Option(
        "--period", help="Only periods overlapping this one (2026-10, 2026-Q3, 2026-W38, 2026), or 'last' closed."
    ),
]
"""``sla`` and ``credits``: which periods to report."""
