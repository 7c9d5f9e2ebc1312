"""`tracker config get`: every key, the value in force, and where it comes from."""

from __future__ import annotations

from tests.helpers.cli import Tracker


def test_every_key_shows_its_default(tracker: Tracker) -> None:
    lines = tracker.ok("config", "get").stdout.splitlines()
    assert lines[0] == "unit = kg  (lifter me)"
    assert "increment.barbell = 2.5 kg  (default)" in lines
    assert "increment.dumbbell = 2 kg  (default)" in lines
    assert "increment.machine = 5 kg  (default)" in lines
    assert tracker.ok("config", "get", "increment.barbell").stdout == (
        "increment.barbell = 2.5 kg  (default)\n"
    )


def test_defaults_follow_the_lifters_unit(tracker: Tracker) -> None:
    tracker.ok("config", "set", "unit", "lb")
    assert tracker.ok("config", "get", "increment.dumbbell").stdout == (
        "increment.dumbbell = 5 lb  (default)\n"
    )
    assert tracker.ok("config", "get", "unit").stdout == "unit = lb  (lifter me)\n"


def test_keys_read_back_as_they_were_set(tracker: Tracker) -> None:
    assert tracker.ok("config", "set", "increment.dumbbell", "2.5kg").stdout == (
        "increment.dumbbell = 2.5 kg\n"
    )
    assert tracker.ok("config", "get", "increment.dumbbell").stdout == (
        "increment.dumbbell = 2.5 kg  (gym-wide)\n"
    )
    # Another spelling of the equipment, or the old key with its unit, finds the same entry.
    assert tracker.ok("config", "get", "increment.dumbbells").stdout == (
        "increment.dumbbell = 2.5 kg  (gym-wide)\n"
    )
    assert "increment.dumbbell.kg" not in tracker.ok("config", "get").stdout


def test_a_step_in_the_other_unit_is_listed_beside_the_one_in_force(tracker: Tracker) -> None:
    tracker.ok("config", "set", "increment.barbell", "5lb")
    assert tracker.ok("config", "get", "increment.barbell").stdout.splitlines() == [
        "increment.barbell = 2.5 kg  (default; in force: you log in kg)",
        "increment.barbell = 5 lb  (gym-wide; only for lifts you log in lb)",
    ]


def test_an_lb_lifter_is_told_which_of_two_steps_applies_and_why(tracker: Tracker) -> None:
    tracker.ok("lifter", "add", "ana", "--unit", "lb")
    tracker.ok("config", "set", "increment.barbell", "2kg")  # gym-wide, in kg
    tracker.ok("config", "set", "bar", "20kg")
    lines = tracker.ok("--lifter", "ana", "config", "get").stdout.splitlines()
    assert "increment.barbell = 5 lb  (default; in force: you log in lb)" in lines
    assert "increment.barbell = 2 kg  (gym-wide; only for lifts you log in kg)" in lines
    assert "bar = 45 lb  (default; in force: you log in lb)" in lines
    assert "bar = 20 kg  (gym-wide; only for loads in kg)" in lines
    # A key with one value says nothing more.
    assert "increment.dumbbell = 5 lb  (default)" in lines
    # The step said to be in force is the one a suggestion for a lift logged in lb uses.
    tracker.ok("--lifter", "ana", "log", "back squat", "5x135", "--at", "3 days ago")
    assert tracker.json("--lifter", "ana", "suggest", "back squat")["increment"] == 5.0
    tracker.ok("--lifter", "ana", "log", "back squat", "5x60kg")
    assert tracker.json("--lifter", "ana", "suggest", "back squat")["increment"] == 2.0


def test_per_exercise_steps_are_listed_with_their_equipment(tracker: Tracker) -> None:
    tracker.ok("exercises", "edit", "single leg press", "--increment", "2.5", "--unit", "kg")
    assert tracker.ok("config", "get", "increment.machine").stdout.splitlines() == [
        "increment.machine = 5 kg  (default)",
        "increment of Single Leg Press = 2.5 kg  (per exercise)",
    ]
    assert "increment of Single Leg Press = 2.5 kg  (per exercise)" in (
        tracker.ok("config", "get").stdout.splitlines()
    )


def test_unknown_keys_are_one_line_errors(tracker: Tracker) -> None:
    assert tracker.fails("config", "get", "colour") == (
        'Error: unknown setting "colour": use unit, increment.EQUIPMENT, bar or plates '
        "(see: tracker config get)"
    )
    assert "unknown setting" in tracker.fails("config", "get", "increment.spaceship")
