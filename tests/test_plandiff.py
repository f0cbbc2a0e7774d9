"""The diff of `asplan diff` as data (spec §7.5): list comparison and the client's projection.

The command's tests, on a real git repository, are in tests/cli/test_diff.py.
"""

from __future__ import annotations

from asplan.plandiff import client_projection, diff_data

# ------------------------------------------------------------------------- the diff as data


def test_scalar_lists_compare_as_multisets_and_keys_fall_back() -> None:
    old = {
        "business": {"markets": ["ES", "PT"]}, "x": [{"a": 1}, {"a": 2}], "escalation": [{"level": 1, "after": "4h"}],
    }
    new = {
        "business": {"markets": ["PT", "ES"]}, "x": [{"a": 1}, {"a": 3}], "escalation": [{"level": 1, "after": "2h"}],
    }
    assert [(c.path, c.change, c.old, c.new) for c in diff_data(old, new, "acme")] == [
        ("x[1].a", "changed", 2, 3),
        ("escalation[1].after", "changed", "4h", "2h"),
    ]
    assert [c.path for c in diff_data({"m": ["ES"]}, {"m": ["ES", "ES"]}, "a")] == ["m"]
    assert diff_data({"f": True}, {"f": 1}, "a")[0].change == "changed"


def test_client_projection_drops_every_internal_field() -> None:
    data = {
        "asplan": 1,
        "selection": {"criteria": []},
        "handoff": {"date": "2026-01-01", "notes": "x"},
        "people": [{"id": "a", "influence": "high", "stance": "neutral", "x-crm": 4}],
        "actions": [{"id": "A", "notes": "y"}],
        "risks": [{"id": "R1", "audience": "client", "notes": "z"}, {"id": "R2"}],
        "x-private": {"a": 1},
    }
    assert client_projection(data) == {
        "asplan": 1,
        "people": [{"id": "a"}],
        "actions": [{"id": "A"}],
        "risks": [{"id": "R1", "audience": "client"}],
    }
    handoff = {**data, "handoff": {"date": "2026-01-01", "audience": "client", "notes": "x"}}
    assert client_projection(handoff)["handoff"] == {"date": "2026-01-01", "audience": "client"}
