"""Public holidays from the ``holidays`` package, remembered between runs.

Why a cache: asking ``holidays`` for any country imports every country it knows
(~0.3 s), on every ``asplan check`` of a plan whose calendar names a country. The
answers only change when the package does, so they are kept in one small JSON file
per package version, in the user's cache folder (``$ASPLAN_CACHE_DIR``, else
``$XDG_CACHE_HOME/asplan``, else ``~/.cache/asplan``). ``ASPLAN_NO_CACHE=1`` turns it
off. The cache is an optimisation only: if it cannot be read or written, the
package is asked directly and nothing else changes.
"""

from __future__ import annotations

import contextlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from asplan.user_cache import caches_disabled, installed_version, user_cache_dir

_memory: dict[str, Any] | None = None
_dirty = False


def _cache_file() -> Path | None:
    if caches_disabled():
        return None
    try:
        package_version = installed_version("holidays")
    except Exception:
        return None
    if package_version is None:
        return None
    return user_cache_dir() / f"holidays-{package_version}.json"


def _load() -> dict[str, Any]:
    global _memory
    if _memory is None:
        _memory = {}
        path = _cache_file()
        if path is not None:
            with contextlib.suppress(OSError, ValueError):
                loaded = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    _memory = loaded
    return _memory


def _save() -> None:
    """Merge this run's answers into the file (other processes may have added theirs)."""
    global _dirty
    path = _cache_file()
    if path is None or not _dirty or _memory is None:
        return
    with contextlib.suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        merged: dict[str, Any] = {}
        with contextlib.suppress(OSError, ValueError):
            existing = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(existing, dict):
                merged.update(existing)
        merged.update(_memory)
        from asplan.fileio import atomic_write_text

        atomic_write_text(path, json.dumps(merged, sort_keys=True))
    _dirty = False


def _remember(key: str, value: Any) -> None:
    global _dirty
    _load()[key] = value
    _dirty = True
    _save()


def public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The public holidays of one place and year (empty for an unknown place)."""
    key = f"days:{country}/{subdivision or ''}/{year}"
    cached = _load().get(key)
    if isinstance(cached, list):
        return frozenset(date.fromisoformat(d) for d in cached)
    import holidays

    try:
        found = holidays.country_holidays(country, subdiv=subdivision, years=year)
        days = sorted(found.keys())
    except (NotImplementedError, KeyError, ValueError):
        days = []
    _remember(key, [d.isoformat() for d in days])
    return frozenset(days)


def prefetch(country: str, subdivision: str | None, years: range) -> None:
    """Fetch the public holidays of many years with one call to the package and one cache write.

    Working time over a span of decades needs every year's holidays; asked one year
    at a time, each would be a call and a rewrite of the cache file.
    """
    memory = _load()
    missing = [y for y in years if not isinstance(memory.get(f"days:{country}/{subdivision or ''}/{y}"), list)]
    if not missing:
        return
    import holidays

    by_year: dict[int, list[str]] = {y: [] for y in missing}
    try:
        found = holidays.country_holidays(country, subdiv=subdivision, years=missing)
        for day in sorted(found.keys()):
            if day.year in by_year:
                by_year[day.year].append(day.isoformat())
    except (NotImplementedError, KeyError, ValueError):
        pass
    global _dirty
    for year, days in by_year.items():
        memory[f"days:{country}/{subdivision or ''}/{year}"] = days
    _dirty = True
    _save()


def place_problem(country: str, subdivision: str | None) -> str | None:
    """Why the ``holidays`` package has no holidays for this place, or None."""
    key = f"problem:{country}/{subdivision or ''}"
    cached = _load().get(key)
    if isinstance(cached, str):
        return cached or None
    import holidays

    problem: str | None = None
    try:
        holidays.country_holidays(country, subdiv=subdivision, years=[])
    except NotImplementedError:
        supported = holidays.list_supported_countries()
        if country not in supported:
            problem = f"country {country!r} has no public holidays in the holidays package"
        else:
            known = ", ".join(supported[country]) or "none"
            problem = f"country {country} has no subdivision {subdivision!r} (known: {known})"
    except (KeyError, ValueError) as exc:
        problem = f"public holidays for {country}/{subdivision}: {exc}"
    _remember(key, problem or "")
    return problem


def place_years(country: str, subdivision: str | None) -> tuple[int, int]:
    """The first and last year the ``holidays`` package has public holidays for at this place.

    Outside them it answers with no holidays; knowing the range lets working time skip
    asking about each of thousands of years (``(0, -1)`` for a place it does not know).
    """
    key = f"years:{country}/{subdivision or ''}"
    cached = _load().get(key)
    if isinstance(cached, list) and len(cached) == 2 and all(isinstance(v, int) for v in cached):
        return cached[0], cached[1]
    import holidays

    try:
        found = holidays.country_holidays(country, subdiv=subdivision, years=[])
        first, last = int(getattr(found, "start_year", 1)), int(getattr(found, "end_year", 9998))
    except (NotImplementedError, KeyError, ValueError):
        first, last = 0, -1
    _remember(key, [first, last])
    return first, last
