"""The HTML pages of `report html` and `report team --html`, rendered with Jinja2.

Autoescaping is on for every template, so exercise and lifter names can never inject markup.
The pages load nothing: styles are inline, fonts are the system's, and a Content Security
Policy forbids any request, so a page opens offline and shows the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, cast

from tracker.cli.report_json import exercise_json, lsi_num, readiness_json, sessions_json
from tracker.cli.svg_charts import (
    SIZES,
    Bar,
    Chart,
    Series,
    Size,
    bars_chart,
    label,
    lsi_chart,
    readiness_chart,
    sides_chart,
)
from tracker.domain.report_figures import by_volume
from tracker.wording.asymmetry import epic_line

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from tracker.domain.report_figures import ExerciseImbalance
    from tracker.services.coach import LifterReport, NextSession, TeamReport
    from tracker.services.readiness import Readiness

METRIC_LABELS = {"e1rm": "best e1RM", "volume": "volume", "reps": "reps"}
# An exercise compared by another figure than the page's (a hop test by its best trial).
COMPARED_LABELS = {"duration": ("best time", "s"), "distance": ("distance", "m"),
                   "best_distance": ("best distance", "m")}
# What each side's headline figure is (domain.asymmetry.judge): the mean of the sessions' best
# e1RMs, or the total volume or reps; in full for a sentence, short for a column heading.
HEADLINE_WHAT = {
    "e1rm": "the mean of each session's best e1RM",
    "volume": "the total volume",
    "reps": "the total reps",
}
HEADLINE_SHORT = {"e1rm": "mean e1RM", "volume": "total volume", "reps": "total reps"}


class Session(TypedDict):
    """A session as `report imbalance --json` gives it (report_json.sessions_json)."""

    date: str
    left: float | None
    right: float | None
    lsi: float | None


def environment() -> Environment:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("tracker.cli", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["fmt"] = label
    # An LSI as every other view shows it: on the side of its band (84.996 is 84.99, never 85).
    env.filters["lsi"] = lambda value, involved=False: label(lsi_num(value, involved))
    env.filters["attr_number"] = attr_number
    env.filters["markers"] = markers
    env.filters["bars"] = bars
    env.filters["session_rows"] = session_rows
    return env


def markers(series: Series) -> Markup:
    """A series' point markers, one a line: what _charts.j2's ``marker`` macro draws, written
    here once per series rather than called once per point (a long history has thousands)."""
    from markupsafe import Markup, escape

    if series.marker == "square":
        drawn = (f'<rect class="{escape(p.css)}" x="{p.x - 3}" y="{p.y - 3}" width="6" '
                 'height="6"/>\n' for p in series.points)
    else:
        drawn = (f'<circle class="{escape(p.css)}" cx="{p.x}" cy="{p.y}" r="3"/>\n'
                 for p in series.points)
    return Markup("".join(drawn))


def session_rows(rows: Sequence[tuple[Session, Session | None]], metric_label: str) -> Markup:
    """The data table's rows, one a line, escaped as the template escapes: written here once
    per table rather than through the template once per cell (a long history has thousands)."""
    from markupsafe import Markup, escape

    what = escape(metric_label)

    def cell(heading: str, field: str, value: float | None) -> str:
        # A number's text (digits, ".", "-") has nothing to escape.
        return (f'<td class="num" data-label="{heading}" data-field="{field}" '
                f'data-value="{attr_number(value)}">{label(value)}</td>')

    lines = []
    for s, v in rows:
        day = escape(s["date"])
        lines.append(
            f'<tr data-session="{day}"><td data-label="date">{day}</td>'
            + cell(f"left {what}", "left", s["left"])
            + cell(f"right {what}", "right", s["right"])
            + cell("LSI", "lsi", s["lsi"])
            + cell("left volume", "volume_left", v["left"] if v else None)
            + cell("right volume", "volume_right", v["right"] if v else None)
            + "</tr>\n"
        )
    return Markup("".join(lines))


def bars(drawn: Sequence[Bar]) -> Markup:
    """A chart's bars, one a line (as ``markers``: once per chart, not once per bar)."""
    from markupsafe import Markup, escape

    return Markup("".join(
        f'<rect class="{escape(b.css)}" x="{b.x}" y="{b.y}" width="{b.width}" '
        f'height="{b.height}"/>\n' for b in drawn
    ))


