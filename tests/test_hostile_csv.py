"""Hostile event files (spec §5): each gives a one-line error naming file and line, or a
per-row warning, never a traceback, and a million rows stream in bounded time and memory.

``asplan sla`` stops with ``asplan: error: FILE:LINE: ...`` (exit 2) on a whole-file
problem and warns ``FILE:LINE: ...; row left out`` for a broken row; ``asplan check``
reports the whole-file problems as ASP206 on the plan's ``events`` entry.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.sla.events import MAX_EVENT_FILE_BYTES, MAX_LINE_BYTES, load_event_file
from helpers import check_text, messages, plan

runner = CliRunner()

PLAN = plan(
    """\
    slas:
      - id: SLA-1
        name: First response P1
        where: {priority: P1}
        stop: first_response
        target: "<= 30m"
        period: monthly
        penalty: reviewed monthly
    events:
      - tickets.csv
    """
).replace("  tier: high\n", "  tier: high\n  timezone: UTC\n")  # the export's times have no offset: say they are UTC
EVENTS_LINE = 19  # "  - tickets.csv": line 10 + 9
HEADER = b"id,created,priority,first_response\n"
LATE = b"T-1,2026-10-05T09:00,P1,2026-10-05T09:45\n"  # 45 minutes: breached
ON_TIME = b"T-2,2026-10-06T09:00,P1,2026-10-06T09:10\n"  # 10 minutes: met


def sla_cli(folder: Path, data: bytes, *args: str) -> tuple[int, str, str]:
    (folder / "acme.yaml").write_text(PLAN, encoding="utf-8")
    (folder / "tickets.csv").write_bytes(data)
    result = runner.invoke(app, ["sla", str(folder / "acme.yaml"), "--today", "2026-11-23", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def asp206(data: bytes) -> list[str]:
    findings = check_text(PLAN, extra_files={"tickets.csv": data}, select=["ASP206"])
    assert all((f.line, f.column) == (EVENTS_LINE, 5) for f in findings), findings
    return messages(findings, "ASP206")


# ------------------------------------------------------------------ whole-file problems


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (b"", 1, "is empty: a header row is needed"),
        (b"\n\n", 1, "is empty: a header row is needed"),
        (HEADER + LATE + "T-3,España,P1,\n".encode("latin-1") + ON_TIME, 3, "is not UTF-8"),
        (HEADER + LATE + b"T-3,\x00\x00,P1,\n", 3, "contains NUL bytes: it is binary, not CSV"),
        ((HEADER + LATE).decode().encode("utf-16"), 1, "is UTF-16, not UTF-8: export it as UTF-8 CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "is not UTF-8"),
        (HEADER + b"x" * (MAX_LINE_BYTES + 10), 2, "has a line over 1 MB: not a CSV event export"),
        (b'id,"created\n' + LATE, 1, "has a broken header (unexpected end of data)"),
        (b"id,created,id\n", 1, "has column 'id' twice in its header"),
        (
            (HEADER + LATE).replace(b"\n", b"\r"),
            1,
            "ends its lines with a bare CR (old Mac format): export with LF or CRLF",
        ),
    ],
    ids=[
        "empty",
        "blank-lines",
        "latin-1",
        "nul",
        "utf-16",
        "png",
        "megabyte-line",
        "quote-in-header",
        "dup-column",
        "cr-only",
    ],
)
def test_whole_file_problem_is_one_line(tmp_path: Path, data: bytes, line: int, problem: str) -> None:
    code, out, err = sla_cli(tmp_path, data)
    assert (code, out) == (2, "")
    assert err == f"asplan: error: {tmp_path / 'tickets.csv'}:{line}: {problem}\n"
    where = f" (line {line})" if line > 1 else ""
    assert asp206(data) == [f"event file 'tickets.csv' {problem}{where}"]


def test_binary_file_without_line_ends_is_read_a_megabyte_at_a_time(tmp_path: Path) -> None:
    data = bytes(range(1, 256)) * 40_000  # 10 MB, no NUL, no newline worth the name
    start = time.process_time()
    code, _, err = sla_cli(tmp_path, data)
    assert code == 2 and err.count("\n") == 1 and err.startswith("asplan: error: ")
    assert time.process_time() - start < 5


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    (tmp_path / "acme.yaml").write_text(PLAN, encoding="utf-8")
    with path.open("wb") as handle:
        handle.write(HEADER)
        handle.truncate(MAX_EVENT_FILE_BYTES + 1)  # sparse: a hole of NULs that is never read
    start = time.process_time()
    result = runner.invoke(app, ["sla", str(tmp_path / "acme.yaml"), "--today", "2026-11-23"])
    assert time.process_time() - start < 2
    assert result.exit_code == 2
    assert result.stderr == (
        f"asplan: error: {path}: is 268,435,457 bytes, over the limit of 268,435,456 for an event file"
        " (split the export, e.g. by year)\n"
    )


# -------------------------------------------------------------------- tolerated forms


@pytest.mark.parametrize(
    "data",
    [
        HEADER + LATE + ON_TIME,
        b"\xef\xbb\xbf" + HEADER + LATE + ON_TIME,
        (HEADER + LATE + ON_TIME).replace(b"\n", b"\r\n"),
        (HEADER + LATE + ON_TIME).rstrip(b"\n"),
        HEADER + b"\n" + LATE + b"\n\n" + ON_TIME,
    ],
    ids=["plain", "bom", "crlf", "no-final-newline", "blank-lines"],
)
def test_bom_crlf_and_blank_lines_read_the_same(tmp_path: Path, data: bytes) -> None:
    code, out, err = sla_cli(tmp_path, data, "--period", "2026-10", "--format", "json")
    assert (code, err) == (0, "")
    [row] = json.loads(out)["slas"]
    assert (row["status"], row["value"]) == ("breached", 50)  # one of the two on time
    assert [(e["id"], e["status"], e["elapsed_minutes"]) for e in row["events"]] == [
        ("T-1", "breached", 45),
        ("T-2", "met", 10),
    ]
    assert asp206(data) == []


def test_header_only_is_no_events_not_an_error(tmp_path: Path) -> None:
    code, out, err = sla_cli(tmp_path, HEADER, "--period", "2026-10", "--format", "json")
    assert (code, err) == (0, "")
    # Without an objective a timed SLA breaches per late event: no events, no breach.
    assert [(r["period"], r["status"], r["events"]) for r in json.loads(out)["slas"]] == [("2026-10", "met", [])]
    assert asp206(HEADER) == []


# ----------------------------------------------------------------------- broken rows


def _distinct(row: bytes, count: int) -> bytes:
    """``count`` copies of ``row`` with ids of the same length, all different (a repeated id is counted once)."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    ids = (digits[n // 1296] + digits[n // 36 % 36] + digits[n % 36] for n in range(count))
    return b"".join(row.replace(b"T-2", i.encode(), 1) for i in ids)


