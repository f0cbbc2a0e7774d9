"""The vectorised ``sla`` pass and JSON writer against the Python ones: the same output, byte for byte.

``asplan.sla.fastpath`` times big exports column-wise and ``asplan.sla.fastjson``
writes big periods column-wise; the Python pass and writer are the authority. Each
test runs ``asplan sla`` twice, once with the thresholds at 0 (every file and period
on the vectorised side) and once beyond any file (the Python side alone), and
compares exit code, stdout and stderr, in JSON and in text: on the examples, the
preset samples, and generated exports around clock changes, period ends and ``now``,
with pauses, duplicates, and rows the fast path must leave to the Python taker or
files it must leave to the Python reader.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from asplan.cli.app import app
from asplan.sla import fastgate, fastpath, fastread, report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLANS = ["acme-logistica.yaml", *(f"presets/{p.name}" for p in sorted((EXAMPLES / "presets").glob("*.yaml")))]
runner = CliRunner()

PLAN = """\
asplan: 1
account:
  id: fast
  name: Fast Path Ltd
  tier: low
  manager: sam.taylor
  timezone: Europe/Madrid
  contract: {id: C-1, start: 2025-01-01, end: 2027-12-31, fee: {amount: 1000, currency: EUR, per: month}}
people:
  - {id: sam.taylor, name: Sam Taylor, side: provider}
calendars:
  laboral:
    timezone: Europe/Madrid
    hours: {mon-thu: "09:00-14:00,15:00-18:00", fri: "08:00-15:00"}
    holidays: [2026-12-24]
slas:
  - {id: S-1, name: First response P1, where: {priority: P1}, start: created, stop: first_response,
     target: "<= 30m", calendar: 24x7, period: monthly, credit: {percent: 1}}
  - {id: S-2, name: Resolution P2 P3, where: {priority: [P2, P3]}, start: created, stop: resolved,
     target: "<= 8h", calendar: laboral, objective: ">= 90%", period: monthly, credit: {percent: 2}}
  - {id: S-3, name: Resolution all, start: created, stop: resolved, target: "<= 2d", calendar: laboral,
     period: quarterly, at_risk: 50}
events:
  - tickets.csv