def attr_number(value: float | int | Decimal | None) -> str:
    """A figure for a data- attribute, exactly as the JSON output carries it ("" for null)."""
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)


def describe_sides(what: str, unit: str, sessions: Sequence[Session], dates: Sequence[str]) -> str:
    """The text alternative of a left/right chart: span, range and latest values."""
    if not sessions:
        return f"{what}: no sessions."
    parts = [f"{what} per session, {len(sessions)} sessions from {dates[0]} to {dates[-1]}."]
    for side in ("left", "right"):
        values = [value for s in sessions if (value := s[side]) is not None]
        if values:
            parts.append(
                f"{side.capitalize()}: from {label(min(values))} to {label(max(values))} {unit}, "
                f"latest {label(values[-1])}."
            )
    return " ".join(parts)


def describe_lsi(sessions: Sequence[Session]) -> str:
    values = [(s["date"], s["lsi"]) for s in sessions if s["lsi"] is not None]
    if not values:
        return "LSI per session: no session has both sides logged."
    low_date, low = min(values, key=lambda item: item[1])
    under_90 = sum(1 for _, v in values if v < 90)
    under_85 = sum(1 for _, v in values if v < 85)
    text = (
        f"LSI per session against the 85 and 90 lines, {len(values)} sessions with both sides: "
        f"latest {label(values[-1][1])} on {values[-1][0]}, lowest {label(low)} on {low_date}; "
        f"{under_90} below 90, {under_85} below 85"
    )
    high_date, high = max(values, key=lambda item: item[1])
    if high <= 100:
        return text + "."
    over_110 = sum(1 for _, v in values if v > 110)
    over_115 = sum(1 for _, v in values if v > 115)
    return (  # an involved side stronger: the bands mirror above 100
        f"{text}; highest {label(high)} on {high_date}, {over_110} above 110, {over_115} above 115."
    )


def exercise_figures(item: ExerciseImbalance) -> dict[str, Any]:
    """The exercise as `report imbalance --json` gives it, and the line that says its EPIC."""
    found = item.pre_injury
    return {**exercise_json(item), "epic_line": epic_line(found) if found else None}


@dataclass(frozen=True, slots=True)
class ExerciseView:
    """One exercise's section: its figures, and its charts drawn when the page reaches it and
    dropped once it is written, so that one exercise's drawing is held at a time."""

    index: str
    unit: str
    metric: str
    figures: dict[str, Any]
    volume: list[Session]  # the same sessions' volume per side
    next_session: NextSession

    @property
    def charts(self) -> tuple[tuple[Chart, ...], ...]:
        """The exercise's three charts, each drawn in every size: the page's CSS shows the one
        that fits the screen."""
        return tuple(zip(*(self._charts(size) for size in SIZES), strict=True))

    def _charts(self, size: Size) -> tuple[Chart, Chart, Chart]:
        sessions, index, unit = self.figures["sessions"], self.index, self.unit
        dates = [s["date"] for s in sessions]
        label = METRIC_LABELS[self.metric]
        metric_unit = "" if self.metric == "reps" else unit
        if self.figures["compared_by"] in COMPARED_LABELS:
            label, metric_unit = COMPARED_LABELS[self.figures["compared_by"]]
        main = sides_chart(
            f"chart-{index}-sides",
            f"Left and right, {label} per session",
            describe_sides(label.capitalize(), metric_unit, sessions, dates),
            f"{label} ({metric_unit})" if metric_unit else label,
            dates,
            [s["left"] for s in sessions],
            [s["right"] for s in sessions],
            size,
        )
        lsi = lsi_chart(
            f"chart-{index}-lsi", "LSI per session", describe_lsi(sessions), dates,
            [s["lsi"] for s in sessions], size,
        )
        volume_dates = [s["date"] for s in self.volume]
        volume = bars_chart(
            f"chart-{index}-volume",
            "Volume per side per session",
            describe_sides("Volume", unit, self.volume, volume_dates),
            f"volume ({unit})",
            volume_dates,
            [s["left"] for s in self.volume],
            [s["right"] for s in self.volume],
            size,
        )
        return main, lsi, volume

    @property
    def rows(self) -> list[tuple[Session, Session | None]]:
        """Each session with its volume: both come from the same sessions in the same order;
        by date only if they ever differ."""
        sessions = self.figures["sessions"]
        if [v["date"] for v in self.volume] == [s["date"] for s in sessions]:
            return list(zip(sessions, self.volume, strict=True))
        by_date = {v["date"]: v for v in self.volume}
        return [(s, by_date.get(s["date"])) for s in sessions]


