"""ASP204: an account id used by another plan of the same run (cross-plan)."""

from __future__ import annotations

from helpers import MINIMAL, check_files, check_text


def test_second_plan_with_the_same_id_is_reported() -> None:
    files = {"acme.yaml": MINIMAL, "acme-2025.yaml": MINIMAL}
    findings = check_files(files, select=["ASP204"])
    assert [(f.file, f.code, f.line, f.column, f.path) for f in findings] == [
        ("acme-2025.yaml", "ASP204", 3, 7, "account.id")
    ]
    assert findings[0].message.startswith("account id 'acme' is already used by ")
    assert findings[0].message.endswith("acme.yaml: account ids are unique across the repository")


def test_every_later_claim_is_reported() -> None:
    files = {"a.yaml": MINIMAL, "b.yaml": MINIMAL, "c.yaml": MINIMAL}
    findings = check_files(files, select=["ASP204"])
    assert [(f.file, f.line, f.column) for f in findings] == [("b.yaml", 3, 7), ("c.yaml", 3, 7)]


def test_distinct_ids_pass() -> None:
    files = {"acme.yaml": MINIMAL, "globex.yaml": MINIMAL.replace("id: acme", "id: globex")}
    assert check_files(files, select=["ASP204"]) == []


def test_one_plan_alone_passes() -> None:
    assert check_text(MINIMAL, select=["ASP204"]) == []


def test_suppressed_on_the_id_line() -> None:
    second = MINIMAL.replace("id: acme\n", "id: acme  # asplan: ignore[ASP204]\n")
    assert check_files({"acme.yaml": MINIMAL, "old.yaml": second}, select=["ASP204"]) == []
