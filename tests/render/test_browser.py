"""Every rendered example in a real browser: headless Chromium via Playwright (no browser download).

At 1280 px and 390 px wide the page must not scroll sideways and must not be blank;
printed to A4 it must give a sane number of pages. Skipped only outside CI when
Chromium or Playwright is missing; with ``CI=true`` a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest

from asplan.render.document import RenderOptions, render_many

EXAMPLES = Path(__file__).parents[2] / "examples"
NAMES = ("acme-logistica", "northwind-health", "minimal")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").lower() == "true"

try:
    from playwright.sync_api import Browser, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None  # type: ignore[assignment]

if not IN_CI and (CHROMIUM is None or sync_playwright is None):
    pytest.skip("headless Chromium and Playwright are needed (they are installed in CI)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    plans = [EXAMPLES / f"{n}.yaml" for n in NAMES]
    for audience in ("client", "internal"):
        render_many(plans, date(2026, 11, 23), RenderOptions(audience=audience), folder / audience)  # type: ignore[arg-type]
    return folder


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    assert CHROMIUM is not None, "Chromium is not installed (apt-get install chromium)"
    assert sync_playwright is not None, "Playwright is not installed (pip install -e '.[dev]')"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


def _png_colours(png: bytes) -> int:
    """How many distinct pixel values a PNG screenshot has (1 = blank), read with zlib alone."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour_type = struct.unpack(">IIBB", png[16:26])
    assert depth == 8 and colour_type in (2, 6)
    data = b""
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        if kind == b"IDAT":
            data += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(data)
    stride = width * (3 if colour_type == 2 else 4) + 1
    # filter bytes differ per row, so sample the row bodies of a few rows
    rows = {raw[r * stride + 1 : (r + 1) * stride] for r in range(0, height, max(height // 40, 1))}
    return len(rows)


PAGES = [(a, n) for a in ("client", "internal") for n in (*NAMES, "index")]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(("audience", "name"), PAGES)
def test_fits_the_screen(site: Path, browser: Browser, audience: str, name: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((site / audience / f"{name}.html").as_uri())
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    inner_width = page.evaluate("window.innerWidth")
    text = page.evaluate("document.body.innerText")
    png = page.screenshot(full_page=True)
    page.close()
    assert scroll_width <= inner_width, f"{name} scrolls sideways at {width}px: {scroll_width}px"
    assert len(text) > 200
    assert _png_colours(png) > 3, "blank page"
    assert [u for u in requests if not u.startswith("file://")] == []


@pytest.mark.parametrize(
    ("name", "low", "high"), [("acme-logistica", 5, 16), ("northwind-health", 3, 10), ("minimal", 1, 1)]
)
def test_prints_on_a4(site: Path, browser: Browser, name: str, low: int, high: int) -> None:
    page = browser.new_page()
    page.goto((site / "client" / f"{name}.html").as_uri())
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    pages = pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>>") + pdf.count(b"/Type /Page/")
    if pages == 0:
        import re

        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert low <= pages <= high, f"{name}: {pages} A4 pages"
