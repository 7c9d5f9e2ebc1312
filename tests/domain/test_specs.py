"""The set syntax: parse_spec, format_spec and parse_rpe."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.model import SetSpec
from tracker.domain.specs import format_spec, parse_rpe, parse_set, parse_spec, shown
from tracker.domain.units import Unit

KG, LB = Unit.KG, Unit.LB


def one(reps: int, load: str | None, unit: Unit | None = None, bw: bool = False) -> SetSpec:
    value = None if load is None else Decimal(load)
    return SetSpec(reps=reps, load=value, unit=unit, bodyweight=bw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10x60", one(10, "60")),
        ("10x60kg", one(10, "60", KG)),
        ("10X60KG", one(10, "60", KG)),
        ("8x135lb", one(8, "135", LB)),
        ("8x135lbs", one(8, "135", LB)),
        ("8x135 pounds", one(8, "135", LB)),
        ("8x61.25", one(8, "61.25")),
        ("8x61,25", one(8, "61.25")),
        ("10*60", one(10, "60")),
        ("10×60", one(10, "60")),
        ("  10 x 60 kg  ", one(10, "60", KG)),
        ("10x0", one(10, "0")),
        ("10x60.500", one(10, "60.5")),
        ("100x2000", one(100, "2000")),
        ("1x0.125", one(1, "0.125")),
        ("12", one(12, None, bw=True)),
        ("12xBW", one(12, None, bw=True)),
        ("12xbw", one(12, None, bw=True)),
        ("8xBW+20", one(8, "20", bw=True)),
        ("8 x bw + 20 kg", one(8, "20", KG, bw=True)),
        ("8xbw+17.5lb", one(8, "17.5", LB, bw=True)),
    ],
)
def test_single_set(text: str, expected: SetSpec) -> None:
    assert parse_spec(text) == [expected]


@pytest.mark.parametrize(
    ("text", "count", "expected"),
    [
        ("3x10x60", 3, one(10, "60")),
        ("3x10x60kg", 3, one(10, "60", KG)),
        ("3 X 10 * 60 lbs", 3, one(10, "60", LB)),
        ("3x12xBW", 3, one(12, None, bw=True)),
        ("2x8xbw+10", 2, one(8, "10", bw=True)),
        ("1x5x100", 1, one(5, "100")),
        ("20x1x1", 20, one(1, "1")),
    ],
)
def test_several_sets(text: str, count: int, expected: SetSpec) -> None:
    assert parse_spec(text) == [expected] * count


def test_loads_are_decimals_without_float_noise() -> None:
    (spec,) = parse_spec("5x61.2")
    assert isinstance(spec.load, Decimal)
    assert str(spec.load) == "61.2"


def test_trailing_zeros_and_negative_zero_are_dropped() -> None:
    assert str(parse_spec("5x60.000")[0].load) == "60"
    assert str(parse_spec("5x-0")[0].load) == "0"


HELP = "write REPSxLOAD such as 10x60, 10x60kg, 3x10x60, 12xBW, or a time or distance (45s, 400m)"


@pytest.mark.parametrize(
    "text",
    ["10x", "x60", "ten x 60", "10x60x", "banana", "", "   ", "x", "10xx60", "1x2x3x4",
     "10x60 60", "10.5x60", "10xkg", "10xbw+", "10xbw20", "12kg", "bw", "10x1e3", "10x٣"],
)
def test_malformed_specs_say_how_to_write_one(text: str) -> None:
    with pytest.raises(InvalidSpec) as caught:
        parse_spec(text)
    assert str(caught.value) == f'can\'t read set "{shown(text)}": {HELP}'


def test_the_message_quotes_what_was_typed() -> None:
    with pytest.raises(InvalidSpec, match=r'^can\'t read set "10x": write REPSxLOAD such as 10x60'):
        parse_spec("10x")


def test_unknown_unit_names_the_unit() -> None:
    with pytest.raises(InvalidSpec) as caught:
        parse_spec("10x60kgz")
    assert str(caught.value) == 'can\'t read set "10x60kgz": unknown unit "kgz"; use kg or lb'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("101x60", "reps must be between 0 and 100, got 101"),
        ("-5x60", "reps must be between 0 and 100, got -5"),
        ("0x10x60", "set count must be between 1 and 20, got 0"),
        ("21x10x60", "set count must be between 1 and 20, got 21"),
        ("10x2000.5", "load must be between 0 and 2000, got 2000.5"),
        ("10x61.2345", "load can have at most 3 decimal places, got 61.2345"),
        ("10x-20", "load can't be negative, got -20: write the weight lifted, e.g. 10x60"),
        ("0s", "a time must be more than 0 s and at most 24 hours (3 decimals at most), got 0s"),
        ("90000s",
         "a time must be more than 0 s and at most 24 hours (3 decimals at most), got 90000s"),
        (
            "0m",
            "a distance must be more than 0 and at most 100000 m with at most 3 decimals, got 0m",
        ),
        (
            "1001km",
            "a distance must be more than 0 and at most 1000 km with at most 3 decimals, "
            "got 1001km",
        ),
    ],
)
def test_out_of_range_values(text: str, message: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_spec(text)
    assert str(caught.value) == message


def test_huge_numbers_are_range_errors_not_crashes() -> None:
    with pytest.raises(InvalidValue, match="^reps must be between 0 and 100, got 9999"):
        parse_spec("9" * 5000 + "x60")
    with pytest.raises(InvalidValue, match="^load must be between 0 and 2000"):
        parse_spec("10x" + "9" * 60 + ".5")


def test_messages_stay_on_one_short_line() -> None:
    with pytest.raises(InvalidSpec) as caught:
        parse_spec("ten\nx\t60 " + "z" * 200)
    message = str(caught.value)
    assert "\n" not in message
    assert '"ten x 60 ' + "z" * 28 + '..."' in message  # cut to 40 characters


@pytest.mark.parametrize(
    ("spec", "default", "text"),
    [
        (one(10, "60"), None, "10x60"),
        (one(10, "60", KG), None, "10x60kg"),
        (one(10, "60", KG), KG, "10x60"),
        (one(10, "60", KG), LB, "10x60kg"),
        (one(8, "61.250", LB), None, "8x61.25lb"),
        (one(12, None, bw=True), None, "12xBW"),
        (one(8, "20", KG, bw=True), None, "8xBW+20kg"),
        (one(5, "1E+2"), None, "5x100"),
    ],
)
def test_format_spec(spec: SetSpec, default: Unit | None, text: str) -> None:
    assert format_spec(spec, default) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [("8", "8"), ("8.5", "8.5"), ("9,5", "9.5"), (" 10 ", "10"), ("1", "1"), ("7.50", "7.5")],
)
def test_rpe(text: str, value: str) -> None:
    assert parse_rpe(text) == Decimal(value)
    assert str(parse_rpe(text)) == value


@pytest.mark.parametrize("text", ["11", "0", "0.5", "10.5", "8.25", "-8", "eight", "", "8x", "nan"])
def test_rpe_out_of_range(text: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_rpe(text)
    assert str(caught.value) == f"RPE must be 1 to 10 in half points, got {text.strip()}"


# Property tests -------------------------------------------------------------------------------

loads = st.decimals(min_value=0, max_value=2000, places=3, allow_nan=False, allow_infinity=False)
units = st.none() | st.sampled_from(Unit)


@st.composite
def valid_specs(draw: st.DrawFn) -> SetSpec:
    bodyweight = draw(st.booleans())
    load = draw(st.none() | loads) if bodyweight else draw(loads)
    unit = draw(units) if load is not None else None
    return SetSpec(reps=draw(st.integers(1, 100)), load=load, unit=unit, bodyweight=bodyweight)


@given(valid_specs(), st.integers(1, 20))
def test_formatted_specs_read_back_exactly(spec: SetSpec, count: int) -> None:
    text = format_spec(spec)
    assert parse_spec(text) == [spec]
    assert parse_spec(f"{count}x{text}") == [spec] * count


@given(valid_specs(), units)
def test_omitting_the_default_unit_keeps_the_load(spec: SetSpec, default: Unit | None) -> None:
    (back,) = parse_spec(format_spec(spec, default))
    assert (back.reps, back.load, back.bodyweight) == (spec.reps, spec.load, spec.bodyweight)
    assert (back.unit or default) == (spec.unit or default)


JUNK = st.text(alphabet=st.sampled_from("0123456789xX*×.,+- bwBWkglbsKGLB\n\t€é٣"), max_size=20)


@given(JUNK | st.text(max_size=30))
def test_junk_parses_to_valid_sets_or_says_why(text: str) -> None:
    try:
        specs = parse_spec(text)
    except (InvalidSpec, InvalidValue) as error:
        assert "\n" not in str(error)
        return
    assert 1 <= len(specs) <= 20
    for spec in specs:
        assert 0 <= spec.reps <= 100
        assert spec.load is None or 0 <= spec.load <= 2000 or (spec.bodyweight and spec.load < 0)
        assert spec.bodyweight or spec.load is not None


@given(st.text(max_size=12))
def test_rpe_junk_is_refused_cleanly(text: str) -> None:
    try:
        value = parse_rpe(text)
    except InvalidValue:
        return
    assert 1 <= value <= 10
    assert value * 2 == int(value * 2)


def measured(work: str, load: str | None = None, unit: Unit | None = None) -> SetSpec:
    """The spec of a timed or distance set, built independently of the parser."""
    duration = distance = distance_unit = None
    if work.endswith("s"):
        duration = Decimal(work[:-1])
    else:
        number = work.rstrip("kmi")
        distance, distance_unit = Decimal(number), work[len(number) :]
    value = None if load is None else Decimal(load)
    return SetSpec(reps=0, load=value, unit=unit, bodyweight=load is None,
                   duration_s=duration, distance=distance, distance_unit=distance_unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("45s", measured("45s")),
        ("90 sec", measured("90s")),
        ("1:30", measured("90s")),
        ("1:30:00", measured("5400s")),
        ("0:01:30", measured("90s")),
        ("2000m", measured("2000m")),
        ("2min", measured("120s")),
        ("400m", measured("400m")),
        ("5km", measured("5km")),
        ("3mi", measured("3mi")),
        ("2.5km", measured("2.5km")),
        ("40mx24", measured("40m", "24")),
        ("60sx10kg", measured("60s", "10", KG)),
    ],
)
def test_timed_and_distance_sets(text: str, expected: SetSpec) -> None:
    (spec,) = parse_spec(text)
    assert spec == expected
    assert spec.measured and not spec.failed


def test_a_set_count_before_a_time_repeats_it() -> None:
    assert parse_spec("3x45s") == [measured("45s")] * 3
    assert parse_spec("2x40mx24") == [measured("40m", "24")] * 2


def test_zero_reps_is_a_failed_attempt() -> None:
    (spec,) = parse_spec("0x60")
    assert (spec.reps, spec.load, spec.failed) == (0, Decimal(60), True)


def test_assisted_bodyweight_is_a_negative_load() -> None:
    (spec,) = parse_spec("8xBW-20")
    assert (spec.reps, spec.load, spec.bodyweight) == (8, Decimal(-20), True)
    assert format_spec(spec) == "8xBW-20"


def test_a_bare_count_is_marked_as_typed_without_a_load() -> None:
    assert parse_spec("12")[0].load_given is False
    assert parse_spec("12xBW")[0].load_given is True
    assert format_spec(parse_spec("45s")[0]) == "45s"


def test_parse_set_reads_the_rpe_suffix() -> None:
    assert parse_set("12x60@9.5") == [(one(12, "60"), Decimal("9.5"))]
    assert parse_set("2x5x100", Decimal(8)) == [(one(5, "100"), Decimal(8))] * 2


@st.composite
def measured_specs(draw: st.DrawFn) -> SetSpec:
    load = draw(st.none() | loads)
    unit = draw(units) if load is not None else None
    if draw(st.booleans()):
        return SetSpec(reps=0, load=load, unit=unit, bodyweight=load is None,
                       duration_s=draw(st.integers(1, 24 * 3600).map(Decimal)
                                      | st.decimals("0.001", 24 * 3600, places=3)))
    distance = draw(st.decimals(min_value="0.001", max_value=1000, places=3))
    return SetSpec(reps=0, load=load, unit=unit, bodyweight=load is None,
                   distance=distance.normalize() if distance % 1 else distance.quantize(1),
                   distance_unit=draw(st.sampled_from(["m", "km", "mi"])))


@given(measured_specs(), st.integers(1, 20))
def test_timed_and_distance_specs_read_back_exactly(spec: SetSpec, count: int) -> None:
    text = format_spec(spec)
    assert parse_spec(text) == [spec]
    assert parse_spec(f"{count}x{text}") == [spec] * count
