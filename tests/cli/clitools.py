"""Helpers of the CLI tests: the app through ``CliRunner``, the console script, plans with known findings.

``ACME`` has exactly three findings at hand-checked positions (the column is where the
value starts: ``  manager: `` is 11 characters, so ``ana.ruis`` is at column 12):

* 6:12 ASP201 error (``manager: ana.ruis``, the person is ``ana.ruiz``);
* 21:5 ASP501 warning (objective OBJ-1 has no KPI; the finding points at the item);
* 24:13 ASP509 warning (``strategy: TODO ...``).

``CLEAN`` has none. Both are complete enough to draw no completeness warnings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from asplan.cli.app import app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ASPLAN = Path(sys.executable).parent / "asplan"
TODAY = "2026-11-23"

CLEAN = """\
asplan: 1
account:
  id: clean
  name: Clean Co
  tier: high
  manager: ana.ruiz
people:
  - {id: ana.ruiz, name: Ana Ruiz, side: provider, executive: true}
  - {id: carl.diaz, name: Carl Diaz, side: client, decision_maker: true}
selection:
  criteria:
    - {name: Revenue, weight: 50, score: 4}
    - {name: Fit, weight: 30, score: 5}
    - {name: Relationship, weight: 20, score: 3}
services:
  in_scope:
    - {name: Platform operation}
escalation:
  - {level: 1, contact: ana.ruiz, after: 4h}
"""

ACME = """\
asplan: 1
account:
  id: acme
  name: ACME Logistics
  tier: strategic
  manager: ana.ruis
people:
  - {id: ana.ruiz, name: Ana Ruiz, side: provider, executive: true}
  - {id: carl.diaz, name: Carl Diaz, side: client, decision_maker: true}
selection:
  criteria:
    - {name: Revenue, weight: 50, score: 4}
    - {name: Fit, weight: 30, score: 5}
    - {name: Relationship, weight: 20, score: 3}
services:
  in_scope:
    - {name: Platform operation}
escalation:
  - {level: 1, contact: ana.ruiz, after: 4h}
objectives:
  - id: OBJ-1
    title: Faster deliveries
business:
  strategy: TODO ask Carl
"""

ASP201_MESSAGE = "account manager 'ana.ruis' is not in people: did you mean 'ana.ruiz'?"
ASP501_MESSAGE = "objective OBJ-1 has no KPI: add how success is measured"
ASP509_MESSAGE = "placeholder 'TODO' left in the plan: fill it in before sharing"

#: The findings of ``check acme.yaml clean.yaml``, as JSON objects, in report order.
ACME_FINDINGS = [
    {
        "file": "acme.yaml",
        "line": 6,
        "column": 12,
        "code": "ASP201",
        "severity": "error",
        "message": ASP201_MESSAGE,
        "path": "account.manager",
    },
    {
        "file": "acme.yaml",
        "line": 21,
        "column": 5,
        "code": "ASP501",
        "severity": "warning",
        "message": ASP501_MESSAGE,
        "path": "objectives[0]",
    },
    {
        "file": "acme.yaml",
        "line": 24,
        "column": 13,
        "code": "ASP509",
        "severity": "warning",
        "message": ASP509_MESSAGE,
        "path": "business.strategy",
    },
]

ENV_TO_CLEAR = ("NO_COLOR", "FORCE_COLOR", "ASPLAN_TODAY")


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """``asplan ARGS`` through ``CliRunner`` on the real app (stdout and stderr kept apart)."""
    return CliRunner().invoke(app, list(args), env=env)


def run_asplan(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, in a subprocess, with a clean environment."""
    full_env = {k: v for k, v in os.environ.items() if k not in ENV_TO_CLEAR}
    full_env.update(env or {})
    return subprocess.run(
        [str(ASPLAN), *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=60, check=False
    )
