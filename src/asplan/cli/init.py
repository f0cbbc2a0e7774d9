"""``asplan init``: a new plans repository, without ever touching what is already there."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asplan.cli.common import fail, say


def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder to set up (default: the current one).")
    ] = Path("."),
    ci: Annotated[
        str, typer.Option("--ci", help="CI file to write: github (a workflow), gitlab (.gitlab-ci.yml) or none.")
    ] = "github",
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="Git repository the CI installs asplan from (default: this asplan's Source URL)."
        ),
    ] = None,
    ref: Annotated[
        str | None, typer.Option("--ref", help="Tag or commit of --source to use (default: v<this version>).")
    ] = None,
) -> None:
    """Set up a plans repository: asplan.toml, plans/, the JSON Schema, pre-commit and a CI file."""
    from asplan.fileio import atomic_write_text
    from asplan.scaffold import DEFAULT_PLANS_DIR, CiSource, ScaffoldError, init_files

    if directory.exists() and not directory.is_dir():
        fail(f"{directory}: not a folder")
    default = CiSource.default()
    try:
        files = init_files(DEFAULT_PLANS_DIR, ci, CiSource(source or default.url, ref or default.ref))
    except ScaffoldError as exc:
        fail(str(exc))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        plans = directory / DEFAULT_PLANS_DIR
        if plans.exists():
            say(f"skipped {_show(plans)}/ (already exists)")
        else:
            plans.mkdir()
            say(f"created {_show(plans)}/")
        for relative, text in files.items():
            target = directory / relative
            if target.exists() or target.is_symlink():
                say(f"skipped {_show(target)} (already exists)")
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(target, text)
            say(f"created {_show(target)}")
    except OSError as exc:
        fail(f"{exc.filename or directory}: cannot write ({exc.strerror or exc})")
    here = directory.resolve() == Path.cwd().resolve()
    say("next: " + ("" if here else f"cd {_show(directory)} && ") + "asplan new ACCOUNT-ID")


def _show(path: Path) -> str:
    """A path as the user typed it, with forward slashes (the same in every shell)."""
    return path.as_posix().removeprefix("./")
