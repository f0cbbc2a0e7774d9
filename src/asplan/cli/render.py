"""``asplan render``: the shareable document (HTML or Markdown), and the portfolio index."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import fail, load_config, today

if TYPE_CHECKING:
    from asplan.plandiff import Baseline


def render(
    paths: Annotated[list[str] | None, typer.Argument(help="Plan files or folders (searched recursively).")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="html or md.")] = "html",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="A file for one plan; a folder for several (one document each plus an index). Default: stdout.",
        ),
    ] = None,
    audience: Annotated[
        str, typer.Option("--audience", help="client (default: no internal fields) or internal.")
    ] = "client",
    lang: Annotated[str | None, typer.Option("--lang", help="es or en (default: each plan's language).")] = None,
    template_dir: Annotated[
        str | None, typer.Option("--template-dir", help="Folder whose templates replace the built-in ones.")
    ] = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Date of the figures, YYYY-MM-DD.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Parallel processes (default: CPU count).")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="REV", help="Add a section with what changed since this git revision."),
    ] = None,
) -> None:
    """Render plans as self-contained HTML or GitHub Markdown for the client (or internal use)."""
    from asplan.plan_source import default_paths
    from asplan.render.document import (
        FORMATS,
        SUFFIX,
        RenderError,
        RenderOptions,
        load_plan,
        plan_paths,
        render_many,
        render_plan,
        write_single,
    )
    from asplan.render.i18n import LANGUAGES
    from asplan.render.view import AUDIENCES

    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected html or md")
    if audience not in AUDIENCES:
        fail(f"--audience {audience}: expected client or internal")
    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang}: expected one of {', '.join(LANGUAGES)}")
    folder_override = Path(template_dir) if template_dir else None
    if folder_override is not None and not folder_override.is_dir():
        fail(f"--template-dir {template_dir}: no such folder")
    day = today(today_option)
    config = load_config()
    options = RenderOptions(
        fmt=output_format,
        audience=audience,
        lang=lang,
        template_dir=folder_override,
        warn_days=config.warn_days,
        kpi_grace_days=config.kpi_grace_days,
    )
    if jobs is not None and jobs < 1:
        fail("--jobs: expected a number of processes, 1 or more")
    try:
        plans = plan_paths(paths or default_paths(config), config.max_file_bytes)
        if since is not None:
            options = replace(options, since=_baseline(since, plans, config.max_file_bytes))
        target = Path(output) if output else None
        as_file = target is not None and target.suffix.lower() in (".html", ".htm", ".md") and not target.is_dir()
        if len(plans) == 1 and (target is None or as_file):
            text = render_plan(load_plan(plans[0], config.max_file_bytes), day, options, plans[0])
            if target is None:
                typer.echo(text, nl=False)
            else:
                write_single(text, target)
            return
        if target is None:
            fail("several plans: give an output folder with -o DIR (one document per plan plus the index)")
        if as_file:
            fail(f"-o {output}: several plans need a folder, not a {SUFFIX[options.fmt]} file")
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if jobs is None and len(plans) < 16:
            workers = 1  # process start-up costs more than it saves on a handful of plans
        written = render_many(plans, day, options, target, jobs=workers, max_bytes=config.max_file_bytes)
    except RenderError as exc:
        fail(str(exc))
    typer.echo(f"asplan: wrote {len(written)} files to {target}", err=True)


def _baseline(rev: str, plans: list[Path], max_bytes: int) -> Baseline:
    """The plans being rendered as they were at ``rev`` (read with git)."""
    from asplan.gitrev import GitError, Repository
    from asplan.plandiff import Baseline, snapshot_at

    try:
        repo = Repository.around()
        commit = repo.commit(repo.resolve(rev))
        snapshot = snapshot_at(repo, commit.sha, rev, [str(p) for p in plans], max_bytes)
    except GitError as exc:
        fail(f"--since: {exc}")
    for line in snapshot.failures:
        typer.echo(f"asplan: warning: --since: {line} (compared as if absent)", err=True)
    return Baseline.of(snapshot, commit.sha, commit.day)
