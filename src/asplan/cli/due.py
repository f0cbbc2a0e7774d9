"""``asplan due``: the agenda of every plan, soonest first (text, json or ics)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import FORCE_OUTPUT_HELP, error_line, fail, load_config, today, use_color, warn, write_output

if TYPE_CHECKING:
    from datetime import date

    from asplan.agenda import DueItem

FORMATS = ("text", "json", "ics", "md")
GROUPS = ("owner",)


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def due(
    paths: Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")] = None,
    within_days: Annotated[
        int, typer.Option("--within", metavar="DAYS", help="Items due at most DAYS from today (overdue always).")
    ] = 30,
    owner: Annotated[list[str] | None, typer.Option("--owner", help="Only items owned by this person id.")] = None,
    account: Annotated[list[str] | None, typer.Option("--account", help="Only this account id.")] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="Only these kinds: review, action, milestone, touchpoint, continuity_test, contract_renewal,"
            " contract_end, kpi_measurement.",
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option("--group-by", help="owner: one section per owner, overdue first (the weekly digest)."),
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json, md or ics.")] = "text",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
    today_option: Annotated[str | None, typer.Option("--today", help="Date to count from, YYYY-MM-DD.")] = None,
) -> None:
    """The agenda: overdue and upcoming dated items of every plan, soonest first.

    --group-by owner gives the digest: a section per owner, overdue items first,
    then due soon, each with its plan, item and date (--format md for an issue or a
    CI comment). Plans that cannot be read are reported on stderr and skipped; the exit code is
    then 2, after the agenda of the others has been written.
    """
    from difflib import get_close_matches

    from asplan import __version__
    from asplan.agenda import KINDS, to_ics, unknown_filter_values, within
    from asplan.due import collect
    from asplan.plan_source import UsageError, default_paths

    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected one of {', '.join(FORMATS)}")
    if group_by is not None and group_by not in GROUPS:
        fail(f"--group-by {group_by}: expected {', '.join(GROUPS)}")
    if group_by is not None and output_format == "ics":
        fail("--group-by: a calendar has no sections; use --format text, json or md")
    if within_days < 0:
        fail("--within: expected a number of days, 0 or more (overdue items are always listed)")
    kinds = _split(kind)
    for name in kinds:
        if name not in KINDS:
            close = get_close_matches(name, KINDS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            fail(f"--kind {name}: {hint}expected one of {', '.join(KINDS)}")
    day = today(today_option)
    config = load_config()
    try:
        run = collect(
            paths or default_paths(config),
            day,
            warn_days=config.warn_days,
            kpi_grace_days=config.kpi_grace_days,
            max_file_bytes=config.max_file_bytes,
        )
    except UsageError as exc:
        fail(str(exc))
    for line in run.failures:
        error_line(f"{line} (skipped)")
    for line in run.warnings:
        warn(line)
    people = [*run.names, *(i.owner for i in run.items if i.owner)]
    accounts = [*run.plans, *(i.account for i in run.items)]
    problems = [
        *unknown_filter_values("--owner", _split(owner), people, "a person"),
        *unknown_filter_values("--account", _split(account), accounts, "the account"),
    ]
    if problems:
        fail("; ".join(problems))
    items = within(run.items, within_days, owners=_split(owner), accounts=_split(account), kinds=kinds)
    if group_by == "owner" and output_format != "md":
        from asplan import digest

        if output_format == "json":
            text = digest.to_json(items, run.names, run.plans, day, within_days)
        else:
            text = digest.to_text(items, run.names, day, within_days)
    elif output_format == "md":
        from asplan.digest import to_markdown

        text = to_markdown(items, run.names, day, within_days, group_by_owner=group_by == "owner")
    elif output_format == "json":
        import json

        text = json.dumps([item.to_json() for item in items], indent=2, ensure_ascii=False) + "\n"
    elif output_format == "ics":
        text = to_ics(items, day, __version__)
    else:
        text = _table(items, day, within_days, color=output is None and use_color())
    write_output(text, output, force)
    raise typer.Exit(2 if run.failures else 0)


_STATUS_STYLE = {"overdue": "bold red", "due_soon": "yellow", "upcoming": ""}
_STATUS_WORDS = {"overdue": "overdue", "due_soon": "due soon", "upcoming": "upcoming"}


def _when(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"{-days} d ago"
    return f"in {days} d"


def _table(items: list[DueItem], day: date, within_days: int, color: bool) -> str:
    from io import StringIO

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from asplan.printable import one_line

    buffer = StringIO()
    width = None
    if color:
        import shutil

        width = shutil.get_terminal_size().columns
    console = Console(
        file=buffer,
        width=width or 200,
        color_system="auto" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
    )
    if not items:
        console.print(f"Nothing due by {day.isoformat()} + {within_days} days, and nothing overdue.")
        return buffer.getvalue()
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header in ("date", "when", "status", "account", "kind", "item", "owner"):
        table.add_column(header, no_wrap=header != "item", overflow="fold")
    for item in items:
        style = _STATUS_STYLE[item.status.value]
        # Plan text goes in as Text: never read as rich markup, control characters spelled out.
        label = item.title if item.id in (item.title, "review", "continuity") else f"{item.id}  {item.title}"
        table.add_row(
            item.date.isoformat(),
            _when(item.days),
            _STATUS_WORDS[item.status.value],
            Text(one_line(item.account)),
            item.kind.value,
            Text(one_line(label)),
            Text(one_line(item.owner or "")),
            style=style or None,
        )
    console.print(table)
    counts = {status: sum(1 for i in items if i.status.value == status) for status in ("overdue", "due_soon")}
    console.print(
        f"{len(items)} item{'s' if len(items) != 1 else ''}: {counts['overdue']} overdue,"
        f" {counts['due_soon']} due soon (today is {day.isoformat()}, showing {within_days} days ahead)."
    )
    text = buffer.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
