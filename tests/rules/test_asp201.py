"""ASP201: reference to an unknown person (with a hint), or a person on the wrong side."""

from __future__ import annotations

from helpers import MINIMAL, check_text, lint, messages, plan


def test_unknown_manager_and_owner() -> None:
    text = plan(
        """\
        actions:
          - {id: A1, title: Migrate, owner: mario}
          - id: A2
            title: Train
            owner: nobody
        """
    ).replace("manager: maria", "manager: ghost")
    findings = check_text(text, select=["ASP201"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP201", 6, 12, "account.manager"),
        ("ASP201", 10, 37, "actions[0].owner"),
        ("ASP201", 13, 12, "actions[1].owner"),
    ]
    assert messages(findings, "ASP201") == [
        "account manager 'ghost' is not in people: add them to people",
        "owner of A1 'mario' is not in people: did you mean 'maria'?",
        "owner of A2 'nobody' is not in people: add them to people",
    ]


def test_unknown_people_in_lists() -> None:
    text = plan(
        """\
        communication:
          - {name: Weekly call, every: weekly, owner: maria, participants: [maria, carlos]}
        reviews:
          every: quarterly
          history:
            - date: 2026-09-15
              attendees:
                - maria
                - lucia
        """
    )
    assert lint(text, "ASP201") == [("ASP201", 10, 76), ("ASP201", 17, 11)]


def test_reports_to_across_sides_and_client_side_manager() -> None:
    text = (
        MINIMAL.replace("side: provider}", "side: client}")
        + "  - {id: carlos, name: Carlos, side: provider, reports_to: maria}\n"
    )
    findings = check_text(text, select=["ASP201"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP201", 6, 12), ("ASP201", 9, 60)]
    assert messages(findings, "ASP201") == [
        "account manager 'maria' is on the client side: the manager is a provider-side person",
        "carlos (provider) reports_to maria (client): reports_to links people of the same side",
    ]


def test_known_people_pass() -> None:
    text = plan(
        """\
          - {id: carlos, name: Carlos Gómez, side: client, reports_to: ana}
          - {id: ana, name: Ana Ruiz, side: client}
        actions:
          - {id: A1, title: Migrate, owner: carlos}
        escalation:
          - {level: 1, contact: maria, after: 4h}
        """
    )
    assert lint(text, "ASP201") == []


def test_sign_off_names_known_client_side_people() -> None:
    text = plan(
        """\
          - {id: carlos, name: Carlos, side: client}
        reviews:
          every: quarterly
          history:
            - {date: 2026-09-15, signed_off_by: [carlos, maria, carla]}
        """
    )
    findings = check_text(text, select=["ASP201"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [
        ("ASP201", 13, 50, "reviews.history[0].signed_off_by[1]"),
        ("ASP201", 13, 57, "reviews.history[0].signed_off_by[2]"),
    ]
    assert messages(findings, "ASP201") == [
        "'maria' signed off the 2026-09-15 review but is on the provider side:"
        " a sign-off is the client's agreement, name client-side people",
        "sign-off of the 2026-09-15 review 'carla' is not in people: did you mean 'carlos'?",
    ]
    assert lint(text.replace("[carlos, maria, carla]", "[carlos]"), "ASP201") == []
