"""The `tracker` command line: a thin layer that parses, calls a service and renders.

Command modules import only Click and the domain at import time; services (and with them
SQLAlchemy) are imported inside the commands, so `tracker --help` stays instant.
"""

from __future__ import annotations

from typing import Any

import click

from tracker import __version__
from tracker.cli.context import App, to_user_error


class TrackerGroup(click.Group):
    """The root group: turns the errors a user can cause into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except Exception as exc:
            error = to_user_error(exc)
            if error is None:
                raise
            raise error from None
        finally:
            app = ctx.find_object(App)
            if app is not None:
                app.close()


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(cls=TrackerGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="tracker")
@click.option(
    "--db",
    envvar="TRACKER_DB",
    metavar="PATH|URL",
    help="Database: a SQLite file path or a SQLAlchemy URL (sqlite:///..., "
    "postgresql+psycopg://...). Default: tracker.db in your user data folder. Env: TRACKER_DB.",
)
@click.option(
    "--lifter",
    envvar="TRACKER_LIFTER",
    metavar="NAME",
    help="Whose training to read and write (default: the built-in lifter 'me'). "
    "Env: TRACKER_LIFTER.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, lifter: str | None) -> None:
    """Log weight-training sessions, each side of a unilateral lift on its own.

    \b
    Quick start:
      tracker log "leg press" 10x100 10x120 8x140
      tracker log "single leg press" --left 10x60 --right 8x60
      tracker session show last
      tracker report imbalance
      tracker suggest "single leg press"
    """
    ctx.obj = App(db=db, lifter=lifter)


def _register() -> None:
    from tracker.cli import (
        bodyweight,
        db_cmds,
        exercises,
        lifters,
        logging_cmds,
        reports,
        sessions,
        suggest,
        transfer,
    )

    modules = (
        logging_cmds, sessions, reports, suggest, exercises, transfer, lifters, bodyweight, db_cmds,
    )  # fmt: skip
    for module in modules:
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="tracker")
