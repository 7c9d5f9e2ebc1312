"""Issue 22's report rules on plain sets: formulas in range, like with like."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tracker.domain.e1rm import estimate_1rm
from tracker.domain.e1rm import held as held_e1rm
from tracker.domain.model import Side
from tracker.domain.report_figures import (
    LINEAR_BASE,
    AllTime,
    ExerciseImbalance,
    SessionSides,
    SetGroup,
    best_measures,
    e1rm_of_key,
    exercise_imbalance,
    set_e1rm,
    set_group,
    side_figures,
)
from tracker.domain.units import Unit

D = Decimal
START = dt.datetime(2026, 12, 1, 17, tzinfo=dt.UTC)


def session(
    left: list[SetGroup], right: list[SetGroup], formula: str = "epley", day: int = 0
) -> SessionSides:
    return SessionSides(
        day + 1,
        START + dt.timedelta(days=day),
        side_figures(left, Unit.KG, formula),
        side_figures(right, Unit.KG, formula),
    )


def sets(*pairs: tuple[int, str]) -> list[SetGroup]:
    return [SetGroup(reps, D(load), Unit.KG) for reps, load in pairs]


def held(*seconds: int) -> list[SetGroup]:
    return [set_group(0, D(0), Unit.KG, True, START, (), D(s)) for s in seconds]


def imbalance(sessions: list[SessionSides], metric: str = "e1rm") -> ExerciseImbalance:
    return exercise_imbalance("x", sessions, metric, 3, AllTime(None, None))


def test_a_set_beyond_12_reps_never_decides_an_estimate_volume_then() -> None:
    """-l 35x40 -r 12x60 --formula brzycki gave left e1RM 720 kg and LSI 12.0. Now the left
    side has no set in range and the sides share no load: volume, 1400 against 720."""
    item = imbalance([session(sets((35, "40")), sets((12, "60")), "brzycki")])
    assert item.left.best_e1rm is None and item.left.out_of_range == 1
    assert item.compared_by == "volume" and item.aggregate == "total"
    judged = item.judgement
    assert (judged.left, judged.right) == (D(1400), D(720))
    assert judged.lsi is not None and round(judged.lsi, 2) == D("51.43")
    assert judged.weaker_side is not None and judged.weaker_side.value == "right"


def test_a_side_with_no_set_in_range_compares_reps_at_a_shared_load() -> None:
    """35 x 40 against 12 x 40 and 20 x 40: the most reps in one set at 40 kg, 35 against 20."""
    item = imbalance([session(sets((35, "40")), sets((12, "40"), (20, "40"), (8, "50")))])
    assert item.compared_by == "reps_at_load" and item.aggregate == "best_set"
    assert (item.judgement.left, item.judgement.right) == (D(35), D(20))


def test_sides_in_range_compare_by_e1rm_whatever_the_other_sets() -> None:
    item = imbalance([session(sets((35, "40"), (10, "60")), sets((10, "60")))])
    assert item.compared_by == "e1rm"
    assert item.judgement.lsi == D(100)
    assert item.notes == ("1 set of more than 12 reps left out of the e1RM: no formula is "
                          "reliable there.",)


def test_duration_compares_the_longest_set_not_totals() -> None:
    """60 s against 45 + 65 s: LSI 92.3 (60 / 65), not 54.5 (60 / 110)."""
    item = imbalance([session(held(60), held(45, 65))], metric="duration")
    assert item.aggregate == "best_set"
    assert (item.judgement.left, item.judgement.right) == (D(60), D(65))
    assert item.judgement.lsi is not None and round(item.judgement.lsi, 1) == D("92.3")
    assert item.right.duration == 110  # the total is still there for the per-side figures


def test_reps_compare_the_best_set_per_session_and_the_mean_over_sessions() -> None:
    """12 against 8 + 6, then 10 against 10: the best sets, 11 against 9 over the two."""
    item = imbalance(
        [session(sets((12, "20")), sets((8, "20"), (6, "20"))),
         session(sets((10, "20")), sets((10, "20")), day=1)],
        metric="reps",
    )
    assert (item.judgement.left, item.judgement.right) == (D(11), D(9))


def test_volume_and_distance_stay_totals() -> None:
    item = imbalance([session(sets((10, "20")), sets((8, "20"), (6, "20")))], metric="volume")
    assert item.aggregate == "total"
    assert (item.judgement.left, item.judgement.right) == (D(200), D(280))


def test_a_pair_beyond_the_formulas_range_gets_no_lsi() -> None:
    """13 reps a side: `report imbalance` gives such a session no e1RM figure (the window's
    other sessions decide the metric), so the gym's pair line gives none either."""
    from datetime import UTC, datetime

    from tracker.domain.report_figures import SetGroup, pair_judgement

    when = datetime(2026, 12, 1, 17, tzinfo=UTC)
    pair = [SetGroup(13, Decimal(20), Unit.KG)]
    assert pair_judgement(pair, pair, when, Unit.KG).lsi is None
    in_range = [SetGroup(12, Decimal(20), Unit.KG)]
    assert pair_judgement(in_range, in_range, when, Unit.KG).lsi == Decimal(100)


# -- one e1RM whatever the order of its arithmetic (the SQL key and the set-by-set estimate) --


