"""Property: `done`, `measure` and `touch` on generated plans change only the lines they must.

Plans are generated in every style the editing core meets: block and flow mappings,
block lists of block or ``{...}`` entries, flow lists (empty, on one line, across
lines), keys present, absent or empty, comments and blank lines around entries,
``\\r\\n`` line endings, with or without a final newline. Whatever the layout, each
command must succeed, keep every other line byte-identical and in order, and give a
plan that validates with exactly the new value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from asplan.loading import parse_yaml
from asplan.model.validate import validate_plan
from asplan.writeback import add_measurement, mark_done, touch

TODAY = date(2026, 11, 23)
COMMENTS = ("", "   # note", "  # ñandú: x, y")

comment = st.sampled_from(COMMENTS)


@st.composite
def action(draw: st.DrawFn, number: int) -> list[str]:
    status = draw(st.sampled_from([None, "planned", "in_progress", "blocked"]))
    done_key = draw(st.sampled_from([None, "", "~"]))  # absent, `done:`, `done: ~`
    if draw(st.booleans()):
        parts = [f"id: ACT-{number}", f"title: Action {number}", "due: 2026-12-01"]
        if status:
            parts.append(f"status: {status}")
        if done_key is not None:
            parts.append(f"done: {done_key or 'null'}")
        return [f"  - {{{', '.join(parts)}}}{draw(comment)}"]
    lines = [f"  - id: ACT-{number}{draw(comment)}", f"    title: Action {number}"]
    if draw(st.booleans()):
        lines.append("    due: 2026-12-01")
    if status:
        lines.append(f"    status: {status}{draw(comment)}")
    if done_key is not None:
        lines.append(f"    done:{' ' + done_key if done_key else ''}{draw(comment)}")
    if draw(st.booleans()):
        lines += ["    notes: |", "      Booked.", "      Twice."]
    if draw(st.booleans()):
        lines += ["", "    # about the next one"]
    return lines


@st.composite
def measurements(draw: st.DrawFn, key: str, first: str, indent: int) -> list[str]:
    pad = " " * indent
    style = draw(st.sampled_from(["absent", "block-map", "block-flow", "flow", "flow-empty", "flow-lines"]))
    if style == "absent":
        return []
    if style == "block-map":
        return [f"{pad}measurements:", f"{pad}  - {key}: {first}", f"{pad}    value: 1{draw(comment)}"]
    if style == "block-flow":
        return [f"{pad}measurements:", f"{pad}  - {{{key}: {first}, value: 1}}{draw(comment)}"]
    if style == "flow":
        return [f"{pad}measurements: [{{value: 1, {key}: {first}}}]{draw(comment)}"]
    if style == "flow-empty":
        return [f"{pad}measurements: []{draw(comment)}"]
    return [f"{pad}measurements: [{{{key}: {first}, value: 1}},", f"{pad}  ]{draw(comment)}"]


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, str]:
    lines = ["# generated plan" + draw(comment), "asplan: 1"]
    lines.append("account: {id: acme, name: ACME, tier: low, manager: ana}")
    lines += ["people:", "  - {id: ana, name: Ana, side: provider}"]
    sections: list[list[str]] = []

    actions = ["actions:"]
    for number in (1, 2):
        actions += draw(action(number))
    sections.append(actions)

    objective = ["objectives:", "  - id: OBJ-1", "    title: Objective", "    kpis:"]
    objective += ["      - id: KPI-1", "        name: Incidents" + draw(comment)]
    objective += draw(measurements("date", "2026-09-30", 8))
    if draw(st.booleans()):
        objective += ["", "        # the next KPI"]
    objective += ["      - {id: KPI-2, name: Spare}"]
    objective.append("    milestones:")
    if draw(st.booleans()):
        objective.append(f"      - {{id: MS-1, title: Pilot, due: 2026-10-01}}{draw(comment)}")
    else:
        objective += ["      - id: MS-1", "        title: Pilot", f"        due: 2026-10-01{draw(comment)}"]
    sections.append(objective)

    sla = ["slas:", "  - id: SLA-1", "    name: Availability", '    target: ">= 99.9%"', "    penalty: Credits."]
    sla += draw(measurements("period", "2026-09", 4))
    sections.append(sla)

    last = draw(st.sampled_from([None, "2026-11-01"]))
    if draw(st.booleans()):
        parts = ["name: Weekly call", "every: weekly"] + ([f"last: {last}"] if last else [])
        communication = ["communication:", f"  - {{{', '.join(parts)}}}{draw(comment)}"]
    else:
        communication = ["communication:", "  - name: Weekly call", "    every: weekly" + draw(comment)]
        if last:
            communication.append(f"    last: {last}{draw(comment)}")
    sections.append(communication)

    for section in draw(st.permutations(sections)):
        lines += section
        if draw(st.booleans()):
            lines += ["", "# --- next ---"]
    if draw(st.booleans()):
        lines.append("x-notes: {a: 1}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    return text, newline


OPERATIONS = ["done ACT-1", "done ACT-2", "done MS-1", "measure KPI-1", "measure KPI-2", "measure SLA-1", "touch call"]


def rewritten(old: str, new: str) -> list[str]:
    """Old lines that are not in the new text unchanged and in order (a diff's removed lines).

    Compared without line endings: an entry added after an unterminated last line
    has to end that line first; the line endings are checked on their own.
    """
    import difflib

    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    return [line for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal" for line in old_lines[i1:i2]]


def plan_of(text: str) -> Any:
    document = parse_yaml(text)
    validated = validate_plan(document.data, document.positions, "p.yaml")
    assert validated.findings == []
    return validated.plan


@settings(max_examples=200, deadline=None)
@given(plans(), st.sampled_from(OPERATIONS), st.sampled_from(["4", "99.95", "-0.5", "1e3"]))
def test_writeback_changes_only_its_lines(plan: tuple[str, str], operation: str, value: str) -> None:
    text, newline = plan
    command, ref = operation.split()
    if command == "done":
        outcome = mark_done(text, ref, TODAY, TODAY)
    elif command == "measure":
        outcome = add_measurement(text, ref, value, TODAY)
    else:
        outcome = touch(text, "Weekly call", TODAY, TODAY)
    assert outcome.changed
    new = outcome.text
    # At most two old lines are rewritten in place (`status:` and an empty `done:`); a
    # flow collection changes on its own line only; at most two lines are added.
    missing = rewritten(text, new)
    assert len(missing) <= 2, missing
    added = len(new.splitlines()) - len(text.splitlines())
    assert 0 <= added <= 2
    assert new.count("\r\n") == (new.count("\n") if newline == "\r\n" else 0)
    after = plan_of(new)
    if operation == "done ACT-1" or operation == "done ACT-2":
        action = next(a for a in after.actions if a.id == ref)
        assert (action.status.value, action.done) == ("done", TODAY)
    elif operation == "done MS-1":
        assert after.objectives[0].milestones[0].done == TODAY
    elif ref.startswith("KPI"):
        kpi = next(k for k in after.objectives[0].kpis if k.id == ref)
        assert (kpi.measurements[-1].date, kpi.measurements[-1].value) == (TODAY, float(value))
    elif ref == "SLA-1":
        latest = after.slas[0].measurements[-1]
        assert (latest.period.label, str(latest.value)) == ("2026-10", str(float(value)) if "e" in value else value)
    else:
        assert after.communication[0].last == TODAY
