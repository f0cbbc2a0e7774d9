"""One mistake, one finding: an invalid definition is reported once, at the definition.

A person, objective or calendar whose own entry fails validation is dropped from the
plan; references to its id must not then read as "unknown" (ASP201, ASP202), and the
completeness rules must not count it as absent (ASP501, ASP504, ASP505). Each test
asserts every finding of the plan that is an error or a people/KPI warning, so an
extra finding from the same mistake fails it.
"""

from __future__ import annotations

from helpers import MINIMAL, check_text, plan, triples

PEOPLE_AND_REFS = """\
  - {id: linda.park, name: Linda Park, side: client, decision_maker: true}
objectives:
  - id: OBJ-1
    title: Fewer incidents
    owner: linda.park
    kpis: [{id: K1, name: Incidents, unit: count, baseline: 40, target: 20}]
actions:
  - {id: A1, title: Pilot, owner: linda.park, objective: OBJ-1}
  - {id: A2, title: Train, owner: linda.park}
communication:
  - {name: Weekly call, every: weekly, owner: maria, participants: [maria, linda.park]}
"""

CODES = ("ASP101", "ASP102", "ASP201", "ASP202", "ASP501", "ASP504", "ASP505")


def test_a_person_with_an_invalid_side_is_one_finding() -> None:
    text = MINIMAL + PEOPLE_AND_REFS.replace("side: client", "side: customer")
    findings = check_text(text)
    assert triples(findings, *CODES) == [("ASP102", 9, 46)]
    assert [f.path for f in findings if f.code == "ASP102"] == ["people[1].side"]


def test_a_person_missing_name_is_one_finding() -> None:
    text = MINIMAL + PEOPLE_AND_REFS.replace("name: Linda Park, ", "")
    findings = check_text(text)
    assert triples(findings, *CODES) == [("ASP101", 9, 5)]
    assert "'name'" in findings[[f.code for f in findings].index("ASP101")].message


def test_references_to_a_valid_person_are_unaffected_and_unknown_ones_still_reported() -> None:
    text = MINIMAL + PEOPLE_AND_REFS.replace("owner: linda.park}", "owner: linda.parc}")
    findings = check_text(text, select=["ASP201"])
    assert triples(findings) == [("ASP201", 17, 35)]
    assert findings[0].message == "owner of A2 'linda.parc' is not in people: did you mean 'linda.park'?"


def test_a_broken_person_still_leaves_other_unknown_references_reported() -> None:
    text = MINIMAL + PEOPLE_AND_REFS.replace("side: client", "side: customer").replace(
        "owner: linda.park}", "owner: nobody}"
    )
    assert triples(check_text(text), "ASP102", "ASP201") == [("ASP102", 9, 46), ("ASP201", 17, 35)]


def test_a_calendar_with_invalid_hours_is_one_finding() -> None:
    text = plan(
        """\
        calendars:
          office: {timezone: Europe/Madrid, hours: "8-17"}
        reviews:
          every: quarterly
          calendar: office
        slas:
          - {id: SLA-1, name: Response, start: created, stop: resolved, target: "<= 8h", calendar: office}
        """
    )
    findings = check_text(text, select=["ASP1", "ASP201", "ASP202"])
    assert triples(findings) == [("ASP102", 10, 44)]


def test_an_unknown_calendar_is_still_reported() -> None:
    text = plan(
        """\
        reviews:
          every: quarterly
          calendar: ofice
        """
    )
    assert triples(check_text(text), "ASP202") == [("ASP202", 11, 13)]


def test_an_objective_with_an_invalid_field_is_not_an_unknown_objective() -> None:
    text = MINIMAL + PEOPLE_AND_REFS.replace("title: Fewer incidents", "title: [Fewer, incidents]")
    findings = check_text(text)
    assert [(f.code, f.path) for f in findings if f.code in CODES] == [("ASP102", "objectives[0].title")]


def test_an_objective_whose_only_kpi_is_invalid_is_not_an_objective_without_kpi() -> None:
    text = MINIMAL + PEOPLE_AND_REFS.replace("name: Incidents, ", "")
    findings = check_text(text)
    assert [(f.code, f.path) for f in findings if f.code in CODES] == [("ASP101", "objectives[0].kpis[0]")]


def test_completeness_rules_still_fire_when_the_people_all_validate() -> None:
    findings = check_text(MINIMAL)
    assert triples(findings, "ASP504", "ASP505") == [("ASP504", 7, 1), ("ASP505", 7, 1)]
