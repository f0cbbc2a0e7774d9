"""The credit statement: what is owed, line by line, for the billing system (spec §7.9).

One line per account, SLA and breached period, from the very rows ``asplan sla``
reports (:func:`asplan.sla.report.rows`), so the statement's totals are ``sla``'s
``credits`` for the same plans and period, by construction; a test holds them to it.

A breached period whose SLA states no credit is a line with credit ``0.00``: the
breach happened and is on record, and nothing is owed for it. A percent credit with
no contract fee to take it from has no amount (empty credit and currency) and no
share in the totals, as in ``sla``.

CSV follows RFC 4180: a header row, comma-separated, CRLF line ends, fields quoted
only when they hold a comma, a quote or a line break. Amounts have a decimal *point*
and no thousands separator, always two decimals (``1225.00``), so a billing system
reads them as written; ``--decimal comma`` writes ``1225,00`` and separates fields
with ``;`` for spreadsheets set to a decimal comma (Excel in es-ES opens such a file
in columns). docs/credits.md has the reasoning. The file starts with a UTF-8 byte
order mark, which is how Excel knows the text is UTF-8 (``Resolución``, not
``ResoluciÃ³n``); CSV readers that know UTF-8 skip it (Python: ``utf-8-sig``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final, Literal

from asplan.printable import one_line
from asplan.sla.credits import format_money
from asplan.sla.engine import PlanSlas
from asplan.sla.report import SlaRow, credit_totals, number, rows

Decimals = Literal["point", "comma"]
DECIMALS: Final[tuple[Decimals, ...]] = ("point", "comma")
"""``--decimal``: amounts as ``1225.00`` with ``,`` between fields, or ``1225,00`` with ``;``."""

CSV_COLUMNS: Final = (
    "type",
    "account",
    "contract",
    "sla",
    "name",
    "period",
    "value",
    "breached_events",
    "credit",
    "currency",
)
BOM: Final = "\ufeff"


@dataclass(frozen=True)
class Line:
    """One breached period of one SLA of one account."""

    account: str
    contract: str | None
    sla: str
    name: str
    kind: str
    period: str
    value: Decimal | None
    percent: bool  # the value is a percentage (a timed SLA's share of events met, or a "99.9%" target)
    breached_events: int | None
    credit: Decimal | None
    currency: str | None


@dataclass(frozen=True)
class Total:
    """What one account owes in one currency."""

    account: str
    contract: str | None
    currency: str
    credit: Decimal


@dataclass(frozen=True)
class Statement:
    today: date
    period: str | None
    lines: tuple[Line, ...]
    totals: tuple[Total, ...]
    credits: Mapping[str, Decimal]


def _line(row: SlaRow, contract: str | None) -> Line:
    sla = row.result.sla
    return Line(
        account=row.account,
        contract=contract,
        sla=sla.id,
        name=sla.name,
        kind=row.result.kind,
        period=row.period.period.label,
        value=row.period.value,
        percent=sla.timed or sla.target.kind == "percent",
        breached_events=len(row.period.breached_events) if sla.timed else None,
        credit=row.credit,
        currency=row.currency if row.credit is not None else None,
    )


def statement(
    today: date,
    reports: Sequence[PlanSlas],
    contracts: Mapping[str, str | None],
    period: str | None = None,
) -> Statement:
    """The statement of ``reports`` (``contracts``: plan file -> contract id).

    Totals are per account and currency, in the accounts' order; ``credits`` sums them
    per currency exactly as :func:`asplan.sla.report.credit_totals` does for ``sla``.
    """
    selected = [r for r in rows(reports) if r.period.status == "breached"]
    lines = tuple(_line(r, contracts.get(r.file)) for r in selected)
    sums: dict[tuple[str, str], Decimal] = {}
    owners: dict[str, str | None] = {}
    for line in lines:
        owners.setdefault(line.account, line.contract)
        if line.credit is not None and line.currency:
            key = (line.account, line.currency)
            sums[key] = sums.get(key, Decimal(0)) + line.credit
    totals = tuple(Total(account, owners[account], currency, credit) for (account, currency), credit in sums.items())
    return Statement(today, period, lines, totals, credit_totals(selected))


# ---------------------------------------------------------------------------- output


def to_json(data: Statement) -> dict[str, Any]:
    return {
        "today": data.today.isoformat(),
        "period": data.period,
        "lines": [
            {
                "account": line.account,
                "contract": line.contract,
                "sla": line.sla,
                "name": line.name,
                "kind": line.kind,
                "period": line.period,
                "value": number(line.value),
                "breached_events": line.breached_events,
                "credit": format_money(line.credit) if line.credit is not None else None,
                "currency": line.currency,
            }
            for line in data.lines
        ],
        "totals": [
            {"account": t.account, "contract": t.contract, "currency": t.currency, "credit": format_money(t.credit)}
            for t in data.totals
        ],
        "credits": {currency: format_money(total) for currency, total in data.credits.items()},
    }


def _figure(value: Decimal | None, decimals: Decimals) -> str:
    shown = number(value)
    if shown is None:
        return ""
    text = str(shown)
    return text.replace(".", ",") if decimals == "comma" else text


def _money(value: Decimal | None, decimals: Decimals) -> str:
    if value is None:
        return ""
    text = format_money(value)
    return text.replace(".", ",") if decimals == "comma" else text


_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Plan text as a CSV field a spreadsheet shows and never evaluates.

    A name like ``=HYPERLINK(...)`` would be a formula in Excel or LibreOffice (CSV
    injection); a leading apostrophe makes it text there, as OWASP recommends. Control
    characters are spelled out (``\\x1b``) as on a terminal: CSV has no escape of its
    own for them, and the file is often read on one. Ids, periods and currencies
    cannot start with a formula character; amounts are written by asplan.
    """
    value = one_line(value)
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def csv_records(data: Statement, decimals: Decimals = "point") -> Iterable[list[str]]:
    """The header, a ``credit`` record per line, then a ``total`` record per account and currency."""
    yield list(CSV_COLUMNS)
    for line in data.lines:
        yield [
            "credit",
            _text(line.account),
            _text(line.contract or ""),
            _text(line.sla),
            _text(line.name),
            line.period,
            _figure(line.value, decimals),
            "" if line.breached_events is None else str(line.breached_events),
            _money(line.credit, decimals),
            line.currency or "",
        ]
    for total in data.totals:
        contract = _text(total.contract or "")
        money = _money(total.credit, decimals)
        yield ["total", _text(total.account), contract, "", "", data.period or "", "", "", money, total.currency]


def to_csv(data: Statement, decimals: Decimals = "point") -> str:
    """RFC 4180 text (``;``-separated with ``decimals="comma"``), behind a UTF-8 byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if decimals == "comma" else ",", lineterminator="\r\n")
    for record in csv_records(data, decimals):
        writer.writerow(record)
    return BOM + out.getvalue()
