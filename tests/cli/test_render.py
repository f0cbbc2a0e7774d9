"""``asplan render`` and ``asplan status`` through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


def test_render_folder_writes_one_document_per_plan_and_the_index(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["render", str(EXAMPLES), "-o", str(out), "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "acme-logistica.html",
        "freshdesk-hooli.html",  # examples/presets/: one plan per helpdesk preset
        "index.html",
        "jsm-globex.html",
        "minimal.html",
        "northwind-health.html",
        "servicenow-umbrella.html",
        "zendesk-initech.html",
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="acme-logistica.html"' in index
    acme = (out / "acme-logistica.html").read_text(encoding="utf-8")
    assert "Próxima revisión" in acme and "15 de enero de 2027" in acme
    assert "Selección de cuenta clave" not in acme  # client audience by default


def test_render_one_plan_to_stdout_in_english_markdown() -> None:
    result = runner.invoke(
        app, ["render", str(EXAMPLES / "acme-logistica.yaml"), "-f", "md", "--lang", "en", "--today", "2026-11-23"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# ACME Logística S.A. · Account Service Plan\n")
    assert "| August 2026 | 99.62% | **breached** | €1,225.00 |" in result.output
    assert "```mermaid" in result.output


def test_template_dir_overrides_one_partial(tmp_path: Path) -> None:
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "_risks.md.j2").write_text("## Our own risk section ({{ v.risks | length }})\n")
    result = runner.invoke(
        app,
        [
            "render",
            str(EXAMPLES / "acme-logistica.yaml"),
            "-f",
            "md",
            "--template-dir",
            str(tmp_path),
            "--today",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "## Our own risk section (2)" in result.output  # the client sees the two `audience: client` risks
    assert "## Niveles de servicio" in result.output  # the other partials are the built-in ones


def test_template_with_undefined_variable_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "_risks.md.j2").write_text("{{ v.no_such_thing }}\n")
    result = runner.invoke(
        app,
        [
            "render",
            str(EXAMPLES / "minimal.yaml"),
            "-f",
            "md",
            "--template-dir",
            str(tmp_path),
            "--today",
            "2026-11-23",
        ],
    )
    # minimal has no risks: the broken partial is not used
    assert result.exit_code == 0
    result = runner.invoke(
        app,
        [
            "render",
            str(EXAMPLES / "acme-logistica.yaml"),
            "-f",
            "md",
            "--template-dir",
            str(tmp_path),
            "--today",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 2
    assert "no_such_thing" in result.output and "Traceback" not in result.output


def test_invalid_plan_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    bad = tmp_path / "plans" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("asplan: 1\naccount:\n  id: bad\n  name: Bad\n  tier: huge\n  manager: x\n")
    (tmp_path / "plans" / "good.yaml").write_text((EXAMPLES / "minimal.yaml").read_text())
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(bad.parent), "-o", str(out), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert "bad.yaml:5:" in result.output
    assert not out.exists()


def test_several_plans_need_a_folder() -> None:
    result = runner.invoke(app, ["render", str(EXAMPLES), "--today", "2026-11-23"])
    assert result.exit_code == 2
    assert "-o DIR" in result.output


def test_status_json() -> None:
    result = runner.invoke(app, ["status", str(EXAMPLES), "--format", "json", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    presets = ["servicenow-umbrella", "freshdesk-hooli", "jsm-globex", "zendesk-initech"]  # examples/presets/
    others = [r["account"] for r in rows if r["account"] not in presets]
    assert others == ["acme-logistica", "northwind-health", "minimal"]
    acme = rows[0]
    assert acme["tier"] == "strategic"
    assert acme["manager"] == "maria.lopez"
    assert acme["next_review"] == "2027-01-15"  # 2026-10-15 + quarterly, a working day
    assert acme["overdue"] == 1  # ACT-6, due 2026-11-13
    assert acme["sla_breaches"] == 0 and acme["sla_period"] == ["2026-10"]
    # KPIs: 1.1 -> 1, 1, (90.1-82)/13, (0.37-0.42)/(0.30-0.42): mean 0.7599
    assert acme["kpi_progress"] == 0.7599
    minimal = next(r for r in rows if r["account"] == "minimal")
    assert minimal["next_review"] is None and minimal["kpi_progress"] is None
    assert minimal["sla_period"] == []  # no SLA: an empty list, never a joined string


def test_status_json_lists_each_latest_period(tmp_path: Path) -> None:
    plan = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8") + (
        "slas:\n"
        '  - {id: SLA-1, name: Uptime, target: ">= 99%", period: monthly, penalty: credit,\n'
        '     measurements: [{period: "2026-10", value: 99.5}]}\n'
        '  - {id: SLA-2, name: Survey, target: ">= 4", period: quarterly, penalty: credit,\n'
        '     measurements: [{period: "2026-Q3", value: 3}]}\n'
    )
    (tmp_path / "minimal.yaml").write_text(plan, encoding="utf-8")
    result = runner.invoke(app, ["status", str(tmp_path), "--format", "json", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert (row["sla_breaches"], row["sla_period"]) == (1, ["2026-10", "2026-Q3"])
    text = runner.invoke(app, ["status", str(tmp_path), "--today", "2026-11-23"]).output
    assert "1 (2026-10, 2026-Q3)" in text


def test_status_text_has_no_colour_when_piped() -> None:
    result = runner.invoke(app, ["status", str(EXAMPLES), "--today", "2026-11-23"])
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    assert "acme-logistica (ACME Logística S.A.)" in result.output
    assert "due soon" in result.output  # northwind's review on 2026-12-03


def test_parallel_render_writes_the_same_files_as_a_serial_one(tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        result = runner.invoke(
            app, ["render", str(EXAMPLES), "-f", "md", "-o", str(out), "--today", "2026-11-23", "--jobs", jobs]
        )
        assert result.exit_code == 0, result.output
        outputs[jobs] = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    assert [n for n in outputs["1"] if n.startswith(("acme", "index", "minimal", "northwind"))] == [
        "acme-logistica.md",
        "index.md",
        "minimal.md",
        "northwind-health.md",
    ]
    assert len(outputs["1"]) == 8  # and the four plans of examples/presets/
    assert outputs["1"] == outputs["2"]


def test_render_jobs_must_be_positive() -> None:
    result = runner.invoke(app, ["render", str(EXAMPLES), "-o", "unused", "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output
