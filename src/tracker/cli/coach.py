"""`tracker report html` and `tracker report team`: the coach and physio views."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.complete import complete_exercise
from tracker.cli.context import App, UserError, echo, emit_json, pass_app, style
from tracker.cli.layout import Column, plural, wrap
from tracker.cli.params import SINCE, local_now
from tracker.cli.render import table
from tracker.cli.report_json import lsi_num, num
from tracker.cli.reports import (
    STATUS_COLOURS,
    formula_option,
    json_option,
    lsi_fmt,
    since_option,
    until_option,
)
from tracker.cli.terminal import terminal_text
from tracker.domain.report_figures import DEFAULT_RECENT
from tracker.wording.asymmetry import involved_bands

if TYPE_CHECKING:
    from tracker.services.coach import TeamReport, TeamRow

OUTPUT = click.Path(dir_okay=False, writable=True, path_type=Path)


@click.command("html")
@click.option("-o", "--output", type=OUTPUT, help="File to write (default: stdout).")
@since_option
@until_option
@click.option(
    "--exercise", "exercises", multiple=True, metavar="NAME", shell_complete=complete_exercise,
    help="Only this exercise (repeat for several; default: every unilateral one).",
)
@click.option("--all-lifters", is_flag=True, help="Every lifter you may read, one after another.")
@click.option(
    "--metric",
    type=click.Choice(["e1rm", "volume", "reps"]),
    default="e1rm",
    show_default=True,
    help="What the left/right chart compares.",
)
@formula_option
@pass_app
def report_html(
    app: App,
    output: Path | None,
    since: datetime | None,
    until: datetime | None,
    exercises: tuple[str, ...],
    all_lifters: bool,
    metric: str,
    formula: str,
) -> None:
    """Write a self-contained HTML report to share or print: per unilateral exercise, left and
    right over time, the LSI against the 85 and 90 lines, volume per side, the verdict and the
    load for next time, with the figures of `report imbalance`.

    The file loads nothing from the network and prints on A4, one exercise per page.
    """
    from tracker.cli.html_pages import report_page
    from tracker.cli.startup import collector_paused
    from tracker.services.coach import visual_report

    uow = app.uow()  # opens the database, which resumes the start-up's collector
    with collector_paused():
        reports = visual_report(
            uow, app.lifter, all_lifters, exercises, since, until, metric, formula.lower()
        )
        count = sum(len(r.exercises) for r in reports)
        page = report_page(reports, local_now())
        del reports  # the page holds what it draws: the report's figures go before it is written
        write_output(page, output, plural(count, "exercise"))


@click.command("team")
@click.option(
    "--since", type=SINCE, default="12w", show_default=True,
    help="Read sessions from then on only (the trend needs the latest six).",
)
@json_option
@click.option("--html", "as_html", is_flag=True, help="Output a self-contained HTML page.")
@click.option("-o", "--output", type=OUTPUT, help="File to write (default: stdout).")
@pass_app
def report_team(
    app: App, since: datetime, as_json: bool, as_html: bool, output: Path | None
) -> None:
    """Every lifter x unilateral exercise: current LSI, status, weaker side, trend and the date
    last trained; who needs attention first (imbalanced, watch, balanced, largest asymmetry
    first).

    Each row is the headline of `report imbalance --since`: the latest 3 sessions with both
    sides, or as many as there are ("compared"; best e1RM, Epley), involved / uninvolved where
    an involved side is stored (then 90-110 is balanced, 85-90 and 110-115 watch); the trend
    compares it with the same headline over the 3 sessions before them: improving at 5 points
    or more closer to 100, worsening at 5 or more further, otherwise stable.
    """
    from tracker.services.coach import team_report

    if as_json and as_html:
        raise UserError("give --json or --html, not both")
    report = team_report(app.uow(), since)
    if as_html:
        from tracker.cli.html_pages import team_page

        text = team_page(report, local_now())
    elif as_json and output is None:
        emit_json(team_json(report))
        return
    elif as_json:
        from tracker.domain.text_safety import json_text

        text = json_text(team_json(report), indent=2) + "\n"
    elif output is None:
        for line in team_lines(report):
            echo(line)
        return
    else:
        text = "\n".join(team_lines(report)) + "\n"
    write_output(text, output, plural(len(report.rows), "row"))


def team_json(report: TeamReport) -> dict[str, Any]:
    """The `report team --json` shape: numbers rounded to 2 decimals, in each lifter's unit."""
    return {"since": report.since.isoformat(), "rows": [team_row_json(row) for row in report.rows]}


