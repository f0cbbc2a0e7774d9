"""The pure scaffold: person ids, YAML quoting, the text of a new plan and of ``init``'s files."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import jinja2
import pytest
from ruamel.yaml import YAML

from asplan import __version__
from asplan.config import file_schema, load_config
from asplan.loading import parse_yaml, read_text
from asplan.model.plan import Plan
from asplan.rules.registry import known_codes
from asplan.scaffold import (
    NewPlan,
    ScaffoldError,
    config_text,
    init_files,
    person_id,
    plan_text,
    pre_commit_text,
    workflow_text,
    yaml_string,
)
from asplan.schema import schema_json
from asplan.templates_loader import packaged_templates_dir, template_environment
from helpers import check_text

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = [(info.alias or name) for name, info in Plan.model_fields.items()]


def _plan(lang: str = "en", **overrides: str) -> str:
    values = {"account_id": "acme", "name": "ACME Logística S.A.", "tier": "strategic", "manager_name": "María López"}
    values.update(overrides)
    return plan_text(NewPlan(language=lang, **values))  # type: ignore[arg-type]


def _load(text: str, tmp_path: Path) -> Any:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return parse_yaml(read_text(str(path)), str(path)).data


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("María López", "maria.lopez"),
        ("  maría   LÓPEZ ", "maria.lopez"),
        ("Ana María García", "ana.garcia"),
        ("Jean-Luc Picard", "jean-luc.picard"),
        ("Seán O'Brien", "sean.obrien"),
        ("Zoë", "zoe"),
        ("Øyvind Åsgård", "oyvind.asgard"),
        ("Łukasz Straße", "lukasz.strasse"),
        ("François-Xavier Nguyễn", "francois-xavier.nguyen"),
    ],
)
def test_person_id(name: str, expected: str) -> None:
    assert person_id(name) == expected


@pytest.mark.parametrize("name", ["山田 太郎", "---", ""])
def test_person_id_needs_latin_letters(name: str) -> None:
    with pytest.raises(ScaffoldError, match="cannot derive a person id"):
        person_id(name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACME Logística S.A.", "ACME Logística S.A."),
        ("Smith & Sons (UK)", "Smith & Sons (UK)"),
        ("Northwind: Health #1", '"Northwind: Health #1"'),
        ("true", '"true"'),
        ("null", '"null"'),
        ("2026", '"2026"'),
        ("1e3", '"1e3"'),
        ("- dash", '"- dash"'),
        ('Say "hi"', '"Say \\"hi\\""'),
        ("trailing ", '"trailing "'),
    ],
)
def test_yaml_string(text: str, expected: str) -> None:
    assert yaml_string(text) == expected


@pytest.mark.parametrize("text", ["Northwind: Health #1", "true", "2026", "a\nb", "[x]", "{y}", "*ref", "&a", "'q'"])
def test_yaml_string_reads_back_as_itself(text: str, tmp_path: Path) -> None:
    assert _load(f"name: {yaml_string(text)}\n", tmp_path) == {"name": text}


@pytest.mark.parametrize("lang", ["es", "en"])
def test_new_plan_has_every_section_and_the_schema_line_first(lang: str, tmp_path: Path) -> None:
    text = _plan(lang)
    assert text.startswith("# yaml-language-server: $schema=../asplan.schema.json\n")
    data = _load(text, tmp_path)
    assert list(data) == SECTIONS
    assert data["account"] == {
        "id": "acme",
        "name": "ACME Logística S.A.",
        "tier": "strategic",
        "manager": "maria.lopez",
        "language": lang,
    }
    assert data["people"] == [
        {
            "id": "maria.lopez",
            "name": "María López",
            "side": "provider",
            "role": "Account manager" if lang == "en" else "Gestión de la cuenta",
        }
    ]
    assert data["handoff"] == {"to": "maria.lopez"}
    assert data["reviews"] == {"every": "quarterly", "history": []}
    for section in ("objectives", "actions", "slas", "escalation", "risks"):
        assert data[section] == []
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_comments_are_in_the_plan_language() -> None:
    es, en = _plan("es"), _plan("en")
    assert "# --- Objetivos y cómo se mide el éxito" in es
    assert "# --- Objectives and how success is measured" in en
    assert "Action plan" not in es
    assert "Plan de acción" not in en
    # Every section but the format version comes under a heading and its explanation.
    for text in (es, en):
        assert len(re.findall(r"^# --- ", text, re.M)) == len(SECTIONS) - 1 == 19
        for section in SECTIONS[1:]:
            assert re.search(rf"^# --- [^\n]+\n(?:# [^\n]+\n)+{section}:", text, re.M), section


@pytest.mark.parametrize("lang", ["es", "en"])
def test_new_plan_checks_with_no_error(lang: str) -> None:
    findings = check_text(_plan(lang, name="Northwind: Health #1"), filename="acme.yaml")
    assert [f for f in findings if f.severity.value == "error"] == []
    # What is still to fill in is what the warnings say.
    assert {"ASP503", "ASP504", "ASP505", "ASP507", "ASP502"} <= {f.code for f in findings}


@pytest.mark.parametrize(("tier", "every"), [("strategic", "quarterly"), ("medium", "semiannual"), ("low", "yearly")])
def test_review_cadence_follows_the_tier(tier: str, every: str, tmp_path: Path) -> None:
    assert _load(_plan(tier=tier), tmp_path)["reviews"]["every"] == every


def test_schema_path_is_written_as_given() -> None:
    text = plan_text(NewPlan("acme", "ACME", "low", "Ana Ruiz", "en", schema_path="../../asplan.schema.json"))
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../asplan.schema.json"


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (NewPlan("-acme", "ACME", "low", "Ana Ruiz", "en"), "invalid account id '-acme'"),
        (NewPlan("acme", " ", "low", "Ana Ruiz", "en"), "--name: the client's name cannot be empty"),
        (
            NewPlan("acme", "ACME", "gold", "Ana Ruiz", "en"),
            "--tier gold: expected one of strategic, high, medium, low",
        ),
        (NewPlan("acme", "ACME", "low", "Ana Ruiz", "fr"), "--lang fr: expected one of es, en"),  # type: ignore[arg-type]
        (NewPlan("acme", "ACME", "low", "", "en"), "--manager: the account manager's full name cannot be empty"),
    ],
)
def test_new_plan_refuses_bad_input(plan: NewPlan, message: str) -> None:
    with pytest.raises(ScaffoldError) as caught:
        plan_text(plan)
    assert str(caught.value).startswith(message)


def test_config_text_has_every_key_and_loads(tmp_path: Path) -> None:
    text = config_text()
    for key in file_schema().model_fields:
        assert re.search(rf"^(# )?({key} =|\[{key}\])", text, re.M), key
    path = tmp_path / "asplan.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path, known_codes())
    assert (config.paths, config.plans_dir, config.fail_on, config.warn_days, config.kpi_grace_days) == (
        ["plans"],
        "plans",
        "error",
        14,
        7,
    )
    assert config.max_file_bytes == 5 * 1024 * 1024
    assert tomllib.loads(config_text("my plans"))["plans_dir"] == "my plans"


def test_pre_commit_config_runs_check_on_the_whole_repository() -> None:
    config = YAML(typ="safe").load(pre_commit_text())
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local"
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "asplan-check",
        "asplan check",
        "system",
        False,
    )


def test_workflow_runs_check_with_github_annotations() -> None:
    workflow = YAML(typ="safe").load(workflow_text())
    steps = workflow["jobs"]["check"]["steps"]
    # asplan's composite Action (action.yml) runs `asplan check --format github`.
    # --fail-on-empty: a workflow pointed at a folder with no plan fails instead of passing.
    assert steps == [
        {"uses": "actions/checkout@v5"},
        {"uses": f"asplan/asplan@v{__version__}", "with": {"args": "--fail-on-empty"}},
    ]
    assert set(workflow["on"]) == {"push", "pull_request"}


def test_project_pre_commit_hook() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["asplan-check"]
    assert (hooks[0]["entry"], hooks[0]["language"], hooks[0]["pass_filenames"]) == ("asplan check", "python", False)


def test_init_files() -> None:
    files = init_files()
    assert list(files) == [
        "asplan.toml",
        "asplan.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/asplan.yml",
        ".github/workflows/asplan-digest.yml",
    ]
    assert files["asplan.schema.json"] == schema_json()


def test_template_environment_is_strict_and_overridable(tmp_path: Path) -> None:
    assert packaged_templates_dir("scaffold") == ROOT / "templates" / "scaffold"
    env = template_environment("scaffold")
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("plan.en.yaml.j2").render(account_id="acme")
    (tmp_path / "plan.en.yaml.j2").write_text("custom {{ account_id }}\n", encoding="utf-8")
    overridden = template_environment("scaffold", override_dir=tmp_path)
    assert overridden.get_template("plan.en.yaml.j2").render(account_id="acme") == "custom acme\n"
    # Templates not overridden still come from the package.
    assert overridden.get_template("plan.es.yaml.j2").filename == str(
        ROOT / "templates" / "scaffold" / "plan.es.yaml.j2"
    )
    escaped = template_environment("scaffold", override_dir=tmp_path, autoescape=True)
    assert escaped.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert env.from_string("{{ x }}").render(x="<b>") == "<b>"
