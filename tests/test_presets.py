"""Each preset (spec §7.2) has its sample plan in ``examples/presets/``, and reads the columns a tool exports.

The figures each sample gives through ``asplan sla`` are tested in tests/cli/test_sla_presets.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from asplan.model.events import Preset
from asplan.sla.presets import PRESETS

PRESET_PLANS = Path(__file__).resolve().parent.parent / "examples" / "presets"


@pytest.mark.parametrize("preset", list(Preset))
def test_every_preset_has_a_sample_and_a_plan(preset: Preset) -> None:
    plans = [p for p in PRESET_PLANS.glob("*.yaml") if f"preset: {preset.value}\n" in p.read_text(encoding="utf-8")]
    assert len(plans) == 1, preset
    spec = PRESETS[preset]
    assert {"id", "created", "resolved", "priority", "status"} <= set(spec.columns)
    assert spec.pause_on and set(spec.status_log_columns) == {"id", "at", "status"}
