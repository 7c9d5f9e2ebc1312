"""Issue 22's report rules through the CLI, on SQLite and PostgreSQL: a single is the load under
every formula, formulas are used for 1-12 reps, volume as lifted and said per dumbbell, bands
and digits agree, like compared with like."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.cli import Tracker

FORMULAS = ("epley", "brzycki", "lander", "lombardi", "mayhew", "oconner", "wathan")
AT = "2026-12-01 17:00"


def only(tracker: Tracker, *args: str) -> Any:
    (exercise,) = tracker.json("report", "imbalance", *args)["exercises"]
    return exercise


def test_a_single_is_the_load_under_every_formula(tracker: Tracker) -> None:
    """log slp -l 1x100 -r 5x90: Mayhew gave the single 108.86 and the sides flipped."""
    tracker.ok("log", "slp", "-l", "1x100", "-r", "5x90", "--at", AT)
    for formula in FORMULAS:
        ex = only(tracker, "slp", "--formula", formula)
        assert ex["left"]["best_e1rm"] == 100.0, formula
        assert ex["compared_by"] == "e1rm"
    ex = only(tracker, "slp", "--formula", "mayhew")
    assert ex["right"]["best_e1rm"] == 107.11  # 90 x 1.1901
    assert ex["lsi"] == 93.36 and ex["weaker_side"] == "left"


@pytest.mark.parametrize("formula", ["brzycki", "epley"])  # grouped and SQL-aggregated paths
def test_a_set_beyond_12_reps_never_decides_an_estimate(tracker: Tracker, formula: str) -> None:
    """-l 35x40 -r 12x60 --formula brzycki gave left e1RM 720 kg and LSI 12.0, imbalanced."""
    tracker.ok("log", "slp", "-l", "35x40", "-r", "12x60", "--at", AT)
    ex = only(tracker, "slp", "--formula", formula)
    assert ex["left"]["best_e1rm"] is None and ex["left"]["out_of_range_sets"] == 1
    assert ex["compared_by"] == "volume" and ex["aggregate"] == "total"
    assert (ex["recent_left"], ex["recent_right"]) == (1400.0, 720.0)
    assert ex["lsi"] == 51.43 and ex["weaker_side"] == "right"
    assert ex["notes"] == [
        "1 set of more than 12 reps left out of the e1RM: no formula is reliable there.",
        "A side has no set of 1-12 reps and the sides share no load: compared by volume.",
    ]
    text = tracker.ok("report", "imbalance", "slp", "--formula", formula).stdout
    assert "Single Leg Press: compared by total volume (kg)." in text
    assert "720 kg" not in text and "1440" not in text


def test_no_set_in_range_compares_reps_at_a_load_both_sides_lifted(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "35x40", "-r", "12x40", "20x40", "8x50", "--at", AT)
    for formula in ("lander", "oconner"):  # grouped and SQL-aggregated paths
        ex = only(tracker, "slp", "--formula", formula)
        assert ex["compared_by"] == "reps_at_load" and ex["aggregate"] == "best_set"
        assert (ex["recent_left"], ex["recent_right"]) == (35.0, 20.0)
        assert ex["weaker_side"] == "right" and ex["lsi"] == 57.14


def test_lander_at_37_reps_no_longer_gives_1623_kg(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "37x40", "10x40", "-r", "10x40", "--at", AT)
    ex = only(tracker, "slp", "--formula", "lander")
    assert ex["compared_by"] == "e1rm" and ex["lsi"] == 100.0
    assert ex["left"]["best_set"] == {"reps": 10, "load": 40.0, "as_typed": "40 kg"}


def test_alternating_dumbbell_volume_is_what_each_arm_moved(tracker: Tracker) -> None:
    """10 x 10 kg a side on an alternating curl (2 dumbbells held, one per arm) is 200 kg."""
    tracker.ok("log", "alternating dumbbell curl", "-l", "10x10", "-r", "10x10", "--at", AT)
    assert tracker.json("report", "summary", "--since", "2026-11-01")["volume"] == 200.0
    tracker.ok("log", "bulgarian split squat", "-l", "10x10", "-r", "10x10", "--at", AT)
    # Each leg's set carries both dumbbells: 2 x 10 x 10 x 2 = 400 more.
    assert tracker.json("report", "summary", "--since", "2026-11-01")["volume"] == 600.0
    ex = only(tracker, "alternating dumbbell curl")
    assert ex["per"] == "dumbbell" and ex["left"]["volume"] == 100.0
    history = tracker.json("report", "history", "alternating dumbbell curl")
    assert history["per"] == "dumbbell"
    assert "(per dumbbell)" in tracker.ok("report", "imbalance", "bss").stdout
    assert "per dumbbell)" in tracker.ok("report", "history", "bss").stdout


def test_a_machine_is_not_per_dumbbell(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60", "--at", AT)
    assert only(tracker, "slp")["per"] is None
    assert tracker.json("report", "history", "slp")["per"] is None
    assert "per dumbbell" not in tracker.ok("report", "imbalance", "slp").stdout


@pytest.mark.parametrize(
    ("right", "text", "json", "status"),
    [("84.997", "84.9", 84.99, "imbalanced"), ("89.997", "89.9", 89.99, "watch"),
     ("85", "85.0", 85.0, "watch")],
)
def test_bands_and_digits_agree(
    tracker: Tracker, right: str, text: str, json: float, status: str
) -> None:
    """An exact LSI of 84.997 printed "LSI 85.0, imbalanced" beside an exact 85.0 "watch"."""
    tracker.ok("log", "slp", "-l", "1x100", "-r", f"1x{right}", "--at", AT)
    ex = only(tracker, "slp")
    assert (ex["lsi"], ex["status"]) == (json, status)
    assert ex["asymmetry_pct"] == round(100 - json, 2)
    assert ex["sessions"][0]["lsi"] == json and ex["all_time"]["lsi"] == json
    out = tracker.ok("report", "imbalance", "slp").stdout
    assert f"LSI {text}, {status}" in out
    assert f" {text} " in out  # the table's LSI column
    if json != 85.0:
        assert "85.0" not in out and "90.0" not in out
    # The team view and both pages show the same LSI (the team page rounded it plainly: 85).
    team = ("report", "team", "--since", "2026-01-01")
    (row,) = tracker.json(*team)["rows"]
    assert (row["lsi"], row["status"]) == (json, status)
    assert f" {text} " in tracker.ok(*team).stdout
    page_lsi = f"{json:.2f}".rstrip("0").rstrip(".")
    assert f'data-field="lsi">{page_lsi}<' in tracker.ok(*team, "--html").stdout
    assert f'data-field="lsi" data-value="{json}">{page_lsi}<' in tracker.ok(
        "report", "html", "--since", "2026-01-01"
    ).stdout


def test_duration_compares_each_sides_longest_hold(tracker: Tracker) -> None:
    """60 s against 45 + 65 s is LSI 92.3 via 60 / 65, not 54.5 via 60 / 110."""
    tracker.ok("log", "single-leg glute bridge", "-l", "60s", "-r", "45s", "65s", "--at", AT)
    ex = only(tracker, "single-leg glute bridge", "--metric", "duration")
    assert ex["aggregate"] == "best_set"
    assert (ex["recent_left"], ex["recent_right"], ex["lsi"]) == (60.0, 65.0, 92.31)
    assert ex["weaker_side"] == "left" and ex["status"] == "balanced"
    assert ex["right"]["duration_s"] == 110  # the total stays in the side's figures
    out = tracker.ok("report", "imbalance", "single-leg glute bridge", "--metric", "duration")
    assert "longest set (s)" in out.stdout and "92.3" in out.stdout


def test_reps_compare_the_best_set_and_volume_stays_a_total(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "12x20", "-r", "8x20", "6x20", "--at", AT)
    ex = only(tracker, "slp", "--metric", "reps")
    assert (ex["recent_left"], ex["recent_right"], ex["aggregate"]) == (12.0, 8.0, "best_set")
    ex = only(tracker, "slp", "--metric", "volume")
    assert (ex["recent_left"], ex["recent_right"], ex["aggregate"]) == (240.0, 280.0, "total")


def test_a_test_where_less_is_better_compares_the_shortest_times(tracker: Tracker) -> None:
    """README "Tests where less is better": each side's fastest trial, faster / slower x 100,
    the slower side weaker; with an involved side uninvolved / involved time (20 s against
    23 s: 86.96, domain-science 1.4b's 2.00 s against 2.30 s), in every view."""
    tracker.ok("exercises", "add", "Cone Hop", "--unilateral", "--equipment", "bodyweight",
               "--lower-is-better")
    # Five identical sessions: the lifter's own noise is 0, so the 13% difference is real.
    for day in ("2026-11-27", "2026-11-29", "2026-12-01", "2026-12-03", "2026-12-05"):
        tracker.ok("log", "cone hop", "-l", "21s", "-l", "20s", "-r", "23s", "-r", "30s",
                   "--at", f"{day} 17:00")
    ex = only(tracker, "cone hop")  # no --metric: unloaded timed sets compare by duration
    assert (ex["compared_by"], ex["aggregate"], ex["lower_is_better"]) == (
        "duration", "best_set", True)
    assert (ex["recent_left"], ex["recent_right"]) == (20.0, 23.0)
    assert (ex["lsi"], ex["weaker_side"], ex["status"]) == (86.96, "right", "watch")
    assert [s["lsi"] for s in ex["sessions"]] == [86.96] * 5
    assert (ex["noise_from"], ex["noise_pct"], ex["within_noise"]) == ("own", 0.0, False)
    text = tracker.ok("report", "imbalance", "cone hop").stdout
    assert ("Cone Hop: compared by shortest set (s), less is better: LSI = faster / slower, "
            "or uninvolved / involved time.") in " ".join(text.split())
    assert "Right side weaker in 3 of the last 3 sessions (LSI 87.0, watch)." in " ".join(
        text.split())
    involved = only(tracker, "cone hop", "--involved", "right")
    assert (involved["lsi"], involved["weaker_side"]) == (86.96, "right")
    assert only(tracker, "cone hop", "--involved", "left")["lsi"] == 115.0
    (row,) = [r for r in tracker.json("report", "team")["rows"] if r["exercise"] == "Cone Hop"]
    assert (row["unit"], row["lsi"]) == ("s", 86.96)  # seconds, not the lifter's kg
    # The same times, higher is better: the longest trial, the left side weaker.
    tracker.ok("exercises", "edit", "cone hop", "--higher-is-better")
    ex = only(tracker, "cone hop")
    assert (ex["recent_left"], ex["recent_right"], ex["weaker_side"]) == (21.0, 30.0, "left")
    assert ex["lower_is_better"] is False


def test_a_loaded_timed_test_where_less_is_better_asks_for_duration(tracker: Tracker) -> None:
    """Loaded timed sets keep the e1RM default; --metric duration compares the fastest set
    (read in SQL), and the team view follows the report."""
    tracker.ok("exercises", "add", "Sled Sprint", "--unilateral", "--equipment", "machine",
               "--lower-is-better")
    tracker.ok("log", "sled sprint", "-l", "20sx40", "-l", "25sx40", "-r", "23sx40",
               "--at", AT)
    assert only(tracker, "sled sprint")["compared_by"] == "e1rm"
    ex = only(tracker, "sled sprint", "--metric", "duration")
    assert (ex["recent_left"], ex["recent_right"], ex["lsi"]) == (20.0, 23.0, 86.96)
    assert ex["weaker_side"] == "right"


def test_hop_tests_compare_each_sides_best_trial_without_a_metric(tracker: Tracker) -> None:
    """README "Hop tests": a hop for distance by its longest trial (not the sum of trials, which
    --metric distance keeps for carries), the 6 m Timed Hop by its fastest, slower is weaker."""
    tracker.ok("log", "single-leg hop for distance", "-l", "1.50m", "-l", "1.60m",
               "-r", "1.40m", "-r", "1.00m", "--at", AT)
    ex = only(tracker, "single-leg hop for distance")
    assert (ex["compared_by"], ex["aggregate"], ex["lower_is_better"]) == (
        "best_distance", "best_set", False)
    assert (ex["recent_left"], ex["recent_right"], ex["weaker_side"]) == (1.6, 1.4, "right")
    assert ex["lsi"] == 87.5
    assert (ex["left"]["distance_m"], ex["right"]["distance_m"]) == (3.1, 2.4)
    total = only(tracker, "single-leg hop for distance", "--metric", "distance")
    assert (total["compared_by"], total["recent_left"], total["recent_right"]) == (
        "distance", 3.1, 2.4)
    assert "compared by longest single distance (m)" in tracker.ok(
        "report", "imbalance", "single-leg hop for distance").stdout
    tracker.ok("log", "6 m timed hop", "-l", "20s", "-l", "22s", "-r", "23s", "-r", "25s",
               "--at", AT)
    tracker.ok("lifter", "edit", "me", "--involved", "right", "--exercise", "6 m timed hop")
    hop = only(tracker, "6 m timed hop")
    assert (hop["compared_by"], hop["lower_is_better"], hop["involved"]) == (
        "duration", True, "right")
    assert (hop["recent_left"], hop["recent_right"], hop["lsi"]) == (20.0, 23.0, 86.96)
    assert (hop["weaker_side"], hop["status"]) == ("right", "watch")
    team = tracker.ok("report", "team").stdout
    assert "6 m Timed Hop" in team and "87.0" in team
