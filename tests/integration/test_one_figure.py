"""Issue 22: one figure in every view. The imbalance report, the team report, the suggest cue,
the gym's pair line and the HTML page say the same LSI, weaker side and status, each naming
its scope; on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.helpers.cli import Tracker

PISTOL = "pistol squat"


def headline(tracker: Tracker, exercise: str) -> dict[str, Any]:
    (item,) = tracker.json("report", "imbalance", exercise)["exercises"]
    return dict(item)


def figure(data: dict[str, Any]) -> tuple[Any, ...]:
    return data["lsi"], data["status"], data["weaker_side"]


def test_body_weight_counts_in_every_view(tracker: Tracker) -> None:
    """Item 1: 8 x (80 + 5) against 5 x (80 + 10) is right weaker, LSI 97.52, everywhere."""
    tracker.ok("bodyweight", "add", "80", "--at", "2026-11-01 08:00")
    tracker.ok("log", "pistol", "-l", "8xBW+5", "-r", "5xBW+10", "--at", "2026-12-01 17:00")
    report = headline(tracker, PISTOL)
    assert figure(report) == (97.52, "balanced", "right")
    (row,) = tracker.json("report", "team", "--since", "2026-11-01")["rows"]
    assert figure(row) == figure(report) and row["scope"] == "recent"
    cue = tracker.json("suggest", "pistol")["imbalance"]
    assert figure(cue) == figure(report) and cue["scope"] == "last_session"
    assert "54.3" not in tracker.ok("suggest", "pistol").stdout
    page = tracker.ok("report", "html", "--since", "2026-11-01").stdout
    assert "LSI 97.5" in page and "54.3" not in page and "54.29" not in page


def test_an_assisted_pair_keeps_its_team_row(tracker: Tracker) -> None:
    """Item 1: bodyweight sets (load 0 and assisted, below 0) are not dropped by the team."""
    tracker.ok("bodyweight", "add", "80", "--at", "2026-11-01 08:00")
    tracker.ok("log", "pistol", "-l", "5xBW", "-r", "5xBW-10", "--at", "2026-12-01 17:00")
    report = headline(tracker, PISTOL)
    assert figure(report) == (87.5, "watch", "right")  # 70 kg moved against 80
    (row,) = tracker.json("report", "team", "--since", "2026-11-01")["rows"]
    assert figure(row) == figure(report)


def test_the_gym_pair_line_is_the_reports_session_figure(tracker: Tracker) -> None:
    """Item 1: the pair 5 x (80 + 10) against 5 x (80 + 2.5) is 91.67, as the report says."""
    tracker.ok("bodyweight", "add", "80", "--at", "2026-11-01 08:00")
    lines = ["pistol squat", "-l 5xBW+10 -r 5xBW+2.5", "done"]
    out = tracker("gym", "--no-timer", input="".join(f"{line}\n" for line in lines)).stdout
    assert "  Pair LSI 91.7" in out.splitlines()
    assert "25.0" not in out
    assert headline(tracker, PISTOL)["sessions"][-1]["lsi"] == 91.67


def test_the_gym_pair_after_undo_pairs_the_sets_still_stored(tracker: Tracker) -> None:
    """Item 8: the undone set is forgotten; the re-typed one pairs with the waiting left."""
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x55", "--at", "3 days ago")
    lines = ["slp", "l 10x50", "", "undo", "r 9x60", "", "done"]
    out = tracker("gym", "--no-timer", input="".join(f"{line}\n" for line in lines)).stdout
    pairs = [line.split()[2] for line in out.splitlines() if line.startswith("  Pair LSI")]
    # l 10x50 (e1RM 66.67) with Enter's r 11x55 (75.17): 88.7, then undone; with the
    # re-typed r 9x60 (78): 85.5; then Enter's pair l 11x60 (82) and r 11x55 (75.17): 91.7.
    assert pairs == ["88.7", "85.5", "91.7"]


def test_the_team_weaker_side_follows_the_report(tracker: Tracker) -> None:
    """Item 2: right weaker in 1 of the last 3 sessions is no weaker side, in both views."""
    for day, right in ((10, "10x50"), (7, "10x60"), (4, "10x60"), (1, "10x50")):
        tracker.ok("log", "slp", "-l", "10x60", "-r", right, "--at", f"{day} days ago")
    report = headline(tracker, "slp")
    (row,) = tracker.json("report", "team")["rows"]
    assert report["weaker_side"] is None and figure(row) == figure(report)


def test_the_cue_says_its_scope(tracker: Tracker) -> None:
    """Item 3: the cue is the last session's LSI and says so; the headline is the recent one."""
    for day, right in ((3, "10x50"), (2, "10x52.5"), (1, "10x55")):
        tracker.ok("log", "slp", "-l", "10x65", "-r", right, "--at", f"{day} days ago")
    report = headline(tracker, "slp")
    answer = tracker.json("suggest", "slp")
    assert answer["imbalance"]["lsi"] == report["sessions"][-1]["lsi"] == 84.62
    assert report["lsi"] == 80.77 and report["scope"] == "recent"
    assert "Last session: LSI 84.6, imbalanced, right side weaker." in answer["rationale"]
    page = tracker.ok("report", "html").stdout
    assert "Last session: LSI 84.6, imbalanced" in page


def test_suggested_loads_stay_in_each_sides_unit(tracker: Tracker) -> None:
    """Item 7: a side logged in lb progresses in lb with the lb step, never 66.23 kg."""
    tracker.ok("log", "slp", "-l", "12x60kg", "12x60kg", "-r", "12x135lb", "12x135lb")
    answer = tracker.json("suggest", "slp")
    sides, unit = answer["sides"], answer["unit"]
    assert (sides["left"]["load"], sides["left"].get("unit", unit)) == (65, "kg")
    assert (sides["right"]["load"], sides["right"].get("unit", unit)) == (145, "lb")
    text = tracker.ok("suggest", "slp").stdout
    assert "145 lb" in text and "66.23" not in text
    tracker.ok("log", "bulgarian split squat", "-l", "10x20kg", "-r", "10x45lb")
    text = tracker.ok("suggest", "bulgarian split squat").stdout
    assert "2 x 45 lb dumbbells" in text and "22.41" not in text


def test_a_cap_across_units_is_a_load_of_the_weaker_sides_unit(tracker: Tracker) -> None:
    """Item 7: the weaker side's cap is the stronger side's load converted and rounded down
    to the weaker side's step, never a converted remainder."""
    # Left 12 x 60 kg (e1RM 84) goes to 65 kg; right 1 x 150 lb (68.04 kg) is weaker and
    # would hold 150 lb: capped at 65 kg = 143.30 lb, rounded down to the 10 lb step: 140 lb.
    tracker.ok("log", "slp", "-l", "12x60kg", "-r", "1x150lb")
    answer = tracker.json("suggest", "slp")
    assert answer["imbalance"]["weaker_side"] == "right"
    left, right, unit = answer["sides"]["left"], answer["sides"]["right"], answer["unit"]
    assert (left["load"], left.get("unit", unit)) == (65, "kg")
    assert (right["load"], right.get("unit", unit)) == (140, "lb")
    assert "Capped at 140 lb" in answer["rationale"]
