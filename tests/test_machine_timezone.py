"""The date and time tests again, with the machine's clock in far-off time zones.

Output must depend only on the files and ``--today`` (spec §3), never on the zone the
machine runs in. Kiritimati is UTC+14 and Adak UTC-10 (with DST): between them, any
naive use of the local date or time shows up as a day off.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
MODULES = [
    "test_agenda.py",
    "test_calendars.py",
    "cli/test_due.py",
    "cli/test_review.py",
    "test_worktime.py",
    "test_sla_timed.py",
    "cli/test_sla.py",
    "test_scalars.py",
    *sorted(str(p.relative_to(TESTS)) for p in (TESTS / "rules").glob("test_asp[34]*.py")),
]


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "America/Adak"])
def test_date_suites_pass_in_any_machine_time_zone(zone: str) -> None:
    env = {**os.environ, "TZ": zone}
    env.pop("ASPLAN_TODAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "addopts=", "-q", "-p", "no:cacheprovider", *MODULES],
        cwd=TESTS,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
