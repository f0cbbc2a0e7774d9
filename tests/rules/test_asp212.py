"""ASP212: escalation levels not numbered 1..n."""

from __future__ import annotations

from helpers import check_text, lint, messages, plan

LADDER = """\
escalation:
  - {level: 1, contact: maria, after: 4h}
  - {level: 3, contact: maria, after: 1d}
  - {level: 4, contact: maria, after: 3d}
"""


def test_gap_reported_at_the_first_wrong_level() -> None:
    assert lint(plan(LADDER), "ASP212") == [("ASP212", 11, 13)]
    assert messages(check_text(plan(LADDER), select=["ASP212"]), "ASP212") == [
        "escalation level 3 is entry 2 of the ladder: number the levels 1 to 3 in order, without gaps or repeats"
    ]


def test_repeat_and_wrong_start() -> None:
    assert lint(plan(LADDER.replace("level: 3", "level: 1")), "ASP212") == [("ASP212", 11, 13)]
    assert lint(plan(LADDER.replace("level: 1", "level: 2")), "ASP212") == [("ASP212", 10, 13)]


def test_one_to_n_passes() -> None:
    assert lint(plan(LADDER.replace("level: 3", "level: 2").replace("level: 4", "level: 3")), "ASP212") == []
