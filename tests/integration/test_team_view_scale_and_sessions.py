"""`report team` says on which scale each LSI is and over how many sessions, in every view.

An involved side's LSI is involved / uninvolved and may exceed 100 (125.0 is imbalanced: its
band is that of |100 - LSI|); the text and the page mark such a row, the page draws it above
100 against the 110 and 115 lines, and both explain those bands in the words of
`report html`. Each row's LSI is over the latest sessions with both sides, at most 3: the
views say how many (`compared_sessions`), as `report imbalance` does ("2 of the last 2").
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.helpers.cli import Tracker
from tracker.wording.asymmetry import involved_bands

SLP = "single leg press"
EXTENSION = "single-leg leg extension"
SINCE = "2026-10-01"
NARROW = {"COLUMNS": "60"}


def reviewer_example(tracker: Tracker) -> None:
    """The reviewer's case: the left side involved and stronger (LSI 125.0, imbalanced), and an
    even exercise (100.0, balanced), 3 sessions each."""
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        tracker.ok("log", SLP, "-l", "10x100", "-r", "10x80", "--at", f"{day} 10:00")
        tracker.ok("log", EXTENSION, "-l", "10x40", "-r", "10x40", "--at", f"{day} 10:05")
    tracker.ok("lifter", "edit", "me", "--involved", "left")


class TeamRows(HTMLParser):
    """Per team row: the text of its data-field cells and the shapes of its bar."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict[str, Any]] = {}
        self.row: dict[str, Any] | None = None
        self.field: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "tr" and "data-exercise" in found:
            self.row = {"fields": {}, "values": {}, "rects": [], "lines": []}
            self.rows[found["data-exercise"]] = self.row
        if self.row is None:
            return
        if "data-field" in found:
            self.field = found["data-field"]
            self.row["fields"][self.field] = ""
            if "data-value" in found:
                self.row["values"][self.field] = found["data-value"]
        if tag == "svg":
            self.row["label"] = found["aria-label"]
        if tag == "rect":
            self.row["rects"].append((found["class"], float(found["x"]), float(found["width"])))
        if tag == "line":
            self.row["lines"].append((found["class"], float(found["x1"])))

    def handle_data(self, data: str) -> None:
        if self.row is not None and self.field is not None:
            self.row["fields"][self.field] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "span"):
            self.field = None
        if tag == "tr":
            self.row = None


