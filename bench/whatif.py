"""What ``asplan sla --set`` costs over a plain ``asplan sla`` on one plan with many events.

Generates the example plan (``examples/acme-logistica.yaml``: two timed SLAs, one on a
business calendar) over a ticket export of ``--events`` rows (default 1,000,000, made
by ``bench/tickets.py`` in blocks of 100,000), then times, in the same run and
alternating, with JSON written to a file as spec §6 measures ``sla``:

- ``asplan sla PLAN --format json``;
- the same with ``--set "SLA-4.target=<= 10h"`` (SLA-4, the P2 resolution on the
  business calendar, is timed again: the what-if's one extra pass);
- the same with ``--set SLA-3.credit.percent=2`` (a credit term: SLA-3 is timed again).

Run it with the ``asplan`` of a wheel install (spec §6), e.g.::

    pip wheel . -w /tmp/w19 --no-deps && python -m venv /tmp/v19 && /tmp/v19/bin/pip install /tmp/w19/*.whl
    python bench/whatif.py --asplan /tmp/v19/bin/asplan
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tickets  # noqa: E402  (bench/tickets.py, next to this file)

BLOCK = 100_000


def write_plan(folder: str, events: int) -> str:
    """The example plan over ``events`` generated tickets (ids unique across blocks)."""
    path = os.path.join(folder, "tickets.csv")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer: csv.DictWriter[str] | None = None
        for block in range(0, events, BLOCK):
            count = min(BLOCK, events - block)
            start = datetime(2025, 1, 1) + timedelta(days=block // BLOCK * 7)
            rows = tickets.rows(count, seed=block // BLOCK + 1, start=start, days=600, now=datetime(2026, 11, 23, 9))
            for row in rows:
                row["id"] = f"B{block // BLOCK}-{row['id']}"
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
                writer.writeheader()
            writer.writerows(rows)
    with open(os.path.join(os.path.dirname(HERE), "examples", "acme-logistica.yaml"), encoding="utf-8") as handle:
        text = handle.read().replace("data/acme-logistica/tickets.csv", "tickets.csv")
    plan = os.path.join(folder, "acme-logistica.yaml")
    with open(plan, "w", encoding="utf-8") as handle:
        handle.write(text)
    return plan


def timed(cmd: list[str], out: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one run: CPU time (user + system) is what a busy machine does not inflate."""
    with open(out, "w", encoding="utf-8") as handle:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(cmd, stdout=handle, stderr=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asplan", default="asplan", help="the asplan executable (of a wheel install)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="folder to generate into (kept afterwards)")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="asplan-whatif-")
    os.makedirs(folder, exist_ok=True)
    print(f"generating {args.events:,} events in {folder} ...", file=sys.stderr)
    plan = write_plan(folder, args.events)
    base = [args.asplan, "sla", plan, "--today", "2026-11-23", "--format", "json"]
    runs = {
        "sla": base,
        "sla --set SLA-4.target": [*base, "--set", "SLA-4.target=<= 10h"],
        "sla --set SLA-3.credit.percent": [*base, "--set", "SLA-3.credit.percent=2"],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    out = os.path.join(folder, "out.json")
    for _ in range(args.repeat):
        for name, cmd in runs.items():
            times[name].append(timed(cmd, out))
    plain = [statistics.median(t[i] for t in times["sla"]) for i in (0, 1)]
    print(f"{args.events:,} events, median of {args.repeat}, JSON to a file; wall and CPU (user + system)")
    for name, values in times.items():
        wall, cpu = (statistics.median(t[i] for t in values) for i in (0, 1))
        extra = "" if name == "sla" else f"  CPU +{cpu - plain[1]:.2f} s (x{cpu / plain[1]:.2f})"
        print(f"  {name:<32} wall {wall:7.2f} s   CPU {cpu:7.2f} s{extra}")


if __name__ == "__main__":
    main()
