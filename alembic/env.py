"""Alembic environment shared by `alembic upgrade head` and tracker's first-run migration."""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from tracker.adapters.tables import metadata

config = context.config
target_metadata = metadata

if config.config_file_name is not None:
    # Keep the application's own loggers working when run from tracker.
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table, with named constraints.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # tracker passes its own connection
        run_migrations(connection)
        return
    from tracker.adapters.db import create_app_engine
    from tracker.adapters.location import ENV_DB, resolve_url

    url = config.get_main_option("sqlalchemy.url") or resolve_url(os.environ.get(ENV_DB) or None)
    engine = create_app_engine(url, foreign_keys=False)
    try:
        with engine.begin() as conn:
            run_migrations(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()