def test_unterminated_quote_names_the_lines_it_swallows(tmp_path: Path) -> None:
    # The quote opened on line 3 never closes: the csv reader takes every following line
    # into one field until it passes the 131,072-character field limit. Each ON_TIME line
    # is 41 characters, so the field ends inside line 3 + ceil(131,072 / 41) = 3,200.
    data = HEADER + LATE + b'T-3,"2026-10-07T09:00,P1,\n' + _distinct(ON_TIME, 5000)
    code, out, err = sla_cli(tmp_path, data, "--period", "2026-10", "--format", "json")
    assert code == 0
    assert err.splitlines() == [
        f"asplan: warning: {tmp_path / 'tickets.csv'}:3: broken CSV row (field larger than field limit (131072);"
        " a quote that is never closed?); lines 3-3200 left out"
    ]
    table = load_event_file(str(tmp_path / "tickets.csv"))
    # Lines 3,201-5,003 still count: the header, LATE, then 1,803 ON_TIME rows.
    assert table.count == 1 + (5003 - 3200)
    [row] = json.loads(out)["slas"]
    assert len(row["events"]) == table.count


def test_unterminated_quote_to_the_end_of_the_file(tmp_path: Path) -> None:
    data = HEADER + LATE + b'T-3,"2026-10-07T09:00,P1,\n' + ON_TIME * 3
    code, _, err = sla_cli(tmp_path, data, "--period", "2026-10")
    assert code == 0
    assert err == (
        f"asplan: warning: {tmp_path / 'tickets.csv'}:3: broken CSV row (unexpected end of data;"
        " a quote that is never closed?); lines 3-6 left out\n"
    )


def test_field_over_the_csv_limit_is_one_row_left_out(tmp_path: Path) -> None:
    data = HEADER + LATE + b"T-3," + b"x" * 200_000 + b",P1,\n" + ON_TIME
    code, out, err = sla_cli(tmp_path, data, "--period", "2026-10", "--format", "json")
    assert code == 0
    assert err == (
        f"asplan: warning: {tmp_path / 'tickets.csv'}:3: broken CSV row (field larger than field limit (131072);"
        " a quote that is never closed?); row left out\n"
    )
    assert [e["id"] for e in json.loads(out)["slas"][0]["events"]] == ["T-1", "T-2"]


