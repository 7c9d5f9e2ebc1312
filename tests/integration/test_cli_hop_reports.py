"""A physio's text view of hop tests (README "For physiotherapists"): `report imbalance` and
`report history` of exercises measured by time or distance, at a phone's 60 columns and piped.

Each output is pinned whole at COLUMNS=60, and checked piped (no COLUMNS: one line per row);
JSON is left as it was (a public contract), the text says what was logged to the thousandth.
"""

from __future__ import annotations

import pytest

from tests.helpers.cli import Tracker

AT = "2026-12-01 17:00"
PHONE = {"COLUMNS": "60"}
PIPED: dict[str, str] = {}  # CliRunner's output is no terminal, and COLUMNS is unset
WIDTHS = pytest.mark.parametrize("env", [PHONE, PIPED], ids=["60 columns", "piped"])


def log_hops(tracker: Tracker) -> None:
    """The README's battery, with the right side's time logged to the thousandth."""
    tracker.ok("log", "single-leg hop for distance", "-l", "1.38m", "-l", "142cm",
               "-r", "1.55m", "-r", "152cm", "--at", AT)
    tracker.ok("log", "6 m timed hop", "-l", "2.31s", "-l", "2.28s", "-r", "2.02s",
               "-r", "2.004s", "--at", AT)


def text(tracker: Tracker, *args: str, env: dict[str, str] = PHONE) -> str:
    out: str = tracker.ok(*args, env=env).stdout
    if env is PHONE:
        assert [line for line in out.splitlines() if len(line) > 60] == []
    return out


IMBALANCE_AT_60 = """\
Left vs right, 2026-12-01 to 2026-12-01.
6 m Timed Hop: compared by shortest set (s), less is better:
  LSI = faster / slower, or uninvolved / involved time.
Single-Leg Hop for Distance: compared by longest single
  distance (m).
Headline: the latest 3 sessions with both sides logged.

exercise            left right LSI  weaker status   sessions
------------------- ---- ----- ---- ------ -------- --------
6 m Timed Hop       2.28 2.004 87.9 left   watch           1
Single-Leg Hop for  1.42  1.55 91.6 left   balanced        1
Distance

6 m Timed Hop
  Left side weaker in the last session (LSI 87.9, watch),
    but a 12.1% difference is within noise (<15%).
  left: 2 trials, best 2.28 s
  right: 2 trials, best 2.004 s
  2026-12-01 L ████████████████████████     2.28
             R █████████████████████▏      2.004 LSI 87.9

Single-Leg Hop for Distance
  Left side weaker in the last session (LSI 91.6, balanced),
    but an 8.4% difference is within noise (<15%).
  left: 2 trials, best 1.42 m
  right: 2 trials, best 1.55 m
  2026-12-01 L ██████████████████████       1.42
             R ████████████████████████     1.55 LSI 91.6
"""


def test_an_imbalance_of_hop_tests_alone_names_no_e1rm(tracker: Tracker) -> None:
    """Every exercise says what it is compared by, so the heading names no metric; the
    figures are those compared (2.004 s, not 2), and each side's trials and best."""
    log_hops(tracker)
    assert text(tracker, "report", "imbalance") == IMBALANCE_AT_60


@WIDTHS
def test_hop_figures_show_what_was_logged(tracker: Tracker, env: dict[str, str]) -> None:
    log_hops(tracker)
    out = text(tracker, "report", "imbalance", env=env)
    (row,) = [line for line in out.splitlines() if line.startswith("6 m Timed Hop ")]
    assert row.split()[4:7] == ["2.28", "2.004", "87.9"]  # 2.28 / 2.004 is what LSI 87.9 is
    assert "  left: 2 trials, best 2.28 s\n  right: 2 trials, best 2.004 s\n" in out
    assert "  left: 2 trials, best 1.42 m\n  right: 2 trials, best 1.55 m\n" in out
    assert "e1RM" not in out and "volume" not in out and "no reps" not in out
    # JSON and the page carry the same figures as the text: a time to the thousandth it was
    # logged with (2.004, it said 2.0), the measure named.
    hop = tracker.json("report", "imbalance", "6 m timed hop")["exercises"][0]
    assert (hop["recent_left"], hop["recent_right"], hop["compared_by"]) == (
        2.28, 2.004, "duration")
    assert [(s["left"], s["right"]) for s in hop["sessions"]] == [(2.28, 2.004)]
    page = tracker.ok("report", "html", "--exercise", "6 m timed hop").stdout
    assert 'data-field="recent_right" data-value="2.004">2.004</td>' in page
    assert 'data-field="right" data-value="2.004">2.004</td>' in page  # the data table
    # Named as what they are, never e1RM, and each side as the text says it.
    assert 'data-label="right, mean best time, last 3"' in page
    assert "(the mean of each session&#39;s best time)" in page
    assert '<th scope="col" class="num">right best time</th>' in page
    assert '<li data-side="right" data-field="measured">right: 2 trials, best 2.004 s</li>' in page
    hop_section = page.split('<section class="exercise"')[1]
    assert "e1RM" not in hop_section and "volume" not in hop_section.lower()
    assert (hop["left"]["volume"], hop["left"]["best_e1rm"], hop["right"]["duration_s"]) == (
        None, None, 4.024)


@WIDTHS
def test_a_mixed_imbalance_names_e1rm_for_the_lifts(tracker: Tracker, env: dict[str, str]) -> None:
    """Strength and hops in one report: the heading's e1RM is the lift's, each hop states its
    own measure under it."""
    log_hops(tracker)
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x50", "--at", AT)
    out = " ".join(text(tracker, "report", "imbalance", env=env).split())
    assert out.startswith(
        "Left vs right, best e1RM (kg), 2026-12-01 to 2026-12-01. 6 m Timed Hop: compared by "
        "shortest set (s), less is better: LSI = faster / slower, or uninvolved / involved "
        "time. Single-Leg Hop for Distance: compared by longest single distance (m). "
        "Headline:"
    )
    assert "Single Leg Press: compared" not in out
    assert "left: best set 10 x 60 kg, e1RM 80; 1 set, volume 600" in out


