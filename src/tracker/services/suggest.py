"""Load suggestions: a starting load from the bilateral parent, then double progression."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.adapters.orm import Exercise, Lifter, WorkoutSet
from tracker.adapters.repository import AbstractRepository, TopSet
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import Judgement
from tracker.domain.bodyweight import BodyWeight, body_weight_at, bodyweight_text
from tracker.domain.equipment import BAR_EQUIPMENT, Equipment, equipment_key
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
from tracker.domain.report_figures import LOAD_METRICS, ExerciseImbalance, last_session_figures
from tracker.domain.set_rules import is_cardio, log_example
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
    bodyweight: bool = False  # load was added to body weight (BW+20), weighed at body_weight
    body_weight: Decimal | None = None  # that weigh-in, in ``unit``
    over: str | None = None  # a carry's distance or time, as typed: "40m", "60s"


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
    # A start below what the equipment makes: "step", "sled" or "bar" (the
    # lightest start the equipment allows; loads.lightest_start).
    lightest: Lightest | None = None
    # A start: False when no step lies inside the band (the nearest step below it is given).
    inside: bool | None = None
    # A carry's start: the distance or time of its parent's set, as typed ("40m", "60s").
    over: str | None = None
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
                figures = exercise_figures(uow, lifter, exercise, facts)  # all time
                last = None if figures is None else last_session_figures(figures)
                answer = with_last_session(answer, last)
        else:
            answer = start(repo, lifter, exercise, unit, basis, weigh_ins(uow, lifter))
        uow.commit()
        return answer


def weigh_ins(uow: AbstractUnitOfWork, lifter: Lifter) -> list[BodyWeight]:
    return uow.body_weights().of_lifter(lifter.id)


def start(
    repo: AbstractRepository,
    lifter: Lifter,
    exercise: Exercise,
    unit: Unit,
    basis: SetSpec | None,
    weighed: Sequence[BodyWeight] = (),
) -> Suggestion:
    parent = exercise.parent
    if basis is None and repo.measures_by_session_side(lifter, exercise):
        # Its own timed or distance sets: no load progression, and no first-time start.
        raise no_start(exercise, False, True, exercise_measure(repo, lifter, exercise))
    if parent is None or exercise.ratio_low is None or exercise.ratio_high is None:
        logged = repo.count_sets_of(exercise, lifter) > 0
        raise no_start(
            exercise, basis is not None, logged, exercise_measure(repo, lifter, exercise)
        )
    related: RelatedBasis | None = None
    top: TopSet | None = None
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
        if top.load <= 0 and not top.bodyweight:
            raise NoBasis(
                f"your latest {top.exercise} sets had no added load (bodyweight or assisted): "
                f"start {exercise.name} at bodyweight, or give --basis LOAD (a loaded "
                f"{parent.name} working weight you know)"
            )
        basis_name = top.exercise
        basis_load, basis_unit = top.load, top.unit
        basis_reps, basis_date = top.reps, top.performed_at.astimezone().date()
    logged_load = basis_load  # as logged; a related lift's load is scaled to the parent's
    then = _weighed_at_basis(exercise, top, weighed, basis_unit)
    if then is not None:  # the load moved: body weight plus what was added (or taken off)
        basis_load = then + basis_load
    if related is not None:
        basis_load = related.factor * basis_load
    body_weight = _variant_body_weight(exercise, weighed, unit)
    sled = machine_sled(exercise, unit)
    convention = exercise_convention(exercise)
    ratio = (exercise.ratio_low, exercise.ratio_high)
    result = start_for_variant(
        basis_load, basis_unit, ratio,
        _start_increment(repo, exercise, unit, body_weight, ratio[0] * convert(
            basis_load, basis_unit, unit)),
        unit, sled, convention, exercise_convention(parent), lightest_kind(sled),
        _empty_bar(repo, exercise, unit), body_weight,
    )
    start_load = result.start
    fallback = None if related is None else (related, logged_load)
    over = _over(top)
    sides = None
    if exercise.laterality != Laterality.BILATERAL:
        target = SideTarget(start_load.suggested, result.total, exercise.rep_low)
        sides = {side: target for side in Side}
    chosen = Basis(
        basis_name, logged_load, basis_unit, basis_reps, basis_date,
        parent.name if related else None, related.factor if related else None,
        top is not None and top.bodyweight, then, over,
    )
    return Suggestion(
        exercise=exercise.name,
        unit=unit,
        kind="start",
        convention=convention,
        increment=start_load.increment,
        basis=chosen,
        ratio=ratio,
        ratio_of="implement" if result.per_implement_ratio else "total",
        sled=None if sled is None else round_display(sled),
        range=(start_load.low, start_load.high),
        suggested=start_load.suggested,
        sides=sides,
        rationale=start_rationale(exercise, chosen, result, fallback),
        bodyweight=body_weight is not None,
        lightest=start_load.lightest,
        inside=start_load.inside,
        over=over,
    )


def _weighed_at_basis(
    exercise: Exercise, top: TopSet | None, weighed: Sequence[BodyWeight], unit: Unit
) -> Decimal | None:
    """The body weight the parent's bodyweight set moved (in ``unit``), None when the set was
    not logged against body weight; without a weigh-in the load moved is unknown."""
    if top is None or not top.bodyweight:
        return None
    found = body_weight_at(weighed, top.performed_at)
    if found is None:
        raise NoBasis(
            f"your {top.exercise} sets were logged as {bodyweight_text(top.load, top.unit)}: "
            f"log your body weight (tracker bodyweight add WEIGHT) and {exercise.name} starts "
            "from the load you moved"
        )
    return convert(found.weight, found.unit, unit)


def _variant_body_weight(
    exercise: Exercise, weighed: Sequence[BodyWeight], unit: Unit
) -> Decimal | None:
    """Today's body weight (in ``unit``) for a bodyweight variant, whose start is BW+x/BW-x."""
    if equipment_key(exercise.equipment) is not Equipment.BODYWEIGHT:
        return None
    if not weighed:
        raise NoBasis(
            f"{exercise.name} starts from your body weight (BW, BW-20 assisted, BW+5): log it "
            "first (tracker bodyweight add WEIGHT), then tracker suggest gives the start"
        )
    return convert(weighed[-1].weight, weighed[-1].unit, unit)


