"""The health score (spec §7.5): each component moves the score the right way, and every point is explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from asplan.config import ConfigError, load_config
from asplan.health import DEFAULT_WEIGHTS, Health, check_weights, english, health
from asplan.model.validate import parse_plan
from asplan.render.sources import due_items, sla_rows
from asplan.rules.registry import known_codes

TODAY = date(2026, 11, 23)

# A healthy account: every component at its best.
GOOD = """\
asplan: 1
account: {id: acme, name: ACME, tier: high, manager: ana, since: 2025-01-01}
people:
  - {id: ana, name: Ana, side: provider}
  - {id: bo, name: Bo, side: client, decision_maker: true, stance: champion}
objectives:
  - id: OBJ-1
    title: Fewer incidents
    kpis:
      - {id: KPI-1, name: Incidents, baseline: 10, target: 2, direction: decrease,
         measurements: [{date: 2026-10-31, value: 2}]}
      - {id: CSAT, name: CSAT, kind: satisfaction, target: 4.5, measurements: [{date: 2026-10-31, value: 4.6}]}
actions:
  - {id: ACT-1, title: Patch, due: 2026-12-15}
slas:
  - {id: SLA-1, name: Availability, target: ">= 99.9%", penalty: Credits.,
     measurements: [{period: "2026-09", value: 99.95}, {period: "2026-10", value: 99.95}]}
communication:
  - {name: Weekly call, every: weekly, last: 2026-11-20}
reviews:
  every: quarterly
  history:
    - {date: 2026-10-01, attendees: [ana, bo]}
