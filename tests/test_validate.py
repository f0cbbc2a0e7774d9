"""Schema validation in context: one run reports everything, pruning keeps the valid
rest, positions are exact in flow and block style, and suppressions apply."""

from __future__ import annotations

from pathlib import Path

from asplan.checker import Target, check_file
from asplan.config import Config
from asplan.findings import Severity
from asplan.loading import parse_yaml
from asplan.model.validate import validate_plan
from helpers import MINIMAL, TODAY, check_files, check_text, lint, messages, plan, triples


def test_one_run_reports_everything_wrong_in_a_file() -> None:
    text = """\
asplan: 1
account:
  id: acme
  name: ACME Logística
  tier: high
  manager: ghost
people:
  - {id: maria, name: María López, side: provider}
objectives:
  - {id: OBJ-1, title: Fewer incidents}
actions:
  - {id: A1, title: Migrate, owner: maria, due: 2026-02-30}
  - {id: A2, title: Train, owner: nobody, due: 2026-12-01}
"""
    findings = check_text(text, select=["ASP1", "ASP2", "ASP5"])
    assert triples(findings, "ASP102", "ASP201", "ASP501") == [
        ("ASP201", 6, 12),
        ("ASP501", 10, 5),
        ("ASP102", 12, 49),
        ("ASP201", 13, 35),
    ]
    assert messages(findings, "ASP102") == [
        "actions[0].due: expected a date YYYY-MM-DD, got '2026-02-30': day is out of range for month:"
        " e.g. due: 2026-10-15"
    ]


def test_a_bad_field_costs_only_that_field() -> None:
    # actions[0] keeps its owner although its due date is invalid.
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate, owner: nobody, due: tomorrow}
        """
    )
    assert lint(text, "ASP102", "ASP201") == [("ASP201", 10, 37), ("ASP102", 10, 50)]


def test_a_bad_item_does_not_cost_its_siblings() -> None:
    text = plan(
        """\
        actions:
          - {id: "bad id!", title: Migrate}
          - {id: A2, title: Train, objective: OBJ-9}
          - {id: A2, title: Again}
        """
    )
    assert lint(text, "ASP102", "ASP202", "ASP203") == [("ASP102", 10, 10), ("ASP202", 11, 39), ("ASP203", 12, 10)]


def test_broken_account_keeps_its_valid_fields() -> None:
    # tier is invalid, but the manager reference and the file name are still checked.
    text = MINIMAL.replace("tier: high", "tier: gold").replace("manager: maria", "manager: ghost")
    assert lint(text, "ASP102", "ASP201", "ASP205", filename="other.yaml") == [
        ("ASP205", 3, 7),
        ("ASP102", 5, 9),
        ("ASP201", 6, 12),
    ]


def test_errors_in_several_sections_are_all_reported() -> None:
    text = plan(
        """\
        reviews: {every: sometimes}
        continuity: {rto: fast, test_every: yearly}
        escalation:
          - {level: 0, contact: maria, after: 4h}
        """
    )
    assert lint(text, "ASP1") == [("ASP102", 9, 18), ("ASP102", 10, 19), ("ASP102", 12, 13)]


def test_schema_findings_are_errors_with_paths() -> None:
    findings = check_text(plan("actions: [{id: A1, title: T, due: 2026-1-1}]\n"), select=["ASP102"])
    assert [(f.severity, f.path) for f in findings] == [(Severity.ERROR, "actions[0].due")]


def test_validate_plan_on_its_own() -> None:
    document = parse_yaml(MINIMAL + "actions: [{id: A1, title: Migrate, due: 2026-12-01, dew: 1}]\n")
    result = validate_plan(document.data, document.positions, "acme.yaml")
    assert result.plan is not None
    assert result.plan.account is not None
    assert result.plan.account.id == "acme"
    assert result.plan.actions[0].due is not None
    assert result.plan.actions[0].due.isoformat() == "2026-12-01"
    assert result.plan.actions[0].path == ("actions", 0)
    assert [(f.code, f.line, f.column, f.message) for f in result.findings] == [
        ("ASP103", 9, 53, "unknown field 'dew': did you mean 'due'?")
    ]


def test_format_version_2_stops_validation() -> None:
    document = parse_yaml(MINIMAL.replace("asplan: 1", "asplan: 2") + "zzz: 1\n")
    result = validate_plan(document.data, document.positions, "acme.yaml")
    assert result.plan is None
    assert [(f.code, f.line, f.column) for f in result.findings] == [("ASP003", 1, 9)]


def test_format_version_true_is_not_a_number() -> None:
    assert lint(MINIMAL.replace("asplan: 1", "asplan: true"), "ASP102", "ASP003") == [("ASP102", 1, 9)]


def test_x_keys_at_every_level_are_ignored() -> None:
    text = plan(
        """\
        x-owner-team: logistics
        objectives:
          - id: OBJ-1
            title: Fewer incidents
            x-source: {crm: 42}
            kpis:
              - {id: K1, name: On time, x-formula: "a / b"}
        """
    )
    assert lint(text, "ASP1") == []


def test_x_prefix_is_case_sensitive() -> None:
    assert lint(plan("X-owner: me\n"), "ASP103") == [("ASP103", 9, 1)]


# --------------------------------------------------------------------------- suppression


def test_suppression_of_one_code_on_the_line() -> None:
    text = MINIMAL.replace("manager: maria", "manager: ghost  # asplan: ignore[ASP201]")
    assert lint(text, "ASP201") == []


def test_suppression_of_another_code_keeps_the_finding() -> None:
    text = MINIMAL.replace("manager: maria", "manager: ghost  # asplan: ignore[ASP302]")
    assert lint(text, "ASP201") == [("ASP201", 6, 12)]


def test_bare_suppression_silences_every_code_on_its_line_only() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: TODO, owner: ghost, dew: 1}  # asplan: ignore
          - {id: A2, title: TODO, owner: ghost}
        """
    )
    assert lint(text, "ASP103", "ASP201", "ASP509") == [("ASP509", 11, 21), ("ASP201", 11, 34)]


