"""Click parameter types that validate at the boundary with the domain's parsers."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

import click

from tracker.cli.context import UserError
from tracker.domain.errors import TrackerError
from tracker.domain.units import MAX_NUMBER


def refuse(exc: TrackerError, param: click.Parameter | None) -> UserError:
    """A bad option value is a one-line error like any other, not a usage dump."""
    name = param.opts[0] if param is not None and param.opts else "value"
    return UserError(f"{name}: {exc}")


def local_zone() -> tzinfo:
    """The machine's zone with its daylight-saving rules (not just today's UTC offset)."""
    from dateutil import tz

    return tz.tzlocal()


def local_now() -> datetime:
    """Now, aware, in the machine's local zone (times are shown in local time)."""
    return datetime.now(local_zone())


class WhenParam(click.ParamType[datetime]):
    """A point in time as lifters type it: "2026-11-20 18:30", "yesterday 18:00", "2 days ago".

    start_of_day: a bare date means its first moment (--since); end_of_day: its last (--until).
    """

    name = "when"

    def __init__(self, start_of_day: bool = False, end_of_day: bool = False) -> None:
        self.start_of_day = start_of_day or end_of_day
        self.end_of_day = end_of_day

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        from tracker.domain.when import parse_since, parse_when

        parse = parse_since if self.start_of_day else parse_when
        now = local_now()
        try:
            moment = parse(str(value), now)
        except TrackerError as exc:
            raise refuse(exc, param) from None
        if self.end_of_day and names_a_whole_day(str(value), moment):
            moment = min(moment + timedelta(days=1) - timedelta(microseconds=1), now)
        return moment


def names_a_whole_day(text: str, moment: datetime) -> bool:
    """ "2026-11-20" or "yesterday" (a day, no clock time): --until includes all of it."""
    has_clock = ":" in text or re.search(r"\d\s*(am|pm)\b", text, re.IGNORECASE)
    return not has_clock and moment.time() == time(0)


class RpeParam(click.ParamType[Decimal]):
    name = "rpe"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Decimal):
            return value
        from tracker.domain.specs import parse_rpe  # not for `log --help`, `set --help`

        try:
            return parse_rpe(str(value))
        except TrackerError as exc:
            raise refuse(exc, param) from None


class DecimalParam(click.ParamType[Decimal]):
    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        name = param.opts[0] if param is not None and param.opts else "value"
        try:
            number = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise UserError(f'{name}: "{value}" is not a number') from None
        if not number.is_finite() or abs(number) >= MAX_NUMBER:
            raise UserError(f"{name}: give a number below {MAX_NUMBER}, got {value}")
        if number != number.quantize(Decimal("0.001")):
            raise UserError(f"{name}: at most 3 decimal places, got {value}")
        return number


WHEN = WhenParam()
SINCE = WhenParam(start_of_day=True)
UNTIL = WhenParam(end_of_day=True)
RPE = RpeParam()
NUMBER = DecimalParam()
