"""Benchmark corpus: N realistic plans of about 200 lines each, like the examples.

Plans vary in tier, language, size of each section, dates and measurements, so the
benchmark exercises the same code paths as real portfolios; every plan is valid (no
errors) so that a checker cannot look fast by stopping early. One plan in ten has a
timed SLA over a shared ticket export.

    python bench/corpus.py /tmp/corpus --plans 1000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, timedelta
from typing import Any

sys.path.insert(0, os.path.dirname(__file__))

FIRST = ["Ana", "Luis", "Marta", "Jorge", "Lucía", "Pablo", "Elena", "Sergio", "Carmen", "David",
         "Laura", "Iván", "Sara", "Tomás", "Irene", "Hugo", "Olivia", "James", "Emma", "Noah"]
LAST = ["García", "Martín", "López", "Sánchez", "Pérez", "Gómez", "Ruiz", "Díaz", "Moreno", "Álvarez",
        "Romero", "Navarro", "Torres", "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker"]
INDUSTRIES = ["Logística", "Retail", "Banca", "Seguros", "Salud", "Energía", "Telecomunicaciones", "Industria"]
TIERS = ["strategic", "high", "medium", "low"]


def _ascii(text: str) -> str:
    table = str.maketrans("áéíóúÁÉÍÓÚñÑü", "aeiouAEIOUnNu")
    return text.translate(table).lower()


def plan(n: int, rng: random.Random, events_path: str | None) -> dict[str, Any]:
    account_id = f"client-{n:05d}"
    used: set[str] = set()

    def person(side: str, role: str, **extra: Any) -> dict[str, Any]:
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            pid = f"{_ascii(first)}.{_ascii(last)}"
            if pid not in used:
                used.add(pid)
                break
        entry: dict[str, Any] = {"id": pid, "name": f"{first} {last}", "side": side, "role": role,
                                 "email": f"{pid}@example.com"}
        entry.update(extra)
        return entry

    exec_p = person("provider", "Director de servicio", executive=True)
    manager = person("provider", "Gestor de cuenta", reports_to=exec_p["id"])
    delivery = person("provider", "Responsable de operaciones", reports_to=exec_p["id"])
    client_exec = person("client", "CIO", executive=True, decision_maker=True, influence="high", stance="supporter")
    client_people = [person("client", rng.choice(["Jefe de sistemas", "Compras", "Operaciones", "Finanzas"]),
                            reports_to=client_exec["id"], influence=rng.choice(["high", "medium", "low"]),
                            stance=rng.choice(["champion", "supporter", "neutral"]))
                     for _ in range(rng.randint(2, 4))]
    people = [exec_p, manager, delivery, client_exec, *client_people]
    since = date(2020, 1, 1) + timedelta(days=rng.randrange(1500))
    objectives = []
    for o in range(1, rng.randint(2, 4) + 1):
        baseline = rng.randint(50, 85)
        objectives.append({
            "id": f"OBJ-{o}",
            "title": rng.choice(["Reducir incidencias", "Mejorar la disponibilidad", "Acelerar entregas",
                                 "Reducir costes de operación"]),
            "owner": rng.choice(client_people)["id"],
            "due": "2027-12-31",
            "kpis": [{
                "id": f"KPI-{o}", "name": "Cumplimiento", "unit": "%", "baseline": baseline,
                "target": baseline + rng.randint(5, 14), "direction": "increase", "frequency": "monthly",
                "measurements": [{"date": f"2026-{m:02d}-28", "value": baseline + rng.randint(0, 9)}
                                 for m in range(4, 11)],
            }],
            "milestones": [{"title": "Piloto", "due": "2026-06-30", "done": "2026-06-20"}],
        })
    actions = []
    for a in range(1, rng.randint(4, 8) + 1):
        status = rng.choice(["planned", "in_progress", "done", "done"])
        entry = {"id": f"ACT-{a}", "title": f"Acción {a} del plan", "owner": rng.choice([manager, delivery])["id"],
                 "due": f"2027-0{rng.randint(1, 6)}-15", "status": status, "objective": rng.choice(objectives)["id"]}
        if status == "done":
            entry["due"] = "2026-09-30"
            entry["done"] = "2026-09-25"
        actions.append(entry)
    slas: list[dict[str, Any]] = [{
        "id": "SLA-1", "name": "Disponibilidad", "target": ">= 99.5%", "period": "monthly",
        "penalty": "Crédito sobre la cuota mensual.",
        "credit": {"tiers": [{"below": 99.5, "percent": 5}, {"below": 99.0, "percent": 10}], "cap_percent": 20},
        "measurements": [
            {"period": f"2026-{m:02d}", "value": round(rng.uniform(99.4, 99.99), 2)} for m in range(6, 11)
        ],
    }]
    result: dict[str, Any] = {
        "asplan": 1,
        "account": {
            "id": account_id, "name": f"Cliente {n} S.A.", "tier": rng.choice(TIERS), "manager": manager["id"],
            "industry": rng.choice(INDUSTRIES), "region": "EMEA", "language": rng.choice(["es", "en"]),
            "timezone": "Europe/Madrid", "since": since.isoformat(),
            "summary": "Cliente con operación **24x7** y presencia en varios mercados.",
            "contract": {"id": f"MSA-{n}", "start": "2025-01-01", "end": "2027-12-31", "renewal_notice_days": 90,
                         "fee": {"amount": rng.randrange(5000, 40000, 500), "currency": "EUR", "per": "month"}},
        },
        "business": {
            "overview": "Empresa líder en su sector con crecimiento sostenido.",
            "markets": ["España", "Portugal"],
            "pain_points": ["Incidencias recurrentes", "Falta de visibilidad"],
            "opportunities": ["Automatización", "Analítica avanzada"],
        },
        "selection": {"criteria": [{"name": "Ingresos", "weight": 40, "score": rng.randint(1, 5)},
                                   {"name": "Encaje estratégico", "weight": 35, "score": rng.randint(1, 5)},
                                   {"name": "Relación", "weight": 25, "score": rng.randint(1, 5)}]},
        "handoff": {"date": since.isoformat(), "from": delivery["id"], "to": manager["id"],
                    "notes": "Traspaso desde ventas con el contrato firmado."},
        "people": people,
        "objectives": objectives,
        "solutions": [{"id": f"SOL-{o['id']}", "title": "Solución gestionada", "objectives": [o["id"]],
                       "description": "Servicio gestionado con monitorización proactiva."} for o in objectives],
        "actions": actions,
        "services": {"in_scope": [{"name": "Operación de la plataforma", "description": "Monitorización 24x7."},
                                  {"name": "Soporte N2", "description": "Resolución de incidencias."}],
                     "out_of_scope": [{"name": "Desarrollo a medida", "note": "Vía petición de cambio."}]},
        "procedures": [{"name": "Solicitar un cambio", "contact": manager["id"], "response": "5d",
                        "steps": ["Enviar la petición", "Valoración de impacto", "Aprobación"]}],
        "calendars": {"laboral": {"timezone": "Europe/Madrid", "hours": {"mon-fri": "09:00-18:00"},
                                  "holidays": ["2026-12-24", "2026-12-31"]}},
        "slas": slas,
        "escalation": [{"level": 1, "contact": manager["id"], "after": "4h"},
                       {"level": 2, "contact": delivery["id"], "after": "1d"},
                       {"level": 3, "contact": exec_p["id"], "after": "3d"}],
        "continuity": {"rto": "4h", "rpo": "15m", "last_test": "2026-05-20", "test_every": "yearly"},
        "communication": [{"name": "Seguimiento semanal", "every": "weekly", "channel": "video",
                           "owner": manager["id"], "participants": [client_exec["id"]], "last": "2026-11-20"}],
        "reviews": {"every": "quarterly", "history": [
            {"date": f"2026-{m:02d}-01", "attendees": [manager["id"], client_exec["id"]],
             "summary": "Revisión trimestral del plan con el cliente.",
             "decisions": ["Mantener el plan", "Revisar los KPI el próximo trimestre"]} for m in (4, 7, 10)]},
        "changes": [{"id": "CR-1", "title": "Ampliación de alcance", "requested": "2026-05-01",
                     "requested_by": client_exec["id"], "status": "approved", "cost": "8000 EUR", "delay": "2w",
                     "decided": "2026-05-20"}],
        "risks": [{"id": "R-1", "title": "Rotación del equipo cliente", "likelihood": "medium", "impact": "high",
                   "owner": manager["id"], "mitigation": "Documentar procesos.", "status": "open"}],
    }
    if events_path is not None and n % 10 == 0:
        slas.append({"id": "SLA-2", "name": "Primera respuesta P1", "where": {"priority": "P1"}, "start": "created",
                     "stop": "first_response", "target": "<= 30m", "calendar": "24x7", "period": "monthly",
                     "penalty": "2 % por ticket.", "credit": {"percent": 2}})
        result["events"] = [events_path]
    return result


def write_corpus(folder: str, count: int, seed: int = 1) -> list[str]:
    """Write ``count`` plans (and one shared ticket export) under ``folder``; returns the plan paths."""
    from ruamel.yaml import YAML

    os.makedirs(folder, exist_ok=True)
    import tickets

    tickets.write(os.path.join(folder, "tickets.csv"), 300)
    yaml = YAML(typ="safe")
    yaml.default_flow_style = None  # leaf lists and mappings inline, like the examples
    yaml.allow_unicode = True
    yaml.width = 110
    yaml.sort_base_mapping_type_on_output = False  # keep the order of spec §1, like a person writes it
    rng = random.Random(seed)
    paths = []
    for n in range(1, count + 1):
        path = os.path.join(folder, f"client-{n:05d}.yaml")
        with open(path, "w", encoding="utf-8") as handle:
            yaml.dump(plan(n, rng, "tickets.csv"), handle)
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder")
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = write_corpus(args.folder, args.plans, args.seed)
    print(f"{len(written)} plans in {args.folder}")
