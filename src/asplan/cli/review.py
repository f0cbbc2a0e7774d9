"""``asplan review``: record a held review in the plan, keeping the file as written."""

from __future__ import annotations

from typing import Annotated

import typer

from asplan.cli.common import fail, load_config, say, today


def review(
    plan: Annotated[str, typer.Argument(help="The plan file.", metavar="PLAN")],
    date_option: Annotated[
        str | None, typer.Option("--date", help="Date the review was held, YYYY-MM-DD (default: today).")
    ] = None,
    attendee: Annotated[
        list[str] | None, typer.Option("--attendee", "-a", help="Person id who attended (repeat for each).")
    ] = None,
    summary: Annotated[str | None, typer.Option("--summary", "-s", help="What was reviewed (Markdown).")] = None,
    decision: Annotated[list[str] | None, typer.Option("--decision", "-d", help="A decision taken (repeat).")] = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Today's date, YYYY-MM-DD.")] = None,
) -> None:
    """Record a held review in reviews.history and print the next review date.

    Attendees must be people of the plan. A reviews.next that the review fulfils (held
    on or after it, or at most warn_days before it) is removed. Every other line of the
    file is kept exactly; a plan that does not validate is refused untouched (exit 2).
    """
    from pathlib import Path

    from asplan.clock import TodayError, parse_day
    from asplan.edit import ReviewError
    from asplan.edit_review import ReviewEntry, record_review_file

    day = today(today_option)
    held = day
    if date_option is not None:
        try:
            held = parse_day(date_option, "--date")
        except TodayError as exc:
            fail(str(exc))
    if summary is not None and not summary.strip():
        fail("--summary: give a summary, or leave the option out")
    decisions = tuple(decision or ())
    if any(not d.strip() for d in decisions):
        fail("--decision: a decision cannot be empty")
    config = load_config()
    path = Path(plan)
    if not path.is_file():
        fail(f"{plan}: no such file")
    entry = ReviewEntry(held, tuple(attendee or ()), summary, decisions)
    try:
        result = record_review_file(path, entry, day, config.warn_days, config.max_file_bytes)
    except ReviewError as exc:
        where = f"{plan}:{exc.line}" if exc.line else plan
        fail(f"{where}: {exc.message}")
    say(f"Recorded the review of {held.isoformat()} in {plan}.")
    if result.cleared_next is not None:
        typer.echo(f"Removed reviews.next ({result.cleared_next.isoformat()}): this review fulfils it.")
    if result.next_review is None:
        typer.echo("Next review: none (no date to count from).")
    else:
        days = (result.next_review - day).days
        when = "today" if days == 0 else (f"in {days} days" if days > 0 else f"{-days} days ago")
        typer.echo(f"Next review: {result.next_review.isoformat()} ({when}).")
