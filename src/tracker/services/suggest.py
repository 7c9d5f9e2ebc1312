"""Load suggestions: a starting load from the bilateral parent, then double progression.

A use case: it reads the lifter's history and settings and calls the domain
(``domain/loads.py``, ``domain/load_convention.py``, ``domain/suggestion.py``); the answer
carries structured reasons that ``tracker.wording`` writes (``Suggestion.rationale``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from tracker.adapters.orm import Exercise, Lifter, WorkoutSet
from tracker.adapters.repository import LifterRows, LogRows, TopSet
from tracker.adapters.unit_of_work import AbstractUnitOfWork
from tracker.domain.asymmetry import Judgement
from tracker.domain.bodyweight import BodyWeight, body_weight_at, bodyweight_text
from tracker.domain.equipment import BAR_EQUIPMENT, Equipment, equipment_key
from tracker.domain.errors import InvalidValue, NoBasis, TrackerError
from tracker.domain.gym_plan import typed_example
from tracker.domain.load_convention import (
    RELATED_BASES,
    ConvertedStart,
    LoadConvention,
    RelatedBasis,
    start_for_variant,
)
from tracker.domain.loads import Lightest, ProgressionStep, increment_for, needs_cue
from tracker.domain.model import Laterality, SetSpec, Side
from tracker.domain.report_figures import LOAD_METRICS, ExerciseImbalance
from tracker.domain.set_rules import is_cardio, is_side_test, log_example
from tracker.domain.suggestion import (
    Basis,
    LoggedSet,
    SessionPlace,
    SideStep,
    any_side_on_bodyweight,
    as_shown,
    assisted,
    capped,
    last_session_before,
    logged_as_bodyweight,
    no_start,
    progression_steps,
    working_unit,
)
from tracker.domain.units import Unit, convert, exact_text, format_load, round_display
from tracker.services.catalog import (
    exercise_convention,
    exercise_measure,
    logged_measure,
    resolve_exercise,
)
from tracker.services.figures import exercise_figures, lifter_facts
from tracker.services.lifters import current_lifter
from tracker.services.stored_sets import stored_set
from tracker.wording import suggest as wording
from tracker.wording.loads import COACHING_CUE

# How many recent sessions the progression looks at (two are needed for the step-down rule).
PROGRESSION_SESSIONS = 3


@dataclass(frozen=True)
class SideTarget:
    load: Decimal  # in the unit the lifter logs: per implement for dumbbells
    total: Decimal  # the total external load
    reps_target: int
    unit: Unit | None = None  # the unit this side was last logged in (None: the answer's)
    bodyweight: bool = False  # this side's load is added to body weight (BW+10; BW-20 assisted)


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
    reps_target: int | None = None  # a bilateral progression
    cue: str | None = None
    # The latest session with both sides, as `report imbalance` judges it (scope
    # "last_session"): the cue and the weaker side's cap come from it.
    last_session: Judgement | None = None
    # Loads are added to body weight (BW+10 kg; negative is assisted: BW-20 kg): a start's,
    # a bilateral step's, or any side's (each side says its own: SideTarget.bodyweight).
    bodyweight: bool = False
    # A start below what the equipment makes: "step", "sled" or "bar" (the
    # lightest start the equipment allows; loads.lightest_start).
    lightest: Lightest | None = None
    # A start: False when no step lies inside the band (the nearest step below it is given).
    inside: bool | None = None
    # A carry's start: the distance or time of its parent's set, as typed ("40m", "60s").
    over: str | None = None
    # Why: a start's band from its basis (and the related lift standing in for the parent) ...
    converted: ConvertedStart | None = None
    related: RelatedBasis | None = None
    # ... or a progression's step per side (None: a bilateral lift's one step).
    steps: dict[Side | None, ProgressionStep] | None = None

    @property
    def total(self) -> Decimal | None:
        return None if self.suggested is None else self.convention.total(self.suggested)

    @property
    def rationale(self) -> str:
        """Why, in one paragraph (tracker.wording.suggest writes it from the reasons)."""
        if self.converted is not None and self.basis is not None:
            return wording.start_rationale(self.basis, self.converted, self.related)
        reasons = {side: step.reason for side, step in (self.steps or {}).items()}
        return wording.progression_rationale(reasons, self.last_session)


def exercise_increment(
    lifters: LifterRows, exercise: Exercise, unit: Unit, by_stack: bool = False
) -> Decimal:
    """The exercise's own step when set in this unit, else the gym-wide one of its equipment,
    else the default. ``by_stack``: the step of an assisted machine's counterweight, whose
    gym-wide step is a machine stack's (tracker config set increment.machine): the bodyweight
    step (1 kg) is for plates on a dip belt; an assistance stack moves in plates."""
    if exercise.increment is not None and exercise.increment_unit == unit.value:
        return exercise.increment
    kind = Equipment.MACHINE if by_stack else equipment_key(exercise.equipment)
    override = lifters.setting(f"increment.{kind}.{unit.value}")
    return increment_for(kind, unit, Decimal(override) if override else None)


def latest_body_weight(
    uow: AbstractUnitOfWork, lifter: Lifter, rows: list[WorkoutSet], unit: Unit
) -> Decimal | None:
    """The body weight at the latest session's sets, in ``unit`` (None if never weighed):
    with it a bodyweight progression knows the mass moved."""
    weighed = body_weight_at(uow.body_weights().of_lifter(lifter.id), rows[-1].performed_at)
    return None if weighed is None else convert(weighed.weight, weighed.unit, unit)


def logged_sets(rows: list[WorkoutSet]) -> list[LoggedSet]:
    """The repository's rows as the domain reads them (each on its local date); the rows come
    session by session, oldest first by start, then id, and each set carries its session's
    place in that order."""
    places: dict[int, int] = {}
    return [
        LoggedSet(
            row.session_id, row.performed_at.astimezone().date(),
            Side(row.side) if row.side else None, row.reps, row.load, Unit(row.unit),
            row.bodyweight, places.setdefault(row.session_id, len(places)),
        )
        for row in rows
    ]


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
    uow: AbstractUnitOfWork,
    lifter_name: str | None,
    query: str,
    basis: SetSpec | None = None,
    figures: ExerciseImbalance | None = None,
    rep_range: tuple[int, int] | None = None,
    before: SessionPlace | None = None,
) -> Suggestion:
    """The `tracker suggest` answer. ``figures``: the exercise's all-time `report imbalance`
    figure (e1RM by Epley), when the caller has just made it (the HTML page): not read again.

    The gym's target asks with its routine item's ``rep_range``, which overrides the
    exercise's own (a start begins at its low end, a progression works to it), and its own
    session as ``before``: the answer comes from the sessions before it (SessionPlace), not
    from sets logged in it earlier the same day."""
    with uow:
        lifter = current_lifter(uow.lifters, lifter_name)
        unit = Unit(lifter.unit)
        exercise = resolve_exercise(uow.catalog, query)
        done_as = None if basis is not None else logged_measure(uow.log, lifter, exercise)
        if done_as in ("time", "distance"):
            # Last done for time or distance: no load progression, and no first-time start.
            raise _no_start(uow.log, lifter, exercise, False, True, done_as)
        history = uow.log.recent_working_sets(lifter, exercise, PROGRESSION_SESSIONS, before)
        if history and basis is None:
            answer = progression(uow, lifter, exercise, history, unit, figures, rep_range, before)
        else:
            answer = start(uow, lifter, exercise, unit, basis, rep_range)
        uow.commit()
        return answer


def start(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    exercise: Exercise,
    unit: Unit,
    basis: SetSpec | None,
    rep_range: tuple[int, int] | None = None,
) -> Suggestion:
    """A start from the parent's top set (or ``basis``), each side at the low end of the rep
    range (``rep_range``, else the exercise's own)."""
    parent = exercise.parent
    if parent is None or exercise.ratio_low is None or exercise.ratio_high is None:
        logged = uow.catalog.count_sets_of(exercise, lifter) > 0
        raise _no_start(uow.log, lifter, exercise, basis is not None, logged)
    weighed = uow.body_weights().of_lifter(lifter.id)
    related: RelatedBasis | None = None
    if basis is not None:
        chosen = Basis(parent.name, basis.load or Decimal(0), basis.unit or unit, None, None)
    else:
        top, related = parent_or_related_top(uow.log, lifter, parent.name)
        if top is None:
            raise NoBasis(wording.no_parent_sets(parent.name, exercise.name))
        if top.load <= 0 and not top.bodyweight:
            raise NoBasis(wording.no_added_load(top.exercise, parent.name, exercise.name))
        chosen = Basis(
            top.exercise, top.load, top.unit, top.reps, top.performed_at.astimezone().date(),
            parent.name if related else None, related.factor if related else None,
            top.bodyweight, _weighed_at_basis(exercise, top, weighed), _over(top),
        )
    basis_load = chosen.load  # as logged; a related lift's load is scaled to the parent's
    if chosen.body_weight is not None:  # the load moved: body weight plus what was added
        basis_load = chosen.body_weight + basis_load
    if related is not None:
        basis_load = related.factor * basis_load
    body_weight = _variant_body_weight(exercise, weighed, unit)
    sled = machine_sled(exercise, unit)
    convention = exercise_convention(exercise)
    ratio = (exercise.ratio_low, exercise.ratio_high)
    # An assisted bodyweight start (the share is below body weight) steps by the assistance
    # stack, as its progression does.
    share = ratio[0] * convert(basis_load, chosen.unit, unit)
    by_stack = body_weight is not None and share < body_weight
    result = start_for_variant(
        basis_load, chosen.unit, ratio,
        exercise_increment(uow.lifters, exercise, unit, by_stack), unit, sled,
        convention, exercise_convention(parent),
        # The lightest start: nothing added to a machine's sled (a load in itself), else one
        # step of the plates, stack or rack (a bar's is the empty bar: start_for_variant).
        "sled" if sled else "step",
        _empty_bar(uow.lifters, exercise, unit), body_weight,
    )
    start_load = result.start
    sides = None
    if exercise.laterality != Laterality.BILATERAL:
        low = exercise.rep_low if rep_range is None else rep_range[0]
        target = SideTarget(
            start_load.suggested, result.total, low, bodyweight=body_weight is not None
        )
        sides = {side: target for side in Side}
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
        bodyweight=body_weight is not None,
        lightest=start_load.lightest,
        inside=start_load.inside,
        over=chosen.over,
        converted=result,
        related=related,
    )


