"""gym_state.targets as stored: the JSON of every earlier release reads back and is written
again unchanged, and a bodyweight target adds only its flag."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tracker.adapters.gym_targets import session_target_from_json, session_target_to_json
from tracker.domain.model import Side
from tracker.domain.routines import SessionTarget, SideTarget, Target
from tracker.domain.units import Unit

# As gym mode has written them since revision 0005.
STORED: list[dict[str, Any]] = [
    {"target": {"kind": "progression", "unit": "kg", "sides": {"both": ["57.5", 7]}}, "cue": None},
    {
        "target": {"kind": "start", "unit": "lb", "sides": {"left": ["90", 8], "right": ["85", 8]}},
        "cue": "Start each set with your weaker side and match its reps on the stronger side.",
    },
    {"target": None, "cue": None},
    {"target": None, "no_target": "Bench Press has no history yet: log a session first"},
]


@pytest.mark.parametrize("stored", STORED)
def test_stored_targets_read_back_and_are_written_unchanged(stored: dict[str, Any]) -> None:
    assert session_target_to_json(session_target_from_json(stored)) == stored


def test_stored_target_reads_as_typed_values() -> None:
    start = session_target_from_json(STORED[1])
    assert start.target == Target(
        "start",
        Unit.LB,
        {Side.LEFT: SideTarget(Decimal(90), 8), Side.RIGHT: SideTarget(Decimal(85), 8)},
    )
    assert start.cue is not None and start.no_target is None
    assert session_target_from_json(STORED[3]).no_target == STORED[3]["no_target"]


def test_a_bodyweight_target_adds_its_flag() -> None:
    assisted = Target("progression", Unit.KG, {None: SideTarget(Decimal("-17.5"), 9)}, True)
    stored = session_target_to_json(SessionTarget(assisted))
    assert stored == {
        "target": {"kind": "progression", "unit": "kg", "sides": {"both": ["-17.5", 9]},
                   "bodyweight": True},
        "cue": None,
    }
    assert session_target_from_json(stored).target == assisted


def test_a_side_on_body_weight_alone_is_named() -> None:
    """One side BW+10, the other a plain load: the target is not on body weight, that side is
    (``bodyweight_sides``); a target on body weight on every side is stored as before."""
    mixed = Target("progression", Unit.LB, {
        Side.LEFT: SideTarget(Decimal(175), 10),
        Side.RIGHT: SideTarget(Decimal(10), 10, None, True),
    })
    stored = session_target_to_json(SessionTarget(mixed))
    assert stored == {
        "target": {"kind": "progression", "unit": "lb",
                   "sides": {"left": ["175", 10], "right": ["10", 10]},
                   "bodyweight_sides": ["right"]},
        "cue": None,
    }
    back = session_target_from_json(stored).target
    assert back == mixed
    assert back is not None and (back.on_bodyweight(Side.LEFT), back.on_bodyweight(Side.RIGHT)) == (
        False, True,
    )
