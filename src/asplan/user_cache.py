"""Where asplan keeps data of its own between runs, outside any plans repository.

``$ASPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/asplan``, else ``~/.cache/asplan``;
``ASPLAN_NO_CACHE=1`` turns every cache off (the public-holiday cache, the result
cache of ``asplan check`` and ``render``'s compiled templates). Caches are
optimisations only: when this folder cannot be read or written, asplan does the work
again.
"""

from __future__ import annotations

import os
from pathlib import Path


def caches_disabled() -> bool:
    return bool(os.environ.get("ASPLAN_NO_CACHE"))


def user_cache_dir() -> Path:
    base = os.environ.get("ASPLAN_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "asplan" if xdg else Path.home() / ".cache" / "asplan"


def installed_version(package: str) -> str | None:
    """The installed version of ``package`` (a cache key part), or None when it is not installed.

    Read from the ``Version:`` line of its metadata file: ``importlib.metadata.version``
    parses the whole file with the ``email`` package, which it imports first, a few
    milliseconds of every ``check`` (spec §6: one plan in 0.25 s) for one line.
    """
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        found = distribution(package)
    except PackageNotFoundError:
        return None
    text = found.read_text("METADATA") or found.read_text("PKG-INFO") or ""
    for line in text.splitlines():
        if not line:
            break  # the end of the headers
        if line.startswith("Version:"):
            return line[len("Version:") :].strip()
    return found.version  # an unusual file: the email parser's answer
