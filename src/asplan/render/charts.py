"""Small inline SVG charts: no script, no external request, readable by screen readers.

Element ids come from the caller's ``key`` (objective/KPI or SLA id), not a counter,
so the same plan always renders byte-identical documents. Each chart is an
``<svg role="img">`` with a ``<title>`` and a ``<desc>`` carrying the figures in
words, so the document says the same thing to a reader who cannot see it.
Geometry uses a ``viewBox`` so charts scale from a phone to A4. Colours are CSS
classes of the page (``ok``, ``bad``, ``muted``), so browsers draw screen and print
from one palette, *and* the same colours as presentation attributes (:data:`PAINT`),
which the page's CSS overrides in a browser: WeasyPrint draws inline SVG without the
page's stylesheet, and a PDF of black bars says nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from markupsafe import Markup, escape

STATUS_CLASS: Final = {"met": "ok", "breached": "bad", "no_data": "warn", "open": "muted"}

# The page stylesheet's chart rules (html/_style.css.j2, "svg ..."), as SVG attributes.
PAINT: Final = {
    "track": 'fill="#e8ebf0"',
    "fill": 'fill="#1f4e8c"',
    "ok": 'fill="#1e7d4f"',
    "bad": 'fill="#b42318"',
    "warn": 'fill="#e0a800"',
    "muted": 'fill="#c5cbd5"',
    "line": 'fill="none" stroke="#1f4e8c" stroke-width="2" stroke-linejoin="round"',
    "dot": 'fill="#1f4e8c"',
    "dot last": 'fill="#fff" stroke="#1f4e8c" stroke-width="2"',
    "target": 'stroke="#1e7d4f" stroke-width="1.2" stroke-dasharray="4 3"',
    "axis": 'stroke="#dfe3ea"',
    "text": 'font-size="10" fill="#5b6476"',
}


def _paint(css: str) -> str:
    return f'class="{css}" {PAINT[css]}'


def _open(width: int, height: int, title: str, desc: str, css: str, key: str) -> str:
    ident = escape(f"chart-{css}-{key}")
    return (
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" preserveAspectRatio="xMinYMid meet">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
    )


def progress_bar(progress: float | None, title: str, desc: str, key: str) -> Markup:
    """A bar from baseline (left) to target (right); ``progress`` is 0..1, may exceed either end."""
    width, height = 200, 12
    parts = [_open(width, height, title, desc, "progress", key)]
    parts.append(f'<rect {_paint("track")} x="0" y="2" width="{width}" height="8" rx="4"/>')
    if progress is not None:
        share = min(max(progress, 0.0), 1.0)
        css = "ok" if progress >= 1 else ("bad" if progress < 0 else "fill")
        fill = max(share * width, 8.0)
        parts.append(f'<rect {_paint(css)} x="0" y="2" width="{fill:.1f}" height="8" rx="4"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(values: Sequence[float], target: float | None, title: str, desc: str, key: str) -> Markup:
    """The measurements as a line, with the target as a dashed line; the last point stands out."""
    width, height, pad = 160, 44, 5
    parts = [_open(width, height, title, desc, "trend", key)]
    points = list(values)
    scale = points + ([target] if target is not None else [])
    low, high = (min(scale), max(scale)) if scale else (0.0, 1.0)
    if high == low:
        high, low = high + 1, low - 1

    def y(value: float) -> float:
        return pad + (high - value) / (high - low) * (height - 2 * pad)

    def x(index: int) -> float:
        return pad + (index * (width - 2 * pad) / (len(points) - 1) if len(points) > 1 else (width - 2 * pad) / 2)

    parts.append(f'<line {_paint("axis")} x1="0" y1="{height - 1}" x2="{width}" y2="{height - 1}"/>')
    if target is not None:
        ty = y(target)
        parts.append(f'<line {_paint("target")} x1="0" y1="{ty:.1f}" x2="{width}" y2="{ty:.1f}"/>')
    if len(points) > 1:
        path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(points))
        parts.append(f'<polyline {_paint("line")} points="{path}"/>')
    for i, v in enumerate(points):
        css = "dot last" if i == len(points) - 1 else "dot"
        parts.append(f'<circle {_paint(css)} cx="{x(i):.1f}" cy="{y(v):.1f}" r="{3 if css != "dot" else 2}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def sla_bars(periods: Sequence[tuple[str, str]], title: str, desc: str, key: str) -> Markup:
    """One block per period, coloured by status (met, breached, no data, open), labelled below."""
    cell, gap, height = 52, 6, 34
    width = max(len(periods), 1) * (cell + gap)
    parts = [_open(width, height, title, desc, "sla", key)]
    for i, (label, status) in enumerate(periods):
        left = i * (cell + gap)
        css = STATUS_CLASS.get(status, "muted")
        parts.append(f'<rect {_paint(css)} x="{left}" y="0" width="{cell}" height="18" rx="3"/>')
        middle = f'x="{left + cell / 2:.0f}" y="30" text-anchor="middle"'
        parts.append(f"<text {PAINT['text']} {middle}>{escape(label)}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))
