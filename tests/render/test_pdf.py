"""``asplan render -f pdf``: A4 pages, a running footer, the audience rules, no request (spec §7.6).

The PDFs are read back with pypdf: page count and size, the text of every page (the
footer's account name, "as of" date and "Page X of Y"), and what the client's version
must not contain. Skipped only outside CI when WeasyPrint (or the Pango library it
loads) is missing; with ``CI=true`` that is a failure, as for the browser tests.
"""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.render import pdf as pdf_module
from asplan.render.document import RenderOptions, load_plan, render_plan_file

EXAMPLES = Path(__file__).parents[2] / "examples"
STRESS = Path(__file__).parents[1] / "fixtures" / "render" / "stress-long-names.yaml"
TODAY = date(2026, 11, 23)
IN_CI = os.environ.get("CI", "").lower() == "true"
A4_POINTS = (595.28, 841.89)

try:
    from pypdf import PdfReader
except ImportError:  # pragma: no cover - depends on the environment
    PdfReader = None  # type: ignore[assignment,misc]

if not IN_CI and (pdf_module.unavailable_reason() is not None or PdfReader is None):
    pytest.skip("WeasyPrint (with Pango) and pypdf are needed (they are installed in CI)", allow_module_level=True)

runner = CliRunner()


def _pdf(path: Path, audience: str = "client", lang: str | None = None) -> bytes:
    options = RenderOptions(fmt="pdf", audience=audience, lang=lang)  # type: ignore[arg-type]
    return render_plan_file(load_plan(path), TODAY, options, path)


def _pages(data: bytes) -> list[str]:
    assert PdfReader is not None
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (round(A4_POINTS[0]), round(A4_POINTS[1])), "not A4 portrait"
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def acme() -> dict[str, list[str]]:
    path = EXAMPLES / "acme-logistica.yaml"
    return {audience: _pages(_pdf(path, audience)) for audience in ("client", "internal")}


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("acme-logistica", 8, 16), ("northwind-health", 4, 10), ("minimal", 1, 1), (STRESS.stem, 6, 18)],
)
def test_page_count_and_a_footer_on_every_page(name: str, low: int, high: int) -> None:
    path = STRESS if name == STRESS.stem else EXAMPLES / f"{name}.yaml"
    plan = load_plan(path)
    assert plan.account is not None
    pages = _pages(_pdf(path))
    assert low <= len(pages) <= high, f"{name}: {len(pages)} pages"
    spanish = plan.account.language.value == "es"
    for number, text in enumerate(pages, start=1):
        counter = f"Página {number} de {len(pages)}" if spanish else f"Page {number} of {len(pages)}"
        assert counter in text, (number, text[-200:])
        assert "23 de noviembre de 2026" in text if spanish else "23 November 2026" in text
        # the footer names the account (long names wrap, so look for their first words)
        assert " ".join(plan.account.name.split()[:3]) in text


def test_the_text_is_the_documents(acme: dict[str, list[str]]) -> None:
    text = " ".join(acme["client"])
    assert "PLAN DE SERVICIO DE LA CUENTA" in text and "ACME Logística S.A." in acme["client"][0]
    assert "Disponibilidad del SGA" in text and "agosto de 2026 99,62 % incumplido 1.225,00 €" in text
    assert "Caída del SGA en la campaña de Navidad" in text  # a risk marked audience: client


def test_the_client_pdf_leaves_out_what_is_internal(acme: dict[str, list[str]]) -> None:
    client, internal = " ".join(acme["client"]), " ".join(acme["internal"])
    for secret in (
        "El jefe de almacén de Coslada frena la renovación",  # an internal risk
        "Un competidor ofrece la migración",  # another
        "Traspaso desde ventas",  # the hand-off section
        "Ganado tras un piloto",  # its notes
        "Selección de cuenta clave",  # selection
        "Potencial de ingresos",
        "Influencia",  # people's influence and stance
        "Uso interno",
    ):
        assert secret not in client, secret
        assert secret in internal, secret


def test_the_same_plan_gives_the_same_bytes() -> None:
    path = EXAMPLES / "minimal.yaml"
    first = _pdf(path)
    assert first.startswith(b"%PDF-") and first == _pdf(path)


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    refuse = pdf_module._refuse

    def recording(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        asked.append(url)
        return refuse(url)

    monkeypatch.setattr(pdf_module, "_refuse", recording)
    _pdf(EXAMPLES / "northwind-health.yaml")
    assert asked == []  # the documents reference nothing outside themselves
    data = pdf_module.html_to_pdf('<p>x</p><img src="https://example.com/tracker.png">')
    assert asked == ["https://example.com/tracker.png"] and data.startswith(b"%PDF-")  # asked, refused


def test_cli_writes_pdf_files_and_the_index(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(EXAMPLES), "-f", "pdf", "-o", str(tmp_path), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    presets = ["freshdesk-hooli.pdf", "jsm-globex.pdf", "servicenow-umbrella.pdf", "zendesk-initech.pdf"]
    assert written == sorted(["acme-logistica.pdf", "index.pdf", "minimal.pdf", "northwind-health.pdf", *presets])
    index = _pages((tmp_path / "index.pdf").read_bytes())
    assert len(index) == 1 and "Account portfolio" in index[0] and "Page 1 of 1" in index[0]


def test_cli_writes_one_pdf_to_a_file_or_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "minimal.pdf"
    args = ["render", str(EXAMPLES / "minimal.yaml"), "-f", "pdf", "--today", "2026-11-23"]
    result = runner.invoke(app, [*args, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout_bytes == target.read_bytes()


def test_without_weasyprint_one_line_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now raises ImportError
    result = runner.invoke(app, ["render", str(EXAMPLES), "-f", "pdf", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == f"asplan: error: {pdf_module.INSTALL_HINT}\n"
    assert "pip install 'asplan[pdf]'" in result.output
    assert not (tmp_path / "out").exists()