def _weighed_at_basis(
    exercise: Exercise, top: TopSet, weighed: Sequence[BodyWeight]
) -> Decimal | None:
    """The body weight the parent's bodyweight set moved (in the set's unit), None when the
    set was not logged against body weight; without a weigh-in the load moved is unknown."""
    if not top.bodyweight:
        return None
    found = body_weight_at(weighed, top.performed_at)
    if found is None:
        as_typed = bodyweight_text(top.load, top.unit)
        raise NoBasis(wording.not_weighed_at_basis(top.exercise, as_typed, exercise.name))
    return convert(found.weight, found.unit, top.unit)


def _variant_body_weight(
    exercise: Exercise, weighed: Sequence[BodyWeight], unit: Unit
) -> Decimal | None:
    """Today's body weight (in ``unit``) for a bodyweight variant, whose start is BW+x/BW-x."""
    if equipment_key(exercise.equipment) is not Equipment.BODYWEIGHT:
        return None
    if not weighed:
        raise NoBasis(wording.not_weighed(exercise.name))
    return convert(weighed[-1].weight, weighed[-1].unit, unit)


def _empty_bar(lifters: LifterRows, exercise: Exercise, unit: Unit) -> Decimal | None:
    """The empty bar (`tracker config set bar`) of a bar exercise: the least it can be loaded."""
    if equipment_key(exercise.equipment) not in BAR_EQUIPMENT:
        return None
    from tracker.services.equipment import bar_and_plates

    return bar_and_plates(lifters, unit)[0]


