"""What a document says, case by case (spec §7.6): audience, overdue count, honest figures, locale, grammar."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from asplan.render.document import RenderOptions, load_plan, plan_view, render_plan
from asplan.render.portfolio import portfolio_row
from helpers import MINIMAL

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2026, 11, 23)


def _render(tmp_path: Path, text: str, fmt: str = "html", audience: str = "client", lang: str | None = None) -> str:
    path = tmp_path / "acme.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    options = RenderOptions(fmt=fmt, audience=audience, lang=lang)  # type: ignore[arg-type]
    return render_plan(load_plan(path), TODAY, options, path)


# ------------------------------------------------------------------------ audience

RISKY = (
    MINIMAL
    + """\
  - {id: cfo, name: Carla Ortiz, side: client, role: CFO}
handoff: {date: 2024-01-10, from: maria, to: maria, notes: El cliente negoció mucho el precio.}
risks:
  - {id: R-1, title: El director financiero bloquea la renovación por precio, likelihood: high}
  - {id: R-2, title: Retraso de los circuitos de Lisboa, audience: client}
  - {id: R-3, title: Rotación en el equipo del cliente, audience: internal}
"""
)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_client_sees_only_client_risks_and_no_hand_off(tmp_path: Path, fmt: str) -> None:
    text = _render(tmp_path, RISKY, fmt)
    assert "Retraso de los circuitos de Lisboa" in text
    assert "El director financiero bloquea" not in text  # internal by default
    assert "Rotación en el equipo" not in text
    assert "Hand-off from sales" not in text and "2024" not in text  # the hand-off is internal by default
    assert "El cliente negoció" not in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_internal_document_marks_what_the_client_would_not_see(tmp_path: Path, fmt: str) -> None:
    text = _render(tmp_path, RISKY, fmt, audience="internal")
    mark = '<span class="badge internal"' if fmt == "html" else "_(internal"
    for line in text.splitlines():
        if line.startswith("<nav"):
            continue  # the table of contents names every section
        if "El director financiero bloquea" in line or "Rotación en el equipo" in line or "Hand-off from sales" in line:
            assert mark in line, line
        if "Retraso de los circuitos de Lisboa" in line:
            assert mark not in line, line
    assert "El cliente negoció" in text


def test_a_hand_off_for_the_client_is_shown_without_its_notes(tmp_path: Path) -> None:
    text = _render(tmp_path, RISKY.replace("notes: El cliente", "audience: client, notes: El cliente"), "md")
    assert "## Hand-off from sales\n" in text
    assert "El cliente negoció" not in text  # notes stay internal whatever the section's audience


def test_example_client_documents_leave_the_internal_risks_out() -> None:
    path = EXAMPLES / "acme-logistica.yaml"
    client = render_plan(load_plan(path), TODAY, RenderOptions(fmt="md"), path)
    internal = render_plan(load_plan(path), TODAY, RenderOptions(fmt="md", audience="internal"), path)
    assert "El jefe de almacén de Coslada frena la renovación" not in client
    assert "El jefe de almacén de Coslada frena la renovación _(interno)_" in internal
    assert "Caída del SGA en la campaña de Navidad" in client


# ------------------------------------------------------------------ overdue count

RENEWAL = (
    MINIMAL.replace("  manager: maria\n", "  manager: maria\n  contract: {end: 2027-01-31, renewal_notice_days: 90}\n")
    + "actions:\n  - {id: A-1, title: Late work, owner: maria, due: 2026-11-20}\n"
)


def test_the_renewal_window_is_its_own_indicator_not_an_overdue_item(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(RENEWAL, encoding="utf-8")
    view = plan_view(load_plan(path), TODAY, RenderOptions(), path)
    assert view.headline.overdue == 1  # the late action, not the window that opened on 2 November
    assert view.headline.contract is not None
    assert view.headline.contract.label == "open"
    assert view.headline.contract.detail == "Window open since 2 November 2026 · Contract ends 31 January 2027"
    assert portfolio_row(view).overdue == 1
    html = _render(tmp_path, RENEWAL)
    assert '<div class="label">Contract renewal</div><div class="value small">open</div>' in html


def test_an_ended_contract_is_said_so(tmp_path: Path) -> None:
    text = MINIMAL.replace("  manager: maria\n", "  manager: maria\n  contract: {end: 2026-10-31}\n")
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    view = plan_view(load_plan(path), TODAY, RenderOptions(lang="es"), path)
    assert view.headline.overdue == 0
    assert view.headline.contract is not None
    assert (view.headline.contract.label, view.headline.contract.detail) == (
        "vencido",
        "El contrato venció el 31 de octubre de 2026",
    )


def test_northwind_has_no_overdue_item_but_an_open_renewal_window() -> None:
    path = EXAMPLES / "northwind-health.yaml"
    view = plan_view(load_plan(path), TODAY, RenderOptions(), path)
    assert view.headline.overdue == 0
    assert view.headline.contract is not None and view.headline.contract.label == "open"


# ------------------------------------------------------------------- honest figures

BREACH = (
    MINIMAL
    + """\
