"""Load suggestions: a starting load from the bilateral parent, then double progression."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.adapters.orm import Exercise, Lifter, WorkoutSet
from tracker.adapters.repository import Repository
from tracker.adapters.unit_of_work import UnitOfWork
from tracker.domain.asymmetry import lsi, status_for, weaker_side
from tracker.domain.e1rm import best_estimate
from tracker.domain.errors import InvalidValue, NoBasis, TrackerError
from tracker.domain.loads import (
    COACHING_CUE,
    SessionSets,
    StartSuggestion,
    cap_weaker_side,
    equipment_key,
    increment_for,
    next_load,
    starting_load,
)
from tracker.domain.model import Laterality, SetSpec, Side
from tracker.domain.units import Unit, as_number, convert, format_load, round_display
from tracker.services.catalog import resolve_exercise
from tracker.services.lifters import current_lifter

# How many recent sessions the progression looks at (two are needed for the step-down rule).
PROGRESSION_SESSIONS = 3


def exercise_increment(repo: Repository, exercise: Exercise, unit: Unit) -> Decimal:
    """The exercise's own step when set in this unit, else the gym-wide one, else the default."""
    if exercise.increment is not None and exercise.increment_unit == unit.value:
        return exercise.increment
    override = repo.setting(f"increment.{equipment_key(exercise.equipment)}.{unit.value}")
    return increment_for(exercise.equipment, unit, Decimal(override) if override else None)


def parse_basis(text: str) -> SetSpec:
    """--basis 150, 150kg or 330lb: a load with an optional unit."""
    from tracker.domain.specs import parse_spec

    try:
        specs = parse_spec(f"1x{text.strip()}")
    except TrackerError:
        specs = []
    if len(specs) != 1 or specs[0].load is None:
        raise InvalidValue(f'can\'t read --basis "{text}": give a load such as 150 or 330lb')
    return specs[0]


def suggest(
    uow: UnitOfWork, lifter_name: str | None, query: str, basis: SetSpec | None = None
) -> dict[str, Any]:
    """The `tracker suggest` answer, in its JSON shape."""
    with uow:
        repo = uow.repo
        lifter = current_lifter(repo, lifter_name)
        unit = Unit(lifter.unit)
        exercise = resolve_exercise(repo, query)
        history = repo.recent_working_sets(lifter, exercise, PROGRESSION_SESSIONS)
        if history and basis is None:
            answer = progression(repo, exercise, history, working_unit(history, unit))
        else:
            answer = start(repo, lifter, exercise, unit, basis)
        uow.commit()
        return answer


def _empty_answer(exercise: Exercise, unit: Unit, kind: str) -> dict[str, Any]:
    return {
        "exercise": exercise.name, "unit": unit.value, "kind": kind, "basis": None,
        "ratio": None, "sled": None, "range": None, "suggested": None, "sides": None,
        "rationale": "",
    }  # fmt: skip


def start(
    repo: Repository, lifter: Lifter, exercise: Exercise, unit: Unit, basis: SetSpec | None
) -> dict[str, Any]:
    parent = exercise.parent
    if parent is None or exercise.ratio_low is None or exercise.ratio_high is None:
        situation = "a start from --basis needs" if basis else "it has no history and no"
        raise NoBasis(
            f"{exercise.name}: {situation} bilateral parent with a ratio; link one: "
            f'tracker exercises edit "{exercise.name}" --parent "..." --ratio 0.4-0.5'
        )
    if basis is not None:
        basis_load = basis.load or Decimal(0)
        basis_unit, basis_reps, basis_date = basis.unit or unit, None, None
    else:
        top = repo.latest_top_set(lifter, parent)
        if top is None:
            raise NoBasis(
                f"no working sets of {parent.name} yet to start {exercise.name} from: log "
                f"{parent.name} first, or give --basis LOAD (a {parent.name} working weight "
                "you know)"
            )
        basis_load, basis_unit = top.load, Unit(top.unit)
        basis_reps, basis_date = top.reps, top.performed_at.astimezone().date()
    sled = machine_sled(exercise, unit)
    result = starting_load(
        basis_load, basis_unit, (exercise.ratio_low, exercise.ratio_high),
        exercise_increment(repo, exercise, unit), unit, sled,
    )  # fmt: skip
    answer = _empty_answer(exercise, unit, "start")
    answer.update(
        basis={
            "exercise": parent.name,
            "load": as_number(basis_load),
            "unit": basis_unit.value,
            "reps": basis_reps,
            "date": basis_date.isoformat() if basis_date else None,
        },
        ratio=[as_number(exercise.ratio_low), as_number(exercise.ratio_high)],
        sled=None if sled is None else as_number(round_display(sled)),
        range=[as_number(result.low), as_number(result.high)],
        suggested=as_number(result.suggested),
        increment=as_number(result.increment),
        rationale=start_rationale(exercise, parent.name, result, basis_date),
    )
    if exercise.laterality != Laterality.BILATERAL.value:
        target = exercise.rep_low
        answer["sides"] = {
            side.value: {"load": as_number(result.suggested), "reps_target": target}
            for side in Side
        }
    return answer


def machine_sled(exercise: Exercise, unit: Unit) -> Decimal | None:
    """The carriage weight, from the exercise or its parent machine, in `unit`."""
    for source in (exercise, exercise.parent):
        if source is not None and source.sled is not None and source.sled_unit:
            return convert(source.sled, Unit(source.sled_unit), unit)
    return None


