"""ASP205: the file name does not match account.id."""

from __future__ import annotations

from helpers import MINIMAL, check_text, messages


def test_file_name_differs_from_the_id() -> None:
    findings = check_text(MINIMAL, filename="acme-2026.yaml", select=["ASP205"])
    assert [(f.code, f.line, f.column, f.path) for f in findings] == [("ASP205", 3, 7, "account.id")]
    assert messages(findings, "ASP205") == [
        "file is named 'acme-2026' but account.id is 'acme': rename the file to 'acme.yaml' or change the id"
    ]


def test_matching_names_pass_with_either_extension() -> None:
    assert check_text(MINIMAL, filename="acme.yaml", select=["ASP205"]) == []
    assert check_text(MINIMAL, filename="plans/acme.yml", select=["ASP205"]) == []
