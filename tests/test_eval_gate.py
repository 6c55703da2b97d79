"""The accuracy gate runs with the tests: a figure below its pinned floor fails."""

import sys
from pathlib import Path

import pytest

EVAL = Path(__file__).resolve().parents[1] / "eval"
sys.path.insert(0, str(EVAL))
import gate  # noqa: E402


def test_gate_refuses_a_regression():
    assert gate.regressions({"m": 0.5}, {"m": 0.9}) == ["m: 0.5 is below the floor 0.9"]
    assert gate.regressions({}, {"m": 0.9}) == ["m: not measured (floor 0.9)"]
    assert gate.regressions({"m": 0.95}, {"m": 0.9}) == []


@pytest.mark.gate
def test_every_pinned_floor_holds():
    if not gate.DATA.is_dir():
        pytest.skip(f"evaluation data not found at {gate.DATA}")
    figures = gate.measure(gate.DATA)
    assert gate.regressions(figures, gate.floors()) == []
