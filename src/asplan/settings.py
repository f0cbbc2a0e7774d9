"""The defaults every command shares, and the settings the core reads: one place for both.

``warn_days`` (how far ahead an item is "due soon"), ``kpi_grace_days`` (how long
after a KPI measurement is due it becomes overdue) and ``sla_at_risk`` (how much of
its target a running event may use before it is at risk) shape ``check``, ``due``,
``status``, ``sla``, ``review`` and ``render`` alike; ``max_file_bytes`` bounds every file asplan reads. A
default written out in each function that takes one drifts the day one of them is
changed, so they are named here and nowhere else. The configuration
(:mod:`asplan.config`) overrides them; :class:`Settings` carries the values the rules
and the agenda read.

This module imports nothing from asplan, so the lowest layers (loading, model) can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_WARN_DAYS = 14
DEFAULT_KPI_GRACE_DAYS = 7
DEFAULT_SLA_AT_RISK = 75  # percent of a timed SLA's target after which a running event is at risk
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024  # a 200-line plan is ~10 KB; event files are read as they stream

HEALTH_COMPONENTS: tuple[str, ...] = ("review", "overdue", "sla", "kpi", "contact", "relationship", "satisfaction")
DEFAULT_HEALTH_WEIGHTS: Mapping[str, float] = {
    "review": 15,
    "overdue": 20,
    "sla": 20,
    "kpi": 15,
    "contact": 10,
    "relationship": 10,
    "satisfaction": 10,
}
"""The health score's components and default weights (:mod:`asplan.health` computes the score;
the configuration's ``[health]`` table overrides the weights)."""


@dataclass
class Settings:
    """The configuration values rules and the agenda read."""

    warn_days: int = DEFAULT_WARN_DAYS
    kpi_grace_days: int = DEFAULT_KPI_GRACE_DAYS
    sla_at_risk: float = DEFAULT_SLA_AT_RISK
