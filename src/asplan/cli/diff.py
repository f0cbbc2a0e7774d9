"""``asplan diff``: what changed in the plans since a git revision, keyed by ids."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import FORCE_OUTPUT_HELP, error_line, fail, load_config, write_output

if TYPE_CHECKING:
    from asplan.gitrev import Repository
    from asplan.plandiff import Audience

FORMATS = ("text", "json", "md")
AUDIENCES: tuple[Audience, ...] = ("internal", "client")  # internal first: the default


def diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[REV] [PATHS]...",
            help="A git revision (default HEAD), then plan files or folders (default: as for check).",
        ),
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar="REV", help="Compare with this revision instead of the working tree.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json or md.")] = "text",
    audience: Annotated[
        str, typer.Option("--audience", help="internal (default: every field) or client (what the client may see).")
    ] = "internal",
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
) -> None:
    """What changed in the plans between a git revision and the working tree (or --to REV).

    Plans are compared as data, keyed by ids: reordering a list is no change, renaming
    an id is a removal and an addition. The first argument is a revision when git knows
    it as one, else a path. Plans that cannot be read are named on stderr and skipped
    (exit 2 after the report).
    """
    from asplan.cli.choices import among
    from asplan.gitrev import GitError, Repository
    from asplan.plan_source import default_paths
    from asplan.plandiff import diff_snapshots, snapshot_at, snapshot_worktree, to_json, to_markdown, to_text

    among("--format", output_format, FORMATS, listing="or")
    seen_by = among("--audience", audience, AUDIENCES, listing="or")
    config = load_config()
    words = list(args or [])
    try:
        repo = Repository.around()
        rev = _revision(repo, words)
        paths = words or default_paths(config)
        old = snapshot_at(repo, repo.resolve(rev), rev, paths, config.max_file_bytes)
        if to is not None:
            new = snapshot_at(repo, repo.resolve(to), to, paths, config.max_file_bytes)
        else:
            missing = [p for p in paths if not os.path.exists(p) and not old.plans]
            if missing:
                fail(f"{missing[0]}: no such file or folder (in the working tree or at {rev})")
            new = snapshot_worktree(paths, config.max_file_bytes)
    except GitError as exc:
        fail(str(exc))
    changes = diff_snapshots(old, new, seen_by)
    for line in [*old.failures, *new.failures]:
        error_line(f"{line} (skipped)")
    if output_format == "json":
        text = to_json(changes, old, new, seen_by)
    elif output_format == "md":
        text = to_markdown(changes, old, new)
    else:
        text = to_text(changes, old, new)
    write_output(text, output, force)
    raise typer.Exit(2 if old.failures or new.failures else 0)


def _revision(repo: Repository, words: list[str]) -> str:
    """The revision the first word names, taken off ``words``; ``HEAD`` when it is a path."""
    from asplan.gitrev import GitError

    if words:
        try:
            repo.resolve(words[0])
            return words.pop(0)
        except GitError:
            if not os.path.exists(words[0]):
                fail(f"{words[0]}: unknown revision, and no such file or folder")
    return "HEAD"
