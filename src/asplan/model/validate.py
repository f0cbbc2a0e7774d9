"""Plain data -> :class:`Plan` plus schema findings (ASP101-ASP103; ASP003 from :mod:`~asplan.model.plan_format`).

Why not ``Plan.model_validate(data)``: one bad date would then cost the whole plan,
and with it every reference, date and completeness finding of the other sections
(spec §4: "one run reports everything wrong in a file"). So each section is validated
on its own, and within a section the offending pieces are *pruned* and the rest is
validated again: an action with a bad id is dropped, its siblings are kept; a bad
optional field is dropped, its object is kept. Only the first round's errors are
reported; later rounds only exist to salvage what is valid.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from asplan.findings import Finding, Severity, format_path
from asplan.loading import DataPath, Document, Positions, parse_yaml
from asplan.model import plan_format
from asplan.model.account import Account
from asplan.model.base import (
    PATH_KEY,
    PlanModel,
    UnknownKey,
    _suggest,
    is_map_annotation,
    strip_path_marker,
)
from asplan.model.messages import empty_section_message, missing_message, value_message
from asplan.model.plan import SUPPORTED_VERSION, Plan
from asplan.model.validate_whole import whole_plan_sections

_MAX_ROUNDS = 12


@dataclass
class ValidatedPlan:
    """A plan assembled from what validated, and what did not."""

    plan: Plan | None
    findings: list[Finding] = field(default_factory=list)


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:  # annotations are hashable types
    return TypeAdapter(annotation)


def _section_adapters() -> dict[str, TypeAdapter[Any]]:
    return {
        (info.alias or name): _adapter(cast(Hashable, info.annotation))
        for name, info in Plan.model_fields.items()
        if name != "asplan"
    }


@cache
def _map_sections() -> frozenset[str]:
    return frozenset(
        (info.alias or name) for name, info in Plan.model_fields.items() if is_map_annotation(info.annotation)
    )


def mark_paths(value: Any, path: DataPath) -> Any:
    """Copy ``value``, putting each mapping's data path under :data:`PATH_KEY`."""
    if isinstance(value, dict):
        out: dict[Any, Any] = {PATH_KEY: path}
        for key, item in value.items():
            # Scalars are most values: copied as they are, without a call each.
            out[key] = mark_paths(item, (*path, key)) if isinstance(item, (dict, list)) else item
        return out
    if isinstance(value, list):
        return [
            mark_paths(item, (*path, i)) if isinstance(item, (dict, list)) else item for i, item in enumerate(value)
        ]
    return value


def _normalise(data: Any, loc: tuple[Any, ...]) -> tuple[DataPath, bool]:
    """Follow a pydantic ``loc`` through the data; returns (path, reached the end).

    Locs contain union-member and validator names that are not data keys; they are
    skipped, and the walk stops at the first key the data does not have.
    """
    path: list[str | int] = []
    current = data
    complete = True
    for part in loc:
        if _has(current, part):
            path.append(part)
            current = current[part]
        elif isinstance(current, (dict, list)):
            complete = False
            if isinstance(current, dict) and isinstance(part, str) and not _is_tag(part):
                break
        else:
            break
    return tuple(path), complete


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return isinstance(part, str) and part in container
    if isinstance(container, list):
        return isinstance(part, int) and 0 <= part < len(container)
    return False


def _is_tag(part: str) -> bool:
    """Pydantic loc entries naming a union member or validator, not a key."""
    return (
        "[" in part
        or part in {"str", "int", "float", "bool", "list", "dict", "decimal", "date", "none"}
        or part[:1].isupper()
    )


def _remove(data: Any, path: DataPath) -> bool:
    """Delete the value at ``path`` (relative to the section); False if it is the root."""
    if not path:
        return False
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if isinstance(parent, dict):
        parent.pop(last, None)
    elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        parent.pop(last)
    return True


