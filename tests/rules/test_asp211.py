"""ASP211: reports_to links that go round in a circle."""

from __future__ import annotations

from helpers import MINIMAL, check_text, lint, messages

TEXT = MINIMAL + (
    "  - {id: carlos, name: Carlos, side: client, reports_to: lucia}\n"
    "  - {id: lucia, name: Lucía, side: client, reports_to: pedro}\n"
    "  - {id: pedro, name: Pedro, side: client, reports_to: carlos}\n"
    "  - {id: ana, name: Ana, side: client, reports_to: carlos}\n"
)


def test_circle_reported_once_on_its_first_person() -> None:
    assert lint(TEXT, "ASP211") == [("ASP211", 9, 58)]
    assert messages(check_text(TEXT, select=["ASP211"]), "ASP211") == [
        "reports_to goes round in a circle: carlos -> lucia -> pedro -> carlos;"
        " the top of an organisation reports to nobody"
    ]


def test_reporting_to_oneself() -> None:
    text = MINIMAL + "  - {id: carlos, name: Carlos, side: client, reports_to: carlos}\n"
    assert lint(text, "ASP211") == [("ASP211", 9, 58)]


def test_a_tree_passes() -> None:
    assert lint(TEXT.replace("reports_to: carlos}\n  - {id: ana", "}\n  - {id: ana"), "ASP211") == []
