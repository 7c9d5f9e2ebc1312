"""Load suggestions through the CLI (oracles from the issue and domain-science.md 5-6)."""

from __future__ import annotations

from tests.conftest import Tracker


def test_start_from_the_bilateral_parent(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x120", "10x150")
    tracker.ok("log", "leg press", "10x60", "--warmup")
    data = tracker.json("suggest", "single leg press")
    assert data["kind"] == "start"
    assert data["basis"]["exercise"] == "Leg Press"
    assert (data["basis"]["load"], data["basis"]["unit"], data["basis"]["reps"]) == (150, "kg", 10)
    assert data["ratio"] == [0.4, 0.5] and data["range"] == [60, 75] and data["suggested"] == 60
    assert data["sled"] is None
    assert data["sides"] == {
        "left": {"load": 60, "total": 60, "reps_target": 8},
        "right": {"load": 60, "total": 60, "reps_target": 8},
    }
    assert "150 kg" in data["rationale"]
    text = tracker.ok("suggest", "slp").stdout
    assert "Start at:  60 kg" in text and "Range:     60-75 kg" in text


def test_sled_weight_changes_the_start(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x150")
    tracker.ok("exercises", "edit", "leg press", "--sled", "50")
    data = tracker.json("suggest", "slp")
    # 0.40 x (150 + 50) - 50 = 30; 0.50 x 200 - 50 = 50
    assert data["sled"] == 50 and data["range"] == [30, 50] and data["suggested"] == 30
    assert "sled" in data["rationale"]


def test_basis_in_pounds_is_converted_exactly(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x330lb")  # 149.685 kg
    data = tracker.json("suggest", "slp")
    assert data["range"] == [55, 70] and data["suggested"] == 55


def test_no_basis_explains_how_to_fix_it(tracker: Tracker) -> None:
    line = tracker.fails("suggest", "single leg press")
    assert "no working sets of Leg Press" in line and "--basis" in line
    data = tracker.json("suggest", "single leg press", "--basis", "100")
    assert data["range"] == [40, 50] and data["basis"]["date"] is None


def test_progression_per_side(tracker: Tracker) -> None:
    tracker.ok("log", "slp", "-l", "3x12x60", "-r", "3x10x60")
    data = tracker.json("suggest", "slp")
    assert data["kind"] == "progression"
    assert data["sides"]["left"]["load"] == 65 and data["sides"]["right"]["load"] == 60


def test_weaker_side_never_gets_more_and_gets_the_cue(tracker: Tracker) -> None:
    # Left: 12 reps at 60 (Epley 84) goes up to 65. Right: 1 rep at 70 (e1RM 70, LSI 83) is
    # the weaker side, fell short of 8 and would hold 70: the cap brings it down to 65.
    tracker.ok("log", "slp", "-l", "12x60", "-r", "1x70")
    data = tracker.json("suggest", "slp")
    assert data["sides"]["left"]["load"] == data["sides"]["right"]["load"] == 65
    assert "Capped at 65 kg, the stronger side's load" in data["rationale"]
    assert "right side was weaker" in data["rationale"] and data["cue"]


def test_bilateral_progression(tracker: Tracker) -> None:
    tracker.ok("log", "bench", "3x12x60")
    data = tracker.json("suggest", "bench")
    assert (data["sides"], data["suggested"]) == (None, 62.5)
    assert "bodyweight" not in data  # only a bodyweight lift adds the key


def test_an_assisted_or_weighted_bodyweight_lift_progresses_as_bodyweight(tracker: Tracker) -> None:
    # An assisted pull-up is body weight minus 20 kg: not a -20 kg load to put on anything.
    tracker.ok("log", "pull-up", "8xBW-20")
    out = tracker.ok("suggest", "pull-up").stdout
    assert "  Next:  BW-20 kg x 9\n" in out
    assert "Why: Best set at BW-20 kg was 8 reps: hold it and aim for 9 reps." in out
    data = tracker.json("suggest", "pull-up")
    assert (data["suggested"], data["bodyweight"]) == (-20, True)
    assert data["rationale"] == "Best set at BW-20 kg was 8 reps: hold it and aim for 9 reps."
    # Weighted dips: body weight plus the 10 kg on the belt.
    tracker.ok("log", "dips", "8xBW+10")
    assert "  Next:  BW+10 kg x 9\n" in tracker.ok("suggest", "dips").stdout
    assert tracker.json("suggest", "dips")["bodyweight"] is True


def test_a_dumbbell_progression_says_its_loads_are_per_dumbbell(tracker: Tracker) -> None:
    tracker.ok("log", "dumbbell bench press", "3x12x20")
    data = tracker.json("suggest", "dumbbell bench press")
    assert (data["suggested"], data["total"], data["implements"]) == (22, 44, 2)
    assert data["rationale"] == (
        "All 3 sets at 20 kg per dumbbell reached 12 reps, the top of 8-12: add 2 kg per "
        "dumbbell and restart at 8 reps."
    )


def test_first_unilateral_log_prints_the_suggested_start(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x150")
    out = tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60").stdout
    assert "Suggested start from Leg Press: 60 kg per side" in out


def test_gym_wide_increment_setting(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x150")
    assert tracker.ok("config", "set", "increment.machine", "2.5kg").stdout == (
        "increment.machine = 2.5 kg\n"
    )
    data = tracker.json("suggest", "slp")
    assert data["range"] == [60, 75] and data["increment"] == 2.5
    tracker.ok("log", "leg press", "10x155")
    assert tracker.json("suggest", "slp")["range"] == [60, 77.5]  # 62 and 77.5, rounded down
    assert "increment.machine = 2.5 kg  (gym-wide)" in tracker.ok("config", "get").stdout
    assert 'unknown equipment "spaceship"' in tracker.fails(
        "config", "set", "increment.spaceship", "2"
    )
    assert "unknown setting" in tracker.fails("config", "set", "colour", "red")


def test_per_exercise_increment_wins(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x150")
    tracker.ok("exercises", "edit", "slp", "--increment", "10", "--unit", "kg")
    assert tracker.json("suggest", "slp")["range"] == [60, 70]


def test_progression_stays_in_the_unit_the_lifter_loads(tracker: Tracker) -> None:
    tracker.ok("config", "set", "unit", "lb")
    tracker.ok("log", "slp", "-l", "3x12x40kg", "-r", "3x10x40kg")
    data = tracker.json("suggest", "slp")
    assert data["unit"] == "kg"
    assert data["sides"] == {
        "left": {"load": 45, "total": 45, "reps_target": 8},
        "right": {"load": 40, "total": 40, "reps_target": 11},
    }


def test_a_warm_up_only_session_does_not_hide_the_basis(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x150", "--at", "3 days ago")
    tracker.ok("log", "leg press", "10x60", "--warmup", "--at", "1 day ago")
    assert tracker.json("suggest", "slp")["basis"]["load"] == 150


def test_given_basis_is_described_as_given(tracker: Tracker) -> None:
    data = tracker.json("suggest", "slp", "--basis", "330lb")
    assert data["rationale"].startswith("You gave a Leg Press working weight of 330 lb")


def test_the_start_hint_is_shown_once(tracker: Tracker) -> None:
    tracker.ok("log", "leg press", "10x150")
    assert "Suggested start" in tracker.ok("log", "slp", "-l", "10x60", "-r", "10x60").stdout
    assert "Suggested start" not in tracker.ok("log", "slp", "-l", "10x60", "-r", "9x60").stdout
