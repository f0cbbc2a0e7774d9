"""verify_edit (spec §7.4), the core every write-back ends with: an edited text is refused
when it would not validate or does not read back as intended.

The commands (`asplan done`, `measure`, `touch`) are tested in tests/cli/test_writeback.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from writeback_plans import BLOCK


def test_the_core_refuses_a_result_that_would_not_validate_or_read_back() -> None:
    """verify_edit, which every write-back ends with: the two ways an edited text is refused."""
    from asplan.edit import EditError, valid_plan, verify_edit

    _, data = valid_plan(BLOCK)

    def set_status(value: str) -> Callable[[Any], None]:
        def change(d: Any) -> None:
            d["actions"][1]["status"] = value

        return change

    bad = BLOCK.replace("    due: 2026-12-15\n", "    due: 2026-12-15\n    status: finished\n")
    refusal = r"^the plan would not validate after this change \(ASP102 actions\[1\]\.status"
    with pytest.raises(EditError, match=refusal):
        verify_edit(data, bad, set_status("finished"))
    with pytest.raises(EditError, match="did not read back as intended; nothing was written"):
        verify_edit(data, bad.replace("# ACME's plan", "# ACME's plan\nx-extra: 1"), set_status("finished"))
    good = bad.replace("finished", "done")
    plan = verify_edit(data, good, set_status("done"))
    assert plan.actions[1].status.value == "done"
