"""Spec §3 selection score: sum(weight x score) / sum(weight), two decimals."""

from __future__ import annotations

from decimal import Decimal

from asplan.model.business import Selection


def test_score_of_the_acme_criteria() -> None:
    rows = [("a", 30, 5), ("b", 20, 3), ("c", 20, 4), ("d", 15, 4), ("e", 15, 5)]
    selection = Selection.model_validate({"criteria": [{"name": n, "weight": w, "score": s} for n, w, s in rows]})
    # (150 + 60 + 80 + 60 + 75) / 100
    assert selection.total_weight() == Decimal(100)
    assert selection.score() == Decimal("4.25")


def test_weights_not_summing_to_100_still_average_and_round_to_cents() -> None:
    selection = Selection.model_validate(
        {"criteria": [{"name": "a", "weight": 1, "score": 5}, {"name": "b", "weight": 2, "score": 4}]}
    )
    assert selection.total_weight() == Decimal(3)
    assert selection.score() == Decimal("4.33")  # 13 / 3


def test_no_weight_has_no_score() -> None:
    assert Selection.model_validate({"criteria": [{"name": "a", "weight": 0, "score": 3}]}).score() is None
    assert Selection().score() is None
