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

from tracker.cli.render import measured_side_text
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
from tracker.domain.model import Side
from tracker.domain.report_figures import aggregate_of, by_volume, figure_unit
from tracker.wording.asymmetry import epic_line, involved_bands

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from tracker.domain.report_figures import ExerciseImbalance
    from tracker.services.coach import LifterReport, NextSession, TeamReport
    from tracker.services.readiness import Readiness

# What a side's figure in a session is, by what the exercise is compared by (its unit is
# report_figures.figure_unit's), and short for a column: the headline is the mean of these
# over the latest sessions for a best set, their total otherwise (aggregate_of).
FIGURE_NAMES = {
    "e1rm": ("best e1RM", "mean e1RM"),
    "volume": ("volume", "total volume"),
    "reps": ("best-set reps", "mean best-set reps"),
    "duration": ("best time", "mean best time"),
    "distance": ("distance", "total distance"),
    "best_distance": ("best distance", "mean best distance"),
    "reps_at_load": ("best-set reps at a shared load", "mean reps at a shared load"),
}


def headline_what(compared_by: str) -> str:
    """What each side's headline figure is, in full for a sentence (domain.asymmetry.judge)."""
    name = FIGURE_NAMES[compared_by][0]
    if aggregate_of(compared_by) == "best_set":
        return f"the mean of each session's {name}"
    return f"the total {name}"


def headline_short(compared_by: str, recent: int) -> str:
    """The heading under "left" and "right": "mean e1RM, last 3"."""
    return f"{FIGURE_NAMES[compared_by][1]}, last {recent}"


def shown(value: float | int | Decimal | None) -> str:
    """A figure of the JSON as text: report_json rounded it (2 decimals, a time or distance
    to the thousandth), so only its trailing zeros go."""
    return label(value, 3)

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
    env.globals["involved_bands"] = involved_bands()  # the text views' sentence, once
    env.filters["fmt"] = shown
    # An LSI as every other view shows it: on the side of its band (84.996 is 84.99, never 85).
    env.filters["lsi"] = lambda value, involved=False: shown(lsi_num(value, involved))
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


def session_rows(
    rows: Sequence[tuple[Session, Session | None]], metric_label: str, with_volume: bool
) -> Markup:
    """The data table's rows, one a line, escaped as the template escapes: written here once
    per table rather than through the template once per cell (a long history has thousands)."""
    from markupsafe import Markup, escape

    what = escape(metric_label)

    def cell(heading: str, field: str, value: float | None) -> str:
        # A number's text (digits, ".", "-") has nothing to escape.
        return (f'<td class="num" data-label="{heading}" data-field="{field}" '
                f'data-value="{attr_number(value)}">{shown(value)}</td>')

    lines = []
    for s, v in rows:
        day = escape(s["date"])
        lines.append(
            f'<tr data-session="{day}"><td data-label="date">{day}</td>'
            + cell(f"left {what}", "left", s["left"])
            + cell(f"right {what}", "right", s["right"])
            + cell("LSI", "lsi", s["lsi"])
            + (cell("left volume", "volume_left", v["left"] if v else None)
               + cell("right volume", "volume_right", v["right"] if v else None)
               if with_volume else "")
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
                f"{side.capitalize()}: from {shown(min(values))} to {shown(max(values))} {unit}, "
                f"latest {shown(values[-1])}."
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
    # A side done for time or distance, as the text report says it: "2 trials, best 2.28 s".
    measured = {side.value: measured_side_text(item, figures)
                for side, figures in ((Side.LEFT, item.left), (Side.RIGHT, item.right))
                if figures.volume_or_none is None}
    return {**exercise_json(item), "epic_line": epic_line(found) if found else None,
            "measured": measured}


@dataclass(frozen=True, slots=True)
class ExerciseView:
    """One exercise's section: its figures, and its charts drawn when the page reaches it and
    dropped once it is written, so that one exercise's drawing is held at a time."""

    index: str
    unit: str
    recent: int  # the headline's sessions asked for (--recent)
    figures: dict[str, Any]
    volume: list[Session]  # the same sessions' volume per side
    next_session: NextSession

    @property
    def figure(self) -> tuple[str, str]:
        """What the compared figure is, and its unit ("" for reps): ("best time", "s")."""
        compared_by = self.figures["compared_by"]
        unit = figure_unit(compared_by, self.unit)
        return FIGURE_NAMES[compared_by][0], "" if unit == "reps" else unit

    @property
    def headline_what(self) -> str:
        return headline_what(self.figures["compared_by"])

    @property
    def headline_short(self) -> str:
        return headline_short(self.figures["compared_by"], self.recent)

    @property
    def charts(self) -> tuple[tuple[Chart, ...], ...]:
        """The exercise's three charts, each drawn in every size: the page's CSS shows the one
        that fits the screen."""
        return tuple(zip(*(self._charts(size) for size in SIZES), strict=True))

    def _charts(self, size: Size) -> tuple[Chart, Chart, Chart]:
        sessions, index, unit = self.figures["sessions"], self.index, self.unit
        dates = [s["date"] for s in sessions]
        label, metric_unit = self.figure
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
            ExerciseView(f"{l_index}-{e_index}", report.unit, report.recent,
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
            metric_label=FIGURE_NAMES[reports[0].metric][0] if reports else "",
            headline_what=headline_what(reports[0].metric) if reports else "",
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



def bar_floor(lsis: Sequence[Decimal]) -> int:
    """Where the team page's bars start: 70, or the tens below an LSI of 70 or less, so that
    the lowest row's bar is never empty (it started at the lowest LSI itself)."""
    lowest = min(lsis, default=Decimal(100))
    return 70 if lowest > 70 else int(lowest) // 10 * 10 - 10


def team_page(report: TeamReport, generated: datetime) -> str:
    """The page of `tracker report team --html`: one row per lifter x exercise."""
    return (
        environment()
        .get_template("team.html.j2")
        .render(
            title="Team: left and right",
            report=report,
            lsi_floor=bar_floor([row.lsi for row in report.rows if row.lsi is not None]),
            generated=generated.strftime("%Y-%m-%d %H:%M"),
        )
    )
