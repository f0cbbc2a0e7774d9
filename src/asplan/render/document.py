"""``asplan render`` as a pure pipeline: plan files in, documents written under one folder.

Rendering is all-or-nothing per run: every plan is loaded, validated and rendered in
memory first, and only then written (each file atomically), so a plan that does not
validate never leaves half a portfolio behind. Output names come from account ids,
which the model restricts to ``[A-Za-z0-9][A-Za-z0-9._-]*``; the final path is still
checked to sit inside the output folder, because "render only writes under its
output path" is a promise, not an assumption.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

import jinja2
from markupsafe import Markup

from asplan.fileio import (
    WouldReplacePlan,
    atomic_write_bytes,
    atomic_write_text,
    commit,
    discard,
    flush_file,
    refuse_to_replace_plan,
    remove_stale_temporaries_in,
    sync_folder,
    write_temporary,
)
from asplan.model.plan import Plan
from asplan.parallel import collected_after, ordered_map
from asplan.plandiff import Baseline, Change
from asplan.render.environment import environment
from asplan.render.i18n import Locale, locale
from asplan.render.pdf import PdfUnavailable, html_to_pdf, page_counter
from asplan.render.portfolio import PortfolioRow, portfolio_row, sort_rows
from asplan.render.sources import SourceError
from asplan.render.view import Audience, PlanView, build_view
from asplan.settings import DEFAULT_KPI_GRACE_DAYS, DEFAULT_MAX_FILE_BYTES, DEFAULT_WARN_DAYS

Format = Literal["html", "md", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "md", "pdf")
SUFFIX: dict[Format, str] = {"html": ".html", "md": ".md", "pdf": ".pdf"}


class RenderError(Exception):
    """A user-fixable problem (a plan that does not validate, a bad template): one line, exit 2."""


@dataclass(frozen=True)
class LoadedPlan:
    path: Path
    plan: Plan


@dataclass(frozen=True)
class RenderOptions:
    fmt: Format = "html"
    audience: Audience = "client"
    lang: str | None = None
    template_dir: Path | None = None
    warn_days: int = DEFAULT_WARN_DAYS
    kpi_grace_days: int = DEFAULT_KPI_GRACE_DAYS
    since: Baseline | None = None
    """``render --since``: the plans at that revision, for a "changes since" section."""
    health_weights: Mapping[str, float] | None = None
    """``[health]`` of the configuration (the defaults of :mod:`asplan.health` when ``None``)."""
    read_history: bool = True
    """Ask git whether the plan changed since its sign-off (internal audience). ``False``
    keeps a document independent of the repository's history (golden files)."""


def load_plan(path: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Plan:
    """A plan with no error (:mod:`asplan.plan_source`), or :class:`RenderError` naming its first error."""
    from asplan.plan_source import PlanRefused, Target, read_plan

    try:
        return read_plan(Target(str(path), explicit=True), max_bytes).require()
    except PlanRefused as exc:
        raise RenderError(str(exc)) from None


def _render(env: jinja2.Environment, name: str, **context: object) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name} not found (is --template-dir complete?)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"template {name}: {exc.message}") from None


def _paged(fmt: Format, t: Locale) -> dict[str, object]:
    """What the HTML templates add for paged output (PDF): the flag and the page counter's CSS."""
    if fmt != "pdf":
        return {"pdf": False}
    return {"pdf": True, "page_counter": Markup(page_counter(t("doc.page")))}


def render_view(view: PlanView, fmt: Format, template_dir: Path | None = None) -> str:
    """One plan's document text (for PDF, the HTML that WeasyPrint lays out)."""
    env = environment("md" if fmt == "md" else "html", template_dir)
    name = "md/plan.md.j2" if fmt == "md" else "html/plan.html.j2"
    return _render(env, name, v=view, t=view.t, **_paged(fmt, view.t))


def document_bytes(text: str, fmt: Format) -> bytes:
    """The file's content: the text in UTF-8, or for PDF the HTML printed on A4."""
    if fmt != "pdf":
        return text.encode("utf-8")
    try:
        return html_to_pdf(text)
    except PdfUnavailable as exc:
        raise RenderError(str(exc)) from None


def plan_view(plan: Plan, today: date, options: RenderOptions, source: Path | None = None) -> PlanView:
    """The view model, with SLA engine refusals turned into one-line errors."""
    since = None
    if options.since is not None and plan.account is not None and source is not None:
        since = (options.since, _changes_since(options.since, plan.account.id, source, options.audience))
    history = None
    if options.audience == "internal" and source is not None and options.read_history:
        from asplan.signoff import history_since, latest_signoff

        signoff = latest_signoff(plan)
        history = history_since(source, signoff) if signoff is not None else None
    try:
        return build_view(
            plan,
            today,
            audience=options.audience,
            lang=options.lang,
            source=source,
            warn_days=options.warn_days,
            kpi_grace_days=options.kpi_grace_days,
            since=since,
            health_weights=options.health_weights,
            signoff_history=history,
        )
    except SourceError as exc:
        raise RenderError(f"{source or 'plan'}: {exc}") from None


