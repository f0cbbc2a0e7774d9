"""The words and formats of one document: gettext catalogues for the words, Babel for the rest.

Words come from the messages in :mod:`asplan.render.messages` (English) and their
translations in ``locales/<lang>/LC_MESSAGES/asplan.po``, gettext catalogues a
translator edits with any PO editor; plurals go through ``npgettext`` and the
language's plural rule, so "1 día" and "2 días" are the catalogue's business, not
string concatenation. Dates, numbers, percentages, currency and period labels come
from Babel (CLDR data) in the document's locale (``account.locale``, a BCP 47 tag),
because "9 de diciembre de 2026", "December 9, 2026" and "4.000,00 €" have rules no
hand-written format gets right for every locale.

A missing key is a bug (``KeyError``); a message without a translation is a test
failure (tests/render/test_i18n.py), never an English word in a Spanish document.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final

import babel
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent

from asplan.model.locale_tag import DEFAULT_LOCALE, LANGUAGES
from asplan.model.scalars import Duration, PeriodLabel, Target
from asplan.render.messages import MESSAGES
from asplan.render.numbers import Op, as_decimal, decimals, honest_digits, rounded

__all__ = ["LANGUAGES", "LOCALES_DIR", "Locale", "locale", "translations"]

LOCALES_DIR: Final = Path(__file__).with_name("locales")
DOMAIN: Final = "asplan"

OP_SYMBOL: Final = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang``, read from its ``.po`` file (English is the messages themselves).

    The ``.po`` file is compiled in memory rather than shipped as a ``.mo`` next to
    it, so the file a translator edits is the only one and can never be stale.
    """
    if lang == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with (LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@functools.lru_cache(maxsize=16)
def _babel_locale(tag: str) -> babel.Locale:
    return babel.Locale.parse(tag, sep="-")


@functools.lru_cache(maxsize=64)
def _decimal_pattern(digits: int) -> str:
    return f"#,##0.{'#' * digits}" if digits else "#,##0"


# Plans repeat the same dates and figures many times (every table row, every chart);
# babel formatting is the costliest step of rendering, so each answer is kept.
@functools.lru_cache(maxsize=4096)
def _format_date(value: dt.date, style: str, tag: str) -> str:
    return format_date(value, format=style, locale=_babel_locale(tag))


@functools.lru_cache(maxsize=8192, typed=True)
def _format_number(value: Decimal | int, digits: int, tag: str) -> str:
    return format_decimal(value, format=_decimal_pattern(digits), locale=_babel_locale(tag))


@functools.lru_cache(maxsize=4096)
def _format_period(kind: str, start: dt.date, short: bool, tag: str) -> str:
    """A month or quarter in the locale's words (ISO weeks are a catalogue message: CLDR's week
    numbering follows each locale's week rules, not ISO 8601); a year is its number."""
    if kind == "month":
        return format_skeleton("yMMM" if short else "yMMMM", start, locale=_babel_locale(tag))
    if kind == "quarter":
        return format_skeleton("yQQQ", start, locale=_babel_locale(tag))
    return str(start.year)


# A document shows each figure several times (table, chart, summary) and plans share
# most thresholds, so the whole computation is kept, not only Babel's part of it. Equal
# values share an entry (1.5 and 1.50 print alike); ``typed`` keeps 1 and 1.0 apart.
@functools.lru_cache(maxsize=8192, typed=True)
def _figure(value: float | Decimal | int, unit: str, against: tuple[Op, Decimal] | None, digits: int, tag: str) -> str:
    """:meth:`Locale.figure` (and :meth:`Locale.number`, which is a figure without unit or threshold)."""
    exact = as_decimal(value)
    if against is not None:
        digits = honest_digits(exact, against[0], against[1], digits)
    shown = rounded(exact, digits) if decimals(exact) > digits else exact
    if unit == "%":
        return _format_percent(shown, tag)
    text = _format_number(shown, digits, tag)
    return f"{text}\xa0{unit}" if unit else text


@functools.lru_cache(maxsize=4096)
def _format_money(amount: Decimal, currency: str, tag: str) -> str:
    return format_currency(amount, currency, locale=_babel_locale(tag))


@functools.lru_cache(maxsize=4096)
def _text(lang: str, key: str) -> str:
    """The translation of a message without plural forms (looked up once per language and key)."""
    message = MESSAGES[key]
    if message.plural is not None:
        raise TypeError(f"message {key!r} has plural forms: use t.n({key!r}, count)")
    translated: str = translations(lang).pgettext(key, message.text)
    return translated


@functools.lru_cache(maxsize=4096)
def _format_percent(points: Decimal, tag: str) -> str:
    # ``points`` is already rounded to what the reader must see: shown as is, no further rounding.
    return format_percent(points / 100, locale=_babel_locale(tag), decimal_quantization=False)


@dataclass(frozen=True)
class Locale:
    """The words and formats of one document; every template gets one as ``t``.

    ``lang`` picks the words (a catalogue), ``tag`` the conventions (a BCP 47 locale
    of that language).
    """

    lang: str
    tag: str

    @property
    def babel(self) -> babel.Locale:
        return _babel_locale(self.tag)

    def __call__(self, key: str, **values: object) -> str:
        """The text of ``key`` with ``values`` filled in; a missing key is a bug, so it raises."""
        text = _text(self.lang, key)
        return text.format(**values) if values else text

    def n(self, key: str, count: int, **values: object) -> str:
        """The plural form of ``key`` for ``count`` (``{n}`` is the count, formatted)."""
        message = MESSAGES[key]
        if message.plural is None:
            raise TypeError(f"message {key!r} has no plural forms: use t({key!r})")
        text = translations(self.lang).npgettext(key, message.text, message.plural, count)
        return text.format(n=self.number(count, 0), **values)

    def has(self, key: str) -> bool:
        return key in MESSAGES

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return self("none")
        return _format_date(value, "long", self.tag)

    def short_date(self, value: dt.date | None) -> str:
        if value is None:
            return self("none")
        return _format_date(value, "medium", self.tag)

    def number(self, value: float | Decimal | int | None, digits: int = 2) -> str:
        """A figure as the reader writes it: 99,83 in Spanish, 99.83 in English (at most ``digits`` decimals)."""
        if value is None:
            return self("none")
        return _figure(value, "", None, digits, self.tag)

    def figure(
        self,
        value: float | Decimal | int | None,
        unit: str = "",
        *,
        against: tuple[Op, Decimal] | None = None,
        digits: int = 2,
    ) -> str:
        """A measured value, with ``unit`` (``%`` as the locale writes percentages).

        ``against`` is the threshold the value is judged by: the value then keeps as
        many decimals as it takes never to round across it (:mod:`asplan.render.numbers`).
        """
        if value is None:
            return self("none")
        return _figure(value, unit, against, digits, self.tag)

    def exact(self, value: Decimal | float | int, unit: str = "") -> str:
        """A threshold as written: every decimal it has (a target is never rounded)."""
        number = as_decimal(value)
        return self.figure(number, unit, digits=decimals(number))

    def money(self, amount: Decimal, currency: str) -> str:
        return _format_money(amount, currency, self.tag)

    def percent(self, ratio: float | Decimal, *, against: tuple[Op, Decimal] | None = None) -> str:
        """``0.62`` -> ``62 %`` (Spanish) or ``62%`` (English); ``against`` a threshold, as :meth:`figure`.

        Without a threshold a ratio is shown in whole percents, except that a share
        short of all never shows as 100 % and a share above none never as 0 %.
        """
        points = as_decimal(ratio) * 100
        if against is not None:
            return self.figure(points, "%", against=against, digits=0)
        digits = max(honest_digits(points, ">=", Decimal(100), 0), honest_digits(points, ">", Decimal(0), 0))
        return self.figure(points, "%", digits=digits)

    def target(self, target: Target) -> str:
        """``>= 99.9%`` as the reader writes it: ``≥ 99,9 %``, ``≤ 30 min``."""
        if target.kind == "duration" and target.duration is not None:
            quantity = self.duration(target.duration.minutes, target.quantity)
        elif target.kind == "percent":
            quantity = self.exact(target.value, "%")
        else:
            quantity = self.exact(target.value)
        return f"{OP_SYMBOL[target.op]}\xa0{quantity}"

    def period(self, period: PeriodLabel, short: bool = False) -> str:
        """A reporting period in words: "noviembre de 2026", "T3 2026", "week 38 of 2026"."""
        if period.kind == "week":
            year, week, _ = period.start.isocalendar()
            return self("period.week_short" if short else "period.week", week=week, year=year)
        return _format_period(period.kind, period.start, short, self.tag)

    def periods(self, labels: Iterable[PeriodLabel]) -> str:
        """Several periods in words, comma-separated."""
        return ", ".join(self.period(label) for label in labels)

    def cadence(self, text: str) -> str:
        key = f"cad.{text}"
        return self(key) if key in MESSAGES else text

    def duration(self, minutes: Decimal, spelled: str) -> str:
        """A duration in the largest whole unit (``1 d``, ``30 min``); odd lengths as written."""
        for unit, size in (("w", 10080), ("d", 1440), ("h", 60), ("m", 1)):
            if minutes and minutes % size == 0:
                return self(f"dur.{unit}", n=self.number(minutes / size, 0))
        return spelled

    def span(self, value: Duration | None) -> str:
        return self.duration(value.minutes, str(value)) if value is not None else ""


def locale(lang: str, tag: str | None = None) -> Locale:
    """The document locale: ``lang``'s words with ``tag``'s conventions (default: the language's own).

    A ``tag`` of another language (a plan's ``es-MX`` rendered with ``--lang en``)
    gives way to the language's default, so words and formats never disagree.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    if tag is None or tag.split("-")[0] != lang:
        tag = DEFAULT_LOCALE[lang]
    return Locale(lang, tag)
