"""ASP103: unknown field, at the key, with "did you mean"; ``x-`` keys are the user's."""

from __future__ import annotations

import pytest

from helpers import check_text, lint, messages, plan


def test_typo_gets_a_did_you_mean() -> None:
    text = plan(
        """\
        actions:
          - id: A1
            title: Migrate
            dew: 2026-10-15
        """
    )
    findings = check_text(text, select=["ASP103"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP103", 12, 5, "actions[0].dew")]
    assert messages(findings, "ASP103") == ["unknown field 'dew': did you mean 'due'?"]


def test_unknown_section_in_flow_and_nested_flow() -> None:
    text = plan(
        """\
        acount: {}
        actions: [{id: A1, title: Migrate, ownr: maria}]
        """
    )
    findings = check_text(text, select=["ASP103"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP103", 9, 1), ("ASP103", 10, 36)]
    assert messages(findings, "ASP103") == [
        "unknown field 'acount': did you mean 'account'?",
        "unknown field 'ownr': did you mean 'owner'?",
    ]


def test_unknown_field_with_nothing_close() -> None:
    findings = check_text(plan("zzz_qq: 1\n"), select=["ASP103"])
    assert messages(findings, "ASP103") == [
        "unknown field 'zzz_qq': remove it, or prefix it with 'x-' to keep your own data"
    ]


def test_x_keys_are_ignored_everywhere() -> None:
    text = plan(
        """\
        x-crm: {id: 42, anything: [goes]}
        actions:
          - id: A1
            title: Migrate
            x-jira: OPS-118
        """
    ).replace("  tier: high\n", "  tier: high\n  x-segment: retail\n")
    assert lint(text, "ASP103", "ASP101", "ASP102") == []


@pytest.mark.usefixtures("yaml_parser")
def test_a_value_cut_at_a_comma_inside_braces_is_one_finding_at_the_value_to_quote() -> None:
    text = plan(
        """\
        services:
          in_scope:
            - {name: 24x7, description: Monitoring, incidents and changes, on call}
        """
    )
    findings = check_text(text, select=["ASP103"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP103", 11, 33, "services.in_scope[0].incidents and changes")
    ]
    assert messages(findings, "ASP103") == [
        "unknown field 'incidents and changes': inside {...} a ', ' ends an unquoted value, so the text of"
        " 'description' was cut there: quote it: description: \"Monitoring, incidents and changes, on call\""
    ]


def test_a_misspelt_field_inside_braces_is_still_a_typo() -> None:
    findings = check_text(plan("actions: [{id: A1, title: Migrate, ownr}]\n"), select=["ASP103"])
    assert messages(findings, "ASP103") == ["unknown field 'ownr': did you mean 'owner'?"]


def test_text_cut_in_a_block_mapping_is_not_taken_for_a_comma_split() -> None:
    # Outside {...} a ', ' does not end a value: an unknown key there is a typo.
    findings = check_text(plan("actions:\n  - id: A1\n    title: Migrate\n    next steps:\n"), select=["ASP103"])
    assert messages(findings, "ASP103") == [
        "unknown field 'next steps': remove it, or prefix it with 'x-' to keep your own data"
    ]
