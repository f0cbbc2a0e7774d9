"""Every example, in both languages and both audiences, as HTML and Markdown, against golden files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from asplan.render.document import RenderOptions, load_plan, render_many, render_plan
from helpers import GoldenFiles

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2026, 11, 23)
NAMES = ("acme-logistica", "northwind-health", "minimal")


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("audience", ["client", "internal"])
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("name", NAMES)
def test_example_document(name: str, lang: str, audience: str, fmt: str, golden: Callable[[str, str], None]) -> None:
    path = EXAMPLES / f"{name}.yaml"
    # read_history=False: what git says about the sign-off would tie the file to this repository's commits
    options = RenderOptions(fmt=fmt, audience=audience, lang=lang, read_history=False)  # type: ignore[arg-type]
    text = render_plan(load_plan(path), TODAY, options, path)
    golden(f"{name}.{lang}.{audience}.{fmt}", text)


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_portfolio_index(fmt: str, tmp_path: Path, golden: Callable[[str, str], None]) -> None:
    plans = [EXAMPLES / f"{n}.yaml" for n in NAMES]
    written = render_many(plans, TODAY, RenderOptions(fmt=fmt, lang="en"), tmp_path)  # type: ignore[arg-type]
    assert [p.name for p in written] == [f"{n}.{fmt}" for n in NAMES] + [f"index.{fmt}"]
    golden(f"index.en.{fmt}", (tmp_path / f"index.{fmt}").read_text(encoding="utf-8"))


def test_an_environment_variable_does_not_turn_on_rewriting(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ASPLAN_UPDATE_GOLDEN=1 used to rewrite every golden file, so every golden test
    # passed whatever was rendered. Only the explicit --update-golden option rewrites.
    monkeypatch.setenv("ASPLAN_UPDATE_GOLDEN", "1")
    golden = request.getfixturevalue("golden")
    assert golden.updating is bool(request.config.getoption("--update-golden"))


def test_a_differing_document_fails_and_leaves_the_golden_file_alone(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("# Reviewed\n", encoding="utf-8")
    with pytest.raises(AssertionError, match=r"doc\.md differs from its golden file"):
        GoldenFiles(tmp_path, updating=False)("doc.md", "# Changed\n")
    with pytest.raises(AssertionError, match=r"no golden file new\.md"):
        GoldenFiles(tmp_path, updating=False)("new.md", "# New\n")
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == "# Reviewed\n"
    GoldenFiles(tmp_path, updating=True)("doc.md", "# Changed\n")
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == "# Changed\n"


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("audience", ["client", "internal"])
def test_a_portfolio_in_two_processes_holds_the_documents_rendered_one_by_one(
    fmt: str, audience: str, tmp_path: Path
) -> None:
    """The portfolio path (worker processes, files staged by the workers and flushed by the
    caller) writes each plan's golden-tested document byte for byte, in both languages."""
    plans = sorted(EXAMPLES.glob("*.yaml"))
    options = RenderOptions(fmt=fmt, audience=audience, read_history=False)  # type: ignore[arg-type]
    written = render_many(plans, TODAY, options, tmp_path, jobs=2)
    assert len(written) == len(plans) + 1
    langs = set()
    for path in plans:
        plan = load_plan(path)
        assert plan.account is not None
        langs.add(plan.account.language.value)
        alone = render_plan(plan, TODAY, options, path).encode("utf-8")
        assert (tmp_path / f"{plan.account.id}.{fmt}").read_bytes() == alone, path.name
    assert langs == {"en", "es"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)  # no temporary left
