"""ASP507: nothing in services.in_scope."""

from __future__ import annotations

from helpers import MINIMAL, lint, plan


def test_no_services_section_points_at_the_file() -> None:
    assert lint(MINIMAL, "ASP507") == [("ASP507", 1, 1)]


def test_only_out_of_scope_services() -> None:
    text = plan(
        """\
        services:
          out_of_scope: [{name: On-site support}]
        """
    )
    assert lint(text, "ASP507") == [("ASP507", 9, 1)]


def test_a_service_in_scope_passes() -> None:
    assert lint(plan("services: {in_scope: [{name: Route planning}]}\n"), "ASP507") == []
