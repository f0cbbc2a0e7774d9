"""The client view holds no internal field, whatever template prints it.

The shipped templates hide internal fields for the client; a ``--template-dir``
template does not have to. The view module promises that the client view simply has no
internal value in it, so this test renders through a template that prints every
internal field and asserts each one is empty for the client (and filled for the
internal audience, so the template is shown to reach them).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.render.document import load_plan
from asplan.render.view import build_view

# Every internal field a plan can hold, each with a value that shows where it came from.
PLAN = """\
asplan: 1
account:
  id: acme
  name: ACME
  tier: high
  manager: m
  contract: {fee: {amount: 1000, currency: EUR, per: month}}
handoff: {from: m, to: m, notes: SECRET-handoff}
selection:
  criteria:
    - {name: Revenue, weight: 50, score: 4}
    - {name: Growth, weight: 25, score: 3}
    - {name: Fit, weight: 25, score: 5}
people:
  - {id: m, name: Marta, side: provider, influence: high, stance: champion}
  - {id: c, name: Carlos, side: client, decision_maker: true, reports_to: d, influence: low, stance: detractor}
  - {id: d, name: Dora, side: client, executive: true, influence: medium, stance: supporter}
actions: [{id: A1, title: Migrate, owner: m, due: 2026-12-01, notes: SECRET-action}]
changes: [{id: C1, title: Extra site, notes: SECRET-change, status: approved, cost: "5 EUR"}]
reviews:
  every: quarterly
  history: [{date: 2026-09-01, attendees: [m], summary: Fine, notes: SECRET-review}]
slas:
  - {id: SLA-1, name: Availability, target: ">= 99%", penalty: credit, notes: SECRET-sla, credit: {percent: 5},
     measurements: [{period: "2026-10", value: 98}]}
continuity: {rto: 1h, notes: SECRET-continuity}
risks: [{id: R1, title: SECRET-risk}]
"""

# One line per internal value: "<field path>=<value>"; org trees walked to every depth.
TEMPLATE = """\
selection={{ v.selection }}
selection_score={{ v.selection_score }}
handoff_notes={{ v.handoff_notes }}
handoff={{ v.handoff | map(attribute="value") | join(",") }}
internal_sections={{ v.internal_sections | sort | join(",") }}
risks={{ v.risks | map(attribute="title") | join(",") }}
continuity_notes={{ v.continuity_notes }}
{% for side in ["provider", "client"] -%}
{% for p in v["people_" ~ side] -%}
people_{{ side }}.influence={{ p.influence }}
people_{{ side }}.stance={{ p.stance }}
people_{{ side }}.stance_key={{ p.stance_key }}
{% endfor -%}
{% for node in v["org_" ~ side] recursive -%}
org_{{ side }}.person.influence={{ node.person.influence }}
org_{{ side }}.person.stance={{ node.person.stance }}
org_{{ side }}.person.stance_key={{ node.person.stance_key }}
{{ loop(node.children) }}
{%- endfor -%}
{% endfor -%}
{% for a in v.actions %}actions.notes={{ a.notes }}
{% endfor -%}
{% for c in v.changes %}changes.notes={{ c.notes }}
{% endfor -%}
{% for h in v.review_history %}review_history.notes={{ h.notes }}
{% endfor -%}
{% for s in v.slas %}slas.notes={{ s.notes }}
{% endfor -%}
health={{ v.health.score if v.health else "" }}
health_score={{ v.health_score }}
health_rows={{ v.health_rows | map(attribute="reason") | join(",") }}
"""


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(PLAN, encoding="utf-8")
    (tmp_path / "templates" / "md").mkdir(parents=True)
    (tmp_path / "templates" / "md" / "plan.md.j2").write_text(TEMPLATE, encoding="utf-8")
    return path


def render(plan_file: Path, audience: str) -> list[tuple[str, str]]:
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(plan_file),
            "-f",
            "md",
            "--audience",
            audience,
            "--template-dir",
            str(plan_file.parent / "templates"),
            "--today",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 0, result.output
    pairs = [line.split("=", 1) for line in result.stdout.splitlines() if line.strip()]
    return [(field, value) for field, value in pairs]


def _differing_fields(a: object, b: object, path: tuple[str, ...], out: set[str]) -> None:
    """Paths where two views of the same plan differ (list indexes and org-tree depth left out)."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        for f in dataclasses.fields(a):
            sub = path if f.name == "children" else (*path, f.name)
            _differing_fields(getattr(a, f.name), getattr(b, f.name), sub, out)
    elif isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            _differing_fields(a.get(key), b.get(key), (*path, str(key)), out)
    elif isinstance(a, list | tuple) and isinstance(b, list | tuple) and len(a) == len(b):
        for x, y in zip(a, b, strict=True):
            _differing_fields(x, y, path, out)
    elif a != b:
        out.add(".".join(path))


def test_the_template_prints_every_field_that_differs_between_audiences(plan_file: Path) -> None:
    # If a new internal field is added to the view, this template (and so the next test)
    # must print it too.
    plan = load_plan(plan_file)
    client = build_view(plan, date(2026, 11, 23), audience="client")
    internal = build_view(plan, date(2026, 11, 23), audience="internal")
    differing: set[str] = set()
    _differing_fields(client, internal, (), differing)
    printed = {field for field, _ in render(plan_file, "internal")}
    assert differing - {"audience", "internal"} == printed


def test_every_internal_field_is_empty_for_the_client(plan_file: Path) -> None:
    internal = render(plan_file, "internal")
    # Internally every field has its value: 3 people in both the list and the org tree.
    assert all(value not in ("None", "") for _, value in internal), internal
    assert ("people_client.stance_key", "detractor") in internal
    assert ("org_client.person.stance_key", "supporter") in internal
    assert ("slas.notes", "SECRET-sla") in internal
    assert ("risks", "SECRET-risk") in internal  # risks and the hand-off are internal unless marked client
    assert ("internal_sections", "handoff,selection") in internal
    assert len(internal) == 7 + 3 * 6 + 4 + 3  # + the health score, its text and its rows
    client = render(plan_file, "client")
    assert [field for field, _ in client] == [field for field, _ in internal]
    leaked = [(field, value) for field, value in client if value not in ("None", "")]
    assert leaked == []