def report_page(reports: Sequence[LifterReport], generated: datetime) -> Iterator[str]:
    """The self-contained page of `tracker report html`, in pieces as it is drawn: each
    session's chart points and table row are written out rather than kept (the page of a long
    history is many times the size of its figures)."""
    lifters = []
    for l_index, report in enumerate(reports):
        # Each side's volume per session, as `report imbalance --metric volume` gives it, judged
        # from the sessions already read rather than read again.
        exercises = [
            ExerciseView(f"{l_index}-{e_index}", report.unit, report.metric,
                         exercise_figures(item.figures),
                         cast(list[Session], sessions_json(by_volume(item.figures))),
                         item.next_session)
            for e_index, item in enumerate(report.exercises)
        ]
        readiness = None
        if report.readiness is not None:
            readiness = readiness_view(str(l_index), report.readiness, generated)
        # The page keeps what it shows, not the report's figures behind it (the caller may let
        # them go while the page is written).
        lifters.append({"report": replace(report, exercises=(), readiness=None),
                        "exercises": exercises, "readiness": readiness})
    who = ", ".join(r.lifter for r in reports)
    return (
        environment()
        .get_template("report.html.j2")
        .generate(
            title=f"Left and right: {who}" if who else "Left and right",
            lifters=lifters,
            metric_label=METRIC_LABELS[reports[0].metric] if reports else "",
            compared_labels=COMPARED_LABELS,
            headline_what=HEADLINE_WHAT[reports[0].metric] if reports else "",
            headline_short=headline_short(reports[0].metric, reports[0].recent) if reports else "",
            generated=generated.strftime("%Y-%m-%d %H:%M"),
            any_involved=any(
                item.figures.judgement.involved is not None
                for report in reports
                for item in report.exercises
            ),
        )
    )


def readiness_view(index: str, readiness: Readiness, generated: datetime) -> dict[str, object]:
    """The return-to-sport section: the figures of `report readiness --json` (the same
    figures, verdicts and reasons), and per test done its LSI and EPIC per session against
    the threshold."""
    data = readiness_json(readiness, generated.date())
    threshold = float(readiness.threshold)
    charts = []
    for t_index, test in enumerate(readiness.tests):
        item = test.item
        if item is None or not item.comparisons:
            continue
        dates = [c.date.isoformat() for c in item.comparisons]
        lsis = [lsi_num(item.session_lsi(c), test.involved is not None) for c in item.comparisons]
        epics = [lsi_num(item.session_epic(c), True) for c in item.comparisons]
        shown_epics = [e for e in epics if e is not None]
        description = (
            f"{test.exercise}: LSI per session from {dates[0]} to {dates[-1]}"
            + (f", EPIC from {label(shown_epics[0])} to {label(shown_epics[-1])}" if shown_epics
               else ", no EPIC (no pre-injury reference)")
            + f"; the line is the threshold {label(threshold)}."
        )
        charts.append(tuple(
            readiness_chart(f"chart-{index}-ready-{t_index}", f"{test.exercise}: LSI and EPIC",
                            description, dates, lsis, epics, threshold, size)
            for size in SIZES
        ))
    return {"data": data, "charts": charts}


def headline_short(metric: str, recent: int) -> str:
    """The heading under "left" and "right": "mean e1RM, last 3"."""
    return f"{HEADLINE_SHORT[metric]}, last {recent}"


def team_page(report: TeamReport, generated: datetime) -> str:
    """The page of `tracker report team --html`: one row per lifter x exercise."""
    return (
        environment()
        .get_template("team.html.j2")
        .render(
            title="Team: left and right",
            report=report,
            lsi_floor=min([70.0, *[float(row.lsi) for row in report.rows if row.lsi is not None]]),
            generated=generated.strftime("%Y-%m-%d %H:%M"),
        )
    )