def _changes_since(baseline: Baseline, account: str, source: Path, audience: Audience) -> list[Change]:
    """The plan's changes since the baseline, compared as data (the file is read again for its raw data)."""
    from asplan.loading import LoadError, parse_yaml, read_text
    from asplan.plandiff import plan_changes

    try:
        data = parse_yaml(read_text(str(source))).data
    except LoadError as exc:  # it was read a moment ago: only a file changing under us gets here
        raise RenderError(f"{source}:{exc.line}: {exc.message}") from None
    return plan_changes(baseline, account, data, str(source), audience)


def render_plan(plan: Plan, today: date, options: RenderOptions, source: Path | None = None) -> str:
    """One plan's document text (HTML or Markdown; for PDF, the HTML it is printed from)."""
    return render_view(plan_view(plan, today, options, source), options.fmt, options.template_dir)


def render_plan_file(plan: Plan, today: date, options: RenderOptions, source: Path | None = None) -> bytes:
    """One plan's document as the bytes of its file, in any format."""
    return document_bytes(render_plan(plan, today, options, source), options.fmt)


def render_index(rows: Sequence[PortfolioRow], today: date, options: RenderOptions) -> str:
    """The portfolio page: one line per account, linking to each document."""
    t = locale(options.lang or _majority_language(rows))
    env = environment("md" if options.fmt == "md" else "html", options.template_dir)
    name = "md/index.md.j2" if options.fmt == "md" else "html/index.html.j2"
    return _render(
        env,
        name,
        rows=sort_rows(list(rows)),
        t=t,
        today=today,
        today_text=t.date(today),
        options=options,
        **_paged(options.fmt, t),
    )


def _majority_language(rows: Sequence[PortfolioRow]) -> str:
    langs = [r.lang for r in rows]
    return max(sorted(set(langs)), key=langs.count) if langs else "en"


def output_file(folder: Path, account_id: str, fmt: Format) -> Path:
    """``folder/<account id>.<suffix>``, refused if it would land outside ``folder``.

    The folder is resolved once per process and working directory (resolving walks every
    component of the path, which cost more than writing the document): a plain file name
    in a resolved folder is already resolved; a name that is a link, or is not a plain
    name, is resolved in full before the check.
    """
    root = _resolved_folder(str(folder), os.getcwd())
    target = root / f"{account_id}{SUFFIX[fmt]}"
    if target.parent != root or os.path.islink(target):
        target = target.resolve()
    if target.parent != root:
        raise RenderError(f"account id {account_id!r} would write outside {folder}")
    return target


@functools.lru_cache(maxsize=32)
def _resolved_folder(folder: str, cwd: str) -> Path:
    """``folder`` resolved (``cwd`` is part of the key: a relative folder depends on it)."""
    return Path(folder).resolve()


RENDER_CHUNK = 8
"""Plans a worker takes at a time: about 50 ms of work, so at the end no worker waits
long for another's last chunk (``check``'s 64 would be a third of a second)."""

FLUSH_THREADS = 4
"""Threads flushing staged documents to disk at once: the file system commits concurrent
flushes together, so a few in flight cost little more than one."""

FLUSH_LATER = os.name == "posix"
"""Whether staged documents are flushed by the caller (:func:`_render_all`) rather than
by the worker that wrote them. Only on POSIX: elsewhere a flush needs the file open for
writing, which a staged copy of a read-only document no longer allows."""


class Rendered(NamedTuple):
    """One plan of a portfolio render, its document staged beside its target."""

    account_id: str
    plan_file: Path
    target: Path
    staged: Path
    row: PortfolioRow


def _render_file(job: tuple[Path, date, RenderOptions, int, str]) -> Rendered:
    """Load, view, render and stage one plan: the unit of work of a (parallel) portfolio render.

    The document is written to a temporary file beside its target (in the worker, so
    the disk work is parallel too); the caller flushes it to disk and renames it into
    place only once every plan has rendered.
    """
    path, today, options, max_bytes, folder = job
    plan = load_plan(path, max_bytes)
    assert plan.account is not None
    view = plan_view(plan, today, options, path)
    target = output_file(Path(folder), plan.account.id, options.fmt)
    data = document_bytes(render_view(view, options.fmt, options.template_dir), options.fmt)
    try:
        staged = write_temporary(target, data, durable=not FLUSH_LATER)
    except OSError as exc:
        raise RenderError(f"{folder}: cannot write ({exc.strerror or exc})") from None
    return Rendered(plan.account.id, path, target, staged, portfolio_row(view, link=target.name))


def _warm_up(path: Path, today: date, options: RenderOptions, max_bytes: int) -> None:
    """Render one plan in this process and throw it away, before the workers are forked.

    A process's first plan builds pydantic's validators, imports the rules, the view's
    modules and the SLA engine, and loads Babel's locale data and the compiled
    templates: about 0.1 s. Paid here once, every forked worker inherits it instead of
    paying it again. Nothing is written and git is not asked (no ``--since``, no
    sign-off history); a plan that fails here fails again in its worker, which reports it.
    """
    with contextlib.suppress(Exception):
        view = plan_view(load_plan(path, max_bytes), today, replace(options, since=None, read_history=False), path)
        render_view(view, options.fmt, options.template_dir)


