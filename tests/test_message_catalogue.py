"""The message catalogue: realistic mistakes, and what asplan tells the person who made them.

Each row is a small plan with one mistake people really make when writing a plan by
hand (found while trying asplan as a new user, and in issue 14), the finding it must
draw (code, line, column) and a piece of the message that helps fix it: the hint,
not just the complaint. The table is the living list of what users get wrong: add a
row when a new mistake is seen in the wild.

Every row also asserts that the mistake draws no other error (one mistake, one
finding) and that no message speaks the libraries' language (pydantic's "Input
should be", "instance of", "got None", a regular expression, or "while scanning").
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

import pytest

from asplan.findings import Finding
from helpers import MINIMAL, check_text

# Library wording that must never reach a user (item 4 of issue 14).
LIBRARY_WORDS = re.compile(
    r"Input should|instance of|got None|String should|Field required|valid dictionary|"
    r"should match pattern|\^\[|\(while (?:scanning|parsing)|Extra inputs|Value error"
)


def plan(body: str) -> str:
    """The minimal valid plan (8 lines) followed by ``body``, which starts on line 9."""
    return MINIMAL + textwrap.dedent(body)


def swap(old: str, new: str) -> str:
    """The minimal plan with one piece of it written wrong."""
    assert old in MINIMAL
    return MINIMAL.replace(old, new)


@dataclass(frozen=True)
class Mistake:
    name: str
    text: str
    code: str
    line: int
    column: int
    hint: str
    filename: str = "acme.yaml"
    extra_files: dict[str, str] = field(default_factory=dict)


PEOPLE = plan(
    """\
      - {id: carlos.gomez, name: Carlos Gómez, side: client, decision_maker: true}
    """
)

CATALOGUE: list[Mistake] = [
    # --- YAML syntax (ASP001): where the mistake was made, and how to write it ----------------
    Mistake(
        "an unclosed quote is reported where it opens",
        swap("name: ACME Logística", "name: 'ACME Logística") + "actions: []\n",
        "ASP001", 4, 9, "opens a quoted value that is never closed",
    ),
    Mistake(
        "a target starting with >= needs quotes",
        plan(
            """\
            slas:
              - id: SLA-1
                name: Uptime
                target: >= 99.9%
            """
        ),
        "ASP001", 12, 13, 'target: ">= 99.9%"',
    ),
    Mistake(
        "a line indented one space more than its siblings",
        plan(
            """\
            actions:
              - id: A1
                title: Pilot
                 owner: maria
            """
        ),
        "ASP001", 12, 6, "its siblings",
    ),
    Mistake(
        "a link inside {...} needs quotes",
        plan(
            """\
            business:
              analyst_reports:
                - {title: Report, url: https://example.com/r, date: 2026-02-01}
            """
        ),
        "ASP001", 11, 28, 'url: "https://example.com/r"',
    ),
    Mistake(
        "a value containing ': ' needs quotes",
        plan(
            """\
            business:
              strategy: Growth: double e-commerce
            """
        ),
        "ASP001", 10, 13, 'strategy: "Growth: double e-commerce"',
    ),
    Mistake(
        "an e-mail written as a mention needs quotes",
        swap("side: provider}", "side: provider, email: @maria}"),
        "ASP001", 8, 59, 'quote it: email: "@maria" (',
    ),
    Mistake(
        "a tab used for indentation",
        plan("actions:\n\t- {id: A1, title: Pilot}\n"),
        "ASP001", 10, 1, "tab",
    ),
    Mistake(
        "a list bracket never closed",
        plan("business:\n  markets: [Spain, Portugal\n"),
        "ASP001", 10, 12, "[",
    ),
    # --- file-level refusals -------------------------------------------------------------------
    Mistake(
        "a key written twice",
        swap("  tier: high\n", "  tier: high\n  tier: medium\n"),
        "ASP002", 6, 3, "tier",
    ),
    Mistake(
        "a format version this asplan does not know",
        swap("asplan: 1", "asplan: 2"),
        "ASP003", 1, 9, "upgrade asplan",
    ),
    Mistake(
        "a Python tag in a plan",
        plan("x-note: !!python/object/apply:os.system [echo]\n"),
        "ASP004", 9, 9, "python",
    ),
    # --- required fields (ASP101): what the field is, and a line to add ------------------------
    Mistake(
        "a person without a name",
        MINIMAL + "  - {id: carlos.gomez, side: client}\n",
        "ASP101", 9, 5, "e.g. name: María López",
    ),
    Mistake(
        "an account without a tier",
        swap("  tier: high\n", ""),
        "ASP101", 2, 1, "e.g. tier: strategic",
    ),
    Mistake(
        "an action without a title",
        plan("actions:\n  - {id: A1, owner: maria}\n"),
        "ASP101", 10, 5, "e.g. title:",
    ),
    Mistake(
        "reviews without a cadence",
        plan("reviews:\n  next: 2026-12-10\n"),
        "ASP101", 9, 1, "e.g. every: weekly",
    ),
    Mistake(
        "an escalation level without 'after'",
        plan("escalation:\n  - {level: 1, contact: maria}\n"),
        "ASP101", 10, 5, "e.g. after: 30m",
    ),
    Mistake(
        "a plan without an account",
        "asplan: 1\npeople:\n  - {id: maria, name: María López, side: provider}\n",
        "ASP101", 1, 1, "add account with id, name, tier and manager",
    ),
    # --- values (ASP102): the expected form in words, and an example ---------------------------
    Mistake(
        "a tier that does not exist",
        swap("tier: high", "tier: gold"),
        "ASP102", 5, 9, "expected one of strategic, high, medium or low",
    ),
    Mistake(
        "a side spelt like the business says it",
        swap("side: provider}", "side: provider}\n  - {id: carlos, name: Carlos, side: customer}"),
        "ASP102", 9, 38, "expected one of provider or client, got 'customer'",
    ),
    Mistake(
        "an enum value in the wrong case",
        swap("tier: high", "tier: High"),
        "ASP102", 5, 9, "did you mean 'high'?",
    ),
    Mistake(
        "a date written day first",
        plan("actions:\n  - {id: A1, title: Pilot, due: 15/10/2026}\n"),
        "ASP102", 10, 33, "expected a date YYYY-MM-DD",
    ),
    Mistake(
        "a date that does not exist",
        plan("actions:\n  - {id: A1, title: Pilot, due: 2026-02-30}\n"),
        "ASP102", 10, 33, "day is out of range for month",
    ),
    Mistake(
        "an empty required value",
        swap("name: ACME Logística", "name:"),
        "ASP102", 4, 8, "got nothing (the value is empty): e.g. name: ACME Logística S.A.",
    ),
    Mistake(
        "a currency in lower case",
        swap("  manager: maria\n", "  manager: maria\n  contract: {fee: {amount: 100, currency: eur, per: month}}\n"),
        "ASP102", 7, 43, "expected a three-letter ISO 4217 currency code in capitals, got 'eur': e.g. currency: EUR",
    ),
    Mistake(
        "a country written as a name",
        plan(
            """\
            calendars:
              office: {hours: {mon-fri: "09:00-18:00"}, holidays_from: {country: Spain}}
            """
        ),
        "ASP102", 10, 70, "two-letter ISO 3166 country code in capitals, got 'Spain': e.g. country: ES",
    ),
    Mistake(
        "a link without its scheme",
        plan("business:\n  analyst_reports:\n    - {title: Report, url: www.example.com}\n"),
        "ASP102", 11, 28, "a link starting with https://, http:// or mailto:",
    ),
    Mistake(
        "opening hours written as one string",
        plan('calendars:\n  office: {hours: "8-17"}\n'),
        "ASP102", 10, 19, 'e.g. hours: {mon-fri: "09:00-18:00"}',
    ),
    Mistake(
        "an id that YAML reads as a number",
        plan("actions:\n  - {id: 007, title: Pilot}\n"),
        "ASP102", 10, 10, "quote it if it is meant as an id: '007'",
    ),
    Mistake(
        "yes where true or false is expected",
        swap("side: provider}", "side: provider, executive: sí}"),
        "ASP102", 8, 63, "expected true or false, got 'sí'",
    ),
    Mistake(
        "a level written as a word",
        plan("escalation:\n  - {level: one, contact: maria, after: 4h}\n"),
        "ASP102", 10, 13, "expected a whole number, got 'one': e.g. level: 1",
    ),
    Mistake(
        "a list written as a sentence",
        plan("services:\n  in_scope: Monitoring and the service desk\n"),
        "ASP102", 10, 13, "expected a list",
    ),
    Mistake(
        "a list item written as plain text",
        plan("objectives:\n  - Fewer incidents\n"),
        "ASP102", 10, 5, "expected a mapping with id and title",
    ),
    Mistake(
        "an action status from another tool",
        plan("actions:\n  - {id: A1, title: Pilot, status: ongoing}\n"),
        "ASP102", 10, 36, "expected one of planned, in_progress, blocked, done or cancelled",
    ),
    Mistake(
        "a target without its comparison",
        plan('slas:\n  - {id: SLA-1, name: Uptime, target: 99.9}\n'),
        "ASP102", 10, 39, "a target needs a comparison operator, e.g. '>= 99.9' (quoted)",
    ),
    Mistake(
        "a duration written in words",
        plan("escalation:\n  - {level: 1, contact: maria, after: 4 hours}\n"),
        "ASP102", 10, 39, "expected a duration like 30m, 4h",
    ),
    Mistake(
        "a cadence written as a phrase",
        plan("reviews:\n  every: every month\n"),
        "ASP102", 10, 10, "monthly",
    ),
    Mistake(
        "a time zone written as a city",
        swap("  manager: maria\n", "  manager: maria\n  timezone: Madrid\n"),
        "ASP102", 7, 13, "did you mean 'Europe/Madrid'?",
    ),
    Mistake(
        "a section left empty",
        plan("risks:\n"),
        "ASP102", 9, 7, "section 'risks' is empty: remove it or fill it in",
    ),
    Mistake(
        "an e-mail address without a domain",
        swap("side: provider}", "side: provider, email: maria.lopez}"),
        "ASP102", 8, 59, "expected an e-mail address like maria.lopez@example.com",
    ),
    Mistake(
        "a credit given as a percent and an amount",
        plan('slas:\n  - {id: SLA-1, name: Uptime, target: ">= 99%", credit: {percent: 5, amount: 500 EUR}}\n'),
        "ASP102", 10, 57, "exactly one of `percent`, `amount` or `tiers`, e.g. credit: {percent: 5}",
    ),
    Mistake(
        "a credit tier with both bounds",
        plan(
            'slas:\n  - {id: SLA-1, name: Uptime, target: ">= 99%",'
            " credit: {tiers: [{below: 99, above: 98, percent: 5}]}}\n"
        ),
        "ASP102", 10, 66, "exactly one of `below` or `above`, e.g. {below: 99.5, percent: 5}",
    ),
    # --- unknown fields (ASP103) ----------------------------------------------------------------
    Mistake(
        "a misspelt field",
        plan("actions:\n  - {id: A1, titel: Pilot}\n"),
        "ASP103", 10, 14, "did you mean 'title'?",
    ),
    Mistake(
        "a misspelt section",
        plan("objetives: []\n"),
        "ASP103", 9, 1, "did you mean 'objectives'?",
    ),
    Mistake(
        "a description cut at ', ' inside {...}",
        plan("services:\n  in_scope:\n    - {name: 24x7, description: Monitoring, incidents and changes.}\n"),
        "ASP103", 11, 33, 'description: "Monitoring, incidents and changes."',
    ),
    # --- references (ASP2xx) ---------------------------------------------------------------------
    Mistake(
        "an owner's id misspelt",
        plan("actions:\n  - {id: A1, title: Pilot, owner: mario}\n"),
        "ASP201", 10, 35, "did you mean 'maria'?",
    ),
    Mistake(
        "a manager who is not in people",
        swap("manager: maria", "manager: ana.ruiz"),
        "ASP201", 6, 12, "add them to people",
    ),
    Mistake(
        "an objective referenced by another spelling",
        plan(
            """\
            objectives:
              - {id: OBJ-1, title: Fewer incidents, kpis: [{id: K1, name: Incidents}]}
            actions:
              - {id: A1, title: Pilot, objective: OBJ-01}
            """
        ),
        "ASP202", 12, 39, "objective 'OBJ-01' does not exist",
    ),
    Mistake(
        "a calendar that is not defined",
        plan("reviews:\n  every: quarterly\n  calendar: office\n"),
        "ASP202", 11, 13, "calendar 'office' is not defined",
    ),
    Mistake(
        "a semicolon-separated export (Spanish Excel) read with the comma written in the plan",
        plan(
            """\
            slas:
              - {id: SLA-1, name: Resolution, start: created, stop: resolved, target: "<= 1h", penalty: credit}
            events:
              - {file: tickets.csv, delimiter: ","}
            """
        ),
        "ASP206", 12, 12, "none of the columns 'id', 'created', 'resolved'; its header is separated by semicolons,"
        " not commas: write delimiter: ';'",
        extra_files={"tickets.csv": "id;created;resolved\nT-1;2026-10-05T09:00;2026-10-05T09:30\n"},
    ),
    Mistake(
        "two actions with one id",
        plan("actions:\n  - {id: A1, title: Pilot}\n  - {id: A1, title: Train}\n"),
        "ASP203", 11, 10, "A1",
    ),
    Mistake(
        "a file not named after its account",
        MINIMAL,
        "ASP205", 3, 7, "rename the file to 'acme.yaml'",
        filename="acme-logistica.yaml",
    ),
    Mistake(
        "a contract that ends before it starts",
        swap("  manager: maria\n", "  manager: maria\n  contract: {start: 2026-01-01, end: 2025-12-31}\n"),
        "ASP308", 7, 38, "before it starts",
    ),
]


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity.value == "error"]


@pytest.mark.parametrize("mistake", CATALOGUE, ids=[m.name for m in CATALOGUE])
def test_each_mistake_draws_its_finding_with_a_hint(mistake: Mistake) -> None:
    findings = check_text(mistake.text, filename=mistake.filename, extra_files=mistake.extra_files)
    found = [f for f in findings if f.code == mistake.code]
    assert [(f.line, f.column) for f in found] == [(mistake.line, mistake.column)], "\n".join(
        f"{f.line}:{f.column} {f.code} {f.message}" for f in findings
    )
    assert mistake.hint in found[0].message, found[0].message
    # ASP001 keeps the parser's own words as a detail at the end, "(parser: ...)": the rest is ours
    ours = found[0].message.split(" (parser: ")[0]
    assert not LIBRARY_WORDS.search(ours), ours
    # one mistake, one finding: no other error comes from it
    others = [f for f in _errors(findings) if f is not found[0]]
    assert others == [], [f"{f.line}:{f.column} {f.code} {f.message}" for f in others]


def test_the_catalogue_is_large_and_covers_every_kind_of_mistake() -> None:
    assert len(CATALOGUE) >= 40
    assert len({m.name for m in CATALOGUE}) == len(CATALOGUE)
    codes = {m.code for m in CATALOGUE}
    assert {"ASP001", "ASP101", "ASP102", "ASP103", "ASP201", "ASP202"} <= codes


def test_no_pattern_of_the_models_reaches_a_message_as_a_regular_expression() -> None:
    from pydantic import BaseModel

    from asplan.model.messages import PATTERN_WORDS
    from asplan.model.plan import Plan

    patterns: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for info in model.model_fields.values():
            for meta in info.metadata:
                pattern = getattr(meta, "pattern", None)
                if pattern:
                    patterns.add(pattern)
            stack = [info.annotation]
            while stack:
                annotation = stack.pop()
                if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                    walk(annotation)
                stack.extend(getattr(annotation, "__args__", ()))

    walk(Plan)
    assert patterns, "the walk found no pattern at all: it is broken"
    assert patterns <= set(PATTERN_WORDS), patterns - set(PATTERN_WORDS)
