"""``asplan render``: the shareable document (HTML, Markdown or PDF), and the portfolio index."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from asplan.cli.common import fail, load_config, say, today, warn
from asplan.cli.options import Paths

if TYPE_CHECKING:
    from datetime import date

    from asplan.plandiff import Baseline
    from asplan.render.document import Format, RenderOptions
    from asplan.render.view import Audience

DOCUMENT_SUFFIXES = (".html", ".htm", ".md", ".pdf")


def _write_stdout(data: bytes) -> None:
    """The document's bytes to stdout as they are (a PDF is binary; text is already UTF-8)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (tests): text formats only reach here as UTF-8
        typer.echo(data.decode("utf-8", errors="replace"), nl=False)
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


OutputFormat = Annotated[str, typer.Option("--format", "-f", help="html, md or pdf (pdf: pip install 'asplan[pdf]').")]
Output = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="A file for one plan; a folder for several (one document each plus an index). Default: stdout.",
    ),
]
AudienceOption = Annotated[str, typer.Option("--audience", help="client (default: no internal fields) or internal.")]
TemplateDir = Annotated[
    str | None, typer.Option("--template-dir", help="Folder whose templates replace the built-in ones.")
]
Since = Annotated[
    str | None,
    typer.Option("--since", metavar="REV", help="Add a section with what changed since this git revision."),
]
Force = Annotated[
    bool, typer.Option("--force", help="Replace output files even if one is a plan (by default that is refused).")
]


def render(
    paths: Paths = None,
    output_format: OutputFormat = "html",
    output: Output = None,
    audience: AudienceOption = "client",
    lang: Annotated[str | None, typer.Option("--lang", help="es or en (default: each plan's language).")] = None,
    template_dir: TemplateDir = None,
    today_option: Annotated[str | None, typer.Option("--today", help="Date of the figures, YYYY-MM-DD.")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Parallel processes (default: CPU count).")] = None,
    since: Since = None,
    force: Force = False,
) -> None:
    """Render plans as self-contained HTML, GitHub Markdown or A4 PDF for the client (or internal use)."""
    from asplan.plan_source import default_paths
    from asplan.render.document import RenderError, RenderOptions, plan_paths

    fmt, audience_choice = _choices(output_format, audience, lang)
    folder_override = Path(template_dir) if template_dir else None
    if folder_override is not None and not folder_override.is_dir():
        fail(f"--template-dir {template_dir}: no such folder")
    day = today(today_option)
    config = load_config()
    options = RenderOptions(
        fmt=fmt,
        audience=audience_choice,
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
        written = _write(plans, output, day, options, jobs, config.max_file_bytes, force)
    except RenderError as exc:
        fail(str(exc))
    if written is not None:
        say(f"asplan: wrote {len(written)} files to {Path(output or '')}", err=True)


def _choices(output_format: str, audience: str, lang: str | None) -> tuple[Format, Audience]:
    """``--format``, ``--audience`` and ``--lang`` among their choices; a PDF only when WeasyPrint is there."""
    from asplan.cli.choices import among
    from asplan.render.document import FORMATS
    from asplan.render.i18n import LANGUAGES
    from asplan.render.pdf import unavailable_reason
    from asplan.render.view import AUDIENCES

    fmt = among("--format", output_format, FORMATS, listing="or")
    if fmt == "pdf" and (reason := unavailable_reason()) is not None:
        fail(reason)
    chosen = among("--audience", audience, AUDIENCES, listing="or")
    if lang is not None:
        among("--lang", lang, LANGUAGES)
    return fmt, chosen


def _write(
    plans: list[Path],
    output: str | None,
    day: date,
    options: RenderOptions,
    jobs: int | None,
    max_bytes: int,
    force: bool,
) -> list[Path] | None:
    """One plan to stdout or to the file named; else one document per plan plus the index in the folder.

    Returns the files written to a folder (``None`` for a single document).
    """
    from asplan.parallel import RENDER_SERIAL_BELOW, workers_for
    from asplan.render.document import SUFFIX, load_plan, render_many, render_plan_file, write_single

    target = Path(output) if output else None
    as_file = target is not None and target.suffix.lower() in DOCUMENT_SUFFIXES and not target.is_dir()
    if len(plans) == 1 and (target is None or as_file):
        if target is None and options.fmt == "pdf" and sys.stdout.isatty():
            fail("a PDF is not for the terminal: give -o FILE.pdf (or redirect the output)")
        data = render_plan_file(load_plan(plans[0], max_bytes), day, options, plans[0])
        if target is None:
            _write_stdout(data)
        else:
            write_single(data, target, force)
        return None
    if target is None:
        fail("several plans: give an output folder with -o DIR (one document per plan plus the index)")
    if as_file:
        fail(f"-o {output}: several plans need a folder, not a {SUFFIX[options.fmt]} file")
    workers = workers_for(len(plans), jobs, RENDER_SERIAL_BELOW)
    return render_many(plans, day, options, target, jobs=workers, max_bytes=max_bytes, force=force)


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
        warn(f"--since: {line} (compared as if absent)")
    return Baseline.of(snapshot, commit.sha, commit.day)