def _render_or_error(job: tuple[Path, date, RenderOptions, int, str]) -> Rendered | Exception:
    """Errors are handed back, not raised, so the caller still learns which documents
    were staged and can drop them."""
    try:
        with collected_after():
            return _render_file(job)
    except Exception as exc:
        return exc


def _render_all(work: list[tuple[Path, date, RenderOptions, int, str]], jobs: int) -> list[Rendered]:
    """Every plan rendered and staged durably, in input order; on any failure, nothing staged is left.

    Each staged document is flushed to disk from a thread as soon as its worker hands
    it back: a flush mostly waits for the disk, so it overlaps the rendering of the
    next plans instead of stalling a worker (a thousand flushes in the workers took
    about a quarter of a portfolio render's time).
    """
    from concurrent.futures import ThreadPoolExecutor

    outcomes: list[Rendered | Exception] = []
    try:
        with ThreadPoolExecutor(max_workers=FLUSH_THREADS) as flusher:
            flushes = []
            for outcome in ordered_map(_render_or_error, work, jobs, max_chunk=RENDER_CHUNK):
                outcomes.append(outcome)
                if FLUSH_LATER and not isinstance(outcome, Exception):
                    flushes.append(flusher.submit(flush_file, outcome.staged))
            failures = [o for o in outcomes if isinstance(o, Exception)]
            failures += [e for e in (f.exception() for f in flushes) if isinstance(e, Exception)]
            if failures:
                raise failures[0]
    except BaseException:
        for outcome in outcomes:
            if not isinstance(outcome, Exception):
                discard(outcome.staged)
        raise
    return [o for o in outcomes if not isinstance(o, Exception)]


def render_many(
    paths: Sequence[Path],
    today: date,
    options: RenderOptions,
    folder: Path,
    jobs: int = 1,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    force: bool = False,
) -> list[Path]:
    """One document per plan plus the index, renamed into place only once all are staged.

    A plan that does not validate, a template error or a full disk leaves the output
    folder as it was (a folder this call created is removed again).

    Plans are rendered in ``jobs`` processes; results are taken in path order, so the
    output never depends on ``jobs``.
    """
    created = not folder.exists()
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"{folder}: cannot write ({exc.strerror or exc})") from None
    staged: list[tuple[Path, Path]] = []
    try:
        if jobs > 1 and paths:
            _warm_up(paths[0], today, options, max_bytes)
        results = _render_all([(path, today, options, max_bytes, str(folder)) for path in paths], jobs)
        staged = [(r.staged, r.target) for r in results]
        seen: dict[str, Path] = {}
        for r in results:
            if r.account_id in seen:
                raise RenderError(f"{r.plan_file}: account id {r.account_id!r} is also used by {seen[r.account_id]}")
            seen[r.account_id] = r.plan_file
        index = output_file(folder, "index", options.fmt)
        if index in {target for _, target in staged}:
            raise RenderError(f"an account id 'index' would overwrite the portfolio page in {folder}")
        index_data = document_bytes(render_index([r.row for r in results], today, options), options.fmt)
        staged.append((write_temporary(index, index_data, durable=True), index))
        remove_stale_temporaries_in(index.parent, {t.name for _, t in staged}, keep=[tmp for tmp, _ in staged])
        for _, target in staged:
            refuse_to_replace_plan(target, force)
        for tmp, target in staged:
            commit(tmp, target)
    except BaseException as exc:
        for tmp, _ in staged:
            discard(tmp)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        if isinstance(exc, WouldReplacePlan):
            raise RenderError(str(exc)) from None
        if isinstance(exc, OSError):
            raise RenderError(f"{folder}: cannot write ({exc.strerror or exc})") from None
        raise
    sync_folder(folder)
    return [target for _, target in staged]


def plan_paths(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Path]:
    """The plan files among ``paths`` (folders searched recursively; named files must be plans)."""
    from asplan.plan_source import UsageError, find_plans

    try:
        found = [Path(target.path) for target in find_plans(paths, max_bytes)]
    except UsageError as exc:
        raise RenderError(str(exc)) from None
    if not found:
        raise RenderError(f"no plan found in {', '.join(paths)}")
    return found


def collect_plans(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[LoadedPlan]:
    """The plans among ``paths``, loaded (each must validate)."""
    return [LoadedPlan(path, load_plan(path, max_bytes)) for path in plan_paths(paths, max_bytes)]


def write_single(content: str | bytes, target: Path, force: bool = False) -> None:
    """One document to the file the user named, atomically (never over a plan unless ``force``)."""
    try:
        refuse_to_replace_plan(target, force)
        if target.parent and not target.parent.is_dir():
            raise RenderError(f"{target.parent}: no such folder")
        if isinstance(content, bytes):
            atomic_write_bytes(target, content)
        else:
            atomic_write_text(target, content)
    except WouldReplacePlan as exc:
        raise RenderError(str(exc)) from None
    except OSError as exc:
        raise RenderError(f"{target}: cannot write ({exc.strerror or exc})") from None
