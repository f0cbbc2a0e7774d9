"""The gettext catalogues, the locale formats and the grammar every document uses."""

from __future__ import annotations

import re
import string
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from asplan.model.scalars import PeriodLabel, Target
from asplan.render import messages
from asplan.render.i18n import LOCALES_DIR, locale
from asplan.render.messages import MESSAGES
from asplan.render.view import kpi_progress, mean_progress

TEMPLATES = Path(__file__).parents[2] / "templates" / "render"
KEYWORDS = {"msg": ((1, "c"), 2), "nmsg": ((1, "c"), 2, 3)}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _extracted() -> set[tuple[str, str | tuple[str, str]]]:
    """What ``pybabel extract -k msg:1c,2 -k nmsg:1c,2,3`` finds in the messages module."""
    found = set()
    for _, text, _, context in extract_from_file("python", messages.__file__, keywords=KEYWORDS):
        assert context is not None
        found.add((context, text if isinstance(text, str) else tuple(text)))
    return found


def _catalogue(name: str) -> set[tuple[str, str | tuple[str, str]]]:
    with (LOCALES_DIR / name).open("rb") as handle:
        catalog = read_po(handle)
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def test_babel_extraction_finds_every_message_and_the_catalogues_are_up_to_date() -> None:
    defined = {(m.key, m.text if m.plural is None else (m.text, m.plural)) for m in MESSAGES.values()}
    assert len(MESSAGES) == len(messages._ALL), "a message key is defined twice"
    assert _extracted() == defined
    # pybabel extract / update (docs/translating.md) were run after the last edit
    assert _catalogue("asplan.pot") == defined
    assert _catalogue("es/LC_MESSAGES/asplan.po") == defined


def test_every_spanish_message_is_translated_with_the_same_placeholders() -> None:
    with (LOCALES_DIR / "es" / "LC_MESSAGES" / "asplan.po").open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals >= 2
    for m in catalog:
        if not m.id:
            continue
        assert not m.fuzzy, f"{m.context}: fuzzy translation"
        sources = [m.id] if isinstance(m.id, str) else list(m.id)
        targets = [m.string] if isinstance(m.string, str) else list(m.string)
        assert len(targets) == (1 if isinstance(m.id, str) else catalog.num_plurals), m.context
        for target in targets:
            assert target.strip(), f"{m.context}: not translated"
            assert _fields(target) == _fields(sources[-1]), f"{m.context}: placeholders differ"


