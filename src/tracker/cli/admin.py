"""`tracker admin ...`: the owner of a shared PostgreSQL database gives out access."""

from __future__ import annotations

import click

from tracker.cli.context import App, echo, pass_app


@click.group("admin")
def admin_group() -> None:
    """Access to a shared PostgreSQL database (run by the owner of its tables)."""


@admin_group.command("grant")
@click.argument("name")
@click.option("--role", required=True, help="An existing PostgreSQL role (CREATE ROLE ...).")
@click.option(
    "--coach-of",
    "coach_of",
    multiple=True,
    metavar="LIFTER",
    help="Also let ROLE read this lifter's training (repeat for several).",
)
@pass_app
def admin_grant(app: App, name: str, role: str, coach_of: tuple[str, ...]) -> None:
    """Make ROLE the database role of lifter NAME: connected as ROLE, tracker reads and
    writes NAME's rows only (row-level security), and reads those of --coach-of lifters."""
    from tracker.services.admin import grant  # SQLAlchemy: not for `admin --help`

    done = grant(app.uow(), name, role, coach_of)
    coached = f"; coach of {', '.join(done.coach_of)}" if done.coach_of else ""
    echo(f'lifter "{done.lifter}" is role {done.role}{coached}')
