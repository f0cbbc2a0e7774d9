"""``asplan sla`` over big exports: one pass per file, events kept as columns, JSON written as it goes.

The streaming writer must print what the dictionary-based one prints, byte for byte,
and the event columns must read back as the records they replace; both are checked on
the examples and the preset samples (DST nights, pauses, open and at-risk events).
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asplan.plan_source import discover, iter_plans
from asplan.sla.engine import evaluate_plan
from asplan.sla.events import load_event_file
from asplan.sla.report import _DeadlineText, dumps, report_json, rows, write_json
from asplan.sla.results import EventList
from asplan.timecalc.worktable import from_micros, to_micros
from helpers import examples

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLANS = ["acme-logistica.yaml", *(f"presets/{p.name}" for p in sorted((EXAMPLES / "presets").glob("*.yaml")))]
TODAY = date(2026, 11, 23)


def _report(name: str):  # type: ignore[no-untyped-def]
    source = next(iter(iter_plans(discover([str(EXAMPLES / name)]), 5 * 1024 * 1024)))
    return evaluate_plan(source.require(), source.path, TODAY)


@pytest.mark.parametrize("name", PLANS)
def test_streamed_json_is_the_dictionary_json(name: str) -> None:
    selected = rows([_report(name)])
    out = io.StringIO()
    write_json(TODAY, selected, out.write)
    assert out.getvalue() == dumps(report_json(TODAY, selected))
    assert '"events": [{"id": ' in out.getvalue()


@pytest.mark.parametrize("name", PLANS)
def test_event_columns_read_back_as_records(name: str) -> None:
    report = _report(name)
    timed = [period for result in report.slas if result.sla.timed for period in result.periods]
    assert any(len(period.events) for period in timed)
    for period in timed:
        events = period.events
        if not events:
            continue  # a period without events
        assert isinstance(events, EventList)
        records = list(events)
        assert [events[i] for i in range(len(events))] == records
        assert list(events[1:3]) == records[1:3]
        assert sorted(records, key=lambda e: (e.start, e.id)) == records
        assert {e.period for e in records} <= {period.period}
        for status in ("met", "breached", "running", "at_risk"):
            assert period.count(status) == sum(1 for e in records if e.status == status)  # type: ignore[arg-type]
        for event in records:
            if event.status in ("running", "at_risk"):
                assert event.remaining is not None and event.remaining > timedelta(0)
            if event.status == "met":
                assert event.remaining is None


def test_one_pass_checks_the_rows_it_times(tmp_path: Path) -> None:
    """A table loaded for the engine reads only its header; the timing pass finds the broken rows."""
    path = tmp_path / "tickets.csv"
    path.write_text("id,created,resolved\nT1,2026-10-05T10:00,2026-10-05T10:20\nT2,2026-10-05\n", encoding="utf-8")
    table = load_event_file(str(path), scan=False)
    assert not table.scanned and table.count == 0
    assert [line for line, _ in table.records()] == [2]
    assert table.scanned and table.count == 1
    assert [str(p) for p in table.problems] == [f"{path}:3: 2 fields where the header has 3; row left out"]
    assert load_event_file(str(path)) is table  # remembered, and not read again


@settings(max_examples=examples(300))
@given(
    st.sampled_from(["Europe/Madrid", "Asia/Kolkata", "Pacific/Chatham", "America/New_York", "UTC"]),
    st.integers(min_value=0, max_value=to_micros(datetime(2200, 1, 1, tzinfo=UTC))),
    st.sampled_from([1, 60_000_000, 1_000_000]),
)
def test_deadlines_are_written_as_isoformat_writes_them(zone: str, micros: int, unit: int) -> None:
    """Whole minutes, whole seconds and microseconds, across DST nights and half-hour zones."""
    tz = ZoneInfo(zone)
    micros -= micros % unit
    assert _DeadlineText(tz)(micros) == from_micros(micros).astimezone(tz).isoformat()
