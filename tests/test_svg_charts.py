"""Chart geometry of the HTML pages: round ticks, every mark inside its plot, gaps kept."""

from __future__ import annotations

import pytest

from tracker.cli.svg_charts import (
    CHAR_PX,
    LEGEND_ROW,
    SIZES,
    WIDE,
    Chart,
    Size,
    bars_chart,
    lsi_chart,
    nice_range,
    sides_chart,
)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0.0, 600.0, (0.0, 600.0, 200.0)),
        (53.0, 121.0, (40.0, 140.0, 20.0)),
        (76.0, 80.0, (76.0, 80.0, 1.0)),
        (5.0, 5.0, (5.0, 10.0, 1.0)),  # a flat line still gets a scale
    ],
)
def test_nice_range(low: float, high: float, expected: tuple[float, float, float]) -> None:
    assert nice_range(low, high) == expected


DATES = ["2026-11-01", "2026-11-03", "2026-11-05"]


def inside(chart: Chart, x: float, y: float) -> bool:
    return chart.left <= x <= chart.right and chart.top <= y <= chart.bottom


def test_sides_chart_breaks_the_line_where_a_side_is_missing() -> None:
    chart = sides_chart("c", "t", "d", "kg", DATES, [80.0, None, 84.0], [76.0, 78.0, 80.0])
    left, right = chart.series
    assert left.path.count("M") == 2 and right.path.count("M") == 1
    assert len(left.points) == 2 and len(right.points) == 3
    assert all(inside(chart, p.x, p.y) for s in chart.series for p in s.points)
    # The higher value sits higher on the page (smaller y).
    assert left.points[1].y < right.points[2].y


def test_lsi_chart_bands_and_points_by_status() -> None:
    chart = lsi_chart("c", "t", "d", DATES, [95.0, 87.0, 60.0])
    assert [b.css for b in chart.bands] == ["band-balanced", "band-watch", "band-imbalanced"]
    assert [r.label for r in chart.rules] == ["90", "85"]
    assert [p.css for p in chart.series[0].points] == ["balanced", "watch", "imbalanced"]
    assert chart.y_ticks[0].label == "60" and chart.y_ticks[-1].label == "100"
    assert all(inside(chart, p.x, p.y) for p in chart.series[0].points)


def test_bars_start_at_zero_and_stay_inside() -> None:
    chart = bars_chart("c", "t", "d", "kg", DATES, [600.0, 0.0, 300.0], [480.0, 500.0, None])
    assert len(chart.bars) == 4  # no bar for a zero or missing value
    assert all(b.y + b.height == pytest.approx(chart.bottom) for b in chart.bars)
    assert all(inside(chart, b.x, b.y) for b in chart.bars)


def test_an_involved_side_stronger_stays_inside_with_mirrored_bands() -> None:
    """Above 100 (an involved side stronger) the scale grows, and the points take the band of
    |100 - LSI|, as the report's status does: 110 balanced, 112 watch, 133.33 imbalanced."""
    chart = lsi_chart("c", "t", "d", DATES, [110.0, 112.0, 133.33])
    (line,) = chart.series
    assert [p.css for p in line.points] == ["balanced", "watch", "imbalanced"]
    assert all(inside(chart, p.x, p.y) for p in line.points)
    assert {rule.label for rule in chart.rules} == {"85", "90", "110", "115"}
    assert ("imbalanced", "circle", "imbalanced (<85, >115)") in [
        (item.css, item.marker, item.name) for item in chart.legend
    ]
    assert len({item.y for item in chart.legend}) == 1  # one row on a wide chart


@pytest.mark.parametrize("size", SIZES)
def test_every_size_keeps_its_marks_and_legend_inside(size: Size) -> None:
    """The narrow drawing (a phone) labels fewer dates and wraps its legend into rows that fit,
    growing the chart by a row each; the wide one keeps its legend on one row."""
    dates = [f"2026-11-{day:02d}" for day in range(1, 31)]
    lsis = [80.0 + day for day in range(30)]
    chart = lsi_chart("c", "t", "d", dates, lsis, size)
    assert chart.size == size.name and chart.width == size.width
    assert len(chart.x_ticks) == size.x_labels
    assert all(inside(chart, p.x, p.y) for p in chart.series[0].points)
    rows = sorted({item.y for item in chart.legend})
    assert chart.height == size.height + LEGEND_ROW * (len(rows) - 1)
    assert rows[-1] <= chart.height
    for item in chart.legend:
        assert item.x + 8 + len(item.name) * CHAR_PX <= chart.width
    assert len(rows) == (1 if size == WIDE else 2)
