"""``asplan schema``: the JSON Schema of the plan format, for editors."""

from __future__ import annotations

from typing import Annotated

import typer

from asplan.cli.common import FORCE_OUTPUT_HELP, write_output


def schema(
    output: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE", help="Write the schema to FILE (default: stdout).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_OUTPUT_HELP)] = False,
) -> None:
    """Print the JSON Schema (2020-12) of the plan format, for editor autocompletion and validation."""
    from asplan.schema import schema_json

    write_output(schema_json(), output, force)
