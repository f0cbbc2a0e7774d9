"""``asplan status``: the portfolio dashboard in the terminal, or as JSON.

Options are parsed here; the rows come from :mod:`asplan.status`, printed by a
reporter of :mod:`asplan.reporters.status`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import FORCE_OUTPUT_HELP, fail, load_config, today, use_color, write_output
from asplan.cli.options import Paths

if TYPE_CHECKING:
    from asplan.model.account import Stage

StageOption = Annotated[
    list[str] | None,
    typer.Option(
        "--stage",
        help="Only accounts in this life-cycle stage: presale, onboarding, service, renewal, retention, churned.",
    ),
]


def status(
    paths: Paths = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the table: en (default) or es.")] = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Date of the figures, YYYY-MM-DD.")] = None,
    sort: Annotated[
        str, typer.Option("--sort", help="tier (default: tier, then overdue items) or health (lowest score first).")
    ] = "tier",
    stage: StageOption = None,
) -> None:
    """Per account: tier, stage, manager, next review, overdue items, SLA breaches, KPI progress, health.

    The health score (0-100) is explained component by component in --format json;
    a plan's sign-off shows whether the plan changed since (read with git).
    """
    from asplan.cli.choices import among, choice
    from asplan.plan_source import default_paths
    from asplan.render.document import RenderError
    from asplan.render.i18n import LANGUAGES
    from asplan.reporters.status import Format, renderer
    from asplan.status import Sort, dashboard

    fmt = choice("--format", output_format, Format, listing="or")
    if lang is not None:
        among("--lang", lang, LANGUAGES)
    order = choice("--sort", sort, Sort, listing="or")
    stages = _stages(stage)
    day = today(today_option)
    config = load_config()
    try:
        result = dashboard(paths or default_paths(config), day, config, lang=lang, stages=stages, sort=order)
    except RenderError as exc:
        fail(str(exc))
    write_output(renderer(fmt)(result, output is None and use_color()), output, force)


def _stages(stage: list[str] | None) -> list[Stage]:
    """``--stage`` values (repeatable, or comma-separated), each a known life-cycle stage."""
    from asplan.cli.choices import choice
    from asplan.model.account import Stage

    return [choice("--stage", v.strip(), Stage) for value in stage or [] for v in value.split(",") if v.strip()]