@pytest.mark.parametrize("formula", ["epley", "oconner"])
@pytest.mark.parametrize("typed", [Unit.KG, Unit.LB])
@pytest.mark.parametrize("unit", [Unit.KG, Unit.LB])
@pytest.mark.parametrize("reps", [1, 5, 7, 8, 11, 12])
@pytest.mark.parametrize("load", ["175", "32", "11.34", "0.001", "16", "9999.999", "100.005"])
def test_the_sql_key_gives_the_set_by_set_e1rm(
    load: str, reps: int, unit: Unit, typed: Unit, formula: str
) -> None:
    milli = int(Decimal(load) * 1000)
    per_milli = 45_359_237 if typed is Unit.LB else 100_000_000  # 1e-11 kg per typed gram
    base = LINEAR_BASE[formula]
    key = milli * per_milli * (base if reps == 1 else base + reps)
    by_set = set_e1rm(reps, Decimal(load), typed, unit, formula)
    assert e1rm_of_key(key, 10**11, formula, unit) == by_set


def test_equal_sides_by_different_paths_are_equal() -> None:
    """8 x 175 lb (a loaded set) and 8 x (165 + 10) lb (a bodyweight set) in lb and in kg."""
    key = 175_000 * 45_359_237 * 38
    for unit in Unit:
        assert e1rm_of_key(key, 10**11, "epley", unit) == set_e1rm(8, D(175), Unit.LB, unit)


def test_an_e1rm_is_held_at_its_quantum() -> None:
    assert estimate_1rm(D(175), 8) == D("221.666666666667")
    assert estimate_1rm(D(60), 10) == D(80) and str(estimate_1rm(D(60), 10)) == "80"
    last_digit_up = D("221.6666666666666666666666667")
    last_digit_down = D("221.6666666666666666666666666")
    assert held_e1rm(last_digit_up) == held_e1rm(last_digit_down)


# -- hop tests: compared by their best trial, a timed one the other way -----------------------


def hops(*metres: str) -> list[SetGroup]:
    """Unloaded distance sets (`1.8m`): a hop for distance per trial."""
    return [set_group(0, D(0), Unit.KG, True, START, (), None, D(m)) for m in metres]


def test_a_timed_hop_is_compared_by_its_shortest_trial_the_slower_side_weaker() -> None:
    """Unloaded timed sets only: compared by duration without --metric; lower is better, so
    each side's session figure is its fastest trial and the LSI faster / slower (20 s against
    23 s: 86.96), whatever the slower trials were."""
    item = exercise_imbalance("hop", [session(held(21, 20), held(23, 30))], "e1rm", 3,
                              AllTime(None, None), lower_is_better=True)
    assert (item.compared_by, item.aggregate) == ("duration", "best_set")
    judged = item.judgement
    assert (judged.left, judged.right, judged.lower_is_better) == (D(20), D(23), True)
    assert judged.lsi is not None and round(judged.lsi, 2) == D("86.96")
    assert (judged.weaker_side, judged.right_weaker) == (Side.RIGHT, 1)  # the slower side
    assert item.session_lsi(item.comparisons[0]) == judged.lsi
    involved = exercise_imbalance("hop", [session(held(20), held(23))], "e1rm", 3,
                                  AllTime(None, None), Side.RIGHT, lower_is_better=True)
    assert involved.judgement.lsi == judged.lsi  # uninvolved 20 s / involved 23 s


def test_a_hold_is_still_compared_by_its_longest_set() -> None:
    item = imbalance([session(held(60, 45), held(50))])
    assert item.compared_by == "duration"  # unloaded timed sets: no --metric needed
    assert (item.judgement.left, item.judgement.right) == (D(60), D(50))
    assert item.judgement.weaker_side is Side.RIGHT  # the shorter hold


def test_a_hop_for_distance_is_compared_by_its_longest_trial_not_the_total() -> None:
    item = imbalance([session(hops("1.50", "1.80"), hops("1.60"))])
    assert (item.compared_by, item.aggregate) == ("best_distance", "best_set")
    assert (item.judgement.left, item.judgement.right) == (D("1.80"), D("1.60"))
    assert item.left.distance == D("3.30")  # the total stays what --metric distance compares
    assert imbalance([session(hops("1.50", "1.80"), hops("1.60"))], "distance").judgement.left \
        == D("3.30")


def test_loaded_timed_or_mixed_sets_keep_the_default_comparison() -> None:
    carry = [set_group(0, D(24), Unit.KG, False, START, (), None, D(40))]
    assert imbalance([session(carry, carry)]).compared_by == "e1rm"
    mixed = imbalance([session(held(20) + hops("1.5"), held(20))])
    assert mixed.compared_by != "duration"


def test_a_time_in_decimal_seconds_is_compared_exactly() -> None:
    fast = [set_group(0, D(0), Unit.KG, True, START, (), D("2.00"))]
    slow = [set_group(0, D(0), Unit.KG, True, START, (), D("2.30"))]
    item = exercise_imbalance("hop", [session(fast, slow)], "e1rm", 3, AllTime(None, None),
                              Side.RIGHT, lower_is_better=True)
    assert item.judgement.lsi is not None and round(item.judgement.lsi, 2) == D("86.96")


def test_best_measures_of_a_timed_test_is_its_shortest_time() -> None:
    measures = [(D(21), None, None), (D("20.5"), None, None), (None, D("1.5"), "m")]
    assert best_measures(measures).time_s == 21
    assert best_measures(measures, lower_is_better=True).time_s == D("20.5")
