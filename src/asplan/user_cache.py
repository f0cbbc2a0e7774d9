"""Where asplan keeps data of its own between runs, outside any plans repository.

``$ASPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/asplan``, else ``~/.cache/asplan``;
``ASPLAN_NO_CACHE=1`` turns every cache off (the public-holiday cache and the result
cache of ``asplan check``). Caches are optimisations only: when this folder cannot be
read or written, asplan does the work again.
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
