"""``asplan schema``: prints the plan format's JSON Schema, or writes it with ``-o``.

What the schema accepts (exactly what ``check`` accepts) is tested in tests/test_schema.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.schema import SCHEMA_ID, schema_json

runner = CliRunner()


def test_cli_prints_the_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_json()
    assert json.loads(result.stdout)["$id"] == SCHEMA_ID


def test_cli_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "asplan.schema.json"
    result = runner.invoke(app, ["schema", "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == schema_json()
    assert schema_json().endswith("}\n")


def test_cli_unwritable_output_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["schema", "-o", str(tmp_path / "file" / "s.json")])
    assert result.exit_code == 2
    assert result.stderr.startswith("asplan: error: --output ")
    assert len(result.stderr.splitlines()) == 1
