"""Spec §6: ``check``'s result cache, never trusted to hide a finding.

Each test checks a small repository twice (or more) and compares with what a run
without the cache reports. An entry must be ignored, and the file checked again, when
anything its findings depend on changes: the plan, an event file it reads, ``today``,
the configuration, asplan itself. A corrupt, foreign or forged entry is ignored and
rewritten. Two runs at once share the cache safely.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.result_cache import CACHE_FOLDER

pytestmark = pytest.mark.result_cache

ROOT = Path(__file__).parents[2]
runner = CliRunner()

PLAN = """\
asplan: 1
account: {id: acme, name: ACME, tier: high, manager: m, timezone: UTC}
people: [{id: m, name: M, side: provider}, {id: c, name: C, side: client, decision_maker: true}]
actions: [{id: A1, title: Call, owner: m, due: 2026-11-20, status: planned}]
slas:
  - {id: S1, name: P1, where: {priority: P1}, stop: first_response, target: "<= 30m", penalty: p,
     period: monthly}
events: [tickets.csv]
"""
TICKETS = "id,created,priority,first_response\nT1,2026-10-02T09:00,P1,2026-10-02T09:10\n"
LATE = "T2,2026-10-03T09:00,P1,2026-10-03T11:00\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "asplan.toml").write_text("", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans/acme.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "plans/tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "plans/other.yaml").write_text(PLAN.replace("id: acme", "id: other"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ASPLAN_NO_CACHE", raising=False)
    return tmp_path


def check(*args: str, today: str = "2026-11-23") -> tuple[int, list[tuple[str, int, str, str]]]:
    result = runner.invoke(app, ["check", "--format", "json", "--today", today, *args])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    return result.exit_code, [(f["file"], f["line"], f["code"], f["message"]) for f in report["findings"]]


def entries(repo: Path) -> list[Path]:
    return sorted((repo / CACHE_FOLDER / "entries").rglob("*.json"))


def codes(found: list[tuple[str, int, str, str]]) -> list[str]:
    return [code for _, _, code, _ in found]


def test_a_second_run_reads_the_cache_and_reports_the_same(repo: Path) -> None:
    cold = check()
    assert len(entries(repo)) == 2
    stamps = {p: p.stat().st_mtime_ns for p in entries(repo)}
    assert check() == cold
    assert {p: p.stat().st_mtime_ns for p in entries(repo)} == stamps  # read, not rewritten
    assert check("--no-cache") == cold
    assert "ASP302" in codes(cold[1])  # the findings are real ones
    assert (repo / CACHE_FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (repo / CACHE_FOLDER / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d")


def test_no_cache_writes_nothing(repo: Path) -> None:
    check("--no-cache")
    assert not (repo / CACHE_FOLDER).exists()


def test_cross_plan_findings_are_computed_every_run(repo: Path) -> None:
    check()
    (repo / "plans/other.yaml").write_text(PLAN, encoding="utf-8")  # now both claim 'acme'
    _, found = check()
    assert codes(found).count("ASP204") == 1


@pytest.mark.parametrize("damage", ["flip", "truncate", "not-json", "forged", "foreign-version", "swap"])
def test_a_damaged_or_forged_entry_is_ignored_and_rewritten(repo: Path, damage: str) -> None:
    cold = check()
    target = entries(repo)[0]
    data = target.read_bytes()
    if damage == "flip":
        middle = len(data) // 2
        target.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :])
    elif damage == "truncate":
        target.write_bytes(data[: len(data) // 3])
    elif damage == "not-json":
        target.write_bytes(b"\xff\xfe garbage")
    elif damage == "forged":
        # A pull request adds an entry that claims "no findings": well-formed, but not signed with this machine's key.
        wrapper = json.loads(data)
        body = json.loads(wrapper["body"])
        body["result"]["findings"] = []
        wrapper["body"] = json.dumps(body, sort_keys=True, separators=(",", ":"))
        target.write_text(json.dumps(wrapper), encoding="utf-8")
    elif damage == "foreign-version":
        wrapper = json.loads(data)
        wrapper["body"] = wrapper["body"].replace('"format":1', '"format":0')
        target.write_text(json.dumps(wrapper), encoding="utf-8")
    else:  # one file's entry copied over another's: signed, but for another file
        other = entries(repo)[1]
        target.write_bytes(other.read_bytes())
    assert check() == cold
    assert target.read_bytes() != b"" and json.loads(target.read_bytes())["mac"]  # rewritten, valid again
    assert check() == cold


def test_editing_the_plan_checks_it_again(repo: Path) -> None:
    check()
    (repo / "plans/acme.yaml").write_text(PLAN.replace("due: 2026-11-20", "due: 2026-12-20"), encoding="utf-8")
    _, found = check()
    assert [f for f in found if f[2] == "ASP302" and "acme" in f[0]] == []


def test_editing_an_event_file_checks_the_plans_that_read_it_again(repo: Path) -> None:
    _, before = check(today="2026-11-02")
    assert "ASP401" not in codes(before)
    (repo / "plans/tickets.csv").write_text(TICKETS + LATE, encoding="utf-8")  # a breach in October
    _, after = check(today="2026-11-02")
    assert codes(after).count("ASP401") == 2  # both plans read the file
    (repo / "plans/tickets.csv").unlink()
    _, gone = check(today="2026-11-02")
    assert codes(gone).count("ASP206") == 2


def test_another_day_checks_again(repo: Path) -> None:
    _, early = check(today="2026-11-01")
    _, late = check(today="2026-11-23")
    assert "ASP302" not in codes(early) and "ASP302" in codes(late)
    assert check(today="2026-11-01")[1] == early


def test_another_configuration_checks_again(repo: Path) -> None:
    _, everything = check()
    _, ignored = check("--ignore", "ASP302")
    assert "ASP302" in codes(everything) and "ASP302" not in codes(ignored)
    (repo / "asplan.toml").write_text('[severity]\nASP302 = "error"\n', encoding="utf-8")
    exit_code, stricter = check()
    assert exit_code == 1 and codes(stricter) == codes(everything)


def test_another_asplan_checks_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asplan.result_cache as result_cache

    cold = check()
    stamps = {p: p.stat().st_mtime_ns for p in entries(repo)}
    monkeypatch.setattr(result_cache, "code_fingerprint", lambda: "another build of asplan")
    assert check() == cold
    assert all(p.stat().st_mtime_ns != stamps[p] for p in entries(repo))  # rewritten for the new code


@pytest.mark.parametrize(
    "package", ["holidays", "pydantic", "pydantic-core", "ruamel.yaml", "ruamel.yaml.clib", "numpy"]
)
def test_an_upgraded_package_that_decides_findings_checks_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch, package: str
) -> None:
    """Dates, validation messages, YAML positions, SLA figures can change with these packages."""
    import asplan.result_cache as result_cache

    cold = check()
    stamps = {p: p.stat().st_mtime_ns for p in entries(repo)}
    real = result_cache._version_of
    monkeypatch.setattr(result_cache, "_version_of", lambda name: "99.0" if name == package else real(name))
    assert check() == cold
    assert all(p.stat().st_mtime_ns != stamps[p] for p in entries(repo))  # rewritten under the new key


def test_two_checks_at_once_share_the_cache(repo: Path) -> None:
    for n in range(30):
        (repo / f"plans/p{n:02d}.yaml").write_text(PLAN.replace("id: acme", f"id: p{n:02d}"), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("ASPLAN_NO_CACHE", None)
    command = [sys.executable, "-m", "asplan", "check", "--format", "json", "--today", "2026-11-23", "--jobs", "2"]
    runs = [subprocess.Popen(command, cwd=repo, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [json.loads(run.communicate()[0])["findings"] for run in runs]
    assert outputs[0] == outputs[1]
    fresh = subprocess.run([*command, "--no-cache"], cwd=repo, env=env, capture_output=True, text=True)
    uncached = json.loads(fresh.stdout)
    assert outputs[0] == uncached["findings"]
    assert len(entries(repo)) == 32
    assert not list((repo / CACHE_FOLDER).rglob("*.tmp"))
    warm = json.loads(subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True).stdout)
    assert warm["findings"] == uncached["findings"]


def test_a_status_log_is_a_dependency_like_the_event_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing a status log (pauses derived from status changes) checks the plan again."""
    import hashlib
    import shutil

    (tmp_path / "asplan.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "examples/data/jsm-globex", tmp_path / "data/jsm-globex")
    (tmp_path / "presets").mkdir()
    shutil.copy(ROOT / "examples/presets/jsm-globex.yaml", tmp_path / "presets/jsm-globex.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ASPLAN_NO_CACHE", raising=False)
    log = tmp_path / "data/jsm-globex/status-changes.csv"

    def depends() -> dict[str, str]:
        [entry] = entries(tmp_path)
        return dict(json.loads(json.loads(entry.read_text(encoding="utf-8"))["body"])["depends"])

    check("presets")
    assert {Path(p).name for p in depends()} == {"issues.csv", "status-changes.csv"}
    with log.open("a", encoding="utf-8") as handle:
        handle.write("GLX-101,05/Oct/26 11:00 AM,In Progress,Waiting for customer,Lucía Martín\n")
    check("presets")
    [log_key] = [p for p in depends() if p.endswith("status-changes.csv")]
    assert depends()[log_key] == hashlib.sha256(log.read_bytes()).hexdigest()  # re-checked and re-stored


# --- a warm run starts light (spec §6: at most a tenth of a cold run) --------------------------

_WARM = """
import json, sys
from asplan.__main__ import main
sys.argv = ["asplan", "check", "--today", "2026-11-23", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in ("typer", "pydantic", "ruamel.yaml", "jinja2", "asplan.model", "asplan.rules.registry")
               if m in sys.modules)
print(json.dumps({"code": code, "heavy": heavy}))
"""


def _entry_point(repo: Path, *args: str) -> tuple[str, dict[str, object]]:
    """stdout of ``asplan check *args`` through the console entry point, and what it imported."""
    env = {k: v for k, v in os.environ.items() if k != "ASPLAN_NO_CACHE"}
    result = subprocess.run(
        [sys.executable, "-c", _WARM, *args], capture_output=True, text=True, cwd=repo, env=env, check=True
    )
    *report, imported = result.stdout.splitlines()
    return "\n".join(report), json.loads(imported)


@pytest.mark.parametrize("output_format", ["text", "sarif"])
def test_a_warm_run_imports_no_model_rule_or_parser_and_prints_the_same(repo: Path, output_format: str) -> None:
    """Every file a hit: no plan is read, so neither the models, the rules, ruamel nor typer load.

    The summaries the report prints (SARIF rule descriptions, ``--statistics``) then come
    from the entries, and the cross-plan rule runs alone; the output is the cold run's.
    """
    (repo / "asplan.toml").unlink()  # a configuration file is read with pydantic; the default needs nothing
    args = ("--format", output_format, "--statistics", "plans")
    cold_text, cold = _entry_point(repo, "--no-cache", *args)
    _entry_point(repo, *args)  # writes the entries
    warm_text, warm = _entry_point(repo, *args)
    assert warm_text == cold_text
    assert warm["code"] == cold["code"] == 0  # warnings only
    assert warm["heavy"] == []
    assert "asplan.model" in cold["heavy"] and "asplan.rules.registry" in cold["heavy"]
    assert "ASP302" in warm_text and "action overdue" in warm_text  # the rule's summary, read from the entry
    assert "ASP204" not in warm_text


def test_a_warm_run_still_runs_the_cross_plan_rule(repo: Path) -> None:
    (repo / "asplan.toml").unlink()
    (repo / "plans/other.yaml").write_text(PLAN, encoding="utf-8")  # the same account id twice
    cold_text, _ = _entry_point(repo, "--no-cache", "--statistics", "plans")
    _entry_point(repo, "--statistics", "plans")
    warm_text, warm = _entry_point(repo, "--statistics", "plans")
    assert warm_text == cold_text
    assert warm["heavy"] == []
    assert "ASP204" in warm_text and "account id used by another plan" in warm_text


def test_the_cross_plan_rules_a_warm_run_imports_are_the_registrys() -> None:
    from asplan.rules.base import Scope
    from asplan.rules.portfolio import portfolio_rules
    from asplan.rules.registry import RULES

    registered = [rule.code for rule in RULES.values() if rule.scope is Scope.PORTFOLIO]
    assert [rule.code for rule in portfolio_rules()] == registered == ["ASP204"]
