"""The imbalance report's headline in words: "Left side weaker in 4 of the last 5 sessions
(LSI 84.6, imbalanced)."."""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.asymmetry import (
    Judgement,
    NoiseFrom,
    Verdict,
    lsi_text,
    pct_text,
    shown_asymmetry,
    shown_noise,
)
from tracker.domain.model import Side
from tracker.domain.report_figures import Missing, NoReference, PreInjury, ReadinessVerdict
from tracker.wording import plural


def article(number_text: str) -> str:
    """ "a" or "an" before a number as it is read: an 8, an 11, an 18, an 80, a 1, a 5."""
    whole = number_text.split(".")[0]
    spoken_an = (
        whole.startswith("8")
        or whole in ("11", "18")
        or (len(whole) in (5, 6) and whole[: len(whole) - 3] in ("11", "18"))
    )
    return "an" if spoken_an else "a"


def _last(count: int) -> str:
    return "the last session" if count == 1 else f"the last {count} sessions"


def _in_last(agreeing: int, count: int) -> str:
    return "in the last session" if count == 1 else f"in {agreeing} of the last {count} sessions"


def noise_phrase(result: Judgement) -> str:
    """ "within your noise (±7.1%)" (the lifter's own typical error) or "within noise (<15%)"
    (the default, too few sessions of their own)."""
    noise = pct_text(shown_noise(result, 1))
    if result.noise.source is NoiseFrom.OWN:
        return f"within your noise (±{noise}%)"
    return f"within noise (<{noise}%)"


def verdict_text(result: Judgement) -> str:
    """One plain sentence about the latest sessions, agreeing with their rows."""
    if result.verdict is Verdict.NO_DATA or result.lsi is None or result.status is None:
        return (
            "Not enough data: no session has both sides measured this way (timed and distance "
            "sets compare with --metric duration or distance)."
        )
    n, involved = result.compared_sessions, result.involved is not None
    lsi_part = f"LSI {lsi_text(result.lsi, involved)}, {result.status.value}"
    if result.involved is not None:
        lsi_part = f"involved {result.involved.value}, {lsi_part}"
    if result.verdict is Verdict.NO_DIFFERENCE:
        return f"No difference between sides in {_last(n)} ({lsi_part})."
    if result.verdict is Verdict.TOO_FEW:
        only = Side.LEFT if result.left_weaker else Side.RIGHT
        return (
            f"No consistent weaker side: {only.value} weaker in only "
            f"{max(result.left_weaker, result.right_weaker)} of the last {n} sessions "
            f"({lsi_part})."
        )
    if result.verdict is Verdict.SWAPPED or result.consistent_side is None:
        counts = f"left weaker in {result.left_weaker}, right weaker in {result.right_weaker}"
        return f"No consistent weaker side over {_last(n)}: it swapped ({counts}; {lsi_part})."
    side = result.consistent_side.value
    in_sessions = _in_last(result.consistent_sessions, n)
    if result.verdict is Verdict.EQUAL:
        return (
            f"No difference between the best of each side over {_last(n)} ({lsi_part}); "
            f"{side} side weaker {in_sessions}."
        )
    if result.verdict is Verdict.LOWER_ON_OTHER:
        return (
            f"No consistent weaker side: {side} weaker {in_sessions}, but "
            f"{'slower' if result.lower_is_better else 'lower'} on the other side over them "
            f"({lsi_part})."
        )
    sentence = f"{side.capitalize()} side weaker {in_sessions} ({lsi_part})"
    if result.verdict is Verdict.WITHIN_NOISE:
        pct = pct_text(shown_asymmetry(result.lsi, 1, involved))
        return f"{sentence}, but {article(pct)} {pct}% difference is {noise_phrase(result)}."
    return sentence + "."


