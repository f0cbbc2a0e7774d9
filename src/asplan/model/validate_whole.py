"""A valid plan validated in one call: the usual case, made cheap.

:mod:`asplan.model.validate` validates a plan section by section, pruning what fails,
so that one bad value never hides the findings of the rest. That costs, for every
plan: each mapping copied to mark it with its data path, and a validator call and
some Python per section. A plan with nothing wrong needs neither: here the whole plan
goes through :class:`Plan`'s own validator, reading each mapping's path from the
table the parser built (:attr:`asplan.loading.Document.mapping_paths`), and nothing is
copied. The sections it yields are assembled exactly as the section path assembles
them.

It must give exactly what the section path gives, so it is only tried where it can,
and it gives up (``None``, and the caller validates section by section) on anything
the section path would report or treat its own way: a missing or empty section, an
unknown key anywhere, any validation error. ``tests/test_validate_whole.py`` checks
both paths agree on the examples, the fixtures and generated plans.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from asplan.model.base import MAPPING_PATHS, UnknownKey
from asplan.model.plan import Plan
from asplan.yaml_document import DataPath


@cache
def _plan_adapter() -> TypeAdapter[Plan]:
    return TypeAdapter(Plan)


def whole_plan_sections(data: dict[Any, Any], mapping_paths: dict[int, DataPath]) -> dict[str, Any] | None:
    """Field name -> validated value of each section ``data`` holds; ``None`` when the plan needs the section path."""
    if "account" not in data:
        return None
    for key, value in data.items():
        if value is None and not (isinstance(key, str) and key.startswith("x-")):
            return None  # an empty section: the section path says so (ASP102)
    unknown: list[UnknownKey] = []
    # A copy: carry_path adds the ids of mappings made during validation, gone afterwards.
    context = {"unknown": unknown, MAPPING_PATHS: dict(mapping_paths)}
    try:
        plan = _plan_adapter().validate_python(data, context=context)
    except ValidationError:
        return None
    if unknown:
        return None
    values = plan.__dict__
    return {
        name: values[name]
        for name, info in Plan.model_fields.items()
        if name != "asplan" and (info.alias or name) in data
    }
