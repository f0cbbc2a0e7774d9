"""The JSON Schema and ``check`` agree on every bounded field: at, inside and just past each bound.

An editor that validates with ``asplan.schema.json`` must flag exactly what ``asplan
check`` flags at the schema level (ASP003, ASP101-ASP103), or users learn to ignore
one of them. Bounds are the easiest place to drift: ``le=100`` in a model and no
``maximum`` in the schema, an integer field that the schema takes as 1.0 and check
refused, a duration too long for the computations that the schema's pattern allowed.

The walk is generated from the models: every field with a numeric or length bound, and
every field of a scalar type that carries one (durations, cadences, periods, money,
ids). A template plan holds every model at least once; each candidate value is put
into it in turn and given to both validators.
"""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import annotated_types
import jsonschema
import pytest
from pydantic import BaseModel

from asplan.findings import format_path
from asplan.loading import DataPath, Positions
from asplan.model.base import PlanModel
from asplan.model.plan import Plan
from asplan.model.scalars import Cadence, Duration, Money, PeriodLabel
from asplan.model.validate import validate_plan
from asplan.schema import plan_schema

SCHEMA_LEVEL = {"ASP003", "ASP101", "ASP102", "ASP103"}

TEMPLATE: dict[str, Any] = {
    "asplan": 1,
    "account": {
        "id": "acme",
        "name": "ACME",
        "tier": "high",
        "manager": "ana",
        "timezone": "Europe/Madrid",
        "contract": {
            "id": "MSA-1",
            "start": "2024-01-01",
            "end": "2026-12-31",
            "renewal_notice_days": 90,
            "fee": {"amount": 1000, "currency": "EUR", "per": "month"},
        },
    },
    "handoff": {"date": "2024-01-01", "from": "ana", "to": "ana"},
    "business": {"overview": "x", "analyst_reports": [{"title": "Report", "url": "https://example.com"}]},
    "selection": {"criteria": [{"name": "Revenue", "weight": 50, "score": 3}]},
    "people": [{"id": "ana", "name": "Ana", "side": "provider", "email": "ana@example.com", "executive": True}],
    "objectives": [
        {
            "id": "OBJ-1",
            "title": "On time",
            "owner": "ana",
            "kpis": [
                {
                    "id": "KPI-1",
                    "name": "On time",
                    "unit": "%",
                    "baseline": 80,
                    "target": 90,
                    "frequency": "monthly",
                    "measurements": [{"date": "2026-10-31", "value": 85}],
                }
            ],
            "milestones": [{"title": "Pilot", "due": "2026-06-30"}],
        }
    ],
    "solutions": [{"id": "SOL-1", "title": "Routing", "objectives": ["OBJ-1"]}],
    "actions": [{"id": "ACT-1", "title": "Pilot", "owner": "ana", "due": "2026-10-15"}],
    "changes": [{"id": "CR-1", "title": "More", "cost": "100 EUR", "delay": "2w", "status": "proposed"}],
    "reviews": {"every": "quarterly", "history": [{"date": "2026-09-15", "attendees": ["ana"]}]},
    "services": {"in_scope": [{"name": "Desk"}], "out_of_scope": [{"name": "Trucks"}]},
    "procedures": [{"name": "Change", "contact": "ana", "response": "5d", "steps": ["Ask"]}],
    "calendars": {
        "office": {
            "timezone": "Europe/Madrid",
            "hours": {"mon-fri": "09:00-17:00"},
            "holidays": ["2026-12-25"],
            "holidays_from": {"country": "ES", "subdivision": "MD"},
        }
    },
    "slas": [
        {
            "id": "SLA-1",
            "name": "Availability",
            "target": ">= 99.9%",
            "penalty": "x",
            "credit": {"tiers": [{"below": 99.9, "percent": 10}], "cap_percent": 50},
            "measurements": [{"period": "2026-10", "value": 99.95}],
        },
        {"id": "SLA-2", "name": "Fixed", "target": ">= 99%", "penalty": "x", "credit": {"amount": "50 EUR"}},
        {"id": "SLA-3", "name": "Percent", "target": ">= 99%", "penalty": "x", "credit": {"percent": 5}},
    ],
    "events": [
        "data/tickets.csv",
        {
            "file": "data/jira.csv",
            "preset": "jira",
            "columns": {"id": "Issue key"},
            "time_format": "%d/%b/%y %I:%M %p",
            "timezone": "Europe/Madrid",
            "delimiter": ";",
            "status_log": {
                "file": "data/jira-status.csv",
                "columns": {"at": "Changed"},
                "time_format": "%Y-%m-%d %H:%M",
                "pause_on": ["Waiting for customer"],
            },
        },
    ],
    "escalation": [{"level": 1, "contact": "ana", "after": "4h"}],
    "continuity": {"rto": "4h", "rpo": "15m", "last_test": "2026-01-10", "test_every": "yearly"},
    "communication": [{"name": "Call", "every": "weekly", "owner": "ana", "participants": ["ana"]}],
    "risks": [{"id": "R-1", "title": "Risk", "owner": "ana"}],
}

