"""``asplan sla --set``: what-if terms on the same events and measurements (spec §7.9).

The contract: a what-if run's figures are exactly those of a plan edited to the same
terms. Each test below edits a copy of the example plan by hand, as a user would, and
compares ``asplan sla`` on the copy with ``--set`` on the original.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.sla.whatif import FIELDS

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = "2026-11-23"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["sla", *args, "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


def copy_example(tmp_path: Path, name: str = "acme-logistica") -> Path:
    """The example plan and its ticket export, in a folder of their own."""
    shutil.copy(EXAMPLES / f"{name}.yaml", tmp_path / f"{name}.yaml")
    if (EXAMPLES / "data" / name).is_dir():
        shutil.copytree(EXAMPLES / "data" / name, tmp_path / "data" / name)
    return tmp_path / f"{name}.yaml"


def edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the example whose text has ``old`` (which must occur once) replaced by ``new``."""
    folder = tmp_path / "edited"
    folder.mkdir()
    plan = copy_example(folder)
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    plan.write_text(text.replace(old, new), encoding="utf-8")
    return plan


def sla_json(plan: Path, *args: str) -> dict[str, Any]:
    code, out, err = run(str(plan), "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


# One edit per field --set accepts (spec §7.9), each changing money on the example's data.
# (--set argument, text in acme-logistica.yaml, the same term written by hand)
EDITS = [
    # SLA-4 resolution P2: 10 working hours instead of 8.
    ("SLA-4.target=<= 10h", '    target: "<= 8h"\n', '    target: "<= 10h"\n'),
    # SLA-4: 90 % of P2 tickets on time instead of 95 %.
    ("SLA-4.objective=>= 90%", '    objective: ">= 95%"\n', '    objective: ">= 90%"\n'),
    # SLA-3 first response P1 on office hours instead of around the clock.
    (
        "SLA-3.calendar=laboral",
        "    calendar: 24x7\n    period: monthly\n    penalty: Cada P1",
        "    calendar: laboral\n    period: monthly\n    penalty: Cada P1",
    ),
    # SLA-2 backups: 5 % per breached month instead of 3 %.
    ("SLA-2.credit.percent=5", "    credit: {percent: 3}\n", "    credit: {percent: 5}\n"),
    # SLA-3: a fixed 150 EUR per late P1 instead of 1 % of the fee.
    ("SLA-3.credit.amount=150 EUR", "    credit: {percent: 1}\n", '    credit: {amount: "150 EUR"}\n'),
    # SLA-1 availability: tiers capped at 4 % of the month instead of 30 %.
    ("SLA-1.credit.cap_percent=4", "      cap_percent: 30\n", "      cap_percent: 4\n"),
]


@pytest.mark.parametrize(("term", "old", "new"), EDITS, ids=[e[0].split("=")[0] for e in EDITS])
def test_what_if_equals_the_plan_edited_to_the_same_terms(tmp_path: Path, term: str, old: str, new: str) -> None:
    original = copy_example(tmp_path)
    before = original.read_bytes()
    what_if = sla_json(original, "--set", term)
    assert set(what_if) == {"baseline", "what_if", "delta"}
    assert what_if["baseline"] == sla_json(original)
    edited = sla_json(edited_copy(tmp_path, old, new))
    assert what_if["what_if"] == edited
    assert what_if["what_if"] != what_if["baseline"], "each edit changes a figure, or it proves nothing"
    base, alt = what_if["baseline"]["credits"], edited["credits"]
    expected = {c: f"{float(alt.get(c, '0')) - float(base.get(c, '0')):.2f}" for c in {*base, *alt}}
    assert what_if["delta"] == {"credits": expected}
    assert original.read_bytes() == before, "--set never touches the plan"


def test_every_field_set_accepts_is_compared_with_an_edited_plan() -> None:
    assert sorted({e[0].split("=")[0].split(".", 1)[1] for e in EDITS}) == sorted(FIELDS)


def test_several_terms_at_once_and_a_period(tmp_path: Path) -> None:
    original = copy_example(tmp_path)
    what_if = sla_json(
        original, "--period", "2026-Q3", "--set", "SLA-4.target=<= 10h", "--set", "SLA-2.credit.percent=5"
    )
    folder = tmp_path / "edited"
    folder.mkdir()
    plan = copy_example(folder)
    text = plan.read_text(encoding="utf-8")
    text = text.replace('    target: "<= 8h"\n', '    target: "<= 10h"\n').replace(
        "    credit: {percent: 3}\n", "    credit: {percent: 5}\n"
    )
    plan.write_text(text, encoding="utf-8")
    assert what_if["what_if"] == sla_json(plan, "--period", "2026-Q3")
    assert what_if["baseline"]["credits"] == {"EUR": "2450.00"}


def test_an_empty_value_removes_the_term(tmp_path: Path) -> None:
    original = copy_example(tmp_path)
    what_if = sla_json(original, "--set", "SLA-4.objective=")
    # Without an objective every late P2 ticket is a breach costing 2 %.
    edited = sla_json(edited_copy(tmp_path, '    objective: ">= 95%"\n', ""))
    assert what_if["what_if"] == edited


def test_a_credit_form_replaces_the_other_forms(tmp_path: Path) -> None:
    """credit.percent on a tiered credit: the tiers go, the cap stays (a credit has exactly one form)."""
    original = copy_example(tmp_path)
    what_if = sla_json(original, "--set", "SLA-1.credit.percent=4")
    tiers = (
        "      tiers:\n"
        "        - {below: 99.8, percent: 5}\n"
        "        - {below: 99.5, percent: 10}\n"
        "        - {below: 99.0, percent: 20}\n"
        "        - {below: 98.0, percent: 35}\n"
    )
    assert what_if["what_if"] == sla_json(edited_copy(tmp_path, tiers, "      percent: 4\n"))


def test_json_shape_and_delta() -> None:
    code, out, _ = run(str(EXAMPLES / "acme-logistica.yaml"), "--period", "2026-07", "--format", "json",
                       "--set", "SLA-2.credit.percent=5")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["baseline", "what_if", "delta"]
    assert data["baseline"]["credits"] == {"EUR": "1225.00"}  # SLA-2 735 + SLA-4 490
    assert data["what_if"]["credits"] == {"EUR": "1715.00"}  # SLA-2 at 5 %: 1225
    assert data["delta"] == {"credits": {"EUR": "490.00"}}
    july = {r["sla"]: r for r in data["what_if"]["slas"]}
    assert (july["SLA-2"]["status"], july["SLA-2"]["credit"]) == ("breached", "1225.00")


def test_text_shows_both_sides_and_the_difference() -> None:
    code, out, _ = run(str(EXAMPLES / "acme-logistica.yaml"), "--period", "2026-07", "--set", "SLA-2.credit.percent=5")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [
        "What if (the plan is unchanged):",
        "  SLA-2 credit: 3 % of the fee per breach -> 5 % of the fee per breach",
    ]
    sla2 = next(line for line in lines if line.lstrip().startswith("SLA-2   2026-07"))
    baseline, what_if = ["99.1%", "breached", "735.00", "EUR"], ["99.1%", "breached", "1225.00", "EUR"]
    assert sla2.split() == ["SLA-2", "2026-07", *baseline, *what_if, "+490.00", "EUR"]
    sla1 = next(line for line in lines if line.lstrip().startswith("SLA-1"))
    assert sla1.split()[-2:] == ["0.00", "EUR"]
    assert "baseline: 2 breached; credits 1225.00 EUR" in out
    assert "what-if:  2 breached; credits 1715.00 EUR" in out
    assert "difference: +490.00 EUR" in out


def test_fail_on_breach_judges_the_plan_not_the_what_if() -> None:
    # 2026-10: nothing breached under the plan; with a 99.95 % availability target, October (99.93) breaches.
    args = (str(EXAMPLES / "acme-logistica.yaml"), "--period", "2026-10", "--fail-on-breach")
    code, out, _ = run(*args, "--set", "SLA-1.target=>= 99.95%", "--format", "json")
    data = json.loads(out)
    assert [r["status"] for r in data["what_if"]["slas"] if r["sla"] == "SLA-1"] == ["breached"]
    assert [r["status"] for r in data["baseline"]["slas"] if r["sla"] == "SLA-1"] == ["met"]
    assert code == 0


# ---------------------------------------------------------------------- refused terms


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (
            "SLA4.target=<= 1h",
            "asplan: error: --set SLA4.target=<= 1h: no SLA 'SLA4' in the selected plans: did you mean 'SLA-4'?",
        ),
        (
            "sla-4.target=<= 1h",
            "asplan: error: --set sla-4.target=<= 1h: no SLA 'sla-4' in the selected plans: did you mean 'SLA-4'?",
        ),
        (
            "SLA-4.targt=<= 1h",
            "asplan: error: --set SLA-4.targt=<= 1h: unknown field 'targt': did you mean 'target'? (FIELD is one of"
            " target, objective, calendar, credit.percent, credit.amount, credit.cap_percent)",
        ),
        (
            "SLA-4.credit.percnt=5",
            "asplan: error: --set SLA-4.credit.percnt=5: unknown field 'credit.percnt': did you mean"
            " 'credit.percent'? (FIELD is one of target, objective, calendar, credit.percent, credit.amount,"
            " credit.cap_percent)",
        ),
        (
            "SLA-4.where=P1",
            "asplan: error: --set SLA-4.where=P1: unknown field 'where' (FIELD is one of target, objective,"
            " calendar, credit.percent, credit.amount, credit.cap_percent)",
        ),
        (
            "SLA-4.target",
            "asplan: error: --set SLA-4.target: expected SLA-ID.FIELD=VALUE, like SLA-3.target='<= 45m'; FIELD is"
            " one of target, objective, calendar, credit.percent, credit.amount, credit.cap_percent",
        ),
    ],
)
def test_unknown_slas_and_fields_are_exit_2_with_did_you_mean(term: str, message: str) -> None:
    code, out, err = run(str(EXAMPLES / "acme-logistica.yaml"), "--set", term)
    assert (code, out) == (2, "")
    assert err == message + "\n"


