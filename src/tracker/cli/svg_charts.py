"""Chart geometry for the HTML pages: scales, ticks, points and bars as plain values.

Only numbers and labels are computed here; the Jinja2 templates (with autoescaping) turn them
into SVG elements, so no markup is ever assembled from strings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 230
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 56, 44, 14, 34
MAX_X_LABELS = 8


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
class Chart:
    id: str
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
    legend: tuple[tuple[str, str, str], ...] = ()  # (css, marker, name)


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


def label(value: float) -> str:
    """A figure as the terminal report shows it: 2 decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True, slots=True)
class Frame:
    """The plot area and the session (x) and value (y) scales."""

    n: int
    y_low: float
    y_high: float
    left: float = MARGIN_LEFT
    top: float = MARGIN_TOP
    right: float = WIDTH - MARGIN_RIGHT
    bottom: float = HEIGHT - MARGIN_BOTTOM

    @property
    def slot(self) -> float:
        return (self.right - self.left) / max(self.n, 1)

    def x(self, index: int) -> float:
        return round(self.left + (index + 0.5) * self.slot, 1)

    def y(self, value: float) -> float:
        share = (value - self.y_low) / (self.y_high - self.y_low)
        return round(self.bottom - share * (self.bottom - self.top), 1)

    def y_ticks(self, step: float) -> tuple[Tick, ...]:
        count = round((self.y_high - self.y_low) / step)
        return tuple(
            Tick(self.y(self.y_low + i * step), label(self.y_low + i * step))
            for i in range(count + 1)
        )

    def x_ticks(self, dates: Sequence[str]) -> tuple[Tick, ...]:
        every = max(1, math.ceil(len(dates) / MAX_X_LABELS))
        return tuple(Tick(self.x(i), dates[i]) for i in range(0, len(dates), every))


def line_path(frame: Frame, values: Sequence[float | None]) -> str:
    """Path data through the values, starting a new segment after a gap."""
    parts: list[str] = []
    pen_down = False
    for index, value in enumerate(values):
        if value is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{frame.x(index)} {frame.y(value)}")
        pen_down = True
    return " ".join(parts)


def series(
    frame: Frame, name: str, css: str, marker: str, values: Sequence[float | None]
) -> Series:
    points = tuple(
        Point(frame.x(i), frame.y(v), css) for i, v in enumerate(values) if v is not None
    )
    return Series(name, css, marker, line_path(frame, values), points)


def sides_chart(
    chart_id: str,
    title: str,
    description: str,
    y_label: str,
    dates: Sequence[str],
    left: Sequence[float | None],
    right: Sequence[float | None],
) -> Chart:
    """Left and right per session, as two lines with their own markers."""
    values = [v for v in (*left, *right) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (high - low) * 0.1 or abs(high) * 0.1 or 1.0
    start, stop, step = nice_range(max(0.0, low - pad), high + pad)
    frame = Frame(len(dates), start, stop)
    return Chart(
        chart_id, title, description, y_label, WIDTH, HEIGHT,
        frame.left, frame.top, frame.right, frame.bottom,
        frame.x_ticks(dates), frame.y_ticks(step),
        series=(
            series(frame, "left", "left", "circle", left),
            series(frame, "right", "right", "square", right),
        ),
        legend=(("left", "circle", "left"), ("right", "square", "right")),
    )


LSI_STATUS_CSS = (("balanced", 90.0), ("watch", 85.0), ("imbalanced", -math.inf))


def lsi_css(value: float) -> str:
    """The band of an LSI; above 100 (an involved side stronger) that of 200 - LSI, as the
    report's status: 110 is balanced, 112 watch, 120 imbalanced (domain.asymmetry.Status)."""
    symmetric = value if value <= 100 else 200 - value
    return next(css for css, floor in LSI_STATUS_CSS if symmetric >= floor)


def lsi_chart(
    chart_id: str, title: str, description: str, dates: Sequence[str], lsis: Sequence[float | None]
) -> Chart:
    """The LSI per session over the balanced (90-110), watch (85-90, 110-115) and imbalanced
    bands; the scale reaches above 100 only when an involved side's LSI does."""
    values = [v for v in lsis if v is not None]
    lowest, highest = min([70.0, *values]), max([100.0, *values])
    step = 5.0 if lowest >= 70 and highest <= 130 else 10.0
    start = math.floor(lowest / step) * step
    end = math.ceil(highest / step) * step
    frame = Frame(len(dates), start, end)

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
        Point(frame.x(i), frame.y(v), lsi_css(v)) for i, v in enumerate(lsis) if v is not None
    )
    legend = (
        (
            ("balanced", "circle", "balanced (90 or more)"),
            ("watch", "circle", "watch (85 to 90)"),
            ("imbalanced", "circle", "imbalanced (under 85)"),
        )
        if end <= 100
        else (  # 150 px a label in the legend: at most 22 characters
            ("balanced", "circle", "balanced (90-110)"),
            ("watch", "circle", "watch (85-90, 110-115)"),
            ("imbalanced", "circle", "imbalanced (<85, >115)"),
        )
    )
    return Chart(
        chart_id, title, description, "LSI", WIDTH, HEIGHT,
        frame.left, frame.top, frame.right, frame.bottom,
        frame.x_ticks(dates), frame.y_ticks(step),
        series=(Series(line.name, line.css, line.marker, line.path, points),),
        bands=tuple(bands), rules=tuple(rules), legend=legend,
    )


def bars_chart(
    chart_id: str,
    title: str,
    description: str,
    y_label: str,
    dates: Sequence[str],
    left: Sequence[float | None],
    right: Sequence[float | None],
) -> Chart:
    """Left and right side by side per session, as bars from zero."""
    top = max([v for v in (*left, *right) if v is not None] or [1.0])
    _, stop, step = nice_range(0.0, top * 1.05)
    frame = Frame(len(dates), 0.0, stop)
    width = round(min(frame.slot * 0.4, 14.0), 2)
    bars = []
    for index, (lv, rv) in enumerate(zip(left, right, strict=True)):
        for offset, value, css in ((-width, lv, "left"), (0.0, rv, "right")):
            if value:
                y = frame.y(value)
                bars.append(Bar(round(frame.x(index) + offset, 1), y, width, frame.bottom - y, css))
    return Chart(
        chart_id, title, description, y_label, WIDTH, HEIGHT,
        frame.left, frame.top, frame.right, frame.bottom,
        frame.x_ticks(dates), frame.y_ticks(step), bars=tuple(bars),
        legend=(("left", "square", "left"), ("right", "square", "right")),
    )
