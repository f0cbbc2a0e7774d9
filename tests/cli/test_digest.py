"""`asplan due --group-by owner` (spec §7.5): one section per owner, overdue first, in text, JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def due(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["due", "--group-by", "owner", "--today", "2026-11-23", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_has_a_section_per_owner_with_overdue_first(plans: Path) -> None:
    code, out, err = due("--within", "11", "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert (document["today"], document["within"]) == ("2026-11-23", 11)
    summary = [
        (o["owner"], o["name"], [i["id"] for i in o["overdue"]], [i["id"] for i in o["due_soon"]], o["upcoming"])
        for o in document["owners"]
    ]
    assert summary == [
        ("maria.lopez", "María López", ["ACT-6"], ["Llamada semanal de servicio"], []),
        ("priya.shah", "Priya Shah", [], ["Weekly service call"], []),
        ("tom.hughes", "Tom Hughes", ["NWH-MS-2024-03"], ["review", "ACT-3"], []),
    ]
    act6 = document["owners"][0]["overdue"][0]
    assert act6 == {
        "account": "acme-logistica",
        "kind": "action",
        "id": "ACT-6",
        "title": "Cerrar con Compras el anexo de precios de la app de reparto",
        "date": "2026-11-13",
        "status": "overdue",
        "days": -10,
        "owner": "maria.lopez",
        "plan": "plans/acme-logistica.yaml",
    }


def test_text_sections(plans: Path) -> None:
    code, out, _ = due("--within", "11")
    assert code == 0
    assert out == (
        "María López (maria.lopez): 1 overdue, 1 due soon\n"
        "  overdue\n"
        "    2026-11-13  10 days ago  acme-logistica    action            "
        "ACT-6  Cerrar con Compras el anexo de precios de la app de reparto\n"
        "  due soon\n"
        "    2026-11-25  in 2 days    acme-logistica    touchpoint        Llamada semanal de servicio\n"
        "\n"
        "Priya Shah (priya.shah): 1 due soon\n"
        "  due soon\n"
        "    2026-11-26  in 3 days    northwind-health  touchpoint        Weekly service call\n"
        "\n"
        "Tom Hughes (tom.hughes): 1 overdue, 2 due soon\n"
        "  overdue\n"
        "    2026-11-02  21 days ago  northwind-health  contract_renewal  "
        "NWH-MS-2024-03  Renewal window of NWH-MS-2024-03 opens\n"
        "  due soon\n"
        "    2026-12-03  in 10 days   northwind-health  review            Plan review\n"
        "    2026-12-04  in 11 days   northwind-health  action            "
        "ACT-3  Send the renewal proposal to Procurement\n"
        "\n"
        "6 items for 3 owners: 2 overdue, 4 due soon (today is 2026-11-23, showing 11 days ahead).\n"
    )


def test_markdown_sections(plans: Path) -> None:
    code, out, _ = due("--within", "3", "--format", "md")
    assert code == 0
    assert out == (
        "# Due as of 2026-11-23\n\n"
        "4 items for 3 owners: 2 overdue, 2 due soon (today is 2026-11-23, showing 3 days ahead).\n\n"
        "## María López (maria.lopez)\n\n"
        "### Overdue (1)\n\n"
        "| Date | When | Plan | Item |\n|---|---|---|---|\n"
        "| 2026-11-13 | 10 days ago | `acme-logistica` | "
        "action: ACT-6 Cerrar con Compras el anexo de precios de la app de reparto |\n\n"
        "### Due soon (1)\n\n"
        "| Date | When | Plan | Item |\n|---|---|---|---|\n"
        "| 2026-11-25 | in 2 days | `acme-logistica` | touchpoint: Llamada semanal de servicio |\n\n"
        "## Priya Shah (priya.shah)\n\n"
        "### Due soon (1)\n\n"
        "| Date | When | Plan | Item |\n|---|---|---|---|\n"
        "| 2026-11-26 | in 3 days | `northwind-health` | touchpoint: Weekly service call |\n\n"
        "## Tom Hughes (tom.hughes)\n\n"
        "### Overdue (1)\n\n"
        "| Date | When | Plan | Item |\n|---|---|---|---|\n"
        "| 2026-11-02 | 21 days ago | `northwind-health` | "
        "contract renewal: NWH-MS-2024-03 Renewal window of NWH-MS-2024-03 opens |\n"
    )


def test_nothing_due_and_filters_apply_first(plans: Path) -> None:
    code, out, _ = due("--within", "0", "--owner", "priya.shah", "--format", "md")
    assert code == 0
    assert out == "# Due as of 2026-11-23\n\nNothing due by 2026-11-23 + 0 days, and nothing overdue.\n"
    code, out, _ = due("--within", "0", "--owner", "priya.shah")
    assert out == "Nothing due by 2026-11-23 + 0 days, and nothing overdue.\n"
    code, out, _ = due("--within", "0", "--owner", "priya.shah", "--format", "json")
    assert json.loads(out)["owners"] == []


def test_markdown_without_grouping_is_one_table(plans: Path) -> None:
    result = CliRunner().invoke(app, ["due", "--today", "2026-11-23", "--within", "0", "--format", "md"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:6] == [
        "| Date | When | Plan | Item | Owner |",
        "|---|---|---|---|---|",
        "| 2026-11-02 | 21 days ago | `northwind-health` | "
        "contract renewal: NWH-MS-2024-03 Renewal window of NWH-MS-2024-03 opens | tom.hughes |",
        "| 2026-11-13 | 10 days ago | `acme-logistica` | "
        "action: ACT-6 Cerrar con Compras el anexo de precios de la app de reparto | maria.lopez |",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--group-by", "account"), "--group-by account: expected owner"),
        (("--group-by", "owner", "--format", "ics"), "--group-by: a calendar has no sections"),
    ],
)
def test_usage_errors(plans: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(app, ["due", "--today", "2026-11-23", *args])
    assert result.exit_code == 2 and message in result.stderr