def _start_increment(
    repo: AbstractRepository,
    exercise: Exercise,
    unit: Unit,
    body_weight: Decimal | None,
    share: Decimal,
) -> Decimal:
    """The exercise's step; an assisted bodyweight start (the share is below body weight)
    steps by the assistance stack (assisted_increment), as its progression does."""
    if body_weight is not None and share < body_weight:
        return assisted_increment(repo, exercise, unit)
    return exercise_increment(repo, exercise, unit)


def _empty_bar(repo: AbstractRepository, exercise: Exercise, unit: Unit) -> Decimal | None:
    """The empty bar (`tracker config set bar`) of a bar exercise: the least it can be loaded."""
    if equipment_key(exercise.equipment) not in BAR_EQUIPMENT:
        return None
    from tracker.services.equipment import bar_and_plates

    return bar_and_plates(repo, unit)[0]


def _over(top: TopSet | None) -> str | None:
    """A carry's distance or time as the set syntax writes it: 40m, 60s."""
    if top is None or top.reps > 0:
        return None
    if top.distance is not None:
        return f"{format_load(top.distance)}{top.distance_unit or 'm'}"
    return None if top.duration_s is None else f"{top.duration_s}s"


def lightest_kind(sled: Decimal | None) -> Lightest:
    """What the lightest start is: nothing added to a machine's sled (a load in itself), else
    one step of the plates, stack or dumbbell rack. (A bar's is the empty bar, a bodyweight
    variant's body weight: start_for_variant.)"""
    return "sled" if sled else "step"


def start_text(
    load: Decimal, unit: Unit, convention: LoadConvention, lightest: Lightest | None
) -> str:
    """The start as the lifter sets it up: "40 kg per side", "the empty sled, nothing added"."""
    if lightest == "sled":
        return "the empty sled, nothing added"
    if lightest == "bar":
        return f"the empty {format_load(load)} {unit.value} bar"
    text = describe_load(load, unit, convention)
    return f"{text}, the lightest step" if lightest == "step" else text


