"""YAML -> plain data plus a map of where every key and value sits in the file.

Why not ruamel's round-trip loader: it gives positions but costs ~85 ms a plan.
Instead we drive libyaml's C *parser* (``ruamel.yaml.cyaml.CParser``; ruamel's
pure-Python parser when the C extension is missing) and compose the data ourselves
from its events, which carry marks. That one loop also gives us every
safety guarantee of spec §5 for free, because nothing is ever *constructed* by a YAML
library:

* scalars are resolved by the YAML 1.2 core schema only (``2026-10-01`` stays a
  string, ``on``/``yes`` stay strings, no timestamps, no sets, no Python objects);
* any tag outside the core schema is refused (ASP004), never interpreted;
* depth is checked as the stack grows, so a 10,000-deep document is refused at
  depth 65 instead of overflowing a C stack;
* aliases are shared, not copied, and their *expanded* size is counted, in values
  and in characters, so a "billion laughs" document, or one long string repeated
  thousands of times, is refused after a bounded amount of work;
* the number of values is bounded too: 5 MB of ``[a,a,a,...`` is 2.6 million values,
  minutes of work at a few microseconds each, so it is refused after the first 250,000;
* duplicate keys are reported (ASP002) instead of silently keeping the last one.

Where each part lives: :mod:`asplan.yaml_compose` is the loop (one method per kind of
event), :mod:`asplan.yaml_parser` which parser feeds it, :mod:`asplan.yaml_document`
what they produce (:class:`Document`, :class:`Positions`, the limits, scalar
resolution). This module reads files and is where callers start; it re-exports the
names they need.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from asplan.settings import DEFAULT_MAX_FILE_BYTES
from asplan.yaml_compose import parse_yaml
from asplan.yaml_document import (
    DataPath,
    Document,
    LoadError,
    Positions,
    parse_suppressions,
    resolve_scalar,
)
from asplan.yaml_parser import PARSER_ENV, yaml_parser_name

__all__ = [
    "PARSER_ENV",
    "DataPath",
    "Document",
    "LoadError",
    "Positions",
    "decode_utf8",
    "iter_yaml_files",
    "looks_like_plan",
    "parse_suppressions",
    "parse_yaml",
    "read_text",
    "resolve_scalar",
    "yaml_parser_name",
]


def read_text(path: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> str:
    """Read a file as UTF-8, refusing what is too large or not text (never reads past the limit)."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise LoadError("ASP001", f"cannot read file: {exc.strerror or exc}", unreadable=True) from None
    if size > max_bytes:
        raise LoadError(
            "ASP004",
            f"file is {size:,} bytes, over the limit of {max_bytes:,}"
            " (raise max_file_bytes in asplan.toml if it is really a plan)",
        )
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise LoadError("ASP001", f"cannot read file: {exc.strerror or exc}", unreadable=True) from None
    if len(raw) > max_bytes:
        raise LoadError("ASP004", f"file is over the limit of {max_bytes:,} bytes")
    return decode_utf8(raw)


def decode_utf8(raw: bytes) -> str:
    """Strict UTF-8 (a leading BOM is allowed and dropped), with the position of a bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise LoadError("ASP001", "file is UTF-32, not UTF-8: re-save it as UTF-8")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError("ASP001", "file is UTF-16, not UTF-8: re-save it as UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "ASP001",
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}): re-save the file as UTF-8",
            line,
            column,
        ) from None


def iter_yaml_files(root: str) -> Iterator[str]:
    """Every ``*.yaml``/``*.yml`` under ``root``, sorted, skipping hidden and tool folders."""
    skip = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in skip and not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                yield os.path.join(dirpath, name)


def looks_like_plan(text: str) -> bool:
    """Cheap pre-filter for folder scans: a plan has a top-level ``asplan:`` key."""
    return re.search(r"^asplan\s*:", text, re.MULTILINE) is not None or '"asplan"' in text