def start_rationale(
    exercise: Exercise, parent: str, result: StartSuggestion, basis_date: date | None
) -> str:
    unit = result.unit.value
    low, high = f"{result.ratio_low * 100:.0f}", f"{result.ratio_high * 100:.0f}"
    basis = f"{format_load(result.basis_load)} {result.basis_unit.value}"
    base_in_unit = convert(result.basis_load, result.basis_unit, result.unit)
    if result.sled:
        sled = format_load(result.sled)
        how = (
            f"with the {sled} {unit} sled counted, {low}-{high}% of "
            f"({format_load(base_in_unit)} + {sled} {unit}) minus the sled is "
            f"{format_load(result.raw_low)}-{format_load(result.raw_high)} {unit}"
        )
    else:
        span = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
        how = f"{low}-{high}% of that is {span} {unit}"
    source = (
        f"Your {parent} top working set was {basis} on {basis_date.isoformat()}"
        if basis_date
        else f"You gave a {parent} working weight of {basis}"
    )
    return (
        f"{source}; {how}. Rounded down to the "
        f"{format_load(result.increment)} {unit} steps of the equipment, start at the low end, "
        f"{format_load(result.suggested)} {unit}, to allow for the balance demand of one side."
    )


def _sessions_by_side(
    rows: list[WorkoutSet], unit: Unit, ignore_sides: bool = False
) -> dict[Side | None, list[SessionSets]]:
    grouped: dict[Side | None, dict[int, list[tuple[int, Decimal]]]] = defaultdict(dict)
    dates: dict[int, date] = {}
    for row in rows:
        side = Side(row.side) if row.side and not ignore_sides else None
        grouped[side].setdefault(row.session_id, []).append(
            (row.reps, convert(row.load, Unit(row.unit), unit))
        )
        dates.setdefault(row.session_id, row.performed_at.astimezone().date())
    order = sorted(dates, key=lambda sid: (dates[sid], sid))
    return {
        side: [SessionSets(dates[sid], sessions[sid]) for sid in order if sid in sessions]
        for side, sessions in grouped.items()
    }


def working_unit(rows: list[WorkoutSet], default: Unit) -> Unit:
    """The unit the lifter loads this exercise in: that of the latest session's sets.

    Progressing in that unit keeps every suggestion a load the equipment can make (40 kg + one
    5 kg step is 45 kg, not 98.18 lb); a session that mixed units falls back to the default.
    """
    latest = rows[-1].session_id
    units = {row.unit for row in rows if row.session_id == latest}
    return Unit(units.pop()) if len(units) == 1 else default


def progression(
    repo: Repository, exercise: Exercise, rows: list[WorkoutSet], unit: Unit
) -> dict[str, Any]:
    increment = exercise_increment(repo, exercise, unit)
    rep_range = (exercise.rep_low, exercise.rep_high)
    per_side = _sessions_by_side(rows, unit)
    answer = _empty_answer(exercise, unit, "progression")
    answer["increment"] = as_number(increment)
    if exercise.laterality == Laterality.BILATERAL.value or set(per_side) == {None}:
        history = per_side.get(None) or _sessions_by_side(rows, unit, ignore_sides=True)[None]
        step = next_load(history, rep_range, increment, unit)
        answer.update(suggested=as_number(step.load), reps_target=step.reps_target,
                      rationale=step.reason)  # fmt: skip
        return answer
    steps = {
        side: next_load(per_side[side], rep_range, increment, unit)
        for side in Side
        if per_side.get(side)
    }
    if len(steps) < 2:
        side, step = next(iter(steps.items()))
        answer["sides"] = {
            side.value: {"load": as_number(step.load), "reps_target": step.reps_target}
        }
        answer["rationale"] = f"{side.value.capitalize()}: {step.reason} Log the other side too."
        return answer
    left_best, right_best = (best_estimate(per_side[s][-1].sets) for s in (Side.LEFT, Side.RIGHT))
    weaker = weaker_side(left_best, right_best)
    left, right = cap_weaker_side(steps[Side.LEFT], steps[Side.RIGHT], weaker)
    answer["sides"] = {
        "left": {"load": as_number(left.load), "reps_target": left.reps_target},
        "right": {"load": as_number(right.load), "reps_target": right.reps_target},
    }
    loads = {step.load for step in (left, right)}
    answer["suggested"] = as_number(loads.pop()) if len(loads) == 1 else None
    index = lsi(left_best, right_best)
    status = status_for(index) if index is not None else None
    parts = [f"Left: {left.reason}", f"Right: {right.reason}"]
    if status is not None and status.value in ("watch", "imbalanced") and weaker is not None:
        parts.append(
            f"Last session the {weaker.value} side was weaker "
            f"(LSI {index:.1f}, {status.value}). {COACHING_CUE}"
        )
        answer["cue"] = COACHING_CUE
    answer["rationale"] = " ".join(parts)
    return answer


def suggest_start_line(uow: UnitOfWork, lifter_name: str | None, exercise: str) -> str | None:
    """One line for `tracker log`: the start a lifter would have been suggested, if any."""
    try:
        with uow:
            repo = uow.repo
            lifter = current_lifter(repo, lifter_name)
            found = resolve_exercise(repo, exercise)
            unit = Unit(lifter.unit)
            answer = start(repo, lifter, found, unit, None)
    except TrackerError:  # a hint must never fail the command that stored the sets
        return None
    return (
        f"Suggested start from {answer['basis']['exercise']}: {answer['suggested']} {unit.value} "
        f"per side (range {answer['range'][0]}-{answer['range'][1]}; tracker suggest for why)."
    )
