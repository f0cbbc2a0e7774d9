"""The terms `asplan sla --set` reads (spec §7.9): SLA-ID.FIELD=VALUE, each term once.

The command's tests (what-if figures against an edited plan) are in tests/cli/test_sla_whatif.py.
"""

from __future__ import annotations

import pytest

from asplan.sla.whatif import TermChange, TermError, parse_change, parse_changes

# ------------------------------------------------------------------------ the parser


def test_parse_change_reads_dotted_ids_and_credit_fields() -> None:
    assert parse_change("SLA-4.credit.percent=3") == TermChange("SLA-4", "credit.percent", "3")
    assert parse_change("SLA.P1.target = <= 45m") == TermChange("SLA.P1", "target", "<= 45m")
    assert parse_change("x.credit.cap_percent=") == TermChange("x", "credit.cap_percent", "")
    assert parse_change("SLA-1.target=a=b") == TermChange("SLA-1", "target", "a=b")


def test_a_term_set_twice_is_refused() -> None:
    with pytest.raises(TermError, match=r"SLA-4.target is already set \(SLA-4.target=<= 9h\); give each term once"):
        parse_changes(["SLA-4.target=<= 9h", "SLA-4.target=<= 10h"])
