"""``asplan.toml`` / ``[tool.asplan]``: discovery, validation, and rule selection.

A configuration mistake must never pass silently (a misspelt ``ignore`` would turn
a red CI green), so every key and value is validated and a bad one is a
:class:`ConfigError` naming the file and the key (exit 2).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_type_hints

from asplan.findings import Severity
from asplan.settings import (
    DEFAULT_HEALTH_WEIGHTS,
    DEFAULT_KPI_GRACE_DAYS,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_SLA_AT_RISK,
    DEFAULT_WARN_DAYS,
    Settings,
)

if TYPE_CHECKING:
    from pydantic import BaseModel


class ConfigError(Exception):
    """A user-fixable configuration problem: one line, exit 2."""


_TOML = "asplan.toml"
"""Metadata key of a :class:`Config` field that is a key of the configuration file."""


def _key(default: Any = None, *, factory: Callable[[], Any] | None = None, toml: Any = None, **bounds: float) -> Any:
    """A key of the configuration file, declared once: its default and how the file is checked.

    ``bounds`` are pydantic's (``ge``, ``le``, ``gt``); ``toml`` is the type the file must
    hold where it differs from the effective one (``fail_on`` is one of three words in the
    file and a string after). :func:`file_schema`, the file's schema, is built from these.
    """
    metadata = {_TOML: (toml, bounds)}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class Config:
    """Effective configuration: file values with command-line overrides applied.

    Every field but ``source`` and ``root`` is a key of the file, declared here once with
    its default and bounds; the file's strict schema is derived from them.
    """

    source: str | None = None
    root: Path = field(default_factory=Path.cwd)
    paths: list[str] | None = _key()
    select: list[str] | None = _key()
    ignore: list[str] = _key(factory=list)
    fail_on: str = _key("error", toml=Literal["error", "warning", "never"])
    warn_days: int = _key(DEFAULT_WARN_DAYS, ge=0, le=3650)
    kpi_grace_days: int = _key(DEFAULT_KPI_GRACE_DAYS, ge=0, le=3650)
    sla_at_risk: float = _key(DEFAULT_SLA_AT_RISK, toml=int | float, gt=0, le=100)
    """Percent of a timed SLA's target past which a running event is at risk (spec 7.3), unless the SLA says."""
    severity: dict[str, Severity] = _key(factory=dict, toml=dict[str, Literal["error", "warning", "info"]])
    per_file_ignores: dict[str, list[str]] = _key(factory=dict)
    max_file_bytes: int = _key(DEFAULT_MAX_FILE_BYTES, ge=1, le=1024**3)
    plans_dir: str = _key("plans")
    health: dict[str, float] = _key(factory=lambda: dict(DEFAULT_HEALTH_WEIGHTS), toml=dict[str, Any])
    """Weights of the health score's components (``[health]``), over :data:`asplan.health.DEFAULT_WEIGHTS`."""

    def with_overrides(
        self, *, select: list[str] | None = None, ignore: Sequence[str] = (), fail_on: str | None = None
    ) -> Config:
        """The command line over the file: ``--select`` replaces, ``--ignore`` adds, ``--fail-on`` replaces."""
        return replace(
            self,
            select=select if select is not None else self.select,
            ignore=[*self.ignore, *ignore],
            fail_on=fail_on if fail_on is not None else self.fail_on,
        )

    @property
    def settings(self) -> Settings:
        """What the rules and the agenda read of the configuration."""
        return Settings(warn_days=self.warn_days, kpi_grace_days=self.kpi_grace_days, sla_at_risk=self.sla_at_risk)

    def is_enabled(self, code: str) -> bool:
        """ruff-style selection by code or prefix: ``ASP3`` is every ASP3xx."""
        if self.select is not None and not any(_matches(code, s) for s in self.select):
            return False
        return not any(_matches(code, i) for i in self.ignore)

    def ignored_for_file(self, file: str, code: str) -> bool:
        if not self.per_file_ignores:
            return False
        candidates = {file, file.replace(os.sep, "/")}
        with contextlib.suppress(ValueError):
            candidates.add(os.path.relpath(file, self.root).replace(os.sep, "/"))
        for pattern, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(c, pattern) for c in candidates) and any(_matches(code, x) for x in codes):
                return True
        return False

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)


def _matches(code: str, selector: str) -> bool:
    """A selector is a code, a prefix of codes, or ``ALL`` (ruff's spelling of every rule)."""
    return selector == "ALL" or code.startswith(selector)


