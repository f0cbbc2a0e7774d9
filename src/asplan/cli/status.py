"""``asplan status``: the portfolio dashboard in the terminal, or as JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import FORCE_OUTPUT_HELP, fail, load_config, today, use_color, write_output

if TYPE_CHECKING:
    from asplan.render.i18n import Locale
    from asplan.render.portfolio import PortfolioRow

FORMATS = ("text", "json")
SORTS = ("tier", "health")
STAGES = ("presale", "onboarding", "service", "renewal", "retention", "churned")


def status(
    paths: Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the table: en (default) or es.")] = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Date of the figures, YYYY-MM-DD.")] = None,
    sort: Annotated[
        str, typer.Option("--sort", help="tier (default: tier, then overdue items) or health (lowest score first).")
    ] = "tier",
    stage: Annotated[
        list[str] | None,
        typer.Option(
            "--stage",
            help="Only accounts in this life-cycle stage: presale, onboarding, service, renewal, retention, churned.",
        ),
    ] = None,
) -> None:
    """Per account: tier, stage, manager, next review, overdue items, SLA breaches, KPI progress, health.

    The health score (0-100) is explained component by component in --format json;
    a plan's sign-off shows whether the plan changed since (read with git).
    """
    from asplan.plan_source import default_paths
    from asplan.render.document import RenderError, RenderOptions, collect_plans, plan_view
    from asplan.render.i18n import LANGUAGES
    from asplan.render.portfolio import portfolio_row, sort_rows

    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected text or json")
    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang}: expected one of {', '.join(LANGUAGES)}")
    if sort not in SORTS:
        fail(f"--sort {sort}: expected tier or health")
    stages = _stages(stage)
    day = today(today_option)
    config = load_config()
    # The dashboard is the provider's own: internal, so the health score (which weighs
    # the client's stance) and the changes since a sign-off are there.
    options = RenderOptions(
        audience="internal",
        lang=lang or "en",
        warn_days=config.warn_days,
        kpi_grace_days=config.kpi_grace_days,
        health_weights=config.health,
    )
    try:
        plans = collect_plans(paths or default_paths(config), config.max_file_bytes)
        if stages:
            plans = [p for p in plans if p.plan.account is not None and p.plan.account.stage.value in stages]
        views = [portfolio_row(plan_view(p.plan, day, options, p.path), link=str(p.path)) for p in plans]
        rows = sort_rows(views, by=sort)
    except RenderError as exc:
        fail(str(exc))
    if output_format == "json":
        write_output(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2) + "\n", output, force)
        return
    write_output(_table(rows, options.lang or "en", color=output is None and use_color()), output, force)


def _table(rows: list[PortfolioRow], lang: str, color: bool) -> str:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from asplan.printable import one_line
    from asplan.render.i18n import locale

    t = locale(lang)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for key, justify in (
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
    ):
        table.add_column(t(key), justify=justify)  # type: ignore[arg-type]
    for r in rows:
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
        table.add_row(
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
        )
    console = Console(
        record=True, width=200, force_terminal=color, no_color=not color, color_system="standard" if color else None
    )
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def _signoff(row: PortfolioRow, t: Locale) -> str:
    """The sign-off date, and whether the plan changed since (when git knows its history)."""
    if row.signoff_date is None:
        return t("none")
    text = row.signoff_date.isoformat()
    history = row.signoff_history
    if history is not None and history.changed:
        return f"{text} [red]{t('status.changed_since')}[/red]"
    return text


def _stages(stage: list[str] | None) -> list[str]:
    """``--stage`` values (repeatable, or comma-separated), each a known life-cycle stage."""
    stages = [v.strip() for value in stage or [] for v in value.split(",") if v.strip()]
    for name in stages:
        if name not in STAGES:
            fail(f"--stage {name}: expected one of {', '.join(STAGES)}")
    return stages