def team_page(tracker: Tracker, tmp_path: Path) -> tuple[str, dict[str, dict[str, Any]]]:
    out = tmp_path / "team.html"
    tracker.ok("report", "team", "--since", SINCE, "--html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    parser = TeamRows()
    parser.feed(page)
    return page, parser.rows


def test_text_marks_the_involved_rows_and_explains_their_bands(tracker: Tracker) -> None:
    reviewer_example(tracker)
    lines = tracker.ok("report", "team", "--since", SINCE, env=NARROW).stdout.splitlines()
    assert lines == [
        "LSI over the latest sessions with both sides (compared: how",
        "  many, at most 3), since 2026-10-01.",
        "Where an exercise names an involved side, LSI = involved /",
        "  uninvolved x 100, which exceeds 100 when the involved side",
        "  is stronger: balanced from 90 to 110, watch from 85 to 90",
        "  and from 110 to 115, imbalanced beyond.",
        "me",
        "  exercise: Single Leg Press",
        "  LSI: 125.0",
        "  compared: 3",
        "  involved: left",
        "  status: imbalanced",
        "  weaker: right",
        "  trend: -",
        "  last trained: 2026-11-16",
        "me",
        "  exercise: Single-Leg Leg Extension",
        "  LSI: 100.0",
        "  compared: 3",
        "  involved: left",
        "  status: balanced",
        "  weaker: -",
        "  trend: -",
        "  last trained: 2026-11-16",
    ]
    # Piped (no COLUMNS): one line per row, the involved side beside the LSI it qualifies.
    piped = tracker.ok("report", "team", "--since", SINCE).stdout.splitlines()
    header = next(line for line in piped if line.startswith("lifter"))
    assert header.split() == ["lifter", "exercise", "LSI", "compared", "involved", "status",
                              "weaker", "trend", "last", "trained"]  # fmt: skip
    row = next(line for line in piped if "Single Leg Press" in line)
    assert row.split()[4:9] == ["125.0", "3", "left", "imbalanced", "right"]
    # The same sentence as the imbalance report's page, which shows the same rows.
    assert involved_bands() in tracker.ok("report", "html").stdout


def test_text_without_an_involved_side_keeps_the_weaker_stronger_scale(tracker: Tracker) -> None:
    """One session: its LSI is over 1 (the header said "the latest 3" whatever the count); no
    involved column and no involved bands where no row has an involved side."""
    tracker.ok("log", SLP, "-l", "10x60", "-r", "10x54", "--at", "2026-11-02 10:00")
    lines = tracker.ok("report", "team", "--since", SINCE, env=NARROW).stdout.splitlines()
    assert lines == [
        "LSI over the latest sessions with both sides (compared: how",
        "  many, at most 3), since 2026-10-01.",
        "me",
        "  exercise: Single Leg Press",
        "  LSI: 90.0",
        "  compared: 1",
        "  status: balanced",
        "  weaker: right",
        "  trend: -",
        "  last trained: 2026-11-02",
    ]


def test_each_row_says_over_how_many_sessions_its_lsi_is(
    tracker: Tracker, tmp_path: Path
) -> None:
    """3 sessions, 2 and 1: not "the latest 3" for all (report imbalance: "2 of the last 2")."""
    for lifter in ("bo", "cy"):
        tracker.ok("lifter", "add", lifter)
    for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
        tracker.ok("log", SLP, "-l", "10x60", "-r", "10x54", "--at", f"{day} 10:00")
    for day in ("2026-11-10", "2026-11-12"):
        tracker.ok("--lifter", "bo", "log", SLP, "-l", "10x60", "-r", "10x48", "--at",
                   f"{day} 10:00")  # fmt: skip
    tracker.ok("--lifter", "cy", "log", SLP, "-l", "10x60", "-r", "10x57", "--at",
               "2026-11-12 10:00")  # fmt: skip
    rows = tracker.json("report", "team", "--since", SINCE)["rows"]
    counts = [(r["lifter"], r["compared_sessions"]) for r in rows]
    assert counts == [("bo", 2), ("me", 3), ("cy", 1)]
    report = tracker.json("--lifter", "bo", "report", "imbalance", "--since", SINCE)
    assert "in 2 of the last 2 sessions" in report["exercises"][0]["verdict"]

    lines = tracker.ok("report", "team", "--since", SINCE, env=NARROW).stdout.splitlines()
    assert [line for line in lines if line.startswith(("  LSI", "  compared"))] == [
        "  LSI: 80.0", "  compared: 2", "  LSI: 90.0", "  compared: 3", "  LSI: 95.0",
        "  compared: 1",
    ]  # fmt: skip
    assert lines[:2] == [
        "LSI over the latest sessions with both sides (compared: how",
        "  many, at most 3), since 2026-10-01.",
    ]
    piped = tracker.ok("report", "team", "--since", SINCE).stdout.splitlines()
    assert [line.split()[4:6] for line in piped[3:]] == [["80.0", "2"], ["90.0", "3"],
                                                         ["95.0", "1"]]  # fmt: skip

    page, shown = team_page(tracker, tmp_path)
    assert "latest 3 sessions" not in page
    row = shown["Single Leg Press"]  # the last row of that name: cy's, 1 session
    assert row["fields"]["compared_sessions"] == "1 session"
    sessions = re.findall(r'data-field="compared_sessions" data-value="(\d+)">([^<]*)<', page)
    assert sessions == [("2", "2 sessions"), ("3", "3 sessions"), ("1", "1 session")]


def test_the_page_draws_an_involved_lsi_above_100_against_110_and_115(
    tracker: Tracker, tmp_path: Path
) -> None:
    reviewer_example(tracker)
    page, rows = team_page(tracker, tmp_path)
    press, extension = rows["Single Leg Press"], rows["Single-Leg Leg Extension"]
    assert press["fields"] == {"lsi": "125", "compared_sessions": "3 sessions",
                               "involved": "involved left"}  # fmt: skip
    assert extension["fields"]["involved"] == "involved left"
    assert press["label"] == "involved left, LSI 125, imbalanced"
    # The scale runs from 70 to 130 over 160 px: 125 is drawn past 100 (80 px), into the
    # imbalanced band beyond 115; before, both bars were drawn to 100, the full width.
    x = {lsi: round((lsi - 70) * 160 / 60, 2) for lsi in (85, 90, 100, 110, 115, 125, 130)}
    bar = [r for r in press["rects"] if r[0] == "imbalanced"]
    assert bar == [("imbalanced", 0.0, x[125])]
    assert [r for r in extension["rects"] if r[0] == "balanced"] == [("balanced", 0.0, x[100])]
    assert press["lines"] == [("rule", x[85]), ("rule", x[90]), ("axis", x[100]),
                              ("rule", x[110]), ("rule", x[115])]  # fmt: skip
    bands = [(cls, start) for cls, start, _ in press["rects"] if cls.startswith("band-")]
    assert bands == [("band-imbalanced", 0.0), ("band-watch", x[85]), ("band-balanced", x[90]),
                     ("band-watch", x[110]), ("band-imbalanced", x[115])]  # fmt: skip
    # The legend says why 125 is imbalanced, in report html's words.
    assert involved_bands() in page
    assert "LSI against 85 and 90, 110 and 115" in page


def test_the_page_without_an_involved_side_keeps_its_scale_to_100(
    tracker: Tracker, tmp_path: Path
) -> None:
    for day in ("2026-11-02", "2026-11-09"):
        tracker.ok("log", SLP, "-l", "10x60", "-r", "10x54", "--at", f"{day} 10:00")
    page, rows = team_page(tracker, tmp_path)
    (row,) = rows.values()
    assert row["fields"] == {"lsi": "90", "compared_sessions": "2 sessions"}
    # 70 to 100 over 160 px, the lines at 85 and 90 only.
    assert row["lines"] == [("rule", 80.0), ("rule", 106.67)]
    assert [r for r in row["rects"] if r[0] == "balanced"] == [("balanced", 0.0, 106.67)]
    assert involved_bands() not in page and "110 and 115" not in page


def test_the_lowest_lsi_on_the_page_still_has_a_bar(tracker: Tracker, tmp_path: Path) -> None:
    """The bars started at the lowest LSI, so the worst row of all drew an empty bar."""
    for day in ("2026-11-02", "2026-11-09"):
        tracker.ok("log", SLP, "-l", "10x100", "-r", "10x50", "--at", f"{day} 10:00")
    _, rows = team_page(tracker, tmp_path)
    (row,) = rows.values()
    assert row["fields"]["lsi"] == "50"
    # From 40 (the tens below 50) to 100 over 160 px: 50 is 26.67 px long.
    assert [r for r in row["rects"] if r[0] == "imbalanced"] == [("imbalanced", 0.0, 26.67)]
