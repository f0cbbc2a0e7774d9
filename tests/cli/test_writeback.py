"""`asplan done`, `measure`, `touch` (spec §7.4): the exact lines that change, and the refusals.

Every edit test compares the whole file after the command with the original where
only the expected lines differ (``str.replace`` of those lines), so a splice that
touched anything else fails.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from writeback_plans import BLOCK, FLOW

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = "2026-11-23"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, text: str, name: str = "acme.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def changed_to(path: Path, old: str, *replacements: tuple[str, str]) -> None:
    """The file is ``old`` with exactly these (unique) replacements: nothing else moved."""
    expected = old
    for before, after in replacements:
        assert expected.count(before) == 1, before
        expected = expected.replace(before, after)
    assert path.read_text(encoding="utf-8") == expected


# ------------------------------------------------------------------------------- done


def test_done_action_block_replaces_status_and_adds_done_after_it(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    code, out, err = run("done", str(path), "ACT-1", "--date", "2026-11-20")
    assert (code, err) == (0, "")
    assert out == f"{path}: ACT-1 done on 2026-11-20.\n"
    changed_to(
        path,
        BLOCK,
        (
            "    status: in_progress   # waiting for the window\n",
            "    status: done   # waiting for the window\n    done: 2026-11-20\n",
        ),
    )


def test_done_action_without_status_gets_both_keys_at_its_end(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    assert run("done", str(path), "ACT-2")[0] == 0
    changed_to(
        path,
        BLOCK,
        ("    due: 2026-12-15\nslas:", "    due: 2026-12-15\n    status: done\n    done: 2026-11-23\nslas:"),
    )


def test_done_milestone_by_id_and_by_agenda_name(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    assert run("done", str(path), "PILOT", "--date", "2026-11-02")[0] == 0
    code, out, _ = run("done", str(path), "OBJ-1/M2", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "plan": str(path),
        "account": "acme",
        "kind": "milestone",
        "id": "OBJ-1/M2",
        "title": "Roll-out",
        "changed": True,
        "done": "2026-11-23",
        "message": "OBJ-1/M2 done on 2026-11-23.",
    }
    changed_to(
        path,
        BLOCK,
        ("        due: 2026-10-30\n", "        due: 2026-10-30\n        done: 2026-11-02\n"),
        ("        due: 2027-01-31\n", "        due: 2027-01-31\n        done: 2026-11-23\n"),
    )


def test_done_flow_entries(tmp_path: Path) -> None:
    path = write(tmp_path, FLOW)
    assert run("done", str(path), "ACT-1")[0] == 0
    assert run("done", str(path), "ACT-2")[0] == 0
    assert run("done", str(path), "OBJ-1/PILOT")[0] == 0
    changed_to(
        path,
        FLOW,
        ("due: 2026-11-15, status: in_progress}", "due: 2026-11-15, status: done, done: 2026-11-23}"),
        ("Train the NOC, due: 2026-12-15}", "Train the NOC, due: 2026-12-15, status: done, done: 2026-11-23}"),
        ("title: Pilot, due: 2026-10-30}", "title: Pilot, due: 2026-10-30, done: 2026-11-23}"),
    )


def test_done_twice_says_so_and_leaves_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    assert run("done", str(path), "ACT-1", "--date", "2026-11-20")[0] == 0
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    code, out, err = run("done", str(path), "ACT-1")
    assert (code, err) == (0, "")
    assert out == f"{path}: ACT-1 is already done on 2026-11-20; the plan is unchanged.\n"
    code, out, _ = run("done", str(path), "ACT-1", "--format", "json")
    assert json.loads(out)["changed"] is False
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_done_on_a_reached_milestone_is_a_no_op(tmp_path: Path) -> None:
    text = BLOCK.replace("        due: 2026-10-30\n", "        due: 2026-10-30\n        done: 2026-10-28\n")
    path = write(tmp_path, text)
    code, out, _ = run("done", str(path), "PILOT")
    assert code == 0 and out == f"{path}: OBJ-1/PILOT was already reached on 2026-10-28; the plan is unchanged.\n"
    assert path.read_text(encoding="utf-8") == text


def test_done_fills_empty_values_and_keeps_crlf_and_bom(tmp_path: Path) -> None:
    text = BLOCK.replace("    due: 2026-12-15\n", "    due: 2026-12-15\n    done: ~   # not yet\n").replace(
        "        due: 2027-01-31\n", "        due: 2027-01-31\n        done:\n"
    )
    crlf = text.replace("\n", "\r\n")
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + crlf.encode("utf-8"))
    assert run("done", str(path), "ACT-2")[0] == 0
    assert run("done", str(path), "OBJ-1/M2")[0] == 0
    expected = crlf.replace(
        "    done: ~   # not yet\r\n", "    status: done\r\n    done: 2026-11-23   # not yet\r\n"
    ).replace("        done:\r\n", "        done: 2026-11-23\r\n")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


# ---------------------------------------------------------------------------- measure


def test_measure_kpi_block_entries_follow_their_neighbours(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    code, out, err = run("measure", str(path), "KPI-1", "4", "--date", "2026-11-20")
    assert (code, err) == (0, "")
    assert out == f"{path}: OBJ-1/KPI-1 (Incidents): 4 on 2026-11-20.\n"
    changed_to(
        path,
        BLOCK,
        ("            value: 5\n", "            value: 5\n          - date: 2026-11-20\n            value: 4\n"),
    )


def test_measure_creates_a_list_where_there_is_none(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    code, out, _ = run("measure", str(path), "OBJ-1/KPI-2", "8.5", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "plan": str(path),
        "account": "acme",
        "kind": "kpi",
        "id": "OBJ-1/KPI-2",
        "title": "Satisfaction",
        "changed": True,
        "date": "2026-11-23",
        "value": 8.5,
        "message": "OBJ-1/KPI-2 (Satisfaction): 8.5 on 2026-11-23.",
    }
    changed_to(
        path,
        BLOCK,
        (
            "        name: Satisfaction\n",
            "        name: Satisfaction\n        measurements:\n          - {date: 2026-11-23, value: 8.5}\n",
        ),
    )


def test_measure_sla_defaults_to_the_latest_closed_period(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    code, out, _ = run("measure", str(path), "SLA-1", "99.85")
    assert code == 0
    assert out == f"{path}: SLA-1 (Availability): 99.85 for 2026-10, breached (target >= 99.9%).\n"
    code, out, _ = run("measure", str(path), "SLA-1", "99.97", "--period", "2026-08", "--format", "json")
    assert code == 0
    details = json.loads(out)
    assert (details["kind"], details["period"], details["value"], details["status"]) == ("sla", "2026-08", 99.97, "met")
    changed_to(
        path,
        BLOCK,
        (
            "        value: 99.95\n",
            "        value: 99.95\n      - period: 2026-10\n        value: 99.85\n"
            "      - period: 2026-08\n        value: 99.97\n",
        ),
    )


def test_measure_flow_lists(tmp_path: Path) -> None:
    path = write(tmp_path, FLOW)
    assert run("measure", str(path), "KPI-1", "4")[0] == 0
    assert run("measure", str(path), "KPI-2", "7")[0] == 0
    assert run("measure", str(path), "SLA-1", "99.9", "--period", "2026-10")[0] == 0
    changed_to(
        path,
        FLOW,
        ("{date: 2026-10-31, value: 5}]}", "{date: 2026-10-31, value: 5}, {date: 2026-11-23, value: 4}]}"),
        ("measurements: []}]", "measurements: [{date: 2026-11-23, value: 7}]}]"),
        ('penalty: Credits.}', "penalty: Credits., measurements: [{period: 2026-10, value: 99.9}]}"),
    )


def test_measure_example_plans_keep_every_other_line(tmp_path: Path) -> None:
    for name in ("acme-logistica.yaml", "northwind-health.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    acme = tmp_path / "acme-logistica.yaml"
    old = acme.read_text(encoding="utf-8")
    assert run("measure", str(acme), "OBJ-2/KPI-3", "91.4", "--date", "2026-11-20")[0] == 0
    changed_to(
        acme,
        old,
        ("{date: 2026-10-31, value: 90.1}]", "{date: 2026-10-31, value: 90.1}, {date: 2026-11-20, value: 91.4}]"),
    )
    northwind = tmp_path / "northwind-health.yaml"
    old = northwind.read_text(encoding="utf-8")
    assert run("measure", str(northwind), "KPI-1", "99.96")[0] == 0
    changed_to(
        northwind,
        old,
        (
            "          - {date: 2026-10-31, value: 99.98}\n",
            "          - {date: 2026-10-31, value: 99.98}\n          - {date: 2026-11-23, value: 99.96}\n",
        ),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("KPI-1", "5", "--date", "2026-10-31"), "OBJ-1/KPI-1 already has a measurement on 2026-10-31 (value 5)"),
        (("SLA-1", "99", "--period", "2026-09"), "SLA-1 already has a measurement for 2026-09 (value 99.95)"),
        (("SLA-1", "99", "--period", "2026-11"), "--period 2026-11 is not over until 2026-11-30"),
        (("SLA-1", "99", "--period", "2026-Q3"), "--period 2026-Q3 is a quarter; SLA-1 is measured monthly"),
        (("SLA-1", "99", "--period", "Oct"), "--period Oct: expected a period like 2026-10"),
        (("SLA-1", "99", "--date", "2026-10-31"), "--date is for KPIs; SLA-1 is measured per period"),
        (("KPI-1", "5", "--period", "2026-10"), "--period is for measured SLAs; OBJ-1/KPI-1 is a KPI"),
        (("KPI-1", "5", "--date", "2026-11-24"), "--date 2026-11-24 is after today (2026-11-23)"),
        (("KPI-1", "99.9%"), "VALUE 99.9%: expected a number such as 99.95 (without the % sign)"),
        (("KPI-1", "4,5"), "VALUE 4,5: expected a number such as 99.95 (with a decimal point: 4.5)"),
        (("KPI-1", "nan"), "VALUE nan: expected a number"),
        (("KPI-3", "5"), "no KPI or SLA named 'KPI-3' in the plan: did you mean 'KPI-2'?"),
        (("sla-1", "5"), "no KPI or SLA named 'sla-1' in the plan: did you mean 'SLA-1'?"),
    ],
)
def test_measure_refusals(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    path = write(tmp_path, BLOCK)
    code, out, err = run("measure", str(path), *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"asplan: error: {path}: ") and message in err and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == BLOCK


def test_measure_refuses_a_timed_sla(tmp_path: Path) -> None:
    text = BLOCK.replace(
        "communication:",
        "  - {id: SLA-2, name: Response, target: '<= 30m', stop: first_response, penalty: x}\ncommunication:",
    )
    path = write(tmp_path, text)
    code, _, err = run("measure", str(path), "SLA-2", "25")
    assert code == 2 and "SLA-2 is a timed SLA: its figures come from its event files" in err


# ------------------------------------------------------------------------------ touch


def test_touch_by_id_and_by_name(tmp_path: Path) -> None:
    path = write(tmp_path, BLOCK)
    code, out, err = run("touch", str(path), "call")
    assert (code, err) == (0, "")
    assert out == f"{path}: Weekly call: last 2026-11-16 -> 2026-11-23. Next one due 2026-11-30.\n"
    code, out, _ = run("touch", str(path), "Monthly report", "--date", "2026-11-06", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "plan": str(path),
        "account": "acme",
        "kind": "touchpoint",
        "id": "Monthly report",
        "title": "Monthly report",
        "changed": True,
        "last": "2026-11-06",
        "previous": None,
        "next": "2026-12-06",
        "message": "Monthly report: last never -> 2026-11-06. Next one due 2026-12-06.",
    }
    changed_to(
        path,
        BLOCK,
        ("    last: 2026-11-16   # Monday\n", "    last: 2026-11-23   # Monday\n"),
        ("    every: monthly\n", "    every: monthly\n    last: 2026-11-06\n"),
    )


def test_touch_flow_and_never_backwards(tmp_path: Path) -> None:
    path = write(tmp_path, FLOW)
    code, out, _ = run("touch", str(path), "Weekly call", "--date", "2026-11-10")
    assert code == 0
    assert out == (
        f"{path}: Weekly call: last is 2026-11-16, after 2026-11-10; it never moves backwards, "
        "so the plan is unchanged.\n"
    )
    assert path.read_text(encoding="utf-8") == FLOW
    code, out, _ = run("touch", str(path), "call", "--date", "2026-11-16", "--format", "json")
    assert code == 0 and json.loads(out)["changed"] is False and json.loads(out)["last"] == "2026-11-16"
    assert run("touch", str(path), "call", "--date", "2026-11-20")[0] == 0
    assert run("touch", str(path), "Monthly report", "--date", "2026-11-20")[0] == 0
    changed_to(
        path,
        FLOW,
        ("every: weekly, last: 2026-11-16}", "every: weekly, last: 2026-11-20}"),
        ("{name: Monthly report, every: monthly}", "{name: Monthly report, every: monthly, last: 2026-11-20}"),
    )


def test_touch_duplicate_names_need_the_agenda_name(tmp_path: Path) -> None:
    text = BLOCK.replace("  - name: Monthly report\n", "  - name: Weekly call\n")
    path = write(tmp_path, text)
    code, _, err = run("touch", str(path), "Weekly call")
    assert code == 2
    assert "'Weekly call' names more than one touchpoint in the plan: use one of 'call', 'Weekly call #2'" in err
    assert run("touch", str(path), "Weekly call #2")[0] == 0
    changed_to(path, text, ("    every: monthly\n", "    every: monthly\n    last: 2026-11-23\n"))


# ---------------------------------------------------------------------------- shared


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("done", "ACT-9"), "no action or milestone named 'ACT-9' in the plan: did you mean 'ACT-2'?"),
        (("done", "pilot"), "no action or milestone named 'pilot' in the plan: did you mean 'PILOT'?"),
        (("done", "zzz"), "no action or milestone named 'zzz' in the plan (it has: ACT-1, ACT-2, OBJ-1/PILOT,"),
        (("done", "ACT-1", "--date", "2026-11-24"), "--date 2026-11-24 is after today (2026-11-23)"),
        (("done", "ACT-1", "--date", "2026-02-30"), "--date"),
        (("touch", "weekly call"), "no touchpoint named 'weekly call' in the plan: did you mean 'Weekly call'?"),
        (("touch", "call", "--date", "2026-11-24"), "--date 2026-11-24 is after today"),
        (("done", "ACT-1", "--format", "xml"), "--format xml: expected text or json"),
    ],
)
def test_refusals_leave_the_file_untouched(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    path = write(tmp_path, BLOCK)
    code, out, err = run(args[0], str(path), *args[1:])
    assert (code, out) == (2, "")
    assert message in err and err.startswith("asplan: error: ") and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == BLOCK
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def test_ambiguous_bare_id_lists_the_full_names(tmp_path: Path) -> None:
    text = BLOCK.replace("      - id: PILOT\n", "      - id: ACT-1\n")
    path = write(tmp_path, text)
    code, _, err = run("done", str(path), "ACT-1")
    assert code == 2
    assert "'ACT-1' names more than one action or milestone in the plan: use one of 'ACT-1', 'OBJ-1/ACT-1'" in err
    assert run("done", str(path), "OBJ-1/ACT-1")[0] == 0
    changed_to(path, text, ("        due: 2026-10-30\n", "        due: 2026-10-30\n        done: 2026-11-23\n"))


@pytest.mark.parametrize("command", [("done", "ACT-1"), ("measure", "KPI-1", "3"), ("touch", "call")])
def test_a_plan_that_does_not_validate_is_refused(tmp_path: Path, command: tuple[str, ...]) -> None:
    text = BLOCK.replace("tier: low", "tier: lowest")
    path = write(tmp_path, text)
    code, _, err = run(command[0], str(path), *command[1:])
    assert code == 2
    assert f"{path}:3: ASP102" in err and "fix the plan first" in err
    assert path.read_text(encoding="utf-8") == text


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run("touch", str(tmp_path / "nope.yaml"), "call")
    assert code == 2 and err == f"asplan: error: {tmp_path / 'nope.yaml'}: no such file\n"


def test_quoted_neighbours_are_followed_for_text_not_for_numbers(tmp_path: Path) -> None:
    path = tmp_path / "northwind-health.yaml"
    shutil.copy(EXAMPLES / "northwind-health.yaml", path)
    old = path.read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["measure", str(path), "SLA-1", "99.95", "--today", "2026-12-03"])
    assert result.exit_code == 0
    changed_to(
        path,
        old,
        (
            '      - {period: "2026-10", value: 99.98}\n',
            '      - {period: "2026-10", value: 99.98}\n      - {period: "2026-11", value: 99.95}\n',
        ),
    )
    text = BLOCK.replace("    last: 2026-11-16   # Monday\n", "    last: '2026-11-16'   # Monday\n")
    plan = write(tmp_path, text)
    assert run("touch", str(plan), "call")[0] == 0
    changed_to(plan, text, ("last: '2026-11-16'", "last: '2026-11-23'"))