def team_row_json(row: TeamRow) -> dict[str, Any]:
    """A row's figures as `report imbalance --json` shows them (num, lsi_num)."""
    involved = row.involved is not None
    return {
        "lifter": row.lifter,
        "exercise": row.exercise,
        "unit": row.unit,
        "scope": "recent",
        "lsi": lsi_num(row.lsi, involved),
        "status": row.status,
        "weaker_side": row.weaker_side,
        "involved": row.involved,
        "compared_sessions": row.compared_sessions,
        "recent_from": row.recent_from.isoformat() if row.recent_from else None,
        "trend": row.trend,
        "baseline_lsi": lsi_num(row.baseline_lsi, involved),
        "epic": lsi_num(row.epic, True),
        "last_trained": row.last_trained.isoformat(),
        "sessions": [
            {
                "date": s.date.isoformat(),
                "left": num(s.left, row.unit),
                "right": num(s.right, row.unit),
                "lsi": lsi_num(s.lsi, involved),
            }
            for s in row.sessions
        ],
    }


def team_lines(report: TeamReport) -> list[str]:
    since = report.since.isoformat()
    if not report.rows:
        return [f"No unilateral exercise trained since {since}."]
    # The EPIC and involved columns only where a row has one; "compared" says over how many
    # sessions each LSI is (fewer than 3 where fewer have both sides logged).
    epic = any(row.epic is not None for row in report.rows)
    involved = any(row.involved is not None for row in report.rows)
    rows = [
        [
            row.lifter,
            row.exercise,
            lsi_fmt(row.lsi, row.involved is not None),
            *[lsi_fmt(row.epic, True)] * epic,
            str(row.compared_sessions),
            *[row.involved or "-"] * involved,
            style(row.status, fg=STATUS_COLOURS.get(row.status)),
            row.weaker_side or "-",
            row.trend or "-",
            row.last_trained.isoformat(),
        ]
        for row in report.rows
    ]
    header: list[Column | str] = [
        "lifter", "exercise", "LSI", *["EPIC"] * epic, Column("compared", numeric=True),
        *["involved"] * involved, "status", "weaker", "trend", "last trained",
    ]
    legend = (f"LSI over the latest sessions with both sides (compared: how many, at most "
              f"{DEFAULT_RECENT}), since {since}.")
    return [
        *wrap(legend, indent="  ", first=""),
        *(wrap(involved_bands(), indent="  ", first="") if involved else []),
        *table(rows, header),
    ]


def write_output(text: str | Iterable[str], output: Path | None, what: str) -> None:
    """To stdout, or to a file that is only ever whole: written beside it, then renamed. Like
    every line on the terminal, stored text's control characters are shown escaped. A page
    given in pieces is written piece by piece, whole lines at a time, and never held whole."""
    if output is None:
        for piece in _lines_of(text):
            sys.stdout.write(terminal_text(piece))
        sys.stdout.flush()
        return
    from tracker.bootstrap import new_private_file

    size = 0
    try:
        # Private like the data it shows (mode 600, never through a symlink); -o replaces.
        with new_private_file(output, force=True) as handle:
            for piece in _lines_of(text):
                handle.write(terminal_text(piece))
                size += len(piece.encode("utf-8"))
    except OSError as exc:
        raise UserError(f"can't write {output}: {exc.strerror or exc}") from None
    echo(f"Wrote {output} ({what}, {size / 1024:.0f} KB)", err=True)


def _lines_of(text: str | Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """The text in pieces of about ``size`` characters that end at a line's end (terminal_text
    escapes character by character; a colour code never spans a line)."""
    if isinstance(text, str):
        yield text
        return
    pending: list[str] = []
    held = 0
    for chunk in text:
        pending.append(chunk)
        held += len(chunk)
        if held >= size and "\n" in chunk:
            joined = "".join(pending)
            cut = joined.rindex("\n") + 1
            yield joined[:cut]
            pending, held = [joined[cut:]], len(joined) - cut
    if pending:
        yield "".join(pending)


# Added to the `tracker report` group when it loads (tracker.cli.report_group_with_coach).
REPORT_COMMANDS = [report_html, report_team]
