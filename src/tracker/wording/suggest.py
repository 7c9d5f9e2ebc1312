"""`tracker suggest` in words: why a start or a progression, the start line `tracker log`
prints, and why no start can be given."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.asymmetry import Judgement
from tracker.domain.bodyweight import bodyweight_text
from tracker.domain.load_convention import ConvertedStart, LoadConvention, LoadPer, RelatedBasis
from tracker.domain.loads import Lightest, StepReason, needs_cue
from tracker.domain.model import Side
from tracker.domain.suggestion import Basis, NoStart
from tracker.domain.units import Unit, convert, format_load
from tracker.wording.loads import cue_text, describe_load, step_reason


def progression_rationale(
    reasons: dict[Side | None, StepReason], last_session: Judgement | None = None
) -> str:
    """A bilateral step's reason; one side's, asking for the other; or both sides', with the
    cue when the last session needs one."""
    if None in reasons:
        return step_reason(reasons[None])
    said = {side: step_reason(reason) for side, reason in reasons.items() if side is not None}
    if len(said) < 2:
        side, only = next(iter(said.items()))
        return f"{side.value.capitalize()}: {only} Log the other side too."
    parts = [f"Left: {said[Side.LEFT]}", f"Right: {said[Side.RIGHT]}"]
    if last_session is not None and needs_cue(last_session):
        parts.append(cue_text(last_session))
    return " ".join(parts)


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


def _span(low: Decimal, high: Decimal) -> str:
    """60-75, or -18 to -10 where a sled outweighs the share (a dash would read as minus)."""
    joint = " to " if low < 0 or high < 0 else "-"
    return f"{format_load(low)}{joint}{format_load(high)}"


def start_rationale(
    basis: Basis, converted: ConvertedStart, related: RelatedBasis | None = None
) -> str:
    """Where the start comes from, how the ratio makes its band, and which step it is."""
    result = converted.start
    unit = result.unit.value
    source = _source(basis, converted, related)
    how = _start_how(converted)
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
    over = f" over {basis.over}" if basis.over else ""
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


def _source(basis: Basis, converted: ConvertedStart, related: RelatedBasis | None) -> str:
    """The basis: the parent's top working set, a related lift's, or the one given."""
    result = converted.start
    parent = basis.instead_of or basis.exercise
    if basis.date and related is not None:
        return (
            f"{parent} was never logged, so the basis is your {related.exercise} top working "
            f"set, {format_load(basis.load)} {result.basis_unit.value} on "
            f"{basis.date.isoformat()}, times {format_load(related.factor)} ({related.why}): "
            f"{format_load(result.basis_load)} {result.basis_unit.value}"
        )
    if not basis.date:
        return f"You gave a {parent} working weight of {basis_text(basis)}"
    source = f"Your {parent} top working set was {basis_text(basis)} on {basis.date.isoformat()}"
    if basis.body_weight is not None:
        moved = format_load(basis.body_weight + basis.load)
        weight = format_load(basis.body_weight)
        weighed_in = basis.unit.value
        source += f", {moved} {weighed_in} moved at a body weight of {weight} {weighed_in}"
    return source


def basis_text(basis: Basis) -> str:
    """The parent's load as logged: 140 kg, BW+20 kg."""
    if basis.bodyweight:
        return bodyweight_text(basis.load, basis.unit)
    return f"{format_load(basis.load)} {basis.unit.value}"


def ratio_pct(ratio: Decimal) -> str:
    """A load ratio as the percent it is, exactly: 0.425 is 42.5, not 42 (the start is
    computed from the exact ratio, and the range beside it says 0.425)."""
    return format_load(ratio * 100)


def _start_how(converted: ConvertedStart) -> str:
    """How the ratio turns the basis into the band, in the variant's terms."""
    result = converted.start
    convention = converted.convention
    unit = result.unit.value
    low, high = ratio_pct(result.ratio_low), ratio_pct(result.ratio_high)
    base_in_unit = convert(result.basis_load, result.basis_unit, result.unit)
    thing = convention.implement_name
    span = f"{format_load(result.raw_low)}-{format_load(result.raw_high)}"
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
        return f"{low}-{high}% of that {thing} is {span} {unit} per {thing}"
    if convention.per is LoadPer.IMPLEMENT and convention.implements > 1:
        total = f"{format_load(converted.total_raw_low)}-{format_load(converted.total_raw_high)}"
        return (
            f"{low}-{high}% of that is {total} {unit} in total, {span} {unit} per {thing} "
            f"with {convention.implements} {thing}s"
        )
    whole = " on the bar" if convention.per is LoadPer.BAR else ""
    return f"{low}-{high}% of that is {span} {unit}{whole}"


