"""``asplan rules [CODE]``: the rule documentation, from the rules' docstrings."""

from __future__ import annotations

from typing import Annotated

import typer

from asplan.cli.common import fail, write_output

FORMATS = ("text", "markdown")


def rules(
    code: Annotated[str | None, typer.Argument(help="A rule code (ASP302) or prefix (ASP3).")] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or markdown.")] = "text",
) -> None:
    """List the rules, or print the documentation of one rule or prefix."""
    from asplan.cli.choices import among
    from asplan.rules.registry import RULES
    from asplan.rules_doc import rule_page, rules_table

    among("--format", output_format, FORMATS, listing="or")
    if code is None:
        write_output(rules_table(list(RULES.values()), markdown=output_format == "markdown"), None)
        return
    chosen = [r for c, r in RULES.items() if c.startswith(code.upper())]
    if not chosen:
        fail(f"{code}: no rule has this code (see 'asplan rules')")
    write_output("\n\n".join(rule_page(r) for r in chosen), None)
