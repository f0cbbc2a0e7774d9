"""ASP003: a named file that is not a plan, or a format version newer than supported."""

from __future__ import annotations

from helpers import MINIMAL, check_files, check_text, lint, messages


def test_named_file_without_asplan_key() -> None:
    text = "account: {id: acme, name: ACME, tier: high, manager: maria}\n"
    assert lint(text) == [("ASP003", 1, 1)]


def test_format_version_2_is_refused() -> None:
    findings = check_text(MINIMAL.replace("asplan: 1", "asplan: 2"))
    assert [(f.code, f.line, f.column) for f in findings] == [("ASP003", 1, 9)]
    assert messages(findings, "ASP003") == ["format version 2 is newer than this asplan supports (1): upgrade asplan"]


def test_version_1_is_a_plan() -> None:
    assert lint(MINIMAL, "ASP003") == []


def test_non_plan_yaml_found_in_a_folder_is_skipped(tmp_path: object) -> None:
    from pathlib import Path

    from asplan.checker import Target, check_file
    from asplan.config import Config
    from helpers import TODAY

    folder = Path(str(tmp_path))
    (folder / "docker-compose.yaml").write_text("services: {web: {image: nginx}}\n", encoding="utf-8")
    result = check_file(Target(str(folder / "docker-compose.yaml"), explicit=False), Config(), TODAY)
    assert (result.is_plan, result.findings) == (False, [])


def test_non_plan_among_plans_is_reported_only_when_named() -> None:
    files = {"acme.yaml": MINIMAL, "notes.yaml": "title: not a plan\n"}
    findings = check_files(files, select=["ASP003"])
    assert [(f.file, f.code, f.line, f.column) for f in findings] == [("notes.yaml", "ASP003", 1, 1)]