def test_quote_then_text_and_short_row_are_warnings(tmp_path: Path) -> None:
    data = HEADER + b'T-3,2026-10-07T09:00,"P1"x,\n' + b"T-4,2026-10-07\n" + LATE
    code, out, err = sla_cli(tmp_path, data, "--period", "2026-10", "--format", "json")
    assert code == 0
    csv_file = tmp_path / "tickets.csv"
    assert err.splitlines() == [
        f"asplan: warning: {csv_file}:2: broken CSV row (',' expected after '\"'); row left out",
        f"asplan: warning: {csv_file}:3: 2 fields where the header has 4; row left out",
    ]
    assert [e["id"] for e in json.loads(out)["slas"][0]["events"]] == ["T-1"]


# ------------------------------------------------------------------------ a million rows

MONTHS = [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]

# Runs the CLI in a fresh interpreter and prints its peak resident memory, so the bound
# is about this command only (an in-process measure would include the test session).
_MEASURED = """
import resource, sys
from asplan.cli.app import app
sys.argv = ["asplan", *sys.argv[1:]]
try:
    app()
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak = usage.ru_maxrss
    sys.stderr.write(f"cpu-s={usage.ru_utime + usage.ru_stime}\\n")
    sys.stderr.write(f"peak-kb={peak // 1024 if sys.platform == 'darwin' else peak}\\n")
"""


def million_rows(path: Path) -> None:
    """1,000 blocks of 1,000 rows over Nov 2025 - Oct 2026, ~44 MB, written in a fraction of a second.

    Row ``i`` of a block falls in month ``i % 12`` and is P1 when ``i % 10 == 1``. The P1
    rows of October 2026 (month 11) are ``i ≡ 11 (mod 60)``: 17 a block. Those with
    ``i % 120 == 11`` (9 a block) are answered in 45 minutes, the other 8 in 10.
    """
    lines = []
    for i in range(1000):
        month = MONTHS[i % 12]
        day = 1 + i % 28
        priority = "P1" if i % 10 == 1 else "P3"
        answer = "09:45" if i % 120 == 11 else "09:10"
        lines.append(f"T@{i:03d},{month}-{day:02d}T09:00,{priority},{month}-{day:02d}T{answer}\n")
    block = "".join(lines)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,created,priority,first_response\n")
        for b in range(1000):
            handle.write(block.replace("@", f"{b:04d}-"))


def measured(*args: str) -> tuple[int, str, str, int, float]:
    """Exit code, stdout, stderr, peak memory (MB) and CPU seconds of one asplan run.

    CPU time, not the wall clock: on a machine busy with other jobs the wall clock
    measures the neighbours (this test failed at 20 s wall under load 10 on 2 cores).
    """
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True, text=True, check=False)
    *rest, cpu, peak = done.stderr.splitlines()
    assert cpu.startswith("cpu-s=") and peak.startswith("peak-kb="), done.stderr[-2000:]
    seconds = float(cpu.removeprefix("cpu-s="))
    return done.returncode, done.stdout, "\n".join(rest), int(peak.removeprefix("peak-kb=")) // 1024, seconds


@pytest.fixture(scope="module")
def million(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("million")
    (folder / "acme.yaml").write_text(PLAN, encoding="utf-8")
    million_rows(folder / "tickets.csv")
    return folder


# Measured alone: check 3.9 s / 60 MB, sla 4.1 s / 66 MB; inside a full suite run the
# same process has been seen at 202 and 316 MB (peak RSS, allocator and page effects we
# have not pinned down). Before streaming, the rows were held: 620 MB for check. The
# memory bound sits between the two so that holding the rows again fails the test.
SECONDS = 20
PEAK_MB = 450


def test_million_rows_check(million: Path) -> None:
    assert (million / "tickets.csv").stat().st_size > 40_000_000
    code, out, err, peak, elapsed = measured("check", str(million / "acme.yaml"), "--today", "2026-11-23",
                                             "--select", "ASP2,ASP4", "--format", "json")  # fmt: skip
    assert (code, err) == (0, "")
    assert [(f["code"], f["message"]) for f in json.loads(out)["findings"]] == [
        ("ASP401", "SLA-1 'First response P1' breached in 2026-10: 9000 events over <= 30m"),
    ]
    assert elapsed < SECONDS and peak < PEAK_MB, (elapsed, peak)


def test_million_rows_sla(million: Path) -> None:
    code, out, err, peak, elapsed = measured("sla", str(million / "acme.yaml"), "--today", "2026-11-23",
                                             "--period", "last", "--format", "json")  # fmt: skip
    assert (code, err) == (0, "")
    [row] = json.loads(out)["slas"]
    assert (row["period"], row["status"], len(row["events"])) == ("2026-10", "breached", 17_000)
    assert sum(e["status"] == "breached" for e in row["events"]) == 9_000
    assert elapsed < SECONDS and peak < PEAK_MB, (elapsed, peak)