"""


def score(text: str, weights: dict[str, float] | None = None) -> Health:
    plan = parse_plan(text, "acme.yaml").plan
    assert plan is not None
    items = due_items(plan, TODAY, None)
    return health(plan, TODAY, items, sla_rows(plan, TODAY, None), weights)


def test_a_healthy_account_scores_100_and_explains_each_component() -> None:
    result = score(GOOD)
    assert result.score == 100
    assert [(c.name, round(c.weight), c.value, round(c.points, 2), c.reason) for c in result.components] == [
        ("review", 15, 1.0, 15.0, "next review on 2027-01-01, not overdue"),
        ("overdue", 20, 1.0, 20.0, "no overdue item"),
        ("sla", 20, 1.0, 20.0, "2 of 2 SLA periods closed in the last 365 days met"),
        ("kpi", 15, 1.0, 15.0, "mean progress 100% over 1 KPI"),
        ("contact", 10, 1.0, 10.0, "1 of 1 touchpoints on cadence"),
        ("relationship", 10, 1.0, 10.0, "4 of 4 relationship checks"),
        ("satisfaction", 10, 1.0, 10.0, "CSAT 4.6 on 2026-10-31 (target 4.5)"),
    ]


# Each worsening hits one component only, by the stated amount (hand-computed from
# the module's rules), and never raises the score.
WORSE = {
    "review": (("{date: 2026-10-01, attendees: [ana, bo]}", "{date: 2026-07-24, attendees: [ana, bo]}"),
               0.5, "review overdue by 30 days"),  # next 2026-10-24: 30 days late, 1 - 30/60
    "overdue": (("{id: ACT-1, title: Patch, due: 2026-12-15}", "{id: ACT-1, title: Patch, due: 2026-11-01}"),
                0.8, "1 overdue item: ACT-1"),
    "sla": (('{period: "2026-10", value: 99.95}', '{period: "2026-10", value: 99.5}'),
            0.5, "1 of 2 SLA periods closed in the last 365 days met; not met: SLA-1 2026-10"),
    "kpi": (("measurements: [{date: 2026-10-31, value: 2}]", "measurements: [{date: 2026-10-31, value: 6}]"),
            0.5, "mean progress 50% over 1 KPI"),  # (6 - 10) / (2 - 10)
    "contact": (("last: 2026-11-20}", "last: 2026-11-01}"),
                0.0, "0 of 1 touchpoints on cadence; overdue: Weekly call"),
    "relationship": (("stance: champion", "stance: detractor"),
                     0.75, "3 of 4 relationship checks; missing: a client champion or supporter"),
    "satisfaction": (("value: 4.6}]}", "value: 4.1}]}"), 0.0, "CSAT 4.1 on 2026-10-31 (target 4.5)"),
}  # fmt: skip


@pytest.mark.parametrize("name", list(WORSE))
def test_every_component_moves_the_score_down_when_it_worsens(name: str) -> None:
    (before, after), value, reason = WORSE[name]
    assert GOOD.count(before) == 1
    worse = score(GOOD.replace(before, after))
    component = worse.component(name)
    assert (component.value, component.reason) == (value, reason)
    others = [c for c in worse.components if c.name != name]
    assert all(c.value == 1.0 for c in others), others
    assert worse.score == round(100 - DEFAULT_WEIGHTS[name] * (1 - value))
    assert worse.score < 100


def test_components_that_do_not_apply_leave_their_share_to_the_others() -> None:
    text = GOOD.replace("      - {id: CSAT, name: CSAT, kind: satisfaction, target: 4.5, "
                        "measurements: [{date: 2026-10-31, value: 4.6}]}\n", "")  # fmt: skip
    text = text.replace("slas:\n  - {id: SLA-1", "x-slas:\n  - {id: SLA-1")
    text = text.replace("measurements: [{date: 2026-10-31, value: 2}]", "measurements: [{date: 2026-10-31, value: 6}]")
    result = score(text)
    sla, satisfaction, kpi = (result.component(n) for n in ("sla", "satisfaction", "kpi"))
    assert (sla.value, sla.weight, sla.points) == (None, 0.0, 0.0)
    assert sla.reason == "does not apply: no SLA period closed in the last 365 days"
    assert satisfaction.value is None and satisfaction.weight == 0.0
    # the others share 100 in proportion: kpi 15 / 70 of it, half earned
    assert kpi.weight == pytest.approx(100 * 15 / 70)
    assert sum(c.weight for c in result.components) == pytest.approx(100)
    assert result.score == round(100 - 100 * 15 / 70 / 2) == 89
    assert result.score == round(sum(c.points for c in result.components))


def test_configured_weights_change_the_score() -> None:
    text = GOOD.replace('{period: "2026-10", value: 99.95}', '{period: "2026-10", value: 99.5}')
    assert score(text).score == 90
    assert score(text, check_weights({"sla": 60})).score == round(100 - 60 / 140 * 100 / 2) == 79
    assert score(text, check_weights({"sla": 0})).score == 100


def test_a_plan_without_reviews_or_contacts_scores_low_and_says_why() -> None:
    bare = (
        "asplan: 1\naccount: {id: x, name: X, tier: low, manager: ana}\n"
        "people: [{id: ana, name: Ana, side: provider}]\n"
    )
    result = score(bare)
    assert [(c.name, c.value) for c in result.components] == [
        ("review", 0.0),
        ("overdue", 1.0),
        ("sla", None),
        ("kpi", None),
        ("contact", 0.0),
        ("relationship", 0.0),
        ("satisfaction", None),
    ]
    assert result.score == 36  # only "overdue" earns: 20 of the 55 applicable weight
    assert english(result.component("relationship").parts) == (
        "0 of 4 relationship checks; missing: someone on the client side, a client decision maker, "
        "a client champion or supporter, a client person at the latest review"
    )


@pytest.mark.parametrize(
    ("health_table", "message"),
    [
        ("[health]\nsla = 30\nkpis = 10\n", "unknown key 'health.kpis' (did you mean 'kpi'?)"),
        ("[health]\nsla = -1\n", "bad value for 'health.sla': expected a number from 0 to 1000, got -1"),
        ("[health]\nsla = true\n", "bad value for 'health.sla'"),
        ('[health]\nsla = "20"\n', "bad value for 'health.sla'"),
        (
            "[health]\nreview = 0\noverdue = 0\nsla = 0\nkpi = 0\ncontact = 0\nrelationship = 0\nsatisfaction = 0\n",
            "[health]: every weight is 0",
        ),
    ],
)
def test_health_weights_are_validated(tmp_path: Path, health_table: str, message: str) -> None:
    config = tmp_path / "asplan.toml"
    config.write_text(health_table, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config, known_codes())
    assert message in str(caught.value)


def test_health_weights_are_read(tmp_path: Path) -> None:
    config = tmp_path / "asplan.toml"
    config.write_text("[health]\nsla = 40\ncontact = 2.5\n", encoding="utf-8")
    weights = load_config(config, known_codes()).health
    assert weights == {**DEFAULT_WEIGHTS, "sla": 40.0, "contact": 2.5}
