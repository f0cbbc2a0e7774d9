"""Typed scalar values of the plan format (spec §2, "Scalar conventions").

Plans are written by people, so every scalar here keeps the user's own spelling
(``str(value)``) for messages and round trips, while exposing an exact value for
the computations (``Decimal`` minutes, whole months and days, period bounds).

Each type validates itself inside pydantic models and describes itself in the JSON
Schema that editors use, so that the editor, ``asplan check`` and the computations
agree on one grammar.  Parse failures raise ``ValueError`` whose message starts
with the expected form: those messages end up verbatim in ASP102 findings.

The classes are immutable and hashable because they are shared freely between
models, used as dictionary keys (periods, targets) and pickled to worker processes
(``check --jobs``).  Calling a class on an instance of it gives the instance back,
so code may normalise "text or value" inputs with a plain constructor call.
"""

from __future__ import annotations

import calendar
import copy
import re
from datetime import date, datetime, timedelta
from decimal import Context, Decimal
from typing import Annotated, Any, ClassVar, Final, Literal, NoReturn, Self, TypeAlias

from pydantic import AllowInfNan, BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, Strict, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

__all__ = [
    "DURATION_PATTERN",
    "EMAIL_PATTERN",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "Cadence",
    "Duration",
    "Email",
    "Id",
    "Money",
    "PeriodKind",
    "PeriodLabel",
    "StrictDate",
    "Target",
    "TargetKind",
    "TargetOp",
    "TimeZoneName",
    "parse_date",
    "parse_id",
    "parse_time_zone",
]

# A private context: results must not depend on whatever another library did to the
# thread's default decimal context, and 34 digits hold any duration we accept exactly.
_CTX: Final = Context(prec=34)

# Plain ASCII digits on purpose: Python's ``\d`` would accept Arabic-Indic digits,
# which the JSON Schema (ECMA-262) patterns that editors apply would not.
_NUM: Final = r"[0-9]+(?:\.[0-9]+)?"
_ISO_NUM: Final = r"[0-9]+(?:[.,][0-9]+)?"  # ISO 8601 allows a decimal comma


def _describe(value: object) -> str:
    """Name a raw YAML value the way a user would recognise it in an error line."""
    if isinstance(value, str):
        text = str(value)
        if len(text) > 80:
            text = text[:77] + "..."
        return repr(text)
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {'true' if value else 'false'}"
    if isinstance(value, int | float | Decimal):
        return f"the number {value}"
    if isinstance(value, datetime):
        return f"the timestamp {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a value of type {type(value).__name__}"


describe_value = _describe  # public: schema messages (asplan.model.messages) name inputs the same way


def _fail(expected: str, value: object, why: str | None = None) -> NoReturn:
    """Raise the one message shape every scalar uses: expected form first, then input."""
    message = f"expected {expected}, got {_describe(value)}"
    if why:
        message += f": {why}"
    raise ValueError(message)


def _tidy(number: Decimal) -> Decimal:
    """Drop insignificant zeros without ``normalize``'s exponent form (90 -> 9E+1)."""
    if number == number.to_integral_value(context=_CTX):
        return number.quantize(Decimal(1), context=_CTX)
    return number.normalize(_CTX)


def _plain(number: Decimal) -> str:
    """Write a decimal without exponent so that it parses back with our grammars."""
    return format(_tidy(number), "f")


