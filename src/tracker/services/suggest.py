"""Load suggestions: a starting load from the bilateral parent, then double progression."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.adapters.orm import Exercise, Lifter, WorkoutSet
from tracker.adapters.repository import AbstractRepository, TopSet
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import Judgement
from tracker.domain.bodyweight import body_weight_at
from tracker.domain.equipment import Equipment, equipment_key
from tracker.domain.errors import InvalidValue, NoBasis, TrackerError
from tracker.domain.load_convention import (
    RELATED_BASES,
    ConvertedStart,
    LoadConvention,
    LoadPer,
    RelatedBasis,
    describe_load,
    start_for_variant,
)
from tracker.domain.loads import (
    COACHING_CUE,
    Lightest,
    LoadLabel,
    ProgressionStep,
    SessionSets,
    cap_weaker_side,
    cue_text,
    increment_for,
    needs_cue,
    next_load,
    round_down,
)
from tracker.domain.model import Laterality, SetSpec, Side
from tracker.domain.report_figures import last_session
from tracker.domain.units import Unit, convert, format_load, plain, round_display
from tracker.services.catalog import exercise_convention, resolve_exercise
from tracker.services.figures import exercise_figures, lifter_facts
from tracker.services.lifters import current_lifter

# How many recent sessions the progression looks at (two are needed for the step-down rule).
PROGRESSION_SESSIONS = 3


@dataclass(frozen=True)
class SideTarget:
    load: Decimal  # in the unit the lifter logs: per implement for dumbbells
    total: Decimal  # the total external load
    reps_target: int
    unit: Unit | None = None  # the unit this side was last logged in (None: the answer's)


@dataclass(frozen=True)
class Basis:
    exercise: str
    load: Decimal  # as logged (or given)
    unit: Unit
    reps: int | None
    date: date | None
    instead_of: str | None = None  # the parent a related lift stands in for
    factor: Decimal | None = None


@dataclass
class Suggestion:
    """The `tracker suggest` answer (cli/suggest_json.py gives its documented JSON shape)."""

    exercise: str
    unit: Unit
    kind: str  # start or progression
    convention: LoadConvention
    increment: Decimal
    basis: Basis | None = None
    ratio: tuple[Decimal, Decimal] | None = None
    ratio_of: str | None = None  # implement or total, for a start
    sled: Decimal | None = None
    range: tuple[Decimal, Decimal] | None = None
    suggested: Decimal | None = None
    sides: dict[Side, SideTarget] | None = None
    rationale: str = ""
    reps_target: int | None = None  # a bilateral progression
    cue: str | None = None
    # The latest session with both sides, as `report imbalance` judges it (scope
    # "last_session"): the cue and the weaker side's cap come from it.
    last_session: Judgement | None = None
    # Loads are added to body weight (BW+10 kg; negative is assisted: BW-20 kg).
    bodyweight: bool = False
    # A start whose share rounded down to nothing: "step", "bodyweight" or "sled" (the
    # lightest start the equipment allows; loads.lightest_start).
    lightest: Lightest | None = None
    # A two-sided progression's steps before the weaker side's cap (with_last_session).
    steps: dict[Side, SideStep] | None = None

    @property
    def total(self) -> Decimal | None:
        return None if self.suggested is None else self.convention.total(self.suggested)


def exercise_increment(
    repo: AbstractRepository, exercise: Exercise, unit: Unit, equipment: str | None = None
) -> Decimal:
    """The exercise's own step when set in this unit, else the gym-wide one of its equipment
    (or of ``equipment``), else the default."""
    if exercise.increment is not None and exercise.increment_unit == unit.value:
        return exercise.increment
    kind = equipment_key(equipment or exercise.equipment)
    override = repo.setting(f"increment.{kind}.{unit.value}")
    return increment_for(kind, unit, Decimal(override) if override else None)


def assisted_increment(repo: AbstractRepository, exercise: Exercise, unit: Unit) -> Decimal:
    """The step of an assisted machine's counterweight: the exercise's own step when set,
    else that of a machine stack (tracker config set increment.machine), as on other machines.

    The bodyweight step (1 kg) is for plates on a dip belt; an assistance stack moves in plates.
    """
    return exercise_increment(repo, exercise, unit, Equipment.MACHINE)


def latest_body_weight(
    uow: AbstractUnitOfWork, lifter: Lifter, rows: list[WorkoutSet], unit: Unit
) -> Decimal | None:
    """The body weight at the latest bodyweight session, in ``unit`` (None if never weighed):
    with it a bodyweight progression knows the mass moved."""
    if not logged_as_bodyweight(rows):
        return None
    weighed = body_weight_at(uow.body_weights().of_lifter(lifter.id), rows[-1].performed_at)
    return None if weighed is None else convert(weighed.weight, weighed.unit, unit)


def parse_basis(text: str) -> SetSpec:
    """--basis 150, 150kg or 330lb: a load with an optional unit."""
    from tracker.domain.specs import parse_spec

    try:
        specs = parse_spec(f"1x{text.strip()}")
    except InvalidValue as error:  # read, but out of range: that is the message
        raise InvalidValue(f"--basis: {str(error).replace(', e.g. 10x60', '')}") from None
    except TrackerError:
        specs = []
    if len(specs) != 1 or specs[0].load is None or specs[0].bodyweight:
        raise InvalidValue(f'can\'t read --basis "{text}": give a load such as 150 or 330lb')
    if specs[0].load <= 0:
        raise InvalidValue(
            f'--basis must be more than 0, got "{text}": give a working weight you lifted, '
            "such as 150 or 330lb"
        )
    return specs[0]


def suggest(
    uow: AbstractUnitOfWork, lifter_name: str | None, query: str, basis: SetSpec | None = None
) -> Suggestion:
    """The `tracker suggest` answer."""
    with uow:
        repo = uow.repo
        lifter = current_lifter(repo, lifter_name)
        unit = Unit(lifter.unit)
        exercise = resolve_exercise(repo, query)
        history = repo.recent_working_sets(lifter, exercise, PROGRESSION_SESSIONS)
        if history and basis is None:
            in_unit = working_unit(history, unit)
            body_weight = latest_body_weight(uow, lifter, history, in_unit)
            answer = progression(repo, exercise, history, in_unit, body_weight)
            if answer.steps is not None:
                facts = lifter_facts(uow, lifter, exercise)
                counted = repo.counted_sets(lifter, exercise)  # the report's sets, all time
                figures = exercise_figures(repo, counted, exercise.name, lifter.name, facts)
                last = None if figures is None else last_session(figures)
                answer = with_last_session(answer, last)
        else:
            answer = start(repo, lifter, exercise, unit, basis)
        uow.commit()
        return answer


def start(
    repo: AbstractRepository, lifter: Lifter, exercise: Exercise, unit: Unit, basis: SetSpec | None
) -> Suggestion:
    parent = exercise.parent
    if parent is None or exercise.ratio_low is None or exercise.ratio_high is None:
        logged = repo.count_sets_of(exercise, lifter) > 0
        raise no_start(exercise, basis is not None, logged)
    related: RelatedBasis | None = None
    if basis is not None:
        basis_load = basis.load or Decimal(0)
        basis_unit, basis_reps, basis_date = basis.unit or unit, None, None
        basis_name = parent.name
    else:
        top, related = parent_or_related_top(repo, lifter, parent.name)
        if top is None:
            raise NoBasis(
                f"no working sets of {parent.name} yet to start {exercise.name} from: log "
                f"{parent.name} first, or give --basis LOAD (a {parent.name} working weight "
                "you know)"
            )
        if top.load <= 0:
            raise NoBasis(
                f"your latest {top.exercise} sets had no added load (bodyweight or assisted): "
                f"start {exercise.name} at bodyweight, or give --basis LOAD (a loaded "
                f"{parent.name} working weight you know)"
            )
        basis_name = top.exercise
        basis_load, basis_unit = top.load, top.unit
        basis_reps, basis_date = top.reps, top.performed_at.astimezone().date()
    logged_load = basis_load  # as logged; a related lift's load is scaled to the parent's
    if related is not None:
        basis_load = related.factor * logged_load
    sled = machine_sled(exercise, unit)
    convention = exercise_convention(exercise)
    ratio = (exercise.ratio_low, exercise.ratio_high)
    result = start_for_variant(
        basis_load, basis_unit, ratio, exercise_increment(repo, exercise, unit), unit, sled,
        convention, exercise_convention(parent), lightest_kind(exercise, sled),
    )  # fmt: skip
    start_load = result.start
    fallback = None if related is None else (related, logged_load)
    sides = None
    if exercise.laterality != Laterality.BILATERAL:
        target = SideTarget(start_load.suggested, result.total, exercise.rep_low)
        sides = {side: target for side in Side}
    return Suggestion(
        exercise=exercise.name,
        unit=unit,
        kind="start",
        convention=convention,
        increment=start_load.increment,
        basis=Basis(
            basis_name,
            logged_load,
            basis_unit,
            basis_reps,
            basis_date,
            parent.name if related else None,
            related.factor if related else None,
        ),  # fmt: skip
        ratio=ratio,
        ratio_of="implement" if result.per_implement_ratio else "total",
        sled=None if sled is None else round_display(sled),
        range=(start_load.low, start_load.high),
        suggested=start_load.suggested,
        sides=sides,
        rationale=start_rationale(exercise, parent.name, result, basis_date, fallback),
        lightest=start_load.lightest,
    )


def lightest_kind(exercise: Exercise, sled: Decimal | None) -> Lightest:
    """What the lightest start is: nothing added to body weight or to a machine's sled (both
    are loads in themselves), else one step of the plates, stack or dumbbell rack."""
    if equipment_key(exercise.equipment) is Equipment.BODYWEIGHT:
        return "bodyweight"
    return "sled" if sled else "step"


def start_text(
    load: Decimal, unit: Unit, convention: LoadConvention, lightest: Lightest | None
) -> str:
    """The start as the lifter sets it up: "40 kg per side", "the empty sled, nothing added"."""
    if lightest == "bodyweight":
        return "bodyweight alone, nothing added"
    if lightest == "sled":
        return "the empty sled, nothing added"
    text = describe_load(load, unit, convention)
    return f"{text}, the lightest step" if lightest == "step" else text


def no_start(exercise: Exercise, with_basis: bool, logged: bool = False) -> NoBasis:
    """Why no starting load can be given, and what the lifter can do instead."""
    name = exercise.name
    if logged and not with_basis:
        # Only warm-ups, failed attempts, or timed and distance sets: nothing to progress.
        return NoBasis(
            f"{name} has no working sets with reps yet (warm-ups, failed attempts, times and "
            f'distances do not count): log one such as tracker log "{name}" 8x60, then tracker '
            "suggest gives the next load"
        )
    if exercise.laterality == Laterality.BILATERAL and exercise.parent is None:
        head = (
            f"--basis starts a one-sided variant from its bilateral parent; {name} is bilateral"
            if with_basis
            else f"{name} has no history yet"
        )
        return NoBasis(
            f'{head}: log a session first (tracker log "{name}" 8x60), then tracker suggest '
            "gives the next load"
        )
    if exercise.parent is not None:
        return NoBasis(
            f"no published ratio links {name} to {exercise.parent.name}: start light, log a "
            f"session, then tracker suggest gives the next load (or set one: tracker exercises "
            f'edit "{name}" --ratio 0.4-0.5, then use --basis LOAD)'
        )
    return NoBasis(
        f"no published ratio links {name} to a bilateral lift: start light, log a session, "
        f'then tracker suggest gives the next load (or link one: tracker exercises edit "{name}" '
        '--parent "..." --ratio 0.4-0.5, then use --basis LOAD)'
    )


def parent_or_related_top(
    repo: AbstractRepository, lifter: Lifter, parent: str
) -> tuple[TopSet | None, RelatedBasis | None]:
    """The parent's latest top working set, else that of its documented related lift."""
    top = repo.latest_top_set_of(lifter, parent)
    if top is not None:
        return top, None
    related = RELATED_BASES.get(parent)
    if related is None:
        return None, None
    fallback = repo.latest_top_set_of(lifter, related.exercise)
    return (fallback, related) if fallback is not None else (None, None)