def involved_bands() -> str:
    """How an LSI with an involved side reads, in the words of `report html`'s header: above
    100 when that side is stronger, banded by its distance from 100 (domain.asymmetry.band_of;
    test_wording pins the sentence, the team view's tests that report html says it too)."""
    return (
        "Where an exercise names an involved side, LSI = involved / uninvolved x 100, which "
        "exceeds 100 when the involved side is stronger: balanced from 90 to 110, watch from 85 "
        "to 90 and from 110 to 115, imbalanced beyond."
    )


def measured_side(sets: int, trials: bool, compared: tuple[str, str] | None) -> str:
    """A side done for time or distance (no reps, so no volume), for a physio: its sets, or
    its trials for a test whose sets are all times or all distances alone (a hop), and the
    figure compared, as (aggregate, "2.28 s"): "2 trials, best 2.28 s" (best set),
    "3 sets, total 120 m"; with none compared (e1RM asked of a carry) "2 sets for time or
    distance"."""
    counted = plural(sets, "trial" if trials else "set")
    if compared is None:
        return f"{counted} for time or distance"
    aggregate, figure = compared
    return f"{counted}, {'best' if aggregate == 'best_set' else 'total'} {figure}"


def epic_line(found: PreInjury) -> str:
    """EPIC beside the LSI with its meaning in one line, or why there is none (text, HTML)."""
    note = epic_note(found)
    if note is not None or found.epic is None:
        return note or ""
    if found.lower_is_better:  # times: the faster the better, so before / now
        epic, recovery = "uninvolved time before the injury / involved time now", (
            "involved time before / now")
    else:
        epic, recovery = "involved now / uninvolved before the injury", (
            "involved now / involved before")
    recovered = "" if found.recovery is None else (
        f"; recovery {lsi_text(found.recovery, True)} ({recovery})"
    )
    return (
        f"EPIC {lsi_text(found.epic, True)} ({epic} x 100, "
        f"{plural(found.sessions, 'session')} before {found.until.isoformat()}){recovered}."
    )


def epic_note(found: PreInjury) -> str | None:
    """Why an exercise with an injury date has no EPIC (None: it has one)."""
    until = found.until.isoformat()
    if found.missing is None:
        return None
    if found.missing is NoReference.NO_SIDE:
        return "No EPIC: no involved side (the LSI is weaker / stronger)."
    if found.missing is NoReference.NO_HEADLINE:
        return "No EPIC: no session has both sides measured this way to compare now."
    if found.missing is NoReference.HEADLINE_BEFORE:
        return (
            f"No EPIC yet: the headline's {plural(found.headline_sessions, 'session')} reach "
            f"back before the injury date {until}."
        )
    if found.missing is NoReference.NO_SESSIONS:
        return (
            f"No EPIC: no session with both sides measured from {found.since.isoformat()} to "
            f"the injury date {until}."
        )
    return (
        f"No EPIC: only {plural(found.sessions, 'session')} before the injury date {until}, "
        f"and a total needs as many as now ({found.headline_sessions})."
    )


def readiness_reason(
    name: str,
    missing: Missing | None,
    verdict: ReadinessVerdict,
    figures: dict[str, Decimal | None],
    threshold: Decimal,
    detail: str = "",
    involved: bool = True,
) -> str | None:
    """Why a readiness test did not pass (None: it passed); ``figures``: its "lsi" and
    "epic"."""
    if missing is Missing.UNKNOWN:
        return f"Never done: {detail}" + ("" if detail.endswith((".", "?")) else ".")
    if missing is Missing.BILATERAL:
        return f"{name} is bilateral: it has no sides to compare."
    if missing is Missing.NOT_SINCE:
        return f"Not done since the injury date {detail}: its sessions are all before it."
    if missing is Missing.NEVER_DONE:
        return "Never done: no set of it is logged."
    if missing is Missing.NO_LSI or verdict.passed and not verdict.criteria:
        return "No session has both sides measured: no LSI."
    if verdict.passed:
        return None
    limit = pct_text(threshold)
    below = [
        f"{key.upper()} {lsi_text(value, involved or key == 'epic', threshold)} is below {limit}"
        for key, value in figures.items()
        if key in verdict.failed and value is not None
    ]
    return "; ".join(below) + "."
