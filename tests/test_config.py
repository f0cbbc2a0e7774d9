"""``asplan.config``: discovery, validation and the selection logic, without the CLI."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from asplan.config import Config, ConfigError, check_codes, find_config, load_config
from asplan.findings import Severity
from asplan.parallel import CHECK_SERIAL_BELOW, RENDER_SERIAL_BELOW, workers_for
from asplan.rules.registry import known_codes
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_MAX_FILE_BYTES, DEFAULT_WARN_DAYS, Settings

KNOWN = known_codes()


def test_defaults_without_a_file() -> None:
    config = load_config(None, KNOWN)
    assert (config.select, config.ignore, config.fail_on) == (None, [], "error")
    assert (config.warn_days, config.kpi_grace_days) == (14, 7)
    assert config.max_file_bytes == DEFAULT_MAX_FILE_BYTES == 5 * 1024 * 1024
    assert config.is_enabled("ASP201")


def test_every_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "asplan.toml"
    path.write_text(
        'paths = ["plans", "more"]\n'
        'select = ["asp2", "ASP5"]\n'
        'ignore = ["ASP509"]\n'
        'fail_on = "warning"\n'
        "warn_days = 30\n"
        "kpi_grace_days = 3\n"
        "max_file_bytes = 1000\n"
        "[severity]\n"
        'ASP205 = "error"\n'
        "[per_file_ignores]\n"
        '"plans/archive/*.yaml" = ["asp5"]\n',
        encoding="utf-8",
    )
    config = load_config(path, KNOWN)
    assert config.root == tmp_path
    assert config.paths == ["plans", "more"]
    assert config.select == ["ASP2", "ASP5"]
    assert config.ignore == ["ASP509"]
    assert config.fail_on == "warning"
    assert (config.warn_days, config.kpi_grace_days, config.max_file_bytes) == (30, 3, 1000)
    assert config.severity == {"ASP205": Severity.ERROR}
    assert config.per_file_ignores == {"plans/archive/*.yaml": ["ASP5"]}


@pytest.mark.parametrize(
    ("code", "enabled"),
    [("ASP201", True), ("ASP205", True), ("ASP501", True), ("ASP509", False), ("ASP101", False), ("ASP001", False)],
)
def test_selection_by_prefix(code: str, enabled: bool) -> None:
    config = Config(select=["ASP2", "ASP5"], ignore=["ASP509"])
    assert config.is_enabled(code) is enabled


def test_all_selects_and_ignores_everything() -> None:
    assert all(Config(select=["ALL"]).is_enabled(code) for code in KNOWN)
    assert not any(Config(ignore=["ALL"]).is_enabled(code) for code in KNOWN)
    assert Config(select=["ALL"], ignore=["ASP5"]).is_enabled("ASP201")
    assert not Config(select=["ALL"], ignore=["ASP5"]).is_enabled("ASP501")


def test_per_file_ignores_match_relative_to_the_root(tmp_path: Path) -> None:
    config = Config(root=tmp_path, per_file_ignores={"plans/archive/*.yaml": ["ASP5", "ASP201"]})
    archived = str(tmp_path / "plans" / "archive" / "old.yaml")
    assert config.ignored_for_file(archived, "ASP509")
    assert config.ignored_for_file(archived, "ASP201")
    assert not config.ignored_for_file(archived, "ASP202")
    assert not config.ignored_for_file(str(tmp_path / "plans" / "acme.yaml"), "ASP509")


def test_severity_of() -> None:
    config = Config(severity={"ASP205": Severity.ERROR})
    assert config.severity_of("ASP205", Severity.WARNING) is Severity.ERROR
    assert config.severity_of("ASP206", Severity.ERROR) is Severity.ERROR


def test_find_config_walks_up_and_prefers_asplan_toml(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None
    (tmp_path / "pyproject.toml").write_text("[tool.asplan]\n")
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "pyproject.toml").write_text("[tool.black]\n")  # no [tool.asplan]: passed over
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "asplan.toml").write_text("")
    assert find_config(deep) == tmp_path / "a" / "asplan.toml"
    (tmp_path / "a" / "b" / "pyproject.toml").write_text("[tool.asplan]\nfail_on = 'never'\n")
    assert find_config(deep) == deep / "pyproject.toml"


def test_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n')
    assert load_config(path, KNOWN).fail_on == "error"


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("ignroe = []\n", "unknown key 'ignroe' (did you mean 'ignore'?)"),
        ("warn_days = true\n", "bad value for 'warn_days'"),
        ("kpi_grace_days = '7'\n", "bad value for 'kpi_grace_days'"),
        ("max_file_bytes = 0\n", "bad value for 'max_file_bytes'"),
        ("paths = 'plans'\n", "bad value for 'paths'"),
        ("fail_on = 'info'\n", "bad value for 'fail_on'"),
        ("[per_file_ignores]\n'x' = 'ASP5'\n", "bad value for 'per_file_ignores.x'"),
        ("[severity]\nASP2 = 'error'\n", "'severity.ASP2' names no rule"),
        ("ignore = ['ASP2', 'W291']\n", "'ignore': 'W291' matches no rule code"),
        ("a = = 1\n", "asplan.toml:1:5: invalid TOML: Invalid value"),
        ("select = ['ALL']\nselect = []\n", "asplan.toml:2:12: invalid TOML: Cannot overwrite a value"),
    ],
)
def test_bad_configuration(tmp_path: Path, toml: str, fragment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the file is named as the user would type it from here
    path = tmp_path / "asplan.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, KNOWN)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_check_codes_accepts_codes_prefixes_and_all() -> None:
    check_codes(["ASP201", "asp5", "ASP", "ALL"], KNOWN, "--select")
    with pytest.raises(ConfigError, match=r"^--select: 'ASP2011' matches no rule code"):
        check_codes(["ASP2011"], KNOWN, "--select")


def test_file_keys_and_effective_settings_agree() -> None:
    # The TOML schema is derived from the effective configuration's file keys: a key in one
    # and not the other would be silently ignored or unsettable, a default that differs would
    # make an absent key and a default key mean two things.
    from asplan.config import file_schema

    file_keys = set(file_schema().model_fields)
    effective = {f.name for f in dataclasses.fields(Config)} - {"source", "root"}
    assert file_keys == effective
    defaults = Config()
    for key in ("fail_on", "warn_days", "kpi_grace_days", "max_file_bytes", "plans_dir", "paths", "select"):
        assert file_schema().model_fields[key].get_default(call_default_factory=True) == getattr(defaults, key), key
    assert (defaults.warn_days, defaults.kpi_grace_days) == (DEFAULT_WARN_DAYS, DEFAULT_KPI_GRACE_DAYS) == (14, 7)
    assert defaults.settings == Settings(warn_days=14, kpi_grace_days=7)


def test_command_line_overrides_leave_the_file_configuration_alone() -> None:
    base = Config(select=["ASP2"], ignore=["ASP509"], fail_on="error")
    changed = base.with_overrides(select=["ASP3"], ignore=["ASP301"], fail_on="warning")
    assert (changed.select, changed.ignore, changed.fail_on) == (["ASP3"], ["ASP509", "ASP301"], "warning")
    assert (base.select, base.ignore, base.fail_on) == (["ASP2"], ["ASP509"], "error")
    kept = base.with_overrides()
    assert (kept.select, kept.ignore, kept.fail_on) == (["ASP2"], ["ASP509"], "error")


@pytest.mark.parametrize(
    ("n_files", "jobs", "expected"),
    [(1, None, 1), (31, None, 1), (32, None, 4), (500, None, 4), (1, 3, 3), (500, 1, 1)],
)
def test_workers_for(n_files: int, jobs: int | None, expected: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    assert workers_for(n_files, jobs, CHECK_SERIAL_BELOW) == expected


def test_render_goes_parallel_sooner_than_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: None)  # unknown CPU count: one process
    assert workers_for(100, None, RENDER_SERIAL_BELOW) == 1
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert (workers_for(16, None, RENDER_SERIAL_BELOW), workers_for(16, None, CHECK_SERIAL_BELOW)) == (2, 1)
