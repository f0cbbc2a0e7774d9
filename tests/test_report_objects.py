"""The data objects commands return, and the words their reporters share."""

from __future__ import annotations

from datetime import date

import pytest

from asplan.reporters.due.text import when
from asplan.sla.portfolio import FailOn, SlaOutcome, SlaUsageError, check_now, parse_selection


@pytest.mark.parametrize(
    ("days", "long", "short"),
    [(0, "today", "today"), (1, "in 1 day", "in 1 d"), (5, "in 5 days", "in 5 d"), (-1, "1 day ago", "1 d ago"),
     (-12, "12 days ago", "12 d ago")],
)  # fmt: skip
def test_when_in_the_digest_and_in_the_table(days: int, long: str, short: str) -> None:
    assert when(days) == long
    assert when(days, short=True) == short


def test_an_outcome_without_rows_fails_on_nothing() -> None:
    empty = SlaOutcome(date(2026, 11, 23), [])
    assert not empty.breached and not empty.at_risk
    assert [empty.fails(t) for t in (None, FailOn.breach, FailOn.at_risk)] == [False, False, False]


def test_period_and_now_are_refused_with_the_option_named() -> None:
    assert parse_selection(None) is None
    assert parse_selection(" LAST ") == "last"
    assert str(parse_selection("2026-Q3")) == "2026-Q3"
    with pytest.raises(SlaUsageError, match=r"^--period 2026-13: .*, or 'last'$"):
        parse_selection("2026-13")
    check_now("2026-11-23T18:00")
    with pytest.raises(SlaUsageError, match=r"^--now noon: expected an ISO 8601 instant"):
        check_now("noon")
