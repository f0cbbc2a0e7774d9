"""``asplan credits``: the credit statement for invoicing, one line per account, SLA and breached period."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import fail, table_console, today, use_color, write_output

if TYPE_CHECKING:
    from asplan.sla.statement import Statement

FORMATS = ("text", "csv", "json")
DECIMALS = ("point", "comma")


def credits(
    paths: Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="Only periods overlapping this one (2026-10, 2026-Q3, 2026-W38, 2026), or 'last' closed."
        ),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text, csv or json.")] = "text",
    decimal: Annotated[
        str,
        typer.Option(
            "--decimal",
            metavar="point|comma",
            help="CSV only: 1225.00 and ',' between fields (default), or 1225,00 and ';' (decimal-comma spreadsheets).",
        ),
    ] = "point",
    today_option: Annotated[str | None, typer.Option("--today", help="Date to report at, YYYY-MM-DD.")] = None,
) -> None:
    """The credit statement: credits owed per account, SLA and breached period, with totals per account and currency.

    The same figures as `asplan sla` for the same plans and period: its totals are sla's credits.
    """
    from asplan.cli.sla import evaluate_paths, parse_period
    from asplan.sla.statement import statement, to_csv, to_json

    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected one of {', '.join(FORMATS)}")
    if decimal not in DECIMALS:
        fail(f"--decimal {decimal}: expected one of {', '.join(DECIMALS)}")
    day = today(today_option)
    parse_period(period)  # a bad --period fails before any plan is read
    run = evaluate_paths(paths, day, period=period)
    data = statement(day, run.baseline, run.contracts, period.strip() if period is not None else None)
    if output_format == "json":
        import json

        write_output(json.dumps(to_json(data), indent=2, ensure_ascii=False) + "\n", None)
    elif output_format == "csv":
        import sys

        # Bytes as written: CRLF record ends must not become CRLF-CRLF on Windows.
        sys.stdout.buffer.write(to_csv(data, "comma" if decimal == "comma" else "point").encode("utf-8"))
        sys.stdout.flush()
    else:
        write_output(_text(data, use_color()), None)


def _text(data: Statement, color: bool) -> str:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from asplan.printable import one_line
    from asplan.sla.credits import format_money
    from asplan.sla.report import number

    console = table_console(color)
    scope = f", period {data.period}" if data.period else ""
    if not data.lines:
        return f"No breached periods, no credits (at {data.today.isoformat()}{scope}).\n"
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"Credit statement at {data.today.isoformat()}{scope}",
        title_justify="left",
        pad_edge=False,
    )
    for name in ("account", "contract", "sla", "name", "period"):
        table.add_column(name)
    table.add_column("value", justify="right")
    table.add_column("breached events", justify="right")
    table.add_column("credit", justify="right")
    by_account: dict[str, list[str]] = {}
    for total in data.totals:
        by_account.setdefault(total.account, []).append(f"{format_money(total.credit)} {total.currency}")
    accounts = [line.account for line in data.lines]
    for i, line in enumerate(data.lines):
        value = number(line.value)
        credit = f"{format_money(line.credit)} {line.currency or ''}".strip() if line.credit is not None else "n/a"
        table.add_row(
            Text(one_line(line.account)),
            Text(one_line(line.contract or "—")),
            Text(one_line(line.sla)),
            Text(one_line(line.name)),
            line.period,
            "—" if value is None else f"{value}%" if line.percent else str(value),
            "—" if line.breached_events is None else str(line.breached_events),
            credit,
        )
        last_of_account = i + 1 == len(accounts) or accounts[i + 1] != line.account
        if last_of_account:
            owed = ", ".join(by_account.get(line.account, [])) or "nothing owed"
            table.add_row(
                "", "", "", Text(f"total {one_line(line.account)}", style="bold"), "", "", "", owed, end_section=True
            )
    console.print(table)
    money = ", ".join(f"{format_money(total)} {currency}" for currency, total in data.credits.items()) or "none"
    console.print(f"{len(data.lines)} breached period{'s' if len(data.lines) != 1 else ''}; credits: {money}")
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in str(output).splitlines()) + "\n"
