"""ASP403: SLA without a stated penalty/impact."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    slas:
      - id: SLA-1
        name: Availability
        target: ">= 99.9%"
        measurements: [{period: "2026-10", value: 99.95}]
    """
)


def test_sla_without_penalty_points_at_its_id() -> None:
    assert lint(TEXT, "ASP403") == [("ASP403", 10, 5)]
    assert messages(check_text(TEXT, select=["ASP403"]), "ASP403") == [
        "SLA-1 'Availability' states no penalty: say in words what missing it costs"
        " (a credit, a corrective plan, an escalation)"
    ]


def test_blank_penalty_points_at_the_penalty() -> None:
    assert lint(TEXT.replace("    measurements", '    penalty: " "\n    measurements'), "ASP403") == [("ASP403", 13, 5)]


def test_sla_with_penalty_passes() -> None:
    assert lint(TEXT.replace("    measurements", "    penalty: 10 % credit\n    measurements"), "ASP403") == []
