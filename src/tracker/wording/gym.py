"""The gym prompt's sentences, from its plan (`GymPlan`, `Progress`) and a pair's judgement:
"Resumed session #12, routine Legs A, 3 sets so far. Type help for help.", "1 of 3 pairs done",
"  Pair LSI 83.3 (left weaker): CUE"."""

from __future__ import annotations

from tracker.domain.asymmetry import Judgement, lsi_text
from tracker.domain.gym_plan import GymPlan, Progress, Stuck
from tracker.domain.load_convention import LoadConvention, LoadPer
from tracker.domain.loads import needs_cue
from tracker.wording import closed_session, plural
from tracker.wording.loads import COACHING_CUE

ROUTINE_DONE = "Routine done: type done to finish."
STUCK = {
    Stuck.ROUTINE_DONE: "the routine is done: type done to finish, or log another exercise",
    Stuck.NOTHING_PLANNED: "nothing planned: type an exercise name, then its sets",
    Stuck.NOTHING_TO_SKIP: "nothing to skip: no routine item is current",
    Stuck.NO_NEXT: "no next exercise: the routine is done (or none is running)",
}


def opening_lines(plan: GymPlan) -> list[str]:
    """A stale session closed on the way, then the session started or resumed."""
    lines = [] if plan.closed_session is None else [closed_session(plan.closed_session)]
    verb = "Started" if plan.started else "Resumed"
    routine = f", routine {plan.routine.name}" if plan.routine else ""
    sets = f", {plural(plan.sets_logged, 'set')} so far" if plan.sets_logged else ""
    return [*lines, f"{verb} session #{plan.session_id}{routine}{sets}. Type help for help."]


def stuck_text(why: Stuck, plan: GymPlan) -> str:
    """Why an empty line, skip or next cannot move the plan, and what to type instead (an
    error line); the one item left is the current one."""
    if why is Stuck.LAST_LEFT:
        return f"{plan.current_exercise()} is the last exercise left: skip it or type done"
    return STUCK[why]


def followed_text(closed: int, session_id: int) -> str:
    """A line went to another open session than the prompt's, which was closed meanwhile (from
    another terminal): the prompt goes on with that one."""
    return f"  Session #{closed} was closed: these sets and the next go to session #{session_id}."


def finished_text(session_id: int, sets: int, exercises: int, kept: bool) -> str:
    """What `done` says: the session kept with its counts, or none kept."""
    if not kept:
        return "Nothing logged: no session kept."
    counts = f"{plural(sets, 'set')} of {plural(exercises, 'exercise')}"
    return f"Finished session #{session_id}: {counts}."


def progress_text(done: int, planned: int, unilateral: bool) -> str:
    """`1 of 2 sets done`; sets beyond the plan (a finished item named again) as extra."""
    extra = f", {done - planned} extra" if done > planned else ""
    return f"{min(done, planned)} of {plural(planned, 'pair' if unilateral else 'set')} done{extra}"


def progress_lines(progress: Progress) -> list[str]:
    """A routine item's progress after a line, and once it is finished what comes next."""
    item = progress.item
    lines = [f"  {item.exercise}: {progress_text(progress.done, item.sets, item.unilateral)}"]
    if not progress.finished:
        return lines
    if progress.then is None:
        return [*lines, f"  {ROUTINE_DONE}"]
    if progress.aside:  # extra sets of a finished item
        return [*lines, f"  Type next to go back to the routine ({progress.then})."]
    return [*lines, f"  Next: {progress.then}"]


def overview_lines(plan: GymPlan) -> list[str]:
    """`show`: the session's sets so far and each routine item's state, `>` at the current."""
    lines = [f"Session #{plan.session_id}: {plural(plan.sets_logged, 'set')} so far."]
    if plan.routine is None:
        return lines
    current = plan.current_item()
    lines.append(f"Routine {plan.routine.name}:")
    for item in plan.routine.items:
        done = plan.sets_done(item)
        mark = ">" if current is not None and item.position == current.position else " "
        state = (
            "skipped" if item.position in plan.skipped else f"{min(done, item.sets)}/{item.sets}"
        )
        lines.append(f" {mark}{item.position}. {item.exercise} {state}")
    return lines


def pair_line(judged: Judgement, by_reps: bool = True) -> str | None:
    """ "Pair LSI 83.3 (left weaker): CUE" as `report imbalance` would judge the pair; a pair
    of timed or distance sets (a hop test) gets no cue: it has no reps to match."""
    if judged.lsi is None:
        return None
    line = f"  Pair LSI {lsi_text(judged.lsi)}"
    if judged.involved is not None:
        line += f" (involved {judged.involved.value})"
    if needs_cue(judged) and judged.weaker_side is not None:
        line += f" ({judged.weaker_side.value} weaker)"
        if by_reps:
            line += f": {COACHING_CUE}"
    return line


def load_per(convention: LoadConvention) -> str | None:
    """What a target's load is per for dumbbells and kettlebells: "per dumbbell, 2 held"."""
    if convention.per is not LoadPer.IMPLEMENT:
        return None
    return f"per {convention.implement_name}, {convention.implements} held"
