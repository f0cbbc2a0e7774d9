"""Text from plans, file names and event files, made safe to print on a terminal (spec §7.7).

A plan is untrusted input: a title holding ``ESC ] 52`` writes the reader's
clipboard, ``ESC [ 1A ESC [ 2K`` erases the line above (hiding an overdue item), a
right-to-left override makes ``2026`` read ``6202``, and a newline in a file name
forges a line of output that a CI runner reads as a command (``::error ...``). Every
text output passes such values through one of these two functions, which spell the
characters out (``\\x1b``, ``\\u202e``) instead of sending them:

* :func:`printable` for multi-line text (messages, Markdown fields shown as text):
  C0 controls but tab and newline, DEL, C1 controls and bidi controls;
* :func:`one_line` for anything that must stay on its line (names, ids, titles,
  file names, table cells): the same, and tab, newline and carriage return too.

Only what is printed is escaped: JSON, SARIF and the other machine formats escape in
their own syntax, and the data itself is never changed.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _spell_out(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline spelled out."""
    return _MULTI_LINE.sub(_spell_out, text)


def one_line(text: str) -> str:
    """``text`` with every control character spelled out, line breaks and tabs included."""
    return _ONE_LINE.sub(_spell_out, text)
