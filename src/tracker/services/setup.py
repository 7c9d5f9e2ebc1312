"""Opening a database: engine, migrations on first use, the built-in catalog."""

from __future__ import annotations

from collections.abc import Callable

from tracker.adapters.db import create_app_engine, ensure_schema
from tracker.adapters.unit_of_work import Engine


def open_database(url: str, notify: Callable[[str], None]) -> Engine:
    engine = create_app_engine(url, on_wait=notify)
    try:
        if ensure_schema(engine, url, notify):
            engine.dispose()
            engine = create_app_engine(url, on_wait=notify)
        from tracker.services.builtin_catalog import ensure_builtin_catalog

        ensure_builtin_catalog(engine)
    except BaseException:
        engine.dispose()  # no connection left for the garbage collector to close
        raise
    return engine