"""
HEADER = "id,created,priority,category,first_response,resolved,pauses"


def _sla(monkeypatch: pytest.MonkeyPatch, fast: bool, *args: str) -> tuple[int, str, str, list[bool]]:
    """``asplan sla ARGS``: exit code, stdout, stderr, and what each vectorised pass returned."""
    monkeypatch.setattr(fastgate, "FAST_MIN_BYTES", 0 if fast else 1 << 60)
    monkeypatch.setattr(fastgate, "FAST_MIN_EVENTS", 0 if fast else 1 << 60)
    monkeypatch.setattr(fastread, "BLOCK_BYTES", 300)  # many blocks, of different widths, even in a small file
    monkeypatch.setattr(report, "FAST_JSON_MIN", 0 if fast else 1 << 60)
    monkeypatch.setattr(report, "FAST_JSON_PERIOD", 0)
    taken: list[bool] = []
    real = fastpath.time_events

    def watched(*a: object) -> bool:
        taken.append(real(*a))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(fastpath, "time_events", watched)
    result = runner.invoke(app, ["sla", *args, "--today", "2026-11-23"])
    return result.exit_code, result.stdout, result.stderr, taken


def _same(monkeypatch: pytest.MonkeyPatch, *args: str) -> list[bool]:
    """Both sides print the same, in JSON and text; what the vectorised passes returned."""
    taken: list[bool] = []
    for form in ("json", "text"):
        fast = _sla(monkeypatch, True, *args, "--format", form)
        slow = _sla(monkeypatch, False, *args, "--format", form)
        assert fast[:3] == slow[:3]
        assert slow[3] == []
        taken += fast[3]
    return taken


@pytest.mark.parametrize("name", PLANS)
def test_the_examples_and_presets_print_the_same(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    taken = _same(monkeypatch, str(EXAMPLES / name))
    if name == "acme-logistica.yaml":
        assert taken == [True, True]  # a plain export: the vectorised pass did all of it


@pytest.mark.parametrize("extra", [(), ("--period", "2026-10"), ("--period", "last"), ("--now", "2026-11-02T10:00")])
def test_the_example_with_period_and_now_prints_the_same(
    monkeypatch: pytest.MonkeyPatch, extra: tuple[str, ...]
) -> None:
    assert _same(monkeypatch, str(EXAMPLES / "acme-logistica.yaml"), *extra) == [True, True]


def _write(folder: Path, lines: list[str], crlf: bool = False) -> str:
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    end = "\r\n" if crlf else "\n"
    (folder / "tickets.csv").write_bytes((end.join([HEADER, *lines]) + end).encode("utf-8"))
    return str(folder / "plan.yaml")


# Instants around Madrid's clock changes (29 March and 25 October 2026: 02:00-03:00 does not exist,
# 02:00-03:00 happens twice), a month and a quarter end, and `now` (the end of 23 November).
_AROUND = [datetime(2026, 3, 28, 20), datetime(2026, 10, 24, 22), datetime(2026, 9, 30, 20), datetime(2026, 11, 22, 9)]
_EDGES = [datetime(2026, 11, 24), datetime(2026, 11, 1), datetime(2026, 10, 1), datetime(2026, 10, 25, 2, 30),
          datetime(2026, 3, 29, 2, 30), datetime(2026, 10, 25, 3), datetime(2026, 10, 5, 9), datetime(2026, 10, 5, 14)]
_FORMS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M+02:00"]
_ODD = ["", " ", "garbage", "2026-02-30T10:00", "1960-01-01T10:00", "2026-10-25T02:30:00.5", "2026-10-05T24:00"]


@st.composite
def _stamp(draw: st.DrawFn, near: datetime | None = None) -> tuple[str, datetime | None]:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from(_ODD)), None
    if draw(st.integers(0, 9)) == 0:  # exactly on a boundary: now, a month's end, a clock change
        when = draw(st.sampled_from(_EDGES))
    else:
        base = near if near is not None else draw(st.sampled_from(_AROUND))
        when = base + timedelta(minutes=draw(st.integers(-60, 3 * 24 * 60)))
    form = _FORMS[0] if draw(st.booleans()) else draw(st.sampled_from(_FORMS))
    return when.strftime(form), when


@st.composite
def _row(draw: st.DrawFn, n: int, odd_ids: bool) -> str:
    created, at = draw(_stamp())
    first, _ = draw(_stamp(at)) if draw(st.booleans()) else ("", None)
    resolved, until = draw(_stamp(at)) if draw(st.integers(0, 3)) else ("", None)
    pauses = ""
    kind = draw(st.integers(0, 9))
    if kind <= 2 and at is not None:
        lo = draw(st.sampled_from([at, *_EDGES])) if draw(st.booleans()) else at
        lo += timedelta(minutes=draw(st.integers(-120, 2000)) if draw(st.booleans()) else 0)
        hi = draw(st.sampled_from(_EDGES)) if draw(st.integers(0, 3)) == 0 else lo
        if draw(st.integers(0, 5)):
            hi += timedelta(minutes=draw(st.one_of(st.integers(-60, -1), st.integers(0, 3000))))
        pauses = f"{lo:%Y-%m-%dT%H:%M}/{hi:%Y-%m-%dT%H:%M}"
    elif kind == 3 and at is not None:
        pauses = f"{at:%Y-%m-%dT%H:%M}/"
        if draw(st.booleans()):
            pauses += f";{at + timedelta(hours=1):%Y-%m-%dT%H:%M}/"
    elif kind == 4:
        two = "2026-10-05T10:00/2026-10-05T11:00;2026-10-05T12:00/2026-10-05T13:00"
        pauses = draw(st.sampled_from([" ", "x/y", two]))
    del until
    ident = draw(st.sampled_from([f"T{n}", f"T{n}", f"T{n}", f"T{max(n - 3, 0)}"]))
    if odd_ids and draw(st.integers(0, 9)) == 0:
        ident = draw(st.sampled_from([f" T{n}", f"T{n}é", f"T{n}\t"]))  # stripped or not ASCII: the Python reader
    priority = draw(st.sampled_from(["P1", "P2", "P3", "P4", " P2", "p1"]))
    return ",".join([ident, created, priority, "Informes", first, resolved, pauses])


_BREAKERS = [
    "",  # a blank line
    'T99,2026-10-05T10:00,P2,"Informes, varios",,,',
    "T98,2026-10-05T10:00,P2",
    "T97,2026-10-05T10:00\x00,P2,x,,,",
]


@given(
    odd_ids=st.booleans(),
    rows=st.data(),
    size=st.integers(0, 40),
    breaker=st.sampled_from([None, None, None, *_BREAKERS]),
    crlf=st.booleans(),
    extra=st.sampled_from([(), ("--period", "2026-10"), ("--now", "2026-10-25T02:30")]),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_generated_exports_print_the_same(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    odd_ids: bool,
    rows: st.DataObject,
    size: int,
    breaker: str | None,
    crlf: bool,
    extra: tuple[str, ...],
) -> None:
    folder = tmp_path_factory.mktemp("fast")
    lines = [rows.draw(_row(n, odd_ids)) for n in range(size)]
    if breaker is not None:
        lines.insert(len(lines) // 2, breaker)
    plan = _write(folder, lines, crlf)
    taken = _same(monkeypatch, plan, *extra)
    if breaker is not None:
        assert not any(taken)  # a blank line, a quote, a short row or a NUL: the Python reader reads the file
    elif not odd_ids:
        assert taken == [True, True]  # odd timestamps and pauses are the Python taker's, inside the fast pass
    shutil.rmtree(folder, ignore_errors=True)


def test_a_plain_export_is_timed_by_the_vectorised_pass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    lines = [
        "T1,2026-10-05T10:00,P1,Informes,2026-10-05T10:20,2026-10-05T12:00,",
        "T2,2026-10-05T10:00,P2,Informes,2026-10-05T10:20,2026-10-06T12:00,2026-10-05T11:00/2026-10-05T16:00",
        "T3,2026-10-25T02:30,P2,Informes,,2026-10-26T12:00,",  # the repeated hour: left to the Python taker
        "T4,2026-10-05T10:00:00+02:00,P3,Informes,,,",  # an offset: the Python taker
        "T5,2026-10-05T10:00,P3,Informes,,2026-10-04T10:00,",  # a stop before its start: the taker reports it
        "T1,2026-10-07T10:00,P2,Informes,,,",  # a repeat
        # On the edges: `now` is the end of 23 November (Madrid), the pause cut at the stop or at now.
        "T6,2026-11-20T10:00,P1,Informes,2026-11-24T00:00,2026-11-24T00:00,",
        "T7,2026-11-20T10:00,P2,Informes,,2026-11-21T00:00,2026-11-21T00:00/2026-11-22T00:00",
        "T8,2026-11-20T10:00,P2,Informes,,,2026-11-20T12:00/2026-11-24T00:00",
        "T9,2026-11-20T10:00,P2,Informes,,,2026-11-20T12:00/2026-11-24T00:01",
        "T10,2026-11-20T10:00,P3,Informes,,,2026-11-20T10:00/2026-11-20T10:00",
        "T11,2026-11-24T00:00,P2,Informes,,,",
        "T12,2026-11-20T09:00,P3,Informes,,,2026-11-20T08:00/2026-11-20T12:00",
        "T13,2026-11-19T09:00,P3,Informes,,2026-11-23T12:00,2026-11-19T10:00/2026-11-19T11:00",
        "T14,2026-11-20T10:00,P2,Informes,,,2026-11-24T00:00/2026-11-24T05:00",
        "T15,2026-11-20T10:00,P2,Informes,,2026-11-21T10:00,2026-11-20T12:00/2026-11-20T11:00",  # reversed
    ]
    plan = _write(tmp_path, lines)
    assert _same(monkeypatch, plan) == [True, True]
    _, out, err, _ = _sla(monkeypatch, True, plan, "--format", "json")
    assert "tickets.csv:6: 'resolved' 2026-10-04T10:00 is before 'created' 2026-10-05T10:00; row left out" in err
    assert '"id": "T3"' in out and '"id": "T4"' in out and out.count('"id": "T1"') == 2  # S-1 and S-3


def test_two_sources_with_a_column_map_a_zone_a_bom_and_semicolons(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Repeats across files, a second export with its own headers, zone, separator and BOM, a two-column where."""
    plan = PLAN.replace(
        "events:\n  - tickets.csv\n",
        "events:\n  - tickets.csv\n  - {file: other.csv, timezone: America/New_York,"
        " columns: {id: Key, created: Opened, priority: Prio, category: Area, resolved: Closed}}\n",
    ).replace(
        "slas:\n",
        "slas:\n  - {id: S-4, name: P2 reports, where: {priority: P2, category: Informes}, start: created,"
        " stop: resolved, target: '<= 4h', calendar: laboral, period: monthly}\n",
    )
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    first = [HEADER, *(f"T{n},2026-10-{5 + n % 20:02d}T{8 + n % 12:02d}:{n % 60:02d},P{1 + n % 3},"
                       f"{'Informes' if n % 2 else 'App'},,2026-10-{6 + n % 20:02d}T10:00," for n in range(60))]
    (tmp_path / "tickets.csv").write_text("\n".join(first) + "\n", encoding="utf-8")
    other = ["Key;Opened;Prio;Area;first_response;Closed;pauses"]
    other += [f"T{n};2026-11-{2 + n % 20:02d} {9 + n % 8:02d}:15;P2;Informes;;2026-11-{3 + n % 20:02d} 09:00:30;"
              for n in range(50, 90)]  # T50-T59 repeat the first file's
    (tmp_path / "other.csv").write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(other) + "\r\n").encode("utf-8"))
    assert _same(monkeypatch, str(tmp_path / "plan.yaml")) == [True, True]
    _, out, err, _ = _sla(monkeypatch, True, str(tmp_path / "plan.yaml"), "--format", "json")
    assert "10 event rows repeat an id already seen (first at other.csv:2)" in err
    assert '"sla": "S-4"' in out and '"id": "T89"' in out
