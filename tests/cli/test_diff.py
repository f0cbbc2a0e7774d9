"""`asplan diff` and `render --since` (spec §7.5) on a real git repository with several commits."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app

PLAN = """\
asplan: 1
account: {id: acme, name: ACME, tier: low, manager: ana, language: en}
people:
  - {id: ana, name: Ana, side: provider, stance: champion}
  - {id: bo, name: Bo, side: client, decision_maker: true}
selection:
  criteria:
    - {name: Revenue, weight: 100, score: 4}
objectives:
  - id: OBJ-1
    title: Fewer incidents
    due: 2027-06-30
    kpis:
      - id: KPI-1
        name: Incidents
        measurements:
          - {date: 2026-09-30, value: 6}
actions:
  - {id: ACT-1, title: Patch the cluster, owner: ana, due: 2026-11-15, status: in_progress}
  - {id: ACT-2, title: Train the NOC, due: 2026-12-15}
  - {id: ACT-3, title: Write the runbook, due: 2027-01-15, notes: Ask Bo first.}
communication:
  - {id: call, name: Weekly call, every: weekly, last: 2026-11-16}
risks:
  - {id: R-1, title: Key person leaves, audience: client}
  - {id: R-2, title: Budget cut}
"""

OTHER = """\
asplan: 1
account: {id: globex, name: Globex, tier: high, manager: cy}
people:
  - {id: cy, name: Cy, side: provider}
