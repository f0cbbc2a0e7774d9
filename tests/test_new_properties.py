"""``asplan new`` writes a valid plan for any id and name it accepts (spec §7.1, §4 "new").

YAML reads ``4711``, ``007``, ``true``, ``null``, ``1e5`` and ``0x1F`` as numbers,
booleans or nothing: written unquoted, an id like these made the fresh plan fail
``check`` (ASP102), and so did a manager called ``True`` or ``007`` (their person id).
Names may hold anything a terminal can pass: quotes, colons, ``#``, newlines, control
characters, scripts without Latin letters (whose person id is then asked for).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.loading import parse_yaml
from asplan.model.scalars import ID_PATTERN
from asplan.scaffold import NewPlan, ScaffoldError, plan_text
from helpers import check_text, examples

ids = st.one_of(
    st.sampled_from(["4711", "007", "true", "True", "null", "1e5", "1E-5", "0x1F", "0o17", "1.", "1.5", "inf", "acme"]),
    st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 100),
)
texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40)
LANGS = ["es", "en"]
names = st.one_of(st.sampled_from(["True", "007", "null", "ACME: Logística #1", "李 小龍", "- x", "'q'"]), texts)


@example(account_id="4711", name="ACME", manager="María López", manager_id=None, lang="en")
@example(account_id="true", name="True", manager="True", manager_id=None, lang="es")
@example(account_id="0x1F", name="007", manager="007", manager_id=None, lang="en")
@example(account_id="li", name="李 小龍", manager="李 小龍", manager_id="li.xiaolong", lang="es")
@settings(max_examples=examples(60), deadline=None)
@given(ids, names, names, st.one_of(st.none(), st.from_regex(ID_PATTERN, fullmatch=True)), st.sampled_from(LANGS))
def test_every_plan_new_writes_passes_check(
    account_id: str, name: str, manager: str, manager_id: str | None, lang: str
) -> None:
    plan = NewPlan(account_id, name, "high", manager, lang, manager_id=manager_id)  # type: ignore[arg-type]
    try:
        text = plan_text(plan)
    except ScaffoldError:
        assume(False)  # refused with a message: not a plan new writes
        raise
    findings = check_text(text, filename=f"{account_id}.yaml")
    assert [f for f in findings if f.severity.value == "error"] == [], text
    data = parse_yaml(text).data
    assert data["account"]["id"] == account_id
    assert data["account"]["name"] == name.strip()
    assert data["people"][0]["name"] == manager.strip()
    assert data["account"]["manager"] == data["people"][0]["id"]


def test_the_issue_ids_through_the_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for account_id in ("4711", "007", "true", "null", "1e5", "0x1F"):
        result = CliRunner().invoke(
            app, ["new", account_id, "--name", "ACME", "--tier", "high", "--manager", "True", "--dir", "plans"]
        )
        assert result.exit_code == 0, result.output
        check = ["check", f"plans/{account_id}.yaml", "--today", "2026-11-23", "--select", "ASP0,ASP1,ASP2"]
        result = CliRunner().invoke(app, check)
        assert result.exit_code == 0, result.output
    assert '  id: "4711"' in (tmp_path / "plans" / "4711.yaml").read_text(encoding="utf-8")


def test_a_name_without_latin_letters_asks_for_the_person_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from asplan.cli import new as new_module

    monkeypatch.chdir(tmp_path)
    args = ["new", "li", "--name", "李 小龍", "--tier", "high", "--manager", "李 小龍", "--dir", "plans"]
    refused = CliRunner().invoke(app, args)
    assert refused.exit_code == 2
    assert "give one with --manager-id" in refused.stderr
    assert CliRunner().invoke(app, [*args, "--manager-id", "li.xiaolong"]).exit_code == 0
    monkeypatch.setattr(new_module, "stdin_is_terminal", lambda: True)
    asked = CliRunner().invoke(app, [*args, "--force", "--lang", "en"], input="li xiaolong\nxiaolong.li\n")
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.count("Person id for 李 小龍") == 2  # a space is not allowed in an id: asked again
    data = parse_yaml((tmp_path / "plans" / "li.yaml").read_text(encoding="utf-8")).data
    assert data["account"]["manager"] == "xiaolong.li"
