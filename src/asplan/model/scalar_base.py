"""What every typed scalar of the plan format shares (:mod:`asplan.model.scalars`).

Immutability, the user's own spelling (``str(value)``), equality and hashing by value,
pickling, the pydantic hooks (validation and JSON Schema), construction from text or
from an instance (``Duration("30m")``, ``Duration.parse(...)``), and ordering for the
ordered ones. A scalar type supplies only what is its own: ``_from_raw`` (parse a
YAML value), ``_key`` (what equality means) and ``_JSON_SCHEMA``.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from decimal import Context, Decimal
from typing import Any, ClassVar, Final, NoReturn, Self

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

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

    def __new__(cls, value: object) -> Self:
        return cls._validate(value)

    @classmethod
    def parse(cls, text: object) -> Self:
        """Parse the user's text; ``ValueError`` says the expected form (it becomes an ASP102 message)."""
        return cls._validate(text)

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


class _OrderedScalar(_Scalar):
    """A scalar whose values have an order: by :meth:`_key`, only against its own type."""

    __slots__ = ()

    def __lt__(self, other: Self) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Self) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Self) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Self) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self._key() >= other._key()