# Candidates for the scalar types that carry bounds of their own: (value, accepted).
_DURATION = [("999999m", True), ("1000000m", False), ("999999w", True), ("P999999W", True),
             ("PT999999H", True), ("PT1000000H", False), ("0m", True), ("30m", True)]  # fmt: skip
_CADENCE = [("P9999999D", True), ("P10000000D", False), ("P1D", True), ("P0D", False), ("P0Y0M", False),
            ("P0Y1M", True), ("P1M", True)]  # fmt: skip
_PERIOD = [("9998", True), ("9999", False), ("0001", True), ("0000", False), ("9998-12", True),
           ("9999-01", False), ("0001-01", True), ("0000-12", False), ("2026-Q4", True), ("9999-Q1", False),
           (9998, True), (9999, False), (1000, True), (999, False)]  # fmt: skip
_MONEY = [(0, True), (0.01, True), (-0.01, False), (-1, False), ("0 EUR", True), ("-1 EUR", False),
          ("-0.5", False)]  # fmt: skip
_TARGET = [(">= 999999m", True), ("<= 1000000m", False), ("<= PT999999M", True), ("<= P1000000D", False),
           (">= 99.9%", True), ("< -5", True)]  # fmt: skip
_SCALAR_CANDIDATES: dict[type, list[tuple[Any, bool]]] = {
    Duration: _DURATION,
    Cadence: _CADENCE,
    PeriodLabel: _PERIOD,
    Money: _MONEY,
}


