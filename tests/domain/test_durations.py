"""The one duration grammar, as the set syntax (`45s`, `1:30`) and rest (`rest 90`, `2m`) read it.

Every input either accepted before they shared one parser is here, with its seconds; so are
the inputs each refuses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidSpec, InvalidValue
from tracker.domain.routines import parse_rest
from tracker.domain.specs import parse_spec

SET_TIMES: list[tuple[str, Decimal | int]] = [
    ("45s", 45), ("45 s", 45), ("45sec", 45), ("45 secs", 45), ("1s", 1),
    ("1:30", 90), ("0:45", 45), ("90:00", 5400), ("1:30:00", 5400), ("0:01:30", 90),
    ("24:00:00", 86400), ("2min", 120), ("2 mins", 120), ("1.5min", 90), ("0.5 min", 30),
    ("1440min", 86400), ("86400s", 86400), ("2.31s", Decimal("2.31")),
    ("0.5s", Decimal("0.5")), ("2,305 s", Decimal("2.305")), ("0.01min", Decimal("0.6")),
    ("1:30.5", Decimal("90.5")), ("1:00:00.25", Decimal("3600.25")),
]
SET_NOT_TIMES = [
    "0s", "0.0s", "2.3105s", "86400.001s", "1:60", "1:5", "0.00001min", "1441min", "24:00:01",
    "100:00:00",
]
RESTS = [
    ("90", 90), ("0", 0), ("3600", 3600), ("90s", 90), ("90 s", 90), ("90sec", 90),
    ("90 sec", 90), ("2m", 120), ("2 m", 120), ("2min", 120), ("2 min", 120), ("60m", 3600),
    ("1:30", 90), ("0:00", 0), ("60:00", 3600), (" 1:30 ", 90), ("2M", 120), ("90S", 90),
]
NOT_RESTS = ["soon", "1:75", "61m", "-5", "3601", "1:5", "", "1.5", "60:01", "m", "s"]


@pytest.mark.parametrize(("text", "seconds"), SET_TIMES)
def test_the_set_syntax_reads_a_time(text: str, seconds: Decimal | int) -> None:
    (spec,) = parse_spec(text)
    assert (spec.duration_s, spec.reps, spec.distance) == (seconds, 0, None)


@pytest.mark.parametrize("text", SET_NOT_TIMES)
def test_the_set_syntax_refuses_a_time_out_of_range(text: str) -> None:
    with pytest.raises((InvalidSpec, InvalidValue)):
        parse_spec(text)


def test_m_in_the_set_syntax_is_metres() -> None:
    (spec,) = parse_spec("2m")
    assert (spec.duration_s, spec.distance, spec.distance_unit) == (None, Decimal(2), "m")


@pytest.mark.parametrize(("text", "seconds"), RESTS)
def test_rest_reads_a_time(text: str, seconds: int) -> None:
    assert parse_rest(text) == seconds


@pytest.mark.parametrize("text", NOT_RESTS)
def test_rest_refuses(text: str) -> None:
    with pytest.raises(InvalidValue):
        parse_rest(text)


@pytest.mark.parametrize(
    ("text", "seconds"), [(t, s) for t, s in SET_TIMES if s <= 3600 and s == int(s)]
)
def test_rest_reads_every_whole_time_the_set_syntax_reads(text: str, seconds: Decimal) -> None:
    assert parse_rest(text) == seconds


@pytest.mark.parametrize("text", ["2.31s", "0.5s"])
def test_rest_is_whole_seconds(text: str) -> None:
    with pytest.raises(InvalidValue):
        parse_rest(text)


@pytest.mark.parametrize(
    ("text", "metres"),
    [("152cm", "1.52"), ("152 cm", "1.52"), ("1.52m", "1.52"), ("15.5cm", "0.155")],
)
def test_a_hop_distance_in_centimetres_is_the_same_distance_in_metres(
    text: str, metres: str
) -> None:
    (spec,) = parse_spec(text)
    assert (spec.distance, spec.distance_unit, spec.reps) == (Decimal(metres), "m", 0)


def test_a_distance_finer_than_a_millimetre_is_refused() -> None:
    with pytest.raises(InvalidValue, match="at most 3 decimals, got 15.25cm"):
        parse_spec("15.25cm")