@cache
def file_schema() -> type[BaseModel]:
    """The file's schema, from :class:`Config`'s file keys, in their order (the first error is the one reported).

    Built when a file is read, not at import: without a configuration file ``check``
    needs neither it nor pydantic, and a warm ``check`` (every result from the cache)
    starts without importing them (spec §6: a tenth of a cold run).
    """
    from pydantic import ConfigDict, Field, create_model

    hints = get_type_hints(Config)
    keys: dict[str, Any] = {}
    for each in fields(Config):
        if _TOML not in each.metadata:
            continue
        toml, bounds = each.metadata[_TOML]
        if each.default_factory is not MISSING:
            default = Field(default_factory=each.default_factory, **bounds)
        else:
            default = Field(default=each.default, **bounds)
        keys[each.name] = (toml if toml is not None else hints[each.name], default)
    # strict: TOML has real types, so `warn_days = "14"` or `fail_on = true` is a mistake to report.
    return create_model("_ConfigFile", __config__=ConfigDict(extra="forbid", strict=True), **keys)



def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``asplan.toml``, or ``pyproject.toml`` with ``[tool.asplan]``, upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "asplan.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                with pyproject.open("rb") as handle:
                    if "asplan" in tomllib.load(handle).get("tool", {}):
                        return pyproject
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(path: Path | None, known_codes: set[str]) -> Config:
    """Read and validate a configuration file (``None``: defaults)."""
    if path is None:
        return Config()
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{_shown(path)}: cannot read configuration: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(_shown(path), str(exc))) from None
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("asplan", {})
        if not isinstance(raw, dict):
            raise ConfigError(f"{_shown(path)}: [tool.asplan] must be a table")
    return _from_mapping(raw, _shown(path), path.parent, known_codes)


def _toml_error(source: str, message: str) -> str:
    """``asplan.toml:3:10: invalid TOML: ...``: the file:line:col form editors make clickable."""
    import re

    where = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if where is None:
        return f"{source}: invalid TOML: {message}"
    return f"{source}:{where.group(1)}:{where.group(2)}: invalid TOML: {message[: where.start()]}"


def _shown(path: Path) -> str:
    """A path as the user would type it from here (relative when that is shorter)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if len(relative) < len(str(path)) else str(path)


def _from_mapping(raw: dict[str, Any], source: str, root: Path, known_codes: set[str]) -> Config:
    from pydantic import ValidationError

    from asplan.health import check_weights

    try:
        given = file_schema().model_validate(raw).model_dump(exclude_unset=True)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        key = ".".join(str(p) for p in error["loc"]) or "?"
        if error["type"] == "extra_forbidden":
            raise ConfigError(f"{source}: unknown key '{key}'{_did_you_mean(key)}") from None
        raise ConfigError(f"{source}: bad value for '{key}': {error['msg']}") from None
    # A key the file leaves out takes Config's default, which is the schema's default too.
    for key in ("select", "ignore"):
        check_codes(given.get(key, []), known_codes, f"{source}: '{key}'")
    for pattern, codes in given.get("per_file_ignores", {}).items():
        check_codes(codes, known_codes, f"{source}: 'per_file_ignores.\"{pattern}\"'")
    try:
        given["health"] = check_weights(given.get("health", {}))
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    for code in given.get("severity", {}):
        if code not in known_codes:
            raise ConfigError(f"{source}: 'severity.{code}' names no rule")
    for key in ("select", "ignore"):
        if key in given:
            given[key] = [c.upper() for c in given[key]]
    if "severity" in given:
        given["severity"] = {code: Severity(value) for code, value in given["severity"].items()}
    if "per_file_ignores" in given:
        given["per_file_ignores"] = {k: [c.upper() for c in v] for k, v in given["per_file_ignores"].items()}
    return Config(source=source, root=root, **given)


def _did_you_mean(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key.rsplit(".", 1)[-1], list(file_schema().model_fields), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_codes(codes: list[str], known_codes: set[str], where: str) -> None:
    """Every selector must match at least one rule code: a typo is an error, not a no-op."""
    for code in codes:
        upper = code.upper()
        if upper == "ALL":
            continue
        if not any(k.startswith(upper) for k in known_codes) or not upper.startswith("ASP"):
            raise ConfigError(f"{where}: '{code}' matches no rule code (codes look like ASP302 or ASP3)")
