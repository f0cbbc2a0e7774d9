"""``asplan schema`` and the generated JSON Schema: it accepts exactly what ``check`` accepts.

Both directions are tested on the same files: the examples and the valid fixtures
pass both the schema (with the ``jsonschema`` library, formats asserted) and check's
schema-level rules (ASP003, ASP101-ASP103); every broken fixture is rejected by both,
check with the code its first line names, the schema at the same place or above it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from asplan.checker import check_targets
from asplan.config import Config
from asplan.findings import format_path
from asplan.loading import parse_yaml, read_text
from asplan.model.plan import Plan
from asplan.plan_source import discover
from asplan.scaffold import NewPlan, plan_text
from asplan.schema import DATE_PATTERN, SCHEMA_ID, plan_schema, schema_json
from helpers import TODAY, check_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "schema"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PRESET_EXAMPLES = sorted((ROOT / "examples" / "presets").glob("*.yaml"))
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
SCHEMA_LEVEL = {"ASP003", "ASP101", "ASP102", "ASP103"}

@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = plan_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _data(path: Path) -> Any:
    return parse_yaml(read_text(str(path)), str(path)).data


def _schema_level(text: str) -> list[tuple[str, str]]:
    findings = check_files({"plan.yaml": text})
    return [(f.code, f.path) for f in findings if f.code in SCHEMA_LEVEL]


def test_header_names_dialect_and_id() -> None:
    schema = plan_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID == "urn:asplan:schema:plan:v1"
    assert schema["title"] == "Account Service Plan"
    assert list(schema)[:4] == ["$schema", "$id", "title", "description"]
    assert schema["required"] == ["asplan", "account"]


def test_every_section_is_described_and_objects_are_closed() -> None:
    schema = plan_schema()
    fields = {(info.alias or name) for name, info in Plan.model_fields.items()}
    assert set(schema["properties"]) == fields
    assert all(prop.get("description") for prop in schema["properties"].values())
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    assert len(objects) == 35  # the plan and its 34 models
    for node in objects:
        assert node["additionalProperties"] is False
        assert node["patternProperties"] == {"^x-": {}}


def test_account_is_a_required_object_and_sections_are_never_null() -> None:
    props = plan_schema()["properties"]
    assert props["account"]["$ref"] == "#/$defs/Account"
    assert "anyOf" not in props["account"]
    assert props["continuity"]["$ref"] == "#/$defs/Continuity"
    assert props["asplan"]["maximum"] == 1


def test_dates_are_strings_with_format_and_pattern() -> None:
    since = plan_schema()["$defs"]["Account"]["properties"]["since"]["anyOf"][0]
    assert since == {"format": "date", "type": "string", "pattern": DATE_PATTERN, "examples": ["2026-11-23"]}


def test_scalar_patterns_come_from_the_model() -> None:
    defs = plan_schema()["$defs"]
    assert defs["Account"]["properties"]["id"]["pattern"] == "^[A-Za-z0-9][A-Za-z0-9._-]*$"
    target = defs["Sla"]["properties"]["target"]
    assert target["type"] == "string"
    assert re.search(target["pattern"], ">= 99.9%") and not re.search(target["pattern"], "99.9")


@pytest.mark.parametrize("path", [*EXAMPLES, *VALID], ids=lambda p: p.name)
def test_accepted_by_schema_and_by_check(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{format_path(tuple(e.absolute_path))}: {e.message}" for e in validator.iter_errors(_data(path))]
    assert errors == []
    assert _schema_level(path.read_text(encoding="utf-8")) == []


def test_examples_draw_no_error_at_all() -> None:
    assert len(EXAMPLES) == 3 and len(PRESET_EXAMPLES) == 4  # and one plan per helpdesk preset
    report = check_targets(discover([str(ROOT / "examples")]), Config(), TODAY)
    assert len(report.files) == 7
    assert [f for f in report.findings if f.severity.value == "error"] == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_rejected_by_schema_and_by_check(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    text = path.read_text(encoding="utf-8")
    expected = re.match(r"# expect: (ASP\d{3})\n", text)
    assert expected, "the fixture's first line names the expected code"
    found = _schema_level(text)
    assert {code for code, _ in found} == {expected[1]}
    errors = list(validator.iter_errors(_data(path)))
    assert errors, "the schema accepts what check rejects"
    # Both point at the same place, or one at an object holding the other's place.
    schema_paths = {format_path(tuple(e.absolute_path)) for e in errors}
    for _, where in found:
        assert any(_nested(where, p) or _nested(p, where) for p in schema_paths), (where, schema_paths)


def _nested(inner: str, outer: str) -> bool:
    return inner == outer or outer == "" or inner.startswith((outer + ".", outer + "["))


def test_fixture_counts() -> None:
    assert len(INVALID) == 34
    assert len(VALID) == 1


@pytest.mark.parametrize("lang", ["es", "en"])
def test_scaffolded_plans_are_valid(lang: str, validator: jsonschema.Draft202012Validator, tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    text = plan_text(NewPlan("acme", "ACME: Logística #1", "strategic", "María López", lang))  # type: ignore[arg-type]
    path.write_text(text, encoding="utf-8")
    assert list(validator.iter_errors(_data(path))) == []


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_patterns_are_ecmascript_regular_expressions() -> None:
    """JSON Schema patterns are ECMA-262 (unicode mode), not Python's ``re``.

    check-jsonschema and editors compile them so; an escape Python tolerates (``\\"``)
    made check-jsonschema refuse the whole schema. ``regress`` is the engine it uses.
    """
    import regress

    patterns = _patterns(plan_schema())
    assert len(patterns) > 10
    for pattern in patterns:
        regress.Regex(pattern, "u")  # raises on what an ECMAScript engine refuses


def test_check_jsonschema_accepts_the_schema_and_the_examples(tmp_path: Path) -> None:
    """The peer users run in CI takes the published schema and the examples as they are."""
    import subprocess
    import sys

    schema = tmp_path / "asplan.schema.json"
    schema.write_text(schema_json(), encoding="utf-8")
    peer = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run(
        [str(peer), "--schemafile", str(schema), *map(str, EXAMPLES)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout
