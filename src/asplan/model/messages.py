"""Schema errors in words: what a field expects, and an example to copy (ASP101, ASP102).

pydantic's messages are written for programmers: "Input should be a valid
dictionary or instance of Person", "String should match pattern '^[A-Z]{3}$'",
"got None". A plan is written by an account manager. Every ASP1xx message says
which field, the expected form in words, and an example written as it would be in
the plan (``currency: EUR``), in one shape: ``expected FORM, got WHAT: e.g. KEY: VALUE``.

The words come from the models (field descriptions, enum members, the fields a
mapping requires) and from the tables below; a regular expression never reaches the
user. ``tests/test_message_catalogue.py`` holds the mistakes this is measured on.
"""

from __future__ import annotations

import difflib
import json
import types
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from asplan.loading import DataPath

# Every ``pattern=`` of the models, in words, with an example (a test checks none is missing).
PATTERN_WORDS: dict[str, tuple[str, str]] = {
    r"^[A-Z]{3}$": ("a three-letter ISO 4217 currency code in capitals", "EUR"),
    r"^[A-Z]{2}$": ("a two-letter ISO 3166 country code in capitals", "ES"),
    r"^(https?://|mailto:)": ("a link starting with https://, http:// or mailto:", "https://www.example.com/report"),
}

# Examples for required fields whose model gives none (their type's examples are too generic).
FIELD_EXAMPLES: dict[tuple[str, str], Any] = {
    ("Account", "id"): "acme-logistica",
    ("Account", "manager"): "maria.lopez",
    ("Person", "id"): "maria.lopez",
    ("Person", "name"): "María López",
    ("Objective", "id"): "OBJ-1",
    ("Objective", "title"): "Fewer incidents in the warehouses",
    ("Kpi", "id"): "KPI-1",
    ("Kpi", "name"): "On-time deliveries",
    ("Milestone", "title"): "Pilot in Coslada",
    ("Solution", "id"): "SOL-1",
    ("Solution", "title"): "Managed Wi-Fi",
    ("Action", "id"): "ACT-1",
    ("Action", "title"): "Migrate the backup server",
    ("ChangeRequest", "id"): "CR-1",
    ("ChangeRequest", "title"): "Add the Lisbon site",
    ("Risk", "id"): "RSK-1",
    ("Risk", "title"): "Key supplier insolvency",
    ("Sla", "id"): "SLA-1",
    ("Sla", "name"): "Availability",
    ("EscalationLevel", "contact"): "maria.lopez",
    ("EscalationLevel", "level"): 1,
    ("AnalystReport", "title"): "Logistics trends 2026",
    ("Criterion", "name"): "Revenue potential",
    ("Criterion", "weight"): 30,
    ("Criterion", "score"): 4,
    ("CreditTier", "percent"): 5,
    ("Measurement", "value"): 92.5,
    ("SlaMeasurement", "value"): 99.95,
    ("ScopeItem", "name"): "Service desk",
    ("OutOfScopeItem", "name"): "Medical devices",
    ("Procedure", "name"): "Major incident",
    ("Touchpoint", "name"): "Weekly service call",
}

_KIND_WORDS: dict[str, str] = {
    "string_type": "text",
    "string_too_short": "text (not empty)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "decimal_type": "a number",
    "decimal_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (one '- item' per line, or [a, b] on one line)",
    "dict_type": "a mapping ('key: value' lines, or {key: value} on one line)",
    "date_type": "a date YYYY-MM-DD",
    "date_parsing": "a date YYYY-MM-DD",
}
_TYPE_EXAMPLES: dict[type, Any] = {str: "text", int: 1, float: 2.5, Decimal: 2.5, bool: True}


