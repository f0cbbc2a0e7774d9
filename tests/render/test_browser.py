"""Every rendered document in a real browser: headless Chromium via Playwright (no browser download).

Spec §7.6 "Fits": at 1280 px, at 390 px (a phone) and in print emulation at the width
of the A4 content box, no element sticks out of the page or hides overflow in a
scroll box, no table cell overflows, and no word of a table header or a name is cut
across two lines. Checked for every example in both languages and audiences, for a
stress plan (long names, many participants, long URLs) and for the portfolio page.
Printed to A4 the examples give a sane number of pages. Skipped only outside CI when
Chromium or Playwright is missing; with ``CI=true`` a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from asplan.render.document import RenderOptions, render_many

EXAMPLES = Path(__file__).parents[2] / "examples"
STRESS = Path(__file__).parents[1] / "fixtures" / "render" / "stress-long-names.yaml"
NAMES = ("acme-logistica", "northwind-health", "minimal")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = os.environ.get("CI", "").lower() == "true"

# The A4 content box of the documents' @page rule (210 mm - 2 x 14 mm) in CSS pixels.
A4_CONTENT_PX = int((210 - 2 * 14) / 25.4 * 96)

try:
    from playwright.sync_api import Browser, sync_playwright
except ImportError:  # pragma: no cover - depends on the environment
    sync_playwright = None  # type: ignore[assignment]

if not IN_CI and (CHROMIUM is None or sync_playwright is None):
    pytest.skip("headless Chromium and Playwright are needed (they are installed in CI)", allow_module_level=True)

# Runs in the page: every way a document can fail to fit, as a list of readable lines.
PROBLEMS_JS = r"""
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase()
      + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')
      + ' "' + (el.textContent || '').trim().slice(0, 50) + '"';
  if (document.documentElement.scrollWidth > width) {
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth}px > ${width}px`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      problems.push(`outside the page (${Math.round(box.left)}..${Math.round(box.right)}px): ${name(el)}`);
    }
    const clips = style.overflowX !== 'visible';
    const cell = el.tagName === 'TD' || el.tagName === 'TH';
    if ((clips || cell) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`content wider than its box (${el.scrollWidth} > ${el.clientWidth}px): ${name(el)}`);
    }
  }
  // Words of headers and names never break across lines ("Encuentr-o").
  const words = 'th, h1, h2, h3, h4, dt, .tile .label, .person .n, td strong, .kpi .name, .ladder strong';
  for (const el of document.body.querySelectorAll(words)) {
    if (getComputedStyle(el).display === 'none') continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\s\-\u2010\u2011\u00a0]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) problems.push(`word cut across lines: "${match[0]}" in ${name(el)}`);
      }
    }
  }
  return problems;
}
"""

AUDIENCES = ("client", "internal")
LANGS = ("es", "en")
PAGES = [(a, lang, n) for a in AUDIENCES for lang in LANGS for n in (*NAMES, STRESS.stem, "index")]
MODES = {"1280": (1280, "screen"), "390": (390, "screen"), "print": (A4_CONTENT_PX, "print")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    plans = [*(EXAMPLES / f"{n}.yaml" for n in NAMES), STRESS]
    for audience in AUDIENCES:
        for lang in LANGS:
            options = RenderOptions(audience=audience, lang=lang)  # type: ignore[arg-type]
            render_many(plans, date(2026, 11, 23), options, folder / f"{audience}-{lang}")
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
    """How many distinct pixel rows a PNG screenshot has (1 = blank), read with zlib alone."""
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


def _open(browser: Browser, path: Path, width: int, media: str) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.emulate_media(media=media)  # type: ignore[arg-type]
    page.goto(path.as_uri())
    return page, requests


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("audience", "lang", "name"), PAGES)
def test_fits_without_cutting_words(
    site: Path, browser: Browser, audience: str, lang: str, name: str, mode: str
) -> None:
    width, media = MODES[mode]
    page, requests = _open(browser, site / f"{audience}-{lang}" / f"{name}.html", width, media)
    problems = page.evaluate(PROBLEMS_JS)
    text = page.evaluate("document.body.innerText")
    png = page.screenshot(full_page=True) if mode != "print" else b""
    page.close()
    assert problems == [], f"{name} ({audience}, {lang}) at {mode}: " + "\n".join(problems[:15])
    assert len(text) > 200
    if png:
        assert _png_colours(png) > 3, "blank page"
    assert [u for u in requests if not u.startswith("file://")] == []


def test_the_checks_catch_what_they_look_for(browser: Browser, tmp_path: Path) -> None:
    """The overflow and cut-word checks fail on a page that has those faults (a test that cannot fail is a defect)."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        "<div style='overflow-x:auto;width:200px'><table><tr><td style='white-space:nowrap'>"
        "a very long line of text that cannot wrap</td></tr></table></div>"
        "<table style='width:60px;table-layout:fixed'><tr><th style='overflow-wrap:anywhere'>"
        "Encuentro Participantes</th></tr></table></body></html>",
        encoding="utf-8",
    )
    opened, _ = _open(browser, page, 390, "screen")
    problems = opened.evaluate(PROBLEMS_JS)
    opened.close()
    assert any(p.startswith("content wider than its box") and "div" in p for p in problems), problems
    assert any(p.startswith("word cut across lines") and '"Participantes"' in p for p in problems), problems


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [("acme-logistica", 5, 16), ("northwind-health", 3, 10), ("minimal", 1, 1), (STRESS.stem, 4, 20)],
)
def test_prints_on_a4(site: Path, browser: Browser, name: str, low: int, high: int) -> None:
    page = browser.new_page()
    page.goto((site / "client-es" / f"{name}.html").as_uri())
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert low <= pages <= high, f"{name}: {pages} A4 pages"
