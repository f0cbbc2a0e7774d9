"""Ids, dates, numbers, time zones and e-mail addresses as the plan format accepts them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Final, TypeAlias

from pydantic import AllowInfNan, BeforeValidator, Strict, WithJsonSchema

from asplan.model.scalar_base import _fail

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
