"""Figures that never round across their threshold (spec §7.6, "honest numbers").

A document that prints "99.9 %" next to "breached" against a target of ">= 99.9 %"
makes the reader distrust every other figure in it: the value was 99.89999, and
two decimals rounded it onto the threshold. So a figure shown beside a threshold
gets as many decimals as it takes for the *shown* value to compare with the
threshold exactly as the real value does (99.89999 keeps five), and never fewer
than the usual two. Rounding is half-even, the rule the formatter applies, on
``Decimal``: a float would make "as many decimals as needed" depend on binary noise.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final, Literal

Op = Literal[">=", ">", "<=", "<", "=="]

# Beyond this many decimals a figure is shown exactly as computed (a repeating share
# like 2/3 of events has 26 decimals at Decimal's precision; no reader needs more).
MAX_DIGITS: Final = 12


def as_decimal(value: Decimal | float | int) -> Decimal:
    """A float as the text it prints as (99.9 is 99.9, not 99.900000000000005684...)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def compare(value: Decimal, op: Op, threshold: Decimal) -> bool:
    """``value op threshold``."""
    if op == ">=":
        return value >= threshold
    if op == ">":
        return value > threshold
    if op == "<=":
        return value <= threshold
    if op == "<":
        return value < threshold
    return value == threshold


def rounded(value: Decimal, digits: int) -> Decimal:
    """``value`` rounded half-even to ``digits`` decimals (what the reader sees)."""
    return value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)


def decimals(value: Decimal) -> int:
    """How many decimals ``value`` has once trailing zeros are dropped (0 for whole numbers)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def honest_digits(value: Decimal, op: Op, threshold: Decimal, digits: int = 2) -> int:
    """The fewest decimals (at least ``digits``) at which ``value`` shown still compares
    with ``threshold`` as ``value`` itself does.

    Past :data:`MAX_DIGITS` the value is shown with all its decimals, which always
    compares truly (rounding to a value's own precision changes nothing).
    """
    truth = compare(value, op, threshold)
    exact = decimals(value)
    for candidate in range(digits, min(exact, MAX_DIGITS) + 1):
        if compare(rounded(value, candidate), op, threshold) == truth:
            return candidate
    return max(digits, exact)
