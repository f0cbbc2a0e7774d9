"""`asplan due` end to end: text, json, ics, filters and unreadable plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def due(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["due", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_items_soonest_first(plans: Path) -> None:
    code, out, _ = due("--today", "2026-11-23", "--format", "json", "--within", "12")
    assert code == 0
    items = json.loads(out)
    assert [(i["account"], i["kind"], i["id"], i["date"], i["status"], i["days"]) for i in items] == [
        ("northwind-health", "contract_renewal", "NWH-MS-2024-03", "2026-11-02", "overdue", -21),
        ("acme-logistica", "action", "ACT-6", "2026-11-13", "overdue", -10),
        ("acme-logistica", "touchpoint", "Llamada semanal de servicio", "2026-11-25", "due_soon", 2),
        ("northwind-health", "touchpoint", "Weekly service call", "2026-11-26", "due_soon", 3),
        ("northwind-health", "review", "review", "2026-12-03", "due_soon", 10),
        ("northwind-health", "action", "ACT-3", "2026-12-04", "due_soon", 11),
        ("acme-logistica", "touchpoint", "Comité mensual de servicio", "2026-12-05", "due_soon", 12),
    ]
    assert set(items[0]) == {"account", "kind", "id", "title", "date", "status", "days", "owner"}
    assert items[1]["owner"] == "maria.lopez"


def test_within_edge_is_inclusive(plans: Path) -> None:
    # the Madrid monthly committee is 12 days away: --within 11 leaves it out, 12 keeps it
    _, out11, _ = due("--today", "2026-11-23", "--format", "json", "--within", "11")
    _, out12, _ = due("--today", "2026-11-23", "--format", "json", "--within", "12")
    assert len(json.loads(out12)) == len(json.loads(out11)) + 1


def test_filters(plans: Path) -> None:
    args = ("--today", "2026-11-23", "--format", "json", "--within", "400")
    _, out, _ = due(*args, "--kind", "review")
    assert [(i["account"], i["date"]) for i in json.loads(out)] == [
        ("northwind-health", "2026-12-03"),
        ("acme-logistica", "2027-01-15"),
    ]
    _, out, _ = due(*args, "--owner", "raul.castillo")
    assert [i["id"] for i in json.loads(out)] == ["ACT-5", "ACT-7"]
    _, out, _ = due(*args, "--account", "northwind-health", "--kind", "contract_end")
    assert [i["date"] for i in json.loads(out)] == ["2027-01-31"]
    code, _, err = due(*args, "--kind", "meeting")
    assert code == 2 and "--kind meeting: expected one of review" in err


def test_text_table(plans: Path) -> None:
    code, out, _ = due("--today", "2026-11-23", "--within", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["date", "when", "status", "account", "kind", "item", "owner"]
    assert lines[2].split()[:6] == ["2026-11-02", "21", "d", "ago", "overdue", "northwind-health"]
    assert lines[-1] == "4 items: 2 overdue, 2 due soon (today is 2026-11-23, showing 3 days ahead)."
    assert "\x1b[" not in out


def test_ics_parses_and_reimports_without_duplicates(plans: Path) -> None:
    from icalendar import Calendar

    _, first, _ = due("--today", "2026-11-23", "--format", "ics", "--within", "400")
    _, second, _ = due("--today", "2026-11-30", "--format", "ics", "--within", "400")
    store: dict[str, object] = {}
    exported: list[set[str]] = []
    for text in (first, second):  # a calendar app imports both: events are updated by UID
        events = Calendar.from_ical(text).walk("VEVENT")
        uids = [str(e["uid"]) for e in events]
        assert len(uids) == len(set(uids))
        exported.append(set(uids))
        for event in events:
            store[str(event["uid"])] = event
    # A week later every item is still listed, under the same UID, and one more entered
    # the 400-day window: 32 + 1 events, not 32 + 33 duplicates.
    assert exported[0] <= exported[1]
    assert (len(exported[0]), len(exported[1]), len(store)) == (32, 33, 33)

    def uid_of(text: str, summary: str) -> str:
        return next(str(e["uid"]) for e in Calendar.from_ical(text).walk("VEVENT") if str(e["summary"]) == summary)

    # a later export (another today) keeps the UID of an item it still lists
    title = "[acme-logistica] Cerrar con Compras el anexo de precios de la app de reparto"
    assert uid_of(first, title) == uid_of(second, title)
    event = Calendar.from_ical(first).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat() == "2026-11-02"
    assert str(event["summary"]) == "[northwind-health] Renewal window of NWH-MS-2024-03 opens"
    assert "DTSTAMP:20261123T000000Z" in first


def test_broken_plan_is_skipped_with_exit_2(plans: Path) -> None:
    (plans / "broken.yaml").write_text("asplan: 1\naccount: [unclosed\n", encoding="utf-8")
    code, out, err = due("--today", "2026-11-23", "--format", "json")
    assert code == 2
    assert err.startswith("asplan: error: plans/broken.yaml:")
    assert "(skipped)" in err
    assert len(json.loads(out)) > 0


def test_usage_errors(plans: Path) -> None:
    assert due("--today", "2026-13-01")[0] == 2
    code, _, err = due("--within", "-1", "--today", "2026-11-23")
    assert code == 2 and "--within" in err
    code, _, err = due("nowhere", "--today", "2026-11-23")
    assert code == 2 and "nowhere: no such file or folder" in err


def test_today_from_environment(plans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASPLAN_TODAY", "2026-11-23")
    _, out, _ = due("--format", "json", "--within", "0")
    assert [i["id"] for i in json.loads(out)] == ["NWH-MS-2024-03", "ACT-6"]


def test_unknown_owner_or_account_is_said_with_did_you_mean(plans: Path) -> None:
    args = ("--today", "2026-11-23", "--format", "json")
    code, out, err = due(*args, "--owner", "raul.castilo")
    assert (code, out) == (2, "")
    assert err == (
        "asplan: error: --owner raul.castilo: no plan has a person 'raul.castilo': did you mean 'raul.castillo'?\n"
    )
    code, _, err = due(*args, "--owner", "nobody.at.all")
    assert code == 2 and err == "asplan: error: --owner nobody.at.all: no plan has a person 'nobody.at.all'\n"
    code, _, err = due(*args, "--account", "northwind-heath")
    assert code == 2 and "did you mean 'northwind-health'?" in err
    # a known person with nothing due is not an error: the agenda is just empty
    code, out, _ = due(*args, "--owner", "aisha.khan", "--within", "0")
    assert (code, json.loads(out)) == (0, [])


def test_misspelt_kind_gets_did_you_mean(plans: Path) -> None:
    code, _, err = due("--today", "2026-11-23", "--kind", "reveiw")
    assert code == 2
    assert err.startswith("asplan: error: --kind reveiw: did you mean 'review'? expected one of review, ")


def test_ics_description_names_the_kind_once(plans: Path) -> None:
    from icalendar import Calendar

    _, text, _ = due("--today", "2026-11-23", "--format", "ics", "--within", "400", "--kind", "review,action")
    descriptions = {str(e["summary"]): str(e["description"]) for e in Calendar.from_ical(text).walk("VEVENT")}
    review = next(d for s, d in descriptions.items() if s.startswith("[northwind-health] ") and "review" in d)
    assert review == "review: due soon\nowner: tom.hughes"
    assert "action ACT-6: OVERDUE\nowner: maria.lopez" in descriptions.values()