def _unwrap(annotation: Any) -> Any:
    """``X | None`` -> ``X``; ``Annotated[X, ...]`` -> ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def field_at(path: DataPath) -> tuple[type[BaseModel] | None, FieldInfo | None, Any]:
    """The model, field and annotation a data path leads to (``None``s when it leaves the models).

    For a list item (``objectives[0]``) the annotation is the item's type and the field
    is the list's.
    """
    from asplan.model.plan import Plan

    owner: type[BaseModel] | None = None
    info: FieldInfo | None = None
    annotation: Any = Plan
    for part in path:
        annotation = _unwrap(annotation)
        origin = get_origin(annotation)
        if origin is list and isinstance(part, int):
            annotation = get_args(annotation)[0]
        elif origin is dict and isinstance(part, str):
            annotation = get_args(annotation)[1]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
            found = next(
                ((name, fi) for name, fi in annotation.model_fields.items() if (fi.alias or name) == part), None
            )
            if found is None:
                return None, None, None
            owner, info, annotation = annotation, found[1], found[1].annotation
        else:
            return None, None, None
    return owner, info, annotation


def yaml_value(value: Any) -> str:
    """A value as it is written in a plan: plain when YAML reads it back unchanged, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if isinstance(value, str) and not _reads_back(text):
        return json.dumps(text, ensure_ascii=False)
    return text


def _reads_back(text: str) -> bool:
    """True when ``key: TEXT`` reads back as this very string, on its own line and inside {...}."""
    from asplan.loading import LoadError, parse_yaml

    if not text or text != text.strip():
        return False
    try:
        return all(
            parse_yaml(source).data == {"k": text} for source in (f"k: {text}\n", "{k: " + text + "}\n")
        )
    except LoadError:
        return False


def example_of(owner: type[BaseModel] | None, key: str | int | None, info: FieldInfo | None, annotation: Any) -> Any:
    """A value for the field, as a person would write it (None when nothing sensible is known)."""
    if owner is not None and isinstance(key, str) and (owner.__name__, key) in FIELD_EXAMPLES:
        return FIELD_EXAMPLES[(owner.__name__, key)]
    if info is not None and info.examples:
        return info.examples[0]
    base = _unwrap(annotation)
    if isinstance(base, type) and issubclass(base, Enum):
        return next(iter(base)).value
    schema = getattr(base, "_JSON_SCHEMA", None)
    if isinstance(schema, dict) and schema.get("examples"):
        return schema["examples"][0]
    for metadata in get_args(annotation) if get_origin(annotation) is Annotated else ():
        extra = getattr(metadata, "json_schema", None)
        if isinstance(extra, dict) and extra.get("examples"):
            return extra["examples"][0]
    if info is not None and info.default not in (None, PydanticUndefined) and not callable(info.default):
        default = info.default
        return default.value if isinstance(default, Enum) else default
    if isinstance(base, type) and issubclass(base, BaseModel):
        return model_skeleton(base) or None
    if get_origin(base) is dict and owner is not None and (owner.__name__, key) == ("Plan", "calendars"):
        return {"office": example_of(None, None, None, get_args(base)[1])}
    if get_origin(base) is list:
        item = get_args(base)[0]
        value = example_of(None, None, None, item)
        return [value] if value is not None else None
    if base is date:
        return date(2026, 10, 15)
    if isinstance(base, type):
        return _TYPE_EXAMPLES.get(base)
    return None


