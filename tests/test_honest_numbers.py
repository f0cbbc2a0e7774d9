"""A displayed value never rounds across its threshold (spec §7.6): property and examples."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from asplan.render.i18n import locale
from asplan.render.numbers import Op, compare, honest_digits, rounded

OPS: list[Op] = [">=", ">", "<=", "<", "=="]
decimals = st.decimals(min_value=-1000, max_value=1000, places=8, allow_nan=False, allow_infinity=False)


@given(value=decimals, threshold=decimals, op=st.sampled_from(OPS), minimum=st.integers(0, 3))
def test_the_shown_value_is_on_the_same_side_of_the_threshold(
    value: Decimal, threshold: Decimal, op: Op, minimum: int
) -> None:
    digits = honest_digits(value, op, threshold, minimum)
    assert digits >= minimum
    assert compare(rounded(value, digits), op, threshold) == compare(value, op, threshold)
    # and no more decimals than needed: one fewer (still at least the minimum) would lie
    if digits > minimum:
        assert compare(rounded(value, digits - 1), op, threshold) != compare(value, op, threshold)


@pytest.mark.parametrize(
    ("value", "op", "threshold", "shown"),
    [
        ("99.89999", ">=", "99.9", "99.89999%"),  # the case: not "99.9% breached"
        ("99.90001", ">", "99.9", "99.90001%"),
        ("99.90001", ">=", "99.9", "99.9%"),  # met, and 99.9 is met too: two decimals are honest
        ("99.62", ">=", "99.8", "99.62%"),
        ("30.004", "<=", "30", "30.004%"),
        ("94.996", ">=", "95", "94.996%"),
    ],
)
def test_figures_keep_the_decimals_that_show_the_breach(value: str, op: Op, threshold: str, shown: str) -> None:
    assert locale("en").figure(Decimal(value), "%", against=(op, Decimal(threshold))) == shown


def test_a_share_short_of_all_never_shows_as_100_percent() -> None:
    en, es = locale("en"), locale("es")
    assert en.percent(0.996) == "99.6%"
    assert en.percent(0.99999) == "99.999%"
    assert en.percent(1) == "100%" and en.percent(0.62) == "62%"
    assert en.percent(0.004) == "0.4%"
    assert es.percent(Decimal("0.9989999")) == "99,9\xa0%"  # short of all: one decimal says so
    assert es.figure(Decimal("99.89999"), "%", against=(">=", Decimal("99.9"))) == "99,89999\xa0%"
