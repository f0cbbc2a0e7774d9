"""``asplan sla --set`` as text: baseline and what-if side by side, per SLA and period.

Only layout lives here; the figures (pairs of rows, totals, differences) come from
:mod:`asplan.sla.whatif`, the same ones the JSON prints.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from asplan.reporters.sla.cells import credit_cell, value_cell

if TYPE_CHECKING:
    from asplan.sla.report import SlaRow
    from asplan.sla.whatif import Comparison

_STYLE = {"met": "green", "breached": "bold red", "no_data": "yellow", "open": "cyan"}


def _signed(amount: Decimal | None, currency: str | None) -> str:
    from asplan.sla.credits import format_money

    if amount is None:
        return "—"
    text = format_money(amount)
    sign = "+" if amount > 0 else ""
    return f"{sign}{text} {currency or ''}".strip()


def _cells(row: SlaRow | None, color: bool) -> list[str]:
    if row is None:
        return ["—", "—", "—"]
    status = row.period.status
    shown = f"[{_STYLE.get(status, 'default')}]{status}[/]" if color else status
    return [value_cell(row), shown, credit_cell(row)]


def comparison_text(comparison: Comparison, color: bool = False) -> str:
    """The changed terms, the comparison table and the totals; the cells are ``asplan sla``'s own."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from asplan.printable import one_line
    from asplan.reporters.tables import sla_width, table_console, table_text

    console = table_console(color, sla_width(color))
    pairs = comparison.pairs()
    several = len({p.row.account for p in pairs}) > 1
    console.print("What if (the plan is unchanged):")
    for account, sla_id, term, old, new in comparison.terms():
        who = f"{account} {sla_id}" if several else sla_id
        console.print(Text(one_line(f"  {who} {term}: {old} -> {new}")))
    if not comparison.terms():
        console.print("  nothing changes: every --set repeats the plan's own terms")
    if not pairs:
        console.print("No SLAs in the selected plans and periods.")
    else:
        table = Table(
            box=box.SIMPLE_HEAD, title=f"SLAs at {comparison.today.isoformat()}", title_justify="left", pad_edge=False
        )
        if several:
            table.add_column("account")
        for name in ("sla", "period"):
            table.add_column(name)
        for side in ("", "what-if "):
            table.add_column(f"{side}value", justify="right")
            table.add_column(f"{side}status")
            table.add_column(f"{side}credit", justify="right")
        table.add_column("difference", justify="right")
        for pair in pairs:
            row = pair.row
            cells: list[str | Text] = [Text(one_line(row.result.sla.id)), row.period.period.label]
            cells += _cells(pair.baseline, color)
            cells += _cells(pair.what_if, color)
            cells.append(_signed(pair.difference, row.currency))
            table.add_row(*([Text(one_line(row.account)), *cells] if several else cells))
        console.print(table)
    return table_text(console, _totals(comparison))


def _totals(comparison: Comparison) -> list[str]:
    """Breached periods and credits on each side, and the difference of the credits."""
    from asplan.sla.credits import format_money

    before, after, delta = comparison.totals()

    def money(totals: dict[str, Decimal]) -> str:
        return ", ".join(f"{format_money(total)} {currency}" for currency, total in totals.items()) or "none"

    def breached(rows: list[SlaRow]) -> int:
        return sum(1 for r in rows if r.period.status == "breached")

    difference = ", ".join(_signed(total, currency) for currency, total in delta.items()) or "none"
    return [
        f"baseline: {breached(comparison.baseline)} breached; credits {money(before)}",
        f"what-if:  {breached(comparison.what_if)} breached; credits {money(after)}",
        f"difference: {difference}",
    ]