def test_a_measure_asked_of_every_exercise_is_named_once(tracker: Tracker) -> None:
    """--metric distance: the hop for distance is compared by the total of its trials, as the
    heading says; the timed hop has no distance to compare."""
    log_hops(tracker)
    out = text(tracker, "report", "imbalance", "--metric", "distance")
    assert out.startswith("Left vs right, total distance (m), 2026-12-01 to 2026-12-01.\n")
    assert "  left: 2 trials, total 2.8 m\n  right: 2 trials, total 3.07 m\n" in out
    assert "  left: 2 trials for time or distance\n" in out  # the timed hop


HISTORY_AT_60 = """\
6 m Timed Hop  (best time per session, less time is better)
date        side   best time
----------  -----  ---------
2026-11-28  left   2.4 s
2026-11-28  right  2.1 s
2026-12-01  left   2.28 s
2026-12-01  right  2.004 s
best time trend left █▁
best time trend right █▁
"""


def test_the_history_of_a_timed_hop_is_about_its_time(tracker: Tracker) -> None:
    """No e1RM, set, volume or reps: each side's best time per session and its trend (the
    shortest, for a test where less is better)."""
    tracker.ok("log", "6 m timed hop", "-l", "2.4s", "-l", "2.5s", "-r", "2.1s",
               "--at", "2026-11-28 17:00")
    log_hops(tracker)
    assert text(tracker, "report", "history", "6 m timed hop") == HISTORY_AT_60


@WIDTHS
def test_the_history_of_a_hop_for_distance(tracker: Tracker, env: dict[str, str]) -> None:
    log_hops(tracker)
    tracker.ok("log", "single-leg hop for distance", "-l", "1.385m", "-r", "1.6m",
               "--at", "2026-12-03 17:00")
    out = text(tracker, "report", "history", "single-leg hop for distance", env=env)
    assert out.splitlines()[0] == "Single-Leg Hop for Distance  (best distance per session)"
    rows = [line.split() for line in out.splitlines() if line.startswith("2026-")]
    assert rows == [
        ["2026-12-01", "left", "1.42", "m"], ["2026-12-01", "right", "1.55", "m"],
        ["2026-12-03", "left", "1.385", "m"], ["2026-12-03", "right", "1.6", "m"],
    ]
    assert out.splitlines()[-2:] == [
        "best distance trend left █▁", "best distance trend right ▁█"]
    assert "e1RM" not in out and "volume" not in out


@WIDTHS
def test_a_history_of_reps_and_times_keeps_what_applies(
    tracker: Tracker, env: dict[str, str]
) -> None:
    """A carry for time, then for reps: the e1RM heading and columns stay for the reps, a
    session of times alone has no volume or reps (not 0), and both trends are drawn."""
    tracker.ok("log", "suitcase carry", "-l", "60sx24", "-r", "45sx24", "--at", AT)
    tracker.ok("log", "suitcase carry", "-l", "10x24", "-r", "8x24", "--at", "2026-12-03 17:00")
    out = text(tracker, "report", "history", "suitcase carry", env=env)
    assert out.startswith("Suitcase Carry  (e1RM by epley, kg, per dumbbell)\n")
    lines = out.splitlines()
    (timed,) = [line.split() for line in lines if line.split()[:2] == ["2026-12-01", "left"]]
    assert timed == ["2026-12-01", "left", "-", "-", "-", "-", "1:00"]
    assert [line.split()[:3] for line in lines if "trend" in line] == [
        ["e1RM", "trend", "left"], ["e1RM", "trend", "right"],
        ["best", "time", "trend"], ["best", "time", "trend"],
    ]
    data = tracker.json("report", "history", "suitcase carry")["sessions"]  # as it was
    assert [(s["volume"], s["reps"]) for s in data] == [(None, 0), (None, 0), (240.0, 10),
                                                         (192.0, 8)]


def test_a_history_of_reps_is_unchanged(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x50", "--at", AT)
    assert text(tracker, "report", "history", "slp") == (
        "Single Leg Press  (e1RM by epley, kg)\n"
        "date       side  best set  e1RM               volume reps\n"
        "---------- ----- --------- ----- ------------ ------ ---- --\n"
        "2026-12-01 left  10 x 60      80 ████████████    600   10 PB\n"
        "                 kg\n"
        "2026-12-01 right 10 x 50   66.67 ██████████      500   10 PB\n"
        "                 kg\n"
        "e1RM trend left ▁\n"
        "e1RM trend right ▁\n"
    )


def test_volume_compares_no_session_of_timed_or_distance_sets(tracker: Tracker) -> None:
    """They have no volume (SideFigures.volume_or_none): --metric volume said "2 sessions
    compared, left 0, right 0" beside a verdict that no session has both sides measured."""
    for day in ("2026-11-02", "2026-11-09"):
        tracker.ok("log", "suitcase carry", "-l", "40mx24", "-r", "40mx20", "--at", f"{day} 10:05")
    (carry,) = tracker.json("report", "imbalance", "--metric", "volume")["exercises"]
    assert (carry["compared_sessions"], carry["recent_left"], carry["recent_right"]) == (
        0, None, None)
    assert carry["status"] == "incomplete" and carry["left"]["volume"] is None
    assert [(s["left"], s["right"]) for s in carry["sessions"]] == [(None, None)] * 2
