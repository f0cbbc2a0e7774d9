"""``asplan credits``: the credit statement for invoicing (spec §7.9).

Its figures are ``asplan sla``'s: the CSV, parsed back, holds the credits of ``sla
--format json`` line for line, and its totals are ``sla``'s ``credits`` for the same
plans and period.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.sla.statement import CSV_COLUMNS

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = "2026-11-23"
PLANS = [str(EXAMPLES / "acme-logistica.yaml"), str(EXAMPLES / "northwind-health.yaml")]
runner = CliRunner()


def invoke(command: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [command, *args, "--today", TODAY])
    return result.exit_code, result.stdout, result.stderr


def credits_csv(*args: str, delimiter: str = ",") -> list[dict[str, str]]:
    code, out, err = invoke("credits", *args, "--format", "csv")
    assert code == 0, err
    assert out.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline=""), delimiter=delimiter))


def sla_json(*args: str) -> dict[str, Any]:
    code, out, err = invoke("sla", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def breached(report: dict[str, Any]) -> list[tuple[str, str, str, str | None, str | None]]:
    return [
        (r["account"], r["sla"], r["period"], r["credit"], r["currency"])
        for r in report["slas"]
        if r["status"] == "breached"
    ]


@pytest.mark.parametrize("period", [None, "2026-Q3", "2026-07", "2026", "last"])
def test_the_csv_parsed_back_matches_the_sla_json(period: str | None) -> None:
    selection = ("--period", period) if period else ()
    records = credits_csv(*PLANS, *selection)
    report = sla_json(*PLANS, *selection)
    lines = [r for r in records if r["type"] == "credit"]
    assert [(r["account"], r["sla"], r["period"], r["credit"], r["currency"]) for r in lines] == breached(report)
    values = {(r["account"], r["sla"], r["period"]): r["value"] for r in report["slas"]}
    for line in lines:
        assert Decimal(line["value"]) == Decimal(str(values[(line["account"], line["sla"], line["period"])]))
    # Totals per account and currency, and over all accounts they are sla's credits.
    totals: dict[str, Decimal] = {}
    for total in (r for r in records if r["type"] == "total"):
        own = [
            Decimal(r["credit"])
            for r in lines
            if (r["account"], r["currency"]) == (total["account"], total["currency"])
        ]
        assert Decimal(total["credit"]) == sum(own, Decimal(0))
        totals[total["currency"]] = totals.get(total["currency"], Decimal(0)) + Decimal(total["credit"])
    assert {c: f"{t:.2f}" for c, t in totals.items()} == report["credits"]


def test_the_statement_of_the_quarter() -> None:
    records = credits_csv(*PLANS, "--period", "2026-Q3")
    assert list(records[0]) == list(CSV_COLUMNS)
    acme, northwind = ("acme-logistica", "MSA-2024-017"), ("northwind-health", "NWH-MS-2024-03")
    assert [list(r.values()) for r in records] == [
        ["credit", *acme, "SLA-1", "Disponibilidad del SGA", "2026-08", "99.62", "", "1225.00", "EUR"],
        ["credit", *acme, "SLA-2", "Copias de seguridad completadas", "2026-07", "99.1", "", "735.00", "EUR"],
        ["credit", *acme, "SLA-4", "Resolución P2", "2026-07", "92.31", "2", "490.00", "EUR"],
        ["credit", *northwind, "SLA-1", "EPR platform availability", "2026-09", "99.91", "", "500.00", "GBP"],
        ["total", *acme, "", "", "2026-Q3", "", "", "2450.00", "EUR"],
        ["total", *northwind, "", "", "2026-Q3", "", "", "500.00", "GBP"],
    ]


def test_json_totals_equal_the_sla_credits_for_the_same_paths_and_period() -> None:
    for period in (None, "2026-Q3", "2026-06"):
        selection = ("--period", period) if period else ()
        code, out, _ = invoke("credits", str(EXAMPLES), *selection, "--format", "json")
        assert code == 0
        statement = json.loads(out)
        report = sla_json(str(EXAMPLES), *selection)
        assert statement["credits"] == report["credits"]
        assert [(r["account"], r["sla"], r["period"], r["credit"], r["currency"]) for r in statement["lines"]] == (
            breached(report)
        )
    assert statement["period"] == "2026-06"
    assert statement["totals"] == [
        {"account": "acme-logistica", "contract": "MSA-2024-017", "currency": "EUR", "credit": "980.00"}
    ]


def test_csv_is_rfc_4180() -> None:
    result = runner.invoke(app, ["credits", *PLANS, "--format", "csv", "--today", TODAY])
    assert result.exit_code == 0
    body = result.stdout_bytes.decode("utf-8").removeprefix("\ufeff")  # .stdout turns CRLF into LF
    assert body.endswith("\r\n")
    records = body.split("\r\n")[:-1]
    assert "\n" not in "".join(records) and "\r" not in "".join(records)
    assert records[0] == ",".join(CSV_COLUMNS)
    parsed = list(csv.reader(io.StringIO(body, newline="")))
    assert {len(r) for r in parsed} == {len(CSV_COLUMNS)}


def test_text_that_needs_quotes_and_text_a_spreadsheet_would_run(tmp_path: Path) -> None:
    plan = tmp_path / "acme-logistica.yaml"
    shutil.copy(EXAMPLES / "acme-logistica.yaml", plan)
    shutil.copytree(EXAMPLES / "data", tmp_path / "data")
    text = plan.read_text(encoding="utf-8")
    text = text.replace("    name: Copias de seguridad completadas\n", '    name: "Copias, \\"diarias\\""\n')
    text = text.replace("    name: Disponibilidad del SGA\n", '    name: "=HYPERLINK(\\"http://x\\")"\n')
    plan.write_text(text, encoding="utf-8")
    code, out, _ = invoke("credits", str(plan), "--period", "2026-Q3", "--format", "csv")
    assert code == 0
    assert '"Copias, ""diarias"""' in out  # RFC 4180: quoted, quotes doubled
    names = [r["name"] for r in csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline=""))]
    # A leading apostrophe keeps a spreadsheet from running the name as a formula.
    assert names[:2] == ['\'=HYPERLINK("http://x")', 'Copias, "diarias"']


