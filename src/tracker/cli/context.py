"""What every command shares: the database location, the lifter, output helpers.

Every command imports this module, its help and a usage error included: what only opening
the database or showing an error needs (tracker.bootstrap, the layout, the collector) is
imported where it is used, and nothing here imports SQLAlchemy at module level.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tracker.cli.terminal import tagged, terminal_text
from tracker.domain.errors import DatabaseError, DatabaseUrlError, TrackerError
from tracker.domain.text_safety import json_text, shown_safe

if TYPE_CHECKING:
    from tracker.bootstrap import Engine, UnitOfWork

F = TypeVar("F", bound=Callable[..., Any])

# Exit codes (documented in the README).
EXIT_USER_ERROR = 1  # bad input or a request that contradicts what is stored
EXIT_USAGE = 2  # Click's own: unknown option, missing argument
EXIT_DATABASE = 3  # the database can't be opened or its schema is unknown


class UserError(click.ClickException):
    """One line on stderr, `Error: ...`, and a non-zero exit."""

    exit_code = EXIT_USER_ERROR


class DatabaseUnavailable(UserError):
    exit_code = EXIT_DATABASE


@dataclass
class App:
    db: str | None
    lifter: str | None
    _engine: Engine | None = field(default=None, repr=False)
    _lifter_checked: bool = field(default=False, repr=False)

    @property
    def url(self) -> str:
        from tracker.bootstrap import resolve_url

        return resolve_url(self.db)

    def engine(self) -> Engine:
        """The engine, with the schema at head and the built-in catalog loaded."""
        if self._engine is None:
            from tracker.bootstrap import open_engine
            from tracker.cli.startup import resume_collector

            self._engine = open_engine(self.url, notify=echo_err)
            resume_collector()
        return self._engine

    def uow(self, read_only: bool = False) -> UnitOfWork:
        """The command's unit of work. `read_only` for a command that only reads (SQLite: it
        never waits for a writer such as a long import); one that writes after all (the
        default lifter on first use) upgrades its transaction then."""
        from tracker.bootstrap import unit_of_work

        uow = unit_of_work(self.engine(), self.lifter, read_only)
        if read_only and not self._lifter_checked:
            # The lifter must exist before a read-only transaction starts: the default one
            # is made on first use in a write transaction of its own, and an unknown
            # --lifter is refused by every command, listings included.
            from tracker.services.lifters import ensure_lifter

            ensure_lifter(uow, self.lifter)
            self._lifter_checked = True
        return uow

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


pass_app = click.make_pass_decorator(App)

def echo(text: str = "", err: bool = False) -> None:
    """The one way a command writes a line of text (tests/test_architecture.py checks it)."""
    click.echo(terminal_text(text), err=err)


def echo_err(line: str) -> None:
    echo(line, err=True)


def echo_wrapped(text: str, indent: str = "    ") -> None:
    """One line, wrapped to the terminal with a hanging `indent` when it does not fit."""
    from tracker.cli.layout import wrap_line

    for line in wrap_line(text, indent=indent):
        echo(line)


class ShownError(click.ClickException):
    """A ClickException shown as Click would, but its `Error: ...` line on one line with control
    characters escaped, wrapped to the width when there is one (COLUMNS or a terminal)."""

    def __init__(self, error: click.ClickException) -> None:
        super().__init__(error.format_message())
        self.error = error

    def show(self, file: Any = None) -> None:
        import io

        from tracker.cli.layout import wrap_line

        usage = io.StringIO()  # a usage error's usage and help hint come before its line
        self.error.show(file=usage)
        for line in usage.getvalue().rpartition("Error: ")[0].splitlines():
            echo(line, err=True)
        for line in wrap_line("Error: " + shown_safe(self.message, one_line=True)):
            echo(line, err=True)


def shown(error: click.ClickException) -> ShownError:
    """`error` as the root command shows every error, with its exit code."""
    if isinstance(error, ShownError):
        return error

    class Shown(ShownError):
        exit_code = error.exit_code

    return Shown(error)


def use_color() -> bool:
    """Colours only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def style(text: str, **styles: Any) -> str:
    if not use_color():
        return text
    return tagged(click.style(shown_safe(text), **styles))  # the text escaped, not the codes


def emit_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster to write, since
    only the unindented encoder is in C) when a script reads it. Control characters are
    written as \\u escapes (json_text), so the sink has nothing to change."""
    if sys.stdout.isatty():
        echo(json_text(data, indent=2))
    else:
        echo(json_text(data, separators=(",", ":")))


def to_user_error(exc: BaseException) -> UserError | None:
    """Map the errors a user can cause to one clean line; None means a real bug."""
    if not isinstance(exc, TrackerError):  # a database error outside a unit of work
        from tracker.bootstrap import domain_error

        error = domain_error(exc)
        if error is None:
            return None
        exc = error
    if isinstance(exc, DatabaseUrlError | DatabaseError):
        return DatabaseUnavailable(str(exc))
    return UserError(str(exc))