"""


def git(repo: Path, *args: str, day: str = "2026-11-20") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana",
        "GIT_AUTHOR_EMAIL": "ana@example.com",
        "GIT_COMMITTER_NAME": "Ana",
        "GIT_COMMITTER_EMAIL": "ana@example.com",
        "GIT_AUTHOR_DATE": f"{day}T10:00:00+01:00",
        "GIT_COMMITTER_DATE": f"{day}T10:00:00+01:00",
    }
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit(repo: Path, message: str, day: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, day=day)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four commits: the plan; done + measure; reorder + rename + remove + a new plan; notes and stance only."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    plans = tmp_path / "plans"
    plans.mkdir()
    acme = plans / "acme.yaml"
    acme.write_text(PLAN, encoding="utf-8")
    commit(tmp_path, "plan", "2026-11-01")
    assert run("done", str(acme), "ACT-1", "--date", "2026-11-18")[0] == 0
    assert run("measure", str(acme), "KPI-1", "5", "--date", "2026-10-31")[0] == 0
    commit(tmp_path, "done and measured", "2026-11-18")
    text = acme.read_text(encoding="utf-8")
    text = text.replace(  # ACT-2 and ACT-3 swap places; ACT-2 is renamed ACT-20
        "  - {id: ACT-2, title: Train the NOC, due: 2026-12-15}\n"
        "  - {id: ACT-3, title: Write the runbook, due: 2027-01-15, notes: Ask Bo first.}\n",
        "  - {id: ACT-3, title: Write the runbook, due: 2027-01-15, notes: Ask Bo first.}\n"
        "  - {id: ACT-20, title: Train the NOC, due: 2026-12-15}\n",
    ).replace("  - {id: R-1, title: Key person leaves, audience: client}\n", "")
    acme.write_text(text, encoding="utf-8")
    (plans / "globex.yaml").write_text(OTHER, encoding="utf-8")
    commit(tmp_path, "reordered, renamed, removed a risk, new plan", "2026-11-19")
    text = acme.read_text(encoding="utf-8")
    text = text.replace("notes: Ask Bo first.", "notes: Ask Bo and Cy first.").replace("champion", "supporter")
    text = text.replace("{name: Revenue, weight: 100, score: 4}", "{name: Revenue, weight: 100, score: 5}")
    text = text.replace("  - {id: R-2, title: Budget cut}\n", "  - {id: R-2, title: Budget cut next year}\n")
    acme.write_text(text, encoding="utf-8")
    commit(tmp_path, "internal fields only", "2026-11-20")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*args, "--today", "2026-11-23"] if args[0] != "diff" else list(args))
    return result.exit_code, result.stdout, result.stderr


def changes(*args: str) -> list[tuple[str, str, str, object, object]]:
    code, out, err = run("diff", *args, "--format", "json")
    assert (code, err) == (0, "")
    return [(c["account"], c["path"], c["change"], c["old"], c["new"]) for c in json.loads(out)["changes"]]


def test_done_and_measure_between_two_commits(repo: Path) -> None:
    assert changes("HEAD~3", "--to", "HEAD~2") == [
        ("acme", "objectives[OBJ-1].kpis[KPI-1].measurements[2026-10-31]", "added", None,
         {"date": "2026-10-31", "value": 5}),
        ("acme", "actions[ACT-1].status", "changed", "in_progress", "done"),
        ("acme", "actions[ACT-1].done", "added", None, "2026-11-18"),
    ]  # fmt: skip


def test_reordering_is_no_change_and_renaming_is_remove_plus_add(repo: Path) -> None:
    assert changes("HEAD~2", "--to", "HEAD~1") == [
        ("acme", "actions[ACT-2]", "removed", {"id": "ACT-2", "title": "Train the NOC", "due": "2026-12-15"}, None),
        ("acme", "actions[ACT-20]", "added", None, {"id": "ACT-20", "title": "Train the NOC", "due": "2026-12-15"}),
        ("acme", "risks[R-1]", "removed", {"id": "R-1", "title": "Key person leaves", "audience": "client"}, None),
        ("globex", "", "added", None, "plans/globex.yaml"),
    ]
    # the other way round, the plan is removed
    assert ("globex", "", "removed", "plans/globex.yaml", None) in changes("HEAD~1", "--to", "HEAD~2")


def test_client_audience_never_sees_internal_fields(repo: Path) -> None:
    internal = changes("HEAD~1", "--to", "HEAD")
    assert [(path, kind) for _, path, kind, _, _ in internal] == [
        ("people[ana].stance", "changed"),
        ("selection.criteria[Revenue].score", "changed"),
        ("actions[ACT-3].notes", "changed"),
        ("risks[R-2].title", "changed"),
    ]
    assert changes("HEAD~1", "--to", "HEAD", "--audience", "client") == []
    # an entry removed as a whole shows the client no internal value either
    client = changes("HEAD~3", "--to", "HEAD", "--audience", "client")
    r1 = {"id": "R-1", "title": "Key person leaves", "audience": "client"}
    assert ("acme", "risks[R-1]", "removed", r1, None) in client
    assert not any("notes" in json.dumps(c) or "R-2" in json.dumps(c) or "stance" in json.dumps(c) for c in client)


def test_working_tree_against_head_by_default_text_and_markdown(repo: Path) -> None:
    assert run("touch", "plans/acme.yaml", "call", "--date", "2026-11-23")[0] == 0
    code, out, err = run("diff")
    assert (code, err) == (0, "")
    assert out == (
        "acme  plans/acme.yaml\n"
        "  changed  communication[call].last: 2026-11-16 -> 2026-11-23\n"
        "\n"
        "Changes from HEAD to the working tree: 1 change in 1 plan.\n"
    )
    code, out, _ = run("diff", "HEAD~2", "plans/globex.yaml", "--format", "md")
    assert out == (
        "# Changes from HEAD\\~2 to the working tree\n\n"
        "Changes from HEAD\\~2 to the working tree: 1 change in 1 plan.\n\n"
        "## `globex` (plans/globex.yaml)\n\n"
        "| Change | Path | Before | After |\n|---|---|---|---|\n"
        "| added | the whole plan |  |  |\n"
    )
    code, out, _ = run("diff", "HEAD")
    assert "communication[call].last" in out
    code, out, _ = run("diff", "plans/globex.yaml")  # a path, not a revision: HEAD to the working tree
    assert out == "No changes to the plans from HEAD to the working tree.\n"


def test_json_document(repo: Path) -> None:
    code, out, _ = run("diff", "HEAD~1", "--format", "json", "--audience", "client")
    assert code == 0
    assert json.loads(out) == {"from": "HEAD~1", "to": "the working tree", "audience": "client", "changes": []}


def test_errors_are_one_line(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run("diff", "v9.9")
    assert code == 2 and err == "asplan: error: v9.9: unknown revision, and no such file or folder\n"
    code, _, err = run("diff", "HEAD", "--to", "nope")
    assert code == 2 and err == "asplan: error: nope: unknown revision\n"
    code, _, err = run("diff", "--format", "xml")
    assert code == 2 and err == "asplan: error: --format xml: expected text, json or md\n"
    outside = tmp_path_factory.mktemp("not-a-repo")
    monkeypatch.chdir(outside)
    code, _, err = run("diff")
    assert code == 2
    assert err == (
        f"asplan: error: {outside.resolve()} is not inside a git work tree: "
        "run this in the repository that holds the plans\n"
    )


def test_a_broken_plan_at_a_revision_is_named_and_skipped(repo: Path) -> None:
    (repo / "plans" / "acme.yaml").write_text("asplan: 1\naccount: [unclosed\n", encoding="utf-8")
    commit(repo, "broken", "2026-11-21")
    code, out, err = run("diff", "HEAD~1", "--to", "HEAD")
    assert code == 2
    assert err.startswith("asplan: error: plans/acme.yaml:") and err.endswith("(skipped)\n")
    assert "acme" in out and "removed  the whole plan" in out


def render_since(*args: str) -> str:
    result = CliRunner().invoke(app, ["render", "plans/acme.yaml", "-f", "md", "--today", "2026-11-23", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def section(document: str) -> str:
    start = document.index("## Changes since")
    return document[start : document.index("\n## ", start + 1)]


def test_render_since_adds_the_section_for_the_audience(repo: Path) -> None:
    client = section(render_since("--since", "HEAD~3"))
    assert client == (
        "## Changes since 1 November 2026\n\n"
        f"What changed in this plan since revision HEAD\\~3 ({git(repo, 'rev-parse', '--short=7', 'HEAD~3').strip()}) "
        "of 1 November 2026, entry by entry.\n\n"
        "| Change | Entry | Before | After |\n|---|---|---|---|\n"
        "| added | objectives\\[OBJ-1\\].kpis\\[KPI-1\\].measurements\\[2026-10-31\\] |  "
        "| {date: 2026-10-31, value: 5} |\n"
        "| changed | actions\\[ACT-1\\].status | in\\_progress | done |\n"
        "| added | actions\\[ACT-1\\].done |  | 2026-11-18 |\n"
        "| removed | actions\\[ACT-2\\] | {id: ACT-2, title: Train the NOC, due: 2026-12-15} |  |\n"
        "| added | actions\\[ACT-20\\] |  | {id: ACT-20, title: Train the NOC, due: 2026-12-15} |\n"
        "| removed | risks\\[R-1\\] | {id: R-1, title: Key person leaves, audience: client} |  |\n"
    )
    internal = section(render_since("--since", "HEAD~1", "--audience", "internal"))
    assert "| changed | people\\[ana\\].stance | champion | supporter |" in internal
    assert "| changed | actions\\[ACT-3\\].notes | Ask Bo first. | Ask Bo and Cy first. |" in internal
    assert section(render_since("--since", "HEAD~1")) == (
        "## Changes since 19 November 2026\n\n"
        f"No changes since revision HEAD\\~1 ({git(repo, 'rev-parse', '--short=7', 'HEAD~1').strip()}) "
        "of 19 November 2026.\n"
    )
    assert "Changes since" not in render_since()


def test_render_since_a_new_plan_and_in_html(repo: Path) -> None:
    result = CliRunner().invoke(
        app, ["render", "plans/globex.yaml", "-f", "html", "--today", "2026-11-23", "--since", "HEAD~2"]
    )
    assert result.exit_code == 0
    assert (
        '<section id="sec-since">\n<h2>Changes since 18 November 2026</h2>\n'
        "<p>The plan is new since 18 November 2026.</p>"
    ) in result.stdout
    result = CliRunner().invoke(app, ["render", "plans/acme.yaml", "--since", "nope", "--today", "2026-11-23"])
    assert result.exit_code == 2 and result.stderr == "asplan: error: --since: nope: unknown revision\n"