def _over(top: TopSet | None) -> str | None:
    """A carry's distance or time as the set syntax writes it: 40m, 60s."""
    if top is None or top.reps > 0:
        return None
    if top.distance is not None:
        return f"{format_load(top.distance)}{top.distance_unit or 'm'}"
    return None if top.duration_s is None else f"{exact_text(top.duration_s)}s"


def _no_start(
    log: LogRows, lifter: Lifter, exercise: Exercise, with_basis: bool, logged: bool,
    done_as: str | None = None,
) -> NoBasis:
    """Why no starting load can be given, and what the lifter can do instead; the log hint is
    written in the exercise's syntax (reps, time or distance: exercise_measure), with each
    side's own last time or distance where the lifter did it so, as the gym offers it
    (gym_plan.typed_example: a hop's sides differ, a generic 2.3s read as their own)."""
    measure = done_as or exercise_measure(log, lifter, exercise)  # done_as: logged_measure's
    cardio = is_cardio(exercise.body_part, exercise.category)
    test = is_side_test(exercise.category, exercise.equipment, exercise.laterality, measure)
    example = log_example(exercise.equipment, exercise.laterality, measure, cardio, test)
    if logged and measure != "reps":
        last = [stored_set(row) for row in log.latest_working_sets(lifter, exercise)]
        unilateral = exercise.laterality != Laterality.BILATERAL
        done_as, typed = typed_example((), last, measure, example, unilateral, Unit(lifter.unit))
        example = typed if done_as is not None and last else example
    parent = None if exercise.parent is None else exercise.parent.name
    why = no_start(exercise.name, exercise.laterality, parent, with_basis, logged, measure, example,
                   exercise.lower_is_better, test)
    return NoBasis(wording.no_start_text(why))


