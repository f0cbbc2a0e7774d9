"""``asplan credits``: the credit statement for invoicing, one line per account, SLA and breached period.

The figures are ``asplan sla``'s (:func:`asplan.cli.sla.evaluate_paths`), gathered by
:mod:`asplan.sla.statement`; a reporter of :mod:`asplan.reporters.credits` prints them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from asplan.cli.common import today, use_color, write_output
from asplan.cli.options import Paths, Period


def credits(
    paths: Paths = None,
    period: Period = None,
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
    from asplan.cli.choices import among, choice
    from asplan.cli.sla import evaluate_paths
    from asplan.reporters.credits import Format, Options, renderer
    from asplan.sla.statement import DECIMALS, statement

    fmt = choice("--format", output_format, Format)
    mark = among("--decimal", decimal, DECIMALS)
    day = today(today_option)
    run = evaluate_paths(paths, day, period=period)  # a bad --period fails before any plan is read
    data = statement(day, run.baseline, run.contracts, period.strip() if period is not None else None)
    text = renderer(fmt)(data, Options(color=use_color(), decimal=mark))
    if fmt is Format.csv:
        import sys

        # Bytes as written: CRLF record ends must not become CRLF-CRLF on Windows.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    else:
        write_output(text, None)