def test_decimal_comma_for_spreadsheets_set_to_it() -> None:
    code, out, _ = invoke("credits", *PLANS, "--period", "2026-Q3", "--format", "csv", "--decimal", "comma")
    assert code == 0
    assert (
        out.removeprefix("\ufeff").splitlines()[3]
        == "credit;acme-logistica;MSA-2024-017;SLA-4;Resolución P2;2026-07;92,31;2;490,00;EUR"
    )
    comma = credits_csv(*PLANS, "--period", "2026-Q3", "--decimal", "comma", delimiter=";")
    point = credits_csv(*PLANS, "--period", "2026-Q3")
    assert [{k: v.replace(",", ".") for k, v in r.items()} for r in comma] == point


def test_text_statement_with_totals_per_account() -> None:
    code, out, _ = invoke("credits", *PLANS, "--period", "2026-Q3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Credit statement at 2026-11-23, period 2026-Q3"
    assert lines[6].split() == [
        "acme-logistica", "MSA-2024-017", "SLA-4", "Resolución", "P2", "2026-07", "92.31%", "2", "490.00", "EUR",
    ]  # fmt: skip
    assert lines[7].split() == ["total", "acme-logistica", "2450.00", "EUR"]
    assert lines[-1] == "4 breached periods; credits: 2450.00 EUR, 500.00 GBP"


def test_a_breach_without_a_credit_is_on_the_statement_at_zero(tmp_path: Path) -> None:
    plan = tmp_path / "northwind-health.yaml"
    shutil.copy(EXAMPLES / "northwind-health.yaml", plan)
    text = plan.read_text(encoding="utf-8")
    start = text.index("    credit:", text.index("  - id: SLA-1"))
    end = text.index("\n    measurements:", start)
    plan.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    code, out, err = invoke("credits", str(plan), "--period", "2026-Q3", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [(r["sla"], r["period"], r["credit"]) for r in data["lines"]] == [("SLA-1", "2026-09", "0.00")]
    assert data["credits"] == {} == sla_json(str(plan), "--period", "2026-Q3")["credits"]


def test_nothing_breached() -> None:
    code, out, _ = invoke("credits", PLANS[1], "--period", "2026-10")
    assert (code, out) == (0, "No breached periods, no credits (at 2026-11-23, period 2026-10).\n")
    result = runner.invoke(app, ["credits", PLANS[1], "--period", "2026-10", "--format", "csv", "--today", TODAY])
    assert result.stdout_bytes.decode("utf-8") == "\ufeff" + ",".join(CSV_COLUMNS) + "\r\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xlsx"), "asplan: error: --format xlsx: expected one of text, csv, json\n"),
        (("--decimal", "dot"), "asplan: error: --decimal dot: expected one of point, comma\n"),
        (("--period", "Q3"), None),
    ],
)
def test_usage_errors_are_exit_2(args: tuple[str, ...], message: str | None) -> None:
    code, out, err = invoke("credits", *PLANS, *args)
    assert (code, out) == (2, "")
    assert err.startswith("asplan: error: ")
    if message is not None:
        assert err == message