def no_start(
    exercise: Exercise, with_basis: bool, logged: bool = False, measure: str = "reps"
) -> NoBasis:
    """Why no starting load can be given, and what the lifter can do instead; ``measure``
    (reps, time or distance: exercise_measure) writes the log hint in the exercise's syntax."""
    name = exercise.name
    example = log_example(
        exercise.equipment, exercise.laterality, measure,
        is_cardio(exercise.body_part, exercise.category),
    )
    hint = f'tracker log "{name}" {example}'
    if measure != "reps" and not with_basis:
        return NoBasis(
            f"{name} is done for {measure}, and tracker suggest gives loads for sets of reps: "
            f"log it as you do it ({hint}) and add {measure} or load from session to session"
        )
    if logged and not with_basis:
        # Only warm-ups or failed attempts: nothing to progress.
        return NoBasis(
            f"{name} has no working sets with reps yet (warm-ups and failed attempts do not "
            f"count): log one such as {hint}, then tracker suggest gives the next load"
        )
    if exercise.laterality == Laterality.BILATERAL and exercise.parent is None:
        head = (
            f"--basis starts a one-sided variant from its bilateral parent; {name} is bilateral"
            if with_basis
            else f"{name} has no history yet"
        )
        return NoBasis(
            f"{head}: log a session first ({hint}), then tracker suggest gives the next load"
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


def exercise_measure(repo: AbstractRepository, lifter: Lifter, exercise: Exercise) -> str:
    """How the exercise is done: "time" or "distance" as the lifter's sets of it were, else as
    its built-in card implies (one without a rep range is a hold, or a carry when loaded), else
    "reps"."""
    done = next(iter(repo.measures_by_session_side(lifter, exercise).values()), None)
    if done:
        return "time" if done[0][0] is not None else "distance"
    if exercise.source != "builtin":
        return "reps"
    from tracker.services.builtin_catalog import builtin_entry

    entry = builtin_entry(exercise.name)
    if entry is None or entry.get("rep_range") is not None:
        return "reps"
    hold = equipment_key(exercise.equipment) is Equipment.BODYWEIGHT
    return "time" if hold or is_cardio(exercise.body_part, exercise.category) else "distance"


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
    basis_used: Basis,
    converted: ConvertedStart,
    related: tuple[RelatedBasis, Decimal] | None = None,
) -> str:
    result = converted.start
    parent = basis_used.instead_of or basis_used.exercise
    basis_date = basis_used.date
    unit = result.unit.value
    basis = _basis_text(basis_used)
    how = _start_how(converted)
    if basis_date and related is not None:
        fallback, logged = related
        source = (
            f"{parent} was never logged, so the basis is your {fallback.exercise} top working "
            f"set, {format_load(logged)} {result.basis_unit.value} on {basis_date.isoformat()}, "
            f"times {format_load(fallback.factor)} ({fallback.why}): "
            f"{format_load(result.basis_load)} {result.basis_unit.value}"
        )
    elif basis_date:
        source = f"Your {parent} top working set was {basis} on {basis_date.isoformat()}"
        if basis_used.body_weight is not None:
            moved = format_load(basis_used.body_weight + basis_used.load)
            weight = format_load(basis_used.body_weight)
            weighed_in = basis_used.unit.value
            source += f", {moved} {weighed_in} moved at a body weight of {weight} {weighed_in}"
    else:
        source = f"You gave a {parent} working weight of {basis}"
    convention = converted.convention
    thing = convention.implement_name
    equipment = f"{thing}s" if thing else "equipment"
    start_at = start_text(result.suggested, result.unit, convention, result.lightest)
    if result.body_weight is not None:
        start_at = bodyweight_text(result.suggested, result.unit)
        equipment = "assistance" if result.suggested < 0 else "added weight"
    step = f"{format_load(result.increment)} {unit}"
    steps = f"the {step} steps of the {equipment}"
    band = f"{_span(result.raw_low, result.raw_high)} {unit}"
    over = f" over {basis_used.over}" if basis_used.over else ""
    if result.lightest is None and result.inside:
        return (
            f"{source}; {how}. Start at the lowest of {steps} inside that band, {start_at}"
            f"{over}, to allow for the balance demand of one side."
        )
    if result.lightest is None:
        return (
            f"{source}; {how}. No {step} step inside {band}: {start_at}{over}, the nearest "
            "step below, to allow for the balance demand of one side."
        )
    if result.lightest == "bar":
        return (
            f"{source}; {how}, below the empty bar: start with the bar alone, "
            f"{format_load(result.suggested)} {unit}, more than the share, so go by feel and "
            "add reps before load."
        )
    if result.lightest == "step":
        start_at = describe_load(result.suggested, result.unit, convention)
    heavier = result.lightest == "step" and result.suggested > result.raw_high
    caution = ": more than the share, so go by feel and add reps before load" if heavier else ""
    return (
        f"{source}; {how}. None of {steps} lies inside that band: start with the lightest "
        f"load they allow, {start_at}{caution}."
    )


