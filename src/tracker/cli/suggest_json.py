"""The `tracker suggest --json` shape (README "Load suggestions"), from the typed answer.

Loads are exact JSON numbers (60, 61.25), not rounded: they are loads to put on the bar.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.cli.report_json import lsi_num
from tracker.domain.units import Unit, as_number

if TYPE_CHECKING:
    from tracker.domain.asymmetry import Judgement
    from tracker.domain.suggestion import Basis
    from tracker.services.suggest import SideTarget, Suggestion


def num(value: Decimal | None) -> int | float | None:
    return None if value is None else as_number(value)


def basis_json(basis: Basis | None) -> dict[str, Any] | None:
    if basis is None:
        return None
    data: dict[str, Any] = {
        "exercise": basis.exercise,
        "load": num(basis.load),
        "unit": basis.unit.value,
        "reps": basis.reps,
        "date": basis.date.isoformat() if basis.date else None,
    }
    if basis.instead_of is not None:  # a related lift stood in for the parent
        data.update(instead_of=basis.instead_of, factor=num(basis.factor))
    if basis.bodyweight:  # the load was added to this body weight (BW+20)
        data.update(bodyweight=True, body_weight=num(basis.body_weight))
    if basis.over is not None:  # a carry's distance or time
        data["over"] = basis.over
    return data


def side_json(target: SideTarget, unit: Unit) -> dict[str, Any]:
    data: dict[str, Any] = {
        "load": num(target.load),
        "total": num(target.total),
        "reps_target": target.reps_target,
    }
    if target.unit is not None and target.unit is not unit:  # this side's own unit
        data["unit"] = target.unit.value
    if target.bodyweight:  # this side's load is added to body weight (BW+10; BW-20 assisted)
        data["bodyweight"] = True
    return data


def suggestion_json(answer: Suggestion) -> dict[str, Any]:
    """Every documented key in its documented order; the optional ones only when they apply."""
    convention = answer.convention
    data: dict[str, Any] = {
        "exercise": answer.exercise,
        "unit": answer.unit.value,
        "kind": answer.kind,
        "basis": basis_json(answer.basis),
        "ratio": None if answer.ratio is None else [num(r) for r in answer.ratio],
        "sled": num(answer.sled),
        "range": None if answer.range is None else [num(r) for r in answer.range],
        "suggested": num(answer.suggested),
        "sides": None
        if answer.sides is None
        else {side.value: side_json(target, answer.unit) for side, target in answer.sides.items()},
        "rationale": answer.rationale,
        "per": convention.per.value,
        "implements": convention.implements,
        "total": num(answer.total),
        "implement": convention.implement_name or None,
    }
    if answer.ratio_of is not None:
        data["ratio_of"] = answer.ratio_of
    data["increment"] = num(answer.increment)
    if answer.reps_target is not None:
        data["reps_target"] = answer.reps_target
    if answer.cue is not None:
        data["cue"] = answer.cue
    if answer.last_session is not None:
        data["imbalance"] = imbalance_json(answer.last_session)
    if answer.bodyweight:
        data["bodyweight"] = True
    if answer.lightest is not None:  # below what the equipment makes (step, sled, bar ...)
        data["lightest"] = answer.lightest
    if answer.inside is not None:  # a start: whether it lies inside the ratio's band
        data["inside"] = answer.inside
    if answer.over is not None:  # a carry's start: as far or as long as the parent's set
        data["over"] = answer.over
    return data


def imbalance_json(last: Judgement) -> dict[str, Any]:
    """The figure behind the cue, as `report imbalance` gives a session's: its scope named."""
    return {
        "scope": "last_session",
        "date": None if last.first is None else last.first.isoformat(),
        "lsi": lsi_num(last.lsi, last.involved is not None),
        "status": None if last.status is None else last.status.value,
        "weaker_side": None if last.weaker_side is None else last.weaker_side.value,
        "involved": None if last.involved is None else last.involved.value,
    }
