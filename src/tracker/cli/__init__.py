"""The `tracker` command line: a thin layer that parses, calls a service and renders.

Command modules import only Click and the domain at import time; services (and with them
SQLAlchemy) are imported inside the commands, so `tracker --help` stays instant.
"""

from __future__ import annotations

from typing import Any

import click

from tracker import __version__
from tracker.cli.complete import complete_lifter
from tracker.cli.context import App, to_user_error
from tracker.cli.layout import terminal_width


class TrackerGroup(click.Group):
    """The root group: turns the errors a user can cause into one line and an exit code."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        # Help text follows the same width as every other output (COLUMNS, else the
        # terminal), at most Click's usual 78 columns.
        width = terminal_width()
        if width is not None:
            extra.setdefault("terminal_width", min(width, 80) - 2)
        return super().make_context(info_name, args, parent, **extra)

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
            clean = without_secrets(error.message, ctx.find_object(App))
            raise type(error)(clean) from None
        finally:
            app = ctx.find_object(App)
            if app is not None:
                app.close()


def without_secrets(message: str, app: App | None) -> str:
    """A driver's message may quote the URL: its password never reaches the terminal."""
    if app is None:
        return message
    from tracker.adapters.location import secrets_of

    try:
        secrets = secrets_of(app.url)
    except Exception:  # an unusable --db value has no password to hide
        return message
    for secret in sorted(secrets, key=len, reverse=True):
        message = message.replace(secret, "***")
    return message


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
    shell_complete=complete_lifter,
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


@click.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the shell completion script for SHELL (bash, zsh or fish).

    \b
    For this shell:  eval "$(tracker completion bash)"
    For good, bash:  add that line to ~/.bashrc
    zsh:   tracker completion zsh > "${fpath[1]}/_tracker"
    fish:  tracker completion fish \\
             > ~/.config/fish/completions/tracker.fish
    """
    from tracker.cli.complete import completion_script

    click.echo(completion_script(ctx.find_root().command, shell))


def _register() -> None:
    from tracker.cli import (
        admin,
        bodyweight,
        coach,
        db_cmds,
        exercises,
        gym,
        history_cmds,
        lifters,
        logging_cmds,
        plates,
        reports,
        routines,
        sessions,
        suggest,
        transfer,
    )

    modules = (
        logging_cmds,
        history_cmds,
        sessions,
        reports,
        suggest,
        exercises,
        transfer,
        lifters,
        db_cmds,
        gym,
        routines,
        plates,
        admin,
        bodyweight,
    )
    for module in modules:
        for command in module.COMMANDS:
            cli.add_command(command)
    cli.add_command(completion_command)
    for command in coach.REPORT_COMMANDS:
        reports.report_group.add_command(command)


_register()


def main() -> None:
    cli(prog_name="tracker")