def machine_sled(exercise: Exercise, unit: Unit) -> Decimal | None:
    """The carriage weight, from the exercise or its parent machine, in `unit`."""
    for source in (exercise, exercise.parent):
        if source is not None and source.sled is not None and source.sled_unit:
            return convert(source.sled, Unit(source.sled_unit), unit)
    return None


def _span(low: Decimal, high: Decimal) -> str:
    """60-75, or -18 to -10 where a sled outweighs the share (a dash would read as minus)."""
    joint = " to " if low < 0 or high < 0 else "-"
    return f"{format_load(low)}{joint}{format_load(high)}"


def start_rationale(
    exercise: Exercise,
    parent: str,
    converted: ConvertedStart,
    basis_date: date | None,
    related: tuple[RelatedBasis, Decimal] | None = None,
) -> str:
    result = converted.start
    convention = converted.convention
    unit = result.unit.value
    low, high = f"{result.ratio_low * 100:.0f}", f"{result.ratio_high * 100:.0f}"
    basis = f"{format_load(result.basis_load)} {result.basis_unit.value}"
    base_in_unit = convert(result.basis_load, result.basis_unit, result.unit)
    thing = convention.implement_name
    if result.sled:
        sled = format_load(result.sled)
        how = (
            f"with the {sled} {unit} sled counted, {low}-{high}% of "
            f"({format_load(base_in_unit)} + {sled} {unit}) minus the sled is "
            f"{_span(result.raw_low, result.raw_high)} {unit}"
        )
    elif converted.per_implement_ratio:
        span = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
        how = f"{low}-{high}% of that {thing} is {span} {unit} per {thing}"
    elif convention.per is LoadPer.IMPLEMENT and convention.implements > 1:
        total = f"{format_load(converted.total_raw_low)}-{format_load(converted.total_raw_high)}"
        each = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
        how = (
            f"{low}-{high}% of that is {total} {unit} in total, {each} {unit} per {thing} "
            f"with {convention.implements} {thing}s"
        )
    else:
        span = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
        how = f"{low}-{high}% of that is {span} {unit}"
    if basis_date and related is not None:
        fallback, logged = related
        source = (
            f"{parent} was never logged, so the basis is your {fallback.exercise} top working "
            f"set, {format_load(logged)} {result.basis_unit.value} on {basis_date.isoformat()}, "
            f"times {format_load(fallback.factor)} ({fallback.why}): {basis}"
        )
    elif basis_date:
        source = f"Your {parent} top working set was {basis} on {basis_date.isoformat()}"
    else:
        source = f"You gave a {parent} working weight of {basis}"
    equipment = f"{thing}s" if thing else "equipment"
    start_at = start_text(result.suggested, result.unit, convention, result.lightest)
    steps = f"the {format_load(result.increment)} {unit} steps of the {equipment}"
    if result.lightest is None:
        return (
            f"{source}; {how}. Rounded down to {steps}, start at the low end, {start_at}, to "
            "allow for the balance demand of one side."
        )
    if result.lightest == "step":
        start_at = describe_load(result.suggested, result.unit, convention)
    heavier = result.lightest == "step" and result.suggested > result.raw_high
    caution = ": more than the share, so go by feel and add reps before load" if heavier else ""
    return (
        f"{source}; {how}. Rounded down to {steps}, the low end is nothing: start with the "
        f"lightest load they allow, {start_at}{caution}."
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


def logged_as_bodyweight(rows: list[WorkoutSet]) -> bool:
    """Whether the latest session's sets were logged against body weight (12xBW, 8xBW-20):
    then each load is what was added to it, or taken off by an assisted machine."""
    latest = rows[-1].session_id
    return any(row.bodyweight for row in rows if row.session_id == latest)


def assisted(rows: list[WorkoutSet]) -> bool:
    """Whether the latest session's heaviest set was still assisted (BW-20: below BW)."""
    latest = rows[-1].session_id
    return max(row.load for row in rows if row.session_id == latest) < 0


@dataclass(frozen=True)
class SideStep:
    """One side's double progression in the unit that side was last logged in."""

    step: ProgressionStep
    unit: Unit
    increment: Decimal
    label: LoadLabel


def side_unit(rows: list[WorkoutSet], side: Side, default: Unit) -> Unit:
    """The unit a side was last logged in: its suggestion stays a load that side's equipment
    makes (135 lb + 5 lb, never 61.23 kg + 5 kg)."""
    units = [row.unit for row in rows if row.side == side]
    return Unit(units[-1]) if units else default


def progression_increment(
    repo: AbstractRepository, exercise: Exercise, rows: list[WorkoutSet], unit: Unit
) -> Decimal:
    if logged_as_bodyweight(rows) and assisted(rows):
        return assisted_increment(repo, exercise, unit)
    return exercise_increment(repo, exercise, unit)


def progression(
    repo: AbstractRepository,
    exercise: Exercise,
    rows: list[WorkoutSet],
    unit: Unit,
    body_weight: Decimal | None = None,
) -> Suggestion:
    """Double progression from the recent sessions; ``body_weight`` (in ``unit``) is only
    used for bodyweight sets, where it gives the mass moved."""
    bodyweight = logged_as_bodyweight(rows)
    increment = progression_increment(repo, exercise, rows, unit)
    rep_range = (exercise.rep_low, exercise.rep_high)
    per_side = _sessions_by_side(rows, unit)
    convention = exercise_convention(exercise)
    weight = body_weight if bodyweight else None
    label = LoadLabel(unit, bodyweight, convention.implement_name)
    answer = Suggestion(
        exercise.name, unit, "progression", convention, increment, bodyweight=bodyweight
    )
    if exercise.laterality == Laterality.BILATERAL or set(per_side) == {None}:
        history = per_side.get(None) or _sessions_by_side(rows, unit, ignore_sides=True)[None]
        step = next_load(history, rep_range, increment, label, weight)
        answer.suggested, answer.reps_target = _as_shown(step.load), step.reps_target
        answer.rationale = step.reason
        return answer
    steps = {}
    for side in (side for side in Side if per_side.get(side)):
        in_unit = side_unit(rows, side, unit)
        own = LoadLabel(in_unit, bodyweight, convention.implement_name)
        step_size = progression_increment(repo, exercise, rows, in_unit)
        mass = None if weight is None else convert(weight, unit, in_unit)
        history = _sessions_by_side(rows, in_unit)[side]
        step = next_load(history, rep_range, step_size, own, mass)
        steps[side] = SideStep(step, in_unit, step_size, own)
    answer.sides = {side: _side_target(s.step, convention, s.unit) for side, s in steps.items()}
    if len(steps) < 2:
        side, only = next(iter(steps.items()))
        answer.rationale = f"{side.value.capitalize()}: {only.step.reason} Log the other side too."
        return answer
    left, right = steps[Side.LEFT].step, steps[Side.RIGHT].step
    answer.rationale = f"Left: {left.reason} Right: {right.reason}"
    answer.steps = steps
    return answer


def with_last_session(answer: Suggestion, last: Judgement | None) -> Suggestion:
    """The sides capped by the last session's weaker side, and the cue when it needs one."""
    steps = answer.steps
    answer.last_session = last
    if steps is None:
        return answer
    weaker = None if last is None else last.weaker_side
    left, right = capped(steps[Side.LEFT], steps[Side.RIGHT], weaker)
    answer.sides = {
        Side.LEFT: _side_target(left, answer.convention, steps[Side.LEFT].unit),
        Side.RIGHT: _side_target(right, answer.convention, steps[Side.RIGHT].unit),
    }
    units = {steps[Side.LEFT].unit, steps[Side.RIGHT].unit}
    if left.load == right.load and units == {answer.unit}:
        answer.suggested = _as_shown(left.load)
    parts = [f"Left: {left.reason}", f"Right: {right.reason}"]
    if last is not None and needs_cue(last):
        parts.append(cue_text(last))
        answer.cue = COACHING_CUE
    answer.rationale = " ".join(parts)
    return answer


def capped(
    left: SideStep, right: SideStep, weaker: Side | None
) -> tuple[ProgressionStep, ProgressionStep]:
    """The weaker side never gets more than the stronger: compared in the weaker side's unit
    and rounded down to its step when the sides are logged in different units."""
    if weaker is None or left.unit is right.unit:
        label = left.label if weaker is not Side.RIGHT else right.label
        return cap_weaker_side(left.step, right.step, weaker, label)
    weak, strong = (left, right) if weaker is Side.LEFT else (right, left)
    limit = round_down(convert(strong.step.load, strong.unit, weak.unit), weak.increment)
    return cap_weaker_side(left.step, right.step, weaker, weak.label, limit)


def _as_shown(load: Decimal) -> Decimal:
    """A target load as the lifter reads it. A load typed in this unit (at most 3 decimals) is
    kept exactly; one carried over from a set logged in the other unit (a session that mixed
    kg and lb) is its conversion to two decimals, as the reason names it (132.28 lb, not
    132.27735731092656)."""
    if load == load.quantize(Decimal("0.001")):
        return plain(load)
    return plain(round_display(load))


def _side_target(
    step: ProgressionStep, convention: LoadConvention, unit: Unit | None = None
) -> SideTarget:
    load = _as_shown(step.load)
    return SideTarget(load, convention.total(load), step.reps_target, unit)


def suggest_start_line(
    uow: AbstractUnitOfWork, lifter_name: str | None, exercise: str
) -> str | None:
    """One line for `tracker log`: the start a lifter would have been suggested, if any."""
    try:
        with uow:
            repo = uow.repo
            lifter = current_lifter(repo, lifter_name)
            found = resolve_exercise(repo, exercise)
            unit = Unit(lifter.unit)
            answer = start(repo, lifter, found, unit, None)
            convention = exercise_convention(found)
    except TrackerError:  # a hint must never fail the command that stored the sets
        return None
    if answer.suggested is None or answer.range is None or answer.basis is None:
        return None  # pragma: no cover - a start always has them
    start_at = start_text(answer.suggested, unit, convention, answer.lightest)
    each = f" per {convention.implement_name}" if convention.per is LoadPer.IMPLEMENT else ""
    low, high = (format_load(end) for end in answer.range)
    return (
        f"Suggested start from {answer.basis.exercise}: {start_at}"
        f"{' each side' if convention.per is LoadPer.IMPLEMENT else ''} (range {low}-{high} "
        f"{unit.value}{each}; tracker suggest for why)."
    )