def _models(model: type[BaseModel], seen: dict[type[BaseModel], None] | None = None) -> dict[type[BaseModel], None]:
    seen = {} if seen is None else seen
    if model in seen:
        return seen
    seen[model] = None
    for info in model.model_fields.values():
        for inner in _leaf_types(info.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                _models(inner, seen)
    return seen


def _leaf_types(annotation: Any) -> Iterator[Any]:
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        yield from _leaf_types(args[0])
    elif args:
        for arg in args:
            yield from _leaf_types(arg)
    else:
        yield annotation


def _metadata(info: Any) -> list[Any]:
    found = list(info.metadata)
    for arg in typing.get_args(info.annotation):
        if typing.get_origin(arg) is typing.Annotated:
            found.extend(typing.get_args(arg)[1:])
    if typing.get_origin(info.annotation) is typing.Annotated:
        found.extend(typing.get_args(info.annotation)[1:])
    return found


def _is_integer(info: Any) -> bool:
    return int in set(_leaf_types(info.annotation)) and not _is_bool(info)


def _is_bool(info: Any) -> bool:
    return bool in set(_leaf_types(info.annotation))


def _numeric_candidates(info: Any) -> list[tuple[Any, bool]]:
    """At, inside and just past each numeric bound; integers also as 1.0-style floats and halves."""
    integer = _is_integer(info)
    step: Any = 1 if integer else Decimal("0.001")
    out: list[tuple[Any, bool]] = []
    for meta in _metadata(info):
        if isinstance(meta, annotated_types.Ge):
            bound = meta.ge
            out += [(bound, True), (bound + step, True), (bound - step, False)]
        elif isinstance(meta, annotated_types.Le):
            bound = meta.le
            out += [(bound, True), (bound - step, True), (bound + step, False)]
        elif isinstance(meta, annotated_types.Gt):
            bound = meta.gt
            out += [(bound, False), (bound + step, True)]
        elif isinstance(meta, annotated_types.Lt):
            bound = meta.lt
            out += [(bound, False), (bound - step, True)]
    if integer and out:
        bound = out[0][0]
        out += [(float(bound), True), (bound + 0.5, False)]
    return [(float(v) if isinstance(v, Decimal) else v, ok) for v, ok in out]


def _length_candidates(info: Any) -> list[tuple[Any, bool]]:
    out: list[tuple[Any, bool]] = []
    for meta in _metadata(info):
        if isinstance(meta, annotated_types.MinLen) and meta.min_length == 1:
            out += [("", False), ("x", True)]
        schema = getattr(meta, "json_schema", None)
        if isinstance(schema, dict) and "maxLength" in schema and schema.get("pattern", "").startswith("^[A-Za-z0-9]"):
            limit = schema["maxLength"]
            out += [("a" * limit, True), ("a" * (limit + 1), False), ("a", True)]
    return out


def _candidates(model: type[BaseModel], name: str, info: Any) -> list[tuple[Any, bool]]:
    if (model, name) == (Plan, "asplan"):  # bounded above by the supported format version (ASP003)
        return [(1, True), (1.0, True), (0, False), (2, False), (1.5, False)]
    out = _numeric_candidates(info) + _length_candidates(info)
    leaves = set(_leaf_types(info.annotation))
    for scalar, values in _SCALAR_CANDIDATES.items():
        if scalar in leaves:
            out += values
    if any(getattr(t, "__name__", "") == "Target" for t in leaves):
        out += _TARGET
    if typing.get_origin(info.annotation) is list:
        out = [([value], ok) for value, ok in out]
    return out


def _instances(plan: Plan) -> dict[type[BaseModel], list[DataPath]]:
    """Where the instances of each model sit in the template."""
    found: dict[type[BaseModel], list[DataPath]] = {Plan: [()]}

    def visit(value: Any) -> None:
        if isinstance(value, PlanModel):
            found.setdefault(type(value), []).append(value.path)
            for name in type(value).model_fields:
                visit(getattr(value, name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)

    for name in Plan.model_fields:
        visit(getattr(plan, name))
    return found


def _where(instances: dict[type[BaseModel], list[DataPath]], model: type[BaseModel], key: str) -> DataPath:
    """The first instance that has ``key`` already (a credit's form stays single), else the first."""
    for path in instances[model]:
        target: Any = TEMPLATE
        for part in path:
            target = target[part]
        if key in target:
            return path
    return instances[model][0]


def _cases() -> list[tuple[str, type[BaseModel], str, Any, bool]]:
    cases = []
    for model in _models(Plan):
        for name, info in model.model_fields.items():
            key = info.alias or name
            for value, accepted in _candidates(model, name, info):
                cases.append((f"{model.__name__}.{key}={value!r}", model, key, value, accepted))
    return cases


CASES = _cases()


def _check_accepts(data: dict[str, Any]) -> bool:
    findings = validate_plan(copy.deepcopy(data), Positions(), "plan.yaml").findings
    return not [f for f in findings if f.code in SCHEMA_LEVEL]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = plan_schema()
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def instances() -> dict[type[BaseModel], list[DataPath]]:
    result = validate_plan(copy.deepcopy(TEMPLATE), Positions(), "plan.yaml")
    assert result.findings == [], result.findings
    assert result.plan is not None
    return _instances(result.plan)


def test_template_is_valid_for_both(validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{format_path(tuple(e.absolute_path))}: {e.message}" for e in validator.iter_errors(TEMPLATE)]
    assert errors == []


def test_the_walk_covers_every_bounded_field(instances: dict[type[BaseModel], list[DataPath]]) -> None:
    bounded = {(model.__name__, key) for _, model, key, _, _ in CASES}
    assert {model for _, model, _, _, _ in CASES} <= set(instances), "the template lacks a model"
    for expected in [
        ("Plan", "asplan"),
        ("Contract", "renewal_notice_days"),
        ("Fee", "amount"),
        ("Criterion", "weight"),
        ("Criterion", "score"),
        ("Credit", "percent"),
        ("Credit", "cap_percent"),
        ("Credit", "amount"),
        ("CreditTier", "percent"),
        ("EscalationLevel", "level"),
        ("EscalationLevel", "after"),
        ("ChangeRequest", "cost"),
        ("SlaMeasurement", "period"),
        ("Sla", "target"),
        ("Reviews", "every"),
        ("Account", "id"),
        ("Person", "name"),
    ]:
        assert expected in bounded, expected
    assert len(CASES) > 150


@pytest.mark.parametrize(("case", "model", "key", "value", "accepted"), CASES, ids=[c[0] for c in CASES])
def test_schema_and_check_agree(
    case: str,
    model: type[BaseModel],
    key: str,
    value: Any,
    accepted: bool,
    validator: jsonschema.Draft202012Validator,
    instances: dict[type[BaseModel], list[DataPath]],
) -> None:
    data = copy.deepcopy(TEMPLATE)
    path = _where(instances, model, key)
    target: Any = data
    for part in path:
        target = target[part]
    target[key] = value
    by_check = _check_accepts(data)
    by_schema = not list(validator.iter_errors(data))
    assert (by_check, by_schema) == (accepted, accepted), f"{case}: check {by_check}, schema {by_schema}"
