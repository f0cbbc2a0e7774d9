"""The view model is composed, not filled: one frozen view per section group.

``PlanView`` is the section views of :mod:`asplan.render.views` side by side; a
template reads each field under one name (``v.slas``). These tests hold that shape: a
built view cannot be changed afterwards, no two section views claim the same field
(one would silently shadow the other), and each section builder's view is exactly
what the composed view shows.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from asplan.render.document import load_plan
from asplan.render.i18n import locale
from asplan.render.sources import due_items, sla_rows
from asplan.render.view import DocumentView, PlanView, build_view
from asplan.render.views.context import ViewContext
from asplan.render.views.people import PeopleView, people_view
from asplan.render.views.service import risks_view
from asplan.render.views.slas import SlasView, slas_view

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2026, 11, 23)


def _section_views() -> list[type]:
    return [base for base in PlanView.__bases__ if dataclasses.is_dataclass(base)]


def test_every_section_view_is_a_frozen_dataclass_with_its_own_fields() -> None:
    sections = _section_views()
    assert DocumentView in sections and PeopleView in sections and SlasView in sections
    owners: dict[str, str] = {}
    for section in sections:
        assert section.__dataclass_params__.frozen, section.__name__  # type: ignore[attr-defined]
        for field in dataclasses.fields(section):
            assert field.name not in owners, f"{field.name} in {owners.get(field.name)} and {section.__name__}"
            owners[field.name] = section.__name__
    assert set(owners) == {f.name for f in dataclasses.fields(PlanView)}
    assert owners["people_client"] == "PeopleView" and owners["sla_credits"] == "SlasView"


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_a_built_view_cannot_be_changed(audience: str) -> None:
    path = EXAMPLES / "acme-logistica.yaml"
    view = build_view(load_plan(path), TODAY, audience=audience, source=path)  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.risks = ()  # type: ignore[misc]
    assert isinstance(view.slas, tuple) and isinstance(view.people_client, tuple)
    assert view.slas and view.people_client  # the example has both: the checks above are not vacuous


@pytest.mark.parametrize("audience", ["client", "internal"])
def test_each_section_builder_gives_what_the_document_shows(audience: str) -> None:
    path = EXAMPLES / "acme-logistica.yaml"
    plan = load_plan(path)
    view = build_view(plan, TODAY, audience=audience, source=path)  # type: ignore[arg-type]
    assert plan.account is not None
    ctx = ViewContext(plan, TODAY, audience, locale(plan.account.language.value, plan.account.locale), 14)  # type: ignore[arg-type]
    people = people_view(plan, ctx)
    slas = slas_view(plan, ctx, sla_rows(plan, TODAY, path))
    risks = risks_view(plan, ctx)
    for section in (people, slas, risks):
        for field in dataclasses.fields(section):
            assert getattr(view, field.name) == getattr(section, field.name), field.name
    assert len(view.risks) == len(risks.risks) > 0
    assert due_items(plan, TODAY, path) == list(view.due)
