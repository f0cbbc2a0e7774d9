"""ASP101: required field missing, at the key of the object that lacks it."""

from __future__ import annotations

from helpers import MINIMAL, check_text, lint, messages, plan


def test_missing_account_section() -> None:
    text = "asplan: 1\npeople:\n  - {id: maria, name: María, side: provider}\n"
    findings = check_text(text, select=["ASP101"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP101", 1, 1)]
    assert messages(findings, "ASP101") == [
        "required section 'account' is missing: add account with id, name, tier and manager"
    ]


def test_missing_account_field_points_at_the_account_key() -> None:
    text = MINIMAL.replace("  tier: high\n", "")
    findings = check_text(text, select=["ASP101"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP101", 2, 1, "account")]
    assert messages(findings, "ASP101") == [
        "required field 'tier' (account tier: strategic, high, medium or low) is missing in account:"
        " add it, e.g. tier: strategic"
    ]


def test_missing_field_of_a_list_item_in_block_style() -> None:
    text = plan(
        """\
        people:
          - id: carlos
            side: client
        """
    ).replace("people:\n  - {id: maria, name: María López, side: provider}\n", "")
    # people sits on line 7 once MINIMAL's people entry is gone: 'people' twice would be ASP002.
    assert lint(text, "ASP101") == [("ASP101", 8, 5)]


def test_missing_fields_of_two_list_items_in_flow_style() -> None:
    text = plan(
        """\
        actions:
          - {id: A1}
          - {title: Train}
        """
    )
    assert lint(text, "ASP101") == [("ASP101", 10, 5), ("ASP101", 11, 5)]


def test_complete_objects_have_no_missing_field() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate}
        reviews:
          every: quarterly
        """
    )
    assert lint(text, "ASP101") == []