def _salvage(model: type[BaseModel], data: dict[Any, Any], context: dict[str, Any]) -> Any:
    """Keep the fields of a broken singleton section that are valid on their own.

    A field that fails falls back to its default (``[]``, ``en``, ``None``...), so its
    type still holds. A *required* field that fails has no default: only ``account``
    is then kept, with ``None`` there (rules check its fields before use, and its id
    and manager matter to other rules); any other section is dropped (``None``), because
    code typed against, say, ``reviews.every: Cadence`` must never meet ``None``.
    """
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            continue
        try:
            values[name] = _adapter(cast(Hashable, info.annotation)).validate_python(data[key], context=context)
        except ValidationError:
            continue
    for name, info in model.model_fields.items():
        if name not in values and info.is_required():
            if model is not Account:
                return None
            values[name] = None
    obj = model.model_construct(**values)
    if isinstance(obj, PlanModel):
        obj._path = data.get(PATH_KEY, ())
    return obj


def _validate_section(
    key: str,
    raw: Any,
    adapter: TypeAdapter[Any],
    context: dict[str, Any],
    report: list[tuple[DataPath, Any]],
) -> tuple[bool, Any]:
    """Validate one section with pruning; returns (ok, value)."""
    data = mark_paths(raw, (key,))
    if isinstance(data, dict) and key in _map_sections():
        data = strip_path_marker(data)
    for round_number in range(_MAX_ROUNDS):
        try:
            return True, adapter.validate_python(data, context=context)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        removals: list[DataPath] = []
        for error in errors:
            rel, _ = _normalise(data, tuple(error["loc"]))
            if round_number == 0:
                report.append(((key, *rel), error))
            # A missing key normalises to the mapping that lacks it: that mapping goes.
            removals.append(rel)
        # Deepest and last first, so earlier list indices stay valid while removing.
        progressed = False
        for rel in sorted(set(removals), key=lambda p: (len(p), p), reverse=True):
            if not rel:
                return False, data
            try:
                progressed = _remove(data, rel) or progressed
            except (KeyError, IndexError, TypeError):
                continue
        if not progressed:
            return False, data
    return False, data


@dataclass
class _Report:
    """The findings of one plan file, each placed where the file says it (value or key)."""

    file: str
    positions: Positions
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, path: DataPath, message: str, at_key: bool = False) -> None:
        line, column = self.positions.key(path) if at_key else self.positions.value(path)
        self.findings.append(Finding(self.file, line, column, code, Severity.ERROR, message, format_path(path)))


def validate_plan(
    data: dict[Any, Any],
    positions: Positions,
    file: str,
    text: str | None = None,
    mapping_paths: dict[int, DataPath] | None = None,
) -> ValidatedPlan:
    """Validate the top-level mapping of a plan file (it has an ``asplan`` key).

    With the file's ``text``, a number YAML read from the user's spelling is quoted as
    written (``007``, not the ``7`` it became). With the parser's ``mapping_paths``, a
    valid plan is validated in one call (:mod:`asplan.model.validate_whole`), with the
    same result.
    """
    report = _Report(file, positions)
    version = _format_version(data.get("asplan"), report)
    if version is not None and plan_format.is_newer(version):
        report.add(plan_format.CODE, ("asplan",), plan_format.newer_version(version))
        return ValidatedPlan(None, report.findings)
    if version is not None and mapping_paths is not None:
        whole = whole_plan_sections(data, mapping_paths)
        if whole is not None:
            return ValidatedPlan(Plan.model_construct(asplan=version, **_defaults(whole)), report.findings)

    unknown: list[UnknownKey] = []
    sections, errors = _validate_sections(data, unknown)
    if "account" not in data:
        report.add("ASP101", (), "required section 'account' is missing: add account with id, name, tier and manager")
    _report_errors(report, errors, unknown, text)
    _report_unknown(report, data, unknown)

    plan = Plan.model_construct(asplan=version if version is not None else SUPPORTED_VERSION, **_defaults(sections))
    return ValidatedPlan(plan, report.findings)


def _format_version(raw: Any, report: _Report) -> int | None:
    """The ``asplan`` format version; None (and ASP102) when it is not a whole number >= 1."""
    version = raw
    if isinstance(version, float) and version.is_integer():
        version = int(version)  # 1.0 is the integer 1, as in JSON Schema
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        report.add(
            "ASP102", ("asplan",), f"asplan: expected the format version, a whole number like 1, got {version!r}"
        )
        return None
    return version


