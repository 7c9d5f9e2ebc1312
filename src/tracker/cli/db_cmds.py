"""`tracker db ...`: where the data lives, migrations and backups."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.context import App, DatabaseUnavailable, UserError, echo, pass_app


@click.group("db")
def db_group() -> None:
    """Where your data lives, schema upgrades and backups."""


@db_group.command("path")
@pass_app
def db_path(app: App) -> None:
    """Print where the database is (file path, or URL without password)."""
    from tracker.bootstrap import describe  # tracker.bootstrap: not for `db --help`

    echo(describe(app.url))


@db_group.command("upgrade")
@pass_app
def db_upgrade(app: App) -> None:
    """Create the database or migrate it to the latest schema (backing up SQLite first).

    tracker does this by itself on first use; this command does it explicitly.
    """
    from tracker.bootstrap import schema_state

    before, lacking, head = schema_state(app.url)
    if lacking and before == head:
        raise DatabaseUnavailable(
            f"the database says revision {before} but lacks the table(s) {', '.join(lacking)}; "
            "restore a backup (a migration cannot bring lost rows back)"
        )
    app.engine()
    if before == head:
        echo(f"database already at revision {head}")
    else:
        echo(f"database at revision {head} (was {before or 'empty'})")


@db_group.command("backup")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists (a regular file only).")
@pass_app
def db_backup(app: App, file: Path | None, force: bool) -> None:
    """Copy the SQLite database consistently, even while another terminal is logging.

    FILE defaults to tracker-backup-YYYYmmdd-HHMMSS.db beside the database. The copy is
    written under a temporary name and renamed when complete (mode 600); an existing FILE is
    kept unless --force. For PostgreSQL, use pg_dump.
    """
    from tracker.bootstrap import sqlite_path
    from tracker.services.backup import backup_database  # SQLAlchemy: not for `db path`

    if sqlite_path(app.url) is not None:
        app.engine()  # make sure the database exists and is at head
    try:
        target = backup_database(app.url, file, force)
    except FileExistsError as exc:
        raise UserError(
            f"{exc.args[0]} already exists; give another FILE, or --force to replace it"
        ) from None
    echo(f"backed up to {target}")