class _Scalar:
    """Shared machinery: immutability, the user's spelling, pickling and pydantic hooks.

    Subclasses provide ``_from_raw`` (parse a YAML value), ``_key`` (what equality
    and hashing mean) and ``_JSON_SCHEMA``.
    """

    __slots__ = ("_text",)
    _text: str
    _JSON_SCHEMA: ClassVar[dict[str, Any]]

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        raise NotImplementedError

    @classmethod
    def _validate(cls, value: object) -> Self:
        if isinstance(value, cls):
            return value
        return cls._from_raw(value)

    @classmethod
    def _build(cls, text: str, **fields: object) -> Self:
        obj = object.__new__(cls)
        object.__setattr__(obj, "_text", text)
        for name, field_value in fields.items():
            object.__setattr__(obj, name, field_value)
        return obj

    def _key(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} values are immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} values are immutable")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Scalar)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._key()))

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._text!r})"

    def __reduce__(self) -> tuple[type[Self], tuple[str]]:
        # The text always parses back to an equal value, so it is all a pickle needs.
        return (type(self), (self._text,))

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Self:
        return self

    @classmethod
    def __get_pydantic_core_schema__(cls, source_type: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            # JSON output gives the user's spelling back; Python dumps keep the value.
            serialization=core_schema.to_string_ser_schema(when_used="json-unless-none"),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        # A copy: pydantic adds field titles and descriptions to the dict in place.
        return copy.deepcopy(cls._JSON_SCHEMA)


# --------------------------------------------------------------------------- Duration

_DURATION_EXPECTED: Final = "a duration like 30m, 4h, 2d, 1w or ISO 8601 PT30M"
_UNIT_MINUTES: Final[dict[str, int]] = {"m": 1, "h": 60, "d": 1440, "w": 10080}
# timedelta's own limit: anything longer could not become ``Duration.delta``.
_MAX_MINUTES: Final = Decimal(999_999_999 * 1440)

_SHORT_DURATION_RE: Final = re.compile(rf"(?P<number>{_NUM})(?P<unit>[mhdw])")
# Deliberately wider than what a Duration accepts (years, months, empty parts):
# recognising those lets the error say *why* instead of just "bad format".
_ISO_DURATION_RE: Final = re.compile(
    rf"P(?:(?P<years>{_ISO_NUM})Y)?(?:(?P<months>{_ISO_NUM})M)?"
    rf"(?:(?P<weeks>{_ISO_NUM})W)?(?:(?P<days>{_ISO_NUM})D)?"
    rf"(?:(?P<time>T)(?:(?P<hours>{_ISO_NUM})H)?(?:(?P<minutes>{_ISO_NUM})M)?"
    rf"(?:(?P<seconds>{_ISO_NUM})S)?)?"
)
# At most six digits before the point in each number of a duration: 999999w is 19,000
# years, far beyond any commitment, and the sum of the longest ISO form still fits the
# computations (timedelta). The JSON Schema says the same with these patterns.
_DURATION_DIGITS: Final = 6
_DUR_NUM: Final = rf"[0-9]{{1,{_DURATION_DIGITS}}}(?:\.[0-9]+)?"
_ISO_DUR_NUM: Final = rf"[0-9]{{1,{_DURATION_DIGITS}}}(?:[.,][0-9]+)?"
_ISO_DURATION_BODY: Final = (
    rf"P(?=[0-9T])(?:{_ISO_DUR_NUM}W)?(?:{_ISO_DUR_NUM}D)?"
    rf"(?:T(?=[0-9])(?:{_ISO_DUR_NUM}H)?(?:{_ISO_DUR_NUM}M)?(?:{_ISO_DUR_NUM}S)?)?"
)
_DURATION_BODY: Final = rf"{_DUR_NUM}[mhdw]|{_ISO_DURATION_BODY}"
DURATION_PATTERN: Final = rf"^(?:{_DURATION_BODY})$"
"""JSON Schema (ECMA-262) pattern of a duration, for schemas built elsewhere."""


def _iso_number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _duration_minutes(value: object) -> Decimal:
    """Parse a duration's text into exact minutes, explaining every refusal."""
    if not isinstance(value, str):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            _fail(_DURATION_EXPECTED, value, f"add a unit, e.g. '{value}m' or '{value}h'")
        _fail(_DURATION_EXPECTED, value)
    short = _SHORT_DURATION_RE.fullmatch(value)
    if short:
        _duration_digits(value, [short["number"]])
        minutes = _CTX.multiply(Decimal(short["number"]), Decimal(_UNIT_MINUTES[short["unit"]]))
    else:
        iso = _ISO_DURATION_RE.fullmatch(value)
        if iso is None:
            _fail(_DURATION_EXPECTED, value)
        parts = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
        if not any(iso[part] for part in parts) or (
            iso["time"] and not any(iso[part] for part in ("hours", "minutes", "seconds"))
        ):
            _fail(_DURATION_EXPECTED, value)
        if iso["years"] or iso["months"]:
            _fail(
                _DURATION_EXPECTED,
                value,
                "years and months have no fixed length; use days or weeks (P30D, P4W); PT...M is minutes",
            )
        _duration_digits(value, [iso[part] for part in parts])
        minutes = Decimal(0)
        for part, size in (("weeks", 10080), ("days", 1440), ("hours", 60), ("minutes", 1)):
            if iso[part]:
                minutes = _CTX.add(minutes, _CTX.multiply(_iso_number(iso[part]), Decimal(size)))
        if iso["seconds"]:
            minutes = _CTX.add(minutes, _CTX.divide(_iso_number(iso["seconds"]), Decimal(60)))
    if minutes > _MAX_MINUTES:
        _fail(_DURATION_EXPECTED, value, "too long")
    return _tidy(minutes)


def _duration_digits(value: str, numbers: list[str | None]) -> None:
    for number in numbers:
        if number and len(re.split(r"[.,]", number)[0]) > _DURATION_DIGITS:
            _fail(_DURATION_EXPECTED, value, f"too long: at most {'9' * _DURATION_DIGITS} of a unit")


def _canonical_duration(minutes: Decimal) -> str:
    """Spell a computed duration in the largest short unit that divides it evenly.

    When that needs more digits than a user may write (``1000944m``), the ISO form with
    one part per unit (``P99W2DT2H24M``), so that the text always parses back.
    """
    limit = 10**_DURATION_DIGITS
    if minutes:
        for unit, size in (("w", 10080), ("d", 1440), ("h", 60)):
            if minutes % size == 0 and minutes / size < limit:
                return f"{_plain(minutes / size)}{unit}"
    if minutes < limit:
        return f"{_plain(minutes)}m"
    weeks = min(int(minutes // 10080), limit - 1)
    rest = minutes - weeks * 10080
    days, rest = divmod(rest, 1440)
    hours, rest = divmod(rest, 60)
    if days >= limit:
        return f"{_plain(minutes)}m"  # beyond anything a plan can say; exact, if not parseable
    date_part = (f"{weeks}W" if weeks else "") + (f"{int(days)}D" if days else "")
    time_part = (f"{int(hours)}H" if hours else "") + (f"{_plain(rest)}M" if rest else "")
    return f"P{date_part}" + (f"T{time_part}" if time_part else "")


class Duration(_Scalar):
    """A fixed length of time: response times, RTO/RPO, escalation delays, SLA targets.

    Kept as exact ``Decimal`` minutes because SLA targets are compared at their
    boundary (``<= 30m`` is met by exactly 30 minutes) and working-time arithmetic
    must not drift.  Equality and ordering are by length, so ``PT30M == 30m``.
    ISO seconds are accepted; the rare second count that has no finite decimal in
    minutes (``PT1S``) is rounded to 34 significant digits.
    """

    __slots__ = ("minutes",)
    minutes: Decimal

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": DURATION_PATTERN,
        "description": (
            "A duration: a number and a unit, m = minutes, h = hours, d = 24 h, "
            "w = 7 d (30m, 4h, 1.5h, 2d, 1w), or ISO 8601 without years or months "
            "(PT30M, P2D, P1DT2H30M). On a business calendar it counts working time."
        ),
        "examples": ["30m", "4h", "2d", "1w", "PT30M", "P1DT2H30M"],
    }

    def __new__(cls, value: str | Duration) -> Self:
        return cls._validate(value)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse ``30m`` / ``PT30M`` style text; raises ``ValueError`` with the expected form."""
        return cls._validate(text)

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        minutes = _duration_minutes(value)
        assert isinstance(value, str)
        return cls._build(str(value), minutes=minutes)

    @classmethod
    def from_minutes(cls, minutes: Decimal | int) -> Self:
        """Wrap a computed length (elapsed, remaining) so it prints like user input."""
        amount = Decimal(minutes)
        if not amount.is_finite() or amount < 0 or amount > _MAX_MINUTES:
            raise ValueError(f"a duration must be between 0 and {_MAX_MINUTES} minutes")
        amount = _tidy(amount)
        return cls._build(_canonical_duration(amount), minutes=amount)

    @classmethod
    def from_delta(cls, delta: timedelta) -> Self:
        """Wrap a ``timedelta`` exactly (to the microsecond)."""
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return cls.from_minutes(_CTX.divide(Decimal(micros), Decimal(60_000_000)))

    def __reduce__(self) -> tuple[Any, ...]:
        # A computed duration's text (1000003m) need not be one a user may write.
        return (_restore_duration, (self._text, self.minutes))

    @property
    def delta(self) -> timedelta:
        """The length as a ``timedelta``, rounded to the microsecond."""
        micros = _CTX.multiply(self.minutes, Decimal(60_000_000)).to_integral_value(context=_CTX)
        return timedelta(microseconds=int(micros))

    def _key(self) -> tuple[object, ...]:
        return (self.minutes,)

    def __lt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.minutes < other.minutes

    def __le__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.minutes <= other.minutes

    def __gt__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.minutes > other.minutes

    def __ge__(self, other: Duration) -> bool:
        if not isinstance(other, Duration):
            return NotImplemented
        return self.minutes >= other.minutes


# ---------------------------------------------------------------------------- Cadence

_CADENCE_EXPECTED: Final = (
    "a cadence: daily, weekly, biweekly, monthly, bimonthly, quarterly, semiannual, "
    "yearly, annual or ISO 8601 like P10D, P2W, P3M, P1Y"
)
# "biweekly" and "bimonthly" mean every two weeks / months, as in scheduling tools;
# the "twice a ..." reading would not be a fixed step at all.
_CADENCE_NAMES: Final[dict[str, tuple[int, int]]] = {
    "daily": (0, 1),
    "weekly": (0, 7),
    "biweekly": (0, 14),
    "monthly": (1, 0),
    "bimonthly": (2, 0),
    "quarterly": (3, 0),
    "semiannual": (6, 0),
    "yearly": (12, 0),
    "annual": (12, 0),
}
_CADENCE_MAX_DIGITS: Final = 7  # beyond the date range anyway; keeps int() cheap
_CADENCE_DIGITS: Final = rf"[0-9]{{1,{_CADENCE_MAX_DIGITS}}}"
# ``(?=[^T]*[1-9])``: some part is not zero (``P0D`` never comes round again).
_CADENCE_PATTERN: Final = (
    "^(?:"
    + "|".join(_CADENCE_NAMES)
    + rf"|P(?=[0-9])(?=[^T]*[1-9])(?:{_CADENCE_DIGITS}Y)?(?:{_CADENCE_DIGITS}M)?"
    + rf"(?:{_CADENCE_DIGITS}W)?(?:{_CADENCE_DIGITS}D)?)$"
)


class Cadence(_Scalar):
    """How often something recurs (reviews, touchpoints, KPI measurements, tests).

    Stored as whole months and days because "monthly" is not a fixed number of days:
    months are added on the calendar, clamped to the month's end, then days.
    Equality is by (months, days), so ``yearly == annual == P12M`` and
    ``biweekly == P2W == P14D``.
    """

    __slots__ = ("days", "months")
    months: int
    days: int

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": _CADENCE_PATTERN,
        "description": (
            "A cadence: daily, weekly, biweekly (every two weeks), monthly, bimonthly "
            "(every two months), quarterly, semiannual, yearly (alias annual), or an "
            "ISO 8601 date duration (P10D, P2W, P3M, P1Y, P1Y6M). Adding months clamps "
            "to the month's end: 2026-08-31 + P3M = 2026-11-30."
        ),
        "examples": ["weekly", "monthly", "quarterly", "P10D", "P2W", "P3M", "P1Y6M"],
    }

    def __new__(cls, value: str | Cadence) -> Self:
        return cls._validate(value)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse a cadence name or ISO date duration; ``ValueError`` shows the expected form."""
        return cls._validate(text)

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        if not isinstance(value, str):
            _fail(_CADENCE_EXPECTED, value)
        text = str(value)
        named = _CADENCE_NAMES.get(text)
        if named is not None:
            return cls._build(text, months=named[0], days=named[1])
        iso = _ISO_DURATION_RE.fullmatch(text)
        if iso is None:
            _fail(_CADENCE_EXPECTED, value)
        date_parts = ("years", "months", "weeks", "days")
        time_parts = ("hours", "minutes", "seconds")
        if iso["time"]:
            _fail(
                _CADENCE_EXPECTED,
                value,
                "a cadence counts whole days, weeks, months or years, not hours (use P1D or daily)",
            )
        if not any(iso[part] for part in date_parts + time_parts):
            _fail(_CADENCE_EXPECTED, value)
        counts: dict[str, int] = {}
        for part in date_parts:
            digits = iso[part] or "0"
            if not digits.isdigit():
                _fail(_CADENCE_EXPECTED, value, "use whole numbers (P45D rather than P1.5M)")
            if len(digits) > _CADENCE_MAX_DIGITS:
                _fail(_CADENCE_EXPECTED, value, "too long")
            counts[part] = int(digits)
        months = counts["years"] * 12 + counts["months"]
        days = counts["weeks"] * 7 + counts["days"]
        if months == 0 and days == 0:
            _fail(_CADENCE_EXPECTED, value, "a cadence must be longer than zero")
        return cls._build(text, months=months, days=days)

    @property
    def approx_days(self) -> int:
        """Length in days with months at their mean Gregorian length (30, 91, 183, 365).

        Only for sorting and limits such as "due soon" windows, never for dates.
        """
        # 365.2425 / 12 days per month, rounded half up, in integers.
        return (self.months * 3_652_425 + 60_000) // 120_000 + self.days

    def add(self, d: date, times: int = 1) -> date:
        """The date ``times`` steps after ``d`` (before it when ``times`` is negative).

        All months are added at once from the anchor and clamped once, so
        Aug 31 + 2 x monthly is Oct 31, not Oct 30 via a clamped Sep 30.
        Raises ``OverflowError`` beyond the supported date range.
        """
        total = d.year * 12 + (d.month - 1) + self.months * times
        year, month_index = divmod(total, 12)
        if not 1 <= year <= 9999:
            raise OverflowError(f"{d.isoformat()} + {times} x {self} is outside the date range")
        month = month_index + 1
        day = min(d.day, calendar.monthrange(year, month)[1])
        try:
            return date(year, month, day) + timedelta(days=self.days * times)
        except OverflowError:
            raise OverflowError(f"{d.isoformat()} + {times} x {self} is outside the date range") from None

    def _key(self) -> tuple[object, ...]:
        return (self.months, self.days)


# ----------------------------------------------------------------------------- Target

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

    def __new__(cls, value: str | Target) -> Self:
        return cls._validate(value)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse ``'>= 99.9%'`` style text; ``ValueError`` shows the expected form."""
        return cls._validate(text)

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


# ------------------------------------------------------------------------------ Money

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

    def __new__(cls, value: str | int | float | Decimal | Money) -> Self:
        return cls._validate(value)

    @classmethod
    def parse(cls, text: str | int | float | Decimal) -> Self:
        """Parse a YAML number or ``'12000 EUR'``; ``ValueError`` shows the expected form."""
        return cls._validate(text)

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


# -------------------------------------------------------------------------------- Id

ID_PATTERN: Final = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
ID_MAX_LENGTH: Final = 100
_ID_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*", re.ASCII)
_ID_EXPECTED: Final = "an id: letters, digits, '.', '_' or '-', starting with a letter or digit"


def parse_id(value: object) -> str:
    """Check an id and return it as a plain ``str``.

    Public because ids also arrive outside plans (``asplan new ID``).  A YAML number
    is refused rather than converted: ``007`` would silently become ``7``.
    """
    if not isinstance(value, str):
        if isinstance(value, int | float) and not isinstance(value, bool):
            _fail(_ID_EXPECTED, value, f"quote it if it is meant as an id: '{value}'")
        _fail(_ID_EXPECTED, value)
    text = str(value)
    if not _ID_RE.fullmatch(text):
        _fail(_ID_EXPECTED, value)
    if len(text) > ID_MAX_LENGTH:
        _fail(_ID_EXPECTED, value, f"at most {ID_MAX_LENGTH} characters, this has {len(text)}")
    return text


Id: TypeAlias = Annotated[
    str,
    BeforeValidator(parse_id),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": ID_MAX_LENGTH,
            "description": (
                "An id: letters, digits, '.', '_' or '-', starting with a letter or digit; unique inside its section."
            ),
            "examples": ["OBJ-1", "acme-logistica", "maria.lopez"],
        }
    ),
]


# ------------------------------------------------------------------------ PeriodLabel

PeriodKind: TypeAlias = Literal["month", "quarter", "week", "year"]
_PERIOD_KINDS: Final = ("month", "quarter", "week", "year")
_PERIOD_EXPECTED: Final = "a period like 2026-10, 2026-Q3, 2026-W38 or 2026"
_PERIOD_RE: Final = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{2})|Q(?P<quarter>[0-9])|W(?P<week>[0-9]{2})))?",
    re.ASCII,
)
# Years 0001 to 9998: a period of 9999 would end after the last representable day.
_PERIOD_PATTERN: Final = r"^(?!0000|9999)[0-9]{4}(?:-(?:0[1-9]|1[0-2])|-Q[1-4]|-W(?:0[1-9]|[1-4][0-9]|5[0-3]))?$"


def _month_start(year: int, month: int) -> date:
    """First day of a month given possibly out-of-range month numbers (13 -> next Jan)."""
    years, index = divmod(month - 1, 12)
    return date(year + years, index + 1, 1)


class PeriodLabel(_Scalar):
    """A reporting period of an SLA measurement: a month, quarter, ISO week or year.

    Carries its own bounds (``end`` exclusive) so that "which period does this event
    belong to" and "latest closed period" are plain date comparisons.  Ordered by
    start (then end); equal labels mean the same period.
    """

    __slots__ = ("end", "kind", "label", "start")
    kind: PeriodKind
    start: date
    end: date
    label: str

    _JSON_SCHEMA: ClassVar[dict[str, Any]] = {
        "type": ["string", "integer"],
        "pattern": _PERIOD_PATTERN,
        "minimum": 1000,
        "maximum": 9998,
        "description": (
            "A period: a month (2026-10), a quarter (2026-Q3), an ISO 8601 week (2026-W38) or a year (2026)."
        ),
        "examples": ["2026-10", "2026-Q3", "2026-W38", "2026"],
    }

    def __new__(cls, value: str | int | PeriodLabel) -> Self:
        return cls._validate(value)

    @classmethod
    def parse(cls, text: str | int) -> Self:
        """Parse a period label (a YAML int is a year); ``ValueError`` shows the form."""
        return cls._validate(text)

    @classmethod
    def _from_raw(cls, value: object) -> Self:
        if isinstance(value, int) and not isinstance(value, bool):
            if not 1000 <= value <= 9998:
                _fail(_PERIOD_EXPECTED, value)
            text = str(value)
        elif isinstance(value, str):
            text = str(value)
        else:
            _fail(_PERIOD_EXPECTED, value)
        match = _PERIOD_RE.fullmatch(text)
        if match is None:
            _fail(_PERIOD_EXPECTED, value)
        year = int(match["year"])
        if not 1 <= year <= 9998:
            _fail(_PERIOD_EXPECTED, value, "outside the supported dates (years 0001 to 9998)")
        kind: PeriodKind
        try:
            if match["month"]:
                kind, month = "month", int(match["month"])
                if not 1 <= month <= 12:
                    _fail(_PERIOD_EXPECTED, value, "months run from 01 to 12")
                start, end = date(year, month, 1), _month_start(year, month + 1)
            elif match["quarter"]:
                kind, quarter = "quarter", int(match["quarter"])
                if not 1 <= quarter <= 4:
                    _fail(_PERIOD_EXPECTED, value, "quarters run from Q1 to Q4")
                start = date(year, 3 * quarter - 2, 1)
                end = _month_start(year, 3 * quarter + 1)
            elif match["week"]:
                kind, week = "week", int(match["week"])
                weeks = date(year, 12, 28).isocalendar().week
                if not 1 <= week <= weeks:
                    _fail(_PERIOD_EXPECTED, value, f"ISO year {year} has weeks W01 to W{weeks}")
                start = date.fromisocalendar(year, week, 1)
                end = start + timedelta(days=7)
            else:
                kind, start, end = "year", date(year, 1, 1), date(year + 1, 1, 1)
        except (ValueError, OverflowError) as exc:
            if str(exc).startswith("expected "):
                raise
            _fail(_PERIOD_EXPECTED, value, "outside the supported dates (years 0001 to 9998)")
        return cls._build(str(value), kind=kind, start=start, end=end, label=text)

    @classmethod
    def for_date(cls, kind: PeriodKind, d: date) -> Self:
        """The period of ``kind`` holding ``d`` (weeks by ISO 8601 week-numbering year)."""
        if kind == "year":
            label = f"{d.year:04d}"
        elif kind == "month":
            label = f"{d.year:04d}-{d.month:02d}"
        elif kind == "quarter":
            label = f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        elif kind == "week":
            iso = d.isocalendar()
            label = f"{iso.year:04d}-W{iso.week:02d}"
        else:
            raise ValueError(f"expected a period kind ({', '.join(_PERIOD_KINDS)}), got {kind!r}")
        return cls._from_raw(label)

    def previous(self) -> Self:
        """The period of the same kind just before this one."""
        if self.start == date.min:
            raise OverflowError(f"no period before {self.label}")
        return self.for_date(self.kind, self.start - timedelta(days=1))

    def next(self) -> Self:
        """The period of the same kind just after this one."""
        return self.for_date(self.kind, self.end)

    def contains(self, d: date) -> bool:
        """Whether ``d`` falls in the period (``end`` is exclusive)."""
        return self.start <= d < self.end

    def _key(self) -> tuple[object, ...]:
        # (start, end) identifies the period: no two kinds share both bounds.
        return (self.start, self.end)

    def __lt__(self, other: PeriodLabel) -> bool:
        if not isinstance(other, PeriodLabel):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __le__(self, other: PeriodLabel) -> bool:
        if not isinstance(other, PeriodLabel):
            return NotImplemented
        return (self.start, self.end) <= (other.start, other.end)

    def __gt__(self, other: PeriodLabel) -> bool:
        if not isinstance(other, PeriodLabel):
            return NotImplemented
        return (self.start, self.end) > (other.start, other.end)

    def __ge__(self, other: PeriodLabel) -> bool:
        if not isinstance(other, PeriodLabel):
            return NotImplemented
        return (self.start, self.end) >= (other.start, other.end)


# ------------------------------------------------------------------------------ Dates

_DATE_EXPECTED: Final = "a date YYYY-MM-DD"
_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_date(text: str) -> date:
    """Parse exactly ``YYYY-MM-DD``.

    Stricter than ``date.fromisoformat`` and pydantic on purpose: ``20260105``,
    ``2026-W01-1`` or a timestamp in a date field is almost always a mistake in a
    plan, and the spec allows one spelling only.
    """
    if not isinstance(text, str) or not _DATE_RE.fullmatch(text):
        _fail(_DATE_EXPECTED, text)
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        _fail(_DATE_EXPECTED, text, str(exc))


def _strict_date(value: object) -> date:
    # A datetime is a date subclass; accepting it would let timestamps through.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return parse_date(value)  # type: ignore[arg-type]  # parse_date reports non-strings


StrictDate: TypeAlias = Annotated[date, BeforeValidator(_strict_date)]
"""A plan date: only ``YYYY-MM-DD`` text (or a ``date``), JSON Schema string/date."""


# ------------------------------------------------------------------------------ Numbers


def _strict_number(value: object) -> Decimal:
    # YAML gives int or float; a quoted "30" or a boolean in a number field is a
    # mistake that lax coercion would hide (and the JSON Schema would flag).
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        _fail("a number", value)
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if not number.is_finite():
        _fail("a finite number", value)
    return number


Number: TypeAlias = Annotated[
    Decimal,
    BeforeValidator(_strict_number),
    WithJsonSchema({"type": "number", "description": "A number (not quoted)."}),
]
"""An exact number from YAML: int or float only, held as ``Decimal`` (money-safe)."""

Real: TypeAlias = Annotated[float, Strict(), AllowInfNan(False)]
"""A measured value: int or float only, never a string, never NaN or infinity."""

def _whole(value: object) -> object:
    # JSON Schema counts 1.0 as an integer, so check does too; 1.5, "1" and true are not.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Whole: TypeAlias = Annotated[int, BeforeValidator(_whole), Strict()]
"""A whole number: never a string, a fraction or a boolean (``2.0`` is 2, as in JSON Schema)."""

Flag: TypeAlias = Annotated[bool, Strict()]
"""``true`` or ``false`` only: ``"yes"`` or ``1`` in a plan is a mistake, not a boolean."""


def _restore_duration(text: str, minutes: Decimal) -> Duration:
    return Duration._build(text, minutes=minutes)


# ------------------------------------------------------------------------ Time zones

_ZONE_EXPECTED: Final = "an IANA time zone like Europe/Madrid, America/New_York or UTC"
# Names the zone database has that do not name a place: ``localtime`` is whatever the
# machine running asplan is set to, so a plan using it would not mean the same
# everywhere; ``posixrules`` and ``Factory`` are artefacts of the database build.
_NOT_ZONES: Final = frozenset({"localtime", "posixrules", "Factory"})


def _zone_key(name: str) -> str:
    return re.sub(r"[\s_-]", "", name).lower()


def suggest_time_zone(name: str) -> str | None:
    """The IANA name a misspelt one most likely meant (``America/NewYork`` -> ``America/New_York``)."""
    import difflib
    import zoneinfo

    known = sorted(z for z in zoneinfo.available_timezones() if z not in _NOT_ZONES)
    by_key = {_zone_key(z): z for z in known}
    exact = by_key.get(_zone_key(name))
    if exact is not None:
        return exact
    # A city alone (`Madrid`, `new york`): the zone whose last part it is, when only one is.
    if "/" not in name:
        cities = [z for z in known if _zone_key(z.rsplit("/", 1)[-1]) == _zone_key(name)]
        if len(cities) == 1:
            return cities[0]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return close[0] if close else None


def parse_time_zone(value: object) -> str:
    """An IANA time zone name, checked against the zone database; ``ValueError`` says what was meant.

    Why here and not where the zone is used: a zone that does not exist would make
    every time in the plan's SLAs UTC, which is a silent change of the money.
    """
    if not isinstance(value, str):
        _fail(_ZONE_EXPECTED, value)
    name = str(value)
    import zoneinfo

    valid = (
        bool(name)
        and name not in _NOT_ZONES
        and not name.startswith(("posix/", "right/", "/"))
        and ".." not in name.split("/")
    )
    if valid:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            valid = False
    if not valid:
        suggestion = suggest_time_zone(name) if name else None
        _fail(_ZONE_EXPECTED, value, f"did you mean {suggestion!r}?" if suggestion else "not in the time zone database")
    return name


TimeZoneName: TypeAlias = Annotated[
    str,
    BeforeValidator(parse_time_zone),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "description": "An IANA time zone name (Europe/Madrid, America/New_York, UTC).",
            "examples": ["Europe/Madrid", "America/New_York", "UTC"],
        }
    ),
]
"""A time zone of the IANA database, by its name."""


# --------------------------------------------------------------------------- E-mail

# No backslash before the quotes: the pattern is published in the JSON Schema, and
# ECMAScript regular expressions in unicode mode (check-jsonschema, editors) refuse an
# escaped quote as an unknown escape.
_EMAIL_CHARS: Final = r"""[^@\s<>"'()\[\]:;,]"""
EMAIL_PATTERN: Final = rf"""^{_EMAIL_CHARS}+@{_EMAIL_CHARS}+\.[^@\s<>"'()\[\]:;,.]+$"""
"""One address, ``name@domain.tld``: what a document can link with ``mailto:`` (ECMA-262 too)."""
_EMAIL_RE: Final = re.compile(EMAIL_PATTERN)


def _email(value: object) -> str:
    if not isinstance(value, str) or not _EMAIL_RE.match(value):
        _fail("an e-mail address like maria.lopez@example.com", value)
    return str(value)


Email: TypeAlias = Annotated[
    str,
    BeforeValidator(_email),
    WithJsonSchema(
        {
            "type": "string",
            "format": "email",
            "pattern": EMAIL_PATTERN,
            "description": "One e-mail address, like maria.lopez@example.com.",
            "examples": ["maria.lopez@example.com"],
        }
    ),
]
"""An e-mail address: one address, so a rendered document can link it."""
