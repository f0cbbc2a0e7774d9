"""Duration: a fixed length of time (response times, RTO/RPO, escalation delays, SLA targets).
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any, ClassVar, Final, Self

from asplan.model.scalar_base import _CTX, _ISO_NUM, _NUM, _fail, _OrderedScalar, _plain, _tidy

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


class Duration(_OrderedScalar):
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






def _restore_duration(text: str, minutes: Decimal) -> Duration:
    return Duration._build(text, minutes=minutes)
