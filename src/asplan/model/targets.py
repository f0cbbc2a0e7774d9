"""Target (a comparison an SLA or KPI must meet) and Money (an amount, with its currency).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar, Final, Literal, Self, TypeAlias

from asplan.model.durations import _DURATION_BODY, Duration
from asplan.model.scalar_base import _NUM, _fail, _plain, _Scalar, _tidy

TargetOp: TypeAlias = Literal[">=", ">", "<=", "<", "=="]
TargetKind: TypeAlias = Literal["number", "percent", "duration"]

_TARGET_EXPECTED: Final = (
    "a target like '>= 99.9%', '<= 30m' or '< 2' (an operator >=, >, <=, < or == and a number, percentage or duration)"
)
_TARGET_RE: Final = re.compile(r"\s*(?P<op>>=|<=|==|>|<)\s*(?P<quantity>.*?)\s*", re.ASCII | re.S)
_SIGNED_RE: Final = re.compile(rf"(?P<number>-?{_NUM})(?:\s*(?P<percent>%))?", re.ASCII)
_TARGET_PATTERN: Final = rf"^\s*(?:>=|>|<=|<|==)\s*(?:-?{_NUM}\s*%?|{_DURATION_BODY})\s*$"


class Target(_Scalar):
    """A commitment's threshold: a comparison and a number, percentage or duration.

    ``value`` is always the threshold in the unit ``is_met`` compares in (percent
    points for percentages, minutes for durations), so callers never branch on the
    kind to check a measurement.  Equality is by meaning: ``'<=1h' == '<= 60m'``.
    """

    __slots__ = ("duration", "kind", "op", "quantity", "value")
    op: TargetOp
    kind: TargetKind
    value: Decimal
    duration: Duration | None
    quantity: str

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": _TARGET_PATTERN,
        "description": (
            "A target: a comparison (>=, >, <=, <, ==) and a quantity, which is a "
            "number, a percentage or a duration. Quote it in YAML."
        ),
        "examples": [">= 99.9%", "<= 30m", "< 2", "== 0", "<= PT4H"],
    }

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        if not isinstance(value, str):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                _fail(
                    _TARGET_EXPECTED,
                    value,
                    f"a target needs a comparison operator, e.g. '>= {value}' (quoted)",
                )
            _fail(_TARGET_EXPECTED, value)
        text = str(value)
        match = _TARGET_RE.fullmatch(text)
        if match is None or not match["quantity"]:
            _fail(_TARGET_EXPECTED, value)
        op: TargetOp = match["op"]  # type: ignore[assignment]  # the regex only admits these
        quantity = match["quantity"]
        number = _SIGNED_RE.fullmatch(quantity)
        if number is not None:
            kind: TargetKind = "percent" if number["percent"] else "number"
            return cls._build(
                text,
                op=op,
                kind=kind,
                value=_tidy(Decimal(number["number"])),
                duration=None,
                quantity=quantity,
            )
        try:
            duration = Duration.parse(quantity)
        except ValueError:
            _fail(
                _TARGET_EXPECTED,
                value,
                f"{quantity!r} is not a number, a percentage or a duration",
            )
        return cls._build(
            text,
            op=op,
            kind="duration",
            value=duration.minutes,
            duration=duration,
            quantity=quantity,
        )

    @property
    def lower_is_better(self) -> bool:
        """True for ``<`` and ``<=``: decides which way credit tiers and deltas point."""
        return self.op in ("<", "<=")

    def is_met(self, actual: Decimal | int | float) -> bool:
        """Whether a measured value meets the target, boundary included for ``>=``/``<=``.

        ``actual`` is in percent points for percentage targets (99.93) and in minutes
        for duration targets.  Floats (as YAML gives them) go through ``str`` so that
        99.9 is exactly 99.9.
        """
        if isinstance(actual, float):
            actual = Decimal(str(actual))
        measured = Decimal(actual)
        if self.op == ">=":
            return measured >= self.value
        if self.op == ">":
            return measured > self.value
        if self.op == "<=":
            return measured <= self.value
        if self.op == "<":
            return measured < self.value
        return measured == self.value

    def _key(self) -> tuple[object, ...]:
        return (self.op, self.kind, self.value)


_MONEY_EXPECTED: Final = (
    "an amount of money: a number, or a string like '12000 EUR' (amount and ISO 4217 code in capitals)"
)
_MONEY_RE: Final = re.compile(rf"(?P<amount>-?{_NUM})(?:\s+(?P<currency>[A-Z]{{3}}))?", re.ASCII)
_MONEY_PATTERN: Final = rf"^{_NUM}(?:\s+[A-Z]{{3}})?$"


class Money(_Scalar):
    """An amount with an optional currency (costs of changes, fixed SLA credits).

    Amounts are ``Decimal`` from the start (floats go through ``str``), because
    credits are summed and printed to the cent.  No currency means "the plan's
    currency": the fee's, decided where the amount is used.
    """

    __slots__ = ("amount", "currency")
    amount: Decimal
    currency: str | None

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": ["number", "string"],
        "minimum": 0,
        "pattern": _MONEY_PATTERN,
        "description": (
            "An amount of money: a number, or an amount and an ISO 4217 currency code "
            "('12000 EUR', '12000.50 EUR'). Never negative."
        ),
        "examples": [500, "12000 EUR", "12000.50 EUR"],
    }

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        if isinstance(value, bool):
            _fail(_MONEY_EXPECTED, value)
        if isinstance(value, int):
            amount = Decimal(value)
            text = str(value)
            currency = None
        elif isinstance(value, float | Decimal):
            amount = Decimal(str(value)) if isinstance(value, float) else value
            if not amount.is_finite():
                _fail(_MONEY_EXPECTED, value)
            text = _plain(amount)
            currency = None
        elif isinstance(value, str):
            match = _MONEY_RE.fullmatch(str(value))
            if match is None:
                _fail(_MONEY_EXPECTED, value)
            amount = Decimal(match["amount"])
            text = str(value)
            currency = match["currency"]
        else:
            _fail(_MONEY_EXPECTED, value)
        if amount < 0:
            _fail(_MONEY_EXPECTED, value, "an amount cannot be negative")
        return cls._build(text, amount=amount, currency=currency)

    def _key(self) -> tuple[object, ...]:
        return (self.amount, self.currency)
