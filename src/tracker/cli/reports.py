"""`tracker report ...`: imbalance, history and weekly summary.

Services return the domain's report types; this module alone turns them into text or JSON.
Text fits the terminal (COLUMNS is honoured): tables narrow to a stacked layout and sentences
wrap, so no line is wider than the terminal down to 60 columns.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import click

from tracker.cli.charts import bar, sparkline
from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, UserError, echo, emit_json, pass_app, style
from tracker.cli.params import SINCE, UNTIL
from tracker.cli.render import figure_text, measure_text, measured_side_text, table
from tracker.cli.terminal import terminal_width
from tracker.domain.asymmetry import lsi_text, pct_text
from tracker.domain.model import Side
from tracker.domain.report_figures import (
    figure_unit,
    metres,
)
from tracker.wording import plural
from tracker.wording.asymmetry import epic_line, verdict_text

if TYPE_CHECKING:
    from tracker.domain.report_figures import (
        ExerciseImbalance,
        HistoryEntry,
        HistoryReport,
        ImbalanceReport,
        SummaryBucket,
    )
    from tracker.services.readiness import Readiness

FORMULAS = click.Choice(
    ["epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan"], case_sensitive=False
)
# The e1RM formula option every report shares (the choices listed in its help, so that the
# option line fits a phone's 60 columns).
formula_option = click.option(
    "--formula",
    type=FORMULAS,
    default="epley",
    show_default=True,
    metavar="NAME",
    help="e1RM formula: epley, brzycki, lander, lombardi, mayhew, oconner or wathan.",
)
since_option = click.option(
    "--since", type=SINCE, help='Start of the window, e.g. "90d" or "2026-09-01".'
)
until_option = click.option(
    "--until", type=UNTIL, help="End of the window, a day included (default now)."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Output JSON.")
STATUS_COLOURS = {"balanced": "green", "watch": "yellow", "imbalanced": "red"}
MIN_WIDTH = 40


@click.group("report")
def report_group() -> None:
    """Reports: left against right, progress over time, the week in numbers."""


def width() -> int:
    """The terminal's width (COLUMNS wins; 80 when output is not a terminal), never below a
    readable minimum."""
    return max(MIN_WIDTH, terminal_width() or 80)


def say(text: str, indent: str = "") -> None:
    """A sentence wrapped to the terminal, continuation lines indented like the first."""
    more = indent + "  "
    for line in textwrap.wrap(text, width(), initial_indent=indent, subsequent_indent=more):
        echo(line)


def lsi_fmt(value: Decimal | None, involved: bool = False) -> str:
    """An LSI in text: always one decimal, on the side of its band (never 85.0 for 84.997)."""
    if value is None:
        return "-"
    return lsi_text(value, involved)


def emit_table(rows: list[list[str]], headers: list[str], stacked: list[tuple[str, str]]) -> None:
    """An aligned table when it fits the terminal, else a heading and a detail line per row."""
    lines = table(rows, headers)
    if max(len(line) for line in lines) <= width():
        for line in lines:
            echo(line)
        return
    for heading, detail in stacked:
        say(heading)
        say(detail, "  ")


@report_group.command("imbalance")
@click.argument("exercise", required=False, shell_complete=complete_exercise)
@since_option
@until_option
@click.option(
    "--metric",
    type=click.Choice(["e1rm", "volume", "reps", "duration", "distance", "best_distance"]),
    metavar="METRIC",
    default="e1rm",
    show_default=True,
    help="What to compare: e1rm (best estimated 1RM), volume (reps x load), reps, duration "
    "(the best set's time: the longest hold, the shortest for a lower-is-better test), "
    "distance (the total: carries) or best_distance (the longest trial: hops). Sets all "
    "timed or all distance without a load compare by duration or best_distance anyway.",
)
@formula_option
@click.option(
    "--recent",
    type=int,
    default=3,
    show_default=True,
    help="The headline covers the latest N sessions with both sides logged.",
)
@click.option(
    "--involved",
    type=click.Choice(["left", "right", "none"]),
    help="The injured or trained side: LSI = involved / uninvolved x 100 (none: weaker / "
    "stronger, whatever lifter edit --involved keeps).",
)
@json_option
@pass_app
def report_imbalance(
    app: App,
    exercise: str | None,
    since: datetime | None,
    until: datetime | None,
    metric: str,
    formula: str,
    recent: int,
    involved: str | None,
    as_json: bool,
) -> None:
    """Compare left and right per unilateral exercise (all of them, most asymmetric first).

    The headline (LSI, weaker side, status, verdict) is about now: the latest --recent
    sessions in which both sides were logged; the per-side figures and the session rows cover
    the whole window. LSI = weaker / stronger x 100 (involved / uninvolved with --involved);
    asymmetry = 100 - LSI. Status: balanced (LSI >= 90), watch (85-90), imbalanced (< 85).
    """
    from tracker.cli.report_json import imbalance_json
    from tracker.cli.startup import collector_paused
    from tracker.services.reports import imbalance_report

    uow = app.uow(read_only=True)  # opens the database, which resumes the start-up's collector
    with collector_paused():
        report = imbalance_report(
            uow, app.lifter, exercise, since, until, metric, formula.lower(), recent,
            Side(involved) if involved and involved != "none" else None, involved == "none",
        )
        if as_json:
            emit_json(imbalance_json(report))
        else:
            render_imbalance(report)


def render_imbalance(report: ImbalanceReport) -> None:
    if not report.exercises:
        say("No unilateral sets in this window: log one with --left/--right.")
        return
    unit = report.unit.value
    labels = {
        "e1rm": f"best e1RM ({unit})",
        "volume": f"total volume ({unit})",
        "reps": "best-set reps",
        "duration": "longest set (s)",
        "shortest": "shortest set (s)",  # duration, when less is better
        "distance": "total distance (m)",
        "best_distance": "longest single distance (m)",
        "reps_at_load": "best-set reps at a shared load",
    }
    # An exercise compared otherwise than --metric says so on its own line; the heading names
    # the metric only when some exercise is compared by it (not a report of hop tests alone).
    own_line = [
        item for item in report.exercises
        if item.judgement.lower_is_better or item.compared_by != report.metric
    ]
    label = "" if len(own_line) == len(report.exercises) else f"{labels[report.metric]}, "
    say(f"Left vs right, {label}{report.first_date} to {report.last_date}.")
    for item in own_line:
        if item.judgement.lower_is_better:  # a test where less is better: its times
            say(f"{item.exercise}: compared by {labels['shortest']}, less is better: LSI = "
                "faster / slower, or uninvolved / involved time.")
        else:
            say(f"{item.exercise}: compared by {labels[item.compared_by]}.")
    stored = any(item.judgement.involved for item in report.exercises)
    say(
        f"Headline: the latest {plural(report.recent, 'session')} with both sides logged"
        + (f"; LSI = {report.involved.value} (involved) / uninvolved." if report.involved
           else "; LSI = involved / uninvolved where an exercise has an involved side."
           if stored else ".")
    )
    rows, stacked = [], []
    epic = any(item.pre_injury is not None for item in report.exercises)
    for item in report.exercises:
        judged = item.judgement
        involved = judged.involved is not None
        epic_cell = [lsi_fmt(item.pre_injury.epic if item.pre_injury else None, True)] * epic
        status = judged.status_text
        weaker = judged.weaker_side.value if judged.weaker_side else "-"
        shown_in = figure_unit(item.compared_by, unit)
        left, right = figure_text(judged.left, shown_in), figure_text(judged.right, shown_in)
        rows.append(
            [
                item.exercise,
                left,
                right,
                lsi_fmt(judged.lsi, involved),
                *epic_cell,
                weaker,
                style(status, fg=STATUS_COLOURS.get(status)),
                str(len(item.sessions)),
            ]
        )
        stacked.append(
            (
                item.exercise,
                f"left {left}, right {right}, LSI {lsi_fmt(judged.lsi, involved)}, "
                + "".join(f"EPIC {cell}, " for cell in epic_cell)
                + f"weaker {weaker}, {status}, {plural(len(item.sessions), 'session')}",
            )
        )
    echo("")
    headers = ["exercise", "left", "right", "LSI", *["EPIC"] * epic, "weaker", "status"]
    emit_table(rows, [*headers, "sessions"], stacked)
    for item in report.exercises:
        echo("")
        render_exercise_detail(item)


def render_exercise_detail(item: ExerciseImbalance) -> None:
    say(style(item.exercise, bold=True) + (f" (per {item.per})" if item.per else ""))
    say(verdict_text(item.judgement), "  ")
    if item.pre_injury is not None:
        say(epic_line(item.pre_injury), "  ")
    for side, figures in ((Side.LEFT, item.left), (Side.RIGHT, item.right)):
        best = figures.best_set
        if figures.volume_or_none is None:  # done for time or distance: no reps, no volume
            say(f"{side.value}: {measured_side_text(item, figures)}", "  ")
            continue
        totals = f"{plural(figures.sets, 'set')}, volume {figure_text(figures.volume)}"
        if best is None:
            say(f"{side.value}: {totals}", "  ")
            continue
        note = "" if best.reliable else " (over 12 reps: less reliable)"
        e1rm = figure_text(best.e1rm)
        say(f"{side.value}: best set {best.reps} x {best.as_typed}, e1RM {e1rm}{note}; {totals}",
            "  ")
    for note in item.notes:
        say(note, "  ")
    render_session_bars(item)
    all_time = item.all_time
    if all_time.left and all_time.right and all_time.lsi is not None:
        say(f"All-time best: left {all_time.left.reps} x {all_time.left.as_typed}, right "
            f"{all_time.right.reps} x {all_time.right.as_typed}, "
            f"LSI {lsi_fmt(all_time.lsi, item.judgement.involved is not None)}",
            "  ")


def render_session_bars(item: ExerciseImbalance) -> None:
    comparisons = item.comparisons
    shown_in = figure_unit(item.compared_by, "")  # s or m: the places of a time or distance
    values = [v for c in comparisons for v in (c.left, c.right) if v is not None]
    top = float(max(values)) if values else 0.0
    # date (10) + side + value (8) + " LSI 100.0" around the bar, with their spaces.
    bar_width = max(8, min(24, width() - 36))
    involved = item.judgement.involved is not None
    for c in comparisons[-12:]:
        session_lsi = item.session_lsi(c)
        for side, value in (("left", c.left), ("right", c.right)):
            label = c.date.isoformat() if side == "left" else ""
            shown = lsi_fmt(session_lsi, involved)
            lsi = f"LSI {shown}" if side == "right" and session_lsi else ""
            drawn = bar(float(value or 0), top, bar_width)
            figure = figure_text(value, shown_in)
            line = f"  {label:<10} {side[0].upper()} {drawn:<{bar_width}} {figure:>8} {lsi}"
            echo(line.rstrip())
    lsis = [None if v is None else float(v) for v in map(item.session_lsi, comparisons)]
    if len([v for v in lsis if v is not None]) > 1:
        # An involved side stronger reads above 100: the scale then runs to 130.
        top = 130 if any(v is not None and v > 100 for v in lsis) else 100
        scale = f"(scale 70-{top})"
        # "  LSI trend " (12) and "  (scale 70-100)" take 28 or 29 columns: the rest is one
        # per session.
        recent = lsis[-(width() - 14 - len(scale)) :]
        echo(f"  LSI trend {sparkline(recent, 70, top)}  {scale}")


@report_group.command("history")
@click.argument("exercise", shell_complete=complete_exercise)
@click.option("--side", type=click.Choice(["left", "right"]), help="Only one side.")
@click.option("--since", type=SINCE, help='Start of the window, e.g. "12w".')
@formula_option
@click.option(
    "--count-sides",
    is_flag=True,
    help="Count each side as a set in session_sets (default: a left/right pair is one).",
)
@json_option
@pass_app
def report_history(
    app: App,
    exercise: str,
    side: str | None,
    since: datetime | None,
    formula: str,
    count_sides: bool,
    as_json: bool,
) -> None:
    """Per session: best set, e1RM, volume and reps (per side), personal bests marked."""
    from tracker.cli.report_json import history_json
    from tracker.services.reports import history_report

    report = history_report(
        app.uow(read_only=True), app.lifter, exercise, Side(side) if side else None, since,
        formula.lower(), pairs=not count_sides,
    )
    if as_json:
        emit_json(history_json(report))
        return
    render_history(report)


def render_history(report: HistoryReport) -> None:
    entries = report.entries
    # Timed and distance sets (planks, carries, hops) add each side's best time and distance.
    measures = [
        measure
        for measure, logged in (
            ("time", any(e.best.time_s for e in entries)),
            ("distance", any(e.best.distance for e in entries)),
        )
        if logged
    ]
    # Done only for time or distance (a hop test, a plank): no set has reps, so there is no
    # best set, e1RM, volume or rep count to show, only the measures and their trend.
    by_reps = not measures or any(e.figures.reps for e in entries)
    if by_reps:
        per = f", per {report.per}" if report.per else ""
        basis = f"e1RM by {report.formula}, {report.unit.value}{per}"
    else:
        less = report.lower_is_better and "time" in measures
        basis = f"best {' and '.join(measures)} per session" + (
            ", less time is better" if less else "")
    say(style(report.exercise, bold=True) + f"  ({basis})")
    if not entries:
        say("No working sets in this window.")
        return
    top = float(max((e.figures.best_e1rm or 0) for e in entries))
    rows, stacked = [], []
    for e in entries:
        side_text = e.side.value if e.side else ""
        heading = f"{e.date.isoformat()} {side_text}".rstrip()
        shown = [history_measure(e, measure) for measure in measures]
        details = [f"best {measure} {text}" for measure, text in zip(measures, shown, strict=True)]
        if not by_reps:
            rows.append([e.date.isoformat(), side_text, *shown])
            stacked.append((heading, ", ".join(details)))
            continue
        best = e.figures.best_set
        best_text = f"{best.reps} x {best.as_typed}" if best else "-"
        pb = "PB" if e.personal_best else ""
        volume = e.figures.volume_or_none  # None: timed or distance sets alone, no reps
        rows.append(
            [
                e.date.isoformat(),
                side_text,
                best_text,
                figure_text(e.figures.best_e1rm),
                bar(float(e.figures.best_e1rm or 0), top, 12),
                figure_text(volume),
                "-" if volume is None else str(e.figures.reps),
                *shown,
                pb,
            ]
        )
        stacked.append(
            (
                heading + (f"  {pb}" if pb else ""),
                f"best {best_text}, e1RM {figure_text(e.figures.best_e1rm)}, volume "
                f"{figure_text(volume)}, {plural(e.figures.reps, 'rep')}"
                + "".join(f", {detail}" for detail in details),
            )
        )
    headers = [f"best {measure}" for measure in measures]
    if by_reps:
        headers = ["date", "side", "best set", "e1RM", "", "volume", "reps", *headers, ""]
    else:
        headers = ["date", "side", *headers]
    emit_table(rows, headers, stacked)
    sides = sorted({e.side for e in entries}, key=lambda s: s or "")
    for trend in ["e1RM"] * by_reps + [f"best {measure}" for measure in measures]:
        for this_side in sides:
            label = f"{this_side.value} " if this_side else ""
            values = [history_value(e, trend) for e in entries if e.side == this_side]
            # As many sessions as fit beside "e1RM trend right " (17 columns) with 3 to spare;
            # a longer name, fewer.
            fits = width() - 20 - (len(trend) - len("e1RM"))
            say(f"{trend} trend {label}{sparkline(values[-fits:])}")


def history_measure(entry: HistoryEntry, measure: str) -> str:
    """An entry's best time or distance as logged (2.004 s, 1:30, 152 cm as 1.52 m), "-"
    when it has none."""
    best = entry.best
    if measure == "time":
        return measure_text(best.time_s, None, None) or "-"
    return measure_text(None, best.distance, best.distance_unit) or "-"


def history_value(entry: HistoryEntry, trend: str) -> float | None:
    """An entry's figure for a trend: its "e1RM", "best time" (s) or "best distance" (m: 5 km
    above 400 m)."""
    best = entry.best
    value = {
        "e1RM": entry.figures.best_e1rm,
        "best time": best.time_s,
        "best distance": metres(best.distance, best.distance_unit),
    }[trend]
    return None if value is None else float(value)


@report_group.command("summary")
@click.option("--since", type=SINCE, default="4w", show_default=True, help="Start of the window.")
@click.option(
    "--count-sides",
    is_flag=True,
    help="Count each side of a unilateral exercise as a set (default: a left/right pair is one).",
)
@json_option
@pass_app
def report_summary(app: App, since: datetime, count_sides: bool, as_json: bool) -> None:
    """Sessions, sets and volume per week and per body part."""
    from tracker.cli.report_json import summary_json
    from tracker.services.reports import summary_report

    report = summary_report(app.uow(read_only=True), app.lifter, since, pairs=not count_sides)
    if as_json:
        emit_json(summary_json(report))
        return
    unit = report.unit.value
    counted = "each side a set" if count_sides else "a left/right pair is one set"
    say(
        f"Since {report.since}: {plural(report.sessions, 'session')}, "
        f"{plural(report.sets, 'working set')} ({counted}), volume {figure_text(report.volume)} "
        f"{unit}."
    )
    if not report.weeks:
        return
    echo("")
    summary_table(report.weeks, "week", unit, bar_top=float(max(w.volume for w in report.weeks)))
    echo("")
    summary_table(report.body_parts, "body part", unit)


def summary_table(
    buckets: Sequence[SummaryBucket], heading: str, unit: str, bar_top: float | None = None
) -> None:
    """Sessions, sets and volume per bucket; with ``bar_top``, a bar of each volume against it
    (the weeks)."""
    rows = []
    for b in buckets:
        row = [b.key, str(len(b.sessions)), str(b.sets), figure_text(b.volume)]
        if bar_top is not None:
            row.append(bar(float(b.volume), bar_top, 12))
        rows.append(row)
    stacked = [(b.key, f"{plural(len(b.sessions), 'session')}, {plural(b.sets, 'set')}, "
                f"volume {figure_text(b.volume)} {unit}") for b in buckets]
    bar_column = [""] if bar_top is not None else []
    emit_table(rows, [heading, "sessions", "sets", f"volume {unit}", *bar_column], stacked)


@report_group.command("readiness")
@click.option(
    "--threshold",
    default="90",
    metavar="PCT",
    show_default=True,
    help="Pass mark of each LSI and EPIC: 50 to 100 (%), one decimal at most.",
)
@click.option(
    "--test",
    "tests",
    multiple=True,
    metavar="EXERCISE",
    shell_complete=complete_exercise,
    help="A test of the battery (repeat it; replaces the default battery).",
)
@json_option
@pass_app
def report_readiness(app: App, threshold: str, tests: tuple[str, ...], as_json: bool) -> None:
    """Return-to-sport readiness of the involved side: a battery of tests.

    By default quadriceps strength (Single-Leg Leg Extension) and the single, triple,
    crossover and 6 m timed hop tests. A test passes when its LSI (the headline of report
    imbalance over its sessions since the injury date) is at least --threshold and, where
    pre-injury data gives one, so is its EPIC; the battery passes when every test does.
    """
    from tracker.cli.params import local_now
    from tracker.cli.report_json import readiness_json
    from tracker.services.readiness import readiness_report

    try:
        limit = Decimal(threshold)
    except ArithmeticError:
        raise UserError(f'--threshold must be a number, got "{threshold}"') from None
    report = readiness_report(app.uow(read_only=True), app.lifter, tests, limit)
    today = local_now().date()
    if as_json:
        emit_json(readiness_json(report, today))
        return
    render_readiness(report, today)


def render_readiness(report: Readiness, today: date) -> None:
    from tracker.domain.report_figures import weeks_since
    from tracker.wording.asymmetry import epic_note

    agreed = report.agreed()
    limit = pct_text(report.threshold)
    heading = f"Readiness of {report.lifter}"
    if agreed is not None and agreed[0] is not None:
        heading += f", involved {agreed[0].value}"
    if agreed is not None and agreed[1] is not None:
        weeks = plural(weeks_since(agreed[1], today), "week")
        heading += f": {weeks} since the injury ({agreed[1].isoformat()})"
    if agreed is not None and agreed[0] is None:
        heading += (": no involved side, so each LSI is weaker / stronger (set one with "
                    "tracker lifter edit --involved)")
    say(heading + ".")
    say(f"A test passes with LSI >= {limit} over its latest sessions since the injury and, "
        f"where pre-injury data gives one, EPIC >= {limit}.")
    for test in report.tests:
        echo("")
        passed = style("passed", fg="green") if test.verdict.passed else style(
            "not passed", fg="red")
        say(f"{test.exercise}: {passed}")
        item = test.item
        involved = test.involved is not None
        parts = []
        if agreed is None:
            side = test.involved.value if test.involved else "none"
            day = test.injury_date.isoformat() if test.injury_date else "none"
            parts.append(f"involved {side}, injury date {day};")
        lsi, epic = test.lsi, test.epic
        judged = item.judgement if item is not None else None
        if item is not None and judged is not None and judged.last is not None:
            found = item.pre_injury
            # The sessions compared: a later one with one side alone is not among them.
            span = f"{judged.first.isoformat()} to " if judged.compared_sessions > 1 and (
                judged.first) else ""
            count = plural(judged.compared_sessions, "session")
            parts.append(f"{count}, {span}{judged.last.isoformat()}:")
            figures = []
            if lsi is not None:
                figures.append(f"LSI {lsi_text(lsi, involved, report.threshold)}")
            if epic is not None and found is not None:
                figures.append(f"EPIC {lsi_text(epic, True, report.threshold)}")
                figures.append(f"recovery {lsi_fmt(found.recovery, True)}")
            parts.append(", ".join(figures))
        if parts:
            say(" ".join(parts), "  ")
        if item is not None and item.pre_injury is not None and item.pre_injury.missing:
            say(epic_note(item.pre_injury) or "", "  ")
        reason = report.reason(test)
        if reason:
            say(reason, "  ")
    echo("")
    done = sum(test.verdict.passed for test in report.tests)
    overall = "passed" if report.passed else "not passed"
    say(f"Overall: {overall} ({done} of {plural(len(report.tests), 'test')} passed).")