def _basis_text(basis: Basis) -> str:
    """The parent's load as logged: 140 kg, BW+20 kg."""
    if basis.bodyweight:
        return bodyweight_text(basis.load, basis.unit)
    return f"{format_load(basis.load)} {basis.unit.value}"


def _start_how(converted: ConvertedStart) -> str:
    """How the ratio turns the basis into the band, in the variant's terms."""
    result = converted.start
    convention = converted.convention
    unit = result.unit.value
    low, high = f"{result.ratio_low * 100:.0f}", f"{result.ratio_high * 100:.0f}"
    base_in_unit = convert(result.basis_load, result.basis_unit, result.unit)
    thing = convention.implement_name
    if result.body_weight is not None:
        weight = result.body_weight
        moved = f"{format_load(result.raw_low + weight)}-{format_load(result.raw_high + weight)}"
        ends = (bodyweight_text(end, result.unit) for end in (result.raw_low, result.raw_high))
        return (
            f"{low}-{high}% of that is {moved} {unit} moved: at your body weight of "
            f"{format_load(weight)} {unit}, {' to '.join(ends)}"
        )
    if result.sled:
        sled = format_load(result.sled)
        return (
            f"with the {sled} {unit} sled counted, {low}-{high}% of "
            f"({format_load(base_in_unit)} + {sled} {unit}) minus the sled is "
            f"{_span(result.raw_low, result.raw_high)} {unit}"
        )
    if converted.per_implement_ratio:
        span = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
        return f"{low}-{high}% of that {thing} is {span} {unit} per {thing}"
    if convention.per is LoadPer.IMPLEMENT and convention.implements > 1:
        total = f"{format_load(converted.total_raw_low)}-{format_load(converted.total_raw_high)}"
        each = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
        return (
            f"{low}-{high}% of that is {total} {unit} in total, {each} {unit} per {thing} "
            f"with {convention.implements} {thing}s"
        )
    span = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
    whole = " on the bar" if convention.per is LoadPer.BAR else ""
    return f"{low}-{high}% of that is {span} {unit}{whole}"


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


def with_last_session(answer: Suggestion, figures: ExerciseImbalance | None) -> Suggestion:
    """The sides capped by the last session's weaker side, and the cue when it needs one.
    Only a side weaker by what it lifted (e1RM, or reps at a load both sides lifted) is
    capped by the other's load: by volume, more reps at less load may be the weaker side."""
    steps = answer.steps
    last = None if figures is None else figures.judgement
    answer.last_session = last
    if steps is None:
        return answer
    by_load = figures is not None and figures.compared_by in LOAD_METRICS
    weaker = last.weaker_side if last is not None and by_load else None
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
            answer = start(repo, lifter, found, unit, None, weigh_ins(uow, lifter))
            convention = exercise_convention(found)
    except TrackerError:  # a hint must never fail the command that stored the sets
        return None
    if answer.suggested is None or answer.range is None or answer.basis is None:
        return None  # pragma: no cover - a start always has them
    start_at = start_text(answer.suggested, unit, convention, answer.lightest)
    if answer.bodyweight:
        start_at = bodyweight_text(answer.suggested, unit)
    if answer.over:
        start_at += f" over {answer.over}"
    each = f" per {convention.implement_name}" if convention.per is LoadPer.IMPLEMENT else ""
    low, high = (format_load(end) for end in answer.range)
    span = f"{low}-{high} {unit.value}{each}" if low != high else f"{low} {unit.value}{each}"
    if answer.bodyweight:  # BW-55 kg to BW-45 kg, not -55--45
        span = " to ".join(bodyweight_text(end, unit) for end in answer.range)
    return (
        f"Suggested start from {answer.basis.exercise}: {start_at}"
        f"{' each side' if convention.per is LoadPer.IMPLEMENT else ''} (range {span}; "
        "tracker suggest for why)."
    )
