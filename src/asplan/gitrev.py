"""Plans as they were at a git revision, read with the ``git`` program.

``asplan diff``, ``render --since`` and the sign-off check need a plan's earlier
versions. They are read with the ``git`` program the user already has (no library:
the repository's own configuration, alternates and hooks apply, and there is no
second implementation of git to trust), one process per question: ``rev-parse`` to
find the work tree and resolve a revision, ``ls-tree`` to list the plan files of a
revision, one ``cat-file --batch`` for all their contents, ``log`` for the commits
touching a file.

Every failure a user can cause (no ``git``, not in a work tree, an unknown revision)
is a :class:`GitError` with one line that says what to do.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = ["Commit", "GitError", "Repository"]


class GitError(Exception):
    """A user-fixable problem reading git: one line."""


@dataclass(frozen=True)
class Commit:
    sha: str
    day: date  # the committer date, in the committer's time zone
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False, env=env
        )
    except FileNotFoundError:
        raise GitError("the git program is not installed (or not on PATH): asplan reads revisions with it") from None


class Repository:
    """The git work tree around a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def around(cls, folder: Path | None = None) -> Repository:
        """The work tree containing ``folder`` (default: the current one); :class:`GitError` outside one."""
        here = (folder or Path.cwd()).resolve()
        result = _git(["rev-parse", "--show-toplevel"], here)
        if result.returncode != 0:
            raise GitError(f"{here} is not inside a git work tree: run this in the repository that holds the plans")
        return cls(Path(os.fsdecode(result.stdout.strip())))

    def resolve(self, rev: str) -> str:
        """The commit ``rev`` names (a sha, a branch, a tag, ``HEAD~2``); :class:`GitError` when none."""
        if not rev or rev.startswith("-"):
            raise GitError(f"{rev!r}: not a revision")
        result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], self.root)
        if result.returncode != 0:
            hint = " (the repository has no commit yet)" if rev == "HEAD" and not self._has_commits() else ""
            raise GitError(f"{rev}: unknown revision{hint}")
        return result.stdout.decode().strip()

    def commit(self, sha: str) -> Commit:
        """The date and subject of a commit ``resolve`` returned."""
        result = _git(["log", "-1", "--format=%H%x00%cs%x00%s", sha, "--"], self.root)
        if result.returncode != 0:
            raise GitError(f"{sha[:7]}: cannot read the commit: {_first_line(result.stderr)}")
        full, day, subject = result.stdout.decode("utf-8", "replace").strip("\n").split("\0", 2)
        return Commit(full, date.fromisoformat(day), subject)

    def _has_commits(self) -> bool:
        return _git(["rev-parse", "--verify", "--quiet", "HEAD"], self.root).returncode == 0

    def relative(self, path: Path) -> str:
        """``path`` relative to the work tree root, with forward slashes ("" for the root itself)."""
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            try:
                relative = absolute.resolve().relative_to(self.root)
            except ValueError:
                raise GitError(f"{path} is outside the git work tree {self.root}") from None
        text = relative.as_posix()
        return "" if text == "." else text

    def yaml_files(self, commit: str, paths: Sequence[Path]) -> list[str]:
        """The ``*.yaml``/``*.yml`` files of ``commit`` under ``paths`` (repo-relative, sorted)."""
        specs = [self.relative(p) or "." for p in paths]
        result = _git(["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", *specs], self.root)
        if result.returncode != 0:
            raise GitError(f"cannot list the files of {commit[:7]}: {_first_line(result.stderr)}")
        names = [os.fsdecode(n) for n in result.stdout.split(b"\0") if n]
        return sorted(n for n in names if n.lower().endswith((".yaml", ".yml")))

    def read(self, commit: str, files: Sequence[str], max_bytes: int) -> dict[str, bytes | None]:
        """Contents of ``files`` at ``commit`` (``None``: absent, not a file, or over ``max_bytes``)."""
        if not files:
            return {}
        request = b"".join(f"{commit}:{name}\n".encode() for name in files)
        result = _git(["cat-file", "--batch"], self.root, stdin=request)
        if result.returncode != 0:
            raise GitError(f"cannot read {commit[:7]}: {_first_line(result.stderr)}")
        out: dict[str, bytes | None] = {}
        data = result.stdout
        at = 0
        for name in files:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            at = end + 1
            if len(header) != 3 or header[1] != b"blob":
                out[name] = None
                continue
            size = int(header[2])
            out[name] = data[at : at + size] if size <= max_bytes else None
            at += size + 1
        return out

    def file_commits(self, path: Path, limit: int = 500) -> list[Commit]:
        """Commits that changed ``path``, newest first (following no renames), at most ``limit``."""
        name = self.relative(path)
        result = _git(
            ["log", f"--max-count={limit}", "--format=%H%x00%cs%x00%s", "--", name or "."], self.root
        )
        if result.returncode != 0:
            return []  # no commit yet, or a file git does not know: its history is unknown
        commits = []
        for line in result.stdout.decode("utf-8", "replace").splitlines():
            sha, day, subject = line.split("\0", 2)
            commits.append(Commit(sha, date.fromisoformat(day), subject))
        return commits


def _first_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[0] if text else "git failed"
