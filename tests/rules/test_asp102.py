"""ASP102: wrong type or value, at the value, with the expected form."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app
from helpers import MINIMAL, check_text, lint, messages, plan


def test_bad_date_in_flow_style() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate, due: 15/10/2026}
        """
    )
    findings = check_text(text, select=["ASP102"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP102", 10, 35, "actions[0].due")]
    assert messages(findings, "ASP102")[0].startswith("actions[0].due: expected a date YYYY-MM-DD")


def test_bad_values_in_block_style() -> None:
    text = plan(
        """\
        actions:
          - id: A1
            title: Migrate
            status: ongoing
        escalation:
          - level: 1
            contact: maria
            after: soon
        """
    )
    assert lint(text, "ASP102") == [("ASP102", 12, 13), ("ASP102", 16, 12)]


def test_enum_message_lists_the_choices() -> None:
    findings = check_text(MINIMAL.replace("tier: high", "tier: gold"), select=["ASP102"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP102", 5, 9)]
    assert messages(findings, "ASP102") == [
        "account.tier: expected one of strategic, high, medium or low, got 'gold': e.g. tier: strategic"
    ]


def test_version_that_is_not_a_number() -> None:
    assert lint(MINIMAL.replace("asplan: 1", "asplan: one"), "ASP102") == [("ASP102", 1, 9)]


def test_empty_section() -> None:
    # An empty value sits right after the colon.
    assert lint(plan("actions:\n"), "ASP102") == [("ASP102", 9, 9)]


def test_a_list_where_a_mapping_is_expected() -> None:
    assert lint(plan("reviews: [quarterly]\n"), "ASP102") == [("ASP102", 9, 10)]


def test_well_formed_values_pass() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate, due: 2026-10-15, status: in_progress}
        escalation:
          - {level: 1, contact: maria, after: 4h}
        """
    )
    assert lint(text, "ASP102") == []


def test_unknown_time_zones_with_did_you_mean() -> None:
    """A misspelt zone used to fall back to UTC with no finding: every SLA figure moved by hours."""
    text = plan(
        """\
        calendars:
          office: {timezone: EST5, hours: {mon-fri: "09:00-17:00"}}
        """
    ).replace("  tier: high", "  tier: high\n  timezone: America/NewYork")
    findings = check_text(text, select=["ASP102"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP102", 6, 13, "account.timezone"),
        ("ASP102", 11, 22, "calendars.office.timezone"),
    ]
    assert messages(findings, "ASP102") == [
        "account.timezone: expected an IANA time zone like Europe/Madrid, America/New_York or UTC,"
        " got 'America/NewYork': did you mean 'America/New_York'?",
        "calendars.office.timezone: expected an IANA time zone like Europe/Madrid, America/New_York or UTC,"
        " got 'EST5': did you mean 'EST'?",
    ]


def test_known_time_zones_pass() -> None:
    text = MINIMAL.replace("  tier: high", "  tier: high\n  timezone: America/New_York")
    assert lint(text, "ASP102") == []
    assert lint(text.replace("America/New_York", "UTC"), "ASP102") == []


def test_invalid_email() -> None:
    text = MINIMAL.replace("side: provider}", "side: provider, email: maria at example.com}")
    findings = check_text(text, select=["ASP102"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP102", 8, 59, "people[0].email")]
    assert messages(findings, "ASP102") == [
        "people[0].email: expected an e-mail address like maria.lopez@example.com, got 'maria at example.com'"
    ]
    for bad in ("maria@example", "maria@@example.com", "<maria@example.com>", "a@b.com, c@d.com"):
        quoted = MINIMAL.replace("side: provider}", f"side: provider, email: '{bad}'}}")
        assert lint(quoted, "ASP102") == [("ASP102", 8, 59)], bad
    good = MINIMAL.replace("side: provider}", "side: provider, email: maria.lopez+asp@example.co.uk}")
    assert lint(good, "ASP102") == []


def test_a_number_where_an_id_goes_is_quoted_as_written() -> None:
    text = plan(
        """\
        actions:
          - {id: 007, title: Pilot}
          - id: 1.50
            title: Train
          - {id: 42, title: Plain}
        """
    )
    findings = check_text(text, select=["ASP102"])
    assert [(f.line, f.column) for f in findings] == [(10, 10), (11, 9), (13, 10)]
    first, second, third = messages(findings, "ASP102")
    assert first.endswith("got 007 (YAML reads it as the number 7): quote it if it is meant as an id: '007'")
    assert second.endswith("got 1.50 (YAML reads it as the number 1.5): quote it if it is meant as an id: '1.50'")
    # written as YAML reads it: nothing to add
    assert third.endswith("got the number 42: quote it if it is meant as an id: '42'")


def test_a_misspelt_zone_is_refused_by_every_command_not_read_as_utc(tmp_path: Path) -> None:
    """Before, ``America/NewYork`` fell back to UTC with no finding: the ticket below, answered at 09:50
    New York time (14:50 UTC), was timed from 09:00 UTC instead of 09:00 New York and became breached."""
    text = plan(
        """\
        calendars:
          office: {timezone: America/NewYork, hours: {mon-fri: "09:00-17:00"}}
        slas:
          - {id: SLA-1, name: First response, stop: first_response, target: "<= 1h", calendar: office,
             penalty: 10 % a late ticket}
        events: [tickets.csv]
        """
    ).replace("  tier: high\n", "  tier: high\n  timezone: America/New_York\n")
    (tmp_path / "tickets.csv").write_text(
        "id,created,first_response\nT1,2026-10-05T08:00,2026-10-05T09:50\n", encoding="utf-8"
    )
    (tmp_path / "acme.yaml").write_text(text, encoding="utf-8")
    assert lint(text, "ASP102", extra_files={"tickets.csv": "id,created,first_response\n"}) == [("ASP102", 11, 22)]
    for command in (["sla"], ["render", "-o", str(tmp_path / "out")], ["status"]):
        args = [command[0], str(tmp_path / "acme.yaml"), *command[1:], "--today", "2026-11-23"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, (command, result.output)
        assert result.stderr.splitlines() == [
            f"asplan: error: {tmp_path / 'acme.yaml'}:11: calendars.office.timezone: expected an IANA time zone"
            " like Europe/Madrid, America/New_York or UTC, got 'America/NewYork': did you mean 'America/New_York'?;"
            f" fix the plan first: asplan check {tmp_path / 'acme.yaml'} lists every problem"
        ], command
    fixed = tmp_path / "acme.yaml"
    fixed.write_text(text.replace("America/NewYork", "America/New_York"), encoding="utf-8")
    result = CliRunner().invoke(app, ["sla", str(fixed), "--today", "2026-11-23", "--format", "json"])
    assert result.exit_code == 0, result.output
    [event] = json.loads(result.stdout)["slas"][0]["events"]
    assert (event["status"], event["elapsed_minutes"]) == ("met", 50)  # 09:00-09:50 New York
