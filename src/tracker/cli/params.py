"""Click parameter types that validate at the boundary with the domain's parsers."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import click

from tracker.cli.context import UserError
from tracker.domain.errors import TrackerError


def refuse(exc: TrackerError, param: click.Parameter | None) -> UserError:
    """A bad option value is a one-line error like any other, not a usage dump."""
    name = param.opts[0] if param is not None and param.opts else "value"
    return UserError(f"{name}: {exc}")


def local_now() -> datetime:
    """Now, aware, in the machine's local zone (times are shown in local time)."""
    return datetime.now().astimezone()


class WhenParam(click.ParamType[datetime]):
    """A point in time as lifters type it: "2026-11-20 18:30", "yesterday 18:00", "2 days ago"."""

    name = "when"

    def __init__(self, start_of_day: bool = False) -> None:
        self.start_of_day = start_of_day

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        from tracker.domain.when import parse_since, parse_when

        parse = parse_since if self.start_of_day else parse_when
        try:
            return parse(str(value), local_now())
        except TrackerError as exc:
            raise refuse(exc, param) from None


class RpeParam(click.ParamType[Decimal]):
    name = "rpe"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, Decimal):
            return value
        from tracker.domain.specs import parse_rpe

        try:
            return parse_rpe(str(value))
        except TrackerError as exc:
            raise refuse(exc, param) from None


class DecimalParam(click.ParamType[Decimal]):
    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from decimal import InvalidOperation

        try:
            return Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            self.fail(f'"{value}" is not a number', param, ctx)


WHEN = WhenParam()
SINCE = WhenParam(start_of_day=True)
RPE = RpeParam()
NUMBER = DecimalParam()
