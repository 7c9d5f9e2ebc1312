"""`tracker db ...`: where the data lives, migrations and backups."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.context import App, UserError, pass_app


@click.group("db")
def db_group() -> None:
    """Where your data lives, schema upgrades and backups."""


@db_group.command("path")
@pass_app
def db_path(app: App) -> None:
    """Print where the database is (file path, or URL without password)."""
    from tracker.adapters.location import describe

    click.echo(describe(app.url))


@db_group.command("upgrade")
@pass_app
def db_upgrade(app: App) -> None:
    """Create the database or migrate it to the latest schema (backing up SQLite first).

    tracker does this by itself on first use; this command does it explicitly.
    """
    from tracker.adapters.db import HEAD_REVISION, create_app_engine, current_revision

    engine = create_app_engine(app.url)
    before = current_revision(engine)
    engine.dispose()
    app.engine()
    if before == HEAD_REVISION:
        click.echo(f"database already at revision {HEAD_REVISION}")
    else:
        click.echo(f"database at revision {HEAD_REVISION} (was {before or 'empty'})")


@db_group.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def db_backup(app: App, file: Path | None) -> None:
    """Copy the SQLite database consistently, even while another terminal is logging.

    FILE defaults to tracker-backup-YYYYmmdd-HHMMSS.db beside the database. For PostgreSQL,
    use pg_dump.
    """
    from tracker.adapters.location import sqlite_path
    from tracker.services.backup import backup_database

    if sqlite_path(app.url) is not None:
        app.engine()  # make sure the database exists and is at head
    try:
        target = backup_database(app.url, file)
    except FileExistsError as exc:
        raise UserError(f"{exc.args[0]} already exists; give another FILE") from None
    click.echo(f"backed up to {target}")
