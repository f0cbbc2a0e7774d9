"""What changed in the plans between two versions (spec §7.5): ``asplan diff`` and ``render --since``.

A line diff of YAML answers the wrong question: reordering a list, reflowing a flow
mapping or renaming a comment shows up, while "the due date of OBJ-2 moved" has to be
read off two hunks. So plans are compared as data, keyed by what identifies an entry:
lists of mappings by ``id`` (else ``level``, ``date``, ``period``, ``name``,
``title`` or ``file``, the first that every entry has and no two share), lists of
plain values as multisets. Reordering is then no change, and renaming an id is a
removal and an addition. Each change is ``{account, path, change, old, new}`` with a
path like ``objectives[OBJ-2].due``; whole plans are added and removed too (matched
by ``account.id``, so a renamed file is the same plan).

The client audience compares the client's projection of each version: the fields
the client document leaves out (``selection``, people's ``influence`` and
``stance``, every ``notes``, a hand-off or risk not marked ``audience: client``, and
``x-`` keys) are removed before comparing, so no change to them, and no value of
them inside an added entry, can appear.
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from asplan.printable import printable

__all__ = [
    "Baseline",
    "Change",
    "PlanVersion",
    "Snapshot",
    "client_projection",
    "diff_data",
    "diff_snapshots",
    "flow",
    "plan_changes",
    "snapshot_at",
    "snapshot_worktree",
    "to_json",
    "to_markdown",
    "to_text",
]

ChangeKind = Literal["added", "removed", "changed"]
Audience = Literal["client", "internal"]
_LIST_KEYS = ("id", "level", "date", "period", "name", "title", "file")


@dataclass(frozen=True)
class Change:
    account: str
    path: str  # "" for the plan as a whole
    change: ChangeKind
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"account": self.account, "path": self.path, "change": self.change, "old": self.old, "new": self.new}


# ------------------------------------------------------------------------- the diff


def diff_data(old: Any, new: Any, account: str) -> list[Change]:
    """The changes from ``old`` to ``new`` (one plan's data), in document order."""
    out: list[Change] = []
    _diff(old, new, "", account, out)
    return out


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if type(a) is not type(b) and not (isinstance(a, int | float) and isinstance(b, int | float)):
        return False
    return bool(a == b)


def _diff(old: Any, new: Any, path: str, account: str, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            where = _join(path, key)
            if key not in new:
                out.append(Change(account, where, "removed", old[key], None))
            elif key not in old:
                out.append(Change(account, where, "added", None, new[key]))
            else:
                _diff(old[key], new[key], where, account, out)
        return
    if isinstance(old, list) and isinstance(new, list):
        _diff_lists(old, new, path, account, out)
        return
    if not _same(old, new):
        out.append(Change(account, path, "changed", old, new))


def _hashable(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def list_key(*lists: Sequence[Any]) -> str | None:
    """The field that identifies the mappings of these lists (present in all, unique in each), if any."""
    items = [item for entries in lists for item in entries]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in _LIST_KEYS:
        if not all(key in item and _hashable(item[key]) for item in items):
            continue
        if all(len({_token(item[key]) for item in entries}) == len(entries) for entries in lists):
            return key
    return None


def _token(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _diff_lists(old: list[Any], new: list[Any], path: str, account: str, out: list[Change]) -> None:
    key = list_key(old, new)
    if key is not None:
        before = {_token(item[key]): item for item in old}
        after = {_token(item[key]): item for item in new}
        for token, item in before.items():  # in the old order, then what is new
            where = f"{path}[{_label(item[key])}]"
            if token not in after:
                out.append(Change(account, where, "removed", item, None))
            else:
                _diff(item, after[token], where, account, out)
        for token, item in after.items():
            if token not in before:
                out.append(Change(account, f"{path}[{_label(item[key])}]", "added", None, item))
        return
    if all(_hashable(v) for v in (*old, *new)):
        if Counter(map(_token, old)) != Counter(map(_token, new)):
            out.append(Change(account, path, "changed", old, new))
        return
    for index in range(max(len(old), len(new))):
        where = f"{path}[{index}]"
        if index >= len(new):
            out.append(Change(account, where, "removed", old[index], None))
        elif index >= len(old):
            out.append(Change(account, where, "added", None, new[index]))
        else:
            _diff(old[index], new[index], where, account, out)


def _label(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


# ------------------------------------------------------------------------- audience


def client_projection(data: Any) -> Any:
    """The part of a plan's data the client document may show (see the module docstring)."""
    if not isinstance(data, dict):
        return data
    projected = _without_internal(copy.deepcopy(data))
    projected.pop("selection", None)
    handoff = data.get("handoff")
    if not (isinstance(handoff, dict) and handoff.get("audience") == "client"):
        projected.pop("handoff", None)
    risks = projected.get("risks")
    if isinstance(risks, list):
        projected["risks"] = [r for r in risks if isinstance(r, dict) and r.get("audience") == "client"]
    people = projected.get("people")
    if isinstance(people, list):
        for person in people:
            if isinstance(person, dict):
                person.pop("influence", None)
                person.pop("stance", None)
    return projected


def _without_internal(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_internal(v)
            for k, v in value.items()
            if k != "notes" and not (isinstance(k, str) and k.startswith("x-"))
        }
    if isinstance(value, list):
        return [_without_internal(v) for v in value]
    return value


# ------------------------------------------------------------------------- versions


@dataclass(frozen=True)
class PlanVersion:
    """One plan file's data at one version."""

    account: str
    path: str  # as shown to the user
    data: dict[str, Any]


@dataclass
class Snapshot:
    """The plans of one version (a revision or the working tree), by account id."""

    label: str
    plans: dict[str, PlanVersion] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, path: str, text: str) -> None:
        from asplan.plan_source import parse_text

        source = parse_text(text, path)
        document = source.document
        if document is None or not isinstance(document.data, dict) or "asplan" not in document.data:
            first = min(source.errors, default=None)
            why = f"{first.line}: {first.message}" if first is not None else "1: not a plan"
            self.failures.append(f"{path}:{why}")
            return
        account = document.data.get("account")
        key = account.get("id") if isinstance(account, dict) else None
        name = str(key) if isinstance(key, str | int) and not isinstance(key, bool) else path
        if name in self.plans:
            name = f"{name} ({path})"
        self.plans[name] = PlanVersion(name, path, document.data)


def snapshot_worktree(paths: Sequence[str], max_bytes: int) -> Snapshot:
    """The plans under ``paths`` as they are on disk (a path that no longer exists is skipped)."""
    from asplan.loading import LoadError, looks_like_plan, read_text
    from asplan.plan_source import discover

    snapshot = Snapshot("the working tree")
    for target in discover([p for p in paths if os.path.exists(p)]):
        try:
            text = read_text(target.path, max_bytes)
        except LoadError as exc:
            if target.explicit or not exc.unreadable:
                snapshot.failures.append(f"{target.path}:{exc.line}: {exc.message}")
            continue
        if target.explicit or looks_like_plan(text):
            snapshot.add(target.path, text)
    return snapshot


def snapshot_at(repo: Any, commit: str, label: str, paths: Sequence[str], max_bytes: int) -> Snapshot:
    """The plans under ``paths`` at ``commit`` (``repo`` is a :class:`~asplan.gitrev.Repository`)."""
    from asplan.loading import LoadError, decode_utf8, looks_like_plan

    snapshot = Snapshot(label)
    names = repo.yaml_files(commit, [Path(p) for p in paths])
    for name, raw in repo.read(commit, names, max_bytes).items():
        shown = os.path.relpath(repo.root / name)
        if raw is None:
            snapshot.failures.append(f"{shown} at {label}: over the size limit of {max_bytes:,} bytes")
            continue
        try:
            text = decode_utf8(raw)
        except LoadError as exc:
            snapshot.failures.append(f"{shown} at {label}:{exc.line}: {exc.message}")
            continue
        if looks_like_plan(text):
            snapshot.add(shown, text)
    return snapshot


def diff_snapshots(old: Snapshot, new: Snapshot, audience: Audience = "internal") -> list[Change]:
    """Every change from ``old`` to ``new``, plan by plan (account id order)."""
    out: list[Change] = []
    for account in sorted(set(old.plans) | set(new.plans)):
        before, after = old.plans.get(account), new.plans.get(account)
        if before is None and after is not None:
            out.append(Change(account, "", "added", None, after.path))
        elif after is None and before is not None:
            out.append(Change(account, "", "removed", before.path, None))
        elif before is not None and after is not None:
            left, right = before.data, after.data
            if audience == "client":
                left, right = client_projection(left), client_projection(right)
            out.extend(diff_data(left, right, account))
    return out


@dataclass(frozen=True)
class Baseline:
    """What ``render --since REV`` compares each plan with: the plans' data at REV, by account id."""

    label: str  # the revision as the user named it
    commit: str
    day: date  # its commit date
    plans: Mapping[str, dict[str, Any]]

    @classmethod
    def of(cls, snapshot: Snapshot, commit: str, day: date) -> Baseline:
        plans = {account: version.data for account, version in snapshot.plans.items()}
        return cls(snapshot.label, commit, day, plans)


def plan_changes(baseline: Baseline, account: str, data: Any, path: str, audience: Audience) -> list[Change]:
    """One plan's changes since the baseline (the whole plan added when it did not exist then)."""
    before = baseline.plans.get(account)
    if before is None:
        return [Change(account, "", "added", None, path)]
    if audience == "client":
        return diff_data(client_projection(before), client_projection(data), account)
    return diff_data(before, data, account)


# ------------------------------------------------------------------------- reporting


def flow(value: Any, limit: int = 100) -> str:
    """A value on one line, YAML-like (``{date: 2026-10-31, value: 90.1}``), cut at ``limit``."""
    text = _flow_text(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flow_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow_text(v) for v in value) + "]"
    text = str(value)
    if isinstance(value, str) and (not text or text != text.strip() or any(c in text for c in ",{}[]\n")):
        return json.dumps(text, ensure_ascii=False)
    return text


def _paths(old: Snapshot, new: Snapshot) -> Mapping[str, str]:
    return {**{a: p.path for a, p in old.plans.items()}, **{a: p.path for a, p in new.plans.items()}}


def _by_account(changes: Sequence[Change]) -> Iterator[tuple[str, list[Change]]]:
    accounts: dict[str, list[Change]] = {}
    for change in changes:
        accounts.setdefault(change.account, []).append(change)
    yield from accounts.items()


def _headline(changes: Sequence[Change], old: Snapshot, new: Snapshot) -> str:
    plans = len({c.account for c in changes})
    return (
        f"Changes from {old.label} to {new.label}: {len(changes)} change{'s' if len(changes) != 1 else ''} "
        f"in {plans} plan{'s' if plans != 1 else ''}."
    )


def to_text(changes: Sequence[Change], old: Snapshot, new: Snapshot) -> str:
    if not changes:
        return f"No changes to the plans from {old.label} to {new.label}.\n"
    paths = _paths(old, new)
    out = []
    for account, own in _by_account(changes):
        out.append(f"{account}  {paths.get(account, '')}".rstrip())
        for c in own:
            if not c.path:
                out.append(f"  {c.change:<8} the whole plan")
            elif c.change == "changed":
                out.append(f"  {c.change:<8} {c.path}: {flow(c.old, 60)} -> {flow(c.new, 60)}")
            else:
                out.append(f"  {c.change:<8} {c.path}: {flow(c.new if c.change == 'added' else c.old)}")
        out.append("")
    out.append(_headline(changes, old, new))
    return printable("\n".join(out) + "\n")  # plan text never sends a control character


def to_json(changes: Sequence[Change], old: Snapshot, new: Snapshot, audience: Audience) -> str:
    document = {
        "from": old.label,
        "to": new.label,
        "audience": audience,
        "changes": [c.to_json() for c in changes],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def to_markdown(changes: Sequence[Change], old: Snapshot, new: Snapshot) -> str:
    from asplan.digest import md_text

    out = [f"# Changes from {md_text(old.label)} to {md_text(new.label)}", ""]
    if not changes:
        out.append("No changes to the plans.")
        return "\n".join(out) + "\n"
    paths = _paths(old, new)
    out += [md_text(_headline(changes, old, new)), ""]
    for account, own in _by_account(changes):
        out += [f"## `{account}` ({md_text(paths.get(account, ''))})", ""]
        out += ["| Change | Path | Before | After |", "|---|---|---|---|"]
        for c in own:
            where = f"`{c.path}`" if c.path and "`" not in c.path else md_text(c.path or "the whole plan")
            before = md_text(flow(c.old)) if c.old is not None and c.path else ""
            after = md_text(flow(c.new)) if c.new is not None and c.path else ""
            out.append(f"| {c.change} | {where} | {before} | {after} |")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
