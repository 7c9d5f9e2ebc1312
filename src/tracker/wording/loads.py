"""Loads and progression steps in words: "BW-20 kg", "2 x 12 kg dumbbells (24 kg total)",
"All 3 sets at 60 kg reached 12 reps, the top of 8-12: add 5 kg and restart at 8 reps."."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from tracker.domain.asymmetry import Judgement, lsi_text
from tracker.domain.load_convention import LoadConvention, LoadPer
from tracker.domain.loads import LoadLabel, StepReason
from tracker.domain.units import Unit, format_load

# What a lifter with a weaker side is told (`needs_cue` says who): the suggest answer's cue and
# the gym's pair line.
COACHING_CUE = "Start each set with your weaker side and match its reps on the stronger side."


def labelled(label: LoadLabel, load: Decimal) -> str:
    """A load as a reason names it: "60 kg", "BW", "BW-20 kg", "20 kg per dumbbell"."""
    if label.bodyweight:
        if load == 0:
            return "BW"
        return f"BW{'+' if load > 0 else '-'}{amount(label, abs(load))}"
    return amount(label, load)


def amount(label: LoadLabel, added: Decimal) -> str:
    """An amount added or taken off: "5 kg", "2 kg per dumbbell"."""
    text = format_load(added)
    if label.unit is not None:
        text += f" {label.unit.value}"
    return f"{text} per {label.per}" if label.per else text


def listed(numbers: Sequence[int]) -> str:
    """7; 8 and 9; 6, 7 and 9."""
    texts = [str(n) for n in numbers]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"


def _top(r: StepReason) -> str:
    """Every set at X reached the top: one step up, then the restart."""
    bottom, top_reps = r.rep_range
    if r.at < 0:
        off = amount(r.label, r.to - r.at)
        more = "drop the assistance" if r.to == 0 else f"take {off} off the assistance"
    else:
        more = f"add {amount(r.label, r.to - r.at)}"
    if r.reps_target == bottom:
        then = f"restart at {bottom} reps"
        if r.weigh_in:
            then += " (log your body weight and the restart follows your last sets)"
    else:
        then = f"aim for {r.reps_target} reps, what your last sets predict at "
        then += labelled(r.label, r.to)
    done = sorted(r.reps)
    if done[0] == done[-1] == top_reps:
        did = f"{top_reps} reps, the top of"
    else:  # the reps actually done, never the top read as them
        did = f"{listed(done)} reps, {'past' if done[0] > top_reps else 'at or past'} the top of"
    sets = "The set" if len(done) == 1 else f"All {len(done)} sets"
    at = labelled(r.label, r.at)
    return f"{sets} at {at} reached {did} {bottom}-{top_reps}: {more} and {then}."


def _some_top(r: StepReason) -> str:
    bottom, top_reps = r.rep_range
    short = sorted(reps for reps in r.reps if reps < top_reps)
    reached = len(r.reps) - len(short)
    others = "the other" if len(short) == 1 else "the others"
    return (
        f"{reached} of {len(r.reps)} sets at {labelled(r.label, r.at)} reached {top_reps} reps, "
        f"the top of {bottom}-{top_reps}; {others} stopped at {listed(short)}: hold it and aim "
        f"for {top_reps} reps on every set before the load goes up."
    )


def _below_top(r: StepReason) -> str:
    at, best = labelled(r.label, r.at), max(r.reps)
    return f"Best set at {at} was {best} reps: hold it and aim for {best + 1} reps."


def _short(r: StepReason) -> str:
    return (
        f"A set at {labelled(r.label, r.at)} stopped at {min(r.reps)} reps, below "
        f"{r.rep_range[0]}: hold it and aim for {r.rep_range[0]} reps."
    )


def _short_twice(r: StepReason) -> str:
    bottom = r.rep_range[0]
    return (
        f"Sets at {labelled(r.label, r.at)} fell below {bottom} reps in two sessions in a row: "
        f"drop to {labelled(r.label, r.to)} and aim for {bottom} reps."
    )


STEP_SENTENCES: dict[str, Callable[[StepReason], str]] = {
    "top": _top,
    "some_top": _some_top,
    "below_top": _below_top,
    "short": _short,
    "short_twice": _short_twice,
}


def step_reason(reason: StepReason) -> str:
    """Why a progression step: what the last sets did and what to do, and any cap."""
    text = STEP_SENTENCES[reason.cause](reason)
    if reason.capped_at is None:
        return text
    how = " (in this side's unit, rounded down to its step)" if reason.converted_cap else ""
    what = "the load of the side"
    if reason.by_mass:  # one side on body weight, the other a plain load
        what = "the mass moved, body weight counted, by the side"
        how = " (in this side's terms, rounded down to its step)"
    return (
        f"{text} Capped at {labelled(reason.label, reason.capped_at)}, {what} "
        f"stronger in the last session{how}: the weaker side never lifts more."
    )


def cue_text(last: Judgement) -> str:
    """The cue, saying its scope: "Last session: LSI 84.6, imbalanced, left side weaker."."""
    index = "-" if last.lsi is None else lsi_text(last.lsi)
    status = last.status.value if last.status else "incomplete"
    part = f"LSI {index}, {status}"
    if last.involved is not None:
        part = f"involved {last.involved.value}, {part}"
    side = last.weaker_side.value if last.weaker_side else "neither"
    return f"Last session: {part}, {side} side weaker. {COACHING_CUE}"


def describe_load(load: Decimal, unit: Unit, convention: LoadConvention) -> str:
    """A load as the lifter picks it up: "2 x 12 kg dumbbells (24 kg total)", "40 kg per side"."""
    each = f"{format_load(load)} {unit.value}"
    if convention.per is LoadPer.IMPLEMENT:
        count = convention.implements
        things = f"{convention.implement_name}{'s' if count != 1 else ''}"
        total = f"{format_load(convention.total(load))} {unit.value}"
        return f"{count} x {each} {things} ({total} total)"
    if convention.per is LoadPer.BAR:
        return f"{each} on the bar"
    if convention.per is LoadPer.SIDE:
        return f"{each} per side"
    return each