@pytest.mark.parametrize(
    ("term", "says"),
    [
        # A timed SLA's target is a duration (ASP207), written as check wants it.
        ("SLA-4.target=>= 95%", "SLA-4 is timed (it has stop: resolved), so its target is a duration"),
        ("SLA-4.target=45 minutes", "slas[3].target: expected a target like '>= 99.9%', '<= 30m' or '< 2'"),
        ("SLA-4.calendar=oficina", "SLA-4: calendar 'oficina' is not defined in calendars (or 24x7)"),
        ("SLA-4.objective=95", "slas[3].objective: expected a target like '>= 99.9%'"),
        ("SLA-1.objective=>= 95%", "SLA-1 has no stop, so it is measured per period and 'objective' would be ignored"),
        ("SLA-2.credit.percent=150", "slas[1].credit.percent: expected a number of 100 or less, got the number 150"),
        ("SLA-3.credit.amount=150 USD", "SLA-3: credit 150 USD is in USD, the contract fee in EUR"),
        ("SLA-3.credit.amount=30000 EUR", "a credit of 30000 EUR per breach is more than the fee of one month"),
        ("SLA-2.credit.cap_percent=", None),  # removing a cap is fine
        ("SLA-3.credit.cap_percent=10", None),
        ("SLA-4.target=", "required field 'target'"),
    ],
)
def test_values_check_would_refuse_are_exit_2_in_one_line(term: str, says: str | None) -> None:
    code, out, err = run(str(EXAMPLES / "acme-logistica.yaml"), "--set", term, "--format", "json")
    if says is None:
        assert code == 0, err
        return
    assert (code, out) == (2, "")
    assert err.startswith(f"asplan: error: --set {term}: ")
    assert says in err
    assert err.endswith("; the plan is unchanged)\n")
    assert err.count("\n") == 1


