"""``asplan new``: scaffold a commented plan that passes ``asplan check`` from the start."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, cast

import typer

from asplan.cli.common import fail, load_config, say

if TYPE_CHECKING:
    from rich.console import Console


def stdin_is_terminal() -> bool:
    """Whether asplan may ask for what is missing (tests replace this)."""
    return sys.stdin.isatty()


Manager = Annotated[
    str | None,
    typer.Option("--manager", metavar="NAME", help="The account manager's full name (becomes a provider person)."),
]
Lang = Annotated[str | None, typer.Option("--lang", help="Language of the plan and its documents: es or en.")]
Directory = Annotated[
    Path | None,
    typer.Option("--dir", help="Folder for the plan (default: plans_dir from asplan.toml, else plans/)."),
]
ManagerId = Annotated[
    str | None,
    typer.Option("--manager-id", metavar="ID", help="The manager's person id (default: first.last from the name)."),
]


def new(
    account_id: Annotated[str, typer.Argument(metavar="ID", help="Account id; the plan is written to DIR/ID.yaml.")],
    name: Annotated[str | None, typer.Option("--name", help="The client's name.")] = None,
    tier: Annotated[str | None, typer.Option("--tier", help="strategic, high, medium or low.")] = None,
    manager: Manager = None,
    lang: Lang = None,
    directory: Directory = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing plan.")] = False,
    manager_id: ManagerId = None,
) -> None:
    """Create a commented plan for a new account; asks for what is missing when run in a terminal."""
    from asplan.fileio import atomic_write_text
    from asplan.scaffold import NewPlan, ScaffoldError, check_account_id, plan_text

    try:
        check_account_id(account_id)
    except ScaffoldError as exc:
        fail(str(exc))
    directory, target, schema = _where(account_id, directory, force)
    name, tier, manager, lang, manager_id = _complete(name, tier, manager, lang, manager_id)
    plan = NewPlan(
        account_id=account_id,
        name=name or "",
        tier=tier or "",
        manager_name=manager or "",
        language=cast(Literal["es", "en"], lang or "en"),
        schema_path=_relative(schema, directory),
        manager_id=manager_id,
    )
    try:
        text = plan_text(plan)
    except ScaffoldError as exc:
        fail(str(exc))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, text)
    except OSError as exc:
        fail(f"{_show(target)}: cannot write ({exc.strerror or exc})")
    say(f"created {_show(target)}")
    if not schema.is_file():
        typer.echo(
            f"hint: no {_show(schema)} yet: run `asplan schema -o {_show(schema)}` for editor autocompletion", err=True
        )
    say(f"next: fill it in, then run `asplan check {_show(target)}`")


def _where(account_id: str, directory: Path | None, force: bool) -> tuple[Path, Path, Path]:
    """The plan's folder, its file and the schema file; an existing plan (or a link) there is refused."""
    from asplan.scaffold import SCHEMA_FILE

    config = load_config()
    root = config.root if config.source else Path.cwd()
    directory = directory if directory is not None else root / config.plans_dir
    target = directory / f"{account_id}.yaml"
    for existing in (target, target.with_suffix(".yml")):
        if existing.is_symlink():
            # A link (dangling or not) would make the write land wherever it points,
            # outside plans/ perhaps: refused even with --force.
            fail(f"{_show(existing)}: is a symbolic link; refusing to write a plan through it (remove the link)")
        if existing.exists() and not force:
            fail(f"{_show(existing)}: a plan for '{account_id}' already exists; use --force to overwrite it")
    return directory, target, root / SCHEMA_FILE


def _complete(
    name: str | None, tier: str | None, manager: str | None, lang: str | None, manager_id: str | None
) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """Ask for what is missing on a terminal; elsewhere, name the options to give."""
    from asplan.scaffold import LANGUAGES, TIERS, ScaffoldError, person_id

    if stdin_is_terminal():
        name, tier, manager, lang = _ask(name, tier, manager, lang, TIERS, LANGUAGES)
        if manager_id is None:
            try:
                person_id(manager)
            except ScaffoldError:
                manager_id = _ask_id(manager)
    else:
        missing = [opt for opt, value in (("--name", name), ("--tier", tier), ("--manager", manager)) if not value]
        if missing:
            fail(f"missing {', '.join(missing)}: give them as options (stdin is not a terminal, so asplan cannot ask)")
    return name, tier, manager, lang, manager_id


def _prompt_console() -> Console:
    """Where the questions are asked: the terminal, coloured unless NO_COLOR."""
    from rich.console import Console

    from asplan.cli.common import use_color

    return Console(no_color=not use_color(), highlight=False)


def _ask(
    name: str | None,
    tier: str | None,
    manager: str | None,
    lang: str | None,
    tiers: tuple[str, ...],
    languages: tuple[str, ...],
) -> tuple[str, str, str, str]:
    from rich.prompt import Prompt

    console = _prompt_console()
    while not name or not name.strip():
        name = Prompt.ask("Client name", console=console)
    if tier is None:
        tier = Prompt.ask("Tier", choices=list(tiers), default="medium", console=console)
    while not manager or not manager.strip():
        manager = Prompt.ask("Account manager's full name", console=console)
    if lang is None:
        lang = Prompt.ask("Language of the plan", choices=list(languages), default="en", console=console)
    return name, tier, manager, lang


def _ask_id(manager: str) -> str:
    """A person id for a manager whose name has no Latin letters to make one from (李 小龍)."""
    from rich.prompt import Prompt

    from asplan.model.scalars import parse_id

    console = _prompt_console()
    while True:
        answer = Prompt.ask(
            f"Person id for {manager} (letters, digits, '.', '_' or '-', like wang.li)", console=console
        ).strip()
        try:
            return parse_id(answer)
        except ValueError as exc:
            console.print(str(exc))


def _relative(target: Path, start: Path) -> str:
    """``target`` relative to ``start`` with forward slashes, as the ``$schema`` line needs."""
    try:
        return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return target.resolve().as_uri()


def _show(path: Path) -> str:
    """The path relative to the working folder; a symbolic link is named, not followed."""
    try:
        return (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
