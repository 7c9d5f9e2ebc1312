"""`tracker report ...`: imbalance, history and weekly summary."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from tracker.cli.charts import bar, sparkline
from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, emit_json, pass_app, style
from tracker.cli.params import SINCE, UNTIL
from tracker.cli.render import measure_text, table

FORMULAS = click.Choice(
    ["epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan"], case_sensitive=False
)
STATUS_COLOURS = {"balanced": "green", "watch": "yellow", "imbalanced": "red"}


@click.group("report")
def report_group() -> None:
    """Reports: left against right, progress over time, the week in numbers."""


def fmt(value: float | int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


@report_group.command("imbalance")
@click.argument("exercise", required=False, shell_complete=complete_exercise)
@click.option("--since", type=SINCE, help='Start of the window, e.g. "90d" or "2026-09-01".')
@click.option("--until", type=UNTIL, help="End of the window, a day included (default now).")
@click.option(
    "--metric",
    type=click.Choice(["e1rm", "volume", "reps"]),
    default="e1rm",
    show_default=True,
    help="What to compare: best estimated 1RM, volume (reps x load) or reps.",
)
@click.option("--formula", type=FORMULAS, default="epley", show_default=True, help="e1RM formula.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def report_imbalance(
    app: App,
    exercise: str | None,
    since: datetime | None,
    until: datetime | None,
    metric: str,
    formula: str,
    as_json: bool,
) -> None:
    """Compare left and right per unilateral exercise (all of them, most asymmetric first).

    LSI = weaker / stronger x 100; asymmetry = 100 - LSI. Status: balanced (LSI >= 90), watch
    (85-90), imbalanced (< 85). Differences of 10-15% in one session are within measurement
    noise, so the report says how many sessions agree on the weaker side.
    """
    from tracker.services.reports import imbalance_report

    data = imbalance_report(app.uow(), app.lifter, exercise, since, until, metric, formula.lower())
    if as_json:
        emit_json(data)
        return
    if not data["exercises"]:
        click.echo("No unilateral sets in this window: log one with --left/--right.")
        return
    unit = data["unit"]
    label = {"e1rm": f"best e1RM ({unit})", "volume": f"volume ({unit})", "reps": "reps"}[
        data["metric"]
    ]
    rows = []
    for ex in data["exercises"]:
        rows.append(
            [
                ex["exercise"],
                fmt(metric_of(ex["left"], data["metric"])),
                fmt(metric_of(ex["right"], data["metric"])),
                fmt(ex["lsi"]),
                fmt(ex["asymmetry_pct"]),
                ex["weaker_side"] or "-",
                style(ex["status"], fg=STATUS_COLOURS.get(ex["status"])),
                str(len(ex["sessions"])),
            ]
        )
    click.echo(f"Left vs right, {label}, {data['from']} to {data['to']}")
    for line in table(
        rows, ["exercise", "left", "right", "LSI", "asym %", "weaker", "status", "sessions"]
    ):
        click.echo(line)
    for ex in data["exercises"]:
        click.echo("")
        render_exercise_detail(ex, unit, data["metric"])


def metric_of(side: dict[str, Any], metric: str) -> float | int | None:
    value: float | int | None = {
        "e1rm": side["best_e1rm"],
        "volume": side["volume"],
        "reps": side["reps"],
    }[metric]
    return value


def render_exercise_detail(ex: dict[str, Any], unit: str, metric: str) -> None:
    click.echo(style(ex["exercise"], bold=True) + f"  {ex['verdict']}")
    for side in ("left", "right"):
        best = ex[side]["best_set"]
        if best:
            note = "" if ex[side]["reliable"] else " (over 12 reps: less reliable)"
            click.echo(
                f"  {side:<5} best set {best['reps']} x {fmt(best['load'])} {unit}"
                f" -> e1RM {fmt(ex[side]['best_e1rm'])}{note}; {ex[side]['sets']} sets,"
                f" volume {fmt(ex[side]['volume'])}"
            )
    sessions = ex["sessions"]
    values = [v for s in sessions for v in (s["left"], s["right"]) if v is not None]
    top = max(values) if values else 0
    for s in sessions[-12:]:
        for side in ("left", "right"):
            value = s[side]
            label = s["date"] if side == "left" else ""
            lsi = f"LSI {fmt(s['lsi'])}" if side == "right" and s["lsi"] is not None else ""
            click.echo(
                f"  {label:<10} {side[0].upper()} {bar(value or 0, top, 24):<24} "
                f"{fmt(value):>8} {lsi}".rstrip()
            )
    lsis = [s["lsi"] for s in sessions]
    if len([v for v in lsis if v is not None]) > 1:
        click.echo(f"  LSI trend {sparkline(lsis, 70, 100)}  (70 to 100)")


@report_group.command("history")
@click.argument("exercise", shell_complete=complete_exercise)
@click.option("--side", type=click.Choice(["left", "right"]), help="Only one side.")
@click.option("--since", type=SINCE, help='Start of the window, e.g. "12w".')
@click.option("--formula", type=FORMULAS, default="epley", show_default=True, help="e1RM formula.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def report_history(
    app: App,
    exercise: str,
    side: str | None,
    since: datetime | None,
    formula: str,
    as_json: bool,
) -> None:
    """Per session: best set, e1RM, volume and reps (per side), personal bests marked."""
    from tracker.domain.model import Side
    from tracker.services.reports import history_report

    data = history_report(
        app.uow(), app.lifter, exercise, Side(side) if side else None, since, formula.lower()
    )
    if as_json:
        emit_json(data)
        return
    unit = data["unit"]
    click.echo(style(data["exercise"], bold=True) + f"  (e1RM by {data['formula']}, {unit})")
    if not data["sessions"]:
        click.echo("No working sets in this window.")
        return
    top = max((s["best_e1rm"] or 0) for s in data["sessions"])
    # Timed and distance sets (planks, carries) get their best time and distance as columns.
    timed = any(s.get("best_time_s") for s in data["sessions"])
    far = any(s.get("best_distance") for s in data["sessions"])
    rows = []
    for s in data["sessions"]:
        best = s["best_set"]
        row = [
            s["date"],
            s["side"] or "",
            f"{best['reps']} x {fmt(best['load'])}" if best else "-",
            fmt(s["best_e1rm"]),
            bar(s["best_e1rm"] or 0, top, 16),
            fmt(s["volume"]),
            str(s["reps"]),
        ]
        if timed:
            row.append(measure_text(s["best_time_s"], None, None) or "-")
        if far:
            dist = s["best_distance"]
            row.append(f"{fmt(dist['distance'])} {dist['unit']}" if dist else "-")
        rows.append([*row, "PB" if s["personal_best"] else ""])
    headers = ["date", "side", "best set", "e1RM", "", "volume", "reps"]
    headers += ["best time"] * timed + ["best distance"] * far + [""]
    for line in table(rows, headers):
        click.echo(line)
    for this_side in sorted({s["side"] for s in data["sessions"]}, key=str):
        values = [s["best_e1rm"] for s in data["sessions"] if s["side"] == this_side]
        label = f"{this_side} " if this_side else ""
        click.echo(f"e1RM trend {label}{sparkline(values)}")


@report_group.command("summary")
@click.option("--since", type=SINCE, default="4w", show_default=True, help="Start of the window.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_app
def report_summary(app: App, since: datetime, as_json: bool) -> None:
    """Sessions, sets and volume per week and per body part."""
    from tracker.services.reports import summary_report

    data = summary_report(app.uow(), app.lifter, since)
    if as_json:
        emit_json(data)
        return
    unit = data["unit"]
    click.echo(
        f"Since {data['since']}: {data['sessions']} sessions, {data['sets']} working sets, "
        f"volume {fmt(data['volume'])} {unit}"
    )
    if not data["weeks"]:
        return
    top = max(w["volume"] or 0 for w in data["weeks"])
    click.echo("")
    rows = [
        [w["week"], str(w["sessions"]), str(w["sets"]), fmt(w["volume"]), bar(w["volume"], top, 20)]
        for w in data["weeks"]
    ]
    for line in table(rows, ["week", "sessions", "sets", f"volume {unit}", ""]):
        click.echo(line)
    click.echo("")
    rows = [
        [p["body_part"], str(p["sessions"]), str(p["sets"]), fmt(p["volume"])]
        for p in data["body_parts"]
    ]
    for line in table(rows, ["body part", "sessions", "sets", f"volume {unit}"]):
        click.echo(line)


COMMANDS = [report_group]
