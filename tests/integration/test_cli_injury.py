"""The injury date (`lifter edit --injury-date`), EPIC and recovery in `report imbalance`,
and `report readiness` (domain-science 1.4b, Wellsandt 2017), through the real CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.helpers.cli import Tracker
from tracker.domain.report_figures import months_before


def test_lifter_edit_injury_date_needs_a_side_and_refuses_bad_dates(tracker: Tracker) -> None:
    tracker.ok("lifter", "list")
    assert tracker.fails("lifter", "edit", "me") == (
        "Error: give --involved left|right|none, --injury-date DATE|none, or both"
    )
    assert tracker.fails("lifter", "edit", "me", "--injury-date", "2026-03-02") == (
        "Error: no involved side for every exercise: give --involved left or right with "
        "--injury-date"
    )
    tracker.ok("lifter", "edit", "me", "--involved", "right")
    assert tracker.fails("lifter", "edit", "me", "--injury-date", "soon").startswith(
        "Error: --injury-date: can't read date"
    )
    assert "in the future" in tracker.fails("lifter", "edit", "me", "--injury-date", "2999-01-01")
    assert tracker.fails(
        "lifter", "edit", "me", "--involved", "none", "--injury-date", "2026-03-02"
    ) == "Error: --involved none forgets the injury date too: give no --injury-date"
    # Either option alone: the date kept with the side, the side changed keeps the date.
    out = tracker.ok("lifter", "edit", "me", "--injury-date", "2026-03-02").stdout
    assert out == "me: injury date 2026-03-02 for every exercise\n"
    tracker.ok("lifter", "edit", "me", "--involved", "left")
    exported = json.loads(tracker.ok("export", "--format", "json").stdout)
    assert exported["involved_sides"] == [
        {"exercise": None, "side": "left", "injury_date": "2026-03-02"}
    ]
    out = tracker.ok("lifter", "edit", "me", "--injury-date", "none").stdout
    assert out == "me: no injury date for every exercise\n"


TODAY = dt.date.today()
INJURY = TODAY - dt.timedelta(weeks=20)
EXTENSION = "Single-Leg Leg Extension"


def at(days: int) -> str:
    """A time ``days`` after the injury date (before it when negative)."""
    return f"{(INJURY + dt.timedelta(days=days)).isoformat()} 18:00"


def worked_example(tracker: Tracker) -> None:
    """Domain-science 1.4b's oracle, left involved: the uninvolved side 120 before the
    injury and 100 now, the involved side 110 before and 92 now (singles: e1RM = load)."""
    for days in (-30, -20, -10):
        tracker.ok("log", EXTENSION, "-l", "1x110", "-r", "1x120", "--at", at(days), "-y")
    for days in (100, 110, 120):
        tracker.ok("log", EXTENSION, "-l", "1x92", "-r", "1x100", "--at", at(days), "-y")
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", INJURY.isoformat())


def test_epic_and_recovery_in_the_imbalance_json(tracker: Tracker) -> None:
    worked_example(tracker)
    (ex,) = tracker.json("report", "imbalance")["exercises"]
    assert (ex["lsi"], ex["status"]) == (92.0, "balanced")  # LSI passes 90 ...
    assert ex["epic"] == 76.67  # ... EPIC fails it: the uninvolved side deconditioned too
    assert ex["recovery"] == 83.64  # 92 / 110
    assert ex["pre_injury"] == {
        "uninvolved": 120.0, "involved": 110.0, "sessions": 3, "until": INJURY.isoformat()
    }
    assert ex["epic_note"] is None
    # The window does not move the reference: it is read from the whole history.
    (ex,) = tracker.json("report", "imbalance", "--since", at(90))["exercises"]
    assert ex["epic"] == 76.67
    # An injury date with no session before it in the look-back: null, and why.
    earlier = INJURY - dt.timedelta(days=40)
    tracker.ok("lifter", "edit", "me", "--injury-date", earlier.isoformat())
    (ex,) = tracker.json("report", "imbalance")["exercises"]
    assert (ex["epic"], ex["recovery"], ex["pre_injury"]) == (None, None, None)
    assert ex["epic_note"] == (
        f"No EPIC: no session with both sides measured from {months_before(earlier, 6)} to "
        f"the injury date {earlier}."
    )
    # An exercise without an injury date has none of these keys.
    tracker.ok("lifter", "edit", "me", "--injury-date", "none")
    (ex,) = tracker.json("report", "imbalance")["exercises"]
    assert "epic" not in ex and "pre_injury" not in ex


def test_text_html_and_team_show_epic_beside_the_lsi(tracker: Tracker, tmp_path: Path) -> None:
    worked_example(tracker)
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x50")  # no injury date: no EPIC there
    meaning = (
        "EPIC 76.7 (involved now / uninvolved before the injury x 100, 3 sessions before "
        f"{INJURY}); recovery 83.6 (involved now / involved before)."
    )
    wide = tracker.ok("report", "imbalance", env={"COLUMNS": "200"}).stdout
    assert "  " + meaning in wide.splitlines()
    header = next(line for line in wide.splitlines() if line.startswith("exercise"))
    assert header.split() == ["exercise", "left", "right", "LSI", "EPIC", "weaker", "status",
                              "sessions"]
    row = next(line for line in wide.splitlines() if line.startswith(EXTENSION))
    assert row.split()[3:8] == ["92", "100", "92.0", "76.7", "left"]
    narrow = tracker.ok("report", "imbalance", env={"COLUMNS": "60"}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 60
    assert "EPIC 76.7 (involved now / uninvolved before the injury x" in narrow

    page = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert f'<p class="epic" data-field="epic" data-value="76.67">{meaning}</p>' in html

    team = tracker.json("report", "team")
    assert {row["exercise"]: row["epic"] for row in team["rows"]} == {
        EXTENSION: 76.67, "Single Leg Press": None
    }
    lines = tracker.ok("report", "team").stdout.splitlines()
    header = next(line for line in lines if line.startswith("lifter"))
    assert header.split()[:6] == ["lifter", "exercise", "LSI", "EPIC", "compared", "involved"]
    assert next(line for line in lines if EXTENSION in line).split()[4:6] == ["92.0", "76.7"]
    team_page = tmp_path / "team.html"
    tracker.ok("report", "team", "--html", "-o", str(team_page))
    assert 'data-field="epic">76.67</td>' in team_page.read_text(encoding="utf-8")


def test_readiness_of_the_worked_example_and_tests_never_done(tracker: Tracker) -> None:
    worked_example(tracker)
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", INJURY.isoformat(),
               "--exercise", "slp")
    tracker.ok("lifter", "edit", "me", "--involved", "none", "--exercise", EXTENSION)
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", INJURY.isoformat())
    report = tracker.json("report", "readiness", "--test", EXTENSION, "--test", "slp")
    assert report["lifter"] == "me" and report["threshold"] == 90.0
    assert (report["involved"], report["injury_date"]) == ("left", INJURY.isoformat())
    assert report["weeks_since_injury"] == 20
    extension, press = report["tests"]
    assert extension == {
        "exercise": EXTENSION, "metric": "e1rm", "unit": "kg", "involved": "left",
        "injury_date": INJURY.isoformat(), "date": at(120)[:10], "scope": "recent",
        "compared_sessions": 3, "recent_from": at(100)[:10],
        "lsi": 92.0, "epic": 76.67, "recovery": 83.64, "criteria": ["lsi", "epic"],
        "epic_note": None, "passed": False, "reason": "EPIC 76.7 is below 90.",
    }
    # The same figures as report imbalance: readiness reads that report.
    (imbalance,) = tracker.json("report", "imbalance", EXTENSION)["exercises"]
    assert (imbalance["lsi"], imbalance["epic"]) == (extension["lsi"], extension["epic"])
    assert press["exercise"] == "Single Leg Press"
    assert (press["lsi"], press["passed"], press["criteria"]) == (None, False, [])
    assert press["reason"] == "Never done: no set of it is logged."
    assert report["passed"] is False
    # At 75 the worked example passes both criteria; a test never done still fails the battery.
    report = tracker.json("report", "readiness", "--threshold", "75", "--test", EXTENSION,
                          "--test", "Crossover Hop for Distance")
    extension, never = report["tests"]
    assert (extension["passed"], extension["reason"]) == (True, None)
    assert (never["lsi"], never["epic"], never["date"], never["passed"]) == (
        None, None, None, False)
    assert never["reason"] == "Never done: no set of it is logged."
    assert report["passed"] is False


def test_readiness_default_battery_in_text_at_60_columns(tracker: Tracker) -> None:
    worked_example(tracker)
    out = tracker.ok("report", "readiness", env={"COLUMNS": "60"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 60
    lines = out.splitlines()
    assert lines[0] == "Readiness of me, involved left: 20 weeks since the injury"
    assert lines[1] == f"  ({INJURY})."
    assert f"{EXTENSION}: not passed" in lines
    assert f"  3 sessions, {at(100)[:10]} to {at(120)[:10]}: LSI 92.0, EPIC 76.7," in lines
    assert "    recovery 83.6" in lines
    assert "  EPIC 76.7 is below 90." in lines
    assert lines[-1].startswith("Overall: not passed (")
    # Every test of the default battery is listed, done or not.
    default = tracker.json("report", "readiness")
    assert [t["exercise"] for t in default["tests"]][0] == EXTENSION
    assert len(default["tests"]) == 5 and default["passed"] is False
    assert all(t["reason"] for t in default["tests"])
    for odd in ("0", "150", "89.55", "nan"):
        assert tracker.fails("report", "readiness", "--threshold", odd) == (
            "Error: --threshold must be a percentage from 50 to 100 with at most one decimal, "
            f"got {'NaN' if odd == 'nan' else odd}"
        )
    assert tracker.fails("report", "readiness", "--threshold", "x") == (
        'Error: --threshold must be a number, got "x"'
    )


def test_readiness_judges_the_sessions_since_the_injury(tracker: Tracker) -> None:
    """The reviewer's case: sessions before the injury only, or a headline that would reach
    back before it, must not pass a test: only sessions since the injury date count."""
    for days in (-30, -20, -10):
        tracker.ok("log", EXTENSION, "-l", "1x100", "-r", "1x100", "--at", at(days), "-y")
        tracker.ok("log", "6 m timed hop", "-l", "2.0s", "-r", "2.0s", "--at", at(days), "-y")
    tracker.ok("log", "6 m timed hop", "-l", "2.30s", "-r", "2.00s", "--at", at(100), "-y")
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", INJURY.isoformat())
    report = tracker.json("report", "readiness", "--test", EXTENSION, "--test", "6 m timed hop")
    extension, hop = report["tests"]
    assert (extension["lsi"], extension["passed"]) == (None, False)
    assert extension["reason"] == (
        f"Not done since the injury date {INJURY.isoformat()}: its sessions are all before it."
    )
    # One session since the injury: LSI 2.00 / 2.30 = 86.96, EPIC 2.00 / 2.30 too.
    assert (hop["compared_sessions"], hop["recent_from"], hop["date"]) == (
        1, at(100)[:10], at(100)[:10])
    assert (hop["lsi"], hop["epic"], hop["unit"], hop["passed"]) == (86.96, 86.96, "s", False)
    text = tracker.ok("report", "imbalance", "6 m timed hop", "--since", INJURY.isoformat()).stdout
    assert ("EPIC 87.0 (uninvolved time before the injury / involved time now x 100, 1 "
            "session before") in " ".join(text.split())


def test_readiness_tests_the_lifter_names_must_exist(tracker: Tracker) -> None:
    assert tracker.fails("report", "readiness", "--test", "foo bar").startswith(
        'Error: no exercise named "foo bar"')
    assert tracker.fails("report", "readiness", "--test", " ") == (
        "Error: --test needs an exercise name")
    twice = tracker.json("report", "readiness", "--test", EXTENSION, "--test", EXTENSION)
    assert [t["exercise"] for t in twice["tests"]] == [EXTENSION]


def test_readiness_at_a_threshold_never_shows_a_failing_figure_as_equal(tracker: Tracker) -> None:
    """LSI 94.996 against 95: shown 94.99 (JSON) and 94.9 (text), never 95.0 below 95."""
    tracker.ok("lifter", "edit", "me", "--involved", "left")
    tracker.ok("log", EXTENSION, "-l", "1x94.996", "-r", "1x100", "-y")
    report = tracker.json("report", "readiness", "--test", EXTENSION, "--threshold", "95")
    (test,) = report["tests"]
    assert (test["lsi"], test["passed"], test["reason"]) == (94.99, False, "LSI 94.9 is below 95.")


def test_an_exercise_side_of_its_own_says_what_becomes_of_the_injury_date(
    tracker: Tracker,
) -> None:
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", "2026-07-20")
    assert tracker.fails(
        "lifter", "edit", "me", "--injury-date", "2026-08-01", "--exercise", EXTENSION
    ) == (
        f"Error: {EXTENSION} has no involved side of its own (every exercise's, left, applies): "
        "give --involved left with --injury-date for it alone, or leave out --exercise"
    )
    out = tracker.ok("lifter", "edit", "me", "--involved", "left", "--exercise", EXTENSION)
    assert (f"{EXTENSION} has no injury date of its own, so every exercise's (2026-07-20) no "
            "longer applies to it: add --injury-date for its EPIC") in " ".join(out.stdout.split())
    out = tracker.ok("lifter", "edit", "me", "--injury-date", "2026-08-01", "--exercise", EXTENSION)
    assert out.stdout == f"me: injury date 2026-08-01 for {EXTENSION}\n"


def test_the_page_shows_an_injury_stored_for_one_exercise_only(
    tracker: Tracker, tmp_path: Path
) -> None:
    """The tests then have no side and date in common: the page named the common ones and
    failed with a traceback; each test now says its own, as the text does."""
    tracker.ok("log", "6 m timed hop", "-l", "2.3s", "-r", "2.0s", "--at", "2026-11-01 10:00")
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", "2026-08-01",
               "--exercise", "6 m timed hop")
    out = tmp_path / "report.html"
    tracker.ok("report", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert ('6 m Timed Hop <span class="note">(involved left, injury date 2026-08-01)</span>'
            in page)
    assert "involved none, injury date none" in page  # a test of the battery never done
    assert "involved left, injury date 2026-08-01;" in tracker.ok("report", "readiness").stdout


def test_readiness_ends_its_span_at_the_last_session_that_compared_both_sides(
    tracker: Tracker,
) -> None:
    """A later session of the uninvolved side alone is not what the LSI compares: it said
    "3 sessions, 2026-11-01 to 2026-12-07" of sessions that ended on 2026-12-01."""
    for day in ("2026-11-01", "2026-11-15", "2026-12-01"):
        tracker.ok("log", "triple hop for distance", "-l", "4.2m", "-r", "5m",
                   "--at", f"{day} 10:00")
    tracker.ok("log", "triple hop for distance", "-r", "5.1m", "--at", "2026-12-07 09:00")
    tracker.ok("lifter", "edit", "me", "--involved", "left", "--injury-date", "2026-08-01")
    args = ("report", "readiness", "--test", "triple hop for distance")
    out = " ".join(tracker.ok(*args).stdout.split())
    assert "3 sessions, 2026-11-01 to 2026-12-01: LSI 84.0" in out
    (test,) = tracker.json(*args)["tests"]
    assert (test["recent_from"], test["date"], test["compared_sessions"]) == (
        "2026-11-01", "2026-12-01", 3)