def parent_or_related_top(
    log: LogRows, lifter: Lifter, parent: str
) -> tuple[TopSet | None, RelatedBasis | None]:
    """The parent's latest top working set, else that of its documented related lift."""
    top = log.latest_top_set_of(lifter, parent)
    if top is not None:
        return top, None
    related = RELATED_BASES.get(parent)
    if related is None:
        return None, None
    fallback = log.latest_top_set_of(lifter, related.exercise)
    return (fallback, related) if fallback is not None else (None, None)


def machine_sled(exercise: Exercise, unit: Unit) -> Decimal | None:
    """The carriage weight, from the exercise or its parent machine, in `unit`."""
    for source in (exercise, exercise.parent):
        if source is not None and source.sled is not None and source.sled_unit:
            return convert(source.sled, Unit(source.sled_unit), unit)
    return None


def progression(
    uow: AbstractUnitOfWork,
    lifter: Lifter,
    exercise: Exercise,
    rows: list[WorkoutSet],
    default: Unit,
    figures: ExerciseImbalance | None = None,
    rep_range: tuple[int, int] | None = None,
    before: SessionPlace | None = None,
) -> Suggestion:
    """Double progression from the recent sessions (``rows``), in the unit the exercise is
    loaded in, to ``rep_range`` (else the exercise's own); two sides are capped by the last
    session's weaker side (the last before ``before``), with the cue when it needs one."""
    sets = logged_sets(rows)
    unit = working_unit(sets, default)
    # Each side is on its own terms (progression_steps): one on body weight needs it.
    on_bodyweight = any_side_on_bodyweight(sets)
    body_weight = latest_body_weight(uow, lifter, rows, unit) if on_bodyweight else None
    by_assistance = logged_as_bodyweight(sets) and assisted(sets)
    increment = partial(exercise_increment, uow.lifters, exercise)
    convention = exercise_convention(exercise)
    if rep_range is None:
        rep_range = (exercise.rep_low, exercise.rep_high)
    steps = progression_steps(
        sets, exercise.laterality, rep_range, unit, increment, convention.implement_name,
        body_weight,
    )
    final = {side: s.step for side, s in steps.items()}
    answer = Suggestion(
        exercise.name, unit, "progression", convention, increment(unit, by_assistance),
        bodyweight=any(s.label.bodyweight for s in steps.values()), steps=final,
    )
    if None in steps:
        step = steps[None].step
        answer.suggested, answer.reps_target = as_shown(step.load), step.reps_target
        return answer
    if len(steps) == 2:
        if figures is None:  # the report's, all time
            figures = exercise_figures(uow, lifter, exercise, lifter_facts(uow, lifter, exercise))
        last = None if figures is None else last_session_before(figures, before)
        # Only a side weaker by what it lifted (e1RM, or reps at a load both sides lifted) is
        # capped by the other's load: by volume, more reps at less load may be the weaker side.
        judged = None if last is None else last.judgement
        answer.last_session = judged
        by_load = last is not None and last.compared_by in LOAD_METRICS
        weaker = judged.weaker_side if judged is not None and by_load else None
        left, right = capped(steps[Side.LEFT], steps[Side.RIGHT], weaker)
        final = {Side.LEFT: left, Side.RIGHT: right}
        same_terms = steps[Side.LEFT].label.bodyweight is steps[Side.RIGHT].label.bodyweight
        if left.load == right.load and same_terms and {
            steps[Side.LEFT].unit, steps[Side.RIGHT].unit
        } == {unit}:
            answer.suggested = as_shown(left.load)
        if judged is not None and needs_cue(judged):
            answer.cue = COACHING_CUE
    answer.steps = final
    answer.sides = {
        side: _side_target(final[side], convention, s) for side, s in steps.items() if side
    }
    return answer


def _side_target(step: ProgressionStep, convention: LoadConvention, side: SideStep) -> SideTarget:
    """A side's target, in the unit and on the terms (plain or BW+x) it was last logged in."""
    load = as_shown(step.load)
    return SideTarget(load, convention.total(load), step.reps_target, side.unit,
                      side.label.bodyweight)


def suggest_start_line(
    uow: AbstractUnitOfWork, lifter_name: str | None, exercise: str
) -> str | None:
    """One line for `tracker log`: the start a lifter would have been suggested, if any."""
    try:
        with uow:
            lifter = current_lifter(uow.lifters, lifter_name)
            found = resolve_exercise(uow.catalog, exercise)
            answer = start(uow, lifter, found, Unit(lifter.unit), None)
    except TrackerError:  # a hint must never fail the command that stored the sets
        return None
    if answer.basis is None or answer.converted is None:
        return None  # pragma: no cover - a start always has them
    return wording.start_line(answer.basis, answer.converted, answer.over)