def test_every_template_key_exists_and_plural_keys_use_t_n() -> None:
    singular, plural = set(), set()
    for template in TEMPLATES.rglob("*.j2"):
        text = template.read_text()
        singular.update(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+|[a-z]+)["']""", text))
        plural.update(re.findall(r"""\bt\.n\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
    assert singular and plural
    assert {k for k in singular if MESSAGES.get(k) is None or MESSAGES[k].plural is not None} == set()
    assert {k for k in plural if MESSAGES.get(k) is None or MESSAGES[k].plural is None} == set()


def test_spanish_and_english_formats() -> None:
    es, en = locale("es"), locale("en")
    assert (es.tag, en.tag) == ("es-ES", "en-GB")  # the defaults when a plan names no locale
    assert es.date(date(2026, 12, 9)) == "9 de diciembre de 2026"
    assert en.date(date(2026, 12, 9)) == "9 December 2026"
    assert es.money(Decimal("4000"), "EUR") == "4.000,00\xa0€"
    assert en.money(Decimal("1225.005"), "GBP") == "£1,225.00"  # half-even to cents
    assert es.number(99.62) == "99,62" and en.number(99.62) == "99.62"
    assert es.percent(0.7599) == "76\xa0%" and en.percent(0.7599) == "76%"
    assert es.duration(Decimal(1440), "1d") == "1 d" and en.duration(Decimal(30), "30m") == "30 min"
    assert es.cadence("quarterly") == "trimestral"


def test_a_locale_gives_the_regions_conventions() -> None:
    us, mx = locale("en", "en-US"), locale("es", "es-MX")
    assert us.date(date(2026, 12, 9)) == "December 9, 2026"
    assert us.money(Decimal("1000"), "USD") == "$1,000.00"
    assert locale("en").money(Decimal("1000"), "USD") == "US$1,000.00"  # en-GB
    assert mx.date(date(2026, 12, 9)) == "9 de diciembre de 2026"
    assert mx.number(1234.5) == "1,234.5"  # Mexico writes a decimal point
    assert locale("es").number(1234.5) == "1.234,5"
    # a locale of another language gives way to the language's default
    assert locale("en", "es-MX").tag == "en-GB"


def test_period_labels_in_words() -> None:
    es, en = locale("es"), locale("en", "en-US")
    assert es.period(PeriodLabel("2026-11")) == "noviembre de 2026"
    assert en.period(PeriodLabel("2026-11")) == "November 2026"
    assert es.period(PeriodLabel("2026-Q3")) == "T3 2026"
    assert en.period(PeriodLabel("2026-Q3")) == "Q3 2026"
    assert es.period(PeriodLabel("2026-W38")) == "semana 38 de 2026"
    assert en.period(PeriodLabel("2026-W01")) == "week 1 of 2026"  # ISO weeks, whatever the locale's week rule
    assert es.period(PeriodLabel("2026")) == "2026"
    assert es.period(PeriodLabel("2026-11"), short=True) == "nov 2026"


def test_targets_as_the_reader_writes_them() -> None:
    es, en = locale("es"), locale("en")
    assert es.target(Target(">= 99.9%")) == "≥\xa099,9\xa0%"
    assert en.target(Target(">= 99.9%")) == "≥\xa099.9%"
    assert es.target(Target("<= 30m")) == "≤\xa030 min"
    assert en.target(Target("< 2")) == "<\xa02"
    assert en.target(Target(">= 99.995%")) == "≥\xa099.995%"  # a threshold keeps all its decimals


@pytest.mark.parametrize(
    ("lang", "count", "late", "ahead"),
    [
        ("es", 1, "1 día de retraso", "dentro de 1 día"),
        ("es", 2, "2 días de retraso", "dentro de 2 días"),
        ("en", 1, "1 day late", "in 1 day"),
        ("en", 21, "21 days late", "in 21 days"),
    ],
)
def test_day_counts_agree_with_their_number(lang: str, count: int, late: str, ahead: str) -> None:
    t = locale(lang)
    assert t.n("due.days_late", count) == late
    assert t.n("due.in_days", count) == ahead


def test_status_words_agree_with_what_they_describe() -> None:
    es = locale("es")
    assert es("due.overdue.action") == "vencida"  # la acción
    assert es("due.overdue.milestone") == "vencido"  # el hito
    assert es("due.overdue.continuity_test") == "vencida"  # la prueba
    assert es("due.due_soon.review") == "próxima"  # la revisión
    assert es("status.done") == "hecha" and es("ms.reached") == "alcanzado"
    assert (es("likelihood.high"), es("impact.high")) == ("alta", "alto")  # la probabilidad, el impacto
    assert es.n("doc.portfolio_intro", 1, date="x") == "1 cuenta. Datos a x."
    assert locale("en").n("doc.portfolio_intro", 1, date="x") == "1 account. Figures as of x."


def test_plural_and_singular_messages_are_not_confused() -> None:
    t = locale("en")
    with pytest.raises(TypeError):
        t("due.in_days")
    with pytest.raises(TypeError):
        t.n("sec.risks", 2)
    with pytest.raises(KeyError):
        t("no.such.key")


def test_kpi_progress_both_directions() -> None:
    from asplan.model.objectives import Kpi

    up = Kpi.model_validate(
        {"id": "K", "name": "n", "baseline": 82, "target": 95, "measurements": [{"date": "2026-10-31", "value": 90.1}]}
    )
    down = Kpi.model_validate(
        {
            "id": "K",
            "name": "n",
            "baseline": 0.42,
            "target": 0.30,
            "direction": "decrease",
            "measurements": [{"date": "2026-10-31", "value": 0.37}],
        }
    )
    assert round(kpi_progress(up) or 0, 4) == 0.6231
    assert round(kpi_progress(down) or 0, 4) == 0.4167
    assert mean_progress([1.1, None, 0.5, -0.2]) == 0.5  # clamped to 0..1: (1 + 0.5 + 0) / 3
