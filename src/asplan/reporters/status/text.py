"""``asplan status`` as a terminal table, in the dashboard's language (en or es).

Plan text is escaped (never read as rich markup) and kept on one line; overdue items,
SLA breaches and a plan changed since its sign-off are red on a terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from asplan.render.i18n import Locale
    from asplan.render.portfolio import PortfolioRow
    from asplan.status import Dashboard

_COLUMNS = (
    ("pf.account", "left"),
    ("acc.tier", "left"),
    ("acc.stage", "left"),
    ("acc.manager", "left"),
    ("acc.next_review", "left"),
    ("acc.overdue", "right"),
    ("acc.sla_breaches", "right"),
    ("acc.kpi_progress", "right"),
    ("acc.satisfaction", "right"),
    ("status.signoff", "left"),
    ("sec.health", "right"),
)


def render(dashboard: Dashboard, color: bool) -> str:
    from rich.table import Table

    from asplan.render.i18n import locale
    from asplan.reporters.tables import WIDE, table_console, table_text

    t = locale(dashboard.lang)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for key, justify in _COLUMNS:
        table.add_column(t(key), justify=justify)  # type: ignore[arg-type]
    for row in dashboard.rows:
        table.add_row(*_cells(row, t, color))
    console = table_console(color, WIDE, color_system="standard", highlight=True, emoji=True)
    return table_text(console, [table], trim=False)


def _cells(r: PortfolioRow, t: Locale, color: bool) -> list[str]:
    from rich.markup import escape

    from asplan.printable import one_line

    review = r.next_review.isoformat() if r.next_review else t("none")
    if r.review_status == "overdue":
        review = f"[red]{review} {t('due.overdue.review')}[/red]"
    elif r.review_status == "due_soon":
        review = f"[yellow]{review} {t('due.due_soon.review')}[/yellow]"
    overdue = f"[red]{r.overdue}[/red]" if r.overdue else "0"
    breaches = f"[red]{r.sla_breaches}[/red]" if r.sla_breaches else "0"
    if r.sla_period:
        breaches += f" ({', '.join(r.sla_period)})"
    account, name = escape(one_line(r.account)), escape(one_line(r.name))
    return [
        f"{account}\n[dim]{name}[/dim]" if color else f"{account} ({name})",
        t(f"tier.{r.tier}"),
        t(f"stage.{r.stage}"),
        escape(one_line(r.manager_name)),
        review,
        overdue,
        breaches,
        t.percent(r.kpi_progress) if r.kpi_progress is not None else t("none"),
        ", ".join(t.number(value) for _, value, _ in r.satisfaction) or t("none"),
        _signoff(r, t),
        str(r.health.score) if r.health is not None else t("none"),
    ]


def _signoff(row: PortfolioRow, t: Locale) -> str:
    """The sign-off date, and whether the plan changed since (when git knows its history)."""
    if row.signoff_date is None:
        return t("none")
    text = row.signoff_date.isoformat()
    history = row.signoff_history
    if history is not None and history.changed:
        return f"{text} [red]{t('status.changed_since')}[/red]"
    return text
