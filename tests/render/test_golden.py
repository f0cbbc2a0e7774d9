"""Every example, in both languages and both audiences, as HTML and Markdown, against golden files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from asplan.render.document import RenderOptions, load_plan, render_many, render_plan

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2026, 11, 23)
NAMES = ("acme-logistica", "northwind-health", "minimal")


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("audience", ["client", "internal"])
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_example_document(name: str, lang: str, audience: str, fmt: str, golden: Callable[[str, str], None]) -> None:
    path = EXAMPLES / f"{name}.yaml"
    options = RenderOptions(fmt=fmt, audience=audience, lang=lang)  # type: ignore[arg-type]
    text = render_plan(load_plan(path), TODAY, options, path)
    golden(f"{name}.{lang}.{audience}.{fmt}", text)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_portfolio_index(fmt: str, tmp_path: Path, golden: Callable[[str, str], None]) -> None:
    plans = [EXAMPLES / f"{n}.yaml" for n in NAMES]
    written = render_many(plans, TODAY, RenderOptions(fmt=fmt, lang="en"), tmp_path)  # type: ignore[arg-type]
    assert [p.name for p in written] == [f"{n}.{fmt}" for n in NAMES] + [f"index.{fmt}"]
    golden(f"index.en.{fmt}", (tmp_path / f"index.{fmt}").read_text(encoding="utf-8"))
