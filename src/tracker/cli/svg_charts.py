"""Chart geometry for the HTML pages: scales, ticks, points and bars as plain values.

Only numbers and labels are computed here; the Jinja2 templates (with autoescaping) turn them
into SVG elements, so no markup is ever assembled from strings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

FONT_PX = 11  # the size of chart text in SVG units (the page's CSS)
CHAR_PX = 6.5  # an upper estimate of one character's width at FONT_PX, in system-ui
LEGEND_ROW = 16  # SVG units from one legend row to the next


@dataclass(frozen=True, slots=True)
class Size:
    """A chart's drawing in SVG units: its plot area and how many dates fit under it.

    The page draws every chart in each size and its CSS shows the one that fits: text is
    FONT_PX in SVG units, so a drawing shown narrower than its width shrinks it."""

    name: str  # the CSS class that shows it: "wide" or "narrow"
    width: int
    height: int  # down to the first legend row; each further row adds LEGEND_ROW
    left: int
    right: int
    top: int
    bottom: int
    x_labels: int
    legend_x: int


# Shown from 681 px wide: at 657 px (681 less the page's padding) text is 10 px high; a 15 px
# scrollbar leaves 9.8.
WIDE = Size("wide", 720, 230, left=56, right=44, top=14, bottom=34, x_labels=8, legend_x=66)
# Shown up to 680 px wide, at most 440 px: at 296 px (a 320 px phone) text is 9.6 px high.
NARROW = Size("narrow", 340, 220, left=56, right=30, top=10, bottom=34, x_labels=3, legend_x=8)
SIZES = (WIDE, NARROW)


@dataclass(frozen=True, slots=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    css: str


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    css: str
    marker: str  # "circle" or "square": told apart without colour too
    path: str  # the SVG path data of the line, broken where a value is missing
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Band:
    y: float
    height: float
    css: str


@dataclass(frozen=True, slots=True)
class Rule:
    y: float
    label: str
    css: str


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str


@dataclass(frozen=True, slots=True)
class LegendItem:
    x: float  # of the marker's centre
    y: float  # of the text's baseline
    css: str
    marker: str
    name: str


def legend(size: Size, items: Sequence[tuple[str, str, str]]) -> tuple[LegendItem, ...]:
    """(css, marker, name) items left to right under the dates, in as many rows as they need."""
    placed: list[LegendItem] = []
    x, y = float(size.legend_x), float(size.height - 4)  # room for descenders below
    for css, marker, name in items:
        width = 8 + len(name) * CHAR_PX
        if placed and x + width > size.width:
            x, y = float(size.legend_x), y + LEGEND_ROW
        placed.append(LegendItem(x, y, css, marker, name))
        x += width + 2 * CHAR_PX
    return tuple(placed)


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    size: str  # the Size's name
    title: str
    description: str  # the text alternative
    y_label: str
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    series: tuple[Series, ...] = ()
    bars: tuple[Bar, ...] = ()
    bands: tuple[Band, ...] = ()
    rules: tuple[Rule, ...] = ()
    legend: tuple[LegendItem, ...] = ()


def nice_step(span: float, count: int) -> float:
    """A round tick step (1, 2, 2.5 or 5 x 10^k) giving about `count` ticks over `span`."""
    raw = span / max(count, 1)
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def nice_range(low: float, high: float, count: int = 5) -> tuple[float, float, float]:
    """(start, stop, step) covering [low, high] with round ticks."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    step = nice_step(high - low, count)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def label(value: float | Decimal | None, places: int = 2) -> str:
    """A figure as the terminal report shows it: ``places`` decimals at most, no trailing
    zeros ("-" for none)."""
    if value is None:
        return "-"
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True, slots=True)
class Frame:
    """The plot area and the session (x) and value (y) scales."""

    n: int
    y_low: float
    y_high: float
    size: Size = WIDE

    @property
    def left(self) -> float:
        return self.size.left

    @property
    def top(self) -> float:
        return self.size.top

    @property
    def right(self) -> float:
        return self.size.width - self.size.right

    @property
    def bottom(self) -> float:
        return self.size.height - self.size.bottom

    @property
    def slot(self) -> float:
        return (self.right - self.left) / max(self.n, 1)

    def y(self, value: float) -> float:
        share = (value - self.y_low) / (self.y_high - self.y_low)
        return round(self.bottom - share * (self.bottom - self.top), 1)

    def xy(self, values: Sequence[float | None]) -> list[tuple[float, float] | None]:
        """(x, y) of each value (None for a gap): ``xs`` and ``y`` with the scales read once,
        for series of thousands of sessions."""
        low, span = self.y_low, self.y_high - self.y_low
        bottom, height = self.bottom, self.bottom - self.top
        return [
            None if v is None else (x, round(bottom - (v - low) / span * height, 1))
            for x, v in zip(self.xs(len(values)), values, strict=True)
        ]

    def xs(self, count: int) -> list[float]:
        """The x of each of the first ``count`` sessions: the middle of its slot."""
        left, slot = self.left, self.slot
        return [round(left + (i + 0.5) * slot, 1) for i in range(count)]

    def y_ticks(self, step: float) -> tuple[Tick, ...]:
        count = round((self.y_high - self.y_low) / step)
        return tuple(
            Tick(self.y(self.y_low + i * step), label(self.y_low + i * step))
            for i in range(count + 1)
        )

    def x_ticks(self, dates: Sequence[str]) -> tuple[Tick, ...]:
        every = max(1, math.ceil(len(dates) / self.size.x_labels))
        xs = self.xs(len(dates))
        return tuple(Tick(xs[i], dates[i]) for i in range(0, len(dates), every))

    def chart(
        self,
        chart_id: str,
        title: str,
        description: str,
        y_label: str,
        dates: Sequence[str],
        step: float,
        legend_items: Sequence[tuple[str, str, str]],
        series: tuple[Series, ...] = (),
        bars: tuple[Bar, ...] = (),
        bands: tuple[Band, ...] = (),
        rules: tuple[Rule, ...] = (),
    ) -> Chart:
        """The chart drawn in this frame, its legend in as many rows as its size needs."""
        items = legend(self.size, legend_items)
        rows = len({item.y for item in items})
        return Chart(
            chart_id, self.size.name, title, description, y_label,
            self.size.width, self.size.height + LEGEND_ROW * max(rows - 1, 0),
            self.left, self.top, self.right, self.bottom,
            self.x_ticks(dates), self.y_ticks(step), series, bars, bands, rules, items,
        )