def start_line(basis: Basis, converted: ConvertedStart, over: str | None) -> str:
    """One line for `tracker log`: the start a lifter would have been suggested."""
    result, convention = converted.start, converted.convention
    unit = result.unit
    start_at = start_text(result.suggested, unit, convention, result.lightest)
    bodyweight = result.body_weight is not None
    if bodyweight:
        start_at = bodyweight_text(result.suggested, unit)
    if over:
        start_at += f" over {over}"
    each = f" per {convention.implement_name}" if convention.per is LoadPer.IMPLEMENT else ""
    low, high = format_load(result.low), format_load(result.high)
    span = f"{low}-{high} {unit.value}{each}" if low != high else f"{low} {unit.value}{each}"
    if bodyweight:  # BW-55 kg to BW-45 kg, not -55--45
        span = " to ".join(bodyweight_text(end, unit) for end in (result.low, result.high))
    return (
        f"Suggested start from {basis.exercise}: {start_at}"
        f"{' each side' if convention.per is LoadPer.IMPLEMENT else ''} (range {span}; "
        "tracker suggest for why)."
    )


def no_start_text(why: NoStart) -> str:
    """Why no starting load can be given, and what the lifter can do instead."""
    name, hint, measure = why.exercise, f'tracker log "{why.exercise}" {why.example}', why.measure
    if why.cause == "measured" and (why.lower_is_better or why.side_test):
        better = "less" if why.lower_is_better else "more"
        return (
            f"{name} is a test where {better} {measure} is better, and tracker suggest gives "
            f"loads for sets of reps: log each side's trials as you do them ({hint}) and "
            "compare the sides with tracker report imbalance or tracker report readiness"
        )
    if why.cause == "measured":
        return (
            f"{name} is done for {measure}, and tracker suggest gives loads for sets of reps: "
            f"log it as you do it ({hint}) and add {measure} or load from session to session"
        )
    if why.cause == "no_working_sets":
        return (
            f"{name} has no working sets with reps yet (warm-ups and failed attempts do not "
            f"count): log one such as {hint}, then tracker suggest gives the next load"
        )
    if why.cause in ("bilateral", "no_history"):
        head = (
            f"--basis starts a one-sided variant from its bilateral parent; {name} is bilateral"
            if why.cause == "bilateral"
            else f"{name} has no history yet"
        )
        return f"{head}: log a session first ({hint}), then tracker suggest gives the next load"
    if why.parent is not None:
        return (
            f"no published ratio links {name} to {why.parent}: start light, log a "
            f"session, then tracker suggest gives the next load (or set one: tracker exercises "
            f'edit "{name}" --ratio 0.4-0.5, then use --basis LOAD)'
        )
    return (
        f"no published ratio links {name} to a bilateral lift: start light, log a session, "
        f'then tracker suggest gives the next load (or link one: tracker exercises edit "{name}" '
        '--parent "..." --ratio 0.4-0.5, then use --basis LOAD)'
    )


def no_parent_sets(parent: str, exercise: str) -> str:
    return (
        f"no working sets of {parent} yet to start {exercise} from: log {parent} first, or "
        f"give --basis LOAD (a {parent} working weight you know)"
    )


def no_added_load(logged: str, parent: str, exercise: str) -> str:
    return (
        f"your latest {logged} sets had no added load (bodyweight or assisted): start "
        f"{exercise} at bodyweight, or give --basis LOAD (a loaded {parent} working weight "
        "you know)"
    )


def not_weighed_at_basis(logged: str, as_typed: str, exercise: str) -> str:
    return (
        f"your {logged} sets were logged as {as_typed}: log your body weight (tracker "
        f"bodyweight add WEIGHT) and {exercise} starts from the load you moved"
    )


def not_weighed(exercise: str) -> str:
    return (
        f"{exercise} starts from your body weight (BW, BW-20 assisted, BW+5): log it first "
        "(tracker bodyweight add WEIGHT), then tracker suggest gives the start"
    )
