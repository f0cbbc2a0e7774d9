"""The cross-plan rules, importable without the registry.

A warm ``check`` takes every file's findings from the result cache, but rules over
the whole run (ASP204, an account id used twice) run every time on what each file
claimed. Importing them through :mod:`asplan.rules.registry` would import every rule
module and the models, most of a warm run's time; so they are listed here too, and a
test holds this list equal to the registry's rules of scope ``portfolio``.
"""

from __future__ import annotations

import importlib

from asplan.rules.base import Rule

PORTFOLIO_MODULES: tuple[str, ...] = ("asp204_account_id_taken",)


def portfolio_rules() -> list[Rule]:
    """Rules over every plan of a run at once (``check_portfolio``), in code order."""
    rules = [Rule.from_module(importlib.import_module(f"asplan.rules.{name}")) for name in PORTFOLIO_MODULES]
    return [rule for rule in rules if rule.check_portfolio is not None]