def model_skeleton(model: type[BaseModel]) -> dict[str, Any]:
    """The required fields of a mapping, each with an example value."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.is_required():
            key = info.alias or name
            value = example_of(model, key, info, info.annotation)
            nested = isinstance(value, (dict, list)) and not info.examples  # a field's own example is short
            out[key] = "..." if value is None or nested else value
    return out


def _example_text(path: DataPath, owner: type[BaseModel] | None, info: FieldInfo | None, annotation: Any) -> str:
    key = path[-1] if path else None
    value = example_of(owner if isinstance(key, str) else None, key, info, annotation)
    if value is None:
        return ""
    if isinstance(key, int):
        return f"e.g. - {yaml_value(value)}"
    return f"e.g. {key}: {yaml_value(value)}" if key is not None else ""


def describe_input(value: Any) -> str:
    """The value the user wrote, named as they would recognise it."""
    from asplan.model.scalars import describe_value

    return describe_value(value)


def _mapping_words(model: type[BaseModel]) -> str:
    required = [info.alias or name for name, info in model.model_fields.items() if info.is_required()]
    fields = ", ".join(required[:-1]) + f" and {required[-1]}" if len(required) > 1 else "".join(required)
    with_fields = f" with {fields}" if fields else ""
    return f"a mapping{with_fields} ('key: value' lines, or {{key: value}} on one line)"


def expected_words(error: dict[str, Any], annotation: Any, info: FieldInfo | None) -> str | None:
    """The expected form in words for a pydantic error, or None when its own message is already ours."""
    kind = str(error.get("type", ""))
    base = _unwrap(annotation)
    if kind in ("enum", "literal_error"):
        if isinstance(base, type) and issubclass(base, Enum):
            choices = [str(member.value) for member in base]
        else:
            choices = [str(a) for a in get_args(base)] or [str(error.get("ctx", {}).get("expected", ""))]
        return "one of " + ", ".join(choices[:-1]) + f" or {choices[-1]}" if len(choices) > 1 else choices[0]
    if kind in ("model_type", "model_attributes_type") or (
        kind == "dict_type" and isinstance(base, type) and issubclass(base, BaseModel)
    ):
        if isinstance(base, type) and issubclass(base, BaseModel):
            return _mapping_words(base)
        return _KIND_WORDS["dict_type"]
    if kind == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        words = PATTERN_WORDS.get(pattern)
        return words[0] if words else "text in the documented form"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        ctx = error.get("ctx", {})
        bound = next(iter(ctx.values()), "?")
        relation = {
            "greater_than_equal": f"{bound} or more",
            "greater_than": f"more than {bound}",
            "less_than_equal": f"{bound} or less",
            "less_than": f"less than {bound}",
        }[kind]
        return f"a number of {relation}"
    return _KIND_WORDS.get(kind)


def value_message(error: dict[str, Any], path: DataPath) -> str:
    """The part of an ASP102 message after ``path: ``."""
    msg = str(error.get("msg", "invalid value"))
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    owner, info, annotation = field_at(path)
    words = expected_words(error, annotation, info)
    got = error.get("input")
    if words is None:
        message = msg  # a validator of ours: already "expected ..., got ..."
        base = _unwrap(annotation)
        if isinstance(base, type) and issubclass(base, BaseModel):
            return message  # a rule across fields of a mapping: a skeleton of the mapping would not show it
    else:
        message = f"expected {words}, got {describe_input(got)}"
        if got is None:
            message = f"expected {words}, got nothing (the value is empty)"
        if str(error.get("type")) in ("enum", "literal_error") and isinstance(got, str):
            base = _unwrap(annotation)
            if isinstance(base, type) and issubclass(base, Enum):
                close = difflib.get_close_matches(got, [str(m.value) for m in base], n=1, cutoff=0.6)
                if close:
                    message += f": did you mean '{close[0]}'?"
                    return message
    if any(fix in message for fix in ("e.g.", " like ", "such as", "quote it", "did you mean")):
        return message  # it already shows what to write
    if words is not None and str(error.get("type")) == "string_pattern_mismatch":
        pattern = str(error.get("ctx", {}).get("pattern", ""))
        if pattern in PATTERN_WORDS and path:
            return f"{message}: e.g. {path[-1]}: {yaml_value(PATTERN_WORDS[pattern][1])}"
    example = _example_text(path, owner, info, annotation)
    return f"{message}: {example}" if example else message


def empty_section_message(key: str) -> str:
    """A top-level section written with nothing under it (``people:`` and no entries)."""
    owner, info, annotation = field_at((key,))
    example = _example_text((key,), owner, info, annotation)
    return f"section '{key}' is empty: remove it or fill it in" + (f", {example}" if example else "")


def missing_message(path: DataPath, missing: str | int) -> str:
    """ASP101: the missing field, what it is, and an example line to add."""
    where = _where(path)
    owner, info, annotation = field_at((*path, missing))
    what = ""
    if info is not None and info.description:
        text = info.description.rstrip(".").replace("`", "")
        if text[:1].isupper() and not text[1:2].isupper():
            text = text[0].lower() + text[1:]
        what = f" ({text})"
    example = _example_text((*path, missing), owner, info, annotation)
    hint = f": add it, {example}" if example else ": add it"
    return f"required field '{missing}'{what} is missing in {where}{hint}"


def _where(path: DataPath) -> str:
    from asplan.findings import format_path

    return format_path(path) or "the plan"
