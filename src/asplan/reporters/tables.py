"""The one place a command's tables become text: one rich Console setup, one way out.

Every table a command prints (``sla``, ``sla --set``, ``credits``, ``due``, ``status``)
is drawn on a console built by :func:`table_console` into a buffer and read back by
:func:`table_text`, trailing spaces trimmed (``status`` has always kept them). What
differs between commands (width; ``status``'s highlighting, colours and emoji codes)
is a named argument here, not a Console built differently in each command module.
rich is imported inside the functions, not when a command module loads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

ColorSystem = Literal["auto", "standard"]

PIPED_WIDTH = 160
"""``sla`` and ``credits`` piped: wide enough that their tables do not wrap in CI logs."""

MIN_COLOR_WIDTH = 120
"""``sla`` and ``credits`` on a terminal: its width, but at least this."""

WIDE = 200
"""``due`` piped and ``status`` always: item titles and account names are long."""


def sla_width(color: bool) -> int:
    """The width ``sla``, ``sla --set`` and ``credits`` draw at."""
    from rich.console import Console

    return max(Console().width, MIN_COLOR_WIDTH) if color else PIPED_WIDTH


def terminal_width(color: bool) -> int:
    """The width ``due`` draws at: the terminal's in colour, :data:`WIDE` when piped."""
    if not color:
        return WIDE
    import shutil

    return shutil.get_terminal_size().columns or WIDE


def table_console(
    color: bool, width: int, *, color_system: ColorSystem = "auto", highlight: bool = False, emoji: bool = False
) -> Console:
    """A console writing to a buffer, coloured only when ``color`` (a terminal, no NO_COLOR).

    ``highlight``, ``color_system`` and ``emoji`` stay as ``status`` has always drawn
    (numbers highlighted, the 16 standard colours, ``:name:`` codes in its markup
    expanded); the other commands pass plan text as rich ``Text``, highlight nothing
    and expand no emoji code.
    """
    import io

    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        color_system=color_system if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=highlight,
        emoji=emoji,
    )


def table_text(console: Console, parts: Iterable[RenderableType] = (), *, trim: bool = True) -> str:
    """Print ``parts`` on ``console`` and return everything it holds, each line's trailing spaces trimmed.

    ``trim=False`` is ``status``'s table as it has always been printed, padded to its
    columns' width (scripts that diff it would see the change).
    """
    for part in parts:
        console.print(part)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    if not trim:
        return output
    return "\n".join(line.rstrip() for line in output.splitlines()) + "\n"