def line_path(coordinates: Sequence[tuple[float, float] | None]) -> str:
    """Path data through the points (``Frame.xy``), starting a new segment after a gap."""
    parts: list[str] = []
    pen_down = False
    for point in coordinates:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point[0]} {point[1]}")
        pen_down = True
    return " ".join(parts)


def series(
    frame: Frame, name: str, css: str, marker: str, values: Sequence[float | None]
) -> Series:
    coordinates = frame.xy(values)
    points = tuple(Point(*point, css) for point in coordinates if point is not None)
    return Series(name, css, marker, line_path(coordinates), points)


def sides_chart(
    chart_id: str,
    title: str,
    description: str,
    y_label: str,
    dates: Sequence[str],
    left: Sequence[float | None],
    right: Sequence[float | None],
    size: Size = WIDE,
) -> Chart:
    """Left and right per session, as two lines with their own markers."""
    values = [v for v in (*left, *right) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    start, stop, step = nice_range(max(0.0, low - pad), high + pad)
    frame = Frame(len(dates), start, stop, size)
    return frame.chart(
        chart_id, title, description, y_label, dates, step,
        (("left", "circle", "left"), ("right", "square", "right")),
        series=(
            series(frame, "left", "left", "circle", left),
            series(frame, "right", "right", "square", right),
        ),
    )


LSI_STATUS_CSS = (("balanced", 90.0), ("watch", 85.0), ("imbalanced", -math.inf))


def lsi_css(value: float) -> str:
    """The band of an LSI; above 100 (an involved side stronger) that of 200 - LSI, as the
    report's status: 110 is balanced, 112 watch, 120 imbalanced (domain.asymmetry.Status)."""
    symmetric = value if value <= 100 else 200 - value
    return next(css for css, floor in LSI_STATUS_CSS if symmetric >= floor)


def lsi_chart(
    chart_id: str,
    title: str,
    description: str,
    dates: Sequence[str],
    lsis: Sequence[float | None],
    size: Size = WIDE,
) -> Chart:
    """The LSI per session over the balanced (90-110), watch (85-90, 110-115) and imbalanced
    bands; the scale reaches above 100 only when an involved side's LSI does."""
    values = [v for v in lsis if v is not None]
    lowest, highest = min([70.0, *values]), max([100.0, *values])
    step = 5.0 if lowest >= 70 and highest <= 130 else 10.0
    start = math.floor(lowest / step) * step
    end = math.ceil(highest / step) * step
    frame = Frame(len(dates), start, end, size)

    def band(high: float, low: float, css: str) -> Band:
        return Band(frame.y(high), frame.y(low) - frame.y(high), css)

    bands = [
        band(min(end, 110.0), 90, "band-balanced"),
        band(90, 85, "band-watch"),
        band(85, start, "band-imbalanced"),
    ]
    rules = [Rule(frame.y(90), "90", "rule"), Rule(frame.y(85), "85", "rule")]
    if end > 110:
        bands.append(band(min(end, 115.0), 110, "band-watch"))
        rules.append(Rule(frame.y(110), "110", "rule"))
    if end > 115:
        bands.append(band(end, 115, "band-imbalanced"))
        rules.append(Rule(frame.y(115), "115", "rule"))
    line = series(frame, "LSI", "lsi", "circle", lsis)
    points = tuple(
        Point(point.x, point.y, lsi_css(v))
        for point, v in zip(line.points, (v for v in lsis if v is not None), strict=True)
    )
    legend_items = (
        (
            ("balanced", "circle", "balanced (90 or more)"),
            ("watch", "circle", "watch (85 to 90)"),
            ("imbalanced", "circle", "imbalanced (under 85)"),
        )
        if end <= 100
        else (
            ("balanced", "circle", "balanced (90-110)"),
            ("watch", "circle", "watch (85-90, 110-115)"),
            ("imbalanced", "circle", "imbalanced (<85, >115)"),
        )
    )
    return frame.chart(
        chart_id, title, description, "LSI", dates, step, legend_items,
        series=(Series(line.name, line.css, line.marker, line.path, points),),
        bands=tuple(bands), rules=tuple(rules),
    )


def bars_chart(
    chart_id: str,
    title: str,
    description: str,
    y_label: str,
    dates: Sequence[str],
    left: Sequence[float | None],
    right: Sequence[float | None],
    size: Size = WIDE,
) -> Chart:
    """Left and right side by side per session, as bars from zero."""
    top = max([v for v in (*left, *right) if v is not None] or [1.0])
    _, stop, step = nice_range(0.0, top * 1.05)
    frame = Frame(len(dates), 0.0, stop, size)
    width = round(min(frame.slot * 0.4, 14.0), 2)
    bars = []
    bottom = frame.bottom
    for x, lv, rv in zip(frame.xs(len(left)), left, right, strict=True):
        for offset, value, css in ((-width, lv, "left"), (0.0, rv, "right")):
            if value:
                y = frame.y(value)
                bars.append(Bar(round(x + offset, 1), y, width, bottom - y, css))
    return frame.chart(
        chart_id, title, description, y_label, dates, step,
        (("left", "square", "left"), ("right", "square", "right")), bars=tuple(bars),
    )


def readiness_chart(
    chart_id: str,
    title: str,
    description: str,
    dates: Sequence[str],
    lsis: Sequence[float | None],
    epics: Sequence[float | None],
    threshold: float,
    size: Size = WIDE,
) -> Chart:
    """LSI and EPIC per session against the pass threshold (a rule): the involved side against
    the other side now, and against the other side before the injury."""
    values = [v for v in (*lsis, *epics) if v is not None]
    step = 10.0
    start = math.floor(min([60.0, *values]) / step) * step
    end = math.ceil(max([100.0, threshold, *values]) / step) * step
    frame = Frame(len(dates), start, end, size)
    return frame.chart(
        chart_id, title, description, "% of reference", dates, step,
        (("lsi", "circle", "LSI"), ("epic", "square", "EPIC")),
        series=(
            series(frame, "LSI", "lsi", "circle", lsis),
            series(frame, "EPIC", "epic", "square", epics),
        ),
        rules=(Rule(frame.y(threshold), label(threshold), "rule"),),
    )
