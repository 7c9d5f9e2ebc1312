"""The injury date (`lifter edit --injury-date`), EPIC and recovery in `report imbalance`,
and `report readiness` (domain-science 1.4b, Wellsandt 2017), through the real CLI."""

from __future__ import annotations

import json

from tests.helpers.cli import Tracker


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
