"""The one catalogue and the locale formats every document uses."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from asplan.render.i18n import CATALOGUE, locale
from asplan.render.view import kpi_progress, mean_progress

TEMPLATES = Path(__file__).parents[2] / "templates" / "render"


def test_spanish_and_english_formats() -> None:
    es, en = locale("es"), locale("en")
    assert es.date(date(2026, 12, 9)) == "9 de diciembre de 2026"
    assert en.date(date(2026, 12, 9)) == "9 December 2026"
    assert es.money(Decimal("4000"), "EUR") == "4.000,00\xa0€"
    assert en.money(Decimal("1225.005"), "GBP") == "£1,225.00"  # half-even to cents
    assert es.number(99.62) == "99,62" and en.number(99.62) == "99.62"
    assert es.percent(0.7599) == "76\xa0%" and en.percent(0.7599) == "76%"
    assert es.duration(Decimal(1440), "1d") == "1 d" and en.duration(Decimal(30), "30m") == "30 min"
    assert es.cadence("quarterly") == "trimestral"


def test_every_entry_is_translated_and_every_template_key_exists() -> None:
    assert all(en.strip() and es.strip() for en, es in CATALOGUE.values())
    import re

    used = set()
    for template in TEMPLATES.rglob("*.j2"):
        used.update(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_]+|[a-z]+)["']""", template.read_text()))
    assert used, "no t('...') call found in the templates"
    assert used - set(CATALOGUE) == set()


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
