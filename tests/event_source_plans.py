"""Plans and exports the event source tests share (tests/test_event_sources.py, tests/cli/test_sla_event_sources.py)."""

SLA = """\
slas:
  - {id: SLA-1, name: Resolution, start: created, stop: resolved, target: "<= 1h", penalty: 10 %}
"""


EXPORT = (
    "Key,Opened,Closed,Prio\n"
    "K-1,05/10/2026 10:00,05/10/2026 10:40,Alta\n"  # 40 min
    "K-2,25/10/2026 01:30,25/10/2026 03:30,Alta\n"  # Madrid falls back at 03:00 CEST: 01:30 CEST -> 03:30 CET is 3 h
)


MAPPED = (
    "  - file: export.csv\n"
    "    columns: {id: Key, created: Opened, resolved: Closed, priority: Prio}\n"
    '    time_format: "%d/%m/%Y %H:%M"\n'
)


TICKETS = (
    "id,created,resolved,pauses\n"
    # 24x7: 10:00 -> 16:00 is 6 h. Log: waiting 11:00-12:00; pauses column 11:30-13:00 overlaps it:
    # merged 11:00-13:00, 2 h off, 4 h counted.
    "T1,2026-10-05T10:00,2026-10-05T16:00,2026-10-05T11:30/2026-10-05T13:00\n"
    # Still open; waiting since 10:30 with no change since: paused at now, so no deadline.
    "T2,2026-10-06T10:00,,\n"
)


LOG = "ticket;when;state\nT1;2026-10-05 11:00;Pending\nT1;2026-10-05 12:00;Open\nT2;2026-10-06 10:30;pending\n"


LOGGED = (
    "  - file: t.csv\n"
    "    status_log:\n"
    "      file: log.csv\n"
    "      columns: {id: ticket, at: when, status: state}\n"
    '      time_format: "%Y-%m-%d %H:%M"\n'
    "      pause_on: [Pending]\n"
)


SLA_24X7 = SLA.replace('target: "<= 1h"', 'target: "<= 8h", calendar: 24x7')
