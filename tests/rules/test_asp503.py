"""ASP503: selection criteria not 3-8, or weights not summing to 100."""

from __future__ import annotations

from helpers import MINIMAL, check_text, lint, messages, plan


def test_no_selection_section_points_at_the_file() -> None:
    assert lint(MINIMAL, "ASP503") == [("ASP503", 1, 1)]


def test_too_few_criteria_whose_weights_miss_100() -> None:
    text = plan(
        """\
        selection:
          criteria:
            - {name: Revenue potential, weight: 50, score: 5}
            - {name: Strategic fit, weight: 30.5, score: 4}
        """
    )
    findings = check_text(text, select=["ASP503"])
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP503", 10, 3), ("ASP503", 10, 3)]
    assert messages(findings, "ASP503") == [
        "2 selection criteria: use 3 to 8 weighted criteria",
        "selection weights sum to 80.5, not 100",
    ]


def test_nine_criteria_are_too_many() -> None:
    rows = "".join(f"    - {{name: C{i}, weight: {12 if i < 8 else 4}, score: 3}}\n" for i in range(9))
    text = MINIMAL + "selection:\n  criteria:\n" + rows
    assert lint(text, "ASP503") == [("ASP503", 10, 3)]


def test_three_criteria_summing_to_100_pass() -> None:
    text = plan(
        """\
        selection:
          criteria:
            - {name: Revenue potential, weight: 50, score: 5}
            - {name: Strategic fit, weight: 30, score: 4}
            - {name: Relationship, weight: 20, score: 3}
        """
    )
    assert lint(text, "ASP503") == []
