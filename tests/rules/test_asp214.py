"""ASP214: an action with a done date and a status other than done."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

TEXT = plan(
    """\
    actions:
      - {id: ACT-2, title: Carrier API, due: 2026-10-15, status: in_progress, done: 2026-10-10}
    """
)


def test_done_date_without_status_done_points_at_done() -> None:
    assert lint(TEXT, "ASP214") == [("ASP214", 10, 75)]
    assert messages(check_text(TEXT, select=["ASP214"]), "ASP214") == [
        "ACT-2 has done: 2026-10-10 but status: in_progress: set status: done, or remove the done date"
    ]


def test_status_done_passes() -> None:
    assert lint(TEXT.replace("in_progress", "done"), "ASP214") == []


def test_the_agenda_no_longer_disagrees_silently() -> None:
    """Before, the only trace was ASP302 calling a completed action overdue."""
    assert lint(TEXT, "ASP214", "ASP302") == [("ASP302", 10, 42), ("ASP214", 10, 75)]
