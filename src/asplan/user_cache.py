"""Where asplan keeps data of its own between runs, outside any plans repository.

``$ASPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/asplan``, else ``~/.cache/asplan``;
``ASPLAN_NO_CACHE=1`` turns every cache off (the public-holiday cache, the result
cache of ``asplan check`` and ``render``'s compiled templates). Caches are
optimisations only: when this folder cannot be read or written, asplan does the work
again.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cache
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

    Read from the ``Version:`` line of its ``*.dist-info/METADATA``, found by listing the
    folders of ``sys.path`` once per process (:func:`_dist_infos`): ``importlib.metadata``
    imports the ``email`` package and scans ``sys.path`` again for every package, about
    15 ms of a warm ``check`` that asks for six (spec §6: a tenth of a cold run). A package
    installed some other way (an ``.egg-info``, a zip) is asked of ``importlib.metadata``.
    """
    folder = _dist_infos().get(_normalised(package))
    if folder is not None:
        try:
            with open(os.path.join(folder, "METADATA"), encoding="utf-8") as handle:
                for line in handle:
                    if line in ("\n", "\r\n"):
                        break  # the end of the headers
                    if line.startswith("Version:"):
                        return line[len("Version:") :].strip()
        except OSError:
            pass
    return _metadata_version(package)


def _normalised(name: str) -> str:
    """A distribution name as a ``.dist-info`` folder spells it (PEP 503 runs of ``-_.``, lower case)."""
    return re.sub(r"[-_.]+", "_", name).lower()


@cache
def _dist_infos() -> dict[str, str]:
    """Normalised distribution name -> its ``.dist-info`` folder, the first on ``sys.path`` winning."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                found.setdefault(_normalised(name[: -len(".dist-info")].split("-")[0]), os.path.join(entry, name))
    return found


def _metadata_version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None
