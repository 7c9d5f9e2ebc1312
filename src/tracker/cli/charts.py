"""Terminal charts with Unicode blocks: no dependency, readable when piped."""

from __future__ import annotations

from collections.abc import Sequence

SPARK = "▁▂▃▄▅▆▇█"
EIGHTHS = " ▏▎▍▌▋▊▉"


def sparkline(
    values: Sequence[float | None], low: float | None = None, high: float | None = None
) -> str:
    """One character per value; gaps (None) are spaces."""
    present = [v for v in values if v is not None]
    if not present:
        return ""
    lo = min(present) if low is None else low
    hi = max(present) if high is None else high
    span = hi - lo
    chars = []
    for value in values:
        if value is None:
            chars.append(" ")
            continue
        level = 0 if span <= 0 else round((value - lo) / span * (len(SPARK) - 1))
        chars.append(SPARK[max(0, min(len(SPARK) - 1, level))])
    return "".join(chars)


def bar(value: float, maximum: float, width: int = 30) -> str:
    """A horizontal bar in eighths of a character."""
    if maximum <= 0 or value <= 0:
        return ""
    eighths = round(value / maximum * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")
