"""Sign-off (spec §7.5): who on the client side agreed to the plan, and whether it changed since.

A review may record ``signed_off_by``: the client-side people who agreed to the plan
as it stood. The latest such review is the plan's sign-off; the document's header
says "Agreed with <names> on <date>".

Whether the plan has changed since is a question for its history, read with git:
the sign-off entered the file in some commit (the oldest of the unbroken run of
commits, newest first, whose version of the file holds that review with its
sign-off); every later commit that touched the file changed the agreed plan, and so
does an uncommitted edit of a committed sign-off. Outside a git work tree, or for a
file git does not track, the history is unknown and nothing is claimed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from asplan.gitrev import Commit, GitError, Repository
from asplan.model.plan import Plan
from asplan.settings import DEFAULT_MAX_FILE_BYTES

__all__ = ["SignOff", "SignOffHistory", "history_since", "latest_signoff"]

MAX_WALK = 100
"""Commits of one file read back at most to find where its sign-off came in."""


@dataclass(frozen=True)
class SignOff:
    date: date
    people: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class SignOffHistory:
    """What happened to the file after its sign-off was committed."""

    commits: tuple[Commit, ...]  # newest first
    uncommitted: bool  # the working file differs from its last commit
    committed: bool  # False: the sign-off itself is not committed yet

    @property
    def changed(self) -> bool:
        return bool(self.commits) or (self.committed and self.uncommitted)

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "commits": [{"commit": c.short, "date": c.day.isoformat(), "subject": c.subject} for c in self.commits],
            "uncommitted": self.uncommitted,
        }


def latest_signoff(plan: Plan) -> SignOff | None:
    """The latest review with a ``signed_off_by``, with the names of those people."""
    if plan.reviews is None:
        return None
    signed = [r for r in plan.reviews.history if r.signed_off_by]
    if not signed:
        return None
    record = max(signed, key=lambda r: r.date)
    names = tuple((plan.person(p).name if plan.person(p) else p) for p in record.signed_off_by)  # type: ignore[union-attr]
    return SignOff(record.date, tuple(record.signed_off_by), names)


def _holds(text: bytes | None, signoff: SignOff) -> bool:
    """Whether a version of the file records this sign-off (the review of that date, signed by them)."""
    if text is None:
        return False
    from asplan.loading import LoadError, decode_utf8, parse_yaml

    try:
        data = parse_yaml(decode_utf8(text)).data
    except LoadError:
        return False
    reviews = data.get("reviews") if isinstance(data, dict) else None
    history = reviews.get("history") if isinstance(reviews, dict) else None
    if not isinstance(history, list):
        return False
    for entry in history:
        if (
            isinstance(entry, dict)
            and entry.get("date") == signoff.date.isoformat()
            and isinstance(entry.get("signed_off_by"), list)
            and tuple(entry["signed_off_by"]) == signoff.people
        ):
            return True
    return False


def history_since(path: Path, signoff: SignOff, repo: Repository | None = None) -> SignOffHistory | None:
    """The commits touching ``path`` after its sign-off came in; ``None`` when its history is unknown."""
    try:
        repo = repo or Repository.around(path.parent)
        commits = repo.file_commits(path, limit=MAX_WALK)
        if not commits:
            return None  # untracked, or a repository without commits
        name = repo.relative(path)
        index = 0
        limit = DEFAULT_MAX_FILE_BYTES
        while index < len(commits) and _holds(repo.read(commits[index].sha, [name], limit)[name], signoff):
            index += 1
        committed = index > 0
        after = tuple(commits[: index - 1]) if committed else ()
        head = repo.read(commits[0].sha, [name], limit)[name]
        uncommitted = head is None or _data(head) != _data(path.read_bytes())
    except (GitError, OSError):
        return None
    return SignOffHistory(after, uncommitted, committed)


def _data(raw: bytes) -> Any:
    from asplan.loading import LoadError, decode_utf8, parse_yaml

    try:
        return parse_yaml(decode_utf8(raw)).data
    except LoadError:
        return raw
