"""``asplan.model.references``: every place a plan names a person, in plan order."""

from __future__ import annotations

from pathlib import Path

from asplan.model.references import person_references
from asplan.plan_source import Target, read_plan

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "northwind-health.yaml"


def test_person_references_of_an_example() -> None:
    plan = read_plan(Target(str(EXAMPLE), explicit=True)).require()
    refs = list(person_references(plan))
    assert refs[0] == (("account", "manager"), "tom.hughes", "account manager")
    kinds = [what.split(" ")[0] for _, _, what in refs]
    # sections in plan order: account, people, objectives, actions, ..., reviews
    assert kinds.index("account") < kinds.index("reports_to") < kinds.index("attendee")
    assert all(person_id for _, person_id, _ in refs)
    attendees = [ref for ref in refs if ref[0][-2] == "attendees"]
    assert attendees and all(isinstance(path[-1], int) for path, _, _ in attendees)
