"""``asplan credits`` as text: one table row per breached period, a total row per account, the totals line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

    from asplan.reporters.credits import Options
    from asplan.sla.statement import Statement


def render(data: Statement, options: Options) -> str:
    from asplan.reporters.tables import sla_width, table_console, table_text
    from asplan.sla.credits import format_money

    console = table_console(options.color, sla_width(options.color))
    scope = f", period {data.period}" if data.period else ""
    if not data.lines:
        return f"No breached periods, no credits (at {data.today.isoformat()}{scope}).\n"
    money = ", ".join(f"{format_money(total)} {currency}" for currency, total in data.credits.items()) or "none"
    footer = f"{len(data.lines)} breached period{'s' if len(data.lines) != 1 else ''}; credits: {money}"
    return table_text(console, [_table(data, scope), footer])


def _table(data: Statement, scope: str) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from asplan.printable import one_line
    from asplan.sla.credits import format_money
    from asplan.sla.report import number

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
    return table
