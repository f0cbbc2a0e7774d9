"""Fuzzing (spec §5): no input crashes the loader, the check pipeline or the CSV reader.

Hypothesis drives three targets with arbitrary text, arbitrary bytes, and mutations
of the example plans (the inputs most likely to reach deep into the validator and the
rules: almost-valid plans). A crash is any exception other than the one each layer
is documented to raise. Each test is bounded (``max_examples``) to keep the suite fast.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asplan.checker import Target, check_file
from asplan.config import Config
from asplan.loading import LoadError, parse_yaml
from asplan.sla.events import EventFileError, load_event_file

EXAMPLES = Path(__file__).parent.parent / "examples"
PLANS = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.yaml"))}
TODAY = date(2026, 11, 23)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Fragments that mean something to YAML or to asplan: structure, anchors, tags, dates,
# durations, targets, and characters that break scanners.
TOKENS = [
    ": ", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/name:os.system ", "? ", "|", ">",
    "'", '"', "#", "\t", "\n", "\r\n", "  ", "---\n", "...\n", "%YAML 1.2\n", "<<: *a", "null", "~", "true",
    "2026-02-30", "9999-12-31", "0000-01-01", "-1", "1e999", ".nan", "P3M", "PT0S", "0m", ">= 101%",
    "<= -5m", "== x", "€", "\u2028", "\ufeff", "\x85", "\U0001f600", "x" * 300,
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """An example plan with a few insertions, deletions, line swaps and duplications."""
    text = PLANS[draw(st.sampled_from(sorted(PLANS)))]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "token", "delete", "swap", "duplicate"]))
        if op == "insert":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif op == "token":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if op == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(j, lines[i])
            text = "\n".join(lines)
    return text


def parse_or_refuse(text: str) -> None:
    try:
        document = parse_yaml(text, "fuzz.yaml")
    except LoadError as exc:
        assert exc.code in {"ASP001", "ASP004"} and exc.line >= 1 and exc.column >= 1
        assert "\n" not in exc.message
        return
    for line, column in document.positions.values.values():
        assert line >= 1 and column >= 1


@FUZZ
@given(st.text(max_size=2000))
def test_loader_on_arbitrary_text(text: str) -> None:
    parse_or_refuse(text)


@FUZZ
@given(st.lists(st.sampled_from([*TOKENS, "a", "b", "1", " ", "\n"]), max_size=80).map("".join))
def test_loader_on_yaml_punctuation(text: str) -> None:
    parse_or_refuse(text)


@FUZZ
@given(mutated())
def test_loader_on_mutated_examples(text: str) -> None:
    parse_or_refuse(text)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the examples, event files included, so SLA rules read real tickets."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
    return folder


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_check_pipeline_on_mutated_examples(workdir: Path, text: str) -> None:
    path = workdir / "acme-logistica.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    result = check_file(Target(str(path), explicit=True), Config(), TODAY)  # raises on a rule crash
    for finding in result.findings:
        assert finding.line >= 1 and finding.column >= 1
        assert "\n" not in finding.message or finding.code == "ASP001", finding


@FUZZ
@given(st.binary(max_size=3000))
def test_csv_reader_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    read_events(tmp_path, data)


CSV_TOKENS = ["id,created,priority,first_response\n", "T-1,2026-10-05T09:00,P1,2026-10-05T09:45\n", '"', ",",
              "\n", "\r\n", "\r", "\x00", "\xef\xbb\xbf", "é", '""', " ", "x"]  # fmt: skip


@FUZZ
@given(st.lists(st.sampled_from(CSV_TOKENS), max_size=60).map("".join))
def test_csv_reader_on_csv_like_text(tmp_path: Path, text: str) -> None:
    read_events(tmp_path, text.encode("utf-8", "surrogatepass"))


def read_events(folder: Path, data: bytes) -> None:
    path = folder / "tickets.csv"
    path.write_bytes(data)
    try:
        table = load_event_file(str(path))
    except EventFileError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path))
        return
    rows = list(table.records())
    assert len(rows) == table.count
    assert all(len(row) == len(table.header) for _, row in rows)
    lines = [line for line, _ in rows] + [p.line for p in table.problems]
    assert len(set(lines)) == len(lines) and all(line >= 2 for line in lines)
