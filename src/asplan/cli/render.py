"""``asplan render``: its options, as typer declares them (help, completion, errors).

The command runs in :mod:`asplan.cli.render_run`, which imports no typer: a plain
``asplan render PATHS -o DIR ...`` is parsed without typer by :mod:`asplan.cli.fast_path`
and runs the same function.
"""

from __future__ import annotations

from typing import Annotated

import typer

from asplan.cli.options import Paths
from asplan.cli.render_run import RenderArgs, run_render

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
    raise typer.Exit(
        run_render(
            RenderArgs(
                paths=paths,
                output_format=output_format,
                output=output,
                audience=audience,
                lang=lang,
                template_dir=template_dir,
                today_option=today_option,
                jobs=jobs,
                since=since,
                force=force,
            )
        )
    )