def test_an_sla_id_applies_to_every_selected_plan_that_has_it() -> None:
    code, out, _ = run(str(EXAMPLES / "acme-logistica.yaml"), str(EXAMPLES / "northwind-health.yaml"),
                       "--format", "json", "--set", "SLA-1.target=>= 99.95%")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    changed = {r["account"] for r in data["what_if"]["slas"] if r["sla"] == "SLA-1" and r["target"] == ">= 99.95%"}
    assert changed == {"acme-logistica", "northwind-health"}


# ------------------------------------------------------------------- the events, once


def test_the_events_are_read_once_and_only_changed_slas_pass_over_them_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    import asplan.sla.engine as engine

    reads: list[str] = []
    passes: list[str] = []
    real_time = engine.time_events

    def counting(read: Any) -> Any:
        def counted(path: str, *args: Any, **kwargs: Any) -> Any:
            reads.append(Path(path).name)
            return read(path, *args, **kwargs)

        return counted

    def counting_time(runs: Any, *args: Any, **kwargs: Any) -> Any:
        passes.extend(run.sla.id for run in runs)  # one pass over the rows for all of them
        return real_time(runs, *args, **kwargs)

    # Wherever the engine's file reader is imported (the engine itself, or its event sources).
    for name in ("asplan.sla.engine", "asplan.sla.sources"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "load_event_file"):
            monkeypatch.setattr(module, "load_event_file", counting(module.load_event_file))
    monkeypatch.setattr(engine, "time_events", counting_time)
    plan = copy_example(tmp_path)
    code, _, err = run(str(plan), "--format", "json", "--set", "SLA-4.target=<= 10h", "--set", "SLA-2.credit.percent=5")
    assert code == 0, err
    assert reads == ["tickets.csv"]
    # The baseline times SLA-3 and SLA-4; the what-if times SLA-4 again (SLA-2 is measured).
    assert passes == ["SLA-3", "SLA-4", "SLA-4"]
