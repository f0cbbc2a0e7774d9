"""One truth (spec §7.1): a plan that ``check`` passes with no error is accepted by every command.

For every example, every test fixture that ``check`` passes without an error, and a
generated set of mutated plans (keys and list items removed or repeated, values
swapped for others, from the examples), ``sla``, ``render`` (HTML and Markdown, for
the client and internally), ``status`` and ``due`` must exit 0. A plan with an error
is left out: commands may refuse it, and ``check`` said why first.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from asplan.checker import check_targets
from asplan.cli.app import app
from asplan.config import Config
from asplan.loading import parse_yaml, read_text
from asplan.plan_source import Target
from helpers import TODAY

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*.y*ml"))
COMMANDS = [
    ["sla"],
    ["sla", "--format", "json"],
    ["render", "-f", "html"],
    ["render", "-f", "md"],
    ["render", "-f", "html", "--audience", "internal"],
    ["render", "-f", "md", "--audience", "internal"],
    ["status"],
    ["status", "--format", "json"],
    ["due"],
]
runner = CliRunner()


def _errors(path: Path) -> list[str]:
    report = check_targets([Target(str(path), explicit=True)], Config(), TODAY)
    return [f"{f.line}:{f.column} {f.code} {f.message}" for f in report.findings if f.severity.value == "error"]


def _every_command_accepts(path: Path) -> None:
    for command in COMMANDS:
        result = runner.invoke(app, [*command, str(path), "--today", TODAY.isoformat()])
        what = f"{' '.join(command)} {path.name}: exit {result.exit_code}"
        assert result.exit_code == 0, f"{what}\n{result.output[-800:]}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples(path: Path) -> None:
    assert _errors(path) == []
    _every_command_accepts(path)


def _clean_fixtures() -> list[Path]:
    clean = []
    for path in FIXTURES:
        try:
            data = parse_yaml(read_text(str(path)), str(path)).data
        except Exception:  # a fixture that is not YAML at all
            continue
        if isinstance(data, dict) and "asplan" in data and not _errors(path):
            clean.append(path)
    return clean


CLEAN_FIXTURES = _clean_fixtures()


def test_some_fixtures_are_clean() -> None:
    assert len(CLEAN_FIXTURES) >= 1


@pytest.mark.parametrize("path", CLEAN_FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests" / "fixtures")))
def test_fixtures_check_passes(path: Path) -> None:
    _every_command_accepts(path)


# ------------------------------------------------------------------- mutated plans

# Values a plan author types by mistake: other dates (some impossible), zones, targets,
# cadences, amounts, ids in other case; used where the value they replace is a string.
_STRINGS = [
    "", "x", "0", "P1", "p1", "2026-02-29", "2030-01-01", "1999-12-31", "2026-11-23", "9998-12-31", "24x7",
    "UTC", "EST5", "Europe/Madird", ">= 95%", "<= 30m", "<= 0m", "monthly", "weekly", "P0D", "P1D", "100 USD",
    "-5", "maria.lopez", "MARIA.LOPEZ",
]  # fmt: skip
_NUMBERS = [0, -1, 1, 5, 100, 101, 100.5, 99.99, 1e9]


def _replacement(value: Any, rng: random.Random) -> Any:
    """Another value of the same kind, mostly: the mistakes a person makes, not random bytes."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return rng.choice(_NUMBERS)
    if isinstance(value, str):
        return rng.choice([*_STRINGS, value.upper(), value.lower(), value + "x"])
    if isinstance(value, list):
        return value[:1]
    return rng.choice([None, {}, []])


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            if path or key != "asplan":
                yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


def _mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for _ in range(rng.randint(1, 2)):
        paths = [p for p in _paths(out) if p]
        path = rng.choice(paths)
        parent: Any = out
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = rng.choice(["delete", "delete", "replace", "replace", "repeat"])
        if action == "delete":
            del parent[last]
        elif action == "repeat" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[last] = _replacement(parent[last], rng)
    return out


def _mutants(count: int) -> list[tuple[str, str, dict[str, Any]]]:
    rng = random.Random(11)
    sources = [(p, parse_yaml(read_text(str(p)), str(p)).data) for p in EXAMPLES]
    return [
        (f"{src.stem}-{i}", src.stem, _mutate(data, rng)) for i in range(count) for src, data in [rng.choice(sources)]
    ]


def _write(folder: Path, stem: str, data: dict[str, Any]) -> Path:
    """The plan beside a copy of the examples' event data, so its ``events`` still resolve."""
    if not (folder / "data").exists():
        shutil.copytree(ROOT / "examples" / "data", folder / "data")
    path = folder / f"{stem}.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")  # JSON is YAML
    return path


def _clean_mutants(count: int) -> list[tuple[str, str, dict[str, Any]]]:
    """The mutants ``check`` passes with no error; a plan with an error may be refused by the commands."""
    with tempfile.TemporaryDirectory() as folder:
        return [m for m in _mutants(count) if not _errors(_write(Path(folder), m[1], m[2]))]


MUTANTS = 80
CLEAN_MUTANTS = _clean_mutants(MUTANTS)


def test_enough_mutants_pass_check() -> None:
    """The mutations must not all break the plan, or the test below would test little."""
    assert len(CLEAN_MUTANTS) >= 25, len(CLEAN_MUTANTS)


@pytest.mark.parametrize(("name", "stem", "data"), CLEAN_MUTANTS, ids=[m[0] for m in CLEAN_MUTANTS])
def test_mutated_plans_that_check_passes_are_accepted(
    name: str, stem: str, data: dict[str, Any], tmp_path: Path
) -> None:
    _every_command_accepts(_write(tmp_path, stem, data))
