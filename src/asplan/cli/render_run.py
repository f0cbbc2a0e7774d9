"""``asplan render`` itself, typer-free: what runs once its options are known.

Two parsers feed it :class:`RenderArgs`: typer's (:mod:`asplan.cli.render`, which owns
help, completion and every usage error) and :mod:`asplan.cli.fast_path`, which reads a
plain ``asplan render PATHS -o DIR ...`` without importing typer; both run
:func:`run_render`, so both give the same output.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from asplan.cli.common import fail, load_config, say, today, warn

if TYPE_CHECKING:
    from datetime import date

    from asplan.plandiff import Baseline
    from asplan.render.document import Format, RenderOptions
    from asplan.render.view import Audience

DOCUMENT_SUFFIXES = (".html", ".htm", ".md", ".pdf")


@dataclass
class RenderArgs:
    """``render``'s options as the user gave them; the defaults are typer's (a test holds them equal)."""

    paths: list[str] | None = None
    output_format: str = "html"
    output: str | None = None
    audience: str = "client"
    lang: str | None = None
    template_dir: str | None = None
    today_option: str | None = None
    jobs: int | None = None
    since: str | None = None
    force: bool = False


def run_render(args: RenderArgs) -> int:
    """Render the plans; returns the exit code (usage errors raise ``CommandExit``)."""
    from asplan.plan_source import default_paths
    from asplan.render.document import RenderError, RenderOptions, plan_paths

    output, template_dir, jobs = args.output, args.template_dir, args.jobs

    fmt, audience_choice = _choices(args.output_format, args.audience, args.lang)
    folder_override = Path(template_dir) if template_dir else None
    if folder_override is not None and not folder_override.is_dir():
        fail(f"--template-dir {template_dir}: no such folder")
    day = today(args.today_option)
    config = load_config()
    options = RenderOptions(
        fmt=fmt,
        audience=audience_choice,
        lang=args.lang,
        template_dir=folder_override,
        warn_days=config.warn_days,
        kpi_grace_days=config.kpi_grace_days,
    )
    if jobs is not None and jobs < 1:
        fail("--jobs: expected a number of processes, 1 or more")
    try:
        plans = plan_paths(args.paths or default_paths(config), config.max_file_bytes)
        if args.since is not None:
            options = replace(options, since=_baseline(args.since, plans, config.max_file_bytes))
        written = _write(plans, output, day, options, jobs, config.max_file_bytes, args.force)
    except RenderError as exc:
        fail(str(exc))
    if written is not None:
        say(f"asplan: wrote {len(written)} files to {Path(output or '')}", err=True)
    return 0


def _write_stdout(data: bytes) -> None:
    """The document's bytes to stdout as they are (a PDF is binary; text is already UTF-8)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (tests): text formats only reach here as UTF-8
        sys.stdout.write(data.decode("utf-8", errors="replace"))
        sys.stdout.flush()
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


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
