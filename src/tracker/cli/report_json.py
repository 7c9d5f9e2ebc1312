"""The reports as JSON: loads in the lifter's unit rounded to 2 decimals, times and distances to
the thousandth they are logged with (report_figures.figure_places; README shapes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.domain.asymmetry import shown_asymmetry, shown_beside, shown_lsi, shown_noise
from tracker.domain.report_figures import (
    BestSet,
    ExerciseImbalance,
    HistoryReport,
    ImbalanceReport,
    PreInjury,
    SideFigures,
    SummaryBucket,
    SummaryReport,
    figure_places,
    figure_unit,
    weeks_since,
)
from tracker.domain.units import as_number, rounded_number
from tracker.wording.asymmetry import epic_note, verdict_text

if TYPE_CHECKING:
    from tracker.services.readiness import Readiness, ReadinessTest


def num(value: Decimal | None, unit: str = "") -> float | None:
    """A figure for JSON in ``unit`` (figure_unit's names): a load in the lifter's unit to 2
    decimals, a time (s) or distance (m) to the thousandth (figure_places)."""
    return None if value is None else rounded_number(value, figure_places(unit))


def lsi_num(value: Decimal | None, involved: bool = False) -> float | None:
    """An LSI for JSON: 2 decimals, on the side of its band (domain.asymmetry.shown_lsi)."""
    return None if value is None else float(shown_lsi(value, 2, involved))


def asymmetry_num(value: Decimal | None, involved: bool = False) -> float | None:
    """The asymmetry that goes with ``lsi_num`` (LSI 84.99 -> 15.01)."""
    return None if value is None else float(shown_asymmetry(value, 2, involved))


def best_set_json(best: BestSet | None) -> dict[str, Any] | None:
    if best is None:
        return None
    return {"reps": best.reps, "load": num(best.load), "as_typed": best.as_typed}


def best_json(best: BestSet | None) -> dict[str, Any]:
    """A side's all-time best: its e1RM and the set behind it."""
    return {"best_e1rm": None if best is None else num(best.e1rm), "best_set": best_set_json(best)}


def side_json(figures: SideFigures, timed: bool = True) -> dict[str, Any]:
    """One side's figures; duration and distance only when they were asked for (timed)."""
    best = figures.best_set
    extra = {"duration_s": as_number(figures.duration), "distance_m": num(figures.distance, "m")}
    extra = extra if timed else {}
    return {
        "sets": figures.sets,
        "reps": figures.reps,
        "volume": num(figures.volume_or_none),
        "best_e1rm": num(figures.best_e1rm),
        "best_set": best_set_json(best),
        "reliable": best is None or best.reliable,
        "out_of_range_sets": figures.out_of_range,
        **extra,
    }


TIMED = ("duration", "distance", "best_distance")  # compared by these, the sides' measures show


def exercise_json(item: ExerciseImbalance) -> dict[str, Any]:
    judged = item.judgement
    all_time = item.all_time
    involved = judged.involved is not None
    shown_in = figure_unit(item.compared_by, "")  # s or m for a time or distance
    return {
        "exercise": item.exercise,
        "left": side_json(item.left, item.compared_by in TIMED),
        "right": side_json(item.right, item.compared_by in TIMED),
        "scope": "recent",  # the headline's sessions: recent_from and compared_sessions
        "lsi": lsi_num(judged.lsi, involved),
        "asymmetry_pct": asymmetry_num(judged.lsi, involved),
        "weaker_side": judged.weaker_side.value if judged.weaker_side else None,
        "status": judged.status_text,
        "consistent_sessions": judged.consistent_sessions,
        "compared_sessions": judged.compared_sessions,
        "within_noise": judged.within_noise,
        # What the asymmetry is judged against: the lifter's own typical error ("own", 5 or
        # more sessions with both sides) or the default 15 ("default").
        "noise_pct": float(shown_noise(judged, 2)),
        "noise_from": judged.noise.source.value,
        "verdict": verdict_text(judged),
        "recent_from": judged.first.isoformat() if judged.first else None,
        # Each side's figure over those sessions: what the LSI above is computed from.
        "recent_left": num(judged.left, shown_in),
        "recent_right": num(judged.right, shown_in),
        "compared_by": item.compared_by,
        "aggregate": item.aggregate,
        "lower_is_better": judged.lower_is_better,  # its times: the shorter is the better
        "per": item.per,
        "involved": judged.involved.value if judged.involved else None,
        "all_time": {
            "scope": "all_time",
            "left": best_json(all_time.left),
            "right": best_json(all_time.right),
            "lsi": lsi_num(all_time.lsi, involved),
        },
        **pre_injury_json(item.pre_injury, shown_in),
        "notes": list(item.notes),
        "sessions": sessions_json(item),
    }


def sessions_json(item: ExerciseImbalance) -> list[dict[str, Any]]:
    """Each session's compared figure per side and its LSI."""
    involved = item.judgement.involved is not None
    shown_in = figure_unit(item.compared_by, "")
    return [
        {
            "date": c.date.isoformat(),
            "left": num(c.left, shown_in),
            "right": num(c.right, shown_in),
            "lsi": lsi_num(item.session_lsi(c), involved),
        }
        for c in item.comparisons
    ]


def pre_injury_json(found: PreInjury | None, shown_in: str = "") -> dict[str, Any]:
    """EPIC, recovery and the reference they divide by (only for an exercise with an injury
    date); null, with the note saying why, where there is no pre-injury data."""
    if found is None:
        return {}
    reference = None
    if found.sessions:
        reference = {
            "uninvolved": num(found.uninvolved, shown_in),
            "involved": num(found.involved, shown_in),
            "sessions": found.sessions,
            "until": found.until.isoformat(),
        }
    return {
        "epic": lsi_num(found.epic, True),
        "recovery": lsi_num(found.recovery, True),
        "pre_injury": reference,
        "epic_note": epic_note(found),
    }


def imbalance_json(report: ImbalanceReport) -> dict[str, Any]:
    first, last = report.first_date, report.last_date
    return {
        "lifter": report.lifter,
        "unit": report.unit.value,
        "from": first.isoformat() if first else None,
        "to": last.isoformat() if last else None,
        "metric": report.metric,
        "formula": report.formula,
        "recent": report.recent,
        "involved": report.involved.value if report.involved else None,
        "exercises": [exercise_json(item) for item in report.exercises],
    }


def history_json(report: HistoryReport) -> dict[str, Any]:
    return {
        "lifter": report.lifter,
        "exercise": report.exercise,
        "unit": report.unit.value,
        "formula": report.formula,
        "laterality": report.laterality,
        "sets_counted_as": report.sets_counted_as,
        "per": report.per,
        "sessions": [
            {
                "date": e.date.isoformat(),
                "session": e.session_id,
                "side": e.side.value if e.side else None,
                **side_json(e.figures),
                "session_sets": e.session_sets,
                "best_time_s": None if e.best.time_s is None else as_number(e.best.time_s),
                "best_distance": None
                if e.best.distance is None
                else {"distance": num(e.best.distance, "m"), "unit": e.best.distance_unit},
                "personal_best": e.personal_best,
            }
            for e in report.entries
        ],
    }


def bucket_json(label: str, bucket: SummaryBucket) -> dict[str, Any]:
    return {
        label: bucket.key,
        "sessions": len(bucket.sessions),
        "sets": bucket.sets,
        "reps": bucket.reps,
        "volume": num(bucket.volume),
    }


def summary_json(report: SummaryReport) -> dict[str, Any]:
    return {
        "lifter": report.lifter,
        "unit": report.unit.value,
        "since": report.since.isoformat() if report.since else None,
        "sets_counted_as": report.sets_counted_as,
        "sessions": report.sessions,
        "sets": report.sets,
        "volume": num(report.volume),
        "weeks": [bucket_json("week", b) for b in report.weeks],
        "body_parts": [bucket_json("body_part", b) for b in report.body_parts],
    }


def readiness_json(report: Readiness, today: date) -> dict[str, Any]:
    """`report readiness --json`: the involved side and injury date at the top only when
    every test has the same ones."""
    agreed = report.agreed()
    top: dict[str, Any] = {}
    if agreed is not None:
        side, day = agreed
        top = {"involved": side.value if side else None,
               "injury_date": day.isoformat() if day else None}
    day = agreed[1] if agreed else None
    return {
        "lifter": report.lifter,
        "threshold": num(report.threshold),
        **top,
        "weeks_since_injury": None if day is None else weeks_since(day, today),
        "tests": [readiness_test_json(test, report) for test in report.tests],
        "passed": report.passed,
    }


def readiness_test_json(test: ReadinessTest, report: Readiness) -> dict[str, Any]:
    item = test.item
    judged = item.judgement if item else None
    found = item.pre_injury if item else None
    involved = test.involved is not None
    lsi, epic = test.lsi, test.epic
    metric = item.compared_by if item else None
    return {
        "exercise": test.exercise,
        "metric": metric,
        "unit": None if metric is None else figure_unit(metric, report.unit),
        "involved": test.involved.value if test.involved else None,
        "injury_date": test.injury_date.isoformat() if test.injury_date else None,
        # The latest session compared (both sides), as recent_from is the earliest.
        "date": judged.last.isoformat() if judged and judged.last else None,
        "scope": "recent",
        "compared_sessions": judged.compared_sessions if judged else 0,
        "recent_from": judged.first.isoformat() if judged and judged.first else None,
        "lsi": None if lsi is None else float(shown_beside(lsi, 2, report.threshold, involved)),
        "epic": None if epic is None else float(shown_beside(epic, 2, report.threshold, True)),
        "recovery": lsi_num(found.recovery if found else None, True),
        "epic_note": None if found is None else epic_note(found),
        "criteria": list(test.verdict.criteria),
        "passed": test.verdict.passed,
        "reason": report.reason(test),
    }