def _validate_sections(
    data: dict[Any, Any], unknown: list[UnknownKey]
) -> tuple[dict[str, Any], list[tuple[DataPath, Any]]]:
    """Each top-level section validated on its own: (field name -> value, errors).

    Unknown keys (top-level ones, and those validation meets) are collected in ``unknown``.
    """
    adapters = _section_adapters()
    context: dict[str, Any] = {"unknown": unknown}
    errors: list[tuple[DataPath, Any]] = []
    sections: dict[str, Any] = {}
    known = sorted([*adapters, "asplan"])
    for key, raw in data.items():
        if key == "asplan" or (isinstance(key, str) and key.startswith("x-")):
            continue
        adapter = adapters.get(key)
        if adapter is None:
            unknown.append(UnknownKey((key,), str(key), _suggest(str(key), known)))
            continue
        if raw is None:
            errors.append(((key,), {"type": "none", "msg": empty_section_message(str(key))}))
            continue
        ok, value = _validate_section(key, raw, adapter, context, errors)
        name = _field_name(key)
        if ok:
            sections[name] = value
        elif isinstance(value, dict):
            model = _model_of(name)
            if model is not None:
                sections[name] = _salvage(model, value, context)
    return sections, errors


def _report_errors(
    report: _Report, errors: list[tuple[DataPath, Any]], unknown: list[UnknownKey], text: str | None
) -> None:
    """ASP101 (a missing field) and ASP102 (a wrong value), once per place."""
    seen: set[tuple[DataPath, str]] = set()
    # `titel: Pilot` is one mistake: the unknown field says "did you mean 'title'?", and
    # the missing 'title' it causes is not reported a second time.
    misspelt = {(item.path[:-1], item.suggestion) for item in unknown if item.suggestion}
    for path, error in errors:
        kind = error.get("type")
        if kind == "missing":
            missing = error["loc"][-1] if error.get("loc") else "?"
            if (path, missing) in misspelt:
                continue
            marker = (path, f"missing:{missing}")
            if marker in seen:
                continue
            seen.add(marker)
            report.add("ASP101", path, missing_message(path, missing), at_key=True)
            continue
        marker = (path, "value")
        if marker in seen:
            continue
        seen.add(marker)
        message = value_message(error, path) if kind != "none" else str(error.get("msg"))
        report.add("ASP102", path, f"{format_path(path)}: {_as_written(message, error, path, report.positions, text)}")


def _report_unknown(report: _Report, data: dict[Any, Any], unknown: list[UnknownKey]) -> None:
    """ASP103 once per unknown key: a value cut at ", ", or a typo (with a suggestion)."""
    reported: set[DataPath] = set()
    for item in unknown:
        if item.path in reported:
            continue
        reported.add(item.path)
        split = comma_split_value(data, report.positions, item.path)
        if split is not None:
            fragments, value_path, message = split
            reported.update(fragments)
            line, column = report.positions.value(value_path)
            report.findings.append(
                Finding(report.file, line, column, "ASP103", Severity.ERROR, message, format_path(item.path))
            )
            continue
        hint = (
            f": did you mean '{item.suggestion}'?"
            if item.suggestion
            else (": remove it, or prefix it with 'x-' to keep your own data")
        )
        report.add("ASP103", item.path, f"unknown field '{item.key}'{hint}", at_key=True)


_TOKEN = re.compile(r"[^\s,\]\}#]+")


def _as_written(message: str, error: Any, path: DataPath, positions: Positions, text: str | None) -> str:
    """Quote a number as the user wrote it: ``id: 007`` is "007", not the 7 YAML made of it.

    The parser keeps values, not spellings; the spelling is read back from the line the
    value starts on. Only plain numbers are concerned (a quoted value is a string).
    """
    got = error.get("input")
    if text is None or not isinstance(got, (int, float)) or isinstance(got, bool) or not positions.has(path):
        return message
    line, column = positions.value(path)
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return message
    match = _TOKEN.match(lines[line - 1], max(column - 1, 0))
    spelling = match.group() if match else ""
    if not spelling or spelling == str(got) or spelling[0] in "'\"":
        return message
    return message.replace(f"the number {got}", f"{spelling} (YAML reads it as the number {got})").replace(
        f"'{got}'", f"'{spelling}'"
    )


