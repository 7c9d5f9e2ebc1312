"""gym_state.targets: stored as JSON, handed to the services as typed session targets.

The stored shape, one entry per exercise name (as written since migration 0005, so the rows of
sessions open before an upgrade still load):

    {"target": {"kind": "start"|"progression", "unit": "kg"|"lb",
                "sides": {"left"|"right"|"both": ["LOAD", reps] | ["LOAD", reps, "kg"|"lb"]}}
               | null,
     "cue": "..." | null}

or, when suggest had no answer, ``{"target": null, "no_target": "why"}``. A bodyweight target
adds ``"bodyweight": true`` to its target (absent: false); when only some sides are on body
weight (one side BW+10, the other a plain load), ``"bodyweight_sides": ["left"|"right"]``
names them instead. Loads are strings, kept exact; a side whose unit is not the target's
(sides last logged in different units) adds it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Dialect
from sqlalchemy.types import TypeDecorator

from tracker.domain.model import Side
from tracker.domain.units import Unit

if TYPE_CHECKING:  # imported when a row is read (the gym), not by every command (start-up)
    from tracker.domain.routines import SessionTarget, Target

BOTH = "both"  # the key of a bilateral target's only entry


def target_to_json(target: Target) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": target.kind,
        "unit": target.unit.value,
        "sides": {
            (side.value if side else BOTH): [str(each.load), each.reps]
            + ([each.unit.value] if each.unit is not None and each.unit is not target.unit else [])
            for side, each in target.sides.items()
        },
    }
    if target.bodyweight:
        data["bodyweight"] = True
    own = [side.value for side, each in target.sides.items() if side and each.bodyweight]
    if own and not target.bodyweight:
        data["bodyweight_sides"] = own
    return data


def target_from_json(data: dict[str, Any]) -> Target:
    from tracker.domain.routines import SideTarget, Target

    on_bodyweight = data.get("bodyweight_sides", [])
    sides = {
        (None if key == BOTH else Side(key)): SideTarget(
            Decimal(load), int(reps), Unit(own[0]) if own else None, key in on_bodyweight
        )
        for key, (load, reps, *own) in data["sides"].items()
    }
    return Target(data["kind"], Unit(data["unit"]), sides, bool(data.get("bodyweight")))


def session_target_to_json(stored: SessionTarget) -> dict[str, Any]:
    if stored.no_target is not None:
        return {"target": None, "no_target": stored.no_target}
    target = None if stored.target is None else target_to_json(stored.target)
    return {"target": target, "cue": stored.cue}


def session_target_from_json(data: dict[str, Any]) -> SessionTarget:
    from tracker.domain.routines import SessionTarget

    target = data.get("target")
    return SessionTarget(
        target=target_from_json(target) if target else None,
        cue=data.get("cue"),
        no_target=data.get("no_target"),
    )


class SessionTargets(TypeDecorator["dict[str, SessionTarget]"]):
    """The column type of gym_state.targets: a JSON object of session targets by exercise."""

    impl = JSON
    cache_ok = True

    def process_bind_param(
        self, value: dict[str, SessionTarget] | None, dialect: Dialect
    ) -> dict[str, Any] | None:
        if value is None:
            return None
        return {name: session_target_to_json(stored) for name, stored in value.items()}

    def process_result_value(
        self, value: dict[str, Any] | None, dialect: Dialect
    ) -> dict[str, SessionTarget] | None:
        if value is None:
            return None
        return {name: session_target_from_json(data) for name, data in value.items()}