slas:
  - id: SLA-1
    name: Availability
    target: ">= 99.9%"
    period: monthly
    penalty: Credit.
    measurements:
      - {period: 2026-09, value: 99.89999}
      - {period: 2026-10, value: 99.9}
"""
)


@pytest.mark.parametrize(
    ("fmt", "september", "october"),
    [
        (
            "html",
            '<td><strong>September 2026</strong></td><td data-label="Actual" class="num">99.89999%</td>'
            '<td data-label="Status"><span class="badge breached">',
            '<td><strong>October 2026</strong></td><td data-label="Actual" class="num">99.9%</td>'
            '<td data-label="Status"><span class="badge met">',
        ),
        ("md", "| September 2026 | 99.89999% | **breached** |", "| October 2026 | 99.9% | met |"),
    ],
)
def test_a_value_is_never_rounded_across_its_threshold(tmp_path: Path, fmt: str, september: str, october: str) -> None:
    text = _render(tmp_path, BREACH, fmt)
    assert september in text
    assert october in text
    assert "99.9% breached" not in text and '99.9%</td><td><span class="badge breached' not in text


def test_kpi_latest_value_keeps_the_decimals_that_show_it_missed_the_target(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + """\
objectives:
  - id: O-1
    title: On time
    kpis:
      - {id: K-1, name: On time, unit: "%", baseline: 80, target: 95,
         measurements: [{date: 2026-10-31, value: 94.996}]}
"""
    )
    html = _render(tmp_path, text)
    assert "Latest <b>94.996%</b>" in html
    assert "Progress: <b>99.97%</b>" in html  # 14.996 of 15 points: not "100%"


# --------------------------------------------------------------- locale and grammar


def test_an_american_client_gets_american_dates_and_dollars(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "  manager: maria\n",
        "  manager: maria\n  locale: en-US\n  since: 2023-04-01\n"
        "  contract: {fee: {amount: 12000, currency: USD, per: month}}\n",
    )
    html = _render(tmp_path, text)
    assert "April 1, 2023" in html and "$12,000.00 per month" in html
    assert "US$" not in html and "1 April 2023" not in html


def test_a_mexican_client_reads_mexican_spanish(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "  manager: maria\n",
        "  manager: maria\n  locale: es-MX\n  contract: {fee: {amount: 12000.5, currency: MXN, per: month}}\n",
    )
    html = _render(tmp_path, text)
    assert '<html lang="es">' in html  # the language follows the locale
    assert "$12,000.50 al mes" in html


def test_status_words_agree_in_the_document(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("  manager: maria\n", "  manager: maria\n  language: es\n")
        + """\
actions:
  - {id: A-1, title: Una acción tardía, owner: maria, due: 2026-11-22}
  - {id: A-2, title: Una acción para mañana, owner: maria, due: 2026-11-24}
objectives:
  - id: O-1
    title: Objetivo
    milestones:
      - {title: Un hito tardío, due: 2026-11-21}
continuity: {last_test: 2025-11-01, test_every: yearly}
communication:
  - {name: Comité, every: monthly, channel: Presencial, face_to_face: true, last: 2026-11-05}
"""
    )
    md = _render(tmp_path, text, "md")
    assert "**vencida** (1 día de retraso)" in md  # la acción
    assert "Un hito tardío — 21 de noviembre de 2026 (vencido: 2 días de retraso)" in md  # el hito
    assert "1 de noviembre de 2026 (vencida)" in md  # la prueba de continuidad
    assert "| próxima (dentro de 1 día) |" in md
    assert "| Presencial |" in md  # not "Presencial (presencial)"
    assert "días de retraso" in md and "1 días" not in md
