"""The rule registry: every rule, by code, listed explicitly (no magic discovery).

Adding a rule is adding its module and one line here; its docstring is its
documentation (``asplan rules CODE``, and ``docs/rules.md`` generated from
this registry). Importing it imports every rule module, and with them the models;
a cross-plan rule is also listed in :mod:`asplan.rules.portfolio`, which a warm
``check`` imports instead.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from asplan.rules.base import Rule, Scope

# The registry, in code order: one line per rule module.
_MODULE_NAMES: tuple[str, ...] = (
    "asp001_syntax",
    "asp002_duplicate_key",
    "asp003_not_a_plan",
    "asp004_refused_input",
    "asp005_hidden_unicode",
    "asp101_missing_field",
    "asp102_wrong_value",
    "asp103_unknown_field",
    "asp201_unknown_person",
    "asp202_unknown_reference",
    "asp203_duplicate_id",
    "asp204_account_id_taken",
    "asp205_file_name",
    "asp206_event_file",
    "asp207_sla_kind",
    "asp208_measurement_period",
    "asp209_credit_ceiling",
    "asp210_credit_currency",
    "asp211_reporting_cycle",
    "asp212_escalation_levels",
    "asp213_kpi_percent",
    "asp214_action_done_date",
    "asp301_review_overdue",
    "asp302_action_overdue",
    "asp303_milestone_overdue",
    "asp304_touchpoint_overdue",
    "asp305_continuity_test_overdue",
    "asp306_contract_renewal",
    "asp307_kpi_measurement_overdue",
    "asp308_dates_out_of_order",
    "asp309_review_due_soon",
    "asp401_sla_breached",
    "asp402_sla_no_data",
    "asp403_sla_without_penalty",
    "asp404_sla_at_risk",
    "asp405_duplicate_event_id",
    "asp406_where_matches_nothing",
    "asp407_pause_column",
    "asp408_naive_event_times",
    "asp409_time_format",
    "asp501_objective_without_kpi",
    "asp502_escalation",
    "asp503_selection_criteria",
    "asp504_both_sides",
    "asp505_decision_maker",
    "asp506_change_impact",
    "asp507_empty_scope",
    "asp508_kpi_target",
    "asp509_placeholder",
    "asp510_escalation_after_targets",
)
_MODULES: tuple[ModuleType, ...] = tuple(importlib.import_module(f"asplan.rules.{name}") for name in _MODULE_NAMES)

RULES: dict[str, Rule] = {rule.code: rule for rule in map(Rule.from_module, _MODULES)}


def plan_rules() -> list[Rule]:
    """Rules that ``check`` runs on one plan at a time, in code order (after the validation rules)."""
    return [rule for rule in RULES.values() if rule.scope is Scope.PLAN and rule.check is not None]


def validation_rules() -> list[Rule]:
    """Rules every command runs when it reads a plan (:mod:`asplan.plan_source`), in code order."""
    return [rule for rule in RULES.values() if rule.scope is Scope.VALIDATE and rule.check is not None]


def known_codes() -> set[str]:
    return set(RULES)