def test_suppression_applies_to_load_findings_too() -> None:
    text = MINIMAL + "asplan: 1  # asplan: ignore[ASP002]\n"
    assert lint(text, "ASP002") == []


def test_suppression_through_check_file(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(MINIMAL.replace("manager: maria", "manager: ghost  # asplan: ignore[asp201]"), encoding="utf-8")
    result = check_file(Target(str(path), explicit=True), Config(select=["ASP201"]), TODAY)
    assert result.findings == []
    path.write_text(MINIMAL.replace("manager: maria", "manager: ghost"), encoding="utf-8")
    result = check_file(Target(str(path), explicit=True), Config(select=["ASP201"]), TODAY)
    assert [(f.code, f.line, f.column) for f in result.findings] == [("ASP201", 6, 12)]


# ----------------------------------------------------------------------- clean plans


def test_the_examples_have_no_errors() -> None:
    root = Path(__file__).parent.parent / "examples"
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(root.glob("*.yaml"))}
    files["data/acme-logistica/tickets.csv"] = (root / "data/acme-logistica/tickets.csv").read_text(encoding="utf-8")
    findings = check_files(files, select=["ASP0", "ASP1", "ASP2"])
    assert findings == []


def test_a_complete_plan_draws_no_finding_at_all() -> None:
    text = """\
asplan: 1
account: {id: acme, name: ACME Logística, tier: high, manager: maria}
people:
  - {id: maria, name: María López, side: provider}
  - {id: ana, name: Ana Ruiz, side: provider, executive: true}
  - {id: carlos, name: Carlos Gómez, side: client, decision_maker: true}
selection:
  criteria:
    - {name: Revenue potential, weight: 50, score: 5}
    - {name: Strategic fit, weight: 30, score: 4}
    - {name: Relationship, weight: 20, score: 3}
objectives:
  - id: OBJ-1
    title: Fewer delivery incidents
    owner: carlos
    kpis: [{id: K1, name: On-time deliveries, baseline: 82, target: 95}]
actions:
  - {id: A1, title: Integrate carrier API, owner: maria, due: 2026-12-15, objective: OBJ-1}
services:
  in_scope: [{name: Route planning}]
escalation:
  - {level: 1, contact: maria, after: 4h}
  - {level: 2, contact: ana, after: 1d}
"""
    assert check_text(text) == []
    assert check_files({"acme.yaml": text}) == []


# ------------------------------------------------------------------ broken singletons


def test_reviews_without_every_is_reported_and_crashes_nothing() -> None:
    # Found by fuzzing: a salvaged `reviews` with `every: None` crashed the review rules.
    text = plan(
        """\
        reviews:
          evry: quarterly
          history:
            - {date: 2026-09-15, attendees: [maria]}
        actions:
          - {id: A1, title: Migrate, owner: ghost}
        """
    )
    findings = check_text(text)
    # `evry` is one mistake: the unknown field says what was meant, the missing `every` is not repeated
    assert triples(findings, "ASP101", "ASP103", "ASP201") == [("ASP103", 10, 3), ("ASP201", 14, 37)]
    assert messages(findings, "ASP103") == ["unknown field 'evry': did you mean 'every'?"]
    assert messages(check_text(plan("reviews:\n  next: 2026-12-10\n")), "ASP101") == [
        "required field 'every' (review cadence) is missing in reviews: add it, e.g. every: weekly"
    ]


def test_broken_optional_field_of_a_singleton_falls_back_to_its_default() -> None:
    document = parse_yaml(MINIMAL.replace("tier: high", "tier: gold\n  language: fr\n  timezone: 5"))
    result = validate_plan(document.data, document.positions, "acme.yaml")
    assert result.plan is not None
    account = result.plan.account
    assert account is not None
    assert (account.id, account.manager, account.tier, account.language.value, account.timezone) == (
        "acme",
        "maria",
        None,
        "en",
        "UTC",
    )
    assert [(f.code, f.line, f.column) for f in result.findings] == [
        ("ASP102", 5, 9),
        ("ASP102", 6, 13),
        ("ASP102", 7, 13),
    ]


def test_broken_reviews_section_is_dropped_from_the_plan() -> None:
    document = parse_yaml(plan("reviews: {every: sometimes, next: 2026-12-01}\n"))
    result = validate_plan(document.data, document.positions, "acme.yaml")
    assert result.plan is not None
    assert result.plan.reviews is None
    assert [(f.code, f.line, f.column) for f in result.findings] == [("ASP102", 9, 18)]
