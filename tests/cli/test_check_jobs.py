"""``--jobs N`` never changes the output: byte for byte the same as a serial run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from clitools import EXAMPLES, TODAY, invoke, run_asplan

PLANS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 plans made from the examples: distinct ids and names, some with errors, two sharing an id."""
    root = tmp_path_factory.mktemp("corpus")
    plans = root / "plans"
    plans.mkdir()
    shutil.copytree(EXAMPLES / "data", plans / "data")  # acme's event file, relative to the plan
    sources = {
        "acme-logistica": (EXAMPLES / "acme-logistica.yaml").read_text(encoding="utf-8"),
        "northwind-health": (EXAMPLES / "northwind-health.yaml").read_text(encoding="utf-8"),
        "minimal": (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8"),
    }
    names = list(sources)
    for i in range(PLANS):
        source_id = names[i % 3]
        new_id = f"{source_id}-{i:02d}"
        text = sources[source_id].replace(f"  id: {source_id}\n", f"  id: {new_id}\n", 1)
        if i % 5 == 0:  # an unknown account manager: ASP201
            text = text.replace("  manager: ", "  manager: nobody-", 1)
        if i % 7 == 0:  # a typo'd key: ASP103
            text = text.replace("  tier: ", "  tir: ", 1)
        if i == 39:  # the same account id as plan 00: ASP204
            text = text.replace(f"  id: {new_id}\n", f"  id: {names[0]}-00\n", 1)
        (plans / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    return root


def check(corpus: Path, output_format: str, jobs: int) -> tuple[int, str]:
    """In process (forking workers from here is cheap; interpreter start-ups are not)."""
    old = Path.cwd()
    os.chdir(corpus)
    try:
        result = invoke("check", "plans", "--today", TODAY, "--format", output_format, "--jobs", str(jobs))
    finally:
        os.chdir(old)
    assert result.stderr == ""
    return result.exit_code, result.stdout


@pytest.mark.parametrize("output_format", ["json", "text"])
def test_jobs_2_is_byte_identical_to_jobs_1(corpus: Path, output_format: str) -> None:
    serial = check(corpus, output_format, 1)
    assert check(corpus, output_format, 2) == serial
    assert serial[0] == 1
    if output_format == "json":
        report = json.loads(serial[1])
        assert report["summary"]["files"] == PLANS
        codes = {f["code"] for f in report["findings"] if f["severity"] == "error"}
        assert {"ASP201", "ASP103", "ASP204"} <= codes
        asp204 = [f["file"] for f in report["findings"] if f["code"] == "ASP204"]
        assert asp204 == ["plans/acme-logistica-39.yaml"]


def test_jobs_in_the_console_script(corpus: Path) -> None:
    serial = check(corpus, "json", 1)
    parallel = run_asplan("check", "plans", "--today", TODAY, "--format", "json", "--jobs", "2", cwd=corpus)
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == (*serial, "")
