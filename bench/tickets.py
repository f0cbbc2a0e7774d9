"""Deterministic ticket exports shaped like a service desk's (Jira/Zendesk) CSV export.

Used for ``examples/data/acme-logistica/tickets.csv`` and for the benchmark corpus.
Timestamps are naive local times (read in the account's time zone), business-hours
heavy, with a few tickets waiting on the client (``pauses``) and a few still open.

    python bench/tickets.py examples/data/acme-logistica/tickets.csv --rows 420
"""

from __future__ import annotations

import argparse
import csv
import random
from datetime import datetime, timedelta

PRIORITIES = (("P1", 0.05), ("P2", 0.25), ("P3", 0.45), ("P4", 0.25))
CATEGORIES = ("Plataforma TMS", "Integración transportistas", "App conductores", "Portal clientes", "Informes")


def _pick_priority(rng: random.Random) -> str:
    roll = rng.random()
    acc = 0.0
    for name, share in PRIORITIES:
        acc += share
        if roll < acc:
            return name
    return "P4"


def _created(rng: random.Random, start: datetime, days: int) -> datetime:
    while True:
        day = start + timedelta(days=rng.randrange(days))
        if day.weekday() >= 5 and rng.random() < 0.8:
            continue  # fewer tickets at weekends
        hour = rng.choice([8, 9, 9, 10, 10, 11, 11, 12, 13, 15, 16, 16, 17, 18, 20, 23])
        return day.replace(hour=hour, minute=rng.randrange(60), second=0)


def rows(count: int, seed: int = 7, start: datetime = datetime(2026, 6, 1), days: int = 175,
         now: datetime = datetime(2026, 11, 23, 9, 0)) -> list[dict[str, str]]:
    rng = random.Random(seed)
    created_list = sorted(_created(rng, start, days) for _ in range(count))
    out: list[dict[str, str]] = []
    for n, created in enumerate(created_list, start=1):
        priority = _pick_priority(rng)
        first_minutes = {"P1": rng.choice([8, 12, 15, 19, 22, 26, 28, 34, 41]), "P2": rng.randrange(10, 90)}.get(
            priority, rng.randrange(20, 480)
        )
        first = created + timedelta(minutes=first_minutes)
        work_hours = {"P1": rng.uniform(1, 6), "P2": rng.uniform(2, 11), "P3": rng.uniform(4, 40)}.get(
            priority, rng.uniform(8, 90)
        )
        resolved: datetime | None = created + timedelta(hours=work_hours * (2.2 if priority != "P1" else 1))
        pauses: list[str] = []
        if priority in ("P2", "P3") and rng.random() < 0.2:
            p_start = first + timedelta(minutes=rng.randrange(5, 120))
            p_end = p_start + timedelta(hours=rng.uniform(1, 20))
            pauses.append(f"{p_start:%Y-%m-%dT%H:%M}/{p_end:%Y-%m-%dT%H:%M}")
            assert resolved is not None
            resolved += p_end - p_start
        assert resolved is not None
        if resolved > now:
            resolved = None
        out.append(
            {
                "id": f"ACME-{4100 + n}",
                "created": f"{created:%Y-%m-%dT%H:%M}",
                "priority": priority,
                "category": rng.choice(CATEGORIES),
                "first_response": f"{first:%Y-%m-%dT%H:%M}" if first <= now else "",
                "resolved": f"{resolved:%Y-%m-%dT%H:%M}" if resolved else "",
                "pauses": ";".join(pauses),
            }
        )
    return out


def write(path: str, count: int, seed: int = 7) -> None:
    data = rows(count, seed)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(data[0]))
        writer.writeheader()
        writer.writerows(data)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--rows", type=int, default=420)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write(args.path, args.rows, args.seed)
