"""Property tests through the real CLI: valid specs round-trip, invalid ones store nothing."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.helpers.cli import Tracker
from tracker.domain.errors import TrackerError
from tracker.domain.model import SetSpec
from tracker.domain.specs import format_spec, parse_spec
from tracker.domain.units import Unit

loads = st.decimals(min_value=0, max_value=2000, places=3, allow_nan=False, allow_infinity=False)
units = st.sampled_from([Unit.KG, Unit.LB, None])


@st.composite
def set_specs(draw: st.DrawFn) -> SetSpec:
    reps = draw(st.integers(1, 100))
    if draw(st.booleans()) and draw(st.booleans()):
        return SetSpec(reps=reps, load=None, unit=None, bodyweight=True)
    return SetSpec(reps=reps, load=draw(loads), unit=draw(units))


PROPERTY_SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def sets_of_last_session(tracker: Tracker) -> list[dict[str, object]]:
    result = tracker("session", "show", "--json")
    if result.exit_code != 0:
        return []
    import json

    sets: list[dict[str, object]] = json.loads(result.stdout)["sets"]
    return sets


@PROPERTY_SETTINGS
@given(specs=st.lists(set_specs(), min_size=1, max_size=4))
def test_any_valid_spec_round_trips_to_the_same_stored_values(
    tracker: Tracker, specs: list[SetSpec]
) -> None:
    # --yes: random sets are far apart, and the entry check would question them.
    tracker.ok("log", "bench press", *(format_spec(spec) for spec in specs), "--yes")
    stored = sets_of_last_session(tracker)[-len(specs) :]
    for spec, row in zip(specs, stored, strict=True):
        assert row["reps"] == spec.reps
        assert Decimal(str(row["load"])) == (spec.load if spec.load is not None else 0)
        assert row["unit"] == (spec.unit or Unit.KG).value
        assert row["bodyweight"] is spec.bodyweight
    tracker.ok("undo")


@PROPERTY_SETTINGS
@given(junk=st.text(min_size=1, max_size=12))
def test_invalid_specs_never_store_anything(tracker: Tracker, junk: str) -> None:
    assume(not junk.startswith("-") and "\x00" not in junk)
    try:
        parse_spec(junk.split("@")[0])
        assume(False)  # a valid spec: not what this property is about
    except TrackerError:
        pass
    before = len(sets_of_last_session(tracker))
    result = tracker("log", "bench press", "5x100", junk)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and "Traceback" not in result.output
    assert len(sets_of_last_session(tracker)) == before
