"""The people section: both sides' people, and their reports-to trees."""

from __future__ import annotations

from dataclasses import dataclass

from asplan.model.plan import Plan
from asplan.render.views.context import ViewContext


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    side: str
    role: str
    email: str
    phone: str
    reports_to: str
    reports_to_name: str
    decision_maker: bool
    executive: bool
    influence: str | None
    stance: str | None
    stance_key: str | None


@dataclass(frozen=True)
class OrgNode:
    """A person in the relationship map with the people reporting to them."""

    person: PersonView
    children: tuple[OrgNode, ...]


@dataclass(frozen=True, kw_only=True)
class PeopleView:
    """The ``people`` section: each side's people as listed, and as reports-to trees."""

    people_provider: tuple[PersonView, ...]
    people_client: tuple[PersonView, ...]
    org_provider: tuple[OrgNode, ...]
    org_client: tuple[OrgNode, ...]


def _person(p_id: str, ctx: ViewContext) -> PersonView:
    p = ctx.people[p_id]
    t = ctx.t
    return PersonView(
        id=p.id,
        name=p.name,
        side=p.side.value,
        role=p.role or "",
        email=p.email or "",
        phone=p.phone or "",
        reports_to=p.reports_to or "",
        reports_to_name=ctx.name(p.reports_to),
        decision_maker=p.decision_maker,
        executive=p.executive,
        influence=t(f"influence.{p.influence.value}") if ctx.internal and p.influence else None,
        stance=t(f"stance.{p.stance.value}") if ctx.internal and p.stance else None,
        stance_key=p.stance.value if ctx.internal and p.stance else None,
    )


def _org_trees(ids: list[str], boss_of: dict[str, str | None], views: dict[str, PersonView]) -> list[OrgNode]:
    """Reports-to trees of one side; people caught in a reporting cycle are shown flat, never lost."""
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for person_id in ids:
        boss = boss_of.get(person_id)
        if boss in views and boss != person_id:
            children.setdefault(boss, []).append(person_id)
        else:
            roots.append(person_id)
    placed: set[str] = set()

    def node(person_id: str) -> OrgNode:
        placed.add(person_id)
        kids = tuple(node(c) for c in children.get(person_id, []) if c not in placed)
        return OrgNode(views[person_id], kids)

    trees = [node(root) for root in roots]
    trees.extend(OrgNode(views[p], ()) for p in ids if p not in placed)
    return trees


def _side(plan: Plan, ctx: ViewContext, side: str) -> tuple[tuple[PersonView, ...], tuple[OrgNode, ...]]:
    members = [p for p in plan.people if p.side.value == side]
    views = {p.id: _person(p.id, ctx) for p in members}
    trees = _org_trees([p.id for p in members], {p.id: p.reports_to for p in members}, views)
    return tuple(views.values()), tuple(trees)


def people_view(plan: Plan, ctx: ViewContext) -> PeopleView:
    provider, org_provider = _side(plan, ctx, "provider")
    client, org_client = _side(plan, ctx, "client")
    return PeopleView(people_provider=provider, people_client=client, org_provider=org_provider, org_client=org_client)
