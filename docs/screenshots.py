"""Refresh the README's screenshots in docs/img/ from the examples, as the client receives them.

    .venv/bin/python docs/screenshots.py

Renders the examples (client audience, today 2026-11-23) to HTML and PDF in a temporary
folder, photographs the HTML in headless Chromium (Playwright, with the system's
``chromium``) at 1280 px and 390 px, and turns one PDF page into a PNG with poppler's
``pdftoppm`` (Debian: ``apt-get install poppler-utils``), the page found with pypdf. Not part of the tests: the
pictures are for people; tests/render/test_browser.py and test_pdf.py check the same
documents by machine.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from asplan.render.document import RenderOptions, render_many

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
PLANS = [ROOT / "examples" / f"{name}.yaml" for name in ("acme-logistica", "northwind-health", "minimal")]
TODAY = date(2026, 11, 23)
PDF_TEXT = "SLA-1 · Disponibilidad del SGA"  # the PDF page shown: an SLA's chart, periods and credits


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    pdftoppm = shutil.which("pdftoppm")
    if chromium is None or pdftoppm is None:
        sys.exit("needs chromium and pdftoppm (apt-get install chromium poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        render_many(PLANS, TODAY, RenderOptions(fmt="html"), site / "html")
        render_many(PLANS[:1], TODAY, RenderOptions(fmt="pdf"), site / "pdf")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            wide = browser.new_page(viewport={"width": 1280, "height": 1000})
            wide.goto((site / "html" / "acme-logistica.html").as_uri())
            wide.screenshot(path=IMG / "render-plan.png")
            kpis = wide.locator("#sec-objectives").bounding_box()
            assert kpis is not None
            wide.screenshot(
                path=IMG / "render-kpis.png",
                full_page=True,
                clip={"x": kpis["x"] - 20, "y": kpis["y"], "width": kpis["width"] + 40, "height": 1000},
            )
            wide.goto((site / "html" / "index.html").as_uri())
            wide.screenshot(path=IMG / "portfolio.png", clip={"x": 0, "y": 0, "width": 1280, "height": 520})
            phone = browser.new_page(viewport={"width": 390, "height": 844})
            phone.goto((site / "html" / "acme-logistica.html").as_uri())
            section = phone.locator("#sec-communication").bounding_box()
            assert section is not None
            phone.screenshot(
                path=IMG / "render-phone.png",
                full_page=True,
                clip={"x": 0, "y": section["y"], "width": 390, "height": min(section["height"], 1100)},
            )
            browser.close()
        pdf = site / "pdf" / "acme-logistica.pdf"
        number = next(i for i, page in enumerate(PdfReader(pdf).pages, 1) if PDF_TEXT in (page.extract_text() or ""))
        out = site / "page"
        subprocess.run(
            [pdftoppm, "-png", "-r", "72", "-f", str(number), "-l", str(number), "-singlefile", pdf, out],
            check=True,
        )
        shutil.copyfile(out.with_suffix(".png"), IMG / "render-pdf-page.png")
    print(f"wrote {', '.join(sorted(p.name for p in IMG.glob('*.png')))} to {IMG}")


if __name__ == "__main__":
    main()