def comma_split_value(data: Any, positions: Positions, path: DataPath) -> tuple[list[DataPath], DataPath, str] | None:
    """An unknown "field" that is the tail of a value cut at ", " inside ``{...}``.

    ``{name: 24x7, description: Monitoring, incidents and changes.}`` reads as
    ``description: Monitoring`` plus a key ``incidents and changes.`` with no value.
    Returns the fragment paths (reported once), the cut value's path (where the quote
    goes) and the message; None when the unknown key is an ordinary typo.
    """
    parent_path, key = path[:-1], path[-1]
    if parent_path not in positions.flow or not isinstance(key, str):
        return None
    parent = data
    for part in parent_path:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(parent, dict) or parent.get(key, "") is not None:
        return None
    keys = list(parent)
    index = keys.index(key)
    start = index
    while start > 0 and parent[keys[start - 1]] is None and " " in str(keys[start - 1]):
        start -= 1
    if start == 0 or not isinstance(parent[keys[start - 1]], (str, int, float)):
        return None
    end = index
    while end + 1 < len(keys) and parent[keys[end + 1]] is None and " " in str(keys[end + 1]):
        end += 1
    fragments = keys[start : end + 1]
    if not any(" " in str(fragment) for fragment in fragments):
        return None  # one word and no value: more likely a misspelt field than a cut sentence
    owner = keys[start - 1]
    whole = ", ".join([str(parent[owner]), *map(str, fragments)])
    quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
    message = (
        f"unknown field '{key}': inside {{...}} a ', ' ends an unquoted value, so the text of"
        f" '{owner}' was cut there: quote it: {owner}: {quoted}"
    )
    return [(*parent_path, fragment) for fragment in fragments], (*parent_path, owner), message


def _field_name(key: str) -> str:
    for name, info in Plan.model_fields.items():
        if (info.alias or name) == key:
            return name
    return key


def _model_of(name: str) -> type[BaseModel] | None:
    """The model of a singleton section (``Account | None``); None for lists and maps."""
    annotation = Plan.model_fields[name].annotation
    if get_origin(annotation) in (list, dict):
        return None
    for candidate in getattr(annotation, "__args__", (annotation,)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _defaults(sections: dict[str, Any]) -> dict[str, Any]:
    """Every section present on the result: validated, or its empty default."""
    out: dict[str, Any] = {}
    for name, info in Plan.model_fields.items():
        if name == "asplan":
            continue
        if name in sections:
            out[name] = sections[name]
        elif info.default_factory is not None:
            out[name] = info.default_factory()  # type: ignore[call-arg]
        else:
            out[name] = None
    return out


class NotAPlan(ValueError):
    """YAML that parsed, but whose top level is not a mapping with an ``asplan`` key.

    Carries the document, so a caller can still report what the parser found in it.
    """

    def __init__(self, document: Document) -> None:
        super().__init__(plan_format.NO_PLAN_KEY)
        self.document = document


@dataclass
class ParsedPlan:
    """A plan file's text taken all the way: parsed document, validated plan, every finding."""

    document: Document
    validated: ValidatedPlan

    @property
    def plan(self) -> Plan | None:
        return self.validated.plan

    @property
    def findings(self) -> list[Finding]:
        """The parser's findings (ASP002), then validation's, in that order."""
        return [*self.document.findings, *self.validated.findings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


def parse_plan(text: str, file: str) -> ParsedPlan:
    """Text to plan, the one way every command reads a plan.

    Raises :class:`~asplan.loading.LoadError` when the text cannot be read as YAML and
    :class:`NotAPlan` when it is YAML but not a plan; schema problems are findings.
    """
    document = parse_yaml(text, file)
    data = document.data
    if not plan_format.is_plan_data(data):
        raise NotAPlan(document)
    validated = validate_plan(data, document.positions, file, document.text, document.mapping_paths)
    return ParsedPlan(document, validated)
